"""A Pasal cut into the clauses that can carry an obligation: its ayat, and the lettered items of
an ayat whose lead-in ends with a colon ("Penyelenggara berkewajiban: a. ...; b. ...")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_AYAT = re.compile(r"(?:^|(?<=\n)|(?<=[.;:]\s))\((\d{1,3}[a-z]?)\)\s+", re.MULTILINE)
_HURUF = re.compile(r"(?m)^\s*([a-z])\.\s+")
_PENJELASAN_AYAT = re.compile(r"(?m)^\s*Ayat\s*\((\d{1,3}[a-z]?)\)\s*")


@dataclass(frozen=True)
class Clause:
    ayat: str  # "(5)" or ""
    huruf: str  # "a" or ""
    lead: str  # the lead-in of a lettered item ("Penyelenggara berkewajiban:"), else ""
    text: str  # the ayat, or the lead-in and the item (" … " where items are left out), whitespace collapsed


def _flat(text: str) -> str:
    return " ".join(text.split())


def split_ayat(text: str) -> list[tuple[str, str]]:
    """(ayat, text) for each numbered ayat of a Pasal; one ("", text) when it has none."""
    starts = list(_AYAT.finditer(text))
    if not starts:
        return [("", text.strip())]
    pieces = []
    head = text[: starts[0].start()].strip()
    if head:
        pieces.append(("", head))
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        pieces.append((f"({m.group(1)})", text[m.end() : end].strip()))
    return pieces


def split_clauses(text: str, itemise: Callable[[str], bool]) -> list[Clause]:
    """The clauses of a Pasal's text: ayat, and the lettered items of an ayat whose lead-in ends
    with a colon and passes ``itemise`` (each item its own clause, with the lead-in)."""
    clauses: list[Clause] = []
    for ayat, body in split_ayat(text):
        items = list(_HURUF.finditer(body))
        lead = body[: items[0].start()].strip() if items else ""
        if not items or not lead.endswith(":") or not itemise(lead):
            clauses.append(Clause(ayat, "", "", _flat(body)))
            continue
        for i, m in enumerate(items):
            end = items[i + 1].start() if i + 1 < len(items) else len(body)
            item = _flat(body[m.end() : end])
            gap = " …" if i else ""  # the items between the lead-in and this one are left out
            clauses.append(Clause(ayat, m.group(1), _flat(lead), f"{_flat(lead)}{gap} {m.group(1)}. {item}"))
    return clauses


def penjelasan_for(text: str, ayat: str) -> str:
    """The part of a Pasal's Penjelasan about one ayat ("Ayat (5) ..."), or the whole of it for a
    Pasal without ayat; "" when it says only "Cukup jelas"."""
    parts = list(_PENJELASAN_AYAT.finditer(text))
    if ayat and parts:
        wanted = ayat.strip("()")
        for i, m in enumerate(parts):
            if m.group(1) == wanted:
                end = parts[i + 1].start() if i + 1 < len(parts) else len(text)
                found = _flat(text[m.end() : end])
                break
        else:
            return ""
    else:
        found = _flat(text)
    return "" if re.fullmatch(r"(?i)cukup\s+jelas\.?", found) or not found else found
