"""A training module as material to take away: a Markdown handout, a DOCX handout and a slide deck.

    write(module, "pelatihan.md")      # or .docx, .pptx: the format follows the suffix
    write_pptx(module, "pelatihan.pptx")

Each export holds, in order: the title (topic, audience, date), the learning objectives, one part
per section (its key points, each followed by its citation; the trainer's notes marked as notes, on
slides in the notes page), the glossary, the obligations table, then the quiz and its answer key.
Labels are in Indonesian, or in English when ``module.language == "en"``; the quotes stay as written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.shared import Cm, Pt, RGBColor
from pptx import Presentation
from pptx.dml.color import RGBColor as SlideColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches
from pptx.util import Pt as SlidePt

from assistant.exports import _inert
from assistant.obligations.exports import date_text, pillar_text
from assistant.obligations.model import MODALITY_WORDS
from assistant.training.model import GlossaryEntry, KeyPoint, ObligationPoint, QuizItem, Section, TrainingModule

_LABELS: dict[str, dict[str, str]] = {
    "id": {
        "audience": "Peserta",
        "date": "Tanggal",
        "objectives": "Tujuan Pembelajaran",
        "note": "Catatan pelatih",
        "point": "Poin",
        "pillars": "Pilar",
        "continued": "lanjutan",
        "glossary": "Glosarium",
        "term": "Istilah",
        "definition": "Definisi",
        "source": "Sumber",
        "obligations": "Kewajiban",
        "citation": "Pasal",
        "actor": "Pelaksana",
        "modality": "Sifat",
        "action": "Kewajiban",
        "deadline": "Tenggat",
        "sanction": "Sanksi",
        "quiz": "Kuis",
        "short_answer": "Jawaban singkat",
        "key": "Kunci Jawaban",
        "answer": "Jawaban",
        "proof": "Dasar",
        "generated": "Disusun dari sumber yang terindeks di Pandu. Periksa kembali kutipan terhadap teks resmi.",
        "audience_pimpinan_daerah": "Pimpinan daerah",
        "audience_asn_pelaksana": "ASN pelaksana",
        "audience_tim_spbe": "Tim SPBE",
    },
    "en": {
        "audience": "Audience",
        "date": "Date",
        "objectives": "Learning Objectives",
        "note": "Trainer's note",
        "point": "Point",
        "pillars": "Pillars",
        "continued": "continued",
        "glossary": "Glossary",
        "term": "Term",
        "definition": "Definition",
        "source": "Source",
        "obligations": "Obligations",
        "citation": "Provision",
        "actor": "Actor",
        "modality": "Modality",
        "action": "Obligation",
        "deadline": "Deadline",
        "sanction": "Sanction",
        "quiz": "Quiz",
        "short_answer": "Short answer",
        "key": "Answer Key",
        "answer": "Answer",
        "proof": "Basis",
        "generated": "Compiled from the sources indexed in Pandu. Check the quotes against the official texts.",
        "audience_pimpinan_daerah": "Regional leaders",
        "audience_asn_pelaksana": "Civil servants (implementers)",
        "audience_tim_spbe": "SPBE team",
    },
}

#: The columns of the obligations table, in order.
OBLIGATION_COLUMNS: tuple[str, ...] = ("citation", "actor", "modality", "action", "deadline", "sanction")

#: Key points on one slide at most; a section with more continues on further slides.
POINTS_PER_SLIDE = 5

# characters XML 1.0 (and so DOCX and PPTX) cannot hold
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Markdown punctuation that could turn quoted text into emphasis, headings, links, code or table cells
_MARKDOWN = re.compile(r"([\\`*_\[\]#|~])")


def label(lang: str, key: str) -> str:
    return _LABELS.get(lang, _LABELS["id"])[key]


def _lang(module: TrainingModule) -> str:
    return "en" if module.language == "en" else "id"


def _x(text: str) -> str:
    return _CONTROL.sub("", text or "")


def _flat(text: str) -> str:
    return " ".join(_x(text).split())


def audience_text(module: TrainingModule) -> str:
    key = f"audience_{module.audience}"
    return label(_lang(module), key) if key in _LABELS["id"] else module.audience.replace("_", " ")


def date_of(module: TrainingModule, lang: str) -> str:
    """The module's creation day in words ("5 Maret 2025"); today when it has none."""
    day = (module.created or "")[:10] or dt.date.today().isoformat()
    return date_text(day, lang)


