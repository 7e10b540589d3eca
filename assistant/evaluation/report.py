"""The evaluation's tables, for the terminal and for eval/REPORT.md."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def metrics_table(outcome: dict[str, Any]) -> str:
    k = outcome["k"]
    cols = ["questions", "n", "hit@1", "hit@5", f"mrr@{k}", "answers_correct", "abstain_on_unanswerable",
            "abstain_on_answerable", "citation_precision", "answers_citing_gold", "citations_outside_sources"]
    lines = ["| set | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, m in outcome["sets"].items():
        lines.append(f"| {name} | " + " | ".join(_fmt(m.get(c)) for c in cols) + " |")
    text = ["Pandu (answers and retrieval, Pasal level)", "", *lines, "",
            f"latency of ask (warm): p50 {outcome['latency_s']['p50']:.3f} s, p95 {outcome['latency_s']['p95']:.3f} s"]
    if outcome.get("baselines"):
        text += ["", "Retrieval, same questions (answerable only), same run", ""]
        bcols = ["n", "hit@1", "hit@5", f"mrr@{k}", "answers_correct"]
        text.append("| system | set | " + " | ".join(bcols) + " |")
        text.append("|---" * (len(bcols) + 2) + "|")
        for system, sets in outcome["baselines"].items():
            for set_name, m in sets.items():
                text.append(f"| {system} | {set_name} | " + " | ".join(_fmt(m.get(c)) for c in bcols) + " |")
    return "\n".join(text)


def write_report(outcome: dict[str, Any], path: Path, command: str) -> None:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    idx = outcome["index"]
    body = [
        "# Evaluation report",
        "",
        f"Produced by `{command}` on {when}.",
        f"Index: {idx['documents']} documents, {idx['chunks']} chunks, model `{idx['embedding_model']}`.",
        f"Settings: {outcome['settings']}. Split: {outcome['split']}.",
        "",
        metrics_table(outcome),
        "",
        "How to read it: hit@k and MRR@10 count a retrieved passage as right when it is the gold Pasal",
        "(any ayat; a Penjelasan of that Pasal counts; `Pasal 1 angka 2` matches Pasal 1; `Lampiran`",
        "matches the regulation's Lampiran; corpus facts match their document). A naive 1000-character",
        "chunk counts for every Pasal it overlaps. Abstention rates are over unanswerable and answerable",
        "questions; citation precision is the share of an answer's citations that name a gold provision",
        "or document, and answers citing gold the share of answered questions with at least one such",
        "citation. Answers correct: the share of answerable questions with an answer check (`must_contain`)",
        "whose answer, not abstained, states every decisive fact; for the naive baseline, its first passage",
        "taken as the answer. The `test` split was kept out of all tuning (eval/tune_retrieval.py and",
        "eval/calibrate_abstention.py read only `dev`); its rows are the honest estimate.",
        "",
    ]
    # Sections other scripts keep in the same report (obligation extraction, pillar tags) stay.
    old = Path(path).read_text(encoding="utf-8") if Path(path).exists() else ""
    kept = old[old.find("\n## ") + 1:] if "\n## " in old else ""
    Path(path).write_text("\n".join(body) + ("\n" + kept if kept else ""), encoding="utf-8")
