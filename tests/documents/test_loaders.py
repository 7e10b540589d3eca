"""Loaders: every supported type, the PDF furniture cleanup, and clear errors for bad files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from assistant.documents.loaders import SUPPORTED_SUFFIXES, load_document
from assistant.documents.model import DocumentError
from assistant.documents.pdf_cleanup import is_letterhead, is_page_number, is_stamp

from .conftest import FIXTURES, PDF_PAGES, make_image_pdf, make_official_pdf


def test_supported_suffixes() -> None:
    assert {".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt"} == set(SUPPORTED_SUFFIXES)


def test_text_file_keeps_text_and_hash() -> None:
    path = FIXTURES / "uu-fiktif-99-2099.txt"
    doc = load_document(path)
    assert doc.kind == "text"
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert "Pasal 4" in doc.text
    assert doc.page_starts == [] and doc.page_at(100) == 0


def test_markdown_front_matter_is_split_from_body() -> None:
    doc = load_document(FIXTURES / "sambutan-fiktif.md")
    assert doc.kind == "markdown"
    assert doc.front_matter["speaker"] == "Pembicara Rekaan"
    assert doc.front_matter["pillars"] == ["struktur digital", "budaya digital"]
    assert doc.front_matter["verified"] is False
    assert not doc.text.startswith("---")
    assert "doc_type:" not in doc.text
    assert doc.text.lstrip().startswith("# Sambutan Rekaan")


def test_utf8_with_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffPelayanan publik prima".encode("utf-8"))
    assert load_document(path).text.startswith("Pelayanan")


def test_html_visible_text_with_headings(tmp_path: Path) -> None:
    path = tmp_path / "catatan.html"
    path.write_text(
        "<html><head><title>Catatan SPBE</title><style>p{color:red}</style></head><body>"
        "<nav>Beranda | Menu</nav><h1>Catatan SPBE</h1><h2>Latar</h2>"
        "<p>Paragraf <b>pertama</b> tentang tata kelola.</p><script>var x = 1;</script>"
        "<ul><li>Butir satu</li><li>Butir dua</li></ul></body></html>",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.kind == "html"
    assert doc.front_matter == {"title": "Catatan SPBE"}
    assert "## Latar" in doc.text
    assert "Paragraf pertama tentang tata kelola." in doc.text
    assert "var x" not in doc.text and "color:red" not in doc.text and "Beranda" not in doc.text
    assert "Butir satu" in doc.text and "Butir dua" in doc.text


def test_docx_paragraphs_headings_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Catatan Rapat", level=1)
    document.add_heading("Keputusan", level=2)
    document.add_paragraph("Tim sepakat memakai arsitektur bersama.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Domain"
    table.rows[0].cells[1].text = "Layanan"
    path = tmp_path / "rapat.docx"
    document.save(str(path))
    doc = load_document(path)
    assert doc.kind == "docx"
    assert "# Catatan Rapat" in doc.text
    assert "## Keputusan" in doc.text
    assert "Tim sepakat memakai arsitektur bersama." in doc.text
    assert "Domain | Layanan" in doc.text


# ----------------------------------------------------------------------------- PDF


def test_pdf_furniture_removed_and_pages_kept(official_pdf: Path) -> None:
    doc = load_document(official_pdf)
    assert doc.kind == "pdf"
    text = doc.text
    assert "SK No" not in text
    assert "SALINAN" not in text
    assert "- 2 -" not in text and "- 3 -" not in text
    assert ". . ." not in text
    # The letterhead is gone; the preamble line with a comma is text and stays.
    lines = text.splitlines()
    assert "PRESIDEN REPUBLIK INDONESIA" not in lines
    assert lines.count("PRESIDEN REPUBLIK INDONESIA,") == 1
    # The catchword "Pasal 2" at the foot of page 1 is not a second heading.
    assert lines.count("Pasal 2") == 1
    assert lines.count("melakukan pemulihan.") == 1
    # Pages: two page starts, each at the first body line of its page.
    assert len(doc.page_starts) == 2
    for number, body in enumerate(PDF_PAGES[1:], start=2):
        start = doc.page_starts[number - 2]
        assert text[start:].startswith(body[0])
        assert doc.page_at(start) == number
        assert doc.page_at(start - 1) == number - 1
    assert doc.page_at(0) == 1


def test_running_header_and_footer_of_any_pdf_are_removed(tmp_path: Path) -> None:
    """Lines repeated at the top or bottom of most pages go, whatever they say."""
    from fpdf import FPDF

    bodies = ["Arsitektur disepakati bersama.", "Data dikelola satu pintu.",
              "Aplikasi umum dipakai lintas instansi.", "Evaluasi dilakukan setiap tahun."]
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for number, body in enumerate(bodies, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        pdf.set_xy(20, 12)
        pdf.cell(170, 6, "Buletin Contoh Tata Kelola - Edisi Uji")
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(20, 40)
        pdf.cell(170, 6, body)
        pdf.set_xy(20, 280)
        pdf.cell(170, 6, f"Dokumen uji internal, lembar {number}")
    path = tmp_path / "buletin.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    assert doc.text.splitlines() == bodies
    assert [doc.page_at(s) for s in doc.page_starts] == [2, 3, 4]


def test_furniture_patterns_tolerate_ocr_damage() -> None:
    for text in ("PRESIDEN", "FRESIDEN", "PRESIOEN", "REPUELIK INDONESIA", "BLIK INDONESIA",
                 "PRESIDEN REPUBLIK INDONESIA"):
        assert is_letterhead(text), text
    for text in ("PRESIDEN REPUBLIK INDONESIA,", "UNDANG-UNDANG REPUBLIK INDONESIA", "Pasal 5"):
        assert not is_letterhead(text), text
    for text in ("- 3 -", "-t2-", "_ 10_", "2-", "-7 -", "Halaman 4 dari 9"):
        assert is_page_number(text), text
    for text in ("(2) Dalam", "Pasal 12", "a."):
        assert not is_page_number(text), text
    for text in ("SK No 155204A", "SK No l552l2A", "SK No 12345 A"):
        assert is_stamp(text), text
    assert not is_stamp("SK Nomor pengangkatan pegawai")


# ----------------------------------------------------------------------------- bad inputs


def _reason(path: Path) -> str:
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert info.value.path == path
    return info.value.reason.lower()


def test_unsupported_type(tmp_path: Path) -> None:
    path = tmp_path / "data.xyz"
    path.write_text("hello", encoding="utf-8")
    assert "unsupported file type" in _reason(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "kosong.txt"
    path.write_bytes(b"")
    assert "empty" in _reason(path)


def test_binary_text_file(tmp_path: Path) -> None:
    path = tmp_path / "biner.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00\x08\x00binary")
    assert "binary" in _reason(path)


def test_latin1_text_is_refused_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Pelayanan publik di Bandung — café".encode("cp1252"))
    reason = _reason(path)
    assert "not utf-8" in reason and "save the file as utf-8" in reason


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "rusak.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    assert "corrupt" in _reason(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = make_official_pdf(tmp_path / "terkunci.pdf", encrypt_with="rahasia")
    assert "encrypted" in _reason(path)


def test_image_only_pdf(tmp_path: Path) -> None:
    path = make_image_pdf(tmp_path / "pindaian.pdf")
    reason = _reason(path)
    assert "without a text layer" in reason and "ocr" in reason


def test_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "rusak.docx"
    path.write_bytes(b"this is not a zip archive")
    assert "docx" in _reason(path)


def test_invalid_front_matter_yaml(tmp_path: Path) -> None:
    path = tmp_path / "salah.md"
    path.write_text("---\ntitle: [tidak ditutup\nspeaker: A\n---\nIsi.\n", encoding="utf-8")
    reason = _reason(path)
    assert "yaml" in reason and "front matter" in reason


def test_front_matter_must_be_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "daftar.md"
    path.write_text("---\n- satu\n- dua\n---\nIsi.\n", encoding="utf-8")
    assert "front matter" in _reason(path)


def test_missing_file(tmp_path: Path) -> None:
    assert "not found" in _reason(tmp_path / "tidak-ada.txt")
