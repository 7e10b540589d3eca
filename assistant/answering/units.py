"""Units of a retrieved passage: what the reader scores and the answer quotes.

A passage is cut into units (an ayat, a definition, a sentence of a long ayat with its list).
A note's sentence that only restates a Pasal already quoted is left out of an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.documents.names import find_provision_references
from assistant.retrieval import ScoredChunk
_AYAT_START = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=\n))\((\d+[a-z]?)\)\s", re.MULTILINE)
# a sentence ends before a capital, or before the letter of the next item of a list of headed items
# ("... paling jauh 10 cm. c. Antarmuka sinyal ...": "c." opens the next item)
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\s[a-z]\.)\s+(?=[A-Z(\"“]|[a-z]\.\s+[A-Z])")
# a numbered item at the start of a line ("1. edukasi kesadaran ...", "4. penanganan insiden ...")
_NUMBERED_LINE = re.compile(r"\n(?=\d{1,2}\.\s)")


@dataclass
class Unit:
    hit_rank: int
    position: int
    text: str
    ayat: str  # "(2)" or ""


def split_units(hit: ScoredChunk, rank: int, max_words: int = 90) -> list[Unit]:
    """Cut a passage into answer units: ayat first, then sentences of long ayat."""
    text = hit.chunk.text.strip()
    if hit.metadata.get("angka"):  # a definition is one unit
        return [Unit(rank, 0, " ".join(text.split()), "")]
    pieces: list[tuple[str, str]] = []
    starts = list(_AYAT_START.finditer(text))
    if starts:
        head = text[: starts[0].start()].strip()
        if head:
            pieces.append(("", head))
        for i, m in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
            pieces.append((f"({m.group(1)})", text[m.start() : end].strip()))
    else:
        ayat = str(hit.metadata.get("ayat", "")) if "-" not in str(hit.metadata.get("ayat", "")) else ""
        pieces.extend((ayat, block) for block in numbered_blocks(text, max_words))
    units: list[Unit] = []
    for ayat, piece in pieces:
        flat = " ".join(piece.split())
        # an ayat that ends in a list item ("...; dan") is one unit with its list
        if len(flat.split()) <= max_words or (ayat and flat.rstrip().endswith(";")):
            units.append(Unit(rank, len(units), flat, ayat))
            continue
        for sentence in _SENTENCE_END.split(flat):
            if sentence.strip():
                units.append(Unit(rank, len(units), sentence.strip(), ayat))
    return units


def numbered_blocks(text: str, max_words: int) -> list[str]:
    """A long passage that is not cut into ayat (a Lampiran section, a Penjelasan, a note) cut at
    its numbered lines: an item with its own explanation ("2. identifikasi kerentanan keamanan
    Identifikasi ... dilaksanakan paling sedikit melalui ...") is a block of its own, while a
    short item ("3. peningkatan keamanan SPBE;") stays with the lead-in and list it belongs to."""
    if len(text.split()) <= max_words:
        return [text]
    blocks: list[str] = []
    for part in _NUMBERED_LINE.split(text):
        if blocks and len(part.split()) <= _LIST_ITEM_WORDS:
            blocks[-1] = f"{blocks[-1]}\n{part}"
        elif part.strip():
            blocks.append(part)
    return blocks


_LIST_ITEM_WORDS = 20  # a numbered line this short is an item of a list, read with its lead-in


def near_duplicate(a: str, b: str) -> bool:
    ta, tb = set(a.lower().split()), set(b.lower().split())
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) > 0.8


def _provision_key(regulation: str, pasal: str) -> tuple[str, str]:
    m = re.search(r"\d+", pasal or "")
    return regulation, m.group(0) if m else ""


def drop_restatements(chosen: list[Unit], hits: list[ScoredChunk]) -> list[Unit]:
    """Leave out a note's sentence when every provision it cites is already quoted itself."""
    quoted = {
        _provision_key(str(hits[u.hit_rank].metadata.get("short_name")), str(hits[u.hit_rank].metadata.get("pasal")))
        for u in chosen
        if hits[u.hit_rank].metadata.get("doc_type") == "regulation"
    }
    kept = []
    for unit in chosen:
        if hits[unit.hit_rank].metadata.get("doc_type") != "regulation":
            refs = {_provision_key(r.regulation or "", r.pasal) for r in find_provision_references(unit.text)}
            if refs and refs <= quoted:
                continue
        kept.append(unit)
    return kept or chosen
