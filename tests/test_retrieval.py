"""Hybrid retrieval over the mini corpus: fusion, filters, provision lookup."""

from __future__ import annotations

import pytest

from assistant.retrieval import HybridSearch, SearchFilters
from assistant.settings import RetrievalSettings


def test_fusion_min_max_and_rrf():
    score = HybridSearch(None, None, RetrievalSettings(fusion="score", dense_weight=0.5))
    fused = score.fuse({"a": 0.9, "b": 0.8, "c": 0.7}, {"c": 12.0, "d": 2.0})
    assert fused["a"] == pytest.approx(0.5)  # best dense, no lexical
    assert fused["c"] == pytest.approx(0.5)  # worst dense, best lexical
    assert fused["b"] == pytest.approx(0.25)
    assert fused["d"] == pytest.approx(0.0)

    rrf = HybridSearch(None, None, RetrievalSettings(fusion="rrf", rrf_k=60))
    fused = rrf.fuse({"a": 0.9, "b": 0.8}, {"b": 5.0, "a": 1.0, "c": 0.5})
    assert fused["a"] == pytest.approx(fused["b"])  # both ranks 1+2
    assert fused["c"] < fused["a"] and max(fused.values()) == pytest.approx(1.0)


def test_filters_parse_and_match():
    f = SearchFilters.parse(["type=regulation", "regulation=UU PDP", "year=2022"])
    assert f.regulations == ("UU 27/2022",)
    assert f.matches({"doc_type": "regulation", "short_name": "UU 27/2022", "tahun": "2022"})
    assert not f.matches({"doc_type": "note", "short_name": "UU 27/2022", "tahun": "2022"})
    assert f.chroma_where() == {"$and": [
        {"doc_type": {"$in": ["regulation"]}},
        {"$or": [{"short_name": {"$in": ["UU 27/2022"]}}, {"amends": {"$in": ["UU 27/2022"]}}]},
    ]}
    # A provision of another regulation that amends the named one belongs to it.
    assert f.matches({"doc_type": "regulation", "short_name": "UU 1/2030", "amends": "UU 27/2022", "tahun": "2022"})
    with pytest.raises(ValueError, match="pillar"):
        SearchFilters.parse(["pillar=speed"])
    with pytest.raises(ValueError, match="key=value"):
        SearchFilters.parse(["regulation"])
    with pytest.raises(ValueError, match="unknown regulation"):
        SearchFilters.parse(["regulation=Peraturan Tidak Ada"])


def test_hybrid_finds_the_right_pasal(mini_assistant):
    result = mini_assistant.retrieve("Berapa lama desa harus membuka kantor digital?", k=3)
    top = result.hits[0].metadata
    assert (top["short_name"], top["pasal"]) == ("Perpres 999/2099", "Pasal 2")
    assert 0 < result.hits[0].score <= 1 and result.top_dense > 0.5


def test_dense_alone_bridges_paraphrase(mini_assistant):
    # no word of Pasal 4 except "camat"-less paraphrase: the dense side must carry it
    hits = mini_assistant.search_engine.dense_hits("ke mana warga mengajukan keluhan", SearchFilters(), 3)
    chunks = mini_assistant.index.reader.chunks()
    assert chunks[max(hits, key=hits.get)].metadata["pasal"] == "Pasal 4"


def test_dense_search_is_exact_and_agrees_with_chroma(mini_assistant):
    index = mini_assistant.index.reader
    embeddings = mini_assistant.index.embeddings
    query = "kewajiban desa membuka kantor digital"
    vector = embeddings.embed_query(query)
    every = index.similarities(vector, list(index.chunks()))
    expected = sorted(every, key=lambda c: (-every[c], c))[:4]
    exact = mini_assistant.search_engine.dense_hits(query, SearchFilters(), 4, vector)
    assert list(exact) == expected
    assert exact == pytest.approx({c: every[c] for c in expected})
    speeches = {c for c, chunk in index.chunks().items() if chunk.metadata["doc_type"] == "speech"}
    only = index.nearest(vector, 50, allowed=speeches)
    assert set(only) == speeches

    # Past the limit the approximate Chroma index answers; on a small collection it finds the same.
    approximate = HybridSearch(index, embeddings, RetrievalSettings(exact_dense_limit=0))
    via_chroma = approximate.dense_hits(query, SearchFilters(), 4, vector)
    assert list(via_chroma)[0] == expected[0]
    assert via_chroma[expected[0]] == pytest.approx(every[expected[0]], abs=1e-4)


def test_filters_restrict_both_retrievers(mini_assistant):
    speech_only = SearchFilters(doc_types=("speech",))
    result = mini_assistant.retrieve("kewajiban desa membuka kantor digital", k=5, filters=speech_only)
    assert result.hits and all(h.metadata["doc_type"] == "speech" for h in result.hits)
    culture = SearchFilters(pillars=("culture",))
    result = mini_assistant.retrieve("rapat tanpa kertas", k=5, filters=culture)
    assert result.hits and all(h.metadata["pillar_culture"] for h in result.hits)
    year = SearchFilters(years=("2099",))
    assert all(mini_assistant.retrieve("layanan", k=5, filters=year).hits)
    none = SearchFilters(years=("1990",))
    assert mini_assistant.retrieve("layanan", k=5, filters=none).hits == []


def test_named_provision_goes_straight_to_it(mini_assistant):
    result = mini_assistant.retrieve("apa isi pasal 3 ayat 2 Perpres 999/2099?", k=4)
    assert result.direct
    first = result.hits[0]
    assert first.direct and first.metadata["pasal"] == "Pasal 3"
    definition = mini_assistant.retrieve("Pasal 1 angka 2 Perpres 999/2099", k=4).hits[0]
    assert definition.metadata["angka"] == "2" and "Petugas Gawai" in definition.chunk.text


def test_langchain_retriever_interface(mini_assistant):
    docs = mini_assistant.retriever(k=2).invoke("pelatihan keamanan siber petugas")
    assert len(docs) == 2
    assert docs[0].metadata["pasal"] == "Pasal 3" and docs[0].id
    assert "score" in docs[0].metadata


class _WordOverlapScorer:
    """A real (if simple) pair scorer: shared words between question and passage."""

    def score(self, query, passages):
        words = set(query.lower().split())
        return [len(words & set(p.lower().split())) for p in passages]


def test_rerank_stage_reorders_but_keeps_named_provisions_first(mini_assistant):
    from assistant.reranking import rerank

    result = mini_assistant.retrieve("Pasal 4 Perpres 999/2099 dan rapat tanpa kertas notulen", k=4)
    assert result.hits[0].direct
    reordered = rerank("notulen ditulis bersama rapat tanpa kertas", result.hits, _WordOverlapScorer(), 10)
    assert reordered[0].id == result.hits[0].id  # the named Pasal stays first
    assert "notulen" in reordered[1].chunk.text
    assert sorted(h.id for h in reordered) == sorted(h.id for h in result.hits)


def test_rerank_needs_a_model_name():
    from assistant.reranking import CrossEncoderScorer

    with pytest.raises(ValueError, match="RERANK_MODEL"):
        CrossEncoderScorer("")
