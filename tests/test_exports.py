"""Exports: Markdown and DOCX hold the question, the answer, the citation labels and the passages."""

from __future__ import annotations

import datetime as dt

from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from assistant.answering.types import Answer, Citation
from assistant.exports import conversation_markdown, quote_spans, write_docx, write_markdown

WHEN = dt.datetime(2098, 4, 12, 9, 30)


def _regulation_answer() -> Answer:
    c1 = Citation(
        n=1, chunk_id="a", label="Pasal 2 ayat (1) Perpres 998/2098", short_name="Perpres 998/2098",
        pasal="Pasal 2", ayat="(1)", part="batang_tubuh", page=4, title="Perpres rekaan",
        text="(1) Lurah wajib menyimpan arsip\npaling singkat 10 (sepuluh) tahun.\n(2) Salinan cadangan disimpan setiap pekan.",
        quote="(1) Lurah wajib menyimpan arsip paling singkat 10 (sepuluh) tahun.",
        breadcrumb="Perpres 998/2098 > BAB II Pengelolaan Arsip > Pasal 2", doc_type="regulation",
    )
    c2 = Citation(
        n=2, chunk_id="b", label="Catatan rekaan — Unit data", short_name="Catatan rekaan", pasal="", ayat="",
        part="body", page=0, title="Catatan rekaan", text="Unit data berada di bawah sekretaris daerah.",
        quote="Unit data berada di bawah sekretaris daerah.", breadcrumb="Catatan rekaan > Unit data",
        doc_type="note", source="Catatan rekaan untuk pengujian", verified=False,
    )
    text = (
        "Menurut sumber yang tersedia:\n\n- Arsip disimpan paling singkat 10 tahun. [1]\n"
        "- Unit data di bawah sekretaris daerah. [2]\n\n**Sumber**\n[1] Pasal 2 ayat (1) Perpres 998/2098\n"
        "[2] Catatan rekaan — Unit data (belum diverifikasi)"
    )
    return Answer(question="Berapa lama arsip disimpan?", text=text, abstained=False, citations=[c1, c2])


def _speech_answer() -> Answer:
    c = Citation(
        n=1, chunk_id="s", label="Gubernur Rekaan, Apel Pagi Uji Aplikasi, 12 April 2098", short_name="Sambutan",
        pasal="", ayat="", part="body", page=0, title="Sambutan rekaan",
        text="Rapat koordinasi daring dipimpin setiap Senin pukul delapan pagi.", quote="",
        breadcrumb="Sambutan rekaan > Rapat daring", doc_type="speech", date="2098-04-12",
        speaker="Gubernur Rekaan", event="Apel Pagi Uji Aplikasi", source="Naskah rekaan",
    )
    return Answer(question="Kapan rapat daring?", text="- Setiap Senin. [1]", abstained=False, citations=[c])


def test_markdown_of_one_answer(tmp_path):
    path = write_markdown([_regulation_answer()], tmp_path / "jawaban.md")
    md = path.read_text(encoding="utf-8")
    assert md.startswith("# Jawaban Pandu")
    assert "## Berapa lama arsip disimpan?" in md
    assert "- Arsip disimpan paling singkat 10 tahun. [1]" in md
    assert "**[1] Pasal 2 ayat (1) Perpres 998/2098**" in md
    assert "- Letak: Perpres 998/2098 > BAB II Pengelolaan Arsip > Pasal 2 > ayat (1), hlm. 4" in md
    # the whole passage, line by line, as a quote
    assert "> (1) Lurah wajib menyimpan arsip\n> paling singkat 10 (sepuluh) tahun.\n> (2) Salinan cadangan" in md
    assert "**[2] Catatan rekaan — Unit data (belum diverifikasi)**" in md
    assert "- Sumber: Catatan rekaan untuk pengujian" in md


def test_markdown_of_a_conversation_in_english():
    md = conversation_markdown([_regulation_answer(), _speech_answer()], lang="en", when=WHEN)
    assert md.startswith("# Conversation with Pandu")
    assert "2098-04-12 09:30" in md
    assert "## 1. Berapa lama arsip disimpan?" in md and "## 2. Kapan rapat daring?" in md
    assert "- Speaker: Gubernur Rekaan" in md
    assert "- Event: Apel Pagi Uji Aplikasi" in md
    assert "- Date: 12 April 2098" in md
    assert "(not verified)" in md


def _docx_text(path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def test_docx_holds_answer_labels_and_passages(tmp_path):
    path = write_docx([_regulation_answer(), _speech_answer()], tmp_path / "percakapan.docx")
    document = Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert paragraphs[0] == "Percakapan dengan Pandu"
    assert "1. Berapa lama arsip disimpan?" in paragraphs
    assert styles["1. Berapa lama arsip disimpan?"] == "Heading 1"
    assert "Arsip disimpan paling singkat 10 tahun. [1]" in paragraphs
    assert styles["Arsip disimpan paling singkat 10 tahun. [1]"] == "List Bullet"
    assert "[1] Pasal 2 ayat (1) Perpres 998/2098" in paragraphs
    assert "[2] Catatan rekaan — Unit data (belum diverifikasi)" in paragraphs
    passage = _regulation_answer().citations[0].text
    assert passage in paragraphs and styles[passage] == "Quote"
    assert "Pembicara: Gubernur Rekaan" in paragraphs
    # the sentences used are highlighted, the rest of the passage is not
    quote_para = next(p for p in document.paragraphs if p.text == passage)
    marked = [r.text for r in quote_para.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert marked == ["(1) Lurah wajib menyimpan arsip\npaling singkat 10 (sepuluh) tahun."]
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "Sumber" in bold


def test_quote_spans():
    passage = "Kalimat satu.\nKalimat  dua panjang. Kalimat tiga."
    assert quote_spans(passage, "Kalimat dua panjang.") == [(14, 35)]
    two = quote_spans(passage, "Kalimat satu. Kalimat tiga.")
    assert [passage[a:b] for a, b in two] == ["Kalimat satu.", "Kalimat tiga."]
    assert quote_spans(passage, "tidak ada di sini") == []
    assert quote_spans(passage, "") == []


def test_export_of_a_real_answer(mini_assistant, tmp_path):
    answer = mini_assistant.ask("Berapa lama batas waktu desa membuka Kantor Digital Desa?")
    assert answer.citations, answer.text
    md = write_markdown([answer], tmp_path / "a.md").read_text(encoding="utf-8")
    paragraphs = _docx_text(write_docx([answer], tmp_path / "a.docx"))
    for c in answer.citations:
        assert c.label in md
        assert any(p.startswith(f"[{c.n}] {c.label}") for p in paragraphs)
        assert c.text.strip().splitlines()[0] in md
        assert c.text in paragraphs
