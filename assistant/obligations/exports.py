"""A selection of the obligations register as files to take away: a CSV table (opens in Excel), a
DOCX briefing for a head of agency to sign off, and an iCalendar file of the dated deadlines.

    to_csv(entries, "kewajiban.csv", items=store.get(user))
    to_docx(entries, "kewajiban.docx", actor="Pemerintah Daerah", items=store.get(user))
    to_ics(entries, "tenggat.ics")

``items`` are a user's checklist items by obligation id (``ChecklistStore.get``); an obligation
without one is "open". An obligation counts as overdue when its dated deadline has passed and its
status is neither done nor not applicable.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from docx import Document
from docx.shared import Pt

from assistant.documents.names import format_date_id
from assistant.obligations.checklist import SETTLED, STATUSES, ChecklistItem
from assistant.obligations.model import MODALITY_WORDS
from assistant.obligations.register import RegisterEntry

Items = Mapping[str, ChecklistItem]

#: The CSV columns, in order.
CSV_COLUMNS: tuple[str, ...] = (
    "regulation", "citation", "actor", "modality", "action", "deadline", "deadline_date", "recurrence",
    "sanction", "pillar", "status", "note", "quote",
)

_LABELS: dict[str, dict[str, str]] = {
    "id": {
        "regulation": "Peraturan", "citation": "Pasal", "actor": "Pelaksana", "modality": "Sifat",
        "action": "Kewajiban", "deadline": "Tenggat", "deadline_date": "Tanggal tenggat", "recurrence": "Berulang",
        "sanction": "Sanksi", "pillar": "Pilar", "status": "Status", "note": "Catatan", "quote": "Bunyi ketentuan",
        "status_open": "belum", "status_in_progress": "sedang berjalan", "status_done": "selesai",
        "status_not_applicable": "tidak berlaku",
        "pillar_structure": "struktur digital", "pillar_competence": "kompetensi digital",
        "pillar_culture": "budaya digital",
        "overdue": "LEWAT",
        "title": "Kewajiban {actor}",
        "everyone": "seluruh pelaksana",
        "as_of": "Keadaan per {date}, disusun dari peraturan yang terindeks di Pandu.",
        "summary": "Ringkasan",
        "counts": "{n} kewajiban dari {m} peraturan; {dated} dengan tenggat bertanggal, {overdue} di antaranya "
                  "sudah lewat; {done} selesai atau tidak berlaku.",
        "next": "Tenggat terdekat",
        "late": "Sudah lewat tenggat",
        "none": "Tidak ada kewajiban yang cocok dengan pilihan ini.",
        "quotes": "Bunyi ketentuan",
        "penjelasan": "Penjelasan",
        "signoff": "Pengesahan",
        "signoff_intro": "Telah diperiksa dan disetujui sebagai daftar kewajiban instansi.",
        "name": "Nama", "position": "Jabatan", "date": "Tanggal", "signature": "Tanda tangan",
        "calendar": "Tenggat kewajiban (Pandu)",
    },
    "en": {
        "regulation": "Regulation", "citation": "Provision", "actor": "Actor", "modality": "Modality",
        "action": "Obligation", "deadline": "Deadline", "deadline_date": "Deadline date", "recurrence": "Recurrence",
        "sanction": "Sanction", "pillar": "Pillar", "status": "Status", "note": "Note", "quote": "Text of the provision",
        "status_open": "open", "status_in_progress": "in progress", "status_done": "done",
        "status_not_applicable": "not applicable",
        "pillar_structure": "digital structure", "pillar_competence": "digital competence",
        "pillar_culture": "digital culture",
        "overdue": "OVERDUE",
        "title": "Obligations of {actor}",
        "everyone": "all actors",
        "as_of": "As of {date}, compiled from the regulations indexed in Pandu.",
        "summary": "Summary",
        "counts": "Obligations: {n}, from {m} regulation(s); {dated} with a dated deadline, {overdue} of them "
                  "overdue; {done} done or not applicable.",
        "next": "Next deadlines",
        "late": "Overdue",
        "none": "No obligation matches this selection.",
        "quotes": "Text of the provisions",
        "penjelasan": "Elucidation (Penjelasan)",
        "signoff": "Sign-off",
        "signoff_intro": "Checked and approved as the agency's list of obligations.",
        "name": "Name", "position": "Position (jabatan)", "date": "Date", "signature": "Signature",
        "calendar": "Obligation deadlines (Pandu)",
    },
}

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
# characters XML 1.0 (and so DOCX) cannot hold
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def label(lang: str, key: str) -> str:
    return _LABELS.get(lang, _LABELS["id"])[key]


def status_word(status: str, lang: str) -> str:
    return label(lang, f"status_{status}") if status in STATUSES else status


def status_of(entry: RegisterEntry, items: Items | None) -> str:
    item = (items or {}).get(entry.obligation.id)
    return item.status if item else "open"


def is_overdue(entry: RegisterEntry, items: Items | None, today: dt.date) -> bool:
    """Past its dated deadline and not settled (done or not applicable) on the checklist."""
    return entry.overdue(today) and status_of(entry, items) not in SETTLED


def date_text(iso: str, lang: str) -> str:
    """"2030-12-31" -> "31 Desember 2030" (id) or "31 December 2030" (en)."""
    if lang != "en":
        return format_date_id(iso)
    try:
        d = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def deadline_text(entry: RegisterEntry, lang: str, today: dt.date, items: Items | None = None) -> str:
    """"paling lambat tahun 2023 (31 Desember 2023, LEWAT)"; the phrase alone when undated."""
    o = entry.obligation
    if not o.deadline_date:
        return o.deadline
    late = f", {label(lang, 'overdue')}" if is_overdue(entry, items, today) else ""
    return f"{o.deadline} ({date_text(o.deadline_date, lang)}{late})".strip()


def pillar_text(pillars: Sequence[str], lang: str) -> str:
    return ", ".join(label(lang, f"pillar_{p}") if f"pillar_{p}" in _LABELS["id"] else p for p in pillars)


def short_text(text: str, limit: int = 90) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters (with "…")."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def dated(entries: Sequence[RegisterEntry]) -> list[RegisterEntry]:
    """The entries with a dated deadline, soonest first, each obligation once."""
    seen: set[str] = set()
    out = []
    for e in sorted((e for e in entries if e.obligation.deadline_date), key=lambda e: (e.obligation.deadline_date,
                                                                                         e.obligation.citation)):
        if e.obligation.id not in seen:
            seen.add(e.obligation.id)
            out.append(e)
    return out


# -- CSV ------------------------------------------------------------------------------------


def _cell(value: str) -> str:
    """A cell that a spreadsheet shows as text: one starting with =, +, -, @ or a tab would be read
    as a formula, so it gets a leading apostrophe."""
    value = value or ""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_row(entry: RegisterEntry, items: Items | None, lang: str) -> dict[str, str]:
    o = entry.obligation
    item = (items or {}).get(o.id)
    return {
        "regulation": o.regulation,
        "citation": o.citation,
        "actor": o.actor_label,
        "modality": MODALITY_WORDS.get(lang, MODALITY_WORDS["id"])[o.modality],
        "action": o.action,
        "deadline": o.deadline,
        "deadline_date": o.deadline_date,
        "recurrence": o.recurrence,
        "sanction": o.sanction_text,
        "pillar": pillar_text(o.pillars, lang),
        "status": status_word(item.status if item else "open", lang),
        "note": item.note if item else "",
        "quote": o.quote,
    }


def to_csv(entries: Sequence[RegisterEntry], path: Path | str, items: Items | None = None, lang: str = "id") -> Path:
    """One row per entry with the columns of ``CSV_COLUMNS`` (headers in ``lang``), UTF-8 with a
    byte order mark so that Excel reads the accents right."""
    path = Path(path)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([label(lang, c) for c in CSV_COLUMNS])
        for entry in entries:
            row = csv_row(entry, items, lang)
            writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    return path


# -- DOCX -----------------------------------------------------------------------------------


def _x(text: str) -> str:
    return _CONTROL.sub("", text or "")


def _by_regulation(entries: Sequence[RegisterEntry]) -> dict[str, list[RegisterEntry]]:
    groups: dict[str, list[RegisterEntry]] = {}
    for e in entries:
        groups.setdefault(e.obligation.regulation, []).append(e)
    return groups


def _summary(document, entries: Sequence[RegisterEntry], items: Items | None, lang: str, today: dt.date) -> None:
    document.add_heading(label(lang, "summary"), level=1)
    if not entries:
        document.add_paragraph(label(lang, "none"))
        return
    with_date = dated(entries)
    late = [e for e in with_date if is_overdue(e, items, today)]
    settled = sum(status_of(e, items) in SETTLED for e in entries)
    document.add_paragraph(label(lang, "counts").format(
        n=len(entries), m=len(_by_regulation(entries)), dated=len(with_date), overdue=len(late), done=settled))
    upcoming = [e for e in with_date if not e.overdue(today) and status_of(e, items) not in SETTLED][:5]
    for key, group in (("late", late), ("next", upcoming)):
        if not group:
            continue
        document.add_paragraph().add_run(label(lang, key)).bold = True
        for e in group:
            o = e.obligation
            document.add_paragraph(
                _x(f"{date_text(o.deadline_date, lang)} — {o.citation}: {short_text(o.action, 120)}"),
                style="List Bullet",
            )


def _regulation_table(document, group: Sequence[RegisterEntry], items: Items | None, lang: str, today: dt.date) -> None:
    keys = ("citation", "action", "deadline", "sanction", "status")
    table = document.add_table(rows=1, cols=len(keys))
    table.style = "Table Grid"
    for cell, key in zip(table.rows[0].cells, keys):
        cell.text = ""
        cell.paragraphs[0].add_run(label(lang, key)).bold = True
    for e in group:
        o = e.obligation
        item = (items or {}).get(o.id)
        status = status_word(status_of(e, items), lang) + (f" — {item.note}" if item and item.note else "")
        who = o.actor_label
        action = f"{who}: {o.action}" if who else o.action
        if o.recurrence:
            action += f" ({label(lang, 'recurrence').lower()}: {o.recurrence})"
        values = (o.citation, action, deadline_text(e, lang, today, items), o.sanction_text, status)
        for cell, value in zip(table.add_row().cells, values):
            cell.text = _x(value)


def _quotes(document, group: Sequence[RegisterEntry], lang: str) -> None:
    document.add_heading(label(lang, "quotes"), level=2)
    for e in group:
        o = e.obligation
        head = document.add_paragraph()
        head.add_run(_x(o.citation)).bold = True
        head.paragraph_format.space_after = Pt(0)
        document.add_paragraph(_x(o.quote), style="Quote")
        if o.penjelasan:
            p = document.add_paragraph()
            p.add_run(f"{label(lang, 'penjelasan')}: ").italic = True
            p.add_run(_x(o.penjelasan))


def _signoff(document, lang: str) -> None:
    document.add_heading(label(lang, "signoff"), level=1)
    document.add_paragraph(label(lang, "signoff_intro"))
    for key in ("name", "position", "date", "signature"):
        p = document.add_paragraph(f"{label(lang, key)}: " + "_" * 40)
        p.paragraph_format.space_before = Pt(14 if key == "signature" else 6)


def obligations_docx(entries: Sequence[RegisterEntry], actor: str, items: Items | None = None, lang: str = "id",
                     today: dt.date | None = None):
    """A python-docx ``Document``: title, summary, a table per regulation with the provisions' text
    under it, and a sign-off block."""
    today = today or dt.date.today()
    document = Document()
    title = label(lang, "title").format(actor=actor or label(lang, "everyone"))
    document.core_properties.title = _x(title)
    document.add_heading(_x(title), level=0)
    document.add_paragraph().add_run(label(lang, "as_of").format(date=date_text(today.isoformat(), lang))).italic = True
    _summary(document, entries, items, lang, today)
    for regulation, group in _by_regulation(entries).items():
        document.add_heading(_x(regulation), level=1)
        _regulation_table(document, group, items, lang, today)
        _quotes(document, group, lang)
    _signoff(document, lang)
    return document


def to_docx(entries: Sequence[RegisterEntry], path: Path | str, actor: str, items: Items | None = None,
            lang: str = "id", today: dt.date | None = None) -> Path:
    """The briefing of ``obligations_docx`` written to ``path``."""
    path = Path(path)
    obligations_docx(entries, actor, items, lang, today).save(str(path))
    return path


# -- iCalendar ------------------------------------------------------------------------------


def event_uid(obligation_id: str) -> str:
    """A UID that stays the same for an obligation across exports, so that a calendar importing the
    file again updates its events instead of doubling them."""
    return f"{hashlib.sha256(obligation_id.encode('utf-8')).hexdigest()[:32]}@pandu"


def to_ics(entries: Sequence[RegisterEntry], path: Path | str, lang: str = "id",
           stamp: dt.datetime | None = None) -> Path:
    """An iCalendar file with one all-day event on each dated deadline (DTSTART the deadline's day):
    SUMMARY the obligation in short with its citation, DESCRIPTION the citation, the provision's
    text and its sanctions.

    Entries without a dated deadline (no deadline, or one counted from an event whose date the
    regulation does not give, such as "sejak Arsitektur SPBE ditetapkan") are left out: a calendar
    cannot place them."""
    from icalendar import Calendar, Event

    stamp = stamp or dt.datetime.now(dt.timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", "-//Pandu//Kewajiban//ID")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", label(lang, "calendar"))
    for entry in dated(entries):
        o = entry.obligation
        day = dt.date.fromisoformat(o.deadline_date)
        event = Event()
        event.add("uid", event_uid(o.id))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", f"{short_text(o.action, 90)} — {o.citation}")
        description = [o.citation, "", o.quote]
        if o.deadline:
            description += ["", f"{label(lang, 'deadline')}: {o.deadline}"]
        if o.sanction_text:
            description += ["", f"{label(lang, 'sanction')}: {o.sanction_text}"]
        event.add("description", "\n".join(description))
        event.add("categories", [o.regulation])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    path = Path(path)
    path.write_bytes(calendar.to_ical())
    return path
