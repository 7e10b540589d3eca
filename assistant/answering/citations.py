"""Citations: canonical labels, the citation list, and checking ``[n]`` markers in answers."""

from __future__ import annotations

from dataclasses import replace

import re
from collections.abc import Sequence

from assistant.answering.types import Citation, Source
from assistant.documents.model import ChunkMeta
from assistant.documents.names import format_citation
from assistant.retrieval import ScoredChunk

_MARKER_RE = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")


def citation_label(meta: dict, ayat: str | None = None, amended_by: str = "") -> str:
    """``Pasal 3 ayat (5) Perpres 132/2022``; ``ayat`` narrows a whole-Pasal chunk to one ayat."""
    typed = ChunkMeta.from_metadata(meta)
    if ayat:
        typed = replace(typed, ayat=ayat)
    return format_citation(typed, amended_by=amended_by)


def passage_fields(hit: ScoredChunk) -> dict:
    """The fields every cited or listed passage carries, from a retrieved chunk."""
    meta = hit.metadata
    return dict(
        chunk_id=hit.id,
        short_name=str(meta.get("short_name", "")),
        pasal=str(meta.get("pasal", "")),
        ayat=str(meta.get("ayat", "")),
        part=str(meta.get("part", "")),
        page=int(meta.get("page", 0) or 0),
        title=str(meta.get("title", "")),
        text=hit.chunk.text,
        breadcrumb=str(meta.get("breadcrumb", "")),
        doc_type=str(meta.get("doc_type", "")),
        doc_id=str(meta.get("doc_id", "")),
        date=str(meta.get("date", "")),
        speaker=str(meta.get("speaker", "")),
        event=str(meta.get("event", "")),
        source=str(meta.get("source", "")),
        verified=bool(meta.get("verified", True)),
        amends=str(meta.get("amends", "")),
        amended_by=hit.amended_by,
        cites=[k for k in str(meta.get("cites", "")).split(";") if k],
        cited_by=list(hit.cited_by),
    )


def make_citation(n: int, hit: ScoredChunk, ayat: str = "", quote: str = "") -> Citation:
    fields = passage_fields(hit)
    if ayat:
        fields["ayat"] = ayat
    label = citation_label(hit.metadata, ayat or None, amended_by=hit.amended_by)
    return Citation(n=n, label=label, quote=quote, **fields)


def make_sources(hits: Sequence[ScoredChunk]) -> list[Source]:
    return [Source(rank=i + 1, score=round(float(h.score), 4), **passage_fields(h)) for i, h in enumerate(hits)]


def check_markers(text: str, allowed: int) -> tuple[str, list[int]]:
    """Remove ``[n]`` markers that point outside ``1..allowed``; return the text and the
    numbers used, in order of first appearance."""
    used: list[int] = []

    def keep(match: re.Match) -> str:
        numbers = [int(x) for x in re.split(r"\s*[,;]\s*", match.group(1))]
        good = [x for x in numbers if 1 <= x <= allowed]
        for x in good:
            if x not in used:
                used.append(x)
        return "".join(f"[{x}]" for x in good)

    cleaned = _MARKER_RE.sub(keep, text)
    cleaned = re.sub(r"[ \t]+([.,;:])", r"\1", cleaned)
    return cleaned, used


def renumber(text: str, order: Sequence[int]) -> str:
    """Rewrite markers so that the first cited passage is [1], the next [2], ..."""
    mapping = {old: new for new, old in enumerate(order, start=1)}
    return re.sub(r"\[(\d+)\]", lambda m: f"[{mapping.get(int(m.group(1)), int(m.group(1)))}]", text)


def citation_list(citations: Sequence[Citation], language: str = "id") -> str:
    """The list printed under an answer."""
    if not citations:
        return ""
    head = "**Sumber**" if language == "id" else "**Sources**"
    lines = [head]
    for c in citations:
        extra = []
        if c.page:
            extra.append(f"hlm. {c.page}" if language == "id" else f"p. {c.page}")
        if not c.verified:
            extra.append("belum diverifikasi" if language == "id" else "unverified")
        suffix = f" ({', '.join(extra)})" if extra else ""
        lines.append(f"[{c.n}] {c.label}{suffix}")
    return "\n".join(lines)
