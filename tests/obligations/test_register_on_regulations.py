"""The obligations register over real regulations in a real index (skipped without ../shared)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assistant.obligations.register import ObligationQuery


@pytest.fixture(scope="module")
def regulations(regulations_assistant):
    return regulations_assistant


def _by_citation(entries):
    return {e.obligation.citation: e for e in entries}


pytestmark = [pytest.mark.shared, pytest.mark.slow]


def test_a_regional_government_sees_its_spbe_deadlines(regulations):
    found = _by_citation(regulations.obligations(ObligationQuery(actor="pemerintah daerah")))
    architecture = found["Pasal 3 ayat (5) Perpres 132/2022"].obligation
    assert architecture.deadline == "paling lambat tahun 2023" and architecture.deadline_date == "2023-12-31"
    assert "Kepala Daerah" in architecture.actors
    infrastructure = found["Pasal 5 ayat (2) Perpres 132/2022"].obligation
    assert "Pemerintah Daerah" in infrastructure.actors and infrastructure.modality == "must"
    assert infrastructure.deadline.startswith("paling lambat 2 (dua) tahun sejak Arsitektur SPBE")
    assert infrastructure.deadline_date == ""  # counted from an event the law does not date


def test_duties_of_a_service_provider_carry_the_sanctions_the_law_attaches(regulations):
    """A Pemerintah Daerah is a penyelenggara of public services: UU 25/2009's duties reach it,
    item by item, each with the ayat of Pasal 54 that sanctions it."""
    found = _by_citation(regulations.obligations(ObligationQuery(actor="pemerintah daerah", regulation="UU 25/2009")))
    standard = found["Pasal 15 huruf a UU 25/2009"]
    assert standard.relation == "peran" and standard.via == "Penyelenggara"
    assert "menyusun dan menetapkan standar pelayanan" in standard.obligation.action
    assert [s.citation for s in standard.obligation.sanctions][:1] == ["Pasal 54 ayat (8) UU 25/2009"]
    assert found["Pasal 15 huruf g UU 25/2009"].obligation.sanctions[0].citation == "Pasal 54 ayat (1) UU 25/2009"
    assert all(e.obligation.actors for e in found.values())


def test_data_controller_duties_carry_pasal_57(regulations):
    found = _by_citation(regulations.obligations(ObligationQuery(actor="pemerintah daerah", regulation="UU PDP")))
    security = found["Pasal 35 UU 27/2022"].obligation
    assert "Pengendali Data Pribadi" in security.actors and security.modality == "must"
    assert [s.citation for s in security.sanctions] == ["Pasal 57 ayat (1) UU 27/2022"]
    assert security.sanctions[0].kind == "administrative"
    forbidden = _by_citation(regulations.obligations(ObligationQuery(actor="setiap orang")))
    assert forbidden["Pasal 65 ayat (1) UU 27/2022"].obligation.modality == "must_not"
    assert forbidden["Pasal 65 ayat (1) UU 27/2022"].obligation.sanctions[0].kind == "criminal"


def test_a_relative_deadline_is_resolved_and_a_recurrence_comes_from_the_penjelasan(regulations):
    everyone = _by_citation(regulations.obligations())
    transition = everyone["Pasal 69 UU 20/2023"].obligation
    assert transition.deadline_date == "2024-10-31" and "1 (satu) tahun" in transition.deadline
    report = everyone["Pasal 6 ayat (5) UU 25/2009"].obligation
    assert report.actors == ("Gubernur",)  # "Pembina sebagaimana dimaksud pada ayat (2) huruf b"
    assert report.recurrence == "sekurang-kurangnya 1 (satu) tahun sekali" and report.recurrence_source == "penjelasan"


def test_filters_and_bad_filters(regulations):
    due = regulations.obligations(ObligationQuery(due_before=__import__("datetime").date(2024, 1, 1)))
    assert due and all(e.obligation.deadline_date < "2024-01-01" for e in due)
    with pytest.raises(ValueError, match="no actor known"):
        regulations.obligations(ObligationQuery(actor="kucing"))
    with pytest.raises(ValueError, match="unknown pillar"):
        ObligationQuery(pillar="spirit")


def test_the_cli_prints_the_register_as_json(regulations, monkeypatch):
    from assistant.cli import app

    monkeypatch.setenv("PANDU_INDEX_DIR", str(regulations.settings.index_dir))
    monkeypatch.setenv("PANDU_CACHE_DIR", str(regulations.settings.cache_dir))
    from assistant.settings import get_settings

    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["obligations", "--actor", "bupati", "--regulation", "Perpres 132/2022", "--json"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    keys = {"actor", "modality", "action", "deadline", "deadline_date", "recurrence", "sanction", "citation", "quote", "pillar"}
    assert rows and all(keys <= set(r) for r in rows)
    assert any(r["citation"] == "Pasal 3 ayat (5) Perpres 132/2022" and r["deadline_date"] == "2023-12-31" for r in rows)
    bad = CliRunner().invoke(app, ["obligations", "--pillar", "spirit"])
    assert bad.exit_code == 2
