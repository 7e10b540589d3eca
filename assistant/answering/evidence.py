"""How strongly retrieved passages bear on a question: the signal behind abstaining.

Two signals that fail differently:
- topic: the best dense similarity, rescaled between a floor and a ceiling (lower for English
  questions, whose similarities to Indonesian passages run lower);
- specifics: the IDF-weighted share of the question's terms that the top passages contain. Rare
  terms weigh most, and a term that no indexed passage contains at all ("bandwidth", "PPh")
  counts fully against the answer, since nothing indexed can speak to it. English words of an
  English question are not held against it (the sources are Indonesian); their Indonesian
  equivalents are. Nor are everyday words the sources never use ("kasih", "telat"): their
  statutory equivalents are.
The weights and the threshold in settings were chosen on the dev split of the evaluation set
(eval/calibrate_abstention.py); eval/REPORT.md has the numbers.
"""

from __future__ import annotations

from assistant.index.bilingual import everyday_phrases, expansion_terms
from assistant.index.lexical import LexicalIndex, tokenize
from assistant.retrieval import SearchResult

DENSE_FLOOR = 0.84  # cosine at or below which the topic match counts as nothing
DENSE_CEIL = 0.90  # cosine at or above which it counts fully
# An English question is matched against Indonesian passages, and cross-lingual cosines run lower:
# on the dev split the best cosine of answerable English questions had a median 0.05 below that
# of Indonesian ones, so the scale moves down by that much for English.
CROSS_LINGUAL_OFFSET = 0.05
DENSE_WEIGHT = 0.5
TOP_PASSAGES = 3


def question_terms(question: str, language: str, lexical: LexicalIndex) -> dict[str, float]:
    """The question's terms with their weights (IDF)."""
    terms = set(tokenize(question))
    if language == "en":
        terms = {t for t in terms if t in lexical.doc_freq}
    else:  # an everyday word the sources never use is asked through its statutory equivalents
        everyday = {t for phrase in everyday_phrases(question) for t in tokenize(phrase)}
        terms = {t for t in terms if t in lexical.doc_freq or t not in everyday}
    terms |= set(tokenize(expansion_terms(question)))
    return {t: lexical.idf(t) for t in terms}


def specifics_coverage(question: str, result: SearchResult, lexical: LexicalIndex, language: str = "id") -> float:
    weights = question_terms(question, language, lexical)
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    passages = [
        set(tokenize(f"{hit.metadata.get('breadcrumb', '')} {hit.chunk.text}")) for hit in result.hits[:TOP_PASSAGES]
    ]
    if not passages:
        return 0.0

    def share(tokens: set[str]) -> float:
        return sum(w for t, w in weights.items() if t in tokens) / total

    # The best single passage (a precise answer) and all top passages together (multi-hop).
    return (max(share(p) for p in passages) + share(set().union(*passages))) / 2


def topic_match(result: SearchResult, language: str = "id") -> float:
    offset = CROSS_LINGUAL_OFFSET if language == "en" else 0.0
    return min(1.0, max(0.0, (result.top_dense + offset - DENSE_FLOOR) / (DENSE_CEIL - DENSE_FLOOR)))


def evidence_score(result: SearchResult, question: str, lexical: LexicalIndex, language: str = "id") -> float:
    if not result.hits:
        return 0.0
    return DENSE_WEIGHT * topic_match(result, language) + (1 - DENSE_WEIGHT) * specifics_coverage(
        question, result, lexical, language
    )
