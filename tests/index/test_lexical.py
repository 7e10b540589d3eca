"""BM25 over Indonesian text: tokenisation, ranking, filtering, persistence."""

from assistant.index.lexical import LexicalIndex, tokenize


def test_tokenize_drops_stopwords_and_keeps_numbers():
    tokens = tokenize("Apa kewajiban instansi pusat dalam Pasal 5 Perpres 132/2022?", stem=False)
    assert "apa" not in tokens and "dalam" not in tokens
    assert {"kewajiban", "instansi", "5", "132", "2022"} <= set(tokens)


def test_stemming_matches_inflected_forms():
    assert tokenize("pelayanan") == tokenize("layanan") == tokenize("melayani")
    assert tokenize("pemberitahuan") == tokenize("memberitahukan")
    assert tokenize("pelayanan", stem=False) != tokenize("layanan", stem=False)


TEXTS = {
    "pdp": "Pengendali data pribadi wajib memberitahukan kegagalan pelindungan data pribadi paling lambat 3 x 24 jam.",
    "asn": "Pegawai ASN terdiri atas PNS dan PPPK yang diangkat oleh pejabat pembina kepegawaian.",
    "spbe": "Arsitektur SPBE Nasional disusun untuk jangka waktu 5 tahun dan dievaluasi.",
}


def test_ranking_filter_and_roundtrip(tmp_path):
    index = LexicalIndex.build(list(TEXTS), list(TEXTS.values()))
    top = index.search("berapa jam batas pemberitahuan kegagalan data pribadi", k=3)
    assert top[0][0] == "pdp"
    assert all(score > 0 for _, score in top)
    assert index.search("kegagalan data pribadi", k=3, allowed_ids={"asn", "spbe"}) == []
    index.save(tmp_path / "bm25")
    again = LexicalIndex.load(tmp_path / "bm25")
    assert again is not None and again.ids == index.ids
    assert again.search("PNS dan PPPK", k=1)[0][0] == "asn"


def test_load_missing_or_damaged(tmp_path):
    assert LexicalIndex.load(tmp_path / "nothing") is None
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "manifest.json").write_text("{not json")
    assert LexicalIndex.load(tmp_path / "bad") is None


def test_empty_index_searches_nothing(tmp_path):
    index = LexicalIndex.build([], [])
    assert index.search("apa saja", k=5) == []
