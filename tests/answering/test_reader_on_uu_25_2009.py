"""The reader on UU 25/2009 in a real index: what the asker already states is not the answer."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED_REGULATIONS, assistant_over


@pytest.fixture(scope="module")
def public_service(tmp_path_factory):
    return assistant_over(tmp_path_factory, [SHARED_REGULATIONS / "uu-25-2009.txt"], "uu25-index")


@pytest.mark.shared
def test_a_frequency_the_asker_already_states_is_not_the_answer(public_service) -> None:
    # Pasal 38 ayat (1) says "secara berkala"; its Penjelasan says how often: at least once a year
    answer = public_service.ask("Penilaian kinerja penyelenggaraan pelayanan publik katanya dilakukan secara berkala. "
                                "Berkalanya itu berapa kali dalam setahun?")
    first = answer.text.splitlines()[0]
    assert not answer.abstained and "1 (satu) kali" in first, answer.text
    assert answer.citations[0].label.startswith("Penjelasan Pasal 38"), [c.label for c in answer.citations]


@pytest.mark.shared
def test_the_same_frequency_answers_when_the_asker_does_not_state_it(public_service) -> None:
    answer = public_service.ask("Seberapa sering penyelenggara wajib menilai kinerja penyelenggaraan pelayanan publik?")
    assert not answer.abstained, answer.text
    assert "Pasal 38" in answer.citations[0].label, [c.label for c in answer.citations]
