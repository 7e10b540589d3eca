"""Questions that ask for a value (an amount, a duration, an index, a place) and whether the
passages hold one next to the question's own terms."""

from __future__ import annotations

import pytest

from assistant.answering.answer_type import AnswerType, expected_answer_type, missing_answer_type


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Berapa besaran tunjangan kinerja pegawai golongan III?", AnswerType.MONEY),
        ("Berapa batas tertinggi denda administratif dalam UU PDP?", AnswerType.MONEY),
        ("Anggaran program SPBE tahun depan berapa?", AnswerType.MONEY),
        ("How much is the fee for a new identity card?", AnswerType.MONEY),
        ("What is the budget ceiling for the assignment?", AnswerType.MONEY),
        ("Berapa lama cuti yang boleh diambil?", AnswerType.DURATION),
        ("Dalam berapa hari aduan wajib ditanggapi?", AnswerType.DURATION),
        ("How long may the data be kept?", AnswerType.DURATION),
        ("Berapa indeks SPBE Kota Balikpapan tahun 2022?", AnswerType.INDEX_VALUE),
        ("Kabupaten mana yang predikatnya Kurang?", AnswerType.PLACE),
        ("Paling lambat kapan pemerintah daerah menetapkan Arsitektur SPBE?", AnswerType.DEADLINE),
        ("Sampai kapan urusan tenaga honorer harus selesai?", AnswerType.DEADLINE),
        ("By when must agencies adopt their architecture?", AnswerType.DEADLINE),
        # "kapan" alone is often answered by a condition ("sebelum memproses data"), not a date
        ("Kapan instansi wajib melakukan penilaian dampak?", None),
        ("Which provinces scored Sangat Baik?", AnswerType.PLACE),
        # Yes/no and open questions expect no particular value.
        ("Apakah warga dikenai biaya saat meminta salinan datanya?", None),
        ("Can a provider charge citizens a fee for a complaint?", None),
        ("Apa yang dimaksud dengan indeks SPBE?", None),
        ("Siapa ketua Tim Koordinasi SPBE Nasional?", None),
    ],
)
def test_expected_answer_type(question, expected):
    assert expected_answer_type(question) is expected


def test_amount_next_to_the_question_terms_answers():
    passages = ["Tunjangan kinerja pegawai golongan III ditetapkan sebesar Rp5.000.000 setiap bulan."]
    assert missing_answer_type("Berapa besaran tunjangan kinerja pegawai golongan III?", passages) is None


def test_topic_without_an_amount_does_not_answer():
    passages = [
        "Pegawai berhak atas tunjangan kinerja sesuai capaian kinerjanya. Ketentuan lebih lanjut diatur "
        "dengan peraturan menteri.",
        "Pasal 12 ayat (3) berlaku bagi jabatan fungsional.",
    ]
    question = "Berapa besaran tunjangan kinerja pegawai golongan III?"
    assert missing_answer_type(question, passages) is AnswerType.MONEY


def test_a_number_in_an_unrelated_sentence_does_not_answer():
    passages = ["Denda kendaraan diatur terpisah. Anggaran rapat tahun lalu Rp2 miliar untuk konsumsi."]
    assert missing_answer_type("Berapa tarif pajak kendaraan bermotor?", passages) is AnswerType.MONEY


def test_a_free_service_answers_how_much_it_costs():
    passages = ["Biaya pelayanan penerbitan dokumen kependudukan dibebankan kepada negara."]
    assert missing_answer_type("Berapa biaya penerbitan dokumen kependudukan?", passages) is None
    passages = ["Pemeriksaan pengaduan tidak dipungut biaya."]
    assert missing_answer_type("Berapa biaya pemeriksaan pengaduan?", passages) is None


def test_durations_in_words_and_hours_count():
    passages = ["Pengendali wajib memberitahukan kegagalan pelindungan data paling lambat 3 x 24 jam."]
    assert missing_answer_type("Berapa lama pengendali harus memberitahukan kegagalan itu?", passages) is None
    passages = ["Pengaduan ditanggapi paling lama 14 (empat belas) hari sejak diterima."]
    assert missing_answer_type("Dalam berapa hari pengaduan ditanggapi?", passages) is None


def test_deadlines_are_years_months_or_periods():
    question = "Paling lambat kapan pemerintah daerah menetapkan Arsitektur SPBE?"
    assert missing_answer_type(question, ["Pemerintah daerah menetapkan Arsitektur SPBE paling lambat tahun 2023."]) is None
    assert missing_answer_type(question, ["Arsitektur SPBE ditetapkan pemerintah daerah paling lambat 1 (satu) tahun "
                                          "sejak Arsitektur SPBE Nasional ditetapkan."]) is None
    assert missing_answer_type(question, ["Pemerintah daerah menetapkan Arsitektur SPBE dengan keputusan kepala "
                                          "daerah."]) is AnswerType.DEADLINE


def test_an_index_value_must_be_about_the_place_named():
    passages = [
        "Kota Balikpapan memperoleh indeks SPBE 3,05 pada 2022. "
        "Provinsi Kalimantan Timur berpredikat SPBE Baik pada 2024."
    ]
    assert missing_answer_type("Berapa indeks SPBE Kota Balikpapan?", passages) is None
    assert missing_answer_type("Berapa indeks SPBE Provinsi Kalimantan Timur?", passages) is AnswerType.INDEX_VALUE


def test_place_questions_need_a_place_of_the_level_asked():
    counts_only = ["Provinsi Kalimantan Timur berpredikat Baik; tiga kabupaten Cukup dan satu kabupaten Kurang."]
    named = ["Kabupaten Mahakam Ulu masih berpredikat Kurang pada evaluasi itu."]
    question = "Kabupaten mana yang predikat SPBE-nya Kurang?"
    assert missing_answer_type(question, counts_only) is AnswerType.PLACE
    assert missing_answer_type(question, named) is None


def test_questions_without_an_expected_value_always_pass():
    assert missing_answer_type("Apa tugas Petugas Gawai?", ["Tidak ada angka di sini."]) is None


def test_a_follow_up_asks_what_its_own_question_word_asks():
    standalone = "Berapa predikat SAKIP Kalimantan Timur — Kalau indeks SPBE-nya bagaimana?"
    passages = ["Provinsi Kalimantan Timur berpredikat SPBE Baik pada 2024."]
    # "bagaimana" asks for a description, not for a number: the earlier "berapa" does not carry over
    assert missing_answer_type(standalone, passages, asked="Kalau indeks SPBE-nya bagaimana?") is None
    # an elliptical follow-up asks what the question it continues asked
    standalone = "Berapa indeks SPBE Kota Balikpapan tahun 2022 — Kalau Kota Samarinda?"
    passages = ["Kota Balikpapan memperoleh indeks SPBE 3,05 pada 2022."]
    assert missing_answer_type(standalone, passages, asked="Kalau Kota Samarinda?") is AnswerType.INDEX_VALUE