def modality_text(modality: str, lang: str) -> str:
    return MODALITY_WORDS.get(lang, MODALITY_WORDS["id"]).get(modality, modality)


def obligation_values(o: ObligationPoint, lang: str) -> tuple[str, ...]:
    """The cells of one row of the obligations table, in ``OBLIGATION_COLUMNS`` order."""
    deadline = o.deadline
    if o.deadline_date:
        deadline = f"{o.deadline} ({date_text(o.deadline_date, lang)})".strip()
    return (o.citation, o.actor, modality_text(o.modality, lang), o.action, deadline, o.sanction)


def letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else str(i + 1)


def answer_text(item: QuizItem) -> str:
    """"B. <the option>" for a choice whose answer is among its options, else the answer."""
    if item.kind == "choice" and item.answer in item.options:
        return f"{letter(item.options.index(item.answer))}. {item.answer}"
    return item.answer


def point_pages(points: Sequence[KeyPoint], per_page: int = POINTS_PER_SLIDE,
                budget: int = 750) -> list[list[int]]:
    """The positions of ``points`` split into slides: at most ``per_page`` points, and no more
    text than ``budget`` characters unless a single point holds more."""
    pages: list[list[int]] = []
    page: list[int] = []
    used = 0
    for i, p in enumerate(points):
        size = len(p.text) + len(p.citation)
        if page and (len(page) >= per_page or used + size > budget):
            pages.append(page)
            page, used = [], 0
        page.append(i)
        used += size
    if page:
        pages.append(page)
    return pages or [[]]


