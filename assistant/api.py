"""The one facade that the UI, the CLI and the tests use.

    assistant = Assistant()                     # settings from the environment / .env
    assistant.ingest(["corpus/"])               # idempotent
    answer = assistant.ask("Apa itu Arsitektur SPBE?")
    for event in assistant.stream("...", history=[...]): ...
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from assistant.answering.answer_type import AnswerType, value_question
from assistant.answering.citations import citation_label, make_sources
from assistant.answering.evidence import evidence_score
from assistant.answering.asks import analyse_question
from assistant.answering.compose import compose_answer, not_stated_lines, quoted_passages
from assistant.answering.links import follow_links
from assistant.answering.reader import Reading, read
from assistant.answering.language import Language, detect_language, messages
from assistant.answering.types import Answer
from assistant.chat import condense_question
from assistant.documents.names import find_regulation_names
from assistant.index.indexing import KnowledgeIndex
from assistant.index.reading import StoredChunk
from assistant.index.writing import FileResult, IngestProgress, IngestReport
from assistant.obligations.register import ObligationQuery, ObligationRegister, RegisterEntry
from assistant.training.model import TrainingModule
from assistant.index.legal_status import legal_status
from assistant.index.registry import DocumentRecord
from assistant.retrieval import (
    HybridRetriever, HybridSearch, ScoredChunk, SearchFilters, SearchResult, notes_about,
)
from assistant.settings import Settings, get_settings

log = logging.getLogger(__name__)


@dataclass
class StreamEvent:
    """``kind`` is "status" (text = a short progress note), "token" (text = a piece of the
    answer) or "answer" (answer = the final, checked answer)."""

    kind: str
    text: str = ""
    answer: Answer | None = None


_UNIT_VECTOR_CACHE = 20_000  # answer units whose embedding is kept (about 30 MB)


class Assistant:
    """Ingest documents, search them, and answer questions with citations."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or get_settings()
        self._index: KnowledgeIndex | None = None
        self._search: HybridSearch | None = None
        self._llm = None
        self._unit_vectors: dict[str, np.ndarray] = {}  # embedding of answer units, by text (bounded)
        self._unit_lock = threading.Lock()
        self._register: tuple[dict, ObligationRegister] | None = None  # built for one snapshot's chunks
        self._register_lock = threading.Lock()

    # -- components (opened on first use) --------------------------------------------------
    @property
    def index(self) -> KnowledgeIndex:
        if self._index is None:
            self._index = KnowledgeIndex(self.settings)
        return self._index

    @property
    def search_engine(self) -> HybridSearch:
        if self._search is None:
            reranker = None
            if self.settings.retrieval.rerank:
                from assistant.reranking import CrossEncoderScorer

                reranker = CrossEncoderScorer(self.settings.retrieval.rerank_model, self.settings.embedding.device)
            self._search = HybridSearch(self.index.reader, self.index.embeddings, self.settings.retrieval, reranker)
        return self._search

    def retriever(self, k: int | None = None, filters: SearchFilters | None = None) -> HybridRetriever:
        """A LangChain retriever over this assistant's index."""
        return HybridRetriever(
            search_engine=self.search_engine, k=k or self.settings.retrieval.k, filters=filters or SearchFilters()
        )

    @property
    def llm(self):
        if self.settings.llm.backend == "extractive":
            return None
        if self._llm is None:
            from assistant.answering.llm import LLMAnswerer

            self._llm = LLMAnswerer(self.settings.llm)
        return self._llm

    def warm_up(self) -> None:
        """Load the model and indexes now, so that the first question is fast."""
        self.index.embeddings.embed_query("SPBE")
        self.index.reader.lexical()

    # -- documents ------------------------------------------------------------------------
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
        """Index files and folders (see ``IndexWriter.ingest``): ``on_file`` gets each file's
        result, ``on_progress`` each step; setting ``cancel`` stops at the next step."""
        return self.index.writer.ingest(paths, prune=prune, progress=progress, on_file=on_file,
                                        on_progress=on_progress, cancel=cancel)

    def ensure_corpus_indexed(self, progress: bool = False) -> IngestReport | None:
        """Index the bundled corpus when the index holds no document yet."""
        if self.index.documents():
            return None
        log.info("index is empty: indexing the bundled corpus at %s", self.settings.corpus_dir)
        return self.ingest([self.settings.corpus_dir], progress=progress)

    def remove(self, doc_id: str) -> int:
        """Remove a document (also one whose chunks outlived its record after a crash)."""
        if self.index.writer.registry.get(doc_id) is None and doc_id not in self.index.writer.orphans():
            raise KeyError(f"no indexed document with id '{doc_id}'")
        return self.index.writer.remove(doc_id)

    def mark_verified(self, doc_id: str, verified_by: str = "") -> FileResult:
        """An admin vouches for an uploaded note or speech: its passages lose the "unverified"
        mark (until its file changes)."""
        return self.index.writer.mark_verified(doc_id, verified_by)

    def check(self) -> list[str]:
        """How the parts of the index disagree (empty when Chroma, BM25 and records agree)."""
        return self.index.writer.check()

    def documents(self) -> list[DocumentRecord]:
        """The indexed documents, each with what the law says of it (amended, repealed, ...)."""
        records = self.index.documents()
        status = legal_status(c.metadata for c in self.index.reader.chunks().values())
        return [replace(r, legal_status=status.get(r.doc_id, "")) for r in records]

    def document_chunks(self, doc_id: str) -> list[StoredChunk]:
        return self.index.reader.document_chunks(doc_id)

    def obligation_register(self) -> ObligationRegister:
        """The obligations of the indexed regulations, read again after every change to the index."""
        self.index.reader.refresh()
        chunks = self.index.reader.chunks()
        with self._register_lock:
            if self._register is None or self._register[0] is not chunks:
                self._register = (chunks, ObligationRegister.from_chunks(chunks))
            return self._register[1]

    def obligations(self, query: ObligationQuery | None = None) -> list[RegisterEntry]:
        """The obligations that match ``query`` (all of them without one); ``ValueError`` for an
        actor or pillar the register does not know."""
        return self.obligation_register().query(query or ObligationQuery())

    def build_module(self, topic: str, audience: str = "tim_spbe", quiz: int | None = None,
                     language: str = "id") -> TrainingModule:
        """A training module on ``topic`` for ``audience`` from the indexed sources (every point
        quoted and cited); ``ValueError`` for an unknown audience or an empty topic."""
        from assistant.training.builder import ModuleBuilder

        self.index.reader.refresh()
        return ModuleBuilder(self, self.settings.training).build(topic, audience, quiz, language)

    def status(self) -> dict[str, Any]:
        return self.index.status()

    # -- questions ------------------------------------------------------------------------
    def retrieve(self, question: str, k: int | None = None, filters: SearchFilters | None = None) -> SearchResult:
        self.index.reader.refresh()  # a change made by another process (CLI, admin, another instance) counts now
        return self.search_engine.search(question, k or self.settings.retrieval.k, filters)

    def standalone(self, question: str, history: Sequence[str] | None = None) -> str:
        rewrite = self.llm.condense if self.llm is not None else None
        return condense_question(question, history or [], rewrite)

    def evidence(self, result: SearchResult, question: str) -> float:
        """How strongly the retrieved passages bear on the question, in [0, 1]."""
        return evidence_score(result, question, self.index.reader.lexical(), detect_language(question))

    def ask(
        self,
        question: str,
        history: Sequence[str] | None = None,
        k: int | None = None,
        filters: SearchFilters | None = None,
    ) -> Answer:
        answer: Answer | None = None
        for event in self.stream(question, history, k, filters):
            if event.kind == "answer":
                answer = event.answer
        assert answer is not None
        return answer

    def stream(
        self,
        question: str,
        history: Sequence[str] | None = None,
        k: int | None = None,
        filters: SearchFilters | None = None,
    ) -> Iterator[StreamEvent]:
        """Answer ``question``, yielding tokens as they come and the checked answer last."""
        started = time.perf_counter()
        question = (question or "").strip()
        if not question:
            raise ValueError("the question is empty")
        limit = self.settings.limits.max_question_chars
        if len(question) > limit:
            raise ValueError(f"the question is {len(question)} characters long; at most {limit} are read")
        language: Language = detect_language(question)
        standalone = self.standalone(question, history)
        result = self.retrieve(standalone, k, filters)
        sources = make_sources(result.hits)
        backend = self.settings.llm.backend

        def final(text: str, abstained: bool, citations=()) -> StreamEvent:
            return StreamEvent(
                "answer",
                answer=Answer(
                    question=question,
                    text=text,
                    abstained=abstained,
                    citations=list(citations),
                    sources=sources,
                    standalone_question=standalone,
                    language=language,
                    backend=backend,
                    seconds=time.perf_counter() - started,
                ),
            )

        if not result.hits:
            empty = self.index.reader.chunk_count() == 0
            yield final(messages(language).empty_index if empty else messages(language).no_sources, True)
            return
        preface = ""  # said before the answer
        missing = self.missing_regulations(standalone)
        if missing:
            # a regulation whose text is not indexed: only the notes written about it may speak of it
            about = notes_about(missing, result.hits)
            if not about:
                yield final(self._abstain_text(result, language, missing), True)
                return
            result = replace(result, hits=about)
            sources = make_sources(about)
            preface = messages(language).notes_on_missing.format(names=", ".join(missing)) + "\n\n"
        hits = result.hits[: self.settings.answer.max_passages_in_prompt]
        needed = value_question(standalone, asked=question)
        if not result.direct:
            if needed is not None and not needed.found_in(hit.chunk.text for hit in hits):
                yield final(preface + self._abstain_text(result, language, lacking=needed.expected), True)
                return
            if self.evidence(result, standalone) < self.settings.answer.abstain_threshold:
                yield final(preface + self._abstain_text(result, language), True)
                return
        reading, read_hits = self.read_question(standalone, hits, result.vector, asked=question)
        # passages the law's links brought in are sources too: every citation is among the sources shown
        sources = make_sources(list(result.hits) + read_hits[len(hits):])
        if not reading.answered:  # no ask of the question is answered by the sources: say so
            yield final(preface + self._abstain_text(result, language, unanswered=reading), True)
            return
        if self.llm is None:
            text, citations = compose_answer(reading, read_hits, language)
            yield StreamEvent("token", text=preface + text)
            yield final(preface + text, not citations, citations)
            return
        # The model writes from the reader's selection, knowing the asks and what is not stated.
        passages = quoted_passages(reading, read_hits)
        asks = [f.ask.text for f in reading.findings]
        not_stated = not_stated_lines(reading, read_hits, language)
        raw = ""
        for token in self.llm.stream_tokens(standalone, passages, language, asks=asks, not_stated=not_stated):
            raw += token
            yield StreamEvent("token", text=token)
        text, citations, abstained = self.llm.finish(raw, passages, language, not_stated=not_stated)
        yield final(preface + text, abstained, citations)

    def read_question(
        self, question: str, hits: list[ScoredChunk], vector: Sequence[float] = (), asked: str = ""
    ) -> tuple[Reading, list[ScoredChunk]]:
        """What the question asks, and which unit of the passages (and of the passages the law
        links them to) answers each ask; with the passages read. ``vector`` is the question's
        embedding when the search has already computed it; ``asked``, the user's own words when
        ``question`` is the standalone form of a follow-up."""
        analysis = analyse_question(question, asked)
        linked = follow_links(analysis, hits, self.search_engine)
        return read(analysis, linked, self.settings.answer, idf=self.index.reader.lexical().idf,
                    closeness=lambda texts: self.closeness(question, texts, vector)), linked

    def closeness(self, question: str, texts: list[str], vector: Sequence[float] = ()) -> list[float]:
        """Cosine of the question with each text (embedding model); unit vectors are cached."""
        query = np.asarray(vector if len(vector) else self.index.embeddings.embed_query(question))
        with self._unit_lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._unit_vectors]
        vectors = self.index.embeddings.embed_documents(missing) if missing else []
        with self._unit_lock:
            for text, vector in zip(missing, vectors):
                self._unit_vectors[text] = np.asarray(vector)
            while len(self._unit_vectors) > _UNIT_VECTOR_CACHE:
                self._unit_vectors.pop(next(iter(self._unit_vectors)))
            found = [self._unit_vectors.get(t) for t in texts]
        return [float(query @ v) if v is not None else 0.0 for v in found]

    def missing_regulations(self, question: str) -> list[str]:
        """Regulations the question names explicitly whose text is not indexed (when it names
        no indexed one): their content cannot be quoted, only guessed at."""
        named = find_regulation_names(question)
        if not named:
            return []
        indexed = {d.short_name for d in self.documents() if d.doc_type == "regulation"}
        return [] if set(named) & indexed else named

    @staticmethod
    def _abstain_text(
        result: SearchResult, language: Language, missing: Sequence[str] = (), lacking: AnswerType | None = None,
        unanswered: Reading | None = None,
    ) -> str:
        msg = messages(language)
        if missing:
            head = msg.missing_regulation.format(names=", ".join(missing))
        elif lacking is not None:
            head = msg.missing_value.format(kind=msg.answer_kinds[lacking.value])
        elif unanswered is not None:  # per ask: what the sources found do not say
            head = "\n".join(not_stated_lines(unanswered, list(result.hits), language))
        else:
            head = msg.abstain
        closest = [f"- {citation_label(h.metadata)}" + ("" if h.metadata.get("verified", True) else f" ({msg.unverified})")
                   for h in result.hits[:3]]
        return f"{head}\n\n{msg.closest}\n" + "\n".join(closest)
