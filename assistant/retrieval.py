"""Hybrid retrieval: direct provision lookup, dense (Chroma) + BM25, fused, filtered.

``HybridRetriever`` is a LangChain ``BaseRetriever``; ``search`` returns scored chunks with the
signals the answerer needs to decide whether the evidence is strong enough.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from collections.abc import Sequence
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.documents.names import find_provision_references, find_regulation_names, normalize_regulation_name
from assistant.index.bilingual import expand_for_lexical
from assistant.index.legal_links import LegalLinks
from assistant.index.reading import IndexReader, StoredChunk
from assistant.reranking import PairScorer, rerank
from assistant.settings import RetrievalSettings

log = logging.getLogger(__name__)

DOC_TYPES = ("regulation", "speech", "article", "note")


@dataclass(frozen=True)
class SearchFilters:
    """Metadata filters; empty values mean "any"."""

    doc_types: tuple[str, ...] = ()
    regulations: tuple[str, ...] = ()  # canonical short names
    years: tuple[str, ...] = ()
    pillars: tuple[str, ...] = ()  # structure | competence | culture

    @classmethod
    def parse(cls, specs: list[str] | None) -> "SearchFilters":
        """From CLI-style ``key=value[,value]`` strings (keys: type, regulation, year, pillar)."""
        values: dict[str, list[str]] = {"type": [], "regulation": [], "year": [], "pillar": []}
        for spec in specs or []:
            key, sep, raw = spec.partition("=")
            key = key.strip().lower()
            if not sep or key not in values:
                raise ValueError(f"filter '{spec}' is not key=value with key in type, regulation, year, pillar")
            for item in raw.split(","):
                if item.strip():
                    values[key].append(item.strip())
        regs = []
        for r in values["regulation"]:
            name = normalize_regulation_name(r)
            if not name:
                raise ValueError(f"unknown regulation '{r}' (try a short name such as 'Perpres 132/2022')")
            regs.append(name)
        bad = [t for t in values["type"] if t not in DOC_TYPES]
        if bad:
            raise ValueError(f"unknown document type {bad}; use one of {', '.join(DOC_TYPES)}")
        bad = [p for p in values["pillar"] if p not in ("structure", "competence", "culture")]
        if bad:
            raise ValueError(f"unknown pillar {bad}; use structure, competence or culture")
        return cls(tuple(values["type"]), tuple(regs), tuple(values["year"]), tuple(values["pillar"]))

    def __bool__(self) -> bool:
        return bool(self.doc_types or self.regulations or self.years or self.pillars)

    def matches(self, meta: dict[str, Any]) -> bool:
        if self.doc_types and meta.get("doc_type") not in self.doc_types:
            return False
        if self.regulations and meta.get("short_name") not in self.regulations \
                and meta.get("amends") not in self.regulations:
            return False  # a provision amending a named regulation belongs to it too
        if self.years:
            year = str(meta.get("tahun") or str(meta.get("date", ""))[:4])
            if year not in self.years:
                return False
        if self.pillars and not any(meta.get(f"pillar_{p}") for p in self.pillars):
            return False
        return True

    def chroma_where(self) -> dict[str, Any] | None:
        """The same filter in Chroma's ``where`` syntax (years are applied afterwards)."""
        clauses: list[dict[str, Any]] = []
        if self.doc_types:
            clauses.append({"doc_type": {"$in": list(self.doc_types)}})
        if self.regulations:
            clauses.append({"$or": [{"short_name": {"$in": list(self.regulations)}},
                                    {"amends": {"$in": list(self.regulations)}}]})
        if self.pillars:
            ors = [{f"pillar_{p}": True} for p in self.pillars]
            clauses.append(ors[0] if len(ors) == 1 else {"$or": ors})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


@dataclass
class ScoredChunk:
    chunk: StoredChunk
    score: float  # fused, in [0, 1] (provision lookups: 1.0)
    dense: float = 0.0  # cosine similarity
    lexical: float = 0.0  # raw BM25
    direct: bool = False  # reached by naming the provision
    amended_by: str = ""  # indexed regulations that amend this provision since ("UU 1/2024")
    cited_by: list[str] = field(default_factory=list)  # provisions of any indexed text citing this one
    via: str = ""  # for a passage brought in by a link: the text of the passage it was reached from
    via_rank: int | None = None  # and that passage's rank among the hits

    @property
    def id(self) -> str:
        return self.chunk.id

    @property
    def metadata(self) -> dict[str, Any]:
        return self.chunk.metadata


