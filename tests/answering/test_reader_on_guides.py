"""The reader over the bundled guides and the regulations they cite, in a real index."""

from __future__ import annotations

import pytest


@pytest.mark.shared
def test_a_guide_that_answers_from_a_pasal_brings_that_pasal_s_own_words(regulations_assistant) -> None:
    answer = regulations_assistant.ask("Setelah teguran tertulis, berapa lama waktu yang diberikan kepada penyelenggara "
                                       "yang tidak menyediakan sarana pengaduan sebelum dibebaskan dari jabatan?")
    assert not answer.abstained, answer.text
    labels = [c.label for c in answer.citations]
    # the guide says "(Pasal 54 ayat (4) UU 25/2009)": the ayat of that Pasal are quoted from the law itself
    assert any(label.startswith("Pasal 54") and "UU 25/2009" in label for label in labels), labels


@pytest.mark.shared
def test_a_regional_government_written_short_is_the_actor_of_the_question(regulations_assistant) -> None:
    from assistant.answering.asks import analyse_question

    assert analyse_question("Apakah pemkab wajib menyusun arsitektur SPBE?").actor == "pemerintah daerah"
    # a short form that qualifies something is not who is asked about
    assert analyse_question("Operator mau menarik kabel melewati tanah milik pemda. Apakah boleh?").actor == ""
    answer = regulations_assistant.ask("Pemprov kami harus menyusun Arsitektur SPBE daerah untuk jangka berapa tahun?")
    assert not answer.abstained, answer.text
    assert "pemerintah daerah" in answer.text.lower(), answer.text


@pytest.mark.shared
def test_a_deadline_of_another_act_does_not_answer_the_act_asked_about(regulations_assistant) -> None:
    # UU 25/2009 gives 14 days to respond to a complaint (Pasal 51 ayat (3)); it sets no day count
    # for the Ombudsman to settle one
    responded = regulations_assistant.ask("Dalam berapa hari penyelenggara wajib menanggapi pengaduan masyarakat?")
    assert "14 (empat belas) hari" in responded.text.splitlines()[0], responded.text
    settled = regulations_assistant.ask("Berapa hari waktu yang dimiliki Ombudsman untuk menyelesaikan pengaduan?")
    first = settled.text.splitlines()[0]
    assert settled.abstained or "tidak disebutkan" in first, settled.text
    assert "14 (empat belas)" not in first


def test_what_a_value_ask_measures() -> None:
    from assistant.answering.asks import analyse_question
    from assistant.index.lexical import tokenize

    def measured(question: str) -> list[str]:
        return [a.measured for a in analyse_question(question).asks]

    assert measured("Dalam berapa hari Ombudsman wajib menyelesaikan pengaduan?") == ["selesai"]
    assert measured("Berapa tahun masa retensi data pribadi?") == ["retensi"]
    assert measured("Berapa lama waktu yang dimiliki pemda untuk menetapkan arsitektur?") == tokenize("menetapkan")
    assert measured("Berapa pemerintah daerah yang mencapai predikat Baik?") == [""]  # who is counted
    assert measured("How many days does the Ombudsman have to settle a complaint?") == [""]
