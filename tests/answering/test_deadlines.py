"""Deadlines in statutory text: relative periods counted from an event, and stated years or dates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.answering.deadlines import Deadline, find_deadlines, number_from_words
from assistant.documents.news import iso_date, month_number

REGULATIONS = Path(__file__).resolve().parents[3] / "shared" / "regulations"


def only(text: str, **dates: str) -> Deadline:
    found = find_deadlines(text, **dates)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("satu", 1),
        ("sepuluh", 10),
        ("sebelas", 11),
        ("empat belas", 14),
        ("tiga puluh", 30),
        ("dua puluh empat", 24),
        ("seratus delapan puluh", 180),
        ("dua ratus lima", 205),
        ("dua ribu dua puluh tiga", 2023),
        ("tiga kali dua puluh empat", 72),
        ("dua dua", None),
        ("puluh", None),
        ("lama", None),
    ],
)
def test_number_from_words(words, value):
    assert number_from_words(words) == value


def test_years_from_promulgation():
    text = (
        "Badan usaha yang telah menyelenggarakan layanan arsip elektronik wajib menyesuaikan diri "
        "paling lama 1 (satu) tahun sejak Undang-Undang ini diundangkan."
    )
    d = only(text, diundangkan="2022-10-17")
    assert d == Deadline(
        text="paling lama 1 (satu) tahun sejak Undang-Undang ini diundangkan",
        start=text.index("paling"), end=text.index("."), kind="relative", amount=1, unit="tahun",
        anchor="diundangkan", date="2023-10-17", bound="paling lama",
    )
    assert text[d.start:d.end] == d.text


def test_span_and_text_across_line_breaks():
    text = (
        "Peraturan pelaksanaan ditetapkan paling lama\n6 (enam) bulan terhitung sejak\n"
        "Peraturan Pemerintah ini diundangkan."
    )
    d = only(text, diundangkan="2024-01-31")
    assert d.text == "paling lama 6 (enam) bulan terhitung sejak Peraturan Pemerintah ini diundangkan"
    assert text[d.start:d.end].split() == d.text.split()
    assert (d.amount, d.unit, d.anchor, d.date) == (6, "bulan", "diundangkan", "2024-07-31")


def test_month_end_is_clamped():
    d = only("Menteri menetapkan pedoman paling lambat 1 (satu) bulan sejak Peraturan Menteri ini ditetapkan.",
             ditetapkan="2024-01-31")
    assert (d.anchor, d.date, d.bound) == ("ditetapkan", "2024-02-29", "paling lambat")


def test_number_in_words_only():
    d = only("Gubernur menyusun rencana induk paling lama dua tahun sejak Peraturan Daerah ini diundangkan.",
             diundangkan="2023-03-01")
    assert (d.amount, d.unit, d.date) == (2, "tahun", "2025-03-01")


def test_entry_into_force_needs_its_own_date():
    text = (
        "Pendataan ulang diselesaikan dalam waktu paling lama 90 (sembilan puluh) hari setelah "
        "berlakunya Peraturan Presiden ini."
    )
    unresolved = only(text, diundangkan="2024-05-02")
    assert (unresolved.anchor, unresolved.date) == ("berlaku", "")
    resolved = only(text, diundangkan="2024-05-02", berlaku="2024-05-02")
    assert (resolved.amount, resolved.unit, resolved.bound) == (90, "hari", "paling lama")
    assert resolved.date == "2024-07-31"

    also = only("Lembaga menyesuaikan paling lama 3 (tiga) bulan sejak Undang-Undang ini mulai berlaku.",
                berlaku="2023-11-30")
    assert (also.anchor, also.date) == ("berlaku", "2024-02-29")


def test_working_days_skip_weekends():
    # 2024-03-01 is a Friday: five working days later is the next Friday.
    d = only(
        "Kepala Badan menyampaikan laporan paling lama 5 (lima) hari kerja sejak Peraturan Badan ini diundangkan.",
        diundangkan="2024-03-01",
    )
    assert (d.amount, d.unit, d.date) == (5, "hari kerja", "2024-03-08")


def test_hours_without_a_dated_anchor_stay_unresolved():
    d = only(
        "Penyelenggara memberitahukan gangguan layanan paling lambat 3 x 24 (tiga kali dua puluh empat) jam.",
        diundangkan="2024-03-01",
    )
    assert (d.kind, d.amount, d.unit, d.bound) == ("relative", 72, "jam", "paling lambat")
    assert (d.anchor, d.date) == ("", "")


def test_hours_from_a_dated_anchor():
    d = only("Data diserahkan paling lambat 2 x 24 jam sejak Peraturan Menteri ini diundangkan.",
             diundangkan="2024-12-30")
    assert (d.amount, d.date) == (48, "2025-01-01")
    stated = only("Pendaftaran ditutup paling lambat 36 (tiga puluh enam) jam sejak tanggal 1 Maret 2024.")
    assert (stated.anchor, stated.date) == ("1 Maret 2024", "2024-03-02")


def test_other_events_stay_as_written():
    text = (
        "Menteri memberikan keputusan dalam jangka waktu paling lama 14 (empat belas) hari kerja "
        "terhitung sejak tanggal diterimanya permohonan secara lengkap."
    )
    d = only(text, diundangkan="2024-01-02", ditetapkan="2024-01-02", berlaku="2024-01-02")
    assert (d.anchor, d.date, d.amount, d.unit, d.bound) == (
        "diterimanya permohonan", "", 14, "hari kerja", "paling lama"
    )
    assert d.text.endswith("tanggal diterimanya permohonan")

    spbe = only(
        "Instansi Pusat menyusun Peta Rencana SPBE paling lama 6 (enam) bulan sejak Arsitektur SPBE ditetapkan.",
        ditetapkan="2022-12-20",
    )
    assert (spbe.anchor, spbe.date) == ("Arsitektur SPBE ditetapkan", "")


def test_event_joined_by_dan_keeps_its_verb():
    both = only(
        "Layanan bersama dibangun paling lambat 1 (satu) tahun sejak Peta Rencana SPBE Nasional dan "
        "Peta Rencana SPBE Daerah ditetapkan."
    )
    assert both.anchor == "Peta Rencana SPBE Nasional dan Peta Rencana SPBE Daerah ditetapkan"
    cut = only(
        "Biaya dikembalikan dalam jangka waktu 30 (tiga puluh) hari sejak putusan dibacakan dan berkas dikirim."
    )
    assert (cut.anchor, cut.bound) == ("putusan dibacakan", "dalam jangka waktu")


def test_bound_forms():
    given = only("Wajib pajak diberikan jangka waktu 1 (satu) bulan sejak surat teguran diterima untuk melunasi.")
    assert (given.bound, given.anchor) == ("jangka waktu", "surat teguran diterima")
    reversed_order = only("Pedoman disusun paling lambat dalam waktu 3 (tiga) bulan setelah kajian selesai.")
    assert (reversed_order.bound, reversed_order.text) == (
        "paling lambat", "paling lambat dalam waktu 3 (tiga) bulan setelah kajian selesai"
    )
    old_style = only("Keberatan diajukan selambat-lambatnya 14 (empat belas) hari kalender sejak pengumuman.")
    assert (old_style.bound, old_style.unit, old_style.anchor) == ("paling lambat", "hari", "pengumuman")


def test_counted_back_before_an_event():
    # 2024-07-01 is a Monday: seven working days earlier is Thursday 2024-06-20.
    d = only(
        "Usulan disampaikan paling lambat 7 (tujuh) hari kerja sebelum Peraturan Menteri ini mulai berlaku.",
        berlaku="2024-07-01",
    )
    assert (d.before, d.anchor, d.date) == (True, "berlaku", "2024-06-20")


def test_two_deadlines_in_one_sentence():
    text = (
        "Permohonan diperiksa paling lama 10 (sepuluh) hari sejak diterimanya berkas dan keputusan "
        "diterbitkan paling lama 30 (tiga puluh) hari sejak Peraturan Gubernur ini ditetapkan."
    )
    first, second = find_deadlines(text, ditetapkan="2024-02-01")
    assert (first.amount, first.anchor, first.date) == (10, "diterimanya berkas", "")
    assert (second.amount, second.anchor, second.date) == (30, "ditetapkan", "2024-03-02")


@pytest.mark.parametrize(
    "text",
    [
        "Setiap Orang yang melanggar dipidana dengan pidana penjara paling lama 5 (lima) tahun dan/atau denda.",
        "Masa jabatan anggota dewan pengawas paling lama 4 (empat) tahun dan dapat diangkat kembali.",
        "Cuti besar diberikan dalam jangka waktu paling lama 3 (tiga) bulan.",
        "Pada saat Undang-Undang ini mulai berlaku, semua peraturan pelaksanaan dinyatakan masih tetap berlaku.",
        "Rencana strategis disusun untuk Tahun 2020-2024.",
    ],
)
def test_lengths_and_plain_dates_are_not_deadlines(text):
    assert find_deadlines(text, diundangkan="2024-01-02", berlaku="2024-01-02") == []


@pytest.mark.parametrize(
    ("text", "date", "bound"),
    [
        ("Bupati menetapkan rencana induk paling lambat tahun 2025.", "2025-12-31", "paling lambat"),
        ("Program transisi dilaksanakan sampai dengan tahun 2026.", "2026-12-31", "sampai dengan"),
        ("Integrasi layanan diselesaikan paling lambat pada tahun 2027.", "2027-12-31", "paling lambat"),
        ("Laporan akhir disampaikan paling lambat tanggal 31 Desember 2024.", "2024-12-31", "paling lambat"),
        ("Penyesuaian dilakukan selambat-lambatnya 30 Juni 2025.", "2025-06-30", "paling lambat"),
        ("Pendataan dilaksanakan paling lambat bulan Februari 2028.", "2028-02-29", "paling lambat"),
        ("Anggaran disediakan hingga akhir tahun anggaran 2025.", "2025-12-31", "hingga"),
        ("Penyesuaian tunjangan selesai paling lambat Oktober 2025.", "2025-10-31", "paling lambat"),
        ("Aplikasi diintegrasikan paling lambat pada triwulan III tahun 2025.", "2025-09-30", "paling lambat"),
        ("Uji coba berlangsung sampai dengan semester pertama 2026.", "2026-06-30", "sampai dengan"),
        ("Standar diterapkan selambat-lambatnya dimulai tahun anggaran 2026.", "2026-12-31", "paling lambat"),
    ],
)
def test_absolute_deadlines(text, date, bound):
    d = only(text, diundangkan="2024-01-02")
    assert (d.kind, d.date, d.bound, d.amount, d.unit, d.anchor) == ("absolute", date, bound, None, "", "")
    assert text[d.start:d.end] == d.text


def test_impossible_dates_and_non_months_are_not_deadlines():
    assert find_deadlines("Berkas diterima paling lambat 31 Februari 2025.") == []
    assert find_deadlines("Program berjalan sampai Renstra 2029.") == []
    assert find_deadlines("Laporan disampaikan paling lambat pada triwulan V tahun 2025.") == []


def test_promulgation_split_by_a_line_break():
    d = only("wajib menyesuaikan paling lambat 6 (enam) bulan sejak Undang- Undang ini diundangkan.",
             diundangkan="2009-07-18")
    assert (d.anchor, d.date) == ("diundangkan", "2010-01-18")


def test_bad_regulation_date_is_refused():
    with pytest.raises(ValueError):
        find_deadlines("paling lama 1 (satu) tahun sejak Undang-Undang ini diundangkan.",
                       diundangkan="17 Oktober 2022")


# --- the regulations themselves ------------------------------------------------------------------

def _regulation(name: str) -> str:
    path = REGULATIONS / name
    if not path.is_file():
        pytest.skip(f"{path} is absent: real-text deadline checks skipped")
    return path.read_text(encoding="utf-8")


def _pasal(text: str, number: int) -> str:
    """The first (batang tubuh) Pasal ``number``, up to the next heading or the closing formula."""
    end = r"^(?:Pasal \d+\s*$|BAB [IVXLC]+\s*$|Agar setiap orang|Disahkan di|Ditetapkan di)"
    m = re.search(rf"^Pasal {number}\s*$(.*?){end}", text, re.M | re.S)
    assert m, f"Pasal {number} not found"
    return m.group(1)


def _closing_date(text: str, verb: str) -> str:
    m = re.search(rf"{verb} di Jakarta\s+pada tanggal (\d{{1,2}}) (\w+) (\d{{4}})", text)
    assert m, f"no '{verb}' in the closing block"
    return iso_date(int(m.group(3)), month_number(m.group(2)), int(m.group(1)))


@pytest.mark.shared
def test_uu_27_2022_two_years_to_comply():
    text = _regulation("uu-27-2022.txt")
    diundangkan = _closing_date(text, "Diundangkan")
    assert diundangkan == "2022-10-17"
    # The two-year transition stands in Pasal 74 (Pasal 76 is the entry into force).
    assert "paling lama 2 (dua) tahun" not in _pasal(text, 76)
    sentence = re.search(r"[^.]*paling lama 2 \(dua\) tahun[^.]*\.", _pasal(text, 74)).group(0)
    d = only(sentence, diundangkan=diundangkan)
    assert (d.kind, d.amount, d.unit, d.anchor, d.bound) == ("relative", 2, "tahun", "diundangkan", "paling lama")
    assert d.date == "2024-10-17"


@pytest.mark.shared
def test_uu_20_2023_one_year_for_asn_management():
    text = _regulation("uu-20-2023.txt")
    diundangkan = _closing_date(text, "Diundangkan")
    assert diundangkan == "2023-10-31"
    d = only(_pasal(text, 69), diundangkan=diundangkan)
    assert (d.amount, d.unit, d.anchor, d.bound) == (1, "tahun", "diundangkan", "paling lama")
    assert d.text == "paling lama 1 (satu) tahun terhitung sejak Undang-Undang ini diundangkan"
    assert d.date == "2024-10-31"


@pytest.mark.shared
def test_perpres_132_2022_regional_architecture_by_2023():
    text = _regulation("perpres-132-2022.txt")
    pasal = _pasal(text, 3)
    ayat_5 = re.search(r"^\(5\)(.*?)^\(6\)", pasal, re.M | re.S).group(1)
    d = only(ayat_5, diundangkan=_closing_date(text, "Diundangkan"))
    assert (d.kind, d.date, d.bound, d.amount, d.unit, d.anchor) == (
        "absolute", "2023-12-31", "paling lambat", None, "", ""
    )
    ayat_4 = re.search(r"^\(4\)(.*?)^\(5\)", pasal, re.M | re.S).group(1)
    assert only(ayat_4).date == "2022-12-31"
