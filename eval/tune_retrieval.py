"""Compare retrieval settings on the dev split (never the held-out test split).

    PANDU_INDEX_DIR=indexes/eval .venv/bin/python eval/tune_retrieval.py

Query vectors are computed once and reused, so every variant sees the same inputs; only
answerable items count (Pasal-level hit@1, hit@5, MRR@10).
"""

from __future__ import annotations

import functools
import itertools
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.api import Assistant  # noqa: E402
from assistant.chat import condense_question  # noqa: E402
from assistant.evaluation.metrics import first_hit_rank, retrieval_metrics  # noqa: E402
from assistant.evaluation.qa import load_qa  # noqa: E402

QA = [ROOT / "eval" / "qa_regulations.jsonl", ROOT / "eval" / "qa_corpus.jsonl"]


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    assistant = Assistant()
    emb = assistant.index.embeddings
    emb.embed_query = functools.lru_cache(maxsize=None)(emb.embed_query)
    items = [i for i in load_qa(QA, split="dev") if i.answerable]
    engine = assistant.search_engine
    base = assistant.settings.retrieval
    chunks = assistant.index.chunks()
    grid = {
        "fusion": ["score", "rrf"],
        "dense_weight": [0.4, 0.5, 0.6],
        "regulation_boost": [0.0, 0.1],
        "link_cited": [True, False],
        "link_margin": [0.01, 0.03, 0.06, 1.0],
    }
    rows = []
    for values in itertools.product(*grid.values()):
        variant = dict(zip(grid, values))
        if variant["fusion"] == "rrf" and variant["dense_weight"] != 0.5:
            continue
        if not variant["link_cited"] and variant["link_margin"] != 1.0:
            continue
        engine.settings = base.model_copy(update=variant)
        per_set: dict[str, list[int]] = {}
        for item in items:
            query = condense_question(item.question, item.history)
            hits = engine.search(query, k=10).hits
            rank = first_hit_rank([[chunks[h.id].metadata] for h in hits], item.citations, 10)
            per_set.setdefault(item.set_name, []).append(rank)
            per_set.setdefault("all", []).append(rank)
        metrics = {name: retrieval_metrics(ranks, 10) for name, ranks in per_set.items()}
        rows.append((variant, metrics))
    print("| fusion | w_dense | reg_boost | link | margin | regs hit@5 | regs MRR | corpus hit@5 | corpus MRR | all MRR |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for variant, m in sorted(rows, key=lambda r: -r[1]["all"]["mrr@10"]):
        r, c, a = m.get("qa_regulations", {}), m.get("qa_corpus", {}), m["all"]
        print(f"| {variant['fusion']} | {variant['dense_weight']} | {variant['regulation_boost']} | {variant['link_cited']} | {variant['link_margin']} "
              f"| {r.get('hit@5', 0):.3f} | {r.get('mrr@10', 0):.3f} | {c.get('hit@5', 0):.3f} | {c.get('mrr@10', 0):.3f} | {a['mrr@10']:.3f} |")


if __name__ == "__main__":
    main()
