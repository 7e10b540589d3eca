"""News reports and speech transcripts without front matter: metadata, clean body, citation.

The synthetic reports below are invented (people, places, outlets) and written for these tests.
The two real reports are read from ../shared/seeds (copyrighted: never copied into the repo).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.documents.chunking import chunk_document
from assistant.documents.loaders import load_document
from assistant.documents.model import Chunk
from assistant.documents.names import format_citation
from assistant.documents.news import find_date, outlet_name, read_news

from .conftest import FIXTURES, ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
#: Lines no chunk may contain: related links, prompts, bylines, source lines.
BOILERPLATE = re.compile(
    r"^(?:baca juga|lihat juga|cek berita|simak|ikuti|bagikan|dapatkan|editor|penulis|reporter|sumber|artikel ini)\b"
    r"|^\([^()]+\)$",
    re.IGNORECASE,
)


def _chunks(path: Path) -> list[Chunk]:
    chunks = chunk_document(load_document(path))
    assert chunks
    for chunk in chunks:
        for line in chunk.text.split("\n"):
            assert not BOILERPLATE.search(line.strip()), f"boilerplate in a chunk: {line!r}"
    return chunks


def _meta(chunks: list[Chunk], *keys: str) -> tuple:
    return tuple(chunks[0].metadata[k] for k in keys)


# ----------------------------------------------------------------------------- the two real reports


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed reports not available ({SEEDS})")
    return SEEDS


def test_seed_kaltim(seeds: Path) -> None:
    path = seeds / "kaltim-2024-03-05.txt"
    chunks = _chunks(path)
    assert _meta(chunks, "doc_type", "speaker", "speaker_role", "date", "outlet") == (
        "speech", "Abdullah Azwar Anas", "Menteri PANRB", "2024-03-05", "Disway.id",
    )
    assert chunks[0].metadata["title"] == "Menteri Anas Tekankan Kepemimpinan Digital di Kalimantan Timur"
    assert chunks[0].metadata["event"] == "Rapat Koordinasi Administrasi Pembangunan se-Kalimantan Timur Tahun 2024"
    assert format_citation(chunks[0].metadata) == (
        "Abdullah Azwar Anas (Menteri PANRB), Rapat Koordinasi Administrasi Pembangunan se-Kalimantan Timur "
        "Tahun 2024, 5 Maret 2024 (Disway.id)"
    )
    text = "\n".join(c.text for c in chunks)
    assert text.count(chunks[0].metadata["title"]) == 0  # the headline (twice in the file) is the title
    assert "Digital leadership harus segera diterapkan" in text and "orientasi outcome" in text
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("BACA JUGA", "Cek Berita", "Sumber:")):
            assert all(line not in c.text for c in chunks)


def test_seed_balikpapan(seeds: Path) -> None:
    chunks = _chunks(seeds / "balikpapan-2023-02-27.txt")
    assert _meta(chunks, "doc_type", "speaker", "speaker_role", "date", "outlet", "reporter", "event") == (
        "speech", "Abdullah Azwar Anas", "Menteri PANRB", "2023-02-27", "", "Zuhirna Wulan Dilla",
        "Keterangan tertulis",
    )
    assert chunks[0].metadata["title"].startswith("Menteri PANRB Abdullah Azwar Anas menegaskan")
    text = "\n\n".join(c.text for c in chunks)
    assert "\n\nMenurut Anas, salah satu bentuk dari SPBE" in text  # each line of the page is a paragraph
    assert "Wapres Ajak" not in text and "Zuhirna" not in text
    speakers = read_news((seeds / "balikpapan-2023-02-27.txt").read_text(encoding="utf-8")).speakers
    assert [(p.name, p.office) for p in speakers] == [
        ("Abdullah Azwar Anas", "Menteri PANRB"), ("Rahmad Mas'ud", "Wali Kota Balikpapan"),
    ]


# ----------------------------------------------------------------------------- synthetic reports

AGENCY_REPORT = """\
Gubernur Ajak Sekolah Manfaatkan Ruang Belajar Daring

Samarinda (ANTARA) - Gubernur Kalimantan Timur Hendra Wijayakusuma meminta seluruh sekolah menengah di \
provinsinya memanfaatkan ruang belajar daring yang disiapkan pemerintah provinsi.

