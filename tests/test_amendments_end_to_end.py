"""UU 11/2008 and its amendment UU 1/2024, indexed together (real model, real Chroma)."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED_REGULATIONS, make_settings

BPK = SHARED_REGULATIONS / "external" / "bpk-md"


@pytest.fixture(scope="module")
def ite_assistant(tmp_path_factory):
    if not (BPK / "UU_2024_001.md").is_file():
        pytest.skip("external regulations are absent")
    from assistant.api import Assistant

    assistant = Assistant(make_settings(tmp_path_factory.mktemp("ite-index")))
    report = assistant.ingest([BPK / "UU_2008_011.md", BPK / "UU_2024_001.md"], progress=False)
    assert report.ok, report.summary()
    return assistant, report


@pytest.mark.shared
def test_a_question_on_an_amended_pasal_quotes_the_amended_wording_and_says_so(ite_assistant) -> None:
    assistant, _ = ite_assistant
    answer = assistant.ask("Apa isi Pasal 13 UU 11/2008?")
    labels = [c.label for c in answer.citations]
    assert labels, answer.text
    assert labels[0].startswith("Pasal 13 "), labels
    assert labels[0].endswith("UU 11/2008 sebagaimana diubah dengan UU 1/2024"), labels
    # The original wording, where quoted, says that it has been amended since.
    originals = [label for label in labels if label.startswith("Pasal 13 UU 11/2008") and "sebagaimana" not in label]
    assert all("telah diubah dengan UU 1/2024" in label for label in originals), labels


@pytest.mark.shared
def test_the_library_shows_both_sides_of_the_amendment(ite_assistant) -> None:
    assistant, _ = ite_assistant
    status = {d.short_name: d.legal_status for d in assistant.documents()}
    assert "diubah dengan UU 1/2024" in status["UU 11/2008"]
    assert "mengubah UU 11/2008" in status["UU 1/2024"]


@pytest.mark.shared
def test_a_regulation_parsed_in_part_is_reported_at_ingest(ite_assistant) -> None:
    _, report = ite_assistant
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in report.files}
    # UU 1/2024 loses a few inserted Pasal to OCR ("Pasal 278" for 27B): said, not hidden.
    assert "not parsed" in by_name["UU_2024_001.md"].warning
    assert by_name["UU_2008_011.md"].status == "added"


@pytest.mark.shared
def test_cross_references_between_texts_are_known_to_the_provision_cited(ite_assistant) -> None:
    assistant, _ = ite_assistant
    answer = assistant.ask("Pasal 27 UU 11/2008")
    by_label = {s.pasal: s for s in answer.sources if s.short_name == "UU 11/2008" and s.part == "batang_tubuh"}
    # Pasal 45 (penalties) of UU 11/2008 as amended cites Pasal 27; the original Pasal 27 knows it.
    original = by_label.get("Pasal 27")
    assert original is not None, [s.pasal for s in answer.sources]
    assert any(key.startswith("UU 11/2008|Pasal 45") for key in original.cited_by), original.cited_by
    assert original.amended_by == "UU 1/2024"
