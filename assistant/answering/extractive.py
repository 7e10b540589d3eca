"""The offline answerer: the answer is built from the retrieved passages' own sentences.

Each passage is cut into units (an ayat, a definition, a sentence with its list), units are
scored by how much of the question they cover and how well their passage ranked, and the best
few are returned in reading order, each followed by the number of its citation. Nothing is
generated, so nothing can be invented; the only judgement is which sentences to show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answering.answer_type import ValueQuestion
from assistant.answering.citations import citation_list, make_citation
from assistant.answering.language import Language, messages
from assistant.answering.types import Citation
from assistant.documents.names import find_provision_references
from assistant.index.lexical import tokenize
from assistant.retrieval import ScoredChunk, is_definitional

VALUE_BONUS = 0.25  # lifts a unit that states the value asked for above its neighbours
_AYAT_START = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=\n))\((\d+[a-z]?)\)\s", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“])")


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
        pieces.append((str(hit.metadata.get("ayat", "")) if "-" not in str(hit.metadata.get("ayat", "")) else "", text))
    units: list[Unit] = []
    for ayat, piece in pieces:
        flat = " ".join(piece.split())
        if len(flat.split()) <= max_words or flat.rstrip().endswith(";"):
            units.append(Unit(rank, len(units), flat, ayat))
            continue
        for sentence in _SENTENCE_END.split(flat):
            if sentence.strip():
                units.append(Unit(rank, len(units), sentence.strip(), ayat))
    return units


def _overlap(query_tokens: set[str], text: str) -> float:
    if not query_tokens:
        return 0.0
    return len(query_tokens & set(tokenize(text))) / len(query_tokens)


def near_duplicate(a: str, b: str) -> bool:
    ta, tb = set(a.lower().split()), set(b.lower().split())
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) > 0.8


def _provision_key(regulation: str, pasal: str) -> tuple[str, str]:
    m = re.search(r"\d+", pasal or "")
    return regulation, m.group(0) if m else ""


def _drop_restatements(chosen: list[Unit], hits: list[ScoredChunk]) -> list[Unit]:
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


def _clip(text: str, max_words: int = 120) -> str:
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words]) + " …"


def extractive_answer(
    question: str,
    hits: list[ScoredChunk],
    language: Language,
    max_units: int = 5,
    value: ValueQuestion | None = None,
) -> tuple[str, list[Citation]]:
    """The answer text (markdown, one statement per bullet, each with ``[n]``) and its citations.

    ``value``: when the question asks for a value (an amount, a duration, ...), the units that
    state one next to the question's terms come first."""
    qtokens = set(tokenize(question))
    definitional = is_definitional(question)
    scored: list[tuple[float, Unit]] = []
    for rank, hit in enumerate(hits):
        for unit in split_units(hit, rank):
            score = 0.55 * hit.score + 0.45 * _overlap(qtokens, unit.text) - 0.03 * rank
            if hit.metadata.get("angka") and not definitional:
                score *= 0.85  # a definition rarely answers anything but "what is"
            if value is not None and value.states_value(unit.text):
                score += VALUE_BONUS
            scored.append((score, unit))
    if not scored:
        return messages(language).no_sources, []
    scored.sort(key=lambda x: -x[0])
    best = scored[0][0]
    chosen: list[Unit] = []
    per_passage: dict[int, int] = {}
    for score, unit in scored:
        if len(chosen) >= max_units or score < 0.7 * best:
            break
        if per_passage.get(unit.hit_rank, 0) >= 2:
            continue
        if any(near_duplicate(unit.text, c.text) for c in chosen):
            continue
        chosen.append(unit)
        per_passage[unit.hit_rank] = per_passage.get(unit.hit_rank, 0) + 1
    chosen = _drop_restatements(chosen, hits)
    chosen.sort(key=lambda u: (u.hit_rank, u.position))

    citations: list[Citation] = []
    keys: dict[tuple[int, str], int] = {}
    lines: list[str] = []
    for unit in chosen:
        key = (unit.hit_rank, unit.ayat)
        if key not in keys:
            keys[key] = len(citations) + 1
            citations.append(make_citation(keys[key], hits[unit.hit_rank], unit.ayat, unit.text))
        else:
            c = citations[keys[key] - 1]
            c.quote = f"{c.quote} {unit.text}".strip()
        lines.append(f"- {_clip(unit.text)} [{keys[key]}]")
    intro = messages(language).extractive_intro
    body = "\n".join(lines)
    return f"{intro}\n\n{body}\n\n{citation_list(citations, language)}", citations