"Setiap sekolah sudah mendapat akun. Kami ingin guru memakainya setiap minggu, bukan hanya saat ujian," \
kata Hendra saat membuka Festival Literasi Digital Pelajar 2024 di Gedung Serbaguna Tepian, Rabu (14/8/2024).

Baca juga: Sepuluh Sekolah Rekaan Raih Penghargaan Literasi

Menurut Hendra, pelatihan guru digelar bertahap hingga akhir tahun.

Kepala Dinas Pendidikan Kalimantan Timur, Laras Wulandari, mengatakan pihaknya menyiapkan pendamping di \
setiap kabupaten.

"Pendamping akan datang ke sekolah yang masih kesulitan memakai akunnya," ujarnya.

"Kami juga membuka layanan aduan yang bisa dihubungi setiap hari kerja," tambah Hendra.

Ikuti kami di Instagram dan TikTok untuk kabar pendidikan terbaru

Editor: Sari Puspita
"""

HTML_REPORT = """\
<html><head><title>Badan Data Rekaan Minta Instansi Rapikan Katalog Data | Warta Rekaan</title></head>
<body><nav>Beranda Nasional Daerah</nav>
<h1>Badan Data Rekaan Minta Instansi Rapikan Katalog Data</h1>
<p>BOGOR, WARTAREKAAN.ID -- Kepala Badan Pengelola Data Rekaan (BPDR) Sekar Ayuningtyas meminta setiap
instansi pusat dan daerah merapikan katalog datanya sebelum akhir tahun.</p>
<p>&ldquo;Data yang tidak tercatat di katalog tidak bisa dibagi pakai. Itu kerugian bagi pelayanan,&rdquo;
ucap Sekar dalam Rapat Kerja Nasional Data Pemerintah di Bogor, Kamis (7/11/2024).</p>
<p>Lihat juga: Lima Langkah Menyusun Katalog Data</p>
<p>Ia menambahkan, katalog yang rapi memudahkan warga mencari informasi publik.</p>
<p>Simak berita pilihan lainnya di kanal WhatsApp Warta Rekaan.</p>
<p>Bagikan artikel ini</p>
<p>Reporter: Dimas Prakoso</p>
<p>Editor: Putri Anjani</p>
</body></html>
"""

ARTICLE = """\
Pemkot Tepian Raya Luncurkan Portal Perizinan Terpadu

TEPIAN RAYA, KABARREKAAN.COM -- Pemerintah Kota Tepian Raya meluncurkan portal perizinan terpadu pada \
2 Januari 2025. Portal ini menggabungkan dua belas layanan izin yang sebelumnya diurus di loket berbeda.

Warga cukup membuat satu akun untuk mengajukan dan memantau izin.

Baca Juga: Tiga Kota Rekaan Uji Coba Tanda Tangan Elektronik

Dapatkan update berita pilihan setiap hari melalui Telegram

