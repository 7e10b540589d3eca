"""The reader on regulations of ../shared/regulations/external (real files, real model, real Chroma)."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED_REGULATIONS, assistant_over

BPK = SHARED_REGULATIONS / "external" / "bpk-md"
# regional communication agencies (types A, B, C and their bidang); telecommunication (special networks);
# accreditation of ICT training institutions; certification of telecommunication devices (2024);
# IPTV; optimising the use of radio frequencies (refarming); technical requirements of contactless card readers
FILES = ("PERMENKOMINFO_2016_014.md", "PP_2000_052.md", "PERMENKOMINFO_2018_001.md", "PERMENKOMINFO_2024_003.md",
         "PERMENKOMINFO_2017_006.md", "PERMENKOMINFO_2019_005.md", "PERMENKOMINFO_2015_017.md")


@pytest.fixture(scope="module")
def external_assistant(tmp_path_factory):
    return assistant_over(tmp_path_factory, [BPK / name for name in FILES], "external-index")


def _answered(assistant, question: str) -> str:
    """The answer's text, after checking that the question was answered (not declined)."""
    answer = assistant.ask(question)
    assert not answer.abstained, answer.text
    return answer.text


@pytest.mark.shared
def test_a_value_of_another_class_does_not_answer_for_the_class_asked(external_assistant) -> None:
    from assistant.answering.asks import analyse_question
    from assistant.answering.reader import read
    from assistant.retrieval import ScoredChunk

    # Permenkominfo 14/2016 Pasal 15: Dinas kabupaten/kota tipe A at most 4 bidang, tipe B 3, tipe C 2
    hits = [ScoredChunk(c, 0.9) for c in external_assistant.index.reader.chunks().values()
            if c.metadata.get("pasal") == "Pasal 15" and c.metadata.get("part") == "batang_tubuh"]
    assert hits
    settings = external_assistant.settings.answer
    idf = external_assistant.index.reader.lexical().idf
    for asked, value in (("tipe C", "2 (dua)"), ("tipe B", "3 (tiga)")):
        question = f"Dinas kominfo kabupaten kami akan menjadi {asked}. Berapa bidang paling banyak yang boleh dibentuk?"
        reading = read(analyse_question(question), hits, settings, idf=idf)
        span = reading.findings[0].span
        assert asked in span and value in span, (question, span)
    # a class the Pasal does not have: no figure of another class answers for it
    reading = read(analyse_question("Kalau dinas kami tipe D, berapa bidang paling banyak yang boleh dibentuk?"), hits,
                   settings, idf=idf)
    assert not reading.answered, reading.findings[0].span
    answer = external_assistant.ask("Dinas kominfo kota kami sekarang tipe B. Kalau nanti menjadi tipe C, berapa "
                                    "bidang paling banyak yang boleh dibentuk?")
    assert "Pasal 15 ayat (3) Permenkominfo 14/2016" in answer.text, answer.text


@pytest.mark.shared
def test_a_scenario_told_before_the_question_does_not_decide_what_is_asked(external_assistant) -> None:
    # PP 52/2000 Pasal 43 ayat (2): when a special network for a government agency may be run. The
    # scenario's regional government is who asks; the question asks about "instansi pemerintah".
    text = _answered(external_assistant, "Pemkab kami ingin membangun jaringan radio sendiri untuk kantor-kantor "
                     "kecamatan di daerah terpencil. Dengan syarat apa instansi pemerintah boleh menyelenggarakan "
                     "telekomunikasi khusus untuk keperluannya sendiri?")
    assert "Pasal 43 ayat (2) PP 52/2000" in text.split("**Sumber**")[-1], text


@pytest.mark.shared
def test_an_english_question_reaches_the_pasal_through_the_words_indonesian_took_over(external_assistant) -> None:
    # Permenkominfo 1/2018 Pasal 23 ayat (2): the accreditation procedure within 6 (enam) bulan of the upload
    text = _answered(external_assistant, "Our training centre has uploaded its data. Within what period must the "
                     "accreditation procedure be carried out?")
    assert "6 (enam) bulan" in text.split("\n\n")[0], text
    assert "Pasal 23 ayat (2) Permenkominfo 1/2018" in text, text


@pytest.mark.shared
def test_the_year_of_the_regulation_asked_about_is_not_a_year_the_value_must_be_of(external_assistant) -> None:
    # Permenkominfo 3/2024 Pasal 46 and 48: the administrative sanctions for devices below the technical standards
    text = _answered(external_assistant, "What administrative sanctions apply under the 2024 ministerial regulation "
                     "on telecommunication device certification to imported equipment that does not meet the "
                     "technical standards?")
    assert "sanksi administratif" in text.split("\n\n")[0] and "Permenkominfo 3/2024" in text, text


@pytest.mark.shared
def test_a_portion_asked_for_is_answered_by_a_percentage(external_assistant) -> None:
    # Permenkominfo 6/2017 Pasal 17: at least 10% of channel capacity, 30% of the content library
    text = _answered(external_assistant, "Untuk layanan multimedia IPTV, berapa porsi paling rendah koleksi konten "
                                         "yang harus berupa konten produksi dalam negeri?")
    first = text.splitlines()[0]
    assert "30%" in first and "Pasal 17" in text, text


@pytest.mark.shared
def test_a_value_in_a_list_item_is_about_what_the_lead_in_names(external_assistant) -> None:
    # Permenkominfo 5/2019 Pasal 9 ayat (2): "Refarming ... dilaksanakan dengan ketentuan ...: a. dilakukan
    # dalam jangka waktu paling lama 1 (satu) tahun;" (the item does not name refarming itself)
    text = _answered(external_assistant, "Berapa lama paling lama penataan ulang (refarming) pemegang izin pita "
                                         "frekuensi radio boleh berlangsung?")
    first = text.splitlines()[0]
    assert "1 (satu) tahun" in first and "Pasal 9 ayat (2)" in text, text


@pytest.mark.shared
def test_a_value_of_another_provision_does_not_answer_for_the_provision_asked(external_assistant) -> None:
    # Permenkominfo 1/2018 Pasal 29: the Kepala Balitbang SDM forms a tim audit akreditasi and says who is in
    # it, not how many; other bodies of the same regulation have a minimum of 3 (tiga) orang
    answer = external_assistant.ask("Tim audit akreditasi lembaga pelatihan TIK harus beranggotakan paling "
                                    "sedikit berapa orang?")
    assert answer.abstained and "3 (tiga) orang" not in answer.text.split("\n\n")[0], answer.text
    assert "tidak disebutkan" in answer.text
    # the bodies whose own provision states the number are answered with it
    for question in ("Penilai akreditasi lembaga pelatihan berjumlah paling sedikit berapa orang?",
                     "Anggota penjamin mutu lembaga pelatihan paling sedikit berapa orang?"):
        text = _answered(external_assistant, question)
        assert "paling sedikit 3 (tiga) orang" in text.split("\n\n")[0], text


@pytest.mark.shared
def test_a_measure_written_with_its_symbol_answers_how_far(external_assistant) -> None:
    # Permenkominfo 17/2015 Lampiran: "... dalam jarak paling jauh 10 cm"; "berapa alat itu" points back to
    # the device, it does not ask for a number of devices
    text = _answered(external_assistant, "Kantor kami akan membeli alat pembaca kartu cerdas nirkontak. Pada jarak "
                                         "paling jauh berapa alat itu dapat bertransaksi dengan kartu?")
    assert "10 cm" in text.split("\n\n")[0], text
    assert "10 cm. c." not in text, text  # the letter of the next headed item opens that item's unit