@dataclass
class SearchResult:
    query: str
    hits: list[ScoredChunk] = field(default_factory=list)
    top_dense: float = 0.0  # best cosine similarity among candidates
    top_lexical: float = 0.0  # best BM25 score among candidates
    direct: bool = False  # a named provision was found
    vector: list[float] = field(default_factory=list)  # the query's embedding, for later stages


def _minmax(values: dict[str, float]) -> dict[str, float]:
    if not values:
        return {}
    arr = np.fromiter(values.values(), dtype=np.float64)
    lo, hi = float(arr.min()), float(arr.max())
    if hi - lo < 1e-9:
        return {k: 1.0 for k in values}
    return {k: (v - lo) / (hi - lo) for k, v in values.items()}


def _pasal_number(pasal: str) -> str:
    m = re.search(r"\d+[A-Z]?", pasal or "")
    return m.group(0) if m else ""


class HybridSearch:
    """The search itself, independent of LangChain's retriever interface."""

    def __init__(self, reader: IndexReader, embeddings: Embeddings, settings: RetrievalSettings,
                 reranker: PairScorer | None = None):
        self.reader = reader
        self.embeddings = embeddings
        self.settings = settings
        self.reranker = reranker
        # built for one state of the index: the chunks dict they were built from is kept (compared
        # by identity; an id() could be reused by a later dict once the old one is freed)
        self._links_for: dict[str, Any] | None = None
        self._links: dict[str, list[str]] = {}
        self._legal_for: dict[str, Any] | None = None
        self._legal = LegalLinks()

    # -- links from notes to the provisions they cite ----------------------------------------
    def cited_provisions(self) -> dict[str, list[str]]:
        """For each note/speech/article chunk, the ids of the regulation chunks it cites."""
        chunks = self.reader.chunks()
        if self._links_for is chunks:
            return self._links
        by_provision: dict[tuple[str, str], list[str]] = {}
        for cid, c in chunks.items():
            meta = c.metadata
            if meta.get("doc_type") == "regulation" and meta.get("part") in ("batang_tubuh", "lampiran"):
                key = (str(meta.get("short_name")), _pasal_number(str(meta.get("pasal", ""))) or "Lampiran")
                by_provision.setdefault(key, []).append(cid)
        links: dict[str, list[str]] = {}
        for cid, c in chunks.items():
            if c.metadata.get("doc_type") == "regulation":
                continue
            found: list[str] = []
            for ref in find_provision_references(c.text):
                if ref.regulation:
                    found += by_provision.get((ref.regulation, _pasal_number(ref.pasal)), [])
            for m in re.finditer(r"Lampiran\s+(\w+\s+\d+/\d{4})", c.text):
                name = normalize_regulation_name(m.group(1))
                if name:
                    found += by_provision.get((name, "Lampiran"), [])
            if found:
                links[cid] = list(dict.fromkeys(found))
        self._links, self._links_for = links, chunks
        return links

    def legal_links(self) -> LegalLinks:
        """The law's own links between the indexed passages, built once per state of the index."""
        chunks = self.reader.chunks()
        if self._legal_for is not chunks:
            self._legal, self._legal_for = LegalLinks.build(chunks), chunks
        return self._legal

    def amendments(self) -> dict[tuple[str, str], str]:
        return self.legal_links().amendments

    def provision_chunks(self) -> dict[tuple[str, str, str], list[str]]:
        return self.legal_links().provisions

    def definitions(self) -> dict[str, dict[str, str]]:
        return self.legal_links().definitions

    def citing(self) -> dict[tuple[str, str], list[str]]:
        return self.legal_links().citing

    # -- stages --------------------------------------------------------------------------
    def provision_hits(self, query: str, filters: SearchFilters) -> list[ScoredChunk]:
        """Chunks of provisions named in the question ("Pasal 5 ayat (2) UU 27/2022")."""
        refs = [r for r in find_provision_references(query) if r.regulation and r.pasal]
        if not refs:
            return []
        hits: list[ScoredChunk] = []
        for ref in refs:
            want = _pasal_number(ref.pasal)
            found = [
                c
                for c in self.reader.chunks().values()
                if ref.regulation in (c.metadata.get("short_name"), c.metadata.get("amends"))
                and _pasal_number(str(c.metadata.get("pasal", ""))) == want
                and str(c.metadata.get("pasal", "")).startswith("Pasal")
                and filters.matches(c.metadata)
            ]

            def order(c: StoredChunk) -> tuple:
                meta = c.metadata
                angka_match = bool(ref.angka) and str(meta.get("angka")) == ref.angka
                ayat_match = bool(ref.ayat) and ref.ayat.strip("()") in str(meta.get("ayat", ""))
                # The wording in force first: the latest amendment of the provision, then the original.
                amended_in = -int(str(meta.get("tahun") or 0)) if meta.get("amends") == ref.regulation else 0
                return (
                    not angka_match,
                    not ayat_match,
                    meta.get("part") != "batang_tubuh",
                    amended_in,
                    int(meta.get("chunk_index", 0)),
                )

            for c in sorted(found, key=order):
                hits.append(ScoredChunk(c, 1.0, direct=True))
        return hits

    def dense_hits(self, query: str, filters: SearchFilters, n: int, vector: list[float] | None = None) -> dict[str, float]:
        vector = vector if vector is not None else self.embeddings.embed_query(query)
        total = self.reader.chunk_count()
        if total == 0:
            return {}
        if total <= self.settings.exact_dense_limit:
            return self.reader.nearest(vector, n, self._allowed_ids(filters))
        return self.reader.approximate_nearest(vector, n, filters.chroma_where())

    def lexical_hits(self, query: str, filters: SearchFilters, n: int) -> dict[str, float]:
        return dict(self.reader.lexical().search(expand_for_lexical(query), n, self._allowed_ids(filters)))

    def _allowed_ids(self, filters: SearchFilters) -> set[str] | None:
        """The chunks a filter lets through (None: no filter, every chunk)."""
        if not filters:
            return None
        return {cid for cid, c in self.reader.chunks().items() if filters.matches(c.metadata)}

    def fuse(self, dense: dict[str, float], lexical: dict[str, float]) -> dict[str, float]:
        if self.settings.fusion == "rrf":
            fused: dict[str, float] = {}
            for ranking in (dense, lexical):
                for rank, cid in enumerate(sorted(ranking, key=lambda c: (-ranking[c], c))):
                    fused[cid] = fused.get(cid, 0.0) + 1.0 / (self.settings.rrf_k + rank + 1)
            top = max(fused.values(), default=1.0)
            return {k: v / top for k, v in fused.items()}
        w = self.settings.dense_weight
        nd, nl = _minmax(dense), _minmax(lexical)
        return {cid: w * nd.get(cid, 0.0) + (1 - w) * nl.get(cid, 0.0) for cid in set(nd) | set(nl)}

    # -- the whole search -----------------------------------------------------------------
    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None) -> SearchResult:
        k = k or self.settings.k
        filters = filters or SearchFilters()
        n = max(self.settings.candidates, k)
        chunks = self.reader.chunks()
        direct = self.provision_hits(query, filters)
        vector = self.embeddings.embed_query(query)
        dense = self.dense_hits(query, filters, n, vector)
        if filters.years:
            dense = {cid: s for cid, s in dense.items() if cid in chunks and filters.matches(chunks[cid].metadata)}
        lexical = self.lexical_hits(query, filters, n)
        fused = self.fuse(dense, lexical)
        named = set(find_regulation_names(query))
        for cid in fused:
            meta = chunks[cid].metadata if cid in chunks else {}
            if named and meta.get("short_name") in named:  # preferred, not required
                fused[cid] += self.settings.named_regulation_boost
            if meta.get("doc_type") == "regulation":
                fused[cid] += self.settings.regulation_boost
        # ties go to the closer passage, then to the id, so the order is the same on every run
        ranked = sorted(fused, key=lambda c: (-fused[c], -dense.get(c, 0.0), c))
        if self.settings.link_cited:
            ranked, fused, dense = self._insert_cited(query, ranked, fused, dense, vector, filters, k)
        result = SearchResult(
            query,
            vector=list(vector),
            top_dense=max(dense.values(), default=0.0),
            top_lexical=max(lexical.values(), default=0.0),
            direct=bool(direct),
        )
        seen: set[str] = set()
        depth = max(k, self.settings.rerank_depth) if self.reranker else k
        for hit in direct:
            if hit.id not in seen:
                hit.dense = dense.get(hit.id, 0.0)
                hit.lexical = lexical.get(hit.id, 0.0)
                result.hits.append(hit)
                seen.add(hit.id)
        for cid in ranked:
            if len(result.hits) >= max(depth, len(direct)):
                break
            if cid in seen or cid not in chunks:
                continue
            result.hits.append(
                ScoredChunk(chunks[cid], min(1.0, fused[cid]), dense.get(cid, 0.0), lexical.get(cid, 0.0))
            )
            seen.add(cid)
        if self.reranker is not None:
            result.hits = rerank(query, result.hits, self.reranker, self.settings.rerank_depth)
        result.hits = result.hits[: max(k, len(direct))]
        amendments, citing = self.amendments(), self.citing()
        for hit in result.hits:
            meta = hit.metadata
            if meta.get("doc_type") != "regulation" or meta.get("part") != "batang_tubuh":
                continue
            key = (str(meta.get("amends") or meta.get("short_name")), str(meta.get("pasal", "")))
            if not meta.get("amends"):
                hit.amended_by = amendments.get(key, "")
            hit.cited_by = citing.get(key, [])
        return result

    def _insert_cited(self, query, ranked, fused, dense, vector, filters, k):
        """Bring in the provision that a high-ranked note or speech cites (the cited chunk
        closest to the question). It goes just before the note when it is about as close to the
        question as the note (the primary source outranks its summary), just after it when it
        is somewhat less close, and not at all when it is far off."""
        links = self.cited_provisions()
        chunks = self.reader.chunks()
        margin = self.settings.link_margin
        out: list[str] = []
        placed: set[str] = set()
        definitional = is_definitional(query)
        for cid in ranked[: k + 5]:
            candidates = links.get(cid, [])
            if not definitional:  # a definition is rarely the answer to anything else
                candidates = [c for c in candidates if c in chunks and not chunks[c].metadata.get("angka")]
            best = self._best_linked(candidates, vector, filters, chunks)
            linked, similarity = best[0] if best else ("", 0.0)
            note_similarity = dense.get(cid) or self.reader.similarities(vector, [cid]).get(cid, 0.0)
            before = bool(linked) and linked not in placed and similarity >= note_similarity - margin
            after = bool(linked) and linked not in placed and not before and similarity >= note_similarity - 2 * margin
            if before or after:
                fused[linked] = max(fused.get(linked, 0.0), fused[cid] - (0.0 if before else 1e-6))
                dense[linked] = max(dense.get(linked, 0.0), similarity)
            if before:
                out.append(linked)
                placed.add(linked)
            if cid not in placed:
                out.append(cid)
                placed.add(cid)
            if after:
                out.append(linked)
                placed.add(linked)
        out += [c for c in ranked[k + 5 :] if c not in placed]
        return out, fused, dense

    def _best_linked(self, ids, vector, filters, chunks) -> list[tuple[str, float]]:
        allowed = [c for c in ids if c in chunks and filters.matches(chunks[c].metadata)]
        if not allowed:
            return []
        sims = self.reader.similarities(vector, allowed)
        return sorted(sims.items(), key=lambda kv: kv[1], reverse=True)


