"""The register as CSV, DOCX and iCalendar files, read back with the libraries that read them,
over an index holding a fictional Perda."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from docx import Document
from icalendar import Calendar

from assistant.obligations.checklist import ChecklistItem
from assistant.obligations.exports import CSV_COLUMNS, event_uid, label, to_csv, to_docx, to_ics
from assistant.obligations.register import ObligationQuery

REG = "Perda Kabupaten Rekaan 7/2024"
TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def everything(obligations_assistant):
    return obligations_assistant.obligations()


@pytest.fixture(scope="module")
def pemda(obligations_assistant):
    return obligations_assistant.obligations(ObligationQuery(actor="Pemerintah Daerah"))


def _by_citation(entries, citation):
    return next(e for e in entries if e.obligation.citation == citation)


def test_csv_reads_back(tmp_path, everything):
    done = _by_citation(everything, f"Pasal 2 ayat (3) {REG}").obligation
    items = {done.id: ChecklistItem(done.id, "done", "=HYPERLINK(\"x\") dipasang")}
    path = to_csv(everything, tmp_path / "kewajiban.csv", items)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [label("id", c) for c in CSV_COLUMNS]
    assert len(rows) == len(everything) + 1 == 6
    records = [dict(zip(CSV_COLUMNS, r)) for r in rows[1:]]
    assert [r["citation"] for r in records] == [e.obligation.citation for e in everything]
    row = next(r for r in records if r["citation"] == done.citation)
    assert row["regulation"] == REG
    assert row["actor"] == "Pemerintah Daerah"
    assert row["modality"] == "wajib"
    assert row["deadline"] == "paling lambat tahun 2030" and row["deadline_date"] == "2030-12-31"
    assert row["sanction"] == f"dikenai sanksi administratif berupa teguran tertulis (Pasal 4 {REG})"
    assert row["status"] == "selesai"
    assert row["note"] == "'=HYPERLINK(\"x\") dipasang"  # never a formula in a spreadsheet
    assert row["quote"].startswith("Pemerintah Daerah wajib memasang Papan Layanan Digital")
    others = [r for r in records if r["citation"] != done.citation]
    assert {r["status"] for r in others} == {"belum"}
    recurring = next(r for r in records if r["citation"] == f"Pasal 2 ayat (2) {REG}")
    assert recurring["recurrence"] == "setiap tahun" and recurring["deadline_date"] == ""
    forbidden = next(r for r in records if r["citation"] == f"Pasal 3 ayat (2) {REG}")
    assert forbidden["modality"] == "dilarang"


def test_csv_in_english(tmp_path, pemda):
    path = to_csv(pemda, tmp_path / "obligations.csv", lang="en")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == [label("en", c) for c in CSV_COLUMNS]
    assert {r["Status"] for r in rows} == {"open"}
    assert {r["Modality"] for r in rows} == {"must"}


def _docx_text(path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_docx_briefing_reads_back(tmp_path, pemda):
    late = _by_citation(pemda, f"Pasal 2 ayat (1) {REG}").obligation
    path = to_docx(pemda, tmp_path / "kewajiban.docx", "Pemerintah Daerah",
                   items={late.id: ChecklistItem(late.id, "in_progress", "draf di Bappeda")}, today=TODAY)
    document = Document(str(path))
    assert document.paragraphs[0].text == "Kewajiban Pemerintah Daerah"
    body = _docx_text(path)
    assert "1 Juni 2026" in body
    for e in pemda:
        assert e.obligation.citation in body
        assert e.obligation.quote in body
    assert len(pemda) == 4  # its own three and the Bupati's one
    assert "4 kewajiban dari 1 peraturan; 3 dengan tenggat bertanggal, 2 di antaranya sudah lewat" in body
    assert "paling lambat 6 (enam) bulan sejak Peraturan Daerah ini diundangkan (3 Juli 2024, LEWAT)" in body
    assert "paling lambat tahun 2020 (31 Desember 2020, LEWAT)" in body
    assert "paling lambat tahun 2030 (31 Desember 2030)" in body
    assert "sedang berjalan — draf di Bappeda" in body
    assert "Yang dimaksud dengan kantor kecamatan termasuk kantor kelurahan" in body  # the Penjelasan
    assert f"dikenai sanksi administratif berupa teguran tertulis (Pasal 4 {REG})" in body
    for line in ("Nama:", "Jabatan:", "Tanggal:", "Tanda tangan:"):
        assert line in body
    assert len(document.tables) == 1
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Pasal", "Kewajiban", "Tenggat", "Sanksi", "Status"]
    assert len(table.rows) == 1 + len(pemda)


def test_docx_settled_obligation_is_not_overdue(tmp_path, pemda):
    late = _by_citation(pemda, f"Pasal 2 ayat (1) {REG}").obligation
    later = _by_citation(pemda, f"Pasal 3 ayat (1) {REG}").obligation
    items = {late.id: ChecklistItem(late.id, "done"), later.id: ChecklistItem(later.id, "not_applicable")}
    path = to_docx(pemda, tmp_path / "done.docx", "Pemerintah Daerah", items=items, today=TODAY, lang="en")
    body = _docx_text(path)
    assert body.startswith("Obligations of Pemerintah Daerah")
    assert "OVERDUE" not in body and "0 of them overdue" in body
    assert "Signature:" in body


def test_docx_of_nothing(tmp_path):
    body = _docx_text(to_docx([], tmp_path / "kosong.docx", ""))
    assert "Kewajiban seluruh pelaksana" in body
    assert "Tidak ada kewajiban yang cocok" in body


def test_ics_has_one_event_per_dated_deadline(tmp_path, everything):
    path = to_ics(everything, tmp_path / "tenggat.ics")
    calendar = Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    dated = {e.obligation.citation: e.obligation for e in everything if e.obligation.deadline_date}
    assert len(dated) == 3 and len(events) == 3
    by_uid = {str(ev["UID"]): ev for ev in events}
    for citation, o in dated.items():
        event = by_uid[event_uid(o.id)]
        assert event["DTSTART"].dt == dt.date.fromisoformat(o.deadline_date)
        assert event["DTEND"].dt == dt.date.fromisoformat(o.deadline_date) + dt.timedelta(days=1)
        assert citation in str(event["DESCRIPTION"])
        assert o.quote in str(event["DESCRIPTION"])
        assert citation in str(event["SUMMARY"])
        assert event["DTSTAMP"].dt.tzinfo is not None
    starts = {ev["DTSTART"].dt for ev in events}
    assert starts == {dt.date(2020, 12, 31), dt.date(2024, 7, 3), dt.date(2030, 12, 31)}
    sanctioned = by_uid[event_uid(dated[f"Pasal 2 ayat (3) {REG}"].id)]
    assert f"dikenai sanksi administratif berupa teguran tertulis (Pasal 4 {REG})" in str(sanctioned["DESCRIPTION"])
    assert all(f"Pasal 2 ayat (2) {REG}" not in str(ev["DESCRIPTION"]) for ev in events)  # undated: left out


def test_ics_uids_are_stable_and_distinct(tmp_path, everything):
    first = Calendar.from_ical(to_ics(everything, tmp_path / "a.ics").read_bytes())
    second = Calendar.from_ical(to_ics(list(reversed(everything)), tmp_path / "b.ics").read_bytes())
    uids = sorted(str(ev["UID"]) for ev in first.walk("VEVENT"))
    assert uids == sorted(str(ev["UID"]) for ev in second.walk("VEVENT"))
    assert len(set(uids)) == len(uids)


def test_ics_without_dated_deadlines_is_an_empty_calendar(tmp_path, everything):
    undated = [e for e in everything if not e.obligation.deadline_date]
    assert undated
    calendar = Calendar.from_ical(to_ics(undated, tmp_path / "kosong.ics").read_bytes())
    assert list(calendar.walk("VEVENT")) == []
