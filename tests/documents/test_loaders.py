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


# ----------------------------------------------------------------------------- hostile files
# Files a hostile tester (or a broken download) hands over. Each is refused with a one-line reason,
# or, when only its date is wrong, read without the date and with a note naming the bad value.


def _speech(tmp_path: Path, date_line: str) -> Path:
    path = tmp_path / "sambutan.md"
    path.write_text("---\ntitle: Sambutan Uji\ndoc_type: speech\nspeaker: Menteri Rekaan\n" + date_line + "\n---\n"
                    "# Sambutan Uji\n\nMenteri Rekaan meminta setiap dinas memiliki analis data bersertifikat.\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "value, shown, why",
    [
        ("2023-13-45", "2023-13-45", "month must be in 1..12"),
        ("0000-01-01", "0000-01-01", "year 0 is out of range"),
        ("2024-02-30T10:00:00", "2024-02-30T10:00:00", "day is out of range for month"),
        ("31 Februari 2024", "31 Februari 2024", "day is out of range for month"),
        ("99999-01-01", "99999-01-01", "year 99999 is out of range"),
        ("1 Januari 99999", "1 Januari 99999", "year 99999 is out of range"),
        ("kemarin", "kemarin", "is not a date"),
        ("!!timestamp kemarin", "kemarin", "is not a date"),
        ("Maret 2024", "Maret 2024", "not a full date"),
        ("[2024, 1]", "[2024, 1]", "is not a date"),
    ],
)
def test_a_speech_with_an_impossible_date_is_read_without_it_and_says_why(
    tmp_path: Path, value: str, shown: str, why: str
) -> None:
    from assistant.documents.chunking import chunk_document

    path = _speech(tmp_path, f"date: {value}")
    chunks = chunk_document(load_document(path))
    assert chunks and all(c.metadata["doc_type"] == "speech" and c.metadata["date"] == "" for c in chunks)
    note = str(chunks[0].metadata["parse_note"])  # the indexer reports it as the file's warning
    assert f"'{shown}'" in note and why in note and "indexed without a date" in note
    assert "\n" not in note


@pytest.mark.parametrize("value", ["2024-03-05", "5 Maret 2024", "Selasa, 5 Maret 2024", "5 Mar 2024",
                                   "March 5, 2024", "05/03/2024", "2024-03-05T09:30:00+07:00"])
def test_front_matter_dates_in_the_forms_people_write(tmp_path: Path, value: str) -> None:
    from assistant.documents.chunking import chunk_document

    chunks = chunk_document(load_document(_speech(tmp_path, f"date: {value}")))
    assert (chunks[0].metadata["date"], chunks[0].metadata["parse_note"]) == ("2024-03-05", "")


@pytest.mark.parametrize(
    "front, words",
    [
        ("title: !!int abc", "invalid value in front matter"),
        ("a: &a [x, x, x]\nb: &b [*a, *a, *a]\ntitle: *b", "aliases"),  # a few nested ones expand to gigabytes
        ("title: " + "[" * 600 + "]" * 600, "nested too deeply"),
    ],
)
def test_front_matter_that_cannot_be_read_safely_is_refused(tmp_path: Path, front: str, words: str) -> None:
    path = tmp_path / "catatan.md"
    path.write_text(f"---\n{front}\n---\nIsi catatan rapat.\n", encoding="utf-8")
    reason = _reason(path)
    assert "front matter" in reason and words in reason and "\n" not in reason


def _simple_pdf() -> bytes:
    """Three pages written by PyMuPDF, uncompressed: a reader can rebuild most of a cut copy."""
    import pymupdf

    doc = pymupdf.open()
    for n in range(3):
        page = doc.new_page()
        for i in range(25):
            page.insert_text((72, 72 + i * 24), f"Halaman {n + 1} baris {i}: isi peraturan yang cukup panjang.")
    return doc.tobytes()


def _pypdf_encrypted(data: bytes) -> bytes:
    import io

    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    writer.encrypt(user_password="rahasia", owner_password="pemilik")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("keep", [0.02, 0.3, 0.5, 0.9, 0.995])
@pytest.mark.parametrize("maker", ["fpdf", "pymupdf", "pypdf-encrypted"])
def test_a_pdf_cut_short_is_refused_not_read_in_part(official_pdf: Path, tmp_path: Path, keep: float,
                                                      maker: str) -> None:
    data = {"fpdf": lambda: official_pdf.read_bytes(), "pymupdf": _simple_pdf,
            "pypdf-encrypted": lambda: _pypdf_encrypted(_simple_pdf())}[maker]()
    path = tmp_path / "terpotong.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    reason = _reason(path)
    assert "cut short" in reason and "complete copy" in reason and "\n" not in reason


