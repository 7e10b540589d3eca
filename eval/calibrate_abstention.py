"""Choose the abstention threshold on the dev split (the test split stays untouched).

    PANDU_INDEX_DIR=indexes/eval .venv/bin/python eval/calibrate_abstention.py

Prints, for each threshold, how often answerable and unanswerable dev questions would abstain,
and the threshold that abstains most on unanswerable ones while abstaining on at most 10% of
answerable ones.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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
        if result.direct or assistant.missing_regulations(query):
            continue  # these are decided before the evidence gate
        scores[item.answerable].append(assistant.evidence(result, query))
        if "-v" in sys.argv:
            print(f"{item.id:6} {item.type:12} {scores[item.answerable][-1]:.3f} {item.question[:70]}")
    ans, una = np.array(scores[True]), np.array(scores[False])
    print(f"answerable n={len(ans)} mean={ans.mean():.3f}; unanswerable n={len(una)} mean={una.mean():.3f}")
    best = None
    print("| threshold | abstain on answerable | abstain on unanswerable |")
    print("|---|---|---|")
    for t in np.arange(0.30, 0.80, 0.02):
        fa, fu = float((ans < t).mean()), float((una < t).mean())
        print(f"| {t:.2f} | {fa:.3f} | {fu:.3f} |")
        if fa <= 0.10 and (best is None or fu > best[2] or (fu == best[2] and fa < best[1])):
            best = (round(float(t), 2), fa, fu)
    print(f"chosen threshold {best[0]}: answerable abstain {best[1]:.3f}, unanswerable abstain {best[2]:.3f}")


if __name__ == "__main__":
    main()
