"""Choose the abstention threshold on the dev split (the test split stays untouched).

    PANDU_INDEX_DIR=indexes/eval .venv/bin/python eval/calibrate_abstention.py

Prints, for each threshold, how often answerable and unanswerable dev questions would abstain,
and the threshold in the middle of the range that abstains most on unanswerable ones while
abstaining on at most 10% of answerable ones. Questions decided before the evidence gate (a named
provision, a regulation that is not indexed, a missing value of the asked kind) are left out.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answering.answer_type import missing_answer_type  # noqa: E402
from assistant.api import Assistant  # noqa: E402
from assistant.evaluation.qa import load_qa  # noqa: E402

QA = [ROOT / "eval" / "qa_regulations.jsonl", ROOT / "eval" / "qa_corpus.jsonl"]


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    assistant = Assistant()
    items = load_qa(QA, split="dev")
    scores: dict[bool, list[float]] = {True: [], False: []}
    for item in items:
        query = assistant.standalone(item.question, item.history)
        result = assistant.retrieve(query)
        hits = result.hits[: assistant.settings.answer.max_passages_in_prompt]
        texts = [hit.chunk.text for hit in hits]
        if result.direct or assistant.missing_regulations(query) or missing_answer_type(query, texts, item.question):
            continue  # these are decided before the evidence gate
        scores[item.answerable].append(assistant.evidence(result, query))
        if "-v" in sys.argv:
            print(f"{item.id:6} {item.type:12} {scores[item.answerable][-1]:.3f} {item.question[:70]}")
    ans, una = np.array(scores[True]), np.array(scores[False])
    print(f"answerable n={len(ans)} mean={ans.mean():.3f}; unanswerable n={len(una)} mean={una.mean():.3f}")
    print("| threshold | abstain on answerable | abstain on unanswerable |")
    print("|---|---|---|")
    rows = []
    for t in np.arange(0.30, 0.80, 0.02):
        fa, fu = float((ans < t).mean()), float((una < t).mean())
        print(f"| {t:.2f} | {fa:.3f} | {fu:.3f} |")
        rows.append((round(float(t), 2), fa, fu))
    # Among thresholds that abstain on at most 10% of answerable questions, those that abstain
    # most on unanswerable ones form a plateau; its middle is the choice least sensitive to noise.
    allowed = [r for r in rows if r[1] <= 0.10]
    top = max(r[2] for r in allowed)
    plateau = [r for r in allowed if r[2] == top]
    chosen = plateau[len(plateau) // 2]
    print(f"plateau {plateau[0][0]:.2f}-{plateau[-1][0]:.2f}; chosen threshold {chosen[0]:.2f}: "
          f"answerable abstain {chosen[1]:.3f}, unanswerable abstain {chosen[2]:.3f}")

if __name__ == "__main__":
    main()
