"""Cut a loaded document into retrievable chunks along its own structure.

Regulations: one chunk per Pasal (split by groups of ayat only when too long), one per definition
of Pasal 1, Penjelasan per Pasal (and Umum), Lampiran by section, Menimbang and Mengingat.
Speeches, articles and notes: by section, then paragraphs packed up to the token budget.
Every chunk carries the full metadata of ``model.CHUNK_METADATA_KEYS`` and a breadcrumb.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from assistant.documents.model import Chunk, ChunkMeta, LoadedDocument
from assistant.documents.names import format_date_id, normalize_regulation_name, short_name, slugify
from assistant.documents.regulation import (
    Pasal,
    ParsedRegulation,
    RegulationIdentity,
    detect_identity,
    parse_regulation,
    prune_cukup_jelas,
)
from assistant.documents.regulation.references import reference_key
from assistant.documents.speech import parse_bool, parse_pillars, parse_speech
from assistant.documents.textlines import Block, Line, logical_units, reflow

log = logging.getLogger(__name__)

TokenCounter = Callable[[str], int]
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z0-9(\"“'])")


def estimate_tokens(text: str) -> int:
    """Default token estimate: 1.6 tokens per whitespace-separated word."""
    return math.ceil(len(text.split()) * 1.6)


def chunk_document(
    doc: LoadedDocument, *, max_tokens: int = 480, count_tokens: TokenCounter | None = None
) -> list[Chunk]:
    """Chunks of ``doc``: regulation structure when it is a regulation, sections otherwise."""
    count = count_tokens or estimate_tokens
    doc_type = str(doc.front_matter.get("doc_type") or "").strip().lower()
    identity = detect_identity(doc.text) if doc_type in ("", "regulation") else None
    if doc_type == "regulation" or (not doc_type and (identity is not None or _has_pasal_headings(doc.text))):
        parsed = parse_regulation(doc, identity)
        if parsed.pasal or (parsed.lampiran and parsed.identity is not None):
            return _RegulationChunker(doc, parsed, max_tokens, count).run()
        # Honest failure: indexed as text, but as a regulation that could not be parsed, never a note.
        reason = "; ".join(parsed.problems) or "no Pasal found"
        log.warning("%s: looks like a regulation but could not be parsed (%s); indexed as text", doc.path, reason)
        return _unparsed_regulation(_SpeechChunker(doc, max_tokens, count).run(), parsed.identity, reason)
    return _SpeechChunker(doc, max_tokens, count).run()


_PASAL_HEADING_LINE = re.compile(r"^\W{0,4}Pasal\s*\d{1,3}[A-Z]?\s*$", re.MULTILINE)


def _has_pasal_headings(text: str) -> bool:
    """At least three lines that are only a Pasal heading: a regulation even without its heading."""
    return len(_PASAL_HEADING_LINE.findall(text)) >= 3


def _unparsed_regulation(chunks: list[Chunk], ident: RegulationIdentity | None, reason: str) -> list[Chunk]:
    for c in chunks:
        note = "; ".join(filter(None, [reason, str(c.metadata.get("parse_note") or "")]))
        c.metadata.update(doc_type="regulation", part="body", parse_status="text", parse_note=note)
        if ident is not None:
            c.metadata.update(short_name=ident.short_name, title=ident.long_name, jenis=ident.jenis,
                              nomor=ident.nomor, tahun=ident.tahun, tentang=ident.tentang,
                              doc_id=slugify(ident.short_name))
    return chunks


# ----------------------------------------------------------------------------- shared helpers


def _clean_text(text: str) -> str:
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text)
    return text.strip()


def _split_long(text: str, offset: int, budget: int, count: TokenCounter) -> list[tuple[str, int]]:
    """Pieces of ``text`` that fit ``budget``: at sentence ends, else at word boundaries."""
    pieces: list[tuple[str, int]] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        candidate = f"{current} {sentence}".strip()
        if count(candidate) <= budget:
            current = candidate
            continue
        if current:
            pieces.append((current, offset))
            current = ""
        if count(sentence) <= budget:
            current = sentence
            continue
        words = sentence.split()
        start = 0
        while start < len(words):
            end = start + 1
            while end < len(words) and count(" ".join(words[start:end + 1])) <= budget:
                end += 1
            pieces.append((" ".join(words[start:end]), offset))
            start = end
    if current:
        pieces.append((current, offset))
    return pieces


def _pack(
    units: list[tuple[str, int]], budget: int, count: TokenCounter, sep: str = "\n"
) -> list[list[tuple[str, int]]]:
    """Consecutive units grouped greedily up to ``budget`` (joined by ``sep``); oversized ones split."""
    groups: list[list[tuple[str, int]]] = []
    current: list[tuple[str, int]] = []
    for text, offset in units:
        if not text.strip():
            continue
        if count(text) > budget:
            if current:
                groups.append(current)
                current = []
            groups.extend([p] for p in _split_long(text, offset, budget, count))
            continue
        if current and count(sep.join(t for t, _ in current + [(text, offset)])) > budget:
            groups.append(current)
            current = []
        current.append((text, offset))
    if current:
        groups.append(current)
    return groups


def _units(lines: list[Line]) -> list[tuple[str, int]]:
    return [(b.text, b.offset) for b in logical_units(lines) if b.text]


class _Emitter:
    """Collects chunks with common metadata and running ``chunk_index``."""

    def __init__(self, doc: LoadedDocument, base: ChunkMeta, max_tokens: int, count: TokenCounter):
        self.doc = doc
        self.base = base
        self.max_tokens = max_tokens
        self.count = count
        self.chunks: list[Chunk] = []

    def budget(self, breadcrumb: str) -> int:
        """Tokens left for the text once the breadcrumb is counted (never below half)."""
        return min(self.max_tokens, max(self.max_tokens - self.count(breadcrumb) - 1, self.max_tokens // 2, 16))

    def emit(self, text: str, offset: int, breadcrumb: str, **fields: Any) -> None:
        text = _clean_text(text)
        if not text:
            return
        meta = replace(
            self.base,
            **{k: v for k, v in fields.items() if v is not None},
            breadcrumb=breadcrumb,
            page=self.doc.page_at(offset) if self.doc.kind == "pdf" else 0,
            chunk_index=len(self.chunks),
        )
        self.chunks.append(Chunk(text=text, metadata=meta.to_metadata()))


def _common_metadata(doc: LoadedDocument, verified_by_default: bool) -> ChunkMeta:
    """Metadata every passage of ``doc`` shares. A regulation (a text of law, recognised by its own
    structure) counts as verified unless its front matter says otherwise; any other document (a
    note, a speech, an article) only when its front matter says ``verified: true``."""
    fm = doc.front_matter
    pillars = parse_pillars(fm.get("pillars"))
    return ChunkMeta(
        pillars=",".join(pillars),
        pillar_structure="structure" in pillars,
        pillar_competence="competence" in pillars,
        pillar_culture="culture" in pillars,
        verified=parse_bool(fm.get("verified"), verified_by_default),
        source=str(fm.get("source") or doc.path),
        sha256=doc.sha256,
    )


# ----------------------------------------------------------------------------- regulations


def _identity_from_front_matter(doc: LoadedDocument) -> RegulationIdentity:
    fm = doc.front_matter
    jenis = str(fm.get("jenis") or "").strip()
    nomor = str(fm.get("nomor") or "").strip()
    tahun = str(fm.get("tahun") or "").strip()
    tentang = str(fm.get("tentang") or "").strip()
    short = str(fm.get("short_name") or "").strip()
    if jenis and nomor and tahun:
        short = short or short_name(jenis, nomor, tahun)
    elif short:
        short = normalize_regulation_name(short) or short
    else:
        short = normalize_regulation_name(str(fm.get("title") or "")) or str(fm.get("title") or doc.path.stem)
    title = str(fm.get("title") or short)
    return RegulationIdentity(jenis=jenis, nomor=nomor, tahun=tahun, tentang=tentang,
                              short_name=short, long_name=title)


class _RegulationChunker:
    def __init__(self, doc: LoadedDocument, parsed: ParsedRegulation, max_tokens: int, count: TokenCounter):
        self.doc = doc
        self.parsed = parsed
        ident = parsed.identity or _identity_from_front_matter(doc)
        self.ident = ident
        self.short = ident.short_name
        base = replace(
            _common_metadata(doc, verified_by_default=True),
            doc_id=slugify(ident.short_name),
            doc_type="regulation",
            short_name=ident.short_name,
            title=ident.long_name,
            jenis=ident.jenis,
            nomor=ident.nomor,
            tahun=ident.tahun,
            tentang=ident.tentang,
            ditetapkan=ident.ditetapkan,
            diundangkan=ident.diundangkan,
            berlaku=ident.berlaku,
            repeals=";".join(parsed.repeals),
            parse_status="partial" if parsed.problems else "ok",
            parse_note="; ".join(parsed.problems),
        )
        self.out = _Emitter(doc, base, max_tokens, count)
        self.count = count

    def run(self) -> list[Chunk]:
        p = self.parsed
        for name, block in (("Menimbang", p.menimbang), ("Mengingat", p.mengingat)):
            if block is not None and block.text:
                self._simple(block.lines, f"{self.short} > {name}", part="pembukaan", section=name)
        for pasal in p.pasal:
            self._pasal(pasal)
        for entry in p.penjelasan_pasal:
            self._penjelasan(entry.label, entry.lines, entry.amends)
        if p.penjelasan_umum is not None:
            self._simple(p.penjelasan_umum.lines, f"{self.short} > Penjelasan > Umum",
                         part="penjelasan", section="Penjelasan Umum")
        for sec in p.lampiran:
            title = sec.title
            crumb = f"{self.short} > Lampiran" + (f" > {title}" if title != "Lampiran" else "")
            self._simple(sec.lines, crumb, part="lampiran", pasal="Lampiran", section=title)
        return self.out.chunks

    def _simple(self, lines: list[Line], crumb: str, **fields: Any) -> None:
        self._packed(_units(lines), crumb, self.out.budget(crumb), **fields)

    def _packed(self, units: list[tuple[str, int]], crumb: str, budget: int, **fields: Any) -> None:
        """Units packed up to ``budget``, one chunk per group."""
        for group in _pack(units, budget, self.count):
            self.out.emit("\n".join(t for t, _ in group), group[0][1], crumb, **fields)

    def _pasal_crumb(self, pasal: Pasal) -> str:
        parts = [self.short]
        if pasal.bab:
            parts.append(f"{pasal.bab} {pasal.bab_title}".strip())
        if pasal.bagian:
            parts.append(f"{pasal.bagian} {pasal.bagian_title}".strip())
        if pasal.paragraf:
            parts.append(f"{pasal.paragraf} {pasal.paragraf_title}".strip())
        if pasal.amends:
            parts.append(pasal.instruction)
            parts.append(f"{pasal.label} {pasal.amends}")
        else:
            parts.append(pasal.label)
        return " > ".join(parts)

    def _pasal(self, pasal: Pasal) -> None:
        crumb = self._pasal_crumb(pasal)
        fields = dict(part="batang_tubuh", bab=pasal.bab, bagian=pasal.bagian, paragraf=pasal.paragraf,
                      pasal=pasal.label, amends=pasal.amends, change=pasal.change, instruction=pasal.instruction,
                      cites=";".join(reference_key(r) for r in pasal.cites),
                      cited_by=";".join(reference_key(r) for r in pasal.cited_by))
        if pasal.definitions:
            for d in pasal.definitions:
                c = f"{crumb} angka {d.label}"
                for text, offset in _split_long(d.text, d.offset, self.out.budget(c), self.count):
                    self.out.emit(text, offset, c, angka=d.label, **fields)
            return
        text = pasal.text
        if not text.strip():
            log.warning("%s: %s has no text", self.doc.path, pasal.label)
            return
        if self.count(text) <= self.out.budget(crumb):
            self.out.emit(text, pasal.body_offset, crumb, ayat="", **fields)
            return
        if not pasal.ayat:  # one long paragraph or list: split at items, then sentences
            self._simple(pasal.lines, crumb, ayat="", **fields)
            return
        budget = self.out.budget(crumb + " ayat (10)-(12)")
        # Groups of consecutive ayat; the words before ayat (1), if any, lead the first group.
        blocks: list[tuple[str, Block]] = []
        for i, ayat in enumerate(pasal.ayat):
            text_i = ayat.text
            if i == 0 and pasal.intro.lines:
                text_i = f"{pasal.intro.text}\n{text_i}"
            blocks.append((text_i, ayat))
        group: list[tuple[str, Block]] = []
        for item in blocks + [("", Block())]:
            joined = "\n".join(t for t, _ in group + [item])
            if item[0] and (not group or self.count(joined) <= budget):
                group.append(item)
                continue
            if group:
                self._emit_ayat_group(group, crumb, budget, fields)
            group = [item] if item[0] else []

    def _emit_ayat_group(self, group: list[tuple[str, Block]], crumb: str, budget: int,
                         fields: dict[str, Any]) -> None:
        first, last = group[0][1].label, group[-1][1].label
        label = first if first == last else f"{first}-{last}"
        c = f"{crumb} ayat {label}"
        text = "\n".join(t for t, _ in group)
        if self.count(text) <= budget:
            self.out.emit(text, group[0][1].offset, c, ayat=label, **fields)
            return
        # One ayat too long on its own: split at huruf/angka items, then sentences.
        ayat = group[0][1]
        units = _units(ayat.lines)
        if text != ayat.text:  # the intro leads the first ayat
            units.insert(0, (text[: len(text) - len(ayat.text)].strip(), ayat.offset))
        self._packed(units, c, budget, ayat=label, **fields)

    def _penjelasan(self, label: str, lines: list[Line], amends: str = "") -> None:
        kept = prune_cukup_jelas(lines)
        if not kept:
            return
        crumb = f"{self.short} > Penjelasan > {label}" + (f" {amends}" if amends else "")
        budget = self.out.budget(crumb + " ayat (10)-(12)")
        text = reflow([ln.text for ln in kept])
        fields = dict(part="penjelasan", pasal=label, amends=amends, change="diubah" if amends else "")
        if self.count(text) <= budget:
            self.out.emit(text, kept[0].offset, crumb, ayat="", **fields)
            return
        # Split at "Ayat (n)" headings, grouping consecutive ayat.
        segments: list[tuple[str, list[Line]]] = []
        for ln in kept:
            m = re.match(r"^Ayat\s*\(?\s*(\d{1,2})", ln.text)
            if m or not segments:
                segments.append((f"({m.group(1)})" if m else "", [ln]))
            else:
                segments[-1][1].append(ln)
        groups: list[list[tuple[str, list[Line]]]] = []
        for seg in segments:
            merged = reflow([x.text for s in (groups[-1] if groups else []) + [seg] for x in s[1]])
            if groups and self.count(merged) <= budget:
                groups[-1].append(seg)
            else:
                groups.append([seg])
        for g in groups:
            labels = [s[0] for s in g if s[0]]
            ayat = "" if not labels else (labels[0] if len(labels) == 1 else f"{labels[0]}-{labels[-1]}")
            c = f"{crumb} ayat {ayat}" if ayat else crumb
            self._simple([x for s in g for x in s[1]], c, ayat=ayat, **fields)


# ----------------------------------------------------------------------------- speeches, notes


class _SpeechChunker:
    def __init__(self, doc: LoadedDocument, max_tokens: int, count: TokenCounter):
        self.doc = doc
        self.parsed = parse_speech(doc)
        m = self.parsed.meta
        base = replace(
            _common_metadata(doc, verified_by_default=False),
            doc_id=slugify(doc.path.stem),
            doc_type=m.doc_type,
            short_name=m.title,
            title=m.title,
            part="body",
            date=m.date,
            speaker=m.speaker,
            speaker_role=m.speaker_role,
            outlet=m.outlet,
            reporter=m.reporter,
            event=m.event,
            place=m.place,
            verified=m.verified,
            parse_note="; ".join(self.parsed.problems),  # reported as the file's warning by the indexer
        )
        self.out = _Emitter(doc, base, max_tokens, count)
        self.count = count

    def _root(self) -> str:
        m = self.parsed.meta
        if m.doc_type == "speech" and m.speaker:
            root = f"{m.speaker} ({m.speaker_role})" if m.speaker_role else m.speaker
            if m.event:
                root += f" — {m.event}"
            if m.date:
                root += f" ({format_date_id(m.date)})"
            return root
        return m.title

    def run(self) -> list[Chunk]:
        root = self._root()
        for section in self.parsed.sections:
            crumb = f"{root} > {section.heading}" if section.heading else root
            units = [(p.text, p.offset) for p in section.paragraphs]
            for group in _pack(units, self.out.budget(crumb), self.count, sep="\n\n"):
                self.out.emit("\n\n".join(t for t, _ in group), group[0][1], crumb, section=section.heading)
        return self.out.chunks