# -- Markdown -------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Quoted or typed text, inert in Markdown: on one line, HTML tags escaped as in the answer
    exports, and the punctuation that makes emphasis, headings, links, code or table cells
    backslash-escaped."""
    return _inert(_MARKDOWN.sub(r"\\\1", _flat(text)))


def _md_note(note: str, lang: str) -> list[str]:
    return [f"> **{label(lang, 'note')}:** {md_escape(note)}", ""] if note.strip() else []


def _md_point(n: int, p: KeyPoint, lang: str) -> list[str]:
    lines = [f"{n}. “{md_escape(p.text)}”", "", f"    — _{md_escape(p.citation)}_"]
    if p.pillars:
        lines[-1] += f" · {label(lang, 'pillars')}: {md_escape(pillar_text(p.pillars, lang))}"
    lines.append("")
    if p.note.strip():
        lines += [f"    > **{label(lang, 'note')}:** {md_escape(p.note)}", ""]
    return lines


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in rows]
    return lines + [""]


def to_markdown(module: TrainingModule) -> str:
    lang = _lang(module)
    lines = [
        f"# {md_escape(module.topic)}", "",
        f"**{label(lang, 'audience')}:** {md_escape(audience_text(module))}  ",
        f"**{label(lang, 'date')}:** {date_of(module, lang)}", "",
        f"_{label(lang, 'generated')}_", "",
    ]
    if module.objectives:
        lines += [f"## {label(lang, 'objectives')}", ""]
        lines += [f"{i}. {md_escape(o)}" for i, o in enumerate(module.objectives, start=1)] + [""]
    for s_no, section in enumerate(module.sections, start=1):
        lines += [f"## {s_no}. {md_escape(section.title)}", ""]
        lines += _md_note(section.note, lang)
        for p_no, point in enumerate(section.points, start=1):
            lines += _md_point(p_no, point, lang)
    if module.glossary:
        lines += [f"## {label(lang, 'glossary')}", ""]
        lines += _md_table([label(lang, k) for k in ("term", "definition", "source")],
                           [(g.term, g.definition, g.citation) for g in module.glossary])
    if module.obligations:
        lines += [f"## {label(lang, 'obligations')}", ""]
        lines += _md_table([label(lang, k) for k in OBLIGATION_COLUMNS],
                           [obligation_values(o, lang) for o in module.obligations])
    if module.quiz:
        lines += [f"## {label(lang, 'quiz')}", ""]
        for n, item in enumerate(module.quiz, start=1):
            lines += [f"{n}. {md_escape(item.question)}", ""]
            if item.kind == "choice":
                lines += [f"    - {letter(i)}. {md_escape(o)}" for i, o in enumerate(item.options)] + [""]
            else:
                lines += [f"    {label(lang, 'short_answer')}: ____________________", ""]
        lines += [f"## {label(lang, 'key')}", ""]
        for n, item in enumerate(module.quiz, start=1):
            lines += [f"{n}. **{md_escape(answer_text(item))}** — {label(lang, 'proof')}: "
                      f"_{md_escape(item.citation)}_"]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(module: TrainingModule, path: Path | str) -> Path:
    path = Path(path)
    path.write_text(to_markdown(module), encoding="utf-8")
    return path


# -- DOCX -----------------------------------------------------------------------------------


def _docx_note(document, note: str, lang: str, indent: bool = False) -> None:
    paragraph = document.add_paragraph()
    head = paragraph.add_run(f"{label(lang, 'note')}: ")
    head.bold = head.italic = True
    head.font.color.rgb = RGBColor(0x9A, 0x34, 0x12)
    paragraph.add_run(_x(note.strip())).italic = True
    if indent:
        paragraph.paragraph_format.left_indent = Cm(1)


def _docx_table(document, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = _x(value)


def module_docx(module: TrainingModule):
    """A python-docx ``Document`` holding the module."""
    lang = _lang(module)
    document = Document()
    document.core_properties.title = _flat(module.topic)
    document.add_heading(_x(module.topic), level=0)
    facts = document.add_paragraph()
    facts.add_run(f"{label(lang, 'audience')}: ").bold = True
    facts.add_run(_x(audience_text(module)))
    facts.add_run("\n")
    facts.add_run(f"{label(lang, 'date')}: ").bold = True
    facts.add_run(date_of(module, lang))
    document.add_paragraph().add_run(label(lang, "generated")).italic = True

    if module.objectives:
        document.add_heading(label(lang, "objectives"), level=1)
        for objective in module.objectives:
            document.add_paragraph(_x(objective), style="List Number")

    for s_no, section in enumerate(module.sections, start=1):
        document.add_heading(_x(f"{s_no}. {section.title}"), level=1)
        if section.note.strip():
            _docx_note(document, section.note, lang)
        for point in section.points:
            quote = document.add_paragraph(style="List Bullet")
            quote.add_run(f"“{_x(point.text.strip())}”")
            quote.paragraph_format.space_after = Pt(0)
            source = document.add_paragraph()
            source.paragraph_format.left_indent = Cm(1)
            run = source.add_run(f"— {_x(point.citation)}")
            run.italic = True
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
            if point.pillars:
                extra = source.add_run(f" · {label(lang, 'pillars')}: {pillar_text(point.pillars, lang)}")
                extra.font.size = Pt(9)
                extra.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
            if point.note.strip():
                _docx_note(document, point.note, lang, indent=True)

    if module.glossary:
        document.add_heading(label(lang, "glossary"), level=1)
        _docx_table(document, [label(lang, k) for k in ("term", "definition", "source")],
                    [(g.term, g.definition, g.citation) for g in module.glossary])
    if module.obligations:
        document.add_heading(label(lang, "obligations"), level=1)
        _docx_table(document, [label(lang, k) for k in OBLIGATION_COLUMNS],
                    [obligation_values(o, lang) for o in module.obligations])

    if module.quiz:
        document.add_heading(label(lang, "quiz"), level=1)
        for n, item in enumerate(module.quiz, start=1):
            question = document.add_paragraph()
            question.add_run(f"{n}. ").bold = True
            question.add_run(_x(item.question))
            if item.kind == "choice":
                for i, option in enumerate(item.options):
                    p = document.add_paragraph(_x(f"{letter(i)}. {option}"))
                    p.paragraph_format.left_indent = Cm(1)
                    p.paragraph_format.space_after = Pt(0)
            else:
                p = document.add_paragraph(f"{label(lang, 'short_answer')}: " + "_" * 30)
                p.paragraph_format.left_indent = Cm(1)
        document.add_heading(label(lang, "key"), level=1)
        for n, item in enumerate(module.quiz, start=1):
            p = document.add_paragraph()
            p.add_run(f"{n}. ").bold = True
            p.add_run(_x(answer_text(item))).bold = True
            p.add_run(f" — {label(lang, 'proof')}: ")
            p.add_run(_x(item.citation)).italic = True
    return document


def write_docx(module: TrainingModule, path: Path | str) -> Path:
    path = Path(path)
    module_docx(module).save(str(path))
    return path


# -- PPTX -----------------------------------------------------------------------------------

_LAYOUT_TITLE, _LAYOUT_TITLE_ONLY = 0, 5
_GREY = (0x59, 0x59, 0x59)


def _place_title(slide, text: str) -> None:
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = Inches(0.5), Inches(0.3), Inches(12.33), Inches(1.0)
    title.text = _flat(text)
    for paragraph in title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = SlidePt(30)


def _content_slide(prs, title: str):
    slide = prs.slides.add_slide(prs.slide_layouts[_LAYOUT_TITLE_ONLY])
    _place_title(slide, title)
    return slide


def _text_box(slide):
    frame = slide.shapes.add_textbox(Inches(0.6), Inches(1.45), Inches(12.1), Inches(5.7)).text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    return frame


def _add_line(frame, text: str, size: float, *, bold: bool = False, italic: bool = False,
              grey: bool = False, indent: int = 0, space_before: float = 0, first: list[bool]):
    """Append one paragraph to ``frame`` (using its first, empty paragraph the first time)."""
    if first[0]:
        paragraph = frame.paragraphs[0]
        first[0] = False
    else:
        paragraph = frame.add_paragraph()
    paragraph.level = indent
    if space_before:
        paragraph.space_before = SlidePt(space_before)
    run = paragraph.add_run()
    run.text = _flat(text)
    run.font.size = SlidePt(size)
    run.font.bold = bold
    run.font.italic = italic
    if grey:
        run.font.color.rgb = SlideColor(*_GREY)
    return paragraph


def _quote_size(points: Sequence[KeyPoint]) -> int:
    chars = sum(len(p.text) for p in points)
    return 20 if chars < 300 else 18 if chars < 500 else 16 if chars < 700 else 14


def _set_notes(slide, lines: Sequence[str]) -> None:
    lines = [_flat(line) for line in lines if line and line.strip()]
    if lines:
        slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def _section_slides(prs, s_no: int, section: Section, lang: str) -> None:
    pages = point_pages(section.points)
    for page_no, page in enumerate(pages):
        title = f"{s_no}. {section.title}"
        if page_no:
            title += f" ({label(lang, 'continued')})"
        slide = _content_slide(prs, title)
        points = [section.points[i] for i in page]
        frame, first = _text_box(slide), [True]
        size = _quote_size(points)
        for point in points:
            _add_line(frame, f"• “{point.text.strip()}”", size, space_before=10, first=first)
            _add_line(frame, f"— {point.citation}", max(size - 7, 10), italic=True, grey=True, indent=1,
                      first=first)
        notes = [f"{label(lang, 'note')}: {section.note}"] if section.note.strip() and page_no == 0 else []
        notes += [f"{label(lang, 'point')} {i + 1} — {label(lang, 'note')}: {section.points[i].note}"
                  for i in page if section.points[i].note.strip()]
        _set_notes(slide, notes)


def _glossary_slides(prs, glossary: Sequence[GlossaryEntry], lang: str, per_slide: int = 4) -> None:
    for start in range(0, len(glossary), per_slide):
        title = label(lang, "glossary") + (f" ({label(lang, 'continued')})" if start else "")
        frame, first = _text_box(_content_slide(prs, title)), [True]
        for g in glossary[start:start + per_slide]:
            paragraph = _add_line(frame, f"{g.term}: ", 16, bold=True, space_before=10, first=first)
            run = paragraph.add_run()
            run.text = _flat(g.definition)
            run.font.size = SlidePt(16)
            _add_line(frame, f"— {g.citation}", 11, italic=True, grey=True, indent=1, first=first)


def _obligation_slides(prs, obligations: Sequence[ObligationPoint], lang: str, per_slide: int = 4) -> None:
    widths = (2.2, 1.6, 1.1, 3.9, 1.7, 1.83)
    for start in range(0, len(obligations), per_slide):
        title = label(lang, "obligations") + (f" ({label(lang, 'continued')})" if start else "")
        slide = _content_slide(prs, title)
        rows = obligations[start:start + per_slide]
        shape = slide.shapes.add_table(len(rows) + 1, len(OBLIGATION_COLUMNS), Inches(0.5), Inches(1.45),
                                       Inches(sum(widths)), Inches(0.4 * (len(rows) + 1)))
        table = shape.table
        for col, width in zip(table.columns, widths):
            col.width = Inches(width)
        for c, key in enumerate(OBLIGATION_COLUMNS):
            table.cell(0, c).text = label(lang, key)
        for r, o in enumerate(rows, start=1):
            for c, value in enumerate(obligation_values(o, lang)):
                table.cell(r, c).text = _flat(value)
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.text_frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = SlidePt(11)


def _quiz_slides(prs, quiz: Sequence[QuizItem], lang: str, budget: int = 900) -> None:
    def pages() -> list[list[int]]:
        out: list[list[int]] = [[]]
        used = 0
        for i, item in enumerate(quiz):
            size = len(item.question) + sum(len(o) for o in item.options) + 40
            if out[-1] and used + size > budget:
                out.append([])
                used = 0
            out[-1].append(i)
            used += size
        return out

    for page_no, page in enumerate(pages()):
        title = label(lang, "quiz") + (f" ({label(lang, 'continued')})" if page_no else "")
        frame, first = _text_box(_content_slide(prs, title)), [True]
        for i in page:
            item = quiz[i]
            _add_line(frame, f"{i + 1}. {item.question}", 16, bold=True, space_before=8, first=first)
            if item.kind == "choice":
                for k, option in enumerate(item.options):
                    _add_line(frame, f"{letter(k)}. {option}", 14, indent=1, first=first)
            else:
                _add_line(frame, f"{label(lang, 'short_answer')}: ________________", 14, indent=1, first=first)
    per_slide = 6
    for start in range(0, len(quiz), per_slide):
        title = label(lang, "key") + (f" ({label(lang, 'continued')})" if start else "")
        frame, first = _text_box(_content_slide(prs, title)), [True]
        for n, item in enumerate(quiz[start:start + per_slide], start=start + 1):
            _add_line(frame, f"{n}. {answer_text(item)}", 16, bold=True, space_before=8, first=first)
            _add_line(frame, f"{label(lang, 'proof')}: {item.citation}", 12, italic=True, grey=True, indent=1,
                      first=first)


def module_pptx(module: TrainingModule):
    """A python-pptx ``Presentation`` (16:9) holding the module."""
    lang = _lang(module)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    prs.core_properties.title = _flat(module.topic)[:255]

    slide = prs.slides.add_slide(prs.slide_layouts[_LAYOUT_TITLE])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = Inches(0.8), Inches(2.0), Inches(11.7), Inches(1.8)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = Inches(0.8), Inches(4.0), Inches(11.7), Inches(1.4)
    title.text = _flat(module.topic)
    subtitle.text = (f"{label(lang, 'audience')}: {_flat(audience_text(module))}\n"
                     f"{label(lang, 'date')}: {date_of(module, lang)}")

    if module.objectives:
        frame, first = _text_box(_content_slide(prs, label(lang, "objectives"))), [True]
        for i, objective in enumerate(module.objectives, start=1):
            _add_line(frame, f"{i}. {objective}", 20, space_before=8, first=first)
    for s_no, section in enumerate(module.sections, start=1):
        _section_slides(prs, s_no, section, lang)
    if module.glossary:
        _glossary_slides(prs, module.glossary, lang)
    if module.obligations:
        _obligation_slides(prs, module.obligations, lang)
    if module.quiz:
        _quiz_slides(prs, module.quiz, lang)
    return prs


def write_pptx(module: TrainingModule, path: Path | str) -> Path:
    path = Path(path)
    module_pptx(module).save(str(path))
    return path


# -- any format -----------------------------------------------------------------------------

WRITERS = {".md": write_markdown, ".docx": write_docx, ".pptx": write_pptx}


def write(module: TrainingModule, path: Path | str) -> Path:
    """Write ``module`` in the format its suffix names (.md, .docx or .pptx)."""
    path = Path(path)
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise ValueError(f"cannot export a training module as {path.suffix or 'a file without a suffix'!r}; "
                         f"use one of {', '.join(WRITERS)}")
    return writer(module, path)
