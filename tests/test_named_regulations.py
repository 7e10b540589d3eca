"""A regulation the question names: found whatever its kind, and when its text is not indexed,
only the notes written about it may speak of it (real corpus, real model, real Chroma)."""

from __future__ import annotations

import pytest

from assistant.documents.names import find_regulation_names


def test_every_kind_of_regulation_is_recognised_when_named() -> None:
    assert find_regulation_names("Berapa TKDN minimal menurut Permenkominfo 13/2021?") == ["Permenkominfo 13/2021"]
    assert find_regulation_names("Peraturan Menteri Komunikasi dan Informatika Nomor 5 Tahun 2020 dan UU PDP") == [
        "Permenkominfo 5/2020", "UU 27/2022"]
    assert find_regulation_names("Apa isi PermenPANRB 59/2020?") == ["PermenPANRB 59/2020"]
    assert find_regulation_names("Apa kewajiban instansi pemerintah?") == []


@pytest.mark.shared
def test_a_regulation_not_indexed_is_answered_from_the_notes_about_it_and_says_so(regulations_assistant) -> None:
    # the corpus holds a note on Perpres 95/2018 (its text is not indexed); the five regulations do not
    answer = regulations_assistant.ask("Apa saja prinsip penyelenggaraan SPBE menurut Perpres 95/2018?")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("Teks Perpres 95/2018 sendiri tidak termasuk sumber yang terindeks"), answer.text
    assert "keterpaduan" in answer.text and "interoperabilitas" in answer.text, answer.text
    assert answer.citations and all(c.doc_type != "regulation" for c in answer.citations), answer.citations


@pytest.mark.shared
def test_a_regulation_not_indexed_and_not_written_about_is_not_guessed_at(regulations_assistant) -> None:
    answer = regulations_assistant.ask("Berapa TKDN minimal ponsel 4G menurut Permenkominfo 13/2021?")
    assert answer.abstained, answer.text
    assert "Permenkominfo 13/2021" in answer.text and not answer.citations, answer.text
