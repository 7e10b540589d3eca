"""Speeches, articles and notes: front matter, then sections (Markdown headings), then paragraphs.

Front matter keys: title, doc_type (speech | article | note), speaker, speaker_role, date, event,
place, source, outlet, reporter, pillars, verified. Without front matter, a news report or speech
transcript is read by ``news.read_news`` (headline, speaker, date, outlet; boilerplate lines left
out); other documents (HTML, DOCX, plain text) are notes titled by their first heading or file name.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.documents.dates import read_date
from assistant.documents.model import PILLARS, LoadedDocument
from assistant.documents.news import outlet_from_source, read_news
from assistant.documents.textlines import reflow

log = logging.getLogger(__name__)

DOC_TYPES = ("speech", "article", "note")

_PILLAR_NAMES: dict[str, str] = {
    "structure": "structure", "struktur": "structure", "struktur digital": "structure",
    "digital structure": "structure",
    "competence": "competence", "kompetensi": "competence", "kompetensi digital": "competence",
    "digital competence": "competence",
    "culture": "culture", "budaya": "culture", "budaya digital": "culture", "digital culture": "culture",
}
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


@dataclass
class Paragraph:
    text: str
    offset: int


@dataclass
class Section:
    heading: str  # "" before the first heading; nested headings joined with " > "
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class SpeechMeta:
    title: str
    doc_type: str = "note"
    speaker: str = ""
    date: str = ""  # ISO date; "" when absent or not a real date (see ParsedSpeech.problems)
    event: str = ""
    place: str = ""
    source: str = ""
    speaker_role: str = ""  # the speaker's office, shortened: "Menteri PANRB"
    outlet: str = ""  # the news outlet that reported it: "Disway.id"
    reporter: str = ""
    pillars: list[str] = field(default_factory=list)
    verified: bool = True


@dataclass
class ParsedSpeech:
    meta: SpeechMeta
    sections: list[Section]
    #: what in the front matter could not be used, each naming the value ("the date 'kemarin' ...")
    problems: list[str] = field(default_factory=list)


def parse_pillars(value: Any) -> list[str]:
    """Pillars named in English or Indonesian, as a list in the order of ``PILLARS``."""
    if value is None or value == "":
        return []
    items = value if isinstance(value, (list, tuple, set)) else re.split(r"[,;/]", str(value))
    found: set[str] = set()
    for item in items:
        key = re.sub(r"\s+", " ", str(item).strip().lower().replace("_", " "))
        if not key:
            continue
        if key in _PILLAR_NAMES:
            found.add(_PILLAR_NAMES[key])
        else:
            log.warning("unknown pillar %r ignored", item)
    return [p for p in PILLARS if p in found]


def parse_bool(value: Any, default: bool = True) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("false", "no", "n", "0", "tidak", "belum", "unverified", "off"):
        return False
    if text in ("true", "yes", "y", "1", "ya", "sudah", "verified", "on"):
        return True
    return default


def parse_date(value: Any) -> str:
    """ISO date from a YAML date, "2024-03-05", "5 Maret 2024" and the like; "" when ``value`` is
    not one calendar day (``dates.read_date`` says why)."""
    return read_date(value)[0]


def _inline_markdown(text: str) -> str:
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    return text


def parse_speech(doc: LoadedDocument) -> ParsedSpeech:
    """Metadata and sections of a speech, article or note."""
    fm = doc.front_matter
    # Front matter wins; the <title> an HTML page gives is a hint, not front matter.
    plain = not fm or (doc.kind == "html" and set(fm) == {"title"})
    news = read_news(doc.text, str(fm.get("title") or "")) if plain else None
    skip = news.skip if news else frozenset()
    sections: list[Section] = [Section("")]
    stack: list[tuple[int, str]] = []
    first_h1 = ""
    block: list[tuple[str, int]] = []

    def flush() -> None:
        if block:
            text = _inline_markdown(reflow([t for t, _ in block]))
            if text.strip():
                sections[-1].paragraphs.append(Paragraph(text, block[0][1]))
            block.clear()

    offset = 0
    in_fence = False
    for number, raw in enumerate(doc.text.split("\n")):
        line_offset = offset
        offset += len(raw) + 1
        line = raw.strip()
        if number in skip:  # headline, boilerplate, byline of a news report
            flush()
            continue
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        m = None if in_fence else _HEADING.match(line)
        if m:
            flush()
            level, heading = len(m.group(1)), _inline_markdown(m.group(2)).strip()
            if level == 1 and not first_h1 and not any(s.paragraphs for s in sections):
                first_h1 = heading
                if not fm.get("title") or heading == str(fm.get("title")).strip():
                    continue  # the document title, not a section
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading))
            sections.append(Section(" > ".join(h for _, h in stack)))
            continue
        if not line or re.fullmatch(r"[-*_]{3,}", line):
            flush()
            continue
        line = re.sub(r"^>\s?", "", line)
        block.append((line, line_offset + (len(raw) - len(raw.lstrip()))))
        if news and news.line_paragraphs:
            flush()
    flush()

    doc_type = str(fm.get("doc_type") or "note").strip().lower()
    if doc_type not in DOC_TYPES:
        doc_type = "note"
    problems: list[str] = []
    date, date_problem = read_date(fm.get("date"))
    if date_problem:
        problems.append(f"the front-matter date {date_problem}; indexed without a date")
    meta = SpeechMeta(
        title=str(fm.get("title") or first_h1 or doc.path.stem.replace("-", " ").replace("_", " ")).strip(),
        doc_type=doc_type,
        speaker=str(fm.get("speaker") or "").strip(),
        date=date,
        event=str(fm.get("event") or "").strip(),
        place=str(fm.get("place") or "").strip(),
        source=str(fm.get("source") or "").strip(),
        speaker_role=str(fm.get("speaker_role") or "").strip(),
        outlet=str(fm.get("outlet") or "").strip() or outlet_from_source(str(fm.get("source") or "")),
        reporter=str(fm.get("reporter") or "").strip(),
        pillars=parse_pillars(fm.get("pillars")),
        verified=parse_bool(fm.get("verified"), False),  # a note is verified only when it says so
    )
    if news is not None:
        meta = replace(
            meta, title=news.title or meta.title, doc_type=news.doc_type, speaker=news.speaker,
            speaker_role=news.speaker_role, date=news.date, event=news.event, place=news.place,
            outlet=news.outlet, reporter=news.reporter,
        )
    return ParsedSpeech(meta=meta, sections=[s for s in sections if s.paragraphs], problems=problems)
