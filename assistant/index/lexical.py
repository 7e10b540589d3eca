"""The lexical (BM25) index over the same chunk ids as the vector store.

Tokenisation is Indonesian-aware: lower case, words and numbers kept (regulation numbers and
"132/2022" matter), common Indonesian and English function words dropped, and an optional
Indonesian stemmer (``stemming``). The index is always rebuilt whole from the vector store's
contents, so the two can never disagree about which chunks exist; an index saved by another
tokenizer (``TOKENIZER``) is not loaded but rebuilt, since its terms would not meet the queries'.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from assistant.index.stemming import stem_words

log = logging.getLogger(__name__)

#: Names the tokenisation an index was built with; raise it whenever ``tokenize`` changes its output.
TOKENIZER = "id-3"  # 2: Snowball stems checked against a dictionary of root words; 3: and affixes searched

_TOKEN_RE = re.compile(r"[0-9]+|[^\W\d_]+", re.UNICODE)

STOPWORDS_ID: frozenset[str] = frozenset(
    """
    yang dan di ke dari dalam untuk pada dengan atau oleh adalah ini itu tersebut sebagai
    akan telah sudah juga serta bagi secara tidak bukan ada apa apakah siapa bagaimana
    kapan mengapa berapa mana dapat harus bisa karena agar supaya sehingga namun tetapi jika
    kalau maka saat ketika hal para suatu sesuatu setiap semua seluruh lain lainnya
    tentang atas bawah antara hingga sampai sejak setelah sesudah kami kita saya anda mereka ia dia nya
    pun lah kah tak masih lebih sangat paling begitu demikian yaitu yakni adanya
    sebagaimana dimaksud
    bisa boleh mau ingin perlu saja sekarang kini sebenarnya sebetulnya memang kenapa gimana
    bagaimanakah apakah kami kamu punya selalu sering kadang tolong mohon pak bu bapak ibu
    dong sih kok deh ya tidak ga gak nggak enggak belum sudah lagi jadi buat biar
    seperti misalnya contoh contohnya hanya cuma banyak sedikit beberapa berbagai macam
    the a an of to in on for and or is are be by with what which who how when does do
    must shall under from at as that this these those it its
    """.split()
)


def tokenize(text: str, *, stem: bool = True) -> list[str]:
    """Lower-cased word and number tokens without stopwords (stemmed unless ``stem`` is False)."""
    words = [w for w in _TOKEN_RE.findall(text.lower()) if w not in STOPWORDS_ID]
    if stem:
        words = stem_words(words)
    return words


class LexicalIndex:
    """BM25 over chunk texts, persisted as a folder (bm25s arrays + the id list)."""

    MANIFEST = "manifest.json"

    def __init__(
        self,
        ids: Sequence[str],
        model: bm25s.BM25 | None,
        stem: bool = True,
        doc_freq: dict[str, int] | None = None,
    ):
        self.ids: list[str] = list(ids)
        self._model = model
        self.stem = stem
        self.doc_freq: dict[str, int] = doc_freq or {}
        self._pos = {cid: i for i, cid in enumerate(self.ids)}

    # -- building and persistence ------------------------------------------------------------
    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str], *, stem: bool = True) -> "LexicalIndex":
        if len(ids) != len(texts):
            raise ValueError("ids and texts differ in length")
        if not ids:
            return cls([], None, stem)
        tokenized = [tokenize(t, stem=stem) or ["_"] for t in texts]
        model = bm25s.BM25()
        model.index(tokenized, show_progress=False)
        doc_freq: dict[str, int] = {}
        for tokens in tokenized:
            for token in set(tokens):
                doc_freq[token] = doc_freq.get(token, 0) + 1
        return cls(ids, model, stem, doc_freq)

    def save(self, folder: Path) -> None:
        """Write atomically: into a new folder beside ``folder``, then renamed to it. A folder
        already there is moved aside under a name of its own first, so concurrent saves never
        share a temporary name and a reader never sees a half-written index."""
        folder = Path(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new.", dir=folder.parent))
        try:
            if self._model is not None:
                self._model.save(str(tmp), show_progress=False)
            (tmp / self.MANIFEST).write_text(
                json.dumps({"ids": self.ids, "stem": self.stem, "tokenizer": TOKENIZER, "doc_freq": self.doc_freq}), encoding="utf-8"
            )
            trash = None
            if folder.exists():
                trash = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
                os.replace(folder, trash / folder.name)
            os.replace(tmp, folder)
            if trash is not None:
                shutil.rmtree(trash, ignore_errors=True)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex | None":
        """The saved index, or None when there is none (or it is unreadable)."""
        manifest = Path(folder) / cls.MANIFEST
        if not manifest.exists():
            return None
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            if data.get("tokenizer") != TOKENIZER:
                log.info("lexical index at %s was built by another tokenizer; it will be rebuilt", folder)
                return None
            ids = data["ids"]
            model = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0) if ids else None
        except Exception as exc:  # a damaged folder is rebuilt by the caller
            log.warning("lexical index at %s unreadable (%s); it will be rebuilt", folder, exc)
            return None
        return cls(ids, model, bool(data.get("stem", True)), data.get("doc_freq"))

    # -- querying ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.ids)

    def idf(self, token: str) -> float:
        """Inverse document frequency of a (tokenized) term; a term no chunk has gets the most."""
        n = max(len(self.ids), 1)
        df = self.doc_freq.get(token, 0)
        return math.log((n - df + 0.5) / (df + 0.5) + 1.0)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for ``query`` (zeros when nothing matches)."""
        if self._model is None:
            return np.zeros(0, dtype=np.float32)
        tokens = [t for t in tokenize(query, stem=self.stem) if t in self._model.vocab_dict]
        if not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)

    def search(
        self, query: str, k: int, allowed_ids: set[str] | None = None
    ) -> list[tuple[str, float]]:
        """Top ``k`` (chunk id, score) with a positive score, optionally among ``allowed_ids``."""
        scores = self.scores(query)
        if scores.size == 0:
            return []
        if allowed_ids is not None:
            mask = np.zeros_like(scores)
            for cid in allowed_ids:
                pos = self._pos.get(cid)
                if pos is not None:
                    mask[pos] = 1.0
            scores = scores * mask
        top = np.argsort(-scores)[:k]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]


class LexicalGenerations:
    """The saved BM25 indexes of an index, one folder per generation (``<root>/g<N>``).

    A change saves the BM25 of its new contents as the next generation before the generation is
    raised; readers load the folder of the generation they read. Older folders are dropped once
    a newer one is published (the one before stays for readers still loading it)."""

    _FOLDER = re.compile(r"^g(\d+)$")

    def __init__(self, root: Path):
        self.root = Path(root)

    def folder(self, generation: int) -> Path:
        return self.root / f"g{generation}"

    def load(self, generation: int) -> LexicalIndex | None:
        return LexicalIndex.load(self.folder(generation))

    def save(self, generation: int, lexical: LexicalIndex) -> None:
        lexical.save(self.folder(generation))

    def has(self, generation: int) -> bool:
        return (self.folder(generation) / LexicalIndex.MANIFEST).is_file()

    def drop_before(self, generation: int) -> None:
        """Remove the folders of generations before ``generation`` and temporary folders of
        interrupted saves."""
        if not self.root.is_dir():
            return
        for folder in self.root.iterdir():
            m = self._FOLDER.match(folder.name)
            if (m and int(m.group(1)) < generation) or folder.name.startswith("."):
                shutil.rmtree(folder, ignore_errors=True)
