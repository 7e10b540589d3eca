"""The answer text from a reading: one direct line per ask, then the quoted units, then the citations.

Nothing is generated: a direct line is the clause of a cited unit that states what was asked (with a
relative deadline resolved to its date, the rule and the date both cited), or the plain statement
that the sources found do not say it. Labels are in the question's language; quotes stay as written.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answering.citations import citation_list, make_citation
from assistant.answering.units import Unit
from assistant.answering.language import Language, messages
from assistant.answering.reader import Reading, value_offset
from assistant.answering.types import Citation
from assistant.answering.untrusted import addresses_the_system
from assistant.documents.names import format_date_id
from assistant.index.reading import StoredChunk
from assistant.retrieval import ScoredChunk

_SPAN_WORDS = 45
_QUOTE_WORDS = 120


def _clip(text: str, max_words: int) -> str:
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words]) + " …"


_LEAD_WORDS = 12  # a span clipped around its value keeps this many words of its start (who, what)


def _clip_to_value(text: str, max_words: int, at: int) -> str:
    """``text`` in at most ``max_words`` words that keep the value stated at character ``at``: its
    start, then the stretch leading to the value ("(8) Permohonan ... … paling lambat 4 (empat) jam …")."""
    words = text.split()
    if len(words) <= max_words or at < 0:
        return _clip(text, max_words)
    index = len(text[:at].split())
    if index < max_words - 5:
        return _clip(text, max_words)
    start = max(_LEAD_WORDS, index - (max_words - _LEAD_WORDS) // 2)
    window = words[start:start + max_words - _LEAD_WORDS]
    tail = " …" if start + len(window) < len(words) else ""
    return " ".join(words[:_LEAD_WORDS]) + " … " + " ".join(window) + tail


def compose_answer(reading: Reading, hits: list[ScoredChunk], language: Language) -> tuple[str, list[Citation]]:
    """The answer (markdown) and its numbered citations."""
    msg = messages(language)
    citations: list[Citation] = []
    keys: dict[tuple[int, str], int] = {}

    def cite(unit: Unit) -> int:
        key = (unit.hit_rank, unit.ayat)
        if key not in keys:
            keys[key] = len(citations) + 1
            citations.append(make_citation(keys[key], hits[unit.hit_rank], unit.ayat, unit.text))
        elif unit.text not in citations[keys[key] - 1].quote:
            citations[keys[key] - 1].quote = f"{citations[keys[key] - 1].quote} {unit.text}".strip()
        return keys[key]

    not_stated = iter(not_stated_lines(reading, hits, language))
    direct: list[str] = []
    spans: set[str] = set()
    for finding in reading.findings:
        label = msg.ask_labels[finding.ask.kind.value]
        if finding.unit is None:
            direct.append(f"- {next(not_stated)}")
            continue
        verdict = msg.yes_no.get(finding.polarity, "")
        span = _clip_to_value(finding.span, _SPAN_WORDS, value_offset(finding.span, finding.ask))
        line = f"- **{label}:** {verdict + ' — ' if verdict else ''}{span}"
        if finding.deadline is not None and finding.deadline.date:
            line += f" — {msg.resolved_date.format(date=format_date_id(finding.deadline.date))}"
        direct.append(f"{line} [{cite(finding.unit)}]")
        spans.add(finding.span)
    quotes = [f"- {_clip(u.text, _QUOTE_WORDS)} [{cite(u)}]" for u in reading.support if u.text not in spans]
    parts = ["\n".join(direct)]
    if any(addresses_the_system(hits[rank].chunk.text) for rank, _ in keys):
        parts.insert(0, msg.untrusted)
    if quotes:
        parts.append(f"{msg.quotes}\n" + "\n".join(quotes))
    parts.append(citation_list(citations, language))
    return "\n\n".join(parts), citations


def not_stated_lines(reading: Reading, hits: list[ScoredChunk], language: Language) -> list[str]:
    """One line per ask that no unit answers: what was asked, and which sources were read."""
    msg = messages(language)
    where = ", ".join(dict.fromkeys(str(h.metadata.get("short_name", "")) for h in hits[:3] if h.metadata.get("short_name")))
    return [msg.not_stated.format(what=msg.ask_labels[f.ask.kind.value], where=where) for f in reading.unanswered]


def quoted_passages(reading: Reading, hits: list[ScoredChunk]) -> list[ScoredChunk]:
    """The reader's units as passages for a language model: the answering units first, each one
    its ayat of its passage (cited as that ayat)."""
    units: list[Unit] = []
    for unit in [f.unit for f in reading.findings if f.unit is not None] + reading.support:
        if unit not in units:
            units.append(unit)
    out: list[ScoredChunk] = []
    for unit in units:
        hit = hits[unit.hit_rank]
        meta = {**hit.metadata, "ayat": unit.ayat or hit.metadata.get("ayat", "")}
        out.append(replace(hit, chunk=StoredChunk(hit.chunk.id, unit.text, meta)))
    return out
