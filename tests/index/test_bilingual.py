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