Sumber: Kabarrekaan.com
"""


def test_agency_dateline_governor_and_appositive_office(tmp_path: Path) -> None:
    path = tmp_path / "berita-gubernur.txt"
    path.write_text(AGENCY_REPORT, encoding="utf-8")
    chunks = _chunks(path)
    assert _meta(chunks, "doc_type", "title", "speaker", "speaker_role", "date", "outlet", "event", "place",
                 "reporter") == (
        "speech", "Gubernur Ajak Sekolah Manfaatkan Ruang Belajar Daring", "Hendra Wijayakusuma",
        "Gubernur Kalimantan Timur", "2024-08-14", "Antara", "Festival Literasi Digital Pelajar 2024",
        "Gedung Serbaguna Tepian", "",
    )
    assert "Sari Puspita" not in "\n".join(c.text for c in chunks)
    speakers = read_news(AGENCY_REPORT).speakers
    assert [(p.name, p.office) for p in speakers] == [
        ("Hendra Wijayakusuma", "Gubernur Kalimantan Timur"),
        ("Laras Wulandari", "Kepala Dinas Pendidikan Kalimantan Timur"),
    ]


def test_html_report_with_outlet_in_dateline_and_reporter(tmp_path: Path) -> None:
    path = tmp_path / "katalog-data.html"
    path.write_text(HTML_REPORT, encoding="utf-8")
    chunks = _chunks(path)
    meta = chunks[0].metadata
    assert (meta["title"], meta["speaker"], meta["speaker_role"], meta["date"], meta["outlet"]) == (
        "Badan Data Rekaan Minta Instansi Rapikan Katalog Data", "Sekar Ayuningtyas", "Kepala BPDR",
        "2024-11-07", "Wartarekaan.id",
    )
    assert (meta["event"], meta["place"], meta["reporter"]) == (
        "Rapat Kerja Nasional Data Pemerintah", "Bogor", "Dimas Prakoso",
    )
    assert format_citation(meta) == (
        "Sekar Ayuningtyas (Kepala BPDR), Rapat Kerja Nasional Data Pemerintah, 7 November 2024 (Wartarekaan.id)"
    )
    assert chunks[0].breadcrumb.startswith("Sekar Ayuningtyas (Kepala BPDR) — Rapat Kerja Nasional")


def test_report_without_statements_is_an_article(tmp_path: Path) -> None:
    path = tmp_path / "portal-perizinan.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    chunks = _chunks(path)
    assert _meta(chunks, "doc_type", "speaker", "date", "outlet") == ("article", "", "2025-01-02", "Kabarrekaan.com")
    assert format_citation(chunks[0].metadata) == (
        "Pemkot Tepian Raya Luncurkan Portal Perizinan Terpadu, 2 Januari 2025 (Kabarrekaan.com)"
    )


def test_docx_transcript_names_its_speaker_in_the_heading(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Sambutan Wali Kota Tepian Raya Budi Santosa pada Apel Pagi Bersama Aparatur Kota", level=1)
    document.add_paragraph("Tepian Raya, Senin 4 Maret 2024")
    document.add_paragraph("Selamat pagi. Yang saya hormati para kepala perangkat daerah dan seluruh aparatur kota.")
    document.add_paragraph("Pagi ini saya mengingatkan tiga hal: layanan daring harus tetap buka saat libur, "
                           "setiap aduan dijawab dalam dua hari, dan data layanan diperbarui setiap bulan.")
    path = tmp_path / "sambutan-apel.docx"
    document.save(path)
    chunks = _chunks(path)
    assert _meta(chunks, "doc_type", "speaker", "speaker_role", "date", "event") == (
        "speech", "Budi Santosa", "Wali Kota Tepian Raya", "2024-03-04", "Apel Pagi Bersama Aparatur Kota",
    )
    assert chunks[0].metadata["title"].startswith("Sambutan Wali Kota Tepian Raya")


def test_pdf_report_uses_later_references_to_split_office_and_name(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for paragraph in (
        "Bupati Resmikan Mal Pelayanan Publik Digital",
        "MAKASSAR, KABARREKAAN.COM - Bupati Lembah Hijau Andi Pratama meresmikan mal pelayanan publik "
        "digital yang melayani tiga puluh jenis izin dan dokumen kependudukan.",
        "BACA JUGA: Antrean Kantor Kependudukan Rekaan Turun Separuh",
        '"Warga tidak perlu lagi datang pagi-pagi untuk mengambil nomor antrean," kata Andi, Jumat (8/3/2024).',
        "Menurut Andi, pegawai loket dipindahkan untuk membantu warga yang belum terbiasa dengan layanan daring.",
        "(Rizky Hidayat)",
    ):
        pdf.multi_cell(170, 6, paragraph)
        pdf.ln(4)
    path = tmp_path / "mal-pelayanan.pdf"
    pdf.output(str(path))
    chunks = _chunks(path)
    assert _meta(chunks, "doc_type", "speaker", "speaker_role", "date", "outlet", "reporter") == (
        "speech", "Andi Pratama", "Bupati Lembah Hijau", "2024-03-08", "Kabarrekaan.com", "Rizky Hidayat",
    )
    assert chunks[0].metadata["page"] == 1
    assert "Antrean Kantor" not in "\n".join(c.text for c in chunks)


@pytest.mark.parametrize(
    ("text", "speaker", "office"),
    [
        ("Presiden Arya Pratama meresmikan jaringan itu. \"Jaringan ini untuk semua desa,\" kata Arya.",
         "Arya Pratama", "Presiden"),
        ("Menteri Komunikasi dan Informatika Dewi Lestari meminta operator memperluas jaringan.",
         "Dewi Lestari", "Menteri Komunikasi dan Informatika"),
        ("Ketua Komisi Informasi (KIR), Bayu Saputra mengatakan keterbukaan data wajib dijaga.",
         "Bayu Saputra", "Ketua KIR"),
        ("Yusuf Hakim, Sekretaris Daerah Kota Tepian, mengatakan anggaran sudah tersedia.",
         "Yusuf Hakim", "Sekretaris Daerah Kota Tepian"),
    ],
)
def test_offices_and_names(text: str, speaker: str, office: str) -> None:
    report = read_news(f"JAKARTA, KABARREKAAN.COM -- {text}\n\nSenin (4/3/2024)")
    assert report is not None
    assert (report.speaker, report.speaker_role, report.doc_type) == (speaker, office, "speech")


def test_outlet_first_dateline_and_source_lines() -> None:
    report = read_news(
        "KabarRekaan.com, Makassar - Warga mengantre sejak pagi, Selasa 5 Maret 2024.\n"
        "Artikel ini telah tayang di KabarRekaan.com dengan judul Antrean Pagi\n"
    )
    assert report is not None and (report.outlet, report.date, report.doc_type) == (
        "KabarRekaan.com", "2024-03-05", "article",
    )
    assert report.skip == {1}


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("dalam acara itu, Selasa 5 Maret 2024.", "2024-03-05"),
        ("ujarnya, Senin (27/2/2023)", "2023-02-27"),
        ("Diterbitkan 5/3/2024 pukul 10.00", "2024-03-05"),
        ("pada 5 Maret 2024 lalu", "2024-03-05"),
        ("Jumat, 8 Nop 2024", "2024-11-08"),
        ("UU itu terbit 20 Oktober 2022; acara digelar Kamis, 7 November 2024", "2024-11-07"),
        ("tanpa tanggal, hanya 17 Agustus dan skor 3.05", ""),
    ],
)
def test_find_date(text: str, iso: str) -> None:
    assert find_date(text) == iso


def test_outlet_names() -> None:
    assert [outlet_name(x) for x in ("DISWAY.ID", "KOMPAS.com", "ANTARA", "CNN Indonesia", "RRI")] == [
        "Disway.id", "Kompas.com", "Antara", "CNN Indonesia", "RRI",
    ]


# ----------------------------------------------------------------------------- not news; front matter


def test_plain_note_stays_a_note(tmp_path: Path) -> None:
    path = tmp_path / "catatan-rapat.txt"
    path.write_text("Catatan Rapat Arsitektur\n\nRapat 5 Maret 2024 menyepakati peta rencana.\n", encoding="utf-8")
    chunks = chunk_document(load_document(path))
    assert _meta(chunks, "doc_type", "title", "speaker", "outlet") == ("note", "catatan rapat", "", "")


def test_front_matter_wins_and_keeps_todays_behaviour(tmp_path: Path) -> None:
    chunks = chunk_document(load_document(FIXTURES / "sambutan-fiktif.md"), max_tokens=60)
    assert _meta(chunks, "speaker", "speaker_role", "outlet", "reporter") == ("Pembicara Rekaan", "", "", "")
    assert format_citation(chunks[0].metadata) == "Pembicara Rekaan, Rapat Koordinasi Contoh, 5 Maret 2024"

    path = tmp_path / "berita-bertanda.md"
    path.write_text("---\ntitle: Catatan Rekaan\ndoc_type: speech\nspeaker: Pembicara Rekaan\n"
                    "source: \"KabarRekaan.com, 5 Maret 2024\"\ndate: 2024-03-05\n---\n" + ARTICLE, encoding="utf-8")
    chunks = chunk_document(load_document(path))
    meta = chunks[0].metadata
    assert (meta["title"], meta["speaker"], meta["speaker_role"]) == ("Catatan Rekaan", "Pembicara Rekaan", "")
    assert meta["outlet"] == "KabarRekaan.com"  # read from the front-matter source
    assert "Baca Juga: Tiga Kota Rekaan" in "\n".join(c.text for c in chunks)  # no news cleaning
    assert format_citation(meta) == "Pembicara Rekaan, 5 Maret 2024 (KabarRekaan.com)"
