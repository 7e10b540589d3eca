"""The index generation: a number that every finished change to the index increases.

It lives in the Chroma collection's metadata, so every process that opens the index (the app,
the CLI, several app instances on one Chroma server) reads the same number. A process compares it
before each query with the generation of the snapshot it holds (chunks, vectors, BM25) and
rebuilds the snapshot when another process has changed the index.
"""

from __future__ import annotations

from typing import Any

KEY = "pandu_generation"


class IndexGeneration:
    def __init__(self, client: Any, collection: str):
        self._client = client
        self._name = collection

    def current(self) -> int:
        metadata = self._client.get_collection(self._name).metadata or {}
        return int(metadata.get(KEY, 0))

    def advance(self) -> int:
        """Increase the generation by one (callers hold the write lock) and return it."""
        collection = self._client.get_collection(self._name)
        metadata: dict[str, Any] = dict(collection.metadata or {})
        metadata[KEY] = int(metadata.get(KEY, 0)) + 1
        collection.modify(metadata=metadata)
        return metadata[KEY]
