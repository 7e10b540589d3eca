"""Query terms added for BM25: English domain words and everyday Indonesian mapped to the
words the regulations use."""

from __future__ import annotations

from assistant.index.bilingual import expand_for_lexical, expansion_terms, indonesian_terms
from assistant.retrieval import SearchFilters


def test_longest_english_phrase_wins():
    assert indonesian_terms("Which priority applications must launch first?").startswith("aplikasi spbe prioritas")
    assert "rencana induk" in indonesian_terms("the SPBE master plan")


def test_inflected_english_words_match_their_entry():
    assert "menugaskan" in indonesian_terms("Which company was assigned the work?")
    assert "pensiun" in indonesian_terms("When does a senior official retire?")
    assert "pensiun" in indonesian_terms("At what age are officials retired?")
    assert "meluncurkan" in indonesian_terms("launching the portal")


def test_no_match_inside_another_word():
    # "age" is not in "page" or "agencies"; "plan" is not in "planet"
    terms = indonesian_terms("the page lists agencies on the planet")
    assert "usia" not in terms and "rencana" not in terms
    assert "instansi" in terms


def test_everyday_indonesian_maps_to_statutory_words():
    assert "kegagalan pelindungan data pribadi" in expansion_terms("data warga bocor")
    assert "pemerintah daerah" in expansion_terms("kewajiban pemda")
    assert expansion_terms("Apa tugas walidata?") == ""
    assert expand_for_lexical("Apa tugas walidata?") == "Apa tugas walidata?"


def test_english_question_reaches_the_indonesian_pasal_by_bm25(mini_assistant):
    hits = mini_assistant.search_engine.lexical_hits(
        "Within how many days can residents complain to the camat about the village digital office?", SearchFilters(), 3
    )
    chunks = mini_assistant.index.reader.chunks()
    best = max(hits, key=hits.get)
    assert chunks[best].metadata["pasal"] == "Pasal 4"


def test_english_words_of_commerce_telecommunications_and_electronic_information_reach_statutory_terms():
    assert "pembatalan" in expansion_terms("Can buyers cancel an online purchase?")
    assert "penjual" in expansion_terms("How long must sellers keep the goods?")
    assert "spektrum frekuensi radio" in expansion_terms("Who pays the spectrum fee?")
    assert "perjudian" in expansion_terms("Is sharing gambling content prohibited?")
    assert "tahun anggaran" in expansion_terms("From which budget year is it funded?")
    # an English name inside an Indonesian question is not a term to translate
    assert "sistem elektronik" not in expansion_terms("SPBE disebut fondasi Government as a Platform")


def test_abbreviations_of_administration_are_written_out():
    assert "standar operasional prosedur" in expansion_terms("Apa isi minimal SOP yang disusun pemda?")
    assert "badan usaha milik daerah" in expansion_terms("Apakah BUMD boleh menjadi penyelenggara?")


def test_english_words_indonesian_took_over_are_read_in_their_indonesian_form():
    from assistant.index.bilingual import cognates

    assert cognates("Within what period must the accreditation be completed?") == ["akreditasi"]
    # a word the glossary translates is read as it says ("regulation" is "peraturan", not "regulasi")
    assert cognates("under the ministerial regulation") == []
    assert cognates("certification of the technical quality and integrity") == [
        "sertifikasi", "teknis", "kualitas", "integritas"]
    # only forms the dictionary of Indonesian roots holds; Indonesian words are left alone
    assert cognates("the nation and the station") == []
    assert cognates("prosedur akreditasi organisasi") == []
    assert "akreditasi" in expansion_terms("How long does accreditation take?")
