"""The knowledge index: Chroma vectors + BM25 + chunk records + the document list.

``KnowledgeIndex.ingest`` takes files or folders, turns each file into chunks and writes them
through LangChain's indexing API, one file at a time, so that

- an unchanged file costs no embedding (its chunk hashes are already recorded),
- a changed file replaces its old chunks (incremental cleanup on its ``doc_id``),
- a file that fails to load or parse leaves what was indexed before untouched,
- an interrupted run leaves records that the next run completes (vectors are written before
  their records, with ids that are content hashes, so a repeat is an overwrite, never a copy).

Concurrency: one writer at a time per index (``WriteLock``, across threads and processes). Readers
never wait for it: they query a snapshot (chunks, vectors, BM25) of the last finished change. A
change ends by building the BM25 of the new contents aside (``bm25/g<generation>``), then raising
the index generation (kept with the Chroma collection); every process compares the generation
before a query (``refresh``) and takes the new snapshot, so a change made by the CLI, the admin
tab or another app instance is seen everywhere, and both indexes always hold the same chunk ids.
"""

from __future__ import annotations

import logging
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.indexing import index as langchain_index
from tqdm import tqdm

from assistant.documents.chunking import chunk_document
from assistant.documents.loaders import SUPPORTED_SUFFIXES, load_document
from assistant.documents.model import Chunk, DocumentError
from assistant.index.embeddings import SentenceTransformerEmbeddings
from assistant.index.generation import IndexGeneration
from assistant.index.lexical import LexicalIndex
from assistant.index.records import SQLiteRecordManager
from assistant.index.registry import DocumentRecord, DocumentRegistry
from assistant.index.store import collection_name, make_client, open_vector_store
from assistant.index.write_lock import IndexBusy, WriteLock
from assistant.settings import Settings

log = logging.getLogger(__name__)

#: Bump when loaders/chunking change in a way that must re-chunk unchanged files.
PIPELINE_VERSION = "1"
#: New files are embedded together in groups of about this many passages.
EMBED_GROUP_CHUNKS = 512


@dataclass
class FileResult:
    path: str
    status: str  # added | updated | unchanged | failed
    doc_id: str = ""
    chunks: int = 0
    added: int = 0
    deleted: int = 0
    error: str = ""
    warning: str = ""  # indexed, but not as fully as it should be (a regulation not fully parsed)


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def warned(self) -> list[FileResult]:
        return [f for f in self.files if f.warning]

    @property
    def chunks_added(self) -> int:
        return sum(f.added for f in self.files)

    def summary(self) -> str:
        return (
            f"{len(self.files)} files: {self.count('added')} added, {self.count('updated')} updated, "
            f"{self.count('unchanged')} unchanged, {len(self.failed)} failed; "
            f"{self.chunks_added} chunks embedded; {len(self.pruned)} removed; {self.seconds:.1f} s"
            + (f"; {len(self.warned)} regulations not fully parsed" if self.warned else "")
        )


def _parse_warning(meta: dict[str, Any]) -> str:
    status = meta.get("parse_status")
    if status == "text":
        return f"looks like a regulation but could not be parsed into Pasal ({meta.get('parse_note')}); indexed as text"
    if status == "partial":
        return f"regulation parsed in part: {meta.get('parse_note')}"
    return ""


@dataclass
class _Prepared:
    """A file read and chunked, waiting to be written."""

    path: Path
    resolved: str
    fingerprint: str
    previous: DocumentRecord | None
    chunks: list[Chunk]


