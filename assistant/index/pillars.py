"""Pillar tags: which of the three pillars of digital leadership a passage concerns.

- structure (struktur digital): governance, architecture, infrastructure, applications, data,
  security, rules and the bodies that run them;
- competence (kompetensi digital): the skills and capacity of the people;
- culture (budaya digital): ways of working, values and habits.

Each pillar is described by a few sentences and a list of its terms, written here. A passage's
score for a pillar is how much closer its embedding is to that pillar's description than to the
three descriptions on average, plus a small weight per term of the pillar it holds; it carries the
pillar from a threshold (``PillarSettings``: weight, cap and thresholds chosen on the dev half of
``eval/pillar_labels.jsonl`` with eval/pillar_tags.py). The tags are computed
at ingest from the vectors the index stores anyway; a document's own front matter
(``pillars: [...]``) is added to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.documents.model import PILLARS
from assistant.index.lexical import tokenize
from assistant.settings import PillarSettings

DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "structure": (
        "tata kelola SPBE, arsitektur SPBE, peta rencana, infrastruktur, pusat data, jaringan intra pemerintah",
        "aplikasi umum, interoperabilitas, integrasi layanan, keamanan sistem elektronik dan data",
        "kelembagaan, tim koordinasi, peraturan, standar, anggaran, dan evaluasi penyelenggaraan sistem pemerintahan",
        "kewajiban instansi menetapkan, membangun, dan mengelola sistem, data, dan layanan elektronik",
    ),
    "competence": (
        "kompetensi dan keterampilan digital aparatur sipil negara, pelatihan dan pengembangan kapasitas pegawai",
        "sumber daya manusia, manajemen talenta, sistem merit, sertifikasi keahlian, literasi digital",
        "kemampuan pemimpin dan pegawai memahami serta memanfaatkan teknologi informasi",
    ),
    "culture": (
        "budaya kerja digital, pola pikir, nilai, dan kebiasaan aparatur dalam bekerja",
        "kolaborasi, berbagi pakai, kerja tanpa kertas, keterbukaan informasi, dan pelibatan masyarakat",
        "inovasi, perubahan cara kerja, orientasi pelayanan kepada warga, etika dan perilaku pegawai",
    ),
}


TERMS: dict[str, tuple[str, ...]] = {
    "structure": ("arsitektur", "infrastruktur", "aplikasi", "pusat data", "jaringan", "interoperabilitas", "integrasi",
                  "keamanan", "sistem elektronik", "tata kelola", "kelembagaan", "regulasi", "anggaran", "standar",
                  "indeks", "tim koordinasi", "platform", "portal", "sertifikat elektronik", "domain",
                  "manajemen risiko", "basis data", "server", "peta rencana", "layanan elektronik",
                  "sistem informasi", "satu data", "data"),
    "competence": ("kompetensi", "keterampilan", "keahlian", "pelatihan", "pendidikan", "kapasitas", "talenta", "merit",
                   "sertifikasi", "literasi", "sumber daya manusia", "sdm", "kualifikasi", "jabatan fungsional",
                   "seleksi", "promosi", "pengembangan karier", "profesional", "kurikulum", "belajar", "cakap",
                   "mahir", "bimbingan teknis"),
    "culture": ("budaya", "pola pikir", "mindset", "nilai", "kebiasaan", "kolaborasi", "berbagi pakai", "tanpa kertas",
                "keterbukaan", "transparan", "partisipasi", "pelibatan", "inovasi", "cara kerja", "etika", "perilaku",
                "integritas", "melayani", "orientasi", "perubahan", "kode etik", "gotong royong", "akuntabel", "agile",
                "pola kerja"),
}


@lru_cache(maxsize=1)
def _term_tokens() -> dict[str, tuple[frozenset[str], ...]]:
    return {p: tuple(frozenset(tokenize(t)) for t in TERMS[p]) for p in PILLARS}


def term_hits(text: str) -> np.ndarray:
    """How many of each pillar's terms ``text`` holds (in the order of ``PILLARS``)."""
    tokens = set(tokenize(text))
    return np.array([sum(1 for term in _term_tokens()[p] if term and term <= tokens) for p in PILLARS], np.float32)


class PillarTagger:
    """Tags passage vectors with the pillars they are close to."""

    def __init__(self, embeddings: Embeddings, settings: PillarSettings):
        self.settings = settings
        self._embeddings = embeddings
        self._prototypes: np.ndarray | None = None

    @property
    def prototypes(self) -> np.ndarray:
        """One unit vector per pillar (rows in the order of ``PILLARS``)."""
        if self._prototypes is None:
            rows = []
            for pillar in PILLARS:
                vectors = np.asarray(self._embeddings.embed_documents(list(DESCRIPTIONS[pillar])), dtype=np.float32)
                mean = vectors.mean(axis=0)
                rows.append(mean / np.linalg.norm(mean))
            self._prototypes = np.vstack(rows)
        return self._prototypes

    def scores(self, vectors: Sequence[Sequence[float]], texts: Sequence[str]) -> np.ndarray:
        """Each passage's score for each pillar (n x 3): closeness to the pillar's description
        above its mean closeness to the three, plus the weight of the pillar's terms it holds."""
        matrix = np.asarray(vectors, dtype=np.float32)
        if matrix.size == 0:
            return np.zeros((0, len(PILLARS)), np.float32)
        closeness = matrix @ self.prototypes.T
        relative = closeness - closeness.mean(axis=1, keepdims=True)
        hits = np.vstack([term_hits(t) for t in texts])
        return relative + self.settings.term_weight * np.minimum(hits, self.settings.term_cap)

    def tags(self, vectors: Sequence[Sequence[float]], texts: Sequence[str]) -> list[tuple[str, ...]]:
        thresholds = np.array([self.settings.thresholds[p] for p in PILLARS], dtype=np.float32)
        return [tuple(p for p, hit in zip(PILLARS, row >= thresholds) if hit) for row in self.scores(vectors, texts)]
