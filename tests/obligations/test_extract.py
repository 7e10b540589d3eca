"""Obligations read from a fictional Perda written for these tests: each class of clause the
extractor must tell apart, parsed as the index parses it (no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluation.obligations import extract_from_file
from assistant.obligations.actors import covered_actors, normalise_actor

PERDA = Path(__file__).resolve().parents[1] / "fixtures" / "regulations" / "perda-kota-contoh-7-2097.txt"


@pytest.fixture(scope="module")
def found():
    return {o.citation: o for o in extract_from_file(PERDA)}


def test_a_modal_duty_with_a_deadline_counted_from_promulgation(found):
    o = found["Pasal 2 ayat (1) Perda Kota Contoh 7/2097"]
    assert (o.modality, o.actors) == ("must", ("Pemerintah Daerah",))
    assert o.deadline_date == "2098-01-03" and o.deadline.startswith("paling lambat 1 (satu) tahun")
    assert o.recurrence == "paling sedikit 1 (satu) kali dalam 1 (satu) tahun" and o.recurrence_source == "penjelasan"


def test_a_task_without_a_modal_word_and_an_eligibility_that_is_not_a_power(found):
    o = found["Pasal 2 ayat (2) Perda Kota Contoh 7/2097"]
    assert (o.modality, o.actors, o.deadline_date) == ("must", ("Bupati/Wali Kota",), "2098-12-31")
    assert "Pasal 2 ayat (3) Perda Kota Contoh 7/2097" not in found  # "dapat menjadi"


def test_a_list_of_duties_is_read_item_by_item_with_its_sanctions(found):
    secret = found["Pasal 3 huruf a Perda Kota Contoh 7/2097"]
    report = found["Pasal 3 huruf b Perda Kota Contoh 7/2097"]
    assert secret.action.endswith("a. menjaga kerahasiaan data warga;") and report.modality == "must"
    assert [(s.citation, s.kind) for s in secret.sanctions] == [("Pasal 6 ayat (1) Perda Kota Contoh 7/2097", "administrative")]
    assert report.sanctions == ()
    assert not any(c.startswith("Pasal 6") for c in found)  # a sanction clause is not itself an obligation


def test_an_actor_named_by_reference_prohibitions_powers_agents_and_delegations(found):
    assert found["Pasal 4 ayat (1) Perda Kota Contoh 7/2097"].actors == ("Gubernur",)  # "ayat (2) huruf b"
    banned = found["Pasal 5 ayat (1) Perda Kota Contoh 7/2097"]
    assert banned.modality == "must_not" and banned.sanctions[0].kind == "criminal"
    assert found["Pasal 5 ayat (2) Perda Kota Contoh 7/2097"].modality == "may"
    tested = found["Pasal 5 ayat (3) Perda Kota Contoh 7/2097"]
    assert tested.modality == "must" and tested.actor == "Dinas Komunikasi dan Informatika"
    assert "Pasal 5 ayat (4) Perda Kota Contoh 7/2097" not in found  # a delegation
    assert not any(c.startswith("Pasal 1 ") for c in found)  # definitions


@pytest.mark.parametrize(("words", "actor"), [("pemda", "Pemerintah Daerah"), ("Bupati Kutai", "Bupati/Wali Kota"),
                                              ("pengendali data", "Pengendali Data Pribadi"), ("kucing", "")])
def test_actor_names(words, actor):
    assert normalise_actor(words) == actor


def test_the_roles_an_actor_plays():
    covered = covered_actors("Pemerintah Daerah")
    assert covered["Pemerintah Daerah"] == "" and covered["Penyelenggara"] == "peran"
    assert covered["Pengendali Data Pribadi"] == "peran" and covered["Kepala Daerah"] == "jabatan"
    assert "Menteri" not in covered and "Setiap Orang" not in covered
