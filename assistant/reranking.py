"""The optional rerank stage: a cross-encoder rescoring the top fused candidates.

Off by default: no cross-encoder trained for Indonesian ships in a PyPI package, and the English
ms-marco one made Indonesian retrieval worse (MODELS.md). Users with such a model set
``PANDU_RETRIEVAL__RERANK=true`` and ``PANDU_RETRIEVAL__RERANK_MODEL=<name or path>`` and should
check ``make eval`` before and after.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

log = logging.getLogger(__name__)


class PairScorer(Protocol):
    def score(self, query: str, passages: Sequence[str]) -> list[float]: ...


class CrossEncoderScorer:
    """A sentence-transformers CrossEncoder, loaded once."""

    def __init__(self, model: str, device: str = "cpu"):
        if not model:
            raise ValueError("PANDU_RETRIEVAL__RERANK_MODEL must name a cross-encoder when rerank is on")
        from sentence_transformers import CrossEncoder

        self.model = CrossEncoder(model, device=device)

    def score(self, query: str, passages: Sequence[str]) -> list[float]:
        return [float(s) for s in self.model.predict([(query, p) for p in passages])]


def rerank(query: str, hits: list, scorer: PairScorer, top_n: int) -> list:
    """Reorder the first ``top_n`` non-direct hits by the scorer; direct provision hits stay first."""
    direct = [h for h in hits if h.direct]
    rest = [h for h in hits if not h.direct]
    head, tail = rest[:top_n], rest[top_n:]
    if len(head) > 1:
        scores = scorer.score(query, [f"{h.metadata.get('breadcrumb', '')}\n{h.chunk.text}" for h in head])
        head = [h for _, h in sorted(zip(scores, head), key=lambda x: -x[0])]
    return direct + head + tail
