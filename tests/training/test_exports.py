"""A training module written by hand, exported as Markdown, DOCX and slides, and read back with
the libraries that read those formats."""

from __future__ import annotations

import pytest
from docx import Document
from pptx import Presentation

from assistant.training.exports import POINTS_PER_SLIDE, to_markdown, write, write_docx, write_markdown, write_pptx
from assistant.training.model import GlossaryEntry, KeyPoint, ObligationPoint, QuizItem, Section, TrainingModule

REG = "Perbup Rekaan 9/2031"
TRICKY = "Setiap *perangkat daerah* wajib menulis <b>rencana</b> # digital secara terbuka."


def _point(n: int, text: str, note: str = "") -> KeyPoint:
    return KeyPoint(text=text, citation=f"Pasal {n} {REG}", chunk_id=f"c{n}", pillars=("culture",), note=note)


def make_module(language: str = "id") -> TrainingModule:
    first = Section(
        title="Budaya kerja digital",
        points=(
            _point(1, TRICKY, note="Tanyakan contoh dari dinas peserta."),
            *(_point(n, f"Ketentuan rekaan nomor {n} tentang layanan berbagi pakai.") for n in range(2, 8)),
        ),
        note="Mulai dengan cerita singkat dari lapangan.",
    )
    second = Section(
        title="Tata kelola data",
        points=(_point(20, "Data induk dikelola oleh satu walidata di setiap kabupaten rekaan."),
                _point(21, "Walidata menerbitkan katalog data paling sedikit sekali setahun.")),
    )
    return TrainingModule(
        topic="Kepemimpinan Digital di Kabupaten Rekaan",
        audience="pimpinan_daerah",
        language=language,
        objectives=("Menjelaskan kewajiban rencana digital.", "Menyebut peran walidata."),
        sections=(first, second),
        glossary=(GlossaryEntry("Walidata", "unit yang mengelola data induk di kabupaten rekaan.",
                                f"Pasal 30 angka 4 {REG}", "c30"),),
        obligations=(ObligationPoint(citation=f"Pasal 40 ayat (2) {REG}", actor="Bupati", modality="must",
                                     action="menetapkan peta rencana digital", deadline="paling lambat tahun 2032",
                                     deadline_date="2032-12-31", sanction="teguran tertulis (Pasal 41)",
                                     chunk_id="c40"),),
        quiz=(
            QuizItem("choice", "Siapa yang mengelola data induk?", "walidata",
                     ("sekretaris daerah", "walidata", "camat"), f"Pasal 50 {REG}", "c50"),
            QuizItem("short", "Berapa kali katalog data diterbitkan dalam setahun?", "paling sedikit sekali",
                     (), f"Pasal 51 {REG}", "c51"),
        ),
        created="2031-03-05T09:00:00+07:00",
    )


def _citations(module: TrainingModule) -> set[str]:
    return {c for c, _, _ in module.citations()}


def test_markdown_holds_every_citation_and_escapes_markup(tmp_path):
    module = make_module()
    path = write_markdown(module, tmp_path / "modul.md")
    text = path.read_text(encoding="utf-8")
    for citation in _citations(module):
        assert citation in text
    assert text.startswith("# Kepemimpinan Digital di Kabupaten Rekaan\n")
    assert "5 Maret 2031" in text and "Pimpinan daerah" in text
    assert "<b>" not in text and "&lt;b>" in text
    assert r"\*perangkat daerah\*" in text and r"\# digital" in text
    assert "*perangkat daerah*" not in text.replace(r"\*", "")
    assert "Catatan pelatih:** Mulai dengan cerita singkat" in text
    assert "Catatan pelatih:** Tanyakan contoh" in text
    assert "Bupati" in text and "wajib" in text and "31 Desember 2032" in text
    # quiz at the end: options lettered, then the key with the answer and its proof
    quiz, key = text.index("## Kuis"), text.index("## Kunci Jawaban")
    assert text.index("## Kewajiban") < quiz < key
    assert "- B. walidata" in text[quiz:key]
    assert f"1. **B. walidata** — Dasar: _Pasal 50 {REG}_" in text[key:]
    assert f"2. **paling sedikit sekali** — Dasar: _Pasal 51 {REG}_" in text[key:]


def test_markdown_labels_follow_the_language():
    text = to_markdown(make_module("en"))
    assert "## Learning Objectives" in text and "## Answer Key" in text and "## Glossary" in text
    assert "Trainer's note" in text and "Regional leaders" in text and "5 March 2031" in text
    assert "Tujuan Pembelajaran" not in text and "Kunci Jawaban" not in text
    assert "Data induk dikelola oleh satu walidata" in text  # quotes stay as written


