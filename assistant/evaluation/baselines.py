"""Baselines scored in the same run as Pandu, on the same questions and documents.

- ``bm25``: the BM25 index over Pandu's chunks, alone.
- ``dense``: Chroma dense retrieval over Pandu's chunks, alone.
- ``naive_langchain``: the usual LangChain recipe: each indexed file's text split by
  RecursiveCharacterTextSplitter (1000 characters, 200 overlap) into Chroma with the same embedding
  model, dense retrieval. A naive chunk counts as a hit for every Pasal it overlaps.
- ``pandu``: Pandu's own retrieval, for the table.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import chromadb
from chromadb.config import Settings as ChromaClientSettings
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.api import Assistant
from assistant.documents.loaders import load_document
from assistant.documents.regulation import detect_identity, parse_regulation
from assistant.evaluation.metrics import first_hit_rank, retrieval_metrics
from assistant.evaluation.qa import QAItem
from assistant.retrieval import SearchFilters

log = logging.getLogger(__name__)


def provision_spans(text: str, doc) -> list[tuple[int, str, str]]:
    """(start offset, pasal label, "part#amended regulation") of each provision, in text order."""
    parsed = parse_regulation(doc)
    marks: list[tuple[int, str, str]] = [(p.offset, p.label, f"batang_tubuh#{p.amends}") for p in parsed.pasal]
    marks += [(p.offset, p.label, "penjelasan#") for p in parsed.penjelasan_pasal]
    marks += [(s.offset, "Lampiran", "lampiran#") for s in parsed.lampiran]
    if parsed.penjelasan_umum is not None:
        marks.append((parsed.penjelasan_umum.offset, "", "penjelasan#"))
    return sorted(marks)


def overlapped(spans: list[tuple[int, str, str]], start: int, end: int, text_len: int) -> list[tuple[str, str]]:
    found = []
    for i, (offset, pasal, part) in enumerate(spans):
        stop = spans[i + 1][0] if i + 1 < len(spans) else text_len
        if offset < end and stop > start:
            found.append((pasal, part))
    return found


def naive_documents(assistant: Assistant) -> list[Document]:
    """The indexed files, split the naive way, each chunk carrying the provisions it overlaps."""
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
    out: list[Document] = []
    for record in assistant.documents():
        doc = load_document(Path(record.path))
        identity = detect_identity(doc.text) if record.doc_type == "regulation" else None
        spans = provision_spans(doc.text, doc) if identity else []
        for piece in splitter.create_documents([doc.text], metadatas=[{"doc_id": record.doc_id}]):
            start = int(piece.metadata["start_index"])
            provisions = overlapped(spans, start, start + len(piece.page_content), len(doc.text)) if spans else []
            piece.metadata.update(
                short_name=record.short_name,
                doc_type=record.doc_type,
                provisions="|".join(f"{p}#{part}" for p, part in provisions),
            )
            out.append(piece)
    return out


def naive_store(assistant: Assistant) -> Chroma:
    """The naive index, built once per set of documents and kept under the index folder."""
    fingerprint = hashlib.sha256(
        "".join(sorted(f"{d.doc_id}:{d.sha256}" for d in assistant.documents())).encode()
    ).hexdigest()[:12]
    client = chromadb.PersistentClient(
        path=str(Path(assistant.settings.index_dir) / "baseline-naive"),
        settings=ChromaClientSettings(anonymized_telemetry=False),
    )
    name = f"naive-{assistant.index.model_id}-{fingerprint}"[:63]
    store = Chroma(
        client=client,
        collection_name=name,
        embedding_function=assistant.index.embeddings,
        collection_configuration={"hnsw": {"space": "cosine"}},
    )
    if store._collection.count() == 0:
        docs = naive_documents(assistant)
        log.info("building the naive baseline index: %d chunks", len(docs))
        for start in range(0, len(docs), 64):
            store.add_documents(docs[start : start + 64])
    return store


def _naive_views(meta: dict[str, Any]) -> list[dict[str, Any]]:
    base = {"doc_id": meta.get("doc_id", ""), "short_name": meta.get("short_name", ""), "doc_type": meta.get("doc_type", "")}
    views = [base]
    for item in filter(None, str(meta.get("provisions", "")).split("|")):
        pasal, _, rest = item.partition("#")
        part, _, amends = rest.partition("#")
        views.append({**base, "pasal": pasal, "part": part, "amends": amends})
    return views


def run_baselines(assistant: Assistant, items: Sequence[QAItem], k: int) -> dict[str, dict[str, dict[str, float]]]:
    answerable = [i for i in items if i.answerable]
    chunks = assistant.index.reader.chunks()
    engine = assistant.search_engine
    naive = naive_store(assistant)
    ranks: dict[str, dict[str, list[int]]] = {s: {} for s in ("pandu", "bm25", "dense", "naive_langchain")}
    naive_correct: dict[str, list[bool]] = {}

    def add(system: str, item: QAItem, ranked: list[list[dict[str, Any]]]) -> None:
        rank = first_hit_rank(ranked, item.citations, k)
        ranks[system].setdefault(item.set_name, []).append(rank)
        ranks[system].setdefault("all", []).append(rank)

    for item in answerable:
        query = assistant.standalone(item.question, item.history)
        add("pandu", item, [[h.metadata] for h in engine.search(query, k).hits])
        lexical = engine.lexical_hits(query, SearchFilters(), k)
        add("bm25", item, [[chunks[c].metadata] for c in sorted(lexical, key=lexical.get, reverse=True)])
        dense = engine.dense_hits(query, SearchFilters(), k)
        add("dense", item, [[chunks[c].metadata] for c in sorted(dense, key=dense.get, reverse=True) if c in chunks])
        found = naive.similarity_search(query, k=k)
        add("naive_langchain", item, [_naive_views(d.metadata) for d in found])
        if item.must_contain:  # the naive recipe's best passage, taken as the answer
            correct = bool(found) and bool(item.states_the_facts(found[0].page_content))
            naive_correct.setdefault(item.set_name, []).append(correct)
            naive_correct.setdefault("all", []).append(correct)
    out = {
        system: {name: retrieval_metrics(r, k) for name, r in sorted(per_set.items())}
        for system, per_set in ranks.items()
    }
    for name, flags in naive_correct.items():
        out["naive_langchain"].setdefault(name, {})["answers_correct"] = sum(flags) / len(flags)
    return out
