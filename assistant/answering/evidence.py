"""How strongly retrieved passages bear on a question: the signal behind abstaining.

Two signals that fail differently: the best dense similarity (topic match) and the share of the
question's content words that the best passages contain (a question about taxes finds SPBE
passages "about government" but not the word "pajak"). The weights and the threshold in settings
were calibrated on the dev split of the evaluation set (eval/REPORT.md).
"""

from __future__ import annotations

from assistant.index.lexical import tokenize
from assistant.retrieval import SearchResult

DENSE_FLOOR = 0.78  # cosine at or below which the topic match counts as nothing
DENSE_CEIL = 0.90  # cosine at or above which it counts fully
DENSE_WEIGHT = 0.5
TOP_PASSAGES = 3


def coverage(question: str, result: SearchResult) -> float:
    """The largest share of the question's content words found in one of the top passages."""
    words = set(tokenize(question))
    if not words:
        return 0.0
    best = 0.0
    for hit in result.hits[:TOP_PASSAGES]:
        text = f"{hit.metadata.get('breadcrumb', '')} {hit.chunk.text}"
        best = max(best, len(words & set(tokenize(text))) / len(words))
    return best


def evidence_score(result: SearchResult, question: str) -> float:
    if not result.hits:
        return 0.0
    dense = min(1.0, max(0.0, (result.top_dense - DENSE_FLOOR) / (DENSE_CEIL - DENSE_FLOOR)))
    return DENSE_WEIGHT * dense + (1 - DENSE_WEIGHT) * coverage(question, result)
