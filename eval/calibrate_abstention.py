"""Choose the abstention threshold on the dev split (the test split stays untouched).

    PANDU_INDEX_DIR=indexes/eval .venv/bin/python eval/calibrate_abstention.py [-v]

The whole decision is simulated for every dev question of the sets over the five texts and the
corpus: abstain when a named regulation is not indexed or the asked kind of value is absent
(decided before the gate), when the evidence score is below the threshold (unless a provision was
named), or when the reader finds no ask answered. Prints, for each threshold, how often answerable
and unanswerable dev questions abstain, and the middle of the range of thresholds that abstains
most on unanswerable ones while abstaining on at most 8% of answerable ones.
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

QA = [ROOT / "eval" / name for name in ("qa_regulations.jsonl", "qa_corpus.jsonl",
                                        "qa_answers_regulations.jsonl", "qa_answers_corpus.jsonl")]
MAX_ANSWERABLE_ABSTAIN = 0.08


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    assistant = Assistant()
    items = load_qa(QA, split="dev")
    # per question: (answerable, abstains whatever the threshold, evidence score or None when no gate applies)
    cases: list[tuple[bool, bool, float | None]] = []
    for item in items:
        query = assistant.standalone(item.question, item.history)
        result = assistant.retrieve(query)
        hits = result.hits[: assistant.settings.answer.max_passages_in_prompt]
        texts = [hit.chunk.text for hit in hits]
        before_gate = bool(assistant.missing_regulations(query)) or (
            not result.direct and missing_answer_type(query, texts, item.question) is not None)
        reader_abstains = bool(hits) and not assistant.read_question(query, hits)[0].answered
        score = None if result.direct else assistant.evidence(result, query)
        cases.append((item.answerable, before_gate or reader_abstains or not hits, score))
        if "-v" in sys.argv:
            print(f"{item.id:6} {item.type:12} {score if score is not None else '-':>6} {item.question[:70]}")

    def rate(answerable: bool, t: float) -> float:
        group = [c for c in cases if c[0] is answerable]
        return sum(fixed or (score is not None and score < t) for _, fixed, score in group) / len(group)

    print(f"answerable n={sum(c[0] for c in cases)}; unanswerable n={sum(not c[0] for c in cases)}")
    print("| threshold | abstain on answerable | abstain on unanswerable |")
    print("|---|---|---|")
    rows = []
    for t in np.arange(0.10, 0.80, 0.02):
        fa, fu = rate(True, float(t)), rate(False, float(t))
        print(f"| {t:.2f} | {fa:.3f} | {fu:.3f} |")
        rows.append((round(float(t), 2), fa, fu))
    # Among thresholds that abstain on at most 8% of answerable questions, those that abstain
    # most on unanswerable ones form a plateau; its middle is the choice least sensitive to noise.
    allowed = [r for r in rows if r[1] <= MAX_ANSWERABLE_ABSTAIN] or rows[:1]
    top = max(r[2] for r in allowed)
    plateau = [r for r in allowed if r[2] == top]
    chosen = plateau[len(plateau) // 2]
    print(f"plateau {plateau[0][0]:.2f}-{plateau[-1][0]:.2f}; chosen threshold {chosen[0]:.2f}: "
          f"answerable abstain {chosen[1]:.3f}, unanswerable abstain {chosen[2]:.3f}")

if __name__ == "__main__":
    main()
