"""Answers and conversations as Markdown and DOCX files, with their citations and the passages
behind them, so that trainers can reuse them as material.

    write_markdown([answer], "jawaban.md")
    write_docx(answers, "percakapan.docx", lang="en")
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from assistant.answering.types import Answer, Citation
from assistant.documents.names import format_date_id, location_text

_LABELS: dict[str, dict[str, str]] = {
    "id": {
        "title_answer": "Jawaban Pandu",
        "title_conversation": "Percakapan dengan Pandu",
        "question": "Pertanyaan",
        "answer": "Jawaban",
        "passages": "Kutipan sumber",
        "location": "Letak",
        "page": "hlm.",
        "speaker": "Pembicara",
        "event": "Acara",
        "date": "Tanggal",
        "source": "Sumber",
        "used": "Kalimat yang dipakai",
        "unverified": "belum diverifikasi",
        "generated": "Diekspor dari Pandu pada {when}. Periksa kembali kutipan terhadap teks resmi.",
    },
    "en": {
        "title_answer": "Answer from Pandu",
        "title_conversation": "Conversation with Pandu",
        "question": "Question",
        "answer": "Answer",
        "passages": "Cited passages",
        "location": "Location",
        "page": "p.",
        "speaker": "Speaker",
        "event": "Event",
        "date": "Date",
        "source": "Source",
        "used": "Sentences used",
        "unverified": "not verified",
        "generated": "Exported from Pandu on {when}. Check the passages against the official texts.",
    },
}


def _label(lang: str, key: str) -> str:
    return _LABELS.get(lang, _LABELS["id"])[key]


def quote_spans(passage: str, quote: str) -> list[tuple[int, int]]:
    """Character spans of ``passage`` holding the sentences of ``quote`` (whitespace-insensitive),
    sorted and non-overlapping."""

    def find(piece: str) -> tuple[int, int] | None:
        words = piece.split()
        if len(words) < 2:
            return None
        m = re.search(r"\s+".join(re.escape(w) for w in words), passage)
        return m.span() if m else None

    if not quote.strip():
        return []
    whole = find(quote)
    if whole:
        return [whole]
    spans = sorted(s for p in re.split(r"(?<=[.;:])\s+", quote) if (s := find(p)))
    kept: list[tuple[int, int]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def citation_location(c: Citation, lang: str) -> str:
    """``Perpres 132/2022 > BAB II > Pasal 3 > ayat (5), hlm. 4``."""
    return location_text(c.breadcrumb, c.ayat, c.page, _label(lang, "page"), fallback=c.label)


def _citation_facts(c: Citation, lang: str) -> list[tuple[str, str]]:
    facts = [(_label(lang, "location"), citation_location(c, lang))]
    if c.doc_type in ("speech", "article"):
        facts += [
            (_label(lang, "speaker"), c.speaker),
            (_label(lang, "event"), c.event),
            (_label(lang, "date"), format_date_id(c.date) if c.date else ""),
        ]
    if c.doc_type != "regulation":
        facts.append((_label(lang, "source"), c.source))
    return [(k, v) for k, v in facts if v]


def _heading_label(c: Citation, lang: str) -> str:
    flag = f" ({_label(lang, 'unverified')})" if not c.verified else ""
    return f"[{c.n}] {c.label}{flag}"


# -- Markdown -------------------------------------------------------------------------------


def _inert(text: str) -> str:
    """Text from a question or a document, made inert in Markdown: HTML tags are escaped, so a
    ``<img onerror=...>`` in a passage is shown as text by any Markdown viewer, never run (an
    opening ``<`` is all a tag needs; ``>`` stays readable in breadcrumbs and quotes)."""
    return text.replace("<", "&lt;")


def answer_markdown(answer: Answer, lang: str = "id", number: int | None = None) -> str:
    """One question, its answer (with its [n] markers and source list) and the cited passages;
    every text that came from a user or a document is escaped."""
    head = f"{number}. {_inert(answer.question)}" if number else _inert(answer.question)
    lines = [f"## {head}", "", f"**{_label(lang, 'answer')}**", "", _inert(answer.text.strip()), ""]
    if answer.citations:
        lines += [f"### {_label(lang, 'passages')}", ""]
        for c in answer.citations:
            lines.append(f"**{_inert(_heading_label(c, lang))}**")
            lines.append("")
            lines += [f"- {k}: {_inert(v)}" for k, v in _citation_facts(c, lang)]
            if c.quote:
                lines.append(f"- {_label(lang, 'used')}: “{_inert(' '.join(c.quote.split()))}”")
            lines.append("")
            lines += [f"> {_inert(line)}".rstrip() for line in c.text.strip().splitlines()]
            lines.append("")
    return "\n".join(lines)


def conversation_markdown(answers: Sequence[Answer], lang: str = "id", when: dt.datetime | None = None) -> str:
    """The whole conversation (one answer gives the single-answer document)."""
    title = _label(lang, "title_answer" if len(answers) == 1 else "title_conversation")
    stamp = (when or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    parts = [f"# {title}", "", f"_{_label(lang, 'generated').format(when=stamp)}_", ""]
    for i, answer in enumerate(answers, start=1):
        parts.append(answer_markdown(answer, lang, number=i if len(answers) > 1 else None))
    return "\n".join(parts).rstrip() + "\n"


def write_markdown(answers: Sequence[Answer], path: Path | str, lang: str = "id") -> Path:
    path = Path(path)
    path.write_text(conversation_markdown(answers, lang), encoding="utf-8")
    return path


# -- DOCX -----------------------------------------------------------------------------------

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _add_inline(paragraph: Paragraph, line: str) -> None:
    """Add ``line`` to ``paragraph``, turning ``**bold**`` into bold runs."""
    pos = 0
    for m in _BOLD.finditer(line):
        if m.start() > pos:
            paragraph.add_run(line[pos : m.start()])
        paragraph.add_run(m.group(1)).bold = True
        pos = m.end()
    if pos < len(line):
        paragraph.add_run(line[pos:])


def _add_markdown(document, markdown: str) -> None:
    """The small Markdown subset that answers use: paragraphs, ``- `` bullets, ``**bold**``."""
    for raw in markdown.strip().splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if re.match(r"^\s*[-*] ", line):
            _add_inline(document.add_paragraph(style="List Bullet"), line.strip()[2:])
        else:
            _add_inline(document.add_paragraph(), line.strip())


def _add_passage(document, c: Citation) -> None:
    spans = quote_spans(c.text, c.quote)
    paragraph = document.add_paragraph(style="Quote")
    pos = 0
    for start, end in spans:
        if start > pos:
            paragraph.add_run(c.text[pos:start])
        run = paragraph.add_run(c.text[start:end])
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        pos = end
    if pos < len(c.text):
        paragraph.add_run(c.text[pos:])


def _add_answer(document, answer: Answer, lang: str, number: int | None) -> None:
    head = f"{number}. {answer.question}" if number else answer.question
    document.add_heading(head, level=1)
    document.add_heading(_label(lang, "answer"), level=2)
    _add_markdown(document, answer.text)
    if not answer.citations:
        return
    document.add_heading(_label(lang, "passages"), level=2)
    for c in answer.citations:
        label = document.add_paragraph()
        label.add_run(f"[{c.n}] {c.label}").bold = True
        if not c.verified:
            flag = label.add_run(f" ({_label(lang, 'unverified')})")
            flag.italic = True
            flag.font.color.rgb = RGBColor(0x9A, 0x34, 0x12)
        for key, value in _citation_facts(c, lang):
            fact = document.add_paragraph()
            fact.add_run(f"{key}: ").italic = True
            fact.add_run(value)
            fact.paragraph_format.space_after = Pt(0)
        _add_passage(document, c)


def conversation_docx(answers: Sequence[Answer], lang: str = "id", when: dt.datetime | None = None):
    """A python-docx ``Document`` holding the conversation."""
    document = Document()
    title = _label(lang, "title_answer" if len(answers) == 1 else "title_conversation")
    document.core_properties.title = title
    document.add_heading(title, level=0)
    stamp = (when or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    document.add_paragraph().add_run(_label(lang, "generated").format(when=stamp)).italic = True
    for i, answer in enumerate(answers, start=1):
        _add_answer(document, answer, lang, i if len(answers) > 1 else None)
    return document


def write_docx(answers: Sequence[Answer], path: Path | str, lang: str = "id") -> Path:
    path = Path(path)
    conversation_docx(answers, lang).save(str(path))
    return path
