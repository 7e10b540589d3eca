"""Chroma: the client (embedded or server) and the collection of one embedding model
(``ChunkStore``, the only holder of the client).

The embedding model is part of the collection's identity: its name is
``<prefix>-<model id>``, so changing the model opens (and builds) another collection and vectors
of different models never mix.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaClientSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from assistant.index.generation import IndexGeneration
from assistant.settings import Settings

log = logging.getLogger(__name__)


def collection_name(prefix: str, model_id: str) -> str:
    """A valid Chroma collection name (3-63 chars of [a-zA-Z0-9._-]) for this model."""
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", f"{prefix}-{model_id}").strip("-._")
    return slug[:63].rstrip("-._") or "pandu"


def chroma_path(settings: Settings) -> Path:
    return Path(settings.index_dir) / "chroma"


def make_client(settings: Settings) -> chromadb.ClientAPI:
    """PersistentClient under the index folder, or HttpClient when a server is configured."""
    client_settings = ChromaClientSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma.mode == "server":
        log.info("Chroma server at %s:%s", settings.chroma.host, settings.chroma.port)
        return chromadb.HttpClient(
            host=settings.chroma.host,
            port=settings.chroma.port,
            ssl=settings.chroma.ssl,
            settings=client_settings,
        )
    path = chroma_path(settings)
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=client_settings)


def open_vector_store(
    client: chromadb.ClientAPI, name: str, embeddings: Embeddings, model_id: str
) -> Chroma:
    """The LangChain vector store over collection ``name`` (cosine space, created if missing)."""
    return Chroma(
        client=client,
        collection_name=name,
        embedding_function=embeddings,
        collection_metadata={"embedding_model": model_id},
        collection_configuration={"hnsw": {"space": "cosine"}},
    )


@dataclass(frozen=True)
class StoredRows:
    """What the collection holds: ids with their passage texts, metadata and (when asked) vectors."""

    ids: list[str]
    documents: list[str]
    metadatas: list[dict[str, Any]]
    vectors: np.ndarray  # one row per id, or shape (0, 0) when not asked for


class ChunkStore:
    """The Chroma collection of one embedding model, and the only holder of the Chroma client.

    The write side hands ``langchain`` (a LangChain vector store) to the indexing API; everything
    else reads and deletes through the methods below, and the index generation lives in the
    collection's metadata (see ``generation``)."""

    def __init__(self, settings: Settings, name: str, embeddings: Embeddings, model_id: str):
        self.name = name
        self._settings = settings
        self._embeddings = embeddings
        self._model_id = model_id
        self._lock = threading.Lock()
        self._retired: list[Any] = []  # Chroma systems replaced by a reopen, stopped one reopen later
        self._open()

    def _open(self) -> None:
        self._client = make_client(self._settings)
        self.langchain = open_vector_store(self._client, self.name, self._embeddings, self._model_id)
        self.generation = IndexGeneration(self._client, self.name)
        self.seen_generation = self.generation.current()

    def catch_up(self) -> bool:
        """True when another process has changed the collection since this one last saw it.

        Embedded Chroma keeps, per process, state that does not follow the writes of other
        processes (reading a chunk another process added fails with "Error finding id"); so in
        embedded mode the client is opened again. A Chroma server serves every process alike."""
        with self._lock:
            current = self.generation.current()
            if current == self.seen_generation:
                return False
            if self._settings.chroma.mode == "embedded":
                self._reopen()
            self.seen_generation = current
            return True

    def _reopen(self) -> None:
        from chromadb.api.shared_system_client import SharedSystemClient

        for system in self._retired[:-1]:  # long enough ago that no call still runs on it
            system.stop()
        self._retired = self._retired[-1:]
        # the next client for this path must be a new one, not the cached stale one
        stale = SharedSystemClient._identifier_to_system.pop(self._client._identifier, None)
        if stale is not None:
            self._retired.append(stale)
        self._open()
        log.info("Chroma reopened: another process changed the index")

    @property
    def _collection(self) -> Any:
        return self.langchain._collection

    def count(self) -> int:
        return self._collection.count()

    def rows(self, *, vectors: bool = False) -> StoredRows:
        """Every stored chunk (with its vector when ``vectors``)."""
        include = ["documents", "metadatas", *(["embeddings"] if vectors else [])]
        got = self._collection.get(include=include)
        found = got.get("embeddings") if vectors else None
        matrix = np.asarray(found, dtype=np.float32) if found is not None and len(found) else np.zeros((0, 0), np.float32)
        return StoredRows(
            ids=list(got["ids"]),
            documents=[d or "" for d in got["documents"]],
            metadatas=[dict(m or {}) for m in got["metadatas"]],
            vectors=matrix,
        )

    def metadatas(self) -> tuple[list[str], list[dict[str, Any]]]:
        """Ids and metadata of every stored chunk (no texts, no vectors)."""
        got = self._collection.get(include=["metadatas"])
        return list(got["ids"]), [dict(m or {}) for m in got["metadatas"]]

    def ids_of(self, doc_id: str) -> list[str]:
        """The ids of a document's chunks, found by the ``doc_id`` in their metadata."""
        return list(self._collection.get(where={"doc_id": doc_id}, include=[])["ids"])

    def delete(self, ids: Sequence[str]) -> None:
        if ids:
            self.langchain.delete(ids=list(ids))

    def query(self, vector: Sequence[float], n: int, where: dict[str, Any] | None = None) -> dict[str, float]:
        """The ``n`` nearest chunks by Chroma's approximate (HNSW) index, with cosine similarity."""
        res = self._collection.query(query_embeddings=[list(vector)], n_results=n, where=where, include=["distances"])
        return {cid: 1.0 - float(d) for cid, d in zip(res["ids"][0], res["distances"][0])}
