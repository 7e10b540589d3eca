"""Chroma: the client (embedded or server) and the collection of one embedding model.

The embedding model is part of the collection's identity: its name is
``<prefix>-<model id>``, so changing the model opens (and builds) another collection and vectors
of different models never mix.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaClientSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

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
