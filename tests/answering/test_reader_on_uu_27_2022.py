"""The reader on a real regulation in a real index: sanctions through the law's links, dates resolved."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED_REGULATIONS, assistant_over


@pytest.fixture(scope="module")
def pdp(tmp_path_factory):
    return assistant_over(tmp_path_factory, [SHARED_REGULATIONS / "uu-27-2022.txt"], "pdp-index")


@pytest.mark.shared
def test_a_sanction_question_reaches_the_sanction_provision_through_its_reference(pdp) -> None:
    answer = pdp.ask("Apa sanksi bagi pengendali data pribadi yang tidak menyampaikan pemberitahuan tertulis "
                     "atas kegagalan pelindungan data pribadi?")
    assert not answer.abstained, answer.text
    first = answer.text.splitlines()[0]
    assert first.startswith("- **Sanksi/akibat:**") and "sanksi administratif" in first.lower(), first
    assert any(c.label.startswith("Pasal 57") for c in answer.citations), [c.label for c in answer.citations]


@pytest.mark.shared
def test_a_relative_deadline_is_given_as_a_date(pdp) -> None:
    answer = pdp.ask("Paling lambat kapan pengendali data pribadi harus menyesuaikan pemrosesan data pribadinya dengan UU PDP?")
    assert "17 Oktober 2024" in answer.text.splitlines()[0], answer.text
    assert answer.citations[0].label.startswith("Pasal 74 UU 27/2022")


@pytest.mark.shared
def test_a_fact_the_law_does_not_state_is_not_answered_with_a_neighbouring_value(pdp) -> None:
    answer = pdp.ask("Paling lambat kapan Presiden harus membentuk lembaga penyelenggara pelindungan data pribadi?")
    assert answer.abstained or "tidak disebutkan" in answer.text.splitlines()[0], answer.text
    assert "3 x 24" not in answer.text.splitlines()[0]


@pytest.mark.shared
def test_a_defined_term_of_the_question_brings_its_definition_and_an_ayat_its_penjelasan(pdp) -> None:
    question = "Apakah Pengendali Data Pribadi wajib memberitahukan kegagalan pelindungan kepada masyarakat?"
    result = pdp.retrieve(question)
    _, read_hits = pdp.read_question(question, result.hits[:6])
    linked = read_hits[6:]
    assert any(h.metadata["pasal"] == "Pasal 1" and h.metadata["angka"] for h in linked), \
        [(h.metadata["pasal"], h.metadata["angka"], h.metadata["part"]) for h in linked]
    answer = pdp.ask(question)
    assert answer.text.startswith("- **Ketentuannya:** Ya"), answer.text
    assert any(c.label.startswith("Penjelasan Pasal 46") for c in answer.citations), [c.label for c in answer.citations]


@pytest.mark.shared
def test_quotes_below_the_answer_come_from_the_provision_that_answers(pdp) -> None:
    answer = pdp.ask("Dalam waktu berapa lama pengendali data pribadi wajib menyampaikan pemberitahuan tertulis "
                     "atas kegagalan pelindungan data pribadi?")
    assert "3 x 24" in answer.text.splitlines()[0], answer.text
    labels = [c.label for c in answer.citations]
    assert labels and all("Pasal 46" in label for label in labels), labels


@pytest.mark.shared
def test_a_follow_up_is_answered_for_what_its_own_words_ask(pdp) -> None:
    answer = pdp.ask("Siapa yang berwenang menjatuhkannya?", history=["Sanksi administratif apa saja yang diatur UU PDP?"])
    first = answer.text.splitlines()[0]
    assert first.startswith("- **Pihak:**") and "oleh lembaga" in first, answer.text
    assert answer.citations[0].label == "Pasal 57 ayat (4) UU 27/2022", [c.label for c in answer.citations]


@pytest.mark.shared
def test_an_english_question_is_answered_from_the_indonesian_term_it_quotes(pdp) -> None:
    answer = pdp.ask("We score citizens automatically in our benefits app. Under the PDP Law, what is 'pemrofilan'?")
    first = answer.text.splitlines()[0]
    assert "mengidentifikasi seseorang" in first, answer.text
    assert answer.citations[0].label.startswith("Penjelasan Pasal 10"), [c.label for c in answer.citations]
