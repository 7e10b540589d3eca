"""Follow the law's own links from the retrieved passages before reading them.

- the Penjelasan of a retrieved Pasal comes along when it says more than "Cukup jelas" (empty
  Penjelasan items are pruned at chunking, so an indexed Penjelasan chunk says something);
- a question about a sanction or consequence brings the provisions that cite a retrieved Pasal
  and impose a sanction (Pasal 57 UU 27/2022 onto the obligations it lists);
- a term of the question that the regulation defines brings its Pasal 1 definition;
- an amended provision is found under the regulation it amends (retrieval does that already).
Linked passages are added after the retrieved ones, scored just below the passage they hang on and
ranked as it is.
"""

from __future__ import annotations

import re

from assistant.answering.asks import AskKind, QuestionAnalysis
from assistant.answering.reader import sanction_pattern
from assistant.documents.regulation.references import parse_reference_key
from assistant.retrieval import HybridSearch, ScoredChunk

_SANCTION_WORDS = re.compile(r"\b(?:sanksi\w*|pidana\w*|denda\w*|hukuman\w*|ancaman|penalt\w+|sanction\w*|fine[sd]?)\b",
                             re.IGNORECASE)
_FOLLOW_TOP = 3  # links are followed from this many of the best passages
_MAX_LINKED = 4  # at most this many passages are added
_LINK_DISCOUNT = 0.9


def follow_links(analysis: QuestionAnalysis, hits: list[ScoredChunk], search: HybridSearch) -> list[ScoredChunk]:
    """``hits`` with the passages the law links them to appended."""
    chunks = search.reader.chunks()
    provisions = search.provision_chunks()
    about_sanction = AskKind.SANCTION in analysis.kinds or bool(_SANCTION_WORDS.search(analysis.question))
    citing = search.citing() if about_sanction else {}
    seen = {h.id for h in hits}
    added: list[ScoredChunk] = []

    def add(cid: str, anchor: ScoredChunk) -> None:
        if cid in seen or cid not in chunks or len(added) >= _MAX_LINKED:
            return
        seen.add(cid)
        added.append(ScoredChunk(chunks[cid], anchor.score * _LINK_DISCOUNT, anchor.dense, anchor.lexical,
                                 via=anchor.chunk.text, via_rank=hits.index(anchor)))

    anchors = [h for h in hits[:_FOLLOW_TOP]
               if h.metadata.get("doc_type") == "regulation" and h.metadata.get("part") == "batang_tubuh"]
    for hit in anchors:  # the sanctions first: they answer the question asked
        key = (str(hit.metadata.get("amends") or hit.metadata.get("short_name")), str(hit.metadata.get("pasal", "")))
        for citing_key in citing.get(key, []):
            ref = parse_reference_key(citing_key)
            for cid in provisions.get((ref.regulation or "", ref.pasal, "batang_tubuh"), []):
                if cid in chunks and sanction_pattern().search(chunks[cid].text):
                    add(cid, hit)
    for hit in anchors:
        key = (str(hit.metadata.get("amends") or hit.metadata.get("short_name")), str(hit.metadata.get("pasal", "")))
        for cid in provisions.get((*key, "penjelasan"), [])[:1]:
            add(cid, hit)
    # a term of the question that the regulation defines brings its Pasal 1 definition
    question = analysis.question.lower()
    definitions = search.definitions()
    for hit in anchors:
        for term, cid in definitions.get(str(hit.metadata.get("amends") or hit.metadata.get("short_name")), {}).items():
            if len(term) > 3 and re.search(rf"\b{re.escape(term)}\b", question):
                add(cid, hit)
    return hits + added
