"""Cross-references in statutory text resolved to provisions (regulation/references.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.documents.names import ProvisionRef
from assistant.documents.regulation.references import (
    RANGE_CAP,
    extract_references,
    parse_reference_key,
    reference_key,
)

REGULATIONS = Path(__file__).resolve().parents[3] / "shared" / "regulations"
HOME = "UU 27/2022"


def keys(text: str, *, regulation: str = HOME, pasal: str = "", ayat: str = "") -> list[str]:
    """The references of ``text`` as reference keys, in order."""
    return [reference_key(r) for r in extract_references(text, regulation=regulation, pasal=pasal, ayat=ayat)]


# ----------------------------------------------------------------------------- single references


def test_sebagaimana_dimaksud_with_pasal_ayat_huruf() -> None:
    text = "Laporan sebagaimana dimaksud dalam Pasal 12 ayat (3) huruf c disampaikan setiap tahun."
    assert extract_references(text, regulation=HOME, pasal="Pasal 30") == [
        ProvisionRef(HOME, "Pasal 12", "(3)", huruf="c")
    ]


def test_sebagaimana_dimaksud_pada_bare_ayat_is_current_pasal() -> None:
    text = "Izin sebagaimana dimaksud pada ayat (1) berlaku selama 5 (lima) tahun."
    assert keys(text, pasal="Pasal 14", ayat="(2)") == [f"{HOME}|Pasal 14|(1)|"]


def test_bare_huruf_is_current_ayat_or_current_pasal() -> None:
    text = "Kewajiban sebagaimana dimaksud pada huruf b tidak berlaku bagi usaha mikro."
    assert keys(text, pasal="Pasal 8", ayat="(3)") == [f"{HOME}|Pasal 8|(3)|b"]
    assert keys(text, pasal="Pasal 8") == [f"{HOME}|Pasal 8||b"]


def test_bare_reference_without_pasal_context_is_dropped() -> None:
    # A Menimbang clause: "huruf a" there names a consideration, not a provision.
    text = "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu membentuk"
    assert keys(text) == []


def test_bare_ayat_then_huruf_in_one_reference() -> None:
    text = "Denda sebagaimana dimaksud pada ayat (2) huruf d dibayar ke kas negara."
    assert keys(text, pasal="Pasal 57", ayat="(3)") == [f"{HOME}|Pasal 57|(2)|d"]


def test_pasal_angka_and_bare_angka() -> None:
    assert keys("Istilah sebagaimana dimaksud dalam Pasal 1 angka 4 dan angka 6.", pasal="Pasal 9") == [
        f"{HOME}|Pasal 1|||4",
        f"{HOME}|Pasal 1|||6",
    ]
    assert keys("Data sebagaimana dimaksud pada angka 2 wajib diperbarui.", pasal="Pasal 1") == [f"{HOME}|Pasal 1|||2"]
    # "angka" is also a common noun: a bare "angka 5" opens no reference.
    assert keys("Kenaikan tarif dihitung dengan angka 5 sebagai dasar.", pasal="Pasal 1") == []


def test_letter_suffix_kept_upper_case() -> None:
    assert keys("Ketentuan Pasal 40A dan Pasal 12b berlaku mutatis mutandis.") == [
        f"{HOME}|Pasal 40A||",
        f"{HOME}|Pasal 12B||",
    ]


def test_ocr_forms_of_ayat() -> None:
    text = "sebagaimana dimaksud dalam Pasal 7 ayat(2) dan Pasal 9 ayat 3 dikenai sanksi"
    assert keys(text) == [f"{HOME}|Pasal 7|(2)|", f"{HOME}|Pasal 9|(3)|"]


def test_ocr_glued_conjunction() -> None:
    text = "sebagaimana dimaksud dalam Pasal 15 huruf g, danPasal 17 huruf e dikenai teguran"
    assert keys(text) == [f"{HOME}|Pasal 15||g", f"{HOME}|Pasal 17||e"]


# ----------------------------------------------------------------------------- lists and ranges


def test_list_with_ayat_range() -> None:
    text = (
        "Pelanggaran atas ketentuan Pasal 20 ayat (1), Pasal 21, Pasal 24, dan Pasal 56 ayat (2) "
        "sampai dengan ayat (4) dikenai sanksi administratif."
    )
    assert keys(text, pasal="Pasal 60", ayat="(1)") == [
        f"{HOME}|Pasal 20|(1)|",
        f"{HOME}|Pasal 21||",
        f"{HOME}|Pasal 24||",
        f"{HOME}|Pasal 56|(2)|",
        f"{HOME}|Pasal 56|(3)|",
        f"{HOME}|Pasal 56|(4)|",
    ]


def test_pasal_range() -> None:
    text = "Permohonan sebagaimana dimaksud dalam Pasal 5 sampai dengan Pasal 8 diajukan secara tertulis."
    assert keys(text) == [f"{HOME}|Pasal {n}||" for n in (5, 6, 7, 8)]


def test_pasal_range_of_inserted_articles() -> None:
    assert keys("hak sebagaimana dimaksud dalam Pasal 28A sampai dengan Pasal 28D") == [
        f"{HOME}|Pasal 28{c}||" for c in "ABCD"
    ]


def test_range_over_cap_keeps_only_its_ends() -> None:
    refs = keys("sebagaimana dimaksud dalam Pasal 1 sampai dengan Pasal 200")
    assert refs == [f"{HOME}|Pasal 1||", f"{HOME}|Pasal 200||"]
    assert len(keys(f"Pasal 1 sampai dengan Pasal {RANGE_CAP}")) == RANGE_CAP


def test_ayat_and_huruf_lists_and_ranges() -> None:
    assert keys("sebagaimana dimaksud dalam Pasal 11 ayat (1) dan ayat (2)") == [
        f"{HOME}|Pasal 11|(1)|",
        f"{HOME}|Pasal 11|(2)|",
    ]
    assert keys("sebagaimana dimaksud dalam Pasal 13 huruf a dan huruf b") == [
        f"{HOME}|Pasal 13||a",
        f"{HOME}|Pasal 13||b",
    ]
    assert keys("sebagaimana dimaksud dalam Pasal 43 ayat (1) huruf a sampai dengan huruf d") == [
        f"{HOME}|Pasal 43|(1)|{c}" for c in "abcd"
    ]
    assert keys("sebagaimana dimaksud pada huruf b s.d. huruf d", pasal="Pasal 3") == [
        f"{HOME}|Pasal 3||{c}" for c in "bcd"
    ]


def test_nested_list_keeps_pasal_across_ayat() -> None:
    text = "sebagaimana dimaksud dalam Pasal 5 ayat (3) huruf a dan huruf b, ayat (4) huruf c, serta ayat (7)"
    assert keys(text) == [
        f"{HOME}|Pasal 5|(3)|a",
        f"{HOME}|Pasal 5|(3)|b",
        f"{HOME}|Pasal 5|(4)|c",
        f"{HOME}|Pasal 5|(7)|",
    ]


def test_list_items_without_repeated_keyword() -> None:
    assert keys("sebagaimana dimaksud dalam Pasal 6 ayat (1), (2), dan (4)") == [
        f"{HOME}|Pasal 6|({n})|" for n in (1, 2, 4)
    ]
    assert keys("sebagaimana dimaksud dalam Pasal 6 huruf a, b, dan c. Selanjutnya") == [
        f"{HOME}|Pasal 6||{c}" for c in "abc"
    ]


# ----------------------------------------------------------------------------- which regulation


def test_long_form_regulation_name_owns_the_reference() -> None:
    text = (
        "sebagaimana dimaksud dalam Pasal 5 Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan "
        "Transaksi Elektronik"
    )
    assert keys(text) == ["UU 11/2008|Pasal 5||"]


def test_short_form_and_peraturan_pemerintah() -> None:
    assert keys("dipidana berdasarkan Pasal 27 UU 11/2008") == ["UU 11/2008|Pasal 27||"]
    text = "dilaksanakan sesuai dengan Pasal 14 ayat (2) Peraturan Pemerintah Nomor 71 Tahun 2019"
    assert keys(text) == ["PP 71/2019|Pasal 14|(2)|"]


def test_list_shares_the_regulation_named_after_it() -> None:
    text = "sebagaimana diatur dalam Pasal 5 dan Pasal 6 Undang-Undang Nomor 11 Tahun 2008"
    assert keys(text) == ["UU 11/2008|Pasal 5||", "UU 11/2008|Pasal 6||"]


def test_constitution() -> None:
    text = (
        "Mengingat: Pasal 5 ayat (2), Pasal 20, dan Pasal 28F Undang-Undang Dasar Negara Republik "
        "Indonesia Tahun 1945;"
    )
    assert keys(text) == ["UUD 1945|Pasal 5|(2)|", "UUD 1945|Pasal 20||", "UUD 1945|Pasal 28F||"]
    assert keys("sesuai Pasal 28G ayat (1) UUD 1945") == ["UUD 1945|Pasal 28G|(1)|"]
    assert keys("Pasal 27 Undang-Undang Dasar Negara RepubIik lndonesia Tahun 1945") == ["UUD 1945|Pasal 27||"]


def test_this_regulation_and_unnamed_are_the_home_regulation() -> None:
    text = "Pasal 27 UU 11/2008 tidak mengurangi Pasal 3 Undang-Undang ini maupun Pasal 4."
    assert keys(text) == ["UU 11/2008|Pasal 27||", f"{HOME}|Pasal 3||", f"{HOME}|Pasal 4||"]
    text = "sebagaimana dimaksud dalam Pasal 2 Peraturan Pemerintah ini"
    assert keys(text, regulation="PP 71/2019") == ["PP 71/2019|Pasal 2||"]


def test_home_regulation_given_in_long_form_is_normalised() -> None:
    refs = extract_references("Pasal 4", regulation="Undang-Undang Nomor 27 Tahun 2022")
    assert refs == [ProvisionRef(HOME, "Pasal 4")]


# ----------------------------------------------------------------------------- self, duplicates, non-references


def test_self_reference_dropped_and_duplicates_removed_in_order() -> None:
    text = (
        "Ketentuan dalam Pasal 9 ayat (2) ini, Pasal 3, dan Pasal 9 ayat (1) berlaku; "
        "sebagaimana dimaksud dalam Pasal 3; ketentuan pada ayat (1) tetap berlaku."
    )
    assert keys(text, pasal="Pasal 9", ayat="(2)") == [f"{HOME}|Pasal 3||", f"{HOME}|Pasal 9|(1)|"]


def test_same_pasal_in_other_regulation_is_not_self() -> None:
    assert keys("Pasal 9 ayat (2) UU 11/2008", pasal="Pasal 9", ayat="(2)") == ["UU 11/2008|Pasal 9|(2)|"]


def test_roman_pasal_only_with_angka() -> None:
    text = "Perubahan sebagaimana dimaksud dalam Pasal I angka 3 mulai berlaku sejak Pasal II ditetapkan."
    assert keys(text, regulation="UU 19/2016") == ["UU 19/2016|Pasal I|||3"]


def test_lembaran_negara_is_not_a_provision() -> None:
    text = (
        "Lembaran Negara Republik Indonesia Tahun 2022 Nomor 196, Tambahan Lembaran Negara Republik "
        "Indonesia Nomor 6820"
    )
    assert keys(text) == []


def test_text_without_references() -> None:
    assert keys("Undang-Undang ini mulai berlaku pada tanggal diundangkan.", pasal="Pasal 76") == []


# ----------------------------------------------------------------------------- keys


@pytest.mark.parametrize(
    ("ref", "key"),
    [
        (ProvisionRef(HOME, "Pasal 57", "(2)", huruf="a"), "UU 27/2022|Pasal 57|(2)|a"),
        (ProvisionRef(HOME, "Pasal 5", huruf="b"), "UU 27/2022|Pasal 5||b"),
        (ProvisionRef(HOME, "Pasal 21"), "UU 27/2022|Pasal 21||"),
        (ProvisionRef(None, "Pasal 4", "(1)"), "|Pasal 4|(1)|"),
        (ProvisionRef("UU 19/2016", "Pasal I", angka="3"), "UU 19/2016|Pasal I|||3"),
        (ProvisionRef(HOME, "Pasal 1", "(2)", angka="4", huruf="c"), "UU 27/2022|Pasal 1|(2)|c|4"),
    ],
)
def test_reference_key_round_trip(ref: ProvisionRef, key: str) -> None:
    assert reference_key(ref) == key
    assert parse_reference_key(key) == ref


@pytest.mark.parametrize("key", ["", "UU 27/2022", "UU 27/2022||(1)|", "a|b|c|d|e|f"])
def test_parse_reference_key_rejects_malformed(key: str) -> None:
    with pytest.raises(ValueError):
        parse_reference_key(key)


# ----------------------------------------------------------------------------- real text


@pytest.mark.shared
def test_uu_27_2022_pasal_57_ayat_1() -> None:
    source = REGULATIONS / "uu-27-2022.txt"
    if not REGULATIONS.is_dir() or not source.is_file():
        pytest.skip("../shared/regulations is absent")
    text = source.read_text(encoding="utf-8")
    m = re.search(r"^Pasal 57\s*\n\s*\(1\)(?P<body>.*?)\n\s*\(2\)", text, re.MULTILINE | re.DOTALL)
    assert m is not None, "Pasal 57 ayat (1) not found"
    refs = extract_references(m.group("body"), regulation=HOME, pasal="Pasal 57", ayat="(1)")
    got = {(r.pasal, r.ayat) for r in refs}
    expected = {
        ("Pasal 20", "(1)"), ("Pasal 21", ""), ("Pasal 24", ""), ("Pasal 25", "(2)"), ("Pasal 26", "(3)"),
        ("Pasal 27", ""), ("Pasal 28", ""), ("Pasal 29", ""), ("Pasal 30", ""), ("Pasal 31", ""),
        ("Pasal 32", "(1)"), ("Pasal 33", ""), ("Pasal 34", "(1)"), ("Pasal 35", ""), ("Pasal 36", ""),
        ("Pasal 37", ""), ("Pasal 38", ""), ("Pasal 39", "(1)"), ("Pasal 40", "(1)"), ("Pasal 41", "(1)"),
        ("Pasal 41", "(3)"), ("Pasal 42", "(1)"), ("Pasal 43", "(1)"), ("Pasal 44", "(1)"), ("Pasal 45", ""),
        ("Pasal 46", "(1)"), ("Pasal 46", "(3)"), ("Pasal 47", ""), ("Pasal 48", "(1)"), ("Pasal 49", ""),
        ("Pasal 51", "(1)"), ("Pasal 51", "(5)"), ("Pasal 52", ""), ("Pasal 53", "(1)"), ("Pasal 55", "(2)"),
        ("Pasal 56", "(2)"), ("Pasal 56", "(3)"), ("Pasal 56", "(4)"),
    }
    assert expected <= got
    assert got - expected == set()
    assert all(r.regulation == HOME for r in refs)
    # The sanction ayat (3) points back at ayat (2) huruf d of the same Pasal.
    m3 = re.search(r"^Pasal 57\s*\n.*?^\(3\)(?P<body>[^\n]*)", text, re.MULTILINE | re.DOTALL)
    assert m3 is not None
    assert extract_references(m3.group("body"), regulation=HOME, pasal="Pasal 57", ayat="(3)") == [
        ProvisionRef(HOME, "Pasal 57", "(2)", huruf="d")
    ]
