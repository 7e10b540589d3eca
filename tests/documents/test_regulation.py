"""The regulation parser: identity, the drafting tree, and robustness on real OCR texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.documents.loaders import load_document
from assistant.documents.model import LoadedDocument
from assistant.documents.numerals import ocr_numbers, roman_to_int
from assistant.documents.regulation import (
    detect_identity,
    parse_regulation,
    pasal_candidates,
    prune_cukup_jelas,
    split_lines,
)

from .conftest import FIXTURES

FIXTURE_REG = FIXTURES / "uu-fiktif-99-2099.txt"


def _doc(text: str, name: str = "x.txt") -> LoadedDocument:
    return LoadedDocument(path=Path(name), text=text, kind="text", sha256="0")


# ----------------------------------------------------------------------------- small pieces


def test_ocr_numbers_and_roman() -> None:
    assert ocr_numbers("1O") == {10}
    assert ocr_numbers("t2") == {12}
    assert 8 in ocr_numbers("S")
    assert ocr_numbers("abc") == set()
    assert roman_to_int("XIV") == 14
    assert roman_to_int("Ix") == 9
    assert roman_to_int("l") == 1
    assert roman_to_int("BAB") is None


@pytest.mark.parametrize(
    ("line", "number"),
    [("Pasal 12", 12), ("Pasa722", 22), ("PasaJ22", 22), ("Pasal2T", 27), ("Pasal T2", 72),
     ("Pasal 7O", 70), ("Pasal I", 1), ("Pasal24", 24), ("PASAL 5", 5)],
)
def test_pasal_heading_ocr_forms(line: str, number: int) -> None:
    numbers, _ = pasal_candidates(line)
    assert (number, "") in numbers


@pytest.mark.parametrize("line", ["Pasal 5 huruf b diatur dalam Peraturan Pemerintah.", "Pribadi.",
                                  "Pdsal 72 juga berlaku dalam hal penjatuhan pidana", "Penjelasan"])
def test_text_lines_are_not_pasal_headings(line: str) -> None:
    assert pasal_candidates(line) == ([], False)


def test_detect_identity_variants() -> None:
    ident = detect_identity(FIXTURE_REG.read_text(encoding="utf-8"))
    assert ident is not None
    assert (ident.jenis, ident.nomor, ident.tahun) == ("Undang-Undang", "99", "2099")
    assert ident.short_name == "UU 99/2099"
    assert ident.long_name == "Undang-Undang Nomor 99 Tahun 2099 tentang Tata Kelola Layanan Contoh Digital"
    one_line = detect_identity("# Peraturan Presiden Nomor 132 Tahun 2022 tentang Arsitektur SPBE Nasional\n\nIsi.")
    assert one_line is not None and one_line.short_name == "Perpres 132/2022"
    assert one_line.tentang == "Arsitektur SPBE Nasional"
    ocr = detect_identity("SALINAN\nPRESIDEN\nREPUBLIK INDONESIA\nPERATURAN MENTERI PENDAYAGUNAAN APARATUR "
                          "NEGARA DAN REFORMASI BIROKRASI\nREPUBLIK INDONESIA\nNOMOR 59 TAHVN 2O20\nTENTANG\n"
                          "PEMANTAUAN DAN EVALUASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK\nDENGAN RAHMAT")
    assert ocr is not None and ocr.short_name == "PermenPANRB 59/2020"
    assert ocr.tentang == "Pemantauan dan Evaluasi Sistem Pemerintahan Berbasis Elektronik"
    assert detect_identity("Catatan rapat tentang SPBE.\nPasal 3 dibahas.") is None


def test_split_lines_keeps_offsets_and_splits_run_together_parts() -> None:
    text = "Pasal 62\nIsi pasal. Agar setiap orang mengetahuinya, memerintahkan ...\nh. sanksi. II. PASAL DEMI PASAL\n"
    lines = split_lines(text)
    for ln in lines:
        if ln.text:
            assert text[ln.offset:].startswith(ln.text[:10])
    texts = [ln.text for ln in lines]
    assert "Agar setiap orang mengetahuinya, memerintahkan ..." in texts
    assert "II. PASAL DEMI PASAL" in texts


# ----------------------------------------------------------------------------- the fixture


@pytest.fixture(scope="module")
def fixture_reg():
    doc = load_document(FIXTURE_REG)
    return doc, parse_regulation(doc)


def test_fixture_tree(fixture_reg) -> None:
    doc, reg = fixture_reg
    assert reg.pasal_numbers() == [1, 2, 3, 4, 5]
    p1, p2, p3, p4, p5 = reg.pasal
    assert [d.label for d in p1.definitions] == ["1", "2", "3"]
    assert p1.definitions[0].text == "1. Layanan Contoh adalah layanan rekaan yang dipakai untuk menguji pemotongan teks."
    assert (p2.bab, p2.bab_title, p2.bagian, p2.bagian_title) == (
        "BAB II", "Penyelenggaraan Layanan Contoh", "Bagian Kesatu", "Umum")
    # "ayat\n(2) huruf c" is a cross reference, not a fourth ayat.
    assert [a.label for a in p2.ayat] == ["(1)", "(2)", "(3)"]
    assert "a. layanan administrasi contoh;" in p2.ayat[1].text
    # "dalam\nPasal 2\ntanpa" is a cross reference, not a heading.
    assert p3.text == "Setiap Pengguna berhak atas layanan sebagaimana dimaksud dalam Pasal 2 tanpa dipungut biaya."
    assert (p4.paragraf, p4.paragraf_title) == ("Paragraf 1", "Pelaporan")
    # "(3)" run together with ayat (2) on one line is still its own ayat.
    assert [a.label for a in p4.ayat] == ["(1)", "(2)", "(3)", "(4)", "(5)"]
    assert p4.ayat[2].text.startswith("(3) Laporan disampaikan")
    # The closing formula and signature do not belong to the last Pasal.
    assert p5.text == "Undang-Undang ini mulai berlaku pada tanggal diundangkan."
    assert doc.text[p4.offset:].startswith("Pasal 4")
    assert reg.menimbang is not None and reg.menimbang.text.startswith("a. bahwa layanan contoh")
    assert reg.mengingat is not None and "Contoh Lama" in reg.mengingat.text


def test_fixture_penjelasan_and_lampiran(fixture_reg) -> None:
    _, reg = fixture_reg
    assert reg.penjelasan_umum is not None
    assert reg.penjelasan_umum.text.startswith("Layanan contoh dibutuhkan")
    assert [p.number for p in reg.penjelasan_pasal] == [1, 2, 3, 4, 5]
    kept = [ln.text for ln in prune_cukup_jelas(reg.penjelasan_pasal[1].lines)]
    assert kept == ["Ayat (1)", "Yang dimaksud dengan \"terpadu\" adalah layanan yang diberikan",
                    "melalui satu pintu.", "Ayat (2)", "Huruf b",
                    "Yang dimaksud dengan \"data contoh\" adalah data rekaan."]
    assert prune_cukup_jelas(reg.penjelasan_pasal[0].lines) == []
    assert [s.title for s in reg.lampiran] == [
        "BAB I Pendahuluan > A. Latar Belakang",
        "BAB I Pendahuluan > B. Tujuan",
        "BAB II Peta Jalan Layanan Contoh",
    ]
    assert all("PRESIDEN" not in ln.text for s in reg.lampiran for ln in s.lines)


def test_pasal_numbers_must_increase() -> None:
    text = (
        "UNDANG-UNDANG REPUBLIK INDONESIA\nNOMOR 1 TAHUN 2099\nTENTANG\nCONTOH\n"
        "Pasal 1\nAturan pertama.\nPasal 2\nAturan kedua merujuk pada\nPasal 1\nyang berlaku.\n"
        "Pasal 9\nNomor yang melompat terlalu jauh adalah teks.\nPasal 3\nAturan ketiga.\n"
    )
    reg = parse_regulation(_doc(text))
    assert reg.pasal_numbers() == [1, 2, 3]
    assert "Pasal 9" in reg.pasal[1].text


def test_ocr_damaged_headings() -> None:
    text = (
        "UNDANG-UNDANG REPUBLIK INDONESIA\nNOMOR 2 TAHUN 2099\nTENTANG\nCONTOH\n"
        "BAB l\nKETENTUAN UMUM\nPasal I\nAturan pertama.\nPasa72\n(l) Ayat satu.\nl2l Ayat dua.\n"
        "BAB Il\nPENUTUP\nPasal3\nAturan ketiga.\n"
    )
    reg = parse_regulation(_doc(text))
    assert reg.pasal_numbers() == [1, 2, 3]
    assert [(p.bab, p.bab_title) for p in reg.pasal] == [
        ("BAB I", "Ketentuan Umum"), ("BAB I", "Ketentuan Umum"), ("BAB II", "Penutup")]
    assert reg.pasal[1].text == "(1) Ayat satu.\n(2) Ayat dua."


def test_bare_pasal_labels_paired_with_numbers() -> None:
    """Column OCR can give "Pasal / Pasal" then the numbers on lines of their own."""
    text = (
        "PENJELASAN\nATAS\nUNDANG-UNDANG REPUBLIK INDONESIA\nNOMOR 1 TAHUN 2099\nI. UMUM\nUmum.\n"
        "II. PASAL DEMI PASAL\nPasal 1\nCukup jelas.\nPasal\nPasal\n2\nCukup jelas.\n3\nPenjelasan ketiga.\n"
    )
    reg = parse_regulation(_doc("UNDANG-UNDANG REPUBLIK INDONESIA\nNOMOR 1 TAHUN 2099\nTENTANG\nCONTOH\n"
                                "Pasal 1\nA.\nPasal 2\nB.\nPasal 3\nC.\n" + text))
    assert [p.number for p in reg.penjelasan_pasal] == [1, 2, 3]
    assert reg.penjelasan_pasal[2].text == "Penjelasan ketiga."


# ----------------------------------------------------------------------------- real texts

EXPECTED = {
    "uu-27-2022.txt": ("UU 27/2022", 76,
                       "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi"),
    "uu-25-2009.txt": ("UU 25/2009", 62, "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"),
    "uu-20-2023.txt": ("UU 20/2023", 77, "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara"),
    "perpres-82-2023.txt": ("Perpres 82/2023", 22,
                            "Peraturan Presiden Nomor 82 Tahun 2023 tentang Percepatan Transformasi Digital "
                            "dan Keterpaduan Layanan Digital Nasional"),
    "perpres-132-2022.txt": ("Perpres 132/2022", 6,
                             "Peraturan Presiden Nomor 132 Tahun 2022 tentang Arsitektur Sistem Pemerintahan "
                             "Berbasis Elektronik Nasional"),
}
_CACHE: dict[str, object] = {}


def _parsed(regulations: Path, name: str):
    if name not in _CACHE:
        _CACHE[name] = parse_regulation(load_document(regulations / name))
    return _CACHE[name]


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_identity_and_all_pasal(regulations: Path, name: str) -> None:
    short, count, long = EXPECTED[name]
    reg = _parsed(regulations, name)
    assert reg.identity is not None
    assert reg.identity.short_name == short
    assert reg.identity.long_name == long
    assert reg.pasal_numbers() == list(range(1, count + 1))
    assert all(p.text.strip() for p in reg.pasal)
    for p in reg.pasal:
        for bad in ("Agar setiap orang", "PRESIDEN REPUBLIK INDONESIA", "LEMBARAN NEGARA"):
            assert bad not in p.text, (p.label, bad)


@pytest.mark.shared
def test_real_uu_27_2022_details(regulations: Path) -> None:
    reg = _parsed(regulations, "uu-27-2022.txt")
    p1 = reg.get(1)
    assert len(p1.definitions) == 11
    assert p1.definitions[1].text.startswith("2. Pelindungan Data Pribadi adalah keseluruhan upaya")
    assert [a.label for a in reg.get(4).ayat] == ["(1)", "(2)", "(3)"]
    assert reg.get(19).bab == "BAB VI" and reg.get(19).bagian == "Bagian Kesatu"
    assert reg.get(58).bab_title == "Kelembagaan"
    assert [p.number for p in reg.penjelasan_pasal] == list(range(1, 77))
    assert reg.penjelasan_umum is not None


@pytest.mark.shared
def test_real_uu_25_2009_run_together_ayat(regulations: Path) -> None:
    reg = _parsed(regulations, "uu-25-2009.txt")
    assert len(reg.get(1).definitions) == 13
    assert len(reg.get(23).ayat) == 5  # "(5)" follows "f. penilaian kinerja" on the same line
    assert reg.get(23).ayat[4].text.startswith("(5) Penyelenggara berkewajiban menyediakan informasi")
    assert len(reg.get(35).ayat) == 3
    assert len(reg.get(39).ayat) == 4
    assert reg.get(6).bab == "BAB III" and reg.get(6).bagian == "Bagian Kesatu"
    # The Penjelasan was run together with the closing formula on one line.
    assert [p.number for p in reg.penjelasan_pasal] == list(range(1, 63))
    assert reg.penjelasan_umum is not None and reg.penjelasan_umum.text.startswith("Pembukaan Undang-Undang Dasar")


@pytest.mark.shared
def test_real_uu_20_2023_and_perpres_details(regulations: Path) -> None:
    uu20 = _parsed(regulations, "uu-20-2023.txt")
    assert len(uu20.get(1).definitions) == 15
    assert len(uu20.get(21).ayat) == 10
    assert (uu20.get(29).paragraf, uu20.get(29).paragraf_title) == ("Paragraf 1", "Pejabat Pembina Kepegawaian")
    p82 = _parsed(regulations, "perpres-82-2023.txt")
    assert len(p82.get(3).ayat) == 6
    assert len(p82.get(9).ayat) == 2  # "ayat\n(5) dituangkan" is a reference
    p132 = _parsed(regulations, "perpres-132-2022.txt")
    assert len(p132.get(3).ayat) == 7
    assert len(p132.get(1).definitions) == 11
    babs = {s.path[0].split(" ")[1] for s in p132.lampiran if s.path[0].startswith("BAB")}
    assert babs == {"I", "II", "III", "IV", "V", "VI", "VII"}
    assert p132.lampiran[0].title == "BAB I Pendahuluan > A. Latar Belakang"


# ----------------------------------------------------------------------------- layouts and identities


def test_converted_layout_debris_is_removed_and_bullets_unwrapped() -> None:
    from assistant.documents.regulation.lines import is_furniture

    text = ("## BAB II LAYANAN CONTOH Pasal 7\n\n- (1) Unit wajib melayani.\n<!-- image -->\n-3-\n"
            "## EqITFIIIIINIII'TTTTN\n- 2 Layanan adalah kegiatan.\n(2) Ketentuan. . .\n")
    texts = [ln.text for ln in split_lines(text)]
    assert "BAB II LAYANAN CONTOH" in texts and "Pasal 7" in texts
    assert "(1) Unit wajib melayani." in texts
    assert "2. Layanan adalah kegiatan." in texts
    assert not any("image" in t or t == "-3-" or "EqIT" in t or t.endswith(". . .") for t in texts)
    for kept in ("BAB VIII", "Pasal III", "KETENTUAN PERALIHAN", "Cukup jelas.", "PRESIDEN REPUBLIK INDONESIA,"):
        assert not is_furniture(kept), kept


@pytest.mark.parametrize(
    "heading, short",
    [
        ("PERATURAN MENTERI KOMUNIKASI DAN INFORMATIKA\nNOMOR : 11 / PER / M.KOMINFO / 04 / 2007\nTENTANG\nCONTOH",
         "Permenkominfo 11/2007"),
        ("PERATURAN MENTERI KOMUNIKASI DAN INFORMATIKA NOMOR 26 IPER/M.KOMINFOI 5/2007 TENTANG\nCONTOH",
         "Permenkominfo 26/2007"),
        ("PERATURAN MENTERI KOMUNlKASl DAN INFORMATIKA\nNOMOR\n:\n29 IPERIM.KOMINFOI1212010\nTENTANG\nCONTOH",
         "Permenkominfo 29/2010"),
        ("PERATURAN MENTERI KOMUNIKASI DAN INFORMATIKA REPUBLIK INDONESIA\nTAHUN 2013\nNOMOR\n24\nTENTANG\nCONTOH",
         "Permenkominfo 24/2013"),
        ("PERATURAN  PEMERINTAH REPUBLIK INDONESIA\nNOMOR Tl TAHUN 2OI9\nTENTANG\nCONTOH", "PP 71/2019"),
        ("UNDANG.UNDANG REPUBLIK INDONESI.A\nNOMOR 1 TAHUN 2024\nTENTANG\nCONTOH", "UU 1/2024"),
        ("PERATURAN BADAN SIBER DAN SANDI NEGARA\nNOMOR 4 TAHUN 2021\nTENTANG\nCONTOH", "Peraturan BSSN 4/2021"),
        ("PERATURAN DAERAH KOTA BALIKPAPAN\nNOMOR 1 TAHUN 2024\nTENTANG\nCONTOH", "Perda Kota Balikpapan 1/2024"),
        ("PERATURAN GUBERNUR KALIMANTAN TIMUR\nNOMOR 5 TAHUN 2020\nTENTANG\nCONTOH", "Pergub Kalimantan Timur 5/2020"),
    ],
)
def test_identity_from_every_number_form(heading: str, short: str) -> None:
    ident = detect_identity(heading + "\n\nDENGAN RAHMAT TUHAN YANG MAHA ESA\n\nPasal 1\nIsi.")
    assert ident is not None and ident.short_name == short
    assert ident.tentang == "Contoh"


def test_identity_from_the_penjelasan_and_lampiran_when_the_heading_is_lost() -> None:
    text = ("<!-- image -->\nMengingat : 1. Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara;\n"
            "Menetapkan : PERATURAN MENTERI DALAM NEGERI TENTANG TATA CONTOH.\nPasal 1\nIsi.\n"
            "LAMPIRAN I PERATURAN MENTERI DALAM NEGERI NOMOR 7 TAHUN 2022 TENTANG TATA CONTOH\nisi\n"
            "LAMPIRAN II PERATURAN MENTERI DALAM NEGERI NOMOR 7 TAHUN 2022 TENTANG TATA CONTOH\nisi\n")
    ident = detect_identity(text)
    assert ident is not None and ident.short_name == "Permendagri 7/2022"
    assert ident.tentang == "Tata Contoh"


def test_regulation_dates() -> None:
    text = ("UNDANG-UNDANG REPUBLIK INDONESIA\nNOMOR 9 TAHUN 2099\nTENTANG\nCONTOH\n\nPasal 1\n"
            "Undang-Undang ini mulai berlaku pada tanggal diundangkan.\n"
            "Disahkan di Jakarta\npada tanggal 3 Maret 2099\nDiundangkan di Jakarta\npada tanggal 4 Maret 2O99\n")
    ident = detect_identity(text)
    assert (ident.ditetapkan, ident.diundangkan, ident.berlaku) == ("2099-03-03", "2099-03-04", "2099-03-04")


def test_definitions_numbered_in_brackets_are_definitions() -> None:
    text = ("PERATURAN MENTERI DALAM NEGERI\nNOMOR 7 TAHUN 2099\nTENTANG\nCONTOH\n\nBAB I\nKETENTUAN UMUM\n\n## Pasal 1\n"
            "Dalam Peraturan Menteri ini yang dimaksud dengan:\n(1) Layanan Contoh adalah layanan yang diuji.\n"
            "(2) Unit Contoh adalah unit yang melayani.\n\n## Pasal 2\n(1) Unit Contoh wajib melayani.\n(2) Layanan Contoh gratis.\n")
    parsed = parse_regulation(_doc(text))
    first, second = parsed.pasal[0], parsed.pasal[1]
    assert [d.label for d in first.definitions] == ["1", "2"]
    assert first.definitions[1].text.startswith("2. Unit Contoh adalah")
    assert [a.label for a in second.ayat] == ["(1)", "(2)"]
