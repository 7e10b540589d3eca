"""HTML and Markdown shown by the web app. Every piece of document text is escaped here:
a passage containing ``<script>`` or other markup is displayed as text, never interpreted."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from assistant.answering.types import Answer, Citation, Source
from assistant.documents.names import format_date_id, leaf_label, location_text
from assistant.exports import quote_spans
from assistant.index.reading import StoredChunk
from assistant.index.registry import DocumentRecord
from assistant.ui.i18n import text

CSS = """
.pandu-sources details { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 6px 10px; margin: 6px 0; background: var(--background-fill-secondary); }
.pandu-sources summary, .pandu-tree summary { cursor: pointer; font-weight: 600; }
.pandu-crumb { font-size: 0.9em; color: var(--body-text-color); opacity: 0.8; margin: 4px 0; }
.pandu-meta { font-size: 0.9em; margin: 2px 0; }
.pandu-passage { white-space: pre-wrap; border-left: 3px solid var(--color-accent);
  padding: 4px 10px; margin: 6px 0; font-size: 0.95em; }
.pandu-passage mark { background: #fff3a3; color: inherit; }
.pandu-quote { font-style: italic; margin: 4px 0; }
.pandu-badge { display: inline-block; font-size: 0.75em; font-weight: 600; padding: 1px 6px;
  border-radius: 6px; margin-left: 6px; background: #fde68a; color: #7c2d12; }
.pandu-muted { color: var(--body-text-color); opacity: 0.7; }
.pandu-tree details { margin: 2px 0 2px 14px; }
.pandu-tree > details { margin-left: 0; }
.pandu-tree .pandu-leaf summary { font-weight: 400; }
.pandu-obligations details.pandu-obl, .pandu-timeline details { border: 1px solid var(--border-color-primary);
  border-radius: 8px; padding: 4px 10px; margin: 4px 0; background: var(--background-fill-secondary); }
.pandu-obligations summary, .pandu-timeline summary { cursor: pointer; }
.pandu-obl-cite { font-weight: 600; }
.pandu-obl-status { display: inline-block; font-size: 0.75em; padding: 1px 6px; border-radius: 6px;
  margin-left: 6px; background: #e5e7eb; color: #1f2937; }
.pandu-status-done .pandu-obl-status { background: #bbf7d0; color: #14532d; }
.pandu-status-in_progress .pandu-obl-status { background: #bfdbfe; color: #1e3a8a; }
.pandu-status-not_applicable .pandu-obl-status { background: #e5e7eb; color: #6b7280; }
.pandu-timeline { list-style: none; padding-left: 0; border-left: 3px solid var(--color-accent); }
.pandu-timeline li { margin: 4px 0 4px 10px; }
.pandu-due-date { font-weight: 600; margin-right: 6px; }
.pandu-today { font-size: 0.85em; font-weight: 600; color: var(--color-accent); }
.pandu-overdue > summary, li.pandu-overdue .pandu-due-date { color: #b91c1c; }
.pandu-overdue-word { display: inline-block; font-size: 0.75em; font-weight: 700; padding: 1px 6px;
  border-radius: 6px; margin-left: 6px; background: #fecaca; color: #7f1d1d; text-transform: uppercase; }
.pandu-module-section { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 4px 12px;
  margin: 8px 0; background: var(--background-fill-secondary); }
.pandu-module-section h4, .pandu-module h4 { margin: 8px 0 4px 0; }
.pandu-module-points > li { margin: 6px 0; }
.pandu-module-cite { font-size: 0.9em; font-weight: 600; }
.pandu-module-cite .pandu-muted { font-weight: 400; }
.pandu-module-note { font-size: 0.9em; border-left: 3px solid #f59e0b; padding: 2px 8px; margin: 4px 0; }
.pandu-module-glossary dt { font-weight: 600; margin-top: 4px; }
.pandu-module-glossary dd { margin-left: 14px; }
.pandu-module-obligations { font-size: 0.85em; border-collapse: collapse; width: 100%; }
.pandu-module-obligations th, .pandu-module-obligations td { border: 1px solid var(--border-color-primary);
  padding: 3px 6px; vertical-align: top; text-align: left; }
.pandu-module-options { list-style: none; padding-left: 14px; }
"""


def esc(value: Any) -> str:
    """HTML-escape any value (quotes included, so the result is safe in attributes too)."""
    return html.escape(str(value if value is not None else ""), quote=True)


def markdown_text(value: str) -> str:
    """Markdown whose raw HTML is neutralised: ``<tag>`` shows as text in the chat."""
    return html.escape(value or "", quote=False)


def answer_markdown(answer: Answer) -> str:
    """The answer as shown in the chat bubble (the assistant's markdown, HTML neutralised)."""
    return markdown_text(answer.text)


# -- citations ------------------------------------------------------------------------------


def highlight(passage: str, quote: str) -> str:
    """The escaped passage with the sentences of ``quote`` that occur in it wrapped in ``<mark>``."""
    out: list[str] = []
    pos = 0
    for start, end in quote_spans(passage, quote):
        out.append(esc(passage[pos:start]))
        out.append(f"<mark>{esc(passage[start:end])}</mark>")
        pos = end
    out.append(esc(passage[pos:]))
    return "".join(out)


def location(breadcrumb: str, ayat: str, page: int, lang: str) -> str:
    """``Perpres 132/2022 > BAB II > Pasal 3 > ayat (5), hlm. 4`` (plain text)."""
    return location_text(breadcrumb, ayat, page, text(lang, "page"))


def _badge(verified: bool, lang: str) -> str:
    if verified:
        return ""
    return f'<span class="pandu-badge" title="{esc(text(lang, "unverified_note"))}">{esc(text(lang, "unverified"))}</span>'


def _source_line(source: str, lang: str) -> str:
    if not source:
        return ""
    if re.match(r"https?://", source):
        value = f'<a href="{esc(source)}" target="_blank" rel="noopener noreferrer">{esc(source)}</a>'
    else:
        value = esc(source)
    return f'<div class="pandu-meta">{esc(text(lang, "source"))}: {value}</div>'


def _speech_lines(speaker: str, event: str, date: str, lang: str) -> str:
    rows = [
        (text(lang, "speaker"), speaker),
        (text(lang, "event"), event),
        (text(lang, "date"), format_date_id(date) if date else ""),
    ]
    return "".join(f'<div class="pandu-meta">{esc(k)}: {esc(v)}</div>' for k, v in rows if v)


def citation_html(c: Citation, lang: str, open_: bool = False) -> str:
    """One numbered citation: label in the summary, location, speaker/event/date, the sentences
    used, and the whole passage with those sentences highlighted."""
    parts = [
        f'<details class="pandu-cite" id="pandu-cite-{c.n}"{" open" if open_ else ""}>',
        f"<summary>[{c.n}] {esc(c.label)}{_badge(c.verified, lang)}</summary>",
    ]
    where = location(c.breadcrumb, c.ayat, c.page, lang)
    if where:
        parts.append(f'<div class="pandu-crumb">{esc(where)}</div>')
    if c.title and c.title != c.label:
        parts.append(f'<div class="pandu-meta pandu-muted">{esc(c.title)}</div>')
    if c.doc_type in ("speech", "article"):
        parts.append(_speech_lines(c.speaker, c.event, c.date, lang))
    if c.doc_type != "regulation":
        parts.append(_source_line(c.source, lang))
    if not c.verified:
        parts.append(f'<div class="pandu-meta">{esc(text(lang, "unverified_note"))}</div>')
    parts.append(f'<div class="pandu-meta pandu-muted">{esc(text(lang, "passage"))}:</div>')
    parts.append(f'<div class="pandu-passage">{highlight(c.text, c.quote)}</div>')
    parts.append("</details>")
    return "".join(parts)


def source_html(s: Source, lang: str) -> str:
    """A retrieved passage that the answer did not cite (shown when the assistant abstains)."""
    label = s.breadcrumb or s.short_name or s.title
    parts = [
        '<details class="pandu-source">',
        f"<summary>{esc(label)}{_badge(s.verified, lang)}</summary>",
    ]
    where = location("", "", s.page, lang)
    if where:
        parts.append(f'<div class="pandu-crumb">{esc(where)}</div>')
    if s.doc_type in ("speech", "article"):
        parts.append(_speech_lines(s.speaker, "", s.date, lang))
    parts.append(f'<div class="pandu-passage">{esc(s.text)}</div>')
    parts.append("</details>")
    return "".join(parts)


def sources_html(answer: Answer | None, lang: str, turn: int = 0) -> str:
    """The sources panel for ``answer`` (or a hint when there is none yet); ``turn`` numbers the
    answer in its conversation."""
    if answer is None:
        return f'<div class="pandu-sources pandu-muted" data-turn="0">{esc(text(lang, "sources_empty"))}</div>'
    parts = [f'<div class="pandu-sources" data-turn="{int(turn)}">']
    if answer.citations:
        parts.append(f"<h4>{esc(text(lang, 'sources_title'))}</h4>")
        parts.extend(citation_html(c, lang) for c in answer.citations)
    elif answer.sources:
        parts.append(f"<h4>{esc(text(lang, 'closest_title'))}</h4>")
        parts.extend(source_html(s, lang) for s in answer.sources[:3])
    else:
        parts.append(f'<div class="pandu-muted">{esc(text(lang, "sources_empty"))}</div>')
    parts.append("</div>")
    return "".join(parts)


# -- library --------------------------------------------------------------------------------

_LEVELS = ("part", "bab", "bagian", "paragraf")


def _titled(value: str, breadcrumb: str) -> str:
    """``BAB II`` -> ``BAB II Ketentuan Umum`` when the breadcrumb carries the title."""
    for segment in breadcrumb.split(" > "):
        segment = segment.strip()
        if segment == value or segment.startswith(value + " "):
            return segment
    return value


def part_label(part: str, lang: str) -> str:
    key = f"part_{part}"
    try:
        return text(lang, key)
    except KeyError:
        return part.replace("_", " ").capitalize()


def document_tree_html(record: DocumentRecord | None, chunks: Sequence[StoredChunk], lang: str) -> str:
    """The document's structure (part > BAB > Bagian > Paragraf) with each Pasal or section as an
    expandable leaf holding its passage text."""
    if record is None:
        return f'<div class="pandu-muted">{esc(text(lang, "library_structure_empty"))}</div>'
    head = [
        '<div class="pandu-tree">',
        f"<h4>{esc(record.short_name or record.title)}{_badge(record.verified, lang)}</h4>",
    ]
    if record.title and record.title != record.short_name:
        head.append(f'<div class="pandu-meta pandu-muted">{esc(record.title)}</div>')
    if record.legal_status:
        head.append(f'<div class="pandu-meta pandu-legal">{esc(record.legal_status)}</div>')
    parts_seen = {str(c.metadata.get("part") or "") for c in chunks}
    show_part = len(parts_seen - {""}) > 1
    out: list[str] = head
    open_path: list[tuple[str, str]] = []
    for chunk in chunks:
        meta = chunk.metadata
        crumb = str(meta.get("breadcrumb") or "")
        path = [
            (level, str(meta.get(level) or ""))
            for level in _LEVELS
            if meta.get(level) and (level != "part" or show_part)
        ]
        common = 0
        while common < min(len(path), len(open_path)) and path[common] == open_path[common]:
            common += 1
        for _ in range(len(open_path) - common):
            out.append("</details>")
        open_path = open_path[:common]
        for level, value in path[common:]:
            label = part_label(value, lang) if level == "part" else _titled(value, crumb)
            out.append(f'<details class="pandu-group" open><summary>{esc(label)}</summary>')
            open_path.append((level, value))
        page = int(meta.get("page") or 0)
        suffix = f' <span class="pandu-muted">· {esc(text(lang, "page"))} {page}</span>' if page else ""
        out.append(
            f'<details class="pandu-leaf" data-chunk="{esc(chunk.id)}"><summary>{esc(leaf_label(meta))}{suffix}</summary>'
            f'<div class="pandu-crumb">{esc(crumb)}</div>'
            f'<div class="pandu-passage">{esc(chunk.text)}</div></details>'
        )
    out.extend("</details>" for _ in open_path)
    out.append("</div>")
    return "".join(out)