_DEFINITIONAL = re.compile(
    r"\b(apa (itu|yang dimaksud|arti|maksud)|yang dimaksud dengan|pengertian|definisi|arti(nya)?|"
    r"what (is|are|does)|meaning|defin(e|ition))\b",
    re.IGNORECASE,
)


def is_definitional(question: str) -> bool:
    """Whether the question asks what a term means."""
    return bool(_DEFINITIONAL.search(question))


def notes_about(regulations: Sequence[str], hits: Sequence[ScoredChunk]) -> list[ScoredChunk]:
    """The hits from documents other than regulations (notes, guides, speeches) whose title or
    source names one of ``regulations``: what may be said of a regulation whose text is not indexed."""
    wanted = set(regulations)
    return [h for h in hits if h.metadata.get("doc_type") != "regulation"
            and wanted & set(find_regulation_names(f"{h.metadata.get('title', '')} {h.metadata.get('source', '')}"))]


class HybridRetriever(BaseRetriever):
    """LangChain retriever over the index (dense + BM25 + provision lookup)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    search_engine: HybridSearch
    k: int = 6
    filters: SearchFilters = SearchFilters()

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        result = self.search_engine.search(query, self.k, self.filters)
        return [
            Document(
                id=h.id,
                page_content=h.chunk.text,
                metadata={**h.metadata, "score": h.score, "dense": h.dense, "lexical": h.lexical},
            )
            for h in result.hits
        ]