def test_a_complete_pdf_with_junk_after_its_end_or_a_broken_xref_is_still_read(tmp_path: Path) -> None:
    data = _simple_pdf()
    junk = tmp_path / "sampah.pdf"
    junk.write_bytes(data + b"\n<html>halaman galat server</html>\n" * 200)
    xref = tmp_path / "xref.pdf"
    xref.write_bytes(data[: data.rindex(b"startxref")] + b"startxref\n999999\n%%EOF\n")
    for path in (junk, xref):
        doc = load_document(path)
        assert len(doc.page_starts) == 2 and "Halaman 3 baris 12" in doc.text


def test_other_files_that_are_no_pdf(tmp_path: Path) -> None:
    renamed = tmp_path / "catatan.pdf"
    renamed.write_text("Ini catatan teks biasa yang dinamai ulang menjadi PDF.\n", encoding="utf-8")
    reason = _reason(renamed)
    assert "not a pdf" in reason and "renamed" in reason
    empty = tmp_path / "kosong.pdf"
    empty.write_bytes(b"")
    assert "empty" in _reason(empty)
    locked = tmp_path / "terkunci.pdf"
    locked.write_bytes(_pypdf_encrypted(_simple_pdf()))
    assert "encrypted" in _reason(locked)


def _docx_bytes() -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Catatan rapat tentang arsitektur SPBE bersama.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Domain"
    table.rows[0].cells[1].text = "Layanan"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_cut_or_damaged_docx_is_refused(tmp_path: Path) -> None:
    import io
    import zipfile

    data = _docx_bytes()
    for keep in (0.5, 0.99):
        cut = tmp_path / f"terpotong-{keep}.docx"
        cut.write_bytes(data[: int(len(data) * keep)])
        assert "corrupt" in _reason(cut)
    # A sound archive whose table holds a value python-docx only reads while the text is taken.
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            part = source.read(name)
            if name == "word/document.xml":
                part = part.replace(b"<w:tcW ", b'<w:gridSpan w:val="abc"/><w:tcW ', 1)
            target.writestr(name, part)
    damaged = tmp_path / "rusak.docx"
    damaged.write_bytes(out.getvalue())
    reason = _reason(damaged)
    assert "corrupt .docx" in reason and "\n" not in reason


def test_html_in_the_character_set_it_declares_is_read_and_mislabelled_html_is_refused(tmp_path: Path) -> None:
    page = "<html><head>{meta}<title>Catatan</title></head><body><p>Café pelayanan publik — prima</p></body></html>"
    declared = tmp_path / "windows.html"
    declared.write_bytes(page.format(meta='<meta charset="windows-1252">').encode("cp1252"))
    assert "Café pelayanan publik — prima" in load_document(declared).text
    mislabelled = tmp_path / "salah.html"
    mislabelled.write_bytes(page.format(meta='<meta charset="utf-8">').encode("cp1252"))
    reason = _reason(mislabelled)
    assert "not utf-8" in reason and "save the file as utf-8" in reason


def test_an_impossible_enactment_date_is_left_out_and_reported_not_taken_from_the_next_formula(
    tmp_path: Path,
) -> None:
    from assistant.documents.chunking import chunk_document

    path = tmp_path / "uu-9-2099.txt"
    path.write_text(
        "UNDANG-UNDANG REPUBLIK INDONESIA\nNOMOR 9 TAHUN 2099\nTENTANG\nCONTOH\n\n"
        "Pasal 1\nSetiap desa membuka layanan digital.\n\n"
        "Pasal 2\nUndang-Undang ini mulai berlaku pada tanggal diundangkan.\n"
        "Ditetapkan di Jakarta\npada tanggal 31 Februari 2099\nDiundangkan di Jakarta\npada tanggal 1 Maret 2099\n",
        encoding="utf-8",
    )
    meta = chunk_document(load_document(path))[0].metadata
    assert (meta["ditetapkan"], meta["diundangkan"], meta["berlaku"]) == ("", "2099-03-01", "2099-03-01")
    assert meta["parse_status"] == "partial"
    assert "Ditetapkan date '31 Februari 2099' is not a real date" in str(meta["parse_note"])
