"""The write side of the index: ingest files, remove documents, publish each change.

``IndexWriter.ingest`` takes files or folders, turns each file into chunks and writes them
through LangChain's indexing API, one file at a time, so that

- an unchanged file costs no embedding (its chunk hashes are already recorded),
- a changed file replaces its old chunks (incremental cleanup on its ``doc_id``),
- a file that fails to load or parse leaves what was indexed before untouched,
- an interrupted or cancelled run keeps every file written before it stopped, and the next run
  completes the rest (vectors are written before their records, with ids that are content
  hashes, so a repeat is an overwrite, never a copy).

One writer at a time per index (``WriteLock``, across threads and processes). A change ends by
building the BM25 of the new contents aside, then raising the index generation (kept with the
Chroma collection), so every reader takes up the change before its next query.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.indexing import index as langchain_index
from tqdm import tqdm

from assistant.documents.chunking import chunk_document
from assistant.documents.loaders import SUPPORTED_SUFFIXES, load_document
from assistant.documents.model import PILLARS, Chunk, DocumentError
from assistant.index.embeddings import SentenceTransformerEmbeddings
from assistant.index.lexical import LexicalGenerations
from assistant.index.pillars import PillarTagger
from assistant.index.reading import IndexReader, build_lexical
from assistant.index.records import SQLiteRecordManager
from assistant.index.registry import DocumentRecord, DocumentRegistry
from assistant.index.store import ChunkStore
from assistant.index.write_lock import WriteLock
from assistant.settings import Settings

log = logging.getLogger(__name__)

#: Bump when loaders/chunking change in a way that must re-chunk unchanged files.
PIPELINE_VERSION = "2"  # 2: passages carry pillar tags


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
    cancelled: bool = False  # stopped on request; what was written before stays

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
            + (f"; {len(self.warned)} files with warnings" if self.warned else "")
            + ("; cancelled (files written before the cancel are kept)" if self.cancelled else "")
        )


def _parse_warning(meta: dict[str, Any]) -> str:
    status = meta.get("parse_status")
    if status == "text":
        return f"looks like a regulation but could not be parsed into Pasal ({meta.get('parse_note')}); indexed as text"
    if status == "partial":
        return f"regulation parsed in part: {meta.get('parse_note')}"
    return str(meta.get("parse_note") or "")  # a speech's or note's own problem (a date that is not a date)


@dataclass
class _Prepared:
    """A file read and chunked, waiting to be written."""

    path: Path
    resolved: str
    fingerprint: str
    previous: DocumentRecord | None
    chunks: list[Chunk]


class EmbeddingCache(Embeddings):
    """Serves passage vectors computed ahead in one batch; computes any others on demand."""

    def __init__(self, base: Embeddings):
        self.base = base
        self._vectors: dict[str, list[float]] = {}

    def prime(self, texts: Sequence[str], group: int, after_group: Callable[[int, int], None]) -> None:
        """Embed ``texts`` ahead, shortest first, ``group`` at a time, calling
        ``after_group(done, total)`` after each group (it may raise to stop)."""
        missing = sorted((t for t in dict.fromkeys(texts) if t not in self._vectors), key=len)
        for start in range(0, len(missing), group):
            part = missing[start : start + group]
            self._vectors.update(zip(part, self.base.embed_documents(part)))
            after_group(start + len(part), len(missing))

    def seed(self, vectors: dict[str, list[float]]) -> None:
        """Vectors already known (an updated file's unchanged passages, as stored)."""
        self._vectors.update(vectors)

    def clear(self) -> None:
        self._vectors.clear()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        missing = [t for t in texts if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self.base.embed_documents(missing)))
        return [self._vectors[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.base.embed_query(text)


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
                inside = p.relative_to(path).parts
                if any(part.startswith(".") for part in inside[:-1]):
                    continue  # a hidden folder (.git, .cache): not documents
                if inside[-1].startswith("."):
                    if p.suffix.lower() in SUPPORTED_SUFFIXES:
                        failures.append(FileResult(str(p), "failed", error="a hidden file (its name starts with a "
                                                   "dot); not indexed: rename it to index it"))
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


@dataclass(frozen=True)
class IngestProgress:
    """Where an ingest is: files read of all files, and passages embedded of the current group."""

    stage: Literal["read", "embed", "written"]
    files_done: int
    files_total: int
    name: str = ""  # the file just read or written
    chunks_done: int = 0
    chunks_total: int = 0


class IngestCancelled(Exception):
    """Raised inside an ingest when its cancel event is set (the ingest returns its report)."""


class IndexWriter:
    """Ingestion, removal and recovery, one writer at a time; each change is published to the
    reader (and, through the generation, to every other process)."""

    def __init__(self, settings: Settings, store: ChunkStore, reader: IndexReader, lexicals: LexicalGenerations,
                 embeddings: SentenceTransformerEmbeddings, cache: "EmbeddingCache", folder: Path, lock: WriteLock):
        self.settings = settings
        self.store = store
        self.reader = reader
        self.lexicals = lexicals
        self.embeddings = embeddings
        self._embedding_cache = cache
        self.pillars = PillarTagger(embeddings, settings.pillars)
        self.records = SQLiteRecordManager(store.name, folder / "records.sqlite")
        self.registry = DocumentRegistry(folder / "records.sqlite")
        self.lock = lock

    # -- publishing --------------------------------------------------------------------------
    def _publish(self) -> None:
        """End a change (the write lock is held): the BM25 of the new contents is saved aside,
        then the generation is raised, so a reader that sees the new generation finds its BM25."""
        snapshot = self.reader.read_snapshot()
        snapshot.lexical = build_lexical(snapshot.chunks)
        self.lexicals.save(snapshot.generation + 1, snapshot.lexical)
        snapshot.generation = self.store.generation.advance()
        self.store.seen_generation = snapshot.generation  # this process's own change: nothing to catch up
        self.reader.adopt(snapshot)
        self.lexicals.drop_before(snapshot.generation - 1)

    def has_lexical(self) -> bool:
        return self.lexicals.has(self.store.generation.current())

    # -- ingesting ---------------------------------------------------------------------------
    def ingest(
        self,
        paths: Sequence[Path | str],
        *,
        prune: bool = False,
        progress: bool = False,
        on_file: Callable[[FileResult], None] | None = None,
        on_progress: Callable[[IngestProgress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> IngestReport:
        """Index files and folders; see the module docstring for the guarantees.

        ``on_file`` gets each file's result, ``on_progress`` each step (a file read, a group of
        passages embedded, a file written); setting ``cancel`` stops the ingest at the next step,
        keeping what was written (the report says ``cancelled``). ``progress`` shows bars on the
        terminal."""
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
            self.reader.refresh()  # write on the index as the last writer (maybe another process) left it
            run = _IngestRun(self, report, emit, len(files), on_progress, cancel, progress)
            try:
                self._ingest_files(files, run, prune=prune)
            except IngestCancelled:
                report.cancelled = True
                log.info("ingest cancelled after %d of %d files", run.files_done, len(files))
            finally:
                run.close()
        report.seconds = time.perf_counter() - started
        return report

    def _ingest_files(self, files: list[Path], run: "_IngestRun", *, prune: bool) -> None:
        pending: list[_Prepared] = []
        completed = False
        group = self.settings.embedding.ingest_group

        def flush() -> None:
            # The files' passages are embedded together: one large, length-sorted batch pads far
            # less than many small per-file ones (their vectors also give their pillar tags).
            self._reuse_vectors([p for p in pending if p.previous is not None])
            self._embedding_cache.prime(
                [c.embed_text for p in pending for c in p.chunks],
                self.settings.embedding.progress_group, run.embedded,
            )
            while pending:
                run.check()
                prepared = pending.pop(0)
                self._tag_pillars(prepared.chunks)
                result = self._write(prepared)
                run.emit(result)
                run.written(result)
            self._embedding_cache.clear()

        try:
            for path in run.files(files):
                run.check()
                prepared = self._prepare(path)
                run.read(path)
                if isinstance(prepared, FileResult):
                    run.emit(prepared)
                    continue
                pending.append(prepared)
                if sum(len(p.chunks) for p in pending) >= group:
                    flush()
            flush()
            if prune:
                run.check()
                for record in self.registry.all():
                    if not Path(record.path).exists():
                        self._remove(record.doc_id)
                        run.report.pruned.append(record.doc_id)
                for doc_id in self.orphans():
                    self._remove(doc_id)
                    run.report.pruned.append(doc_id)
            completed = True
        finally:
            self._embedding_cache.clear()
            report = run.report
            changed = report.pruned or any(f.status in ("added", "updated") for f in report.files)
            if changed or not completed or not self.has_lexical():
                self._publish()  # BM25 built now, so queries never pay for it

    def _reuse_vectors(self, updated: list["_Prepared"]) -> None:
        """The passages of changed files that are the same as before keep their stored vectors:
        only what changed is embedded (the pillar tags need every passage's vector)."""
        if not updated:
            return
        wanted = {c.embed_text for p in updated for c in p.chunks}
        docs = {p.previous.doc_id for p in updated if p.previous is not None}
        texts: dict[str, str] = {}
        for cid, chunk in self.reader.chunks().items():
            if chunk.metadata.get("doc_id") in docs:
                crumb = str(chunk.metadata.get("breadcrumb", ""))
                embedded = f"{crumb}\n{chunk.text}" if crumb else chunk.text
                if embedded in wanted:
                    texts[cid] = embedded
        stored = self.reader.vectors(list(texts))
        self._embedding_cache.seed({texts[cid]: vector for cid, vector in stored.items()})

    def _tag_pillars(self, chunks: list[Chunk]) -> None:
        """Each passage's pillar tags, from its vector and its terms, added to those its document's
        front matter gives."""
        vectors = self._embedding_cache.embed_documents([c.embed_text for c in chunks])
        for chunk, tags in zip(chunks, self.pillars.tags(vectors, [c.text for c in chunks])):
            given = [p for p in str(chunk.metadata.get("pillars", "")).split(",") if p]
            pillars = [p for p in PILLARS if p in given or p in tags]
            chunk.metadata["pillars"] = ",".join(pillars)
            for p in PILLARS:
                chunk.metadata[f"pillar_{p}"] = p in pillars

    def _prepare(self, path: Path) -> "_Prepared | FileResult":
        """Read and chunk one file, or say why it is skipped or failed."""
        resolved = str(path.resolve())
        try:
            document = load_document(path, self.settings.limits)
            admin_verified = self.registry.verified_by(document.sha256) is not None
            fingerprint = (f"{document.sha256}:{PIPELINE_VERSION}:{self.settings.embedding.max_seq_length}"
                           + (":verified" if admin_verified else ""))
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
            if admin_verified:
                for chunk in chunks:
                    chunk.metadata["verified"] = True
        except DocumentError as exc:
            return FileResult(resolved, "failed", error=exc.reason)
        except Exception as exc:  # a parser bug must not stop the other files
            # the report carries the reason; the traceback is for debugging only
            log.debug("unexpected error while reading %s", path, exc_info=True)
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
            self.store.langchain,
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

    def mark_verified(self, doc_id: str, verified_by: str = "") -> FileResult:
        """Record an admin's word that a document may be trusted, and index it again so that its
        passages are no longer marked unverified. Bound to the file's present content: once the
        file changes it is unverified again (unless its own front matter says otherwise)."""
        record = self.registry.get(doc_id)
        if record is None:
            raise KeyError(f"no indexed document with id '{doc_id}'")
        path = Path(record.path)
        if not path.is_file():
            raise ValueError(f"the file of '{doc_id}' is gone ({record.path}); it cannot be verified")
        self.registry.add_verification(load_document(path, self.settings.limits).sha256, verified_by)
        log.info("%s marked verified by %r", doc_id, verified_by)
        report = self.ingest([path])
        return report.files[0]

    # -- removing and recovering -------------------------------------------------------------
    def remove(self, doc_id: str) -> int:
        """Delete a document's chunks from both indexes and the document list."""
        with self.lock.hold():
            self.reader.refresh()
            try:
                return self._remove(doc_id)
            finally:
                self._publish()

    def _remove(self, doc_id: str) -> int:
        keys = set(self.records.list_keys(group_ids=[doc_id]))
        keys |= set(self.store.ids_of(doc_id))  # chunks written before a crash may have no record
        if keys:
            self.store.delete(sorted(keys))
            self.records.delete_keys(sorted(keys))
        self.registry.remove(doc_id)
        return len(keys)

    def orphans(self) -> list[str]:
        """Documents whose chunks are in Chroma but which have no document record (a write
        interrupted before its record, or a record lost): ``ingest --prune`` removes them."""
        return self._orphans(self.store.metadatas()[1])

    def _orphans(self, metadatas: Sequence[dict[str, Any]]) -> list[str]:
        known = {r.doc_id for r in self.registry.all()}
        found = {str(m.get("doc_id", "")) for m in metadatas}
        return sorted(d for d in found - known if d)

    def check(self) -> list[str]:
        """How Chroma, the chunk records, the BM25 index and the document list disagree (empty:
        they agree)."""
        problems: list[str] = []
        ids, metadatas = self.store.metadatas()
        in_chroma = set(ids)
        recorded = set(self.records.list_keys())
        if in_chroma - recorded:
            problems.append(f"{len(in_chroma - recorded)} chunks in Chroma have no chunk record")
        if recorded - in_chroma:
            problems.append(f"{len(recorded - in_chroma)} chunk records have no chunk in Chroma")
        orphans = self._orphans(metadatas)
        if orphans:
            problems.append(f"{len(orphans)} documents have chunks but no document record: {', '.join(orphans[:5])}"
                            " (run `pandu ingest --prune`)")
        per_doc: dict[str, int] = {}
        for meta in metadatas:
            doc_id = str(meta.get("doc_id", ""))
            per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
        for record in self.registry.all():
            if per_doc.get(record.doc_id, 0) != record.chunks:
                problems.append(f"{record.doc_id}: {per_doc.get(record.doc_id, 0)} chunks in Chroma, "
                                f"{record.chunks} in its document record")
        lexical = self.lexicals.load(self.store.generation.current())
        if lexical is None:
            problems.append("no BM25 index is saved for the current generation (it is built at the next query)")
        elif set(lexical.ids) != in_chroma:
            problems.append(f"the BM25 index holds {len(lexical)} chunks, Chroma {len(in_chroma)}")
        return problems

    def close(self) -> None:
        self.records.close()
        self.registry.close()


class _IngestRun:
    """One ingest's progress: the report, the callbacks, the cancel event and the terminal bars."""

    def __init__(self, writer: IndexWriter, report: IngestReport, emit: Callable[[FileResult], None], total: int,
                 on_progress: Callable[[IngestProgress], None] | None, cancel: threading.Event | None, bars: bool):
        self.report = report
        self.emit = emit
        self.total = total
        self.files_done = 0
        self._on_progress = on_progress
        self._cancel = cancel
        self._bars = bars
        self._embed_bar: tqdm | None = None

    def files(self, files: list[Path]) -> Iterable[Path]:
        return tqdm(files, desc="ingest", unit="file", disable=not self._bars)

    def check(self) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise IngestCancelled()

    def _tell(self, event: IngestProgress) -> None:
        if self._on_progress:
            self._on_progress(event)

    def read(self, path: Path) -> None:
        self.files_done += 1
        self._tell(IngestProgress("read", self.files_done, self.total, path.name))

    def embedded(self, done: int, total: int) -> None:
        if self._bars:
            if self._embed_bar is None or self._embed_bar.total != total:
                self.close()
                self._embed_bar = tqdm(total=total, desc="embed", unit="passage", leave=False)
            self._embed_bar.update(done - self._embed_bar.n)
        self._tell(IngestProgress("embed", self.files_done, self.total, chunks_done=done, chunks_total=total))
        self.check()

    def written(self, result: FileResult) -> None:
        self._tell(IngestProgress("written", self.files_done, self.total, Path(result.path).name))

    def close(self) -> None:
        if self._embed_bar is not None:
            self._embed_bar.close()
            self._embed_bar = None
