"""`pandu eval` end to end on the mini corpus: metrics, per-question JSON, baselines, report."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import FIXTURES, ROOT

QA_MINI = FIXTURES / "qa_mini.jsonl"


def run_cli(assistant, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PANDU_INDEX_DIR": str(assistant.settings.index_dir), "PANDU_CACHE_DIR": str(ROOT / ".cache")}
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", "eval", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600,
    )


def test_eval_json_scores_every_question_and_the_baselines(mini_assistant, tmp_path):
    report = tmp_path / "REPORT.md"
    out = run_cli(mini_assistant, "--qa", str(QA_MINI), "--json", "--baselines", "--report", str(report))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)

    questions = {q["id"]: q for q in data["questions"]}
    assert set(questions) == {"m01", "m02", "m03", "m04", "m05", "m06"}
    for q in questions.values():
        assert {"id", "abstained", "answer", "citations", "sources"} <= set(q)
        for source in q["sources"]:
            assert {"short_name", "pasal", "ayat", "part", "score", "text"} <= set(source)
    assert questions["m05"]["abstained"]
    assert questions["m05"]["rank"] is None
    assert questions["m01"]["rank"] == 1 and not questions["m01"]["abstained"]
    assert 1 <= questions["m03"]["rank"] <= 5  # a follow-up, condensed with its history

    overall = data["sets"]["qa_mini"]
    assert overall["n"] == 5 and overall["unanswerable"] == 1
    assert overall["abstain_on_unanswerable"] == 1.0
    ranks = [questions[i]["rank"] for i in ("m01", "m02", "m03", "m04", "m06")]
    assert overall["mrr@10"] == sum(1 / r for r in ranks if r) / 5
    english = data["sets"]["all (English questions)"]
    assert english["n"] == 1 and english["mrr@10"] == (1 / ranks[-1] if ranks[-1] else 0.0)
    assert overall["citations_outside_sources"] == 0
    assert "qa_mini (test split)" in data["sets"]
    assert data["latency_s"]["p50"] > 0

    assert set(data["baselines"]) == {"pandu", "bm25", "dense", "naive_langchain"}
    assert data["baselines"]["naive_langchain"]["qa_mini"]["n"] == 5
    text = report.read_text(encoding="utf-8")
    assert "| qa_mini | 6 | 5 |" in text and "naive_langchain" in text


def test_eval_refuses_a_broken_qa_file_clearly(mini_assistant, tmp_path):
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "b1", "question": "q", "type": "lookup"}\n', encoding="utf-8")
    out = run_cli(mini_assistant, "--qa", str(bad))
    assert out.returncode == 2
    assert "broken.jsonl:1" in out.stderr and "missing 'citations'" in out.stderr
    assert "Traceback" not in out.stderr
    missing = run_cli(mini_assistant, "--qa", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "nope.jsonl" in missing.stderr
    empty = run_cli(mini_assistant, "--qa", str(QA_MINI), "--split", "holdout")
    assert empty.returncode == 2 and "no items of split 'holdout'" in empty.stderr
