"""Retrieval and answer metrics at Pasal level."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.evaluation.qa import GoldCitation


def first_hit_rank(ranked: Sequence[Sequence[dict[str, Any]]], gold: Sequence[GoldCitation], k: int) -> int:
    """1-based rank of the first retrieved item matching any gold citation within k; 0 if none.

    Each ranked item is a list of metadata views: one for a Pandu chunk, one per overlapped
    Pasal for a naive fixed-size chunk (which counts as a hit for every Pasal it overlaps)."""
    for rank, views in enumerate(ranked[:k], start=1):
        if any(g.matches(meta) for meta in views for g in gold):
            return rank
    return 0


def retrieval_metrics(ranks: Sequence[int], k: int) -> dict[str, float]:
    n = len(ranks)
    if not n:
        return {"n": 0, "hit@1": 0.0, "hit@5": 0.0, f"mrr@{k}": 0.0}
    return {
        "n": n,
        "hit@1": sum(1 for r in ranks if r == 1) / n,
        "hit@5": sum(1 for r in ranks if 1 <= r <= 5) / n,
        f"mrr@{k}": sum(1.0 / r for r in ranks if 1 <= r <= k) / n,
    }


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else 0.0
