"""Indonesian stemming: forms of one word meet, words without affixes stay whole, on real texts."""

import re

import pytest

from assistant.index.lexical import LexicalIndex, tokenize
from assistant.index.stemming import stem_word
from tests.conftest import SHARED_REGULATIONS

# Forms of one root found in the five regulation texts, and the root they share.
FAMILIES = {
    "tetap": ("menetapkan", "ditetapkan", "penetapan"),
    "kelola": ("pengelolaan", "mengelola", "dikelola", "kelola"),
    "kendali": ("pengendali", "pengendalian", "kendali"),
    "terima": ("menerima", "penerimaan", "diterima"),
    "muat": ("memuat", "dimuat"),
    "milik": ("memiliki", "pemilik", "milik"),
    "nilai": ("menilai", "penilaian", "dinilai", "nilai"),
    "tanggap": ("menanggapi", "ditanggapi", "tanggapan"),
    "sah": ("pengesahan", "sah"),
    "sesuai": ("menyesuaikan", "penyesuaian", "sesuai"),
    "pakai": ("memakai", "dipakai", "pakai"),
    # a root behind a prefix that hides its first letter, or behind a suffix Snowball misreads
    "laku": ("berlaku", "berlakunya", "diberlakukan", "pelaku"),
    "rencana": ("perencanaan", "direncanakan", "rencana"),
    "rumus": ("perumusan", "dirumuskan", "merumuskan"),
    "tindak": ("tindakan", "tindak", "bertindak"),
    "nyata": ("menyatakan", "dinyatakan", "pernyataan"),
}


@pytest.mark.parametrize("root", sorted(FAMILIES))
def test_forms_of_one_root_meet(root):
    assert {stem_word(form) for form in FAMILIES[root]} == {root}


def test_words_without_affixes_stay_whole_and_apart():
    # each of these looks like an affixed word ("men-teri", "ke-pada", "per-angkat") but is a root
    for word in ("menteri", "kepada", "media", "berita", "perangkat", "pegawai", "kepala", "digital", "merit",
                 "perpres"):
        assert stem_word(word) == word
    assert tokenize("perangkat daerah") != tokenize("pengangkatan daerah")
    assert tokenize("media") != tokenize("dia")


def test_the_five_texts_use_the_families():
    """The families above are read from the real texts: each form occurs in at least one of them."""
    paths = sorted(SHARED_REGULATIONS.glob("*.txt"))
    if not paths:
        pytest.skip("../shared/regulations is absent")
    words = set()
    for path in paths:
        words |= set(re.findall(r"[a-z]+", path.read_text(encoding="utf-8").lower()))
    missing = [form for forms in FAMILIES.values() for form in forms if form not in words]
    assert len(missing) <= 3, missing  # a few forms come from elsewhere, the families are real


def test_bm25_finds_the_passive_from_the_active():
    index = LexicalIndex.build(
        ["a", "b"],
        ["Arsitektur SPBE Nasional ditetapkan oleh Presiden.", "Menteri menyusun peta rencana SPBE Nasional."],
    )
    assert index.search("siapa yang menetapkan arsitektur", k=1)[0][0] == "a"


def test_an_index_of_another_tokenizer_is_rebuilt_not_read(tmp_path):
    import json

    index = LexicalIndex.build(["a"], ["Pengendali data pribadi wajib menunjuk pejabat."])
    index.save(tmp_path / "bm25")
    manifest = tmp_path / "bm25" / LexicalIndex.MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert LexicalIndex.load(tmp_path / "bm25") is not None
    data["tokenizer"] = "older"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert LexicalIndex.load(tmp_path / "bm25") is None  # its terms would not meet the queries'
