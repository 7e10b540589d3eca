"""Short names, aliases, provision references and citation strings."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.documents.names import (
    ALIASES,
    ProvisionRef,
    find_provision_references,
    format_citation,
    normalize_regulation_name,
    parse_jenis,
    short_name,
)
from assistant.documents.model import empty_metadata


@pytest.mark.parametrize(
    ("jenis", "nomor", "tahun", "expected"),
    [
        ("Undang-Undang", "27", "2022", "UU 27/2022"),
        ("Peraturan Pemerintah", 71, 2019, "PP 71/2019"),
        ("Peraturan Presiden", "132", "2022", "Perpres 132/2022"),
        ("Instruksi Presiden", "3", "2003", "Inpres 3/2003"),
        ("Keputusan Presiden", "7", "2021", "Keppres 7/2021"),
        ("Peraturan Pemerintah Pengganti Undang-Undang", "2", "2022", "Perppu 2/2022"),
        ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "59", "2020",
         "PermenPANRB 59/2020"),
        ("Permen PANRB", "59", "2020", "PermenPANRB 59/2020"),
        ("Peraturan Daerah Kota Bandung", "1", "2024", "Perda Kota Bandung 1/2024"),
        ("UU", "020", "2023", "UU 20/2023"),
    ],
)
def test_short_name(jenis: str, nomor: str, tahun: str, expected: str) -> None:
    assert short_name(jenis, nomor, tahun) == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("PERATURAN PRESIDEN REPUBLIK INDONESIA", "Peraturan Presiden"),
        ("UNDANG-UNDANG REPUBLIK INDONESIA", "Undang-Undang"),
        ("PERATURAN PEMERINTAH PENGGANTI UNDANG-UNDANG REPUBLIK INDONESIA",
         "Peraturan Pemerintah Pengganti Undang-Undang"),
        ("PERATURAN MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI REPUBLIK INDONESIA",
         "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"),
        ("PERATURAN DAERAH KOTA BANDUNG", "Peraturan Daerah Kota Bandung"),
        ("INSTRUKSI PRESIDEN REPUBLIK INDONESIA", "Instruksi Presiden"),
        ("PELAYANAN PUBLIK", None),
    ],
)
def test_parse_jenis(heading: str, expected: str | None) -> None:
    assert parse_jenis(heading) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("uu 27/2022", "UU 27/2022"),
        ("UU No. 27 Tahun 2022", "UU 27/2022"),
        ("Perpres 132 tahun 2022", "Perpres 132/2022"),
        ("Peraturan Presiden Nomor 132 Tahun 2022 tentang Arsitektur SPBE Nasional", "Perpres 132/2022"),
        ("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", "UU 25/2009"),
        ("UU PDP", "UU 27/2022"),
        ("uu pelindungan data pribadi", "UU 27/2022"),
        ("UU ASN", "UU 20/2023"),
        ("UU Pelayanan Publik", "UU 25/2009"),
        ("Perpres SPBE", "Perpres 95/2018"),
        ("Perpres Arsitektur SPBE", "Perpres 132/2022"),
        ("Perpres Satu Data", "Perpres 39/2019"),
        ("Perpres SDI", "Perpres 39/2019"),
        ("Perpres Percepatan Transformasi Digital", "Perpres 82/2023"),
        ("PermenPANRB Evaluasi SPBE", "PermenPANRB 59/2020"),
        ("Permenpan RB No 59 Tahun 2020", "PermenPANRB 59/2020"),
        ("PP 71/2019", "PP 71/2019"),
        ("Perda Kota Bandung Nomor 1 Tahun 2024", "Perda Kota Bandung 1/2024"),
        ("rapat koordinasi pelayanan", None),
    ],
)
def test_normalize_regulation_name(text: str, expected: str | None) -> None:
    assert normalize_regulation_name(text) == expected


def test_aliases_point_to_canonical_short_names() -> None:
    for alias, target in ALIASES.items():
        assert normalize_regulation_name(target) == target, alias


def test_find_provision_references() -> None:
    text = (
        "Lihat Pasal 3 Perpres 132/2022, lalu pasal 5 ayat 2 UU PDP dan Pasal 5 ayat (2) UU 27/2022; "
        "definisi ada di Pasal 1 angka 2 Undang-Undang Nomor 20 Tahun 2023. "
        "Pasal 6 dan Pasal 7 UU ASN juga relevan, seperti Pasal 9."
    )
    refs = find_provision_references(text)
    assert refs == [
        ProvisionRef("Perpres 132/2022", "Pasal 3"),
        ProvisionRef("UU 27/2022", "Pasal 5", "(2)"),
        ProvisionRef("UU 27/2022", "Pasal 5", "(2)"),
        ProvisionRef("UU 20/2023", "Pasal 1", angka="2"),
        ProvisionRef("UU 20/2023", "Pasal 6"),
        ProvisionRef("UU 20/2023", "Pasal 7"),
        ProvisionRef(None, "Pasal 9"),
    ]
    assert refs[1].citation() == "Pasal 5 ayat (2) UU 27/2022"


def _meta(**values: object) -> dict:
    meta = empty_metadata()
    meta.update(values)
    return meta


def test_format_citation_regulations() -> None:
    assert format_citation(_meta(doc_type="regulation", short_name="Perpres 132/2022", part="batang_tubuh",
                                 pasal="Pasal 3", ayat="(5)")) == "Pasal 3 ayat (5) Perpres 132/2022"
    assert format_citation(_meta(doc_type="regulation", short_name="UU 27/2022", part="batang_tubuh",
                                 pasal="Pasal 1", angka="2")) == "Pasal 1 angka 2 UU 27/2022"
    assert format_citation(_meta(doc_type="regulation", short_name="UU 27/2022", part="penjelasan",
                                 pasal="Pasal 5")) == "Penjelasan Pasal 5 UU 27/2022"
    assert format_citation(_meta(doc_type="regulation", short_name="UU 27/2022", part="penjelasan",
                                 section="Penjelasan Umum")) == "Penjelasan Umum UU 27/2022"
    assert format_citation(_meta(doc_type="regulation", short_name="Perpres 132/2022", part="lampiran",
                                 pasal="Lampiran", section="BAB II Arah Kebijakan dan Strategi")) == (
        "Lampiran Perpres 132/2022 (BAB II Arah Kebijakan dan Strategi)"
    )
    assert format_citation(_meta(doc_type="regulation", short_name="UU 27/2022", part="pembukaan",
                                 section="Menimbang")) == "Menimbang UU 27/2022"


def test_format_citation_speech_and_note() -> None:
    speech = _meta(doc_type="speech", speaker="Abdullah Azwar Anas",
                   event="Rapat Koordinasi Administrasi Pembangunan se-Kalimantan Timur", date="2024-03-05")
    assert format_citation(speech) == (
        "Abdullah Azwar Anas, Rapat Koordinasi Administrasi Pembangunan se-Kalimantan Timur, 5 Maret 2024"
    )
    assert format_citation(_meta(doc_type="speech", speaker="A", date=dt.date(2023, 2, 27))) == "A, 27 Februari 2023"
    note = _meta(doc_type="note", title="Catatan SPBE", section="Domain Arsitektur")
    assert format_citation(note) == "Catatan SPBE — Domain Arsitektur"
