"""Fixtures for the document tests: paths, and files generated at test time."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
REGULATIONS = ROOT.parent / "shared" / "regulations"

#: Body lines of the generated three-page "official" PDF, by page. Furniture is added around them.
PDF_PAGES: list[list[str]] = [
    [
        "UNDANG-UNDANG REPUBLIK INDONESIA",
        "NOMOR 98 TAHUN 2099",
        "TENTANG",
        "CONTOH DOKUMEN BERHALAMAN",
        "DENGAN RAHMAT TUHAN YANG MAHA ESA",
        "PRESIDEN REPUBLIK INDONESIA,",
        "Menimbang: bahwa dokumen contoh perlu diuji;",
        "Mengingat: Pasal 20 Undang-Undang Dasar Negara Republik Indonesia Tahun 1945;",
        "MEMUTUSKAN:",
        "Menetapkan: UNDANG-UNDANG TENTANG CONTOH DOKUMEN BERHALAMAN.",
        "BAB I",
        "KETENTUAN UMUM",
        "Pasal 1",
        "(1) Dokumen contoh memiliki tiga halaman.",
        "(2) Setiap halaman memiliki kop dan nomor halaman.",
    ],
    [
        "Pasal 2",
        "Penyelenggara wajib menjaga dokumen contoh",
        "tetap utuh.",
        "Pasal 3",
        "(1) Halaman kedua memuat Pasal 2 dan Pasal 3.",
        "(2) Dalam hal dokumen rusak, penyelenggara",
    ],
    [
        "melakukan pemulihan.",
        "BAB II",
        "KETENTUAN PENUTUP",
        "Pasal 4",
        "Undang-Undang ini mulai berlaku pada tanggal diundangkan.",
    ],
]
#: Catchwords printed at the foot of pages 1 and 2 (the first words of the next page).
PDF_CATCHWORDS = ["Pasal 2", "melakukan . . ."]


def make_official_pdf(path: Path, *, encrypt_with: str | None = None) -> Path:
    """A PDF laid out like an official copy: letterhead, "- n -", "SK No" stamp, catchwords."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    if encrypt_with:
        pdf.set_encryption(owner_password="pemilik", user_password=encrypt_with)
    for number, lines in enumerate(PDF_PAGES, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        if number > 1:
            pdf.set_xy(160, 10)
            pdf.cell(30, 6, "SALINAN")
        pdf.set_xy(20, 14)
        pdf.cell(170, 6, "PRESIDEN REPUBLIK INDONESIA", align="C")
        if number > 1:
            pdf.set_xy(20, 22)
            pdf.cell(170, 6, f"- {number} -", align="C")
        y = 36.0
        for line in lines:
            pdf.set_xy(25, y)
            pdf.cell(160, 6, line)
            y += 7
        if number <= len(PDF_CATCHWORDS):
            pdf.set_xy(130, 262)
            pdf.cell(60, 6, PDF_CATCHWORDS[number - 1], align="R")
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(12, 282)
        pdf.cell(60, 5, f"SK No {12344 + number} A")
    pdf.output(str(path))
    return path


def make_image_pdf(path: Path) -> Path:
    """A one-page PDF holding only a picture (a scan without a text layer)."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 500), "white")
    draw = ImageDraw.Draw(image)
    for y in range(40, 460, 24):
        draw.rectangle([30, y, 370, y + 10], fill="black")
    image_path = path.with_suffix(".png")
    image.save(image_path)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(str(image_path), x=10, y=10, w=180)
    pdf.output(str(path))
    return path


@pytest.fixture(scope="session")
def official_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_official_pdf(tmp_path_factory.mktemp("pdf") / "uu-98-2099.pdf")


@pytest.fixture
def regulations() -> Path:
    if not REGULATIONS.is_dir():
        pytest.skip("../shared/regulations is absent")
    return REGULATIONS
