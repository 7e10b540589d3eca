"""`pandu eval`: run a QA set through Pandu (and baselines) and score it."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.api import Assistant
from assistant.evaluation.metrics import first_hit_rank, percentile, retrieval_metrics
from assistant.evaluation.qa import QAItem, load_qa

log = logging.getLogger(__name__)


def _citation_correct(citation: dict[str, Any], item: QAItem) -> bool:
    meta = {"short_name": citation["short_name"], "pasal": citation["pasal"], "part": citation["part"],
            "doc_id": citation.get("doc_id", "")}
    return any(g.matches(meta) for g in item.citations)


def run_evaluation(
    assistant: Assistant,
    qa_paths: Sequence[Path],
    *,
    k: int = 10,
    split: str | None = None,
    baselines: bool = False,
) -> dict[str, Any]:
    items = load_qa(list(qa_paths), split)
    if not items:
        raise ValueError("the QA set holds no items (check --split)")
    assistant.warm_up()
    chunks = assistant.index.reader.chunks()
    questions: list[dict[str, Any]] = []
    latencies: list[float] = []
    for item in items:
        started = time.perf_counter()
        answer = assistant.ask(item.question, history=item.history, k=k)
        latencies.append(time.perf_counter() - started)
        ranked = [[chunks[s.chunk_id].metadata] if s.chunk_id in chunks else [{}] for s in answer.sources]
        data = answer.as_dict()
        source_ids = {s.chunk_id for s in answer.sources}
        questions.append(
            {
                "id": item.id,
                "set": item.set_name,
                "type": item.type,
                "lang": item.lang,
                "split": item.split,
                "question": item.question,
                "standalone_question": answer.standalone_question,
                "abstained": answer.abstained,
                "answer": answer.text,
                "citations": data["citations"],
                "sources": data["sources"],
                "rank": first_hit_rank(ranked, item.citations, k) if item.answerable else None,
                "correct": (not answer.abstained and bool(item.states_the_facts(answer.text)))
                if item.answerable and item.must_contain else (answer.abstained if not item.answerable else None),
                "citations_correct": sum(_citation_correct(c, item) for c in data["citations"]),
                "citations_outside_sources": sum(c["chunk_id"] not in source_ids for c in data["citations"]),
                "seconds": round(latencies[-1], 4),
            }
        )
    outcome: dict[str, Any] = {
        "k": k,
        "split": split or "all",
        "qa_files": [str(p) for p in qa_paths],
        "index": assistant.status(),
        "settings": {
            "fusion": assistant.settings.retrieval.fusion,
            "dense_weight": assistant.settings.retrieval.dense_weight,
            "abstain_threshold": assistant.settings.answer.abstain_threshold,
        },
        "latency_s": {"p50": round(percentile(latencies, 50), 4), "p95": round(percentile(latencies, 95), 4)},
    }
    outcome["sets"] = {}
    for set_name in sorted({q["set"] for q in questions}) + ["all"]:
        subset = [q for q in questions if set_name in ("all", q["set"])]
        outcome["sets"][set_name] = _answer_metrics(subset, k)
        if split is None:  # the held-out part on its own
            held_out = [q for q in subset if q["split"] == "test"]
            if held_out:
                outcome["sets"][f"{set_name} (test split)"] = _answer_metrics(held_out, k)
    english = [q for q in questions if q["lang"] == "en"]
    if english and len(english) < len(questions):  # English questions on their own
        outcome["sets"]["all (English questions)"] = _answer_metrics(english, k)
    if baselines:
        from assistant.evaluation.baselines import run_baselines

        outcome["baselines"] = run_baselines(assistant, items, k)
    outcome["questions"] = questions
    return outcome


def _answer_metrics(questions: list[dict[str, Any]], k: int) -> dict[str, Any]:
    answerable = [q for q in questions if q["type"] != "unanswerable"]
    unanswerable = [q for q in questions if q["type"] == "unanswerable"]
    answered = [q for q in answerable if not q["abstained"]]
    n_cit = sum(len(q["citations"]) for q in answered)
    metrics = retrieval_metrics([q["rank"] for q in answerable], k)
    metrics.update(
        {
            "questions": len(questions),
            "unanswerable": len(unanswerable),
            "abstain_on_unanswerable": (sum(q["abstained"] for q in unanswerable) / len(unanswerable)) if unanswerable else None,
            "abstain_on_answerable": (sum(q["abstained"] for q in answerable) / len(answerable)) if answerable else None,
            "citation_precision": (sum(q["citations_correct"] for q in answered) / n_cit) if n_cit else None,
            "answers_citing_gold": (sum(q["citations_correct"] > 0 for q in answered) / len(answered)) if answered else None,
            "citations_outside_sources": sum(q["citations_outside_sources"] for q in questions),
            "answers_correct": _share([q["correct"] for q in answerable if q["correct"] is not None]),
        }
    )
    return metrics


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None
