"""The knowledge index of one embedding model: a store, its read side and its write side.

- ``ChunkStore`` (store.py): the Chroma collection, the only holder of the Chroma client, and
  the index generation kept with it;
- ``IndexReader`` (reading.py): the snapshot of the last finished change that queries read
  (chunks, vectors, BM25), refreshed when the generation moves;
- ``IndexWriter`` (writing.py): ingestion, removal and recovery under the write lock, each change
  published with its BM25 before the generation is raised.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.index.embeddings import SentenceTransformerEmbeddings
from assistant.index.lexical import LexicalGenerations
from assistant.index.reading import IndexReader
from assistant.index.registry import DocumentRecord
from assistant.index.store import ChunkStore, collection_name
from assistant.index.write_lock import WriteLock
from assistant.index.writing import IndexWriter, EmbeddingCache
from assistant.settings import Settings


class KnowledgeIndex:
    """Everything that is indexed, for one embedding model."""

    def __init__(self, settings: Settings, embeddings: SentenceTransformerEmbeddings | None = None):
        self.settings = settings
        self.embeddings = embeddings or SentenceTransformerEmbeddings(settings)
        self.model_id = self.embeddings.model_id
        self.name = collection_name(settings.chroma.collection_prefix, self.model_id)
        self.folder = Path(settings.index_dir) / self.name
        self.folder.mkdir(parents=True, exist_ok=True)
        cache = EmbeddingCache(self.embeddings)  # the writer fills it ahead of a write
        self.store = ChunkStore(settings, self.name, cache, self.model_id)
        lock = WriteLock(self.folder / "write.lock", settings.limits.write_lock_timeout_s)
        lexicals = LexicalGenerations(self.folder / "bm25")
        self.reader = IndexReader(self.store, lexicals, lock)
        self.writer = IndexWriter(settings, self.store, self.reader, lexicals, self.embeddings, cache, self.folder, lock)

    def documents(self) -> list[DocumentRecord]:
        return self.writer.registry.all()

    def status(self) -> dict[str, Any]:
        docs = self.documents()
        return {
            "documents": len(docs),
            "chunks": self.store.count(),
            "embedding_model": self.settings.embedding.model,
            "model_id": self.model_id,
            "collection": self.name,
            "chroma": (
                f"server {self.settings.chroma.host}:{self.settings.chroma.port}"
                if self.settings.chroma.mode == "server"
                else str(Path(self.settings.index_dir) / "chroma")
            ),
            "index_dir": str(self.settings.index_dir),
            "by_type": {t: sum(1 for d in docs if d.doc_type == t) for t in sorted({d.doc_type for d in docs})},
        }

    def close(self) -> None:
        self.writer.close()