def _docx_text(path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_docx_reads_back(tmp_path):
    module = make_module()
    path = write_docx(module, tmp_path / "modul.docx")
    document = Document(str(path))
    text = _docx_text(path)
    for citation in _citations(module):
        assert citation in text
    assert TRICKY in text  # plain text in a document: nothing to escape
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Tujuan Pembelajaran", "1. Budaya kerja digital", "2. Tata kelola data"]
    assert headings[-4:] == ["Glosarium", "Kewajiban", "Kuis", "Kunci Jawaban"]
    paragraphs = [p.text for p in document.paragraphs]
    key = paragraphs[paragraphs.index("Kunci Jawaban") + 1:]
    assert key == [f"1. B. walidata — Dasar: Pasal 50 {REG}", f"2. paling sedikit sekali — Dasar: Pasal 51 {REG}"]
    assert "B. walidata" in paragraphs
    assert any(p.startswith("Catatan pelatih: Mulai dengan cerita") for p in paragraphs)
    obligations = document.tables[1]
    assert [c.text for c in obligations.rows[0].cells] == ["Pasal", "Pelaksana", "Sifat", "Kewajiban", "Tenggat",
                                                           "Sanksi"]
    assert [c.text for c in obligations.rows[1].cells][:3] == [f"Pasal 40 ayat (2) {REG}", "Bupati", "wajib"]


def _slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def test_pptx_reads_back(tmp_path):
    module = make_module()
    path = write_pptx(module, tmp_path / "modul.pptx")
    slides = list(Presentation(str(path)).slides)
    titles = [s.shapes.title.text for s in slides]
    first, second = module.sections
    assert len(first.points) > POINTS_PER_SLIDE
    assert titles == [
        module.topic, "Tujuan Pembelajaran",
        "1. Budaya kerja digital", "1. Budaya kerja digital (lanjutan)", "2. Tata kelola data",
        "Glosarium", "Kewajiban", "Kuis", "Kunci Jawaban",
    ]
    assert "Pimpinan daerah" in _slide_text(slides[0]) and "5 Maret 2031" in _slide_text(slides[0])
    everything = "\n".join(_slide_text(s) for s in slides)
    for citation in _citations(module):
        assert citation in everything
    # each point on its section's slides, its citation in smaller type on the line under it
    for slide, points in ((slides[2], first.points[:POINTS_PER_SLIDE]), (slides[3], first.points[POINTS_PER_SLIDE:]),
                          (slides[4], second.points)):
        box = next(s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title)
        paragraphs = box.text_frame.paragraphs
        assert len(paragraphs) == 2 * len(points)
        for quote, source, point in zip(paragraphs[::2], paragraphs[1::2], points):
            assert point.text in quote.text
            assert source.text == f"— {point.citation}"
            assert source.runs[0].font.size < quote.runs[0].font.size
    # quiz: the questions, then the key last
    quiz, key = _slide_text(slides[-2]), _slide_text(slides[-1])
    assert "1. Siapa yang mengelola data induk?" in quiz and "B. walidata" in quiz and "Jawaban singkat" in quiz
    assert "Pasal 50" not in quiz
    assert "1. B. walidata" in key and f"Dasar: Pasal 50 {REG}" in key and f"Dasar: Pasal 51 {REG}" in key
    # the trainer's notes are in the notes pages, not on the slides
    notes = slides[2].notes_slide.notes_text_frame.text
    assert "Mulai dengan cerita singkat dari lapangan." in notes
    assert "Poin 1 — Catatan pelatih: Tanyakan contoh dari dinas peserta." in notes
    assert "Mulai dengan cerita" not in everything and "Tanyakan contoh" not in everything
    assert not slides[4].has_notes_slide


def test_pptx_in_english(tmp_path):
    slides = list(Presentation(str(write_pptx(make_module("en"), tmp_path / "m.pptx"))).slides)
    titles = [s.shapes.title.text for s in slides]
    assert "1. Budaya kerja digital (continued)" in titles
    assert titles[-2:] == ["Quiz", "Answer Key"]
    assert "Trainer's note" in slides[2].notes_slide.notes_text_frame.text


def test_write_picks_the_format_by_suffix(tmp_path):
    module = make_module()
    assert write(module, tmp_path / "a.MD").read_text(encoding="utf-8") == to_markdown(module)
    assert Document(str(write(module, tmp_path / "a.docx"))).paragraphs
    assert len(Presentation(str(write(module, tmp_path / "a.pptx"))).slides) == 9
    for name in ("a.pdf", "a"):
        with pytest.raises(ValueError):
            write(module, tmp_path / name)
    assert not (tmp_path / "a.pdf").exists()
