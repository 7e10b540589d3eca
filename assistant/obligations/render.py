"""The register as text: one block per obligation, grouped by regulation (the CLI's output)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from assistant.documents.names import format_date_id
from assistant.obligations.model import MODALITY_WORDS
from assistant.obligations.register import RegisterEntry



def deadline_text(entry: RegisterEntry, today: dt.date) -> str:
    """"paling lambat tahun 2023 (31 Desember 2023, LEWAT)", or the phrase alone when undated."""
    o = entry.obligation
    if not o.deadline:
        return ""
    if not o.deadline_date:
        return o.deadline
    late = ", LEWAT" if entry.overdue(today) else ""
    return f"{o.deadline} ({format_date_id(o.deadline_date)}{late})"


def obligation_lines(entries: Iterable[RegisterEntry], today: dt.date) -> Iterator[str]:
    current = None
    count = 0
    for entry in entries:
        o = entry.obligation
        if o.regulation != current:
            current = o.regulation
            yield f"\n== {current} =="
        count += 1
        who = o.actor_label or "(pelaksana tidak disebut)"
        if entry.relation == "peran":
            who += f" [berlaku sebagai {entry.via}]"
        yield f"- {o.citation}: {who} {MODALITY_WORDS['id'][o.modality]}"
        yield f"    {o.action}"
        for label, value in (("tenggat", deadline_text(entry, today)),
                             ("berulang", o.recurrence + (" (Penjelasan)" if o.recurrence_source == "penjelasan" else "")),
                             ("sanksi", o.sanction_text), ("pilar", ", ".join(o.pillars))):
            if value:
                yield f"    {label}: {value}"
    yield f"\n{count} kewajiban" if count else "tidak ada kewajiban yang cocok"
