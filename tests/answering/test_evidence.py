"""The evidence gate's terms: which words of a question are held against the passages."""

from __future__ import annotations

from assistant.answering.evidence import question_terms
from assistant.index.lexical import LexicalIndex, tokenize


def _index() -> LexicalIndex:
    texts = ["Pengendali Data Pribadi wajib menyesuaikan dengan ketentuan pemrosesan Data Pribadi paling lama 2 (dua) "
             "tahun sejak Undang-Undang ini diundangkan.",
             "Ketentuan peralihan berlaku bagi pemrosesan yang sedang berjalan."]
    return LexicalIndex.build(["a", "b"], texts)


def test_an_everyday_word_the_sources_never_use_is_asked_through_its_statutory_equivalent() -> None:
    terms = question_terms("UU PDP kasih masa transisi buat instansi menyesuaikan diri sampai kapan?", "id", _index())
    assert not set(tokenize("kasih transisi")) & set(terms)  # not held against the passages
    assert set(tokenize("peralihan memberikan")) <= set(terms)  # their statutory words are


def test_a_specific_word_the_sources_never_use_still_counts_against_them() -> None:
    terms = question_terms("Berapa tahun masa retensi data pribadi?", "id", _index())
    assert set(tokenize("retensi")) <= set(terms)
