"""The read side of the index: a snapshot of the last finished change, and the searches on it.

Readers never wait for a writer. They query a snapshot (chunks, vectors, BM25) of one index
generation; before each query ``refresh`` compares that generation with the collection's, so a
change made by this process, the CLI, the admin tab or another app instance is taken up at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.index.lexical import LexicalGenerations, LexicalIndex
from assistant.index.store import ChunkStore
from assistant.index.write_lock import IndexBusy, WriteLock

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as held in the index: its id, the passage text and its metadata."""

    id: str
    text: str
    metadata: dict[str, Any]


def passage_text(page_content: str, metadata: dict[str, Any]) -> str:
    """The passage without the breadcrumb line that was embedded with it."""
    crumb = str(metadata.get("breadcrumb", ""))
    if crumb and page_content.startswith(crumb + "\n"):
        return page_content[len(crumb) + 1 :]
    return page_content


@dataclass
class Snapshot:
    """What queries read: the index as of one generation."""

    generation: int
    chunks: dict[str, StoredChunk]
    position: dict[str, int]  # chunk id -> row of ``matrix``
    matrix: np.ndarray
    ids: list[str]  # row i of the matrix is the vector of ids[i]
    lexical: LexicalIndex | None = None


def build_lexical(chunks: dict[str, StoredChunk]) -> LexicalIndex:
    """The BM25 index of these chunks (breadcrumb and passage)."""
    ids = sorted(chunks)
    texts = [f"{chunks[i].metadata.get('breadcrumb', '')}\n{chunks[i].text}" for i in ids]
    lexical = LexicalIndex.build(ids, texts)
    log.info("lexical index built over %d chunks", len(ids))
    return lexical


class IndexReader:
    """Chunks, vectors and BM25 of the index as of the snapshot, and exact dense search."""

    def __init__(self, store: ChunkStore, lexicals: LexicalGenerations, lock: WriteLock):
        self.store = store
        self.lexicals = lexicals
        self._lock = lock  # only tried, never waited for: to save a BM25 built by a reader
        self._snapshot: Snapshot | None = None
        self._snapshot_lock = threading.Lock()

    def refresh(self) -> bool:
        """Take up a change made since the snapshot was read (by this or any other process);
        True when there was one."""
        changed = self.store.catch_up()
        snapshot = self._snapshot
        if snapshot is not None and (changed or snapshot.generation != self.store.seen_generation):
            self._snapshot = None
            return True
        return False

    def read_snapshot(self) -> Snapshot:
        """The index as the store holds it now, without BM25."""
        generation = self.store.generation.current()
        rows = self.store.rows(vectors=True)
        chunks = {
            cid: StoredChunk(cid, passage_text(doc, meta), meta)
            for cid, doc, meta in zip(rows.ids, rows.documents, rows.metadatas)
        }
        return Snapshot(generation, chunks, {cid: i for i, cid in enumerate(rows.ids)}, rows.vectors, rows.ids)

    def adopt(self, snapshot: Snapshot) -> None:
        """Use ``snapshot`` from now on (the writer hands over the one it has just published)."""
        self._snapshot = snapshot

    def _current(self) -> Snapshot:
        snapshot = self._snapshot
        if snapshot is None:
            with self._snapshot_lock:
                snapshot = self._snapshot
                if snapshot is None:
                    snapshot = self._snapshot = self.read_snapshot()
        return snapshot

    def chunks(self) -> dict[str, StoredChunk]:
        """All chunks by id, as of the snapshot (the same object until the index changes)."""
        return self._current().chunks

    def chunk_count(self) -> int:
        return len(self._current().ids)

    def document_chunks(self, doc_id: str) -> list[StoredChunk]:
        found = [c for c in self.chunks().values() if c.metadata.get("doc_id") == doc_id]
        return sorted(found, key=lambda c: int(c.metadata.get("chunk_index", 0)))

    def vectors(self, ids: Sequence[str]) -> dict[str, list[float]]:
        """The stored vectors of these chunks (those in the snapshot)."""
        snapshot = self._current()
        return {c: snapshot.matrix[snapshot.position[c]].tolist() for c in ids if c in snapshot.position}

    def similarities(self, query_vector: Sequence[float], ids: Sequence[str]) -> dict[str, float]:
        """Cosine similarity of the query to the given chunks (vectors are unit length)."""
        snapshot = self._current()
        position, matrix = snapshot.position, snapshot.matrix
        found = [c for c in ids if c in position]
        if not found:
            return {}
        sims = matrix[[position[c] for c in found]] @ np.asarray(query_vector, dtype=np.float32)
        return {c: float(s) for c, s in zip(found, sims)}

    def nearest(self, query_vector: Sequence[float], n: int, allowed: set[str] | None = None) -> dict[str, float]:
        """The ``n`` chunks most similar to the query by exact comparison with every stored
        vector (optionally only among ``allowed``); ties go to the smaller id."""
        snapshot = self._current()
        position, matrix, ids = snapshot.position, snapshot.matrix, snapshot.ids
        if matrix.size == 0:
            return {}
        sims = matrix @ np.asarray(query_vector, dtype=np.float32)
        rows = np.arange(len(ids)) if allowed is None else np.array([position[c] for c in allowed if c in position], dtype=int)
        if rows.size == 0 or n <= 0:
            return {}
        values = sims[rows]
        if rows.size > n:  # keep the n best, and everything tied with the n-th
            cut = np.partition(values, rows.size - n)[rows.size - n]
            rows, values = rows[values >= cut], values[values >= cut]
        best = sorted(zip(values.tolist(), rows.tolist()), key=lambda vr: (-vr[0], ids[vr[1]]))[:n]
        return {ids[r]: v for v, r in best}

    def approximate_nearest(self, query_vector: Sequence[float], n: int, where: dict[str, Any] | None) -> dict[str, float]:
        """Chroma's approximate (HNSW) search, for collections too large to compare exactly; its
        candidates may differ slightly from one process to the next."""
        return self.store.query(query_vector, min(n, max(self.chunk_count(), 1)), where)

    def lexical(self) -> LexicalIndex:
        """The BM25 index of the snapshot: the one saved for its generation, else built from it."""
        snapshot = self._current()
        if snapshot.lexical is None:
            with self._snapshot_lock:
                if snapshot.lexical is None:
                    snapshot.lexical = self._lexical_for(snapshot)
        return snapshot.lexical

    def _lexical_for(self, snapshot: Snapshot) -> LexicalIndex:
        loaded = self.lexicals.load(snapshot.generation)
        if loaded is not None and set(loaded.ids) == set(snapshot.chunks):
            return loaded
        lexical = build_lexical(snapshot.chunks)
        try:  # saved for the other processes when no writer is busy; never waited for
            with self._lock.hold(timeout=0):
                if snapshot.generation == self.store.generation.current():
                    self.lexicals.save(snapshot.generation, lexical)
        except IndexBusy:
            pass
        return lexical