class _EmbeddingCache(Embeddings):
    """Serves passage vectors computed ahead in one batch; computes any others on demand."""

    def __init__(self, base: Embeddings):
        self.base = base
        self._vectors: dict[str, list[float]] = {}

    def prime(self, texts: Sequence[str]) -> None:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self.base.embed_documents(missing)))

    def clear(self) -> None:
        self._vectors.clear()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.prime(texts)
        return [self._vectors[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.base.embed_query(text)


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as held in the index: its id, the passage text and its metadata."""

    id: str
    text: str
    metadata: dict[str, Any]


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[FileResult]]:
    """Files to ingest (folders walked recursively), and failures for paths that are not usable.

    Inside a folder, a symbolic link that leads out of the folder is not followed (it is reported):
    a folder of documents must not carry in whatever the link points at."""
    files: list[Path] = []
    failures: list[FileResult] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            root = path.resolve()
            for p in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in p.relative_to(path).parts):
                    continue
                if p.is_symlink() or any(parent.is_symlink() for parent in p.relative_to(path).parents
                                         if str(parent) != "."):
                    target = p.resolve()
                    if not target.is_relative_to(root):
                        failures.append(FileResult(str(p), "failed", error="a symbolic link leading out of the "
                                                   "folder; not followed"))
                        continue
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES:
                    files.append(p)
        elif path.is_file():
            files.append(path)
        else:
            failures.append(FileResult(str(path), "failed", error="no such file or folder"))
    return files, failures


def to_langchain(chunk: Chunk) -> Document:
    return Document(page_content=chunk.embed_text, metadata=dict(chunk.metadata))


def passage_text(page_content: str, metadata: dict[str, Any]) -> str:
    """The passage without the breadcrumb line that was embedded with it."""
    crumb = str(metadata.get("breadcrumb", ""))
    if crumb and page_content.startswith(crumb + "\n"):
        return page_content[len(crumb) + 1 :]
    return page_content


@dataclass
class _Snapshot:
    """What queries read: the index as of one generation."""

    generation: int
    chunks: dict[str, StoredChunk]
    position: dict[str, int]  # chunk id -> row of ``matrix``
    matrix: np.ndarray
    ids: list[str]  # row i of the matrix is the vector of ids[i]
    lexical: LexicalIndex | None = None


_BM25_FOLDER = re.compile(r"^g(\d+)$")


class KnowledgeIndex:
    """Everything that is indexed, for one embedding model."""

    def __init__(self, settings: Settings, embeddings: SentenceTransformerEmbeddings | None = None):
        self.settings = settings
        self.embeddings = embeddings or SentenceTransformerEmbeddings(settings)
        self.model_id = self.embeddings.model_id
        self.name = collection_name(settings.chroma.collection_prefix, self.model_id)
        self.folder = Path(settings.index_dir) / self.name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.client = make_client(settings)
        self._embedding_cache = _EmbeddingCache(self.embeddings)
        self.vector_store = open_vector_store(self.client, self.name, self._embedding_cache, self.model_id)
        self.records = SQLiteRecordManager(self.name, self.folder / "records.sqlite")
        self.registry = DocumentRegistry(self.folder / "records.sqlite")
        self.lock = WriteLock(self.folder / "write.lock", settings.limits.write_lock_timeout_s)
        self.generation = IndexGeneration(self.client, self.name)
        self._snapshot: _Snapshot | None = None
        self._snapshot_lock = threading.Lock()

    # -- reading -------------------------------------------------------------------------
    @property
    def _bm25_root(self) -> Path:
        return self.folder / "bm25"

    def _bm25_folder(self, generation: int) -> Path:
        return self._bm25_root / f"g{generation}"

    def refresh(self) -> bool:
        """Take up a change made since the snapshot was read (by this or any other process);
        True when there was one. Called before every query."""
        snapshot = self._snapshot
        if snapshot is not None and snapshot.generation != self.generation.current():
            self._snapshot = None
            return True
        return False

    def _current(self) -> _Snapshot:
        snapshot = self._snapshot
        if snapshot is None:
            with self._snapshot_lock:
                snapshot = self._snapshot
                if snapshot is None:
                    snapshot = self._snapshot = self._read_snapshot()
        return snapshot

    def _read_snapshot(self) -> _Snapshot:
        generation = self.generation.current()
        got = self.vector_store._collection.get(include=["documents", "metadatas", "embeddings"])
        chunks = {
            cid: StoredChunk(cid, passage_text(doc or "", meta or {}), dict(meta or {}))
            for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"])
        }
        vectors = got.get("embeddings")
        has_vectors = vectors is not None and len(vectors) > 0
        matrix = np.asarray(vectors, dtype=np.float32) if has_vectors else np.zeros((0, 0), np.float32)
        ids = list(got["ids"])
        return _Snapshot(generation, chunks, {cid: i for i, cid in enumerate(ids)}, matrix, ids)

    def chunks(self) -> dict[str, StoredChunk]:
        """All chunks by id, as of the snapshot (the same object until the index changes)."""
        return self._current().chunks

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

    def chunk_count(self) -> int:
        return self.vector_store._collection.count()

    def lexical(self) -> LexicalIndex:
        """The BM25 index of the snapshot: the one saved for its generation, else built from it."""
        snapshot = self._current()
        if snapshot.lexical is None:
            with self._snapshot_lock:
                if snapshot.lexical is None:
                    snapshot.lexical = self._lexical_for(snapshot)
        return snapshot.lexical

    def _lexical_for(self, snapshot: _Snapshot) -> LexicalIndex:
        folder = self._bm25_folder(snapshot.generation)
        loaded = LexicalIndex.load(folder)
        if loaded is not None and set(loaded.ids) == set(snapshot.chunks):
            return loaded
        lexical = self._build_lexical(snapshot.chunks)
        try:  # saved for the other processes when no writer is busy; never waited for
            with self.lock.hold(timeout=0):
                if snapshot.generation == self.generation.current():
                    lexical.save(folder)
        except IndexBusy:
            pass
        return lexical

    @staticmethod
    def _build_lexical(chunks: dict[str, StoredChunk]) -> LexicalIndex:
        ids = sorted(chunks)
        texts = [f"{chunks[i].metadata.get('breadcrumb', '')}\n{chunks[i].text}" for i in ids]
        lexical = LexicalIndex.build(ids, texts)
        log.info("lexical index built over %d chunks", len(ids))
        return lexical

    def documents(self) -> list[DocumentRecord]:
        return self.registry.all()

    def document_chunks(self, doc_id: str) -> list[StoredChunk]:
        found = [c for c in self.chunks().values() if c.metadata.get("doc_id") == doc_id]
        return sorted(found, key=lambda c: int(c.metadata.get("chunk_index", 0)))

    def status(self) -> dict[str, Any]:
        docs = self.documents()
        return {
            "documents": len(docs),
            "chunks": self.chunk_count(),
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

    # -- writing -------------------------------------------------------------------------
    def _publish(self) -> None:
        """End a change (the write lock is held): the BM25 of the new contents is saved aside,
        then the generation is raised, so a reader that sees the new generation finds its BM25."""
        snapshot = self._read_snapshot()
        snapshot.generation += 1
        snapshot.lexical = self._build_lexical(snapshot.chunks)
        snapshot.lexical.save(self._bm25_folder(snapshot.generation))
        snapshot.generation = self.generation.advance()
        self._snapshot = snapshot
        self._drop_old_lexical(keep_from=snapshot.generation - 1)

    def _drop_old_lexical(self, keep_from: int) -> None:
        """Remove BM25 folders of generations before ``keep_from`` (the previous one stays for
        readers still loading it) and temporary folders of interrupted saves."""
        if not self._bm25_root.is_dir():
            return
        for folder in self._bm25_root.iterdir():
            m = _BM25_FOLDER.match(folder.name)
            if (m and int(m.group(1)) < keep_from) or folder.name.startswith("."):
                shutil.rmtree(folder, ignore_errors=True)
        for legacy in (self.folder / "lexical.stale",):
            legacy.unlink(missing_ok=True)

    def ingest(
        self,
        paths: Sequence[Path | str],
        *,
        prune: bool = False,
        progress: bool = False,
        on_file: Callable[[FileResult], None] | None = None,
    ) -> IngestReport:
        """Index files and folders; see the module docstring for the guarantees."""
        started = time.perf_counter()
        files, failures = expand_paths(Path(p) for p in paths)
        report = IngestReport()

        def emit(result: FileResult) -> None:
            report.files.append(result)
            if result.status == "failed":
                log.debug("not indexed: %s: %s", result.path, result.error)  # the report carries it
            if on_file:
                on_file(result)

        for failure in failures:
            emit(failure)
        with self.lock.hold():
            self._ingest_files(files, report, emit, prune=prune, progress=progress)
        report.seconds = time.perf_counter() - started
        return report

    def _ingest_files(self, files: list[Path], report: "IngestReport", emit: Callable[[FileResult], None], *,
                      prune: bool, progress: bool) -> None:
        pending: list[_Prepared] = []
        completed = False

        def flush() -> None:
            # New files' passages are embedded together: one large, length-sorted batch pads
            # far less than many small per-file ones.
            self._embedding_cache.prime([c.embed_text for p in pending if p.previous is None for c in p.chunks])
            for prepared in pending:
                emit(self._write(prepared))
            self._embedding_cache.clear()
            pending.clear()

        try:
            for path in tqdm(files, desc="ingest", unit="file", disable=not progress):
                prepared = self._prepare(path)
                if isinstance(prepared, FileResult):
                    emit(prepared)
                    continue
                pending.append(prepared)
                if sum(len(p.chunks) for p in pending) >= EMBED_GROUP_CHUNKS:
                    flush()
            flush()
            if prune:
                for record in self.registry.all():
                    if not Path(record.path).exists():
                        self._remove(record.doc_id)
                        report.pruned.append(record.doc_id)
                for doc_id in self.orphans():
                    self._remove(doc_id)
                    report.pruned.append(doc_id)
            completed = True
        finally:
            self._embedding_cache.clear()
            changed = report.pruned or any(f.status in ("added", "updated") for f in report.files)
            if changed or not completed or not self._has_lexical():
                self._publish()  # BM25 built now, so queries never pay for it

    def _has_lexical(self) -> bool:
        return (self._bm25_folder(self.generation.current()) / LexicalIndex.MANIFEST).is_file()

    def _prepare(self, path: Path) -> "_Prepared | FileResult":
        """Read and chunk one file, or say why it is skipped or failed."""
        resolved = str(path.resolve())
        try:
            document = load_document(path, self.settings.limits)
            fingerprint = f"{document.sha256}:{PIPELINE_VERSION}:{self.settings.embedding.max_seq_length}"
            previous = self.registry.by_path(resolved)
            if previous and previous.sha256 == fingerprint and self.records.list_keys(
                group_ids=[previous.doc_id], limit=1
            ):
                return FileResult(resolved, "unchanged", previous.doc_id, previous.chunks)
            chunks = chunk_document(
                document,
                max_tokens=self.embeddings.max_tokens - 16,
                count_tokens=self.embeddings.count_tokens,
            )
        except DocumentError as exc:
            return FileResult(resolved, "failed", error=exc.reason)
        except Exception as exc:  # a parser bug must not stop the other files
            log.exception("unexpected error while reading %s", path)
            return FileResult(resolved, "failed", error=f"could not be processed ({type(exc).__name__}: {exc})")
        if not chunks:
            return FileResult(resolved, "failed", error="no text to index was found in the file")
        return _Prepared(path, resolved, fingerprint, previous, chunks)

    def _write(self, prepared: "_Prepared") -> FileResult:
        """Write one file's chunks through the indexing API and record the document."""
        chunks, previous, resolved = prepared.chunks, prepared.previous, prepared.resolved
        doc_id = str(chunks[0].metadata["doc_id"])
        other = self.registry.get(doc_id)
        if other and other.path != resolved and Path(other.path).exists():
            log.warning("%s has the same document id (%s) as %s and replaces it", prepared.path, doc_id, other.path)
        if previous and previous.doc_id != doc_id:
            self._remove(previous.doc_id)

        outcome = langchain_index(
            [to_langchain(c) for c in chunks],
            self.records,
            self.vector_store,
            cleanup="incremental",
            source_id_key="doc_id",
            key_encoder="sha256",
            batch_size=64,
        )
        meta = chunks[0].metadata
        self.registry.upsert(
            DocumentRecord(
                doc_id=doc_id,
                path=resolved,
                sha256=prepared.fingerprint,
                doc_type=str(meta.get("doc_type", "")),
                short_name=str(meta.get("short_name", "")),
                title=str(meta.get("title", "")),
                chunks=len(chunks),
                verified=bool(meta.get("verified", True)),
                tahun=str(meta.get("tahun", "")),
                date=str(meta.get("date", "")),
                pillars=str(meta.get("pillars", "")),
            )
        )
        status = "updated" if previous or other else "added"
        if not outcome["num_added"] and not outcome["num_deleted"]:
            status = "unchanged"
        return FileResult(
            resolved, status, doc_id, len(chunks), outcome["num_added"], outcome["num_deleted"],
            warning=_parse_warning(meta),
        )

    def remove(self, doc_id: str) -> int:
        """Delete a document's chunks from both indexes and the document list."""
        with self.lock.hold():
            try:
                return self._remove(doc_id)
            finally:
                self._publish()

    def _remove(self, doc_id: str) -> int:
        keys = set(self.records.list_keys(group_ids=[doc_id]))
        # chunks written before a crash may have no record: they go by their doc_id too
        stored = self.vector_store._collection.get(where={"doc_id": doc_id}, include=[])
        keys |= set(stored["ids"])
        if keys:
            self.vector_store.delete(ids=sorted(keys))
            self.records.delete_keys(sorted(keys))
        self.registry.remove(doc_id)
        return len(keys)

    def orphans(self) -> list[str]:
        """Documents whose chunks are in Chroma but which have no document record (a write
        interrupted before its record, or a record lost): ``ingest --prune`` removes them."""
        return self._orphans(self.vector_store._collection.get(include=["metadatas"])["metadatas"])

    def _orphans(self, metadatas: Sequence[Any]) -> list[str]:
        known = {r.doc_id for r in self.registry.all()}
        found = {str((m or {}).get("doc_id", "")) for m in metadatas}
        return sorted(d for d in found - known if d)

    def check(self) -> list[str]:
        """How Chroma, the chunk records, the BM25 index and the document list disagree (empty:
        they agree)."""
        problems: list[str] = []
        got = self.vector_store._collection.get(include=["metadatas"])
        in_chroma = set(got["ids"])
        recorded = set(self.records.list_keys())
        if in_chroma - recorded:
            problems.append(f"{len(in_chroma - recorded)} chunks in Chroma have no chunk record")
        if recorded - in_chroma:
            problems.append(f"{len(recorded - in_chroma)} chunk records have no chunk in Chroma")
        orphans = self._orphans(got["metadatas"])
        if orphans:
            problems.append(f"{len(orphans)} documents have chunks but no document record: {', '.join(orphans[:5])}"
                            " (run `pandu ingest --prune`)")
        per_doc: dict[str, int] = {}
        for meta in got["metadatas"]:
            doc_id = str((meta or {}).get("doc_id", ""))
            per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
        for record in self.registry.all():
            if per_doc.get(record.doc_id, 0) != record.chunks:
                problems.append(f"{record.doc_id}: {per_doc.get(record.doc_id, 0)} chunks in Chroma, "
                                f"{record.chunks} in its document record")
        lexical = LexicalIndex.load(self._bm25_folder(self.generation.current()))
        if lexical is None:
            problems.append("no BM25 index is saved for the current generation (it is built at the next query)")
        elif set(lexical.ids) != in_chroma:
            problems.append(f"the BM25 index holds {len(lexical)} chunks, Chroma {len(in_chroma)}")
        return problems

    def close(self) -> None:
        self.records.close()
        self.registry.close()
