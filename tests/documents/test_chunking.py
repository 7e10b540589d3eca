"""Chunking: structure-aware chunks with full metadata, on fixtures and on the real texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.documents.chunking import chunk_document, estimate_tokens
from assistant.documents.loaders import load_document
from assistant.documents.model import CHUNK_METADATA_KEYS, Chunk
from assistant.documents.names import format_citation

from .conftest import FIXTURES

FIXTURE_REG = FIXTURES / "uu-fiktif-99-2099.txt"
SPEECH = FIXTURES / "sambutan-fiktif.md"


def _check_common(chunks: list[Chunk], max_tokens: int, count=estimate_tokens) -> None:
    assert chunks, "no chunks"
    for i, chunk in enumerate(chunks):
        assert set(chunk.metadata) == set(CHUNK_METADATA_KEYS)
        assert all(isinstance(v, (str, int, float, bool)) for v in chunk.metadata.values())
        assert chunk.metadata["chunk_index"] == i
        assert chunk.text == chunk.text.strip() and chunk.text
        assert "\n\n\n" not in chunk.text
        assert count(chunk.text) <= max_tokens, chunk.breadcrumb
        assert chunk.breadcrumb


def _by(chunks: list[Chunk], **where: object) -> list[Chunk]:
    return [c for c in chunks if all(c.metadata[k] == v for k, v in where.items())]


# ----------------------------------------------------------------------------- regulation fixture


def test_fixture_regulation_chunks() -> None:
    doc = load_document(FIXTURE_REG)
    chunks = chunk_document(doc)
    _check_common(chunks, 480)
    meta = chunks[0].metadata
    assert meta["doc_id"] == "uu-99-2099"
    assert meta["doc_type"] == "regulation"
    assert meta["short_name"] == "UU 99/2099"
    assert meta["title"] == "Undang-Undang Nomor 99 Tahun 2099 tentang Tata Kelola Layanan Contoh Digital"
    assert (meta["jenis"], meta["nomor"], meta["tahun"]) == ("Undang-Undang", "99", "2099")
    assert meta["sha256"] == doc.sha256
    assert meta["source"] == str(FIXTURE_REG)
    assert meta["page"] == 0

    # Menimbang and Mengingat: one chunk each.
    assert [c.metadata["section"] for c in _by(chunks, part="pembukaan")] == ["Menimbang", "Mengingat"]
    assert all(c.metadata["pasal"] == "" for c in _by(chunks, part="pembukaan"))

    # Pasal 1: one chunk per definition.
    defs = _by(chunks, pasal="Pasal 1", part="batang_tubuh")
    assert [c.metadata["angka"] for c in defs] == ["1", "2", "3"]
    assert defs[1].breadcrumb == "UU 99/2099 > BAB I Ketentuan Umum > Pasal 1 angka 2"
    assert defs[1].text.startswith("2. Penyelenggara Contoh adalah")
    assert format_citation(defs[1].metadata) == "Pasal 1 angka 2 UU 99/2099"

    # One chunk per Pasal, ayat markers and huruf lines kept.
    (p2,) = _by(chunks, pasal="Pasal 2", part="batang_tubuh")
    assert p2.metadata["ayat"] == ""
    assert p2.breadcrumb == "UU 99/2099 > BAB II Penyelenggaraan Layanan Contoh > Bagian Kesatu Umum > Pasal 2"
    assert p2.text.splitlines()[0].startswith("(1) Penyelenggara Contoh wajib")
    assert "\nb. layanan data contoh; dan\n" in p2.text
    assert "\n(3) Ketentuan sebagaimana dimaksud pada ayat (2) huruf c" in p2.text
    assert (p2.metadata["bab"], p2.metadata["bagian"]) == ("BAB II", "Bagian Kesatu")
    (p4,) = _by(chunks, pasal="Pasal 4", part="batang_tubuh")
    assert p4.metadata["paragraf"] == "Paragraf 1"
    assert len(re.findall(r"(?m)^\(\d\) ", p4.text)) == 5

    # Penjelasan: only entries with content, attached to their Pasal.
    penj = _by(chunks, part="penjelasan")
    assert [c.metadata["pasal"] for c in penj] == ["Pasal 2", ""]
    assert penj[0].breadcrumb == "UU 99/2099 > Penjelasan > Pasal 2"
    assert "Cukup jelas" not in penj[0].text
    assert penj[1].metadata["section"] == "Penjelasan Umum"
    assert format_citation(penj[0].metadata) == "Penjelasan Pasal 2 UU 99/2099"

    # Lampiran by section.
    lamp = _by(chunks, part="lampiran")
    assert {c.metadata["pasal"] for c in lamp} == {"Lampiran"}
    assert [c.metadata["section"] for c in lamp] == [
        "BAB I Pendahuluan > A. Latar Belakang", "BAB I Pendahuluan > B. Tujuan",
        "BAB II Peta Jalan Layanan Contoh"]
    assert lamp[0].breadcrumb == "UU 99/2099 > Lampiran > BAB I Pendahuluan > A. Latar Belakang"
    for c in chunks:
        assert "PRESIDEN REPUBLIK INDONESIA" not in c.text
        assert "Agar setiap orang" not in c.text


def test_long_pasal_is_split_by_ayat_groups() -> None:
    doc = load_document(FIXTURE_REG)
    chunks = chunk_document(doc, max_tokens=70)
    _check_common(chunks, 70)
    p4 = _by(chunks, pasal="Pasal 4", part="batang_tubuh")
    assert len(p4) > 1
    labels = [c.metadata["ayat"] for c in p4]
    assert all(re.fullmatch(r"\(\d\)(-\(\d\))?", label) for label in labels), labels
    covered: list[int] = []
    for label in labels:
        nums = [int(n) for n in re.findall(r"\d", label)]
        covered.extend(range(nums[0], nums[-1] + 1))
    assert covered == [1, 2, 3, 4, 5]  # consecutive, each ayat once
    for c in p4:
        assert c.breadcrumb.endswith(f"Pasal 4 ayat {c.metadata['ayat']}")
        first = int(re.findall(r"\d", c.metadata["ayat"])[0])
        assert c.text.startswith(f"({first}) ")


def test_single_ayat_too_long_keeps_its_ayat_label() -> None:
    doc = load_document(FIXTURE_REG)
    chunks = chunk_document(doc, max_tokens=40)
    _check_common(chunks, 40)
    ayat2 = _by(chunks, pasal="Pasal 2", part="batang_tubuh", ayat="(2)")
    assert len(ayat2) >= 2
    assert ayat2[0].text.startswith("(2) Layanan Contoh")
    assert "c. layanan pengaduan contoh." in "\n".join(c.text for c in ayat2)


def test_custom_token_counter_is_used() -> None:
    doc = load_document(FIXTURE_REG)

    def chars(text: str) -> int:
        return len(text)

    chunks = chunk_document(doc, max_tokens=200, count_tokens=chars)
    _check_common(chunks, 200, count=chars)
    assert len(chunks) > len(chunk_document(doc))


def test_markdown_regulation_by_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "ringkas.md"
    path.write_text(
        "---\ndoc_type: regulation\njenis: Peraturan Menteri PANRB\nnomor: 77\ntahun: 2098\n"
        "title: Peraturan Rekaan Nomor 77 Tahun 2098\npillars: structure\n---\n"
        "Pasal 1\nAturan rekaan pertama.\n\nPasal 2\n(1) Ayat rekaan satu.\n(2) Ayat rekaan dua.\n",
        encoding="utf-8",
    )
    chunks = chunk_document(load_document(path))
    _check_common(chunks, 480)
    assert [c.metadata["pasal"] for c in chunks] == ["Pasal 1", "Pasal 2"]
    assert chunks[0].metadata["short_name"] == "PermenPANRB 77/2098"
    assert chunks[0].metadata["doc_id"] == "permenpanrb-77-2098"
    assert chunks[0].metadata["pillars"] == "structure"
    assert chunks[0].metadata["pillar_structure"] is True
    assert chunks[0].metadata["pillar_culture"] is False


def test_regulation_in_docx_and_html_chunks_like_the_text(tmp_path: Path) -> None:
    import html

    import docx

    lines = FIXTURE_REG.read_text(encoding="utf-8").splitlines()
    document = docx.Document()
    for line in lines:
        if re.fullmatch(r"(BAB [IVX]+|Pasal \d+)", line):
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
    docx_path = tmp_path / "uu-fiktif.docx"
    document.save(str(docx_path))
    html_path = tmp_path / "uu-fiktif.html"
    html_path.write_text("<html><body>" + "".join(
        f"<h3>{html.escape(ln)}</h3>" if ln.startswith("Pasal ") and len(ln) < 10 else f"<p>{html.escape(ln)}</p>"
        for ln in lines) + "</body></html>", encoding="utf-8")

    def shape(path: Path) -> list[tuple]:
        return [(c.metadata["part"], c.metadata["pasal"], c.metadata["ayat"], c.metadata["angka"],
                 c.metadata["section"], c.breadcrumb) for c in chunk_document(load_document(path))]

    reference = shape(FIXTURE_REG)
    assert shape(docx_path) == reference
    assert shape(html_path) == reference


# ----------------------------------------------------------------------------- the PDF fixture


def test_official_pdf_chunks_have_pages(official_pdf: Path) -> None:
    chunks = chunk_document(load_document(official_pdf))
    _check_common(chunks, 480)
    pages = {c.metadata["pasal"]: c.metadata["page"] for c in _by(chunks, part="batang_tubuh")}
    assert pages == {"Pasal 1": 1, "Pasal 2": 2, "Pasal 3": 2, "Pasal 4": 3}
    (p3,) = _by(chunks, pasal="Pasal 3")
    assert p3.text.endswith("(2) Dalam hal dokumen rusak, penyelenggara melakukan pemulihan.")
    for c in chunks:
        assert "PRESIDEN REPUBLIK INDONESIA" not in c.text and "SK No" not in c.text
        assert "SALINAN" not in c.text and ". . ." not in c.text


# ----------------------------------------------------------------------------- speeches and notes


def test_speech_chunks() -> None:
    doc = load_document(SPEECH)
    chunks = chunk_document(doc, max_tokens=60)
    _check_common(chunks, 60)
    meta = chunks[0].metadata
    assert meta["doc_type"] == "speech"
    assert meta["doc_id"] == "sambutan-fiktif"
    assert meta["speaker"] == "Pembicara Rekaan"
    assert meta["date"] == "2024-03-05"
    assert (meta["event"], meta["place"]) == ("Rapat Koordinasi Contoh", "Samarinda")
    assert meta["source"] == "Fixture uji (teks rekaan)"
    assert meta["pillars"] == "structure,culture"
    assert (meta["pillar_structure"], meta["pillar_competence"], meta["pillar_culture"]) == (True, False, True)
    assert meta["verified"] is False
    assert meta["part"] == "body" and meta["page"] == 0
    sections = [c.metadata["section"] for c in chunks]
    assert sections[0] == ""  # the marked-fixture paragraph before the first section
    assert "Pembukaan" in sections and "Tiga Pilar > Contoh Penerapan" in sections
    assert "Sambutan Rekaan tentang Kepemimpinan Digital" not in sections  # the H1 is the title
    opening = _by(chunks, section="Pembukaan")
    assert opening[0].breadcrumb == "Pembicara Rekaan — Rapat Koordinasi Contoh (5 Maret 2024) > Pembukaan"
    assert opening[0].text.startswith("Selamat pagi. Pertemuan contoh ini membahas cara instansi rekaan menata")
    pillars = "\n".join(c.text for c in _by(chunks, section="Tiga Pilar"))
    assert "- Kompetensi digital: keterampilan aparatur." in pillars
    assert format_citation(meta) == "Pembicara Rekaan, Rapat Koordinasi Contoh, 5 Maret 2024"


def test_html_and_docx_are_notes(tmp_path: Path) -> None:
    import docx

    html = tmp_path / "catatan-rapat.html"
    html.write_text("<html><body><h1>Catatan Rapat</h1><h2>Hasil</h2><p>Arsitektur disepakati.</p>"
                    "<h2>Tindak Lanjut</h2><p>Dokumen dikirim minggu depan.</p></body></html>", encoding="utf-8")
    chunks = chunk_document(load_document(html))
    _check_common(chunks, 480)
    assert [c.metadata["section"] for c in chunks] == ["Hasil", "Tindak Lanjut"]
    assert chunks[0].metadata["doc_type"] == "note"
    assert chunks[0].metadata["title"] == "Catatan Rapat"
    assert chunks[0].breadcrumb == "Catatan Rapat > Hasil"
    assert chunks[0].metadata["verified"] is False  # a note is verified only when its front matter says so
    assert chunks[0].metadata["source"] == str(html)
    assert format_citation(chunks[1].metadata) == "Catatan Rapat — Tindak Lanjut"

    document = docx.Document()
    document.add_heading("Ringkasan Evaluasi", level=1)
    document.add_paragraph("Indeks naik dari tahun lalu.")
    path = tmp_path / "ringkasan.docx"
    document.save(str(path))
    chunks = chunk_document(load_document(path))
    assert [c.text for c in chunks] == ["Indeks naik dari tahun lalu."]
    assert chunks[0].metadata["title"] == "Ringkasan Evaluasi"
    assert chunks[0].metadata["doc_id"] == "ringkasan"


# ----------------------------------------------------------------------------- real texts

REAL = {
    "uu-27-2022.txt": ("UU 27/2022", 76),
    "uu-25-2009.txt": ("UU 25/2009", 62),
    "uu-20-2023.txt": ("UU 20/2023", 77),
    "perpres-82-2023.txt": ("Perpres 82/2023", 22),
    "perpres-132-2022.txt": ("Perpres 132/2022", 6),
}
_CHUNKS: dict[str, list[Chunk]] = {}


def _real_chunks(regulations: Path, name: str) -> list[Chunk]:
    if name not in _CHUNKS:
        _CHUNKS[name] = chunk_document(load_document(regulations / name))
    return _CHUNKS[name]


def _pasal_numbers(chunks: list[Chunk]) -> set[int]:
    return {int(c.metadata["pasal"].split()[1]) for c in chunks if c.metadata["part"] == "batang_tubuh"}


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(REAL))
def test_real_text_coverage(regulations: Path, name: str) -> None:
    short, count = REAL[name]
    chunks = _real_chunks(regulations, name)
    _check_common(chunks, 480)
    assert {c.metadata["short_name"] for c in chunks} == {short}
    numbers = _pasal_numbers(chunks)
    assert len(numbers & set(range(1, count + 1))) / count >= 0.95
    assert numbers == set(range(1, count + 1))  # complete, and nothing beyond the real range
    for c in chunks:
        assert "PRESIDEN REPUBLIK INDONESIA" not in c.text and "SK No" not in c.text


@pytest.mark.shared
def test_real_lampiran_and_penjelasan_chunks(regulations: Path) -> None:
    p132 = _real_chunks(regulations, "perpres-132-2022.txt")
    lamp = _by(p132, part="lampiran")
    assert len(lamp) >= 20
    assert any(c.metadata["section"].startswith("BAB VII Penutup") for c in lamp)
    assert format_citation(lamp[0].metadata) == "Lampiran Perpres 132/2022 (BAB I Pendahuluan > A. Latar Belakang)"
    uu27 = _real_chunks(regulations, "uu-27-2022.txt")
    penj = {c.metadata["pasal"] for c in _by(uu27, part="penjelasan")}
    assert {"Pasal 3", "Pasal 4", "Pasal 7", "Pasal 60"} <= penj
    assert "Pasal 5" not in penj  # "Cukup jelas." only
    (angka2,) = _by(uu27, pasal="Pasal 1", angka="2")
    assert angka2.breadcrumb == "UU 27/2022 > BAB I Ketentuan Umum > Pasal 1 angka 2"


@pytest.mark.shared
def test_real_pdf_uu_27_2022(regulations: Path) -> None:
    chunks = chunk_document(load_document(regulations / "pdf" / "uu-27-2022.pdf"))
    _check_common(chunks, 480)
    assert {c.metadata["short_name"] for c in chunks} == {"UU 27/2022"}
    numbers = _pasal_numbers(chunks)
    assert len(numbers & set(range(1, 77))) / 76 >= 0.9
    assert max(numbers) <= 76
    for c in chunks:
        assert "PRESIDEN REPUBLIK INDONESIA" not in c.text and "SK No" not in c.text
    # Pages checked against the PDF: "Pasa722" heads page 12, "Pasal2T" is on page 13,
    # Pasal 76 on page 33, definition 5 opens page 3, Penjelasan Pasal 3 is on page 36.
    page = {(c.metadata["part"], c.metadata["pasal"], c.metadata["angka"]): c.metadata["page"] for c in chunks}
    assert page[("batang_tubuh", "Pasal 22", "")] == 12
    assert page[("batang_tubuh", "Pasal 27", "")] == 13
    assert page[("batang_tubuh", "Pasal 76", "")] == 33
    assert page[("batang_tubuh", "Pasal 1", "4")] == 2
    assert page[("batang_tubuh", "Pasal 1", "5")] == 3
    assert page[("penjelasan", "Pasal 3", "")] == 36
    (p58,) = _by(chunks, pasal="Pasal 58", part="batang_tubuh")
    assert len(re.findall(r"(?m)^\(\d\) ", p58.text)) == 5
