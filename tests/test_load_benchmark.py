"""The pure parts of benchmarks/load.py: finding the chat event, reading answers, counting."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("pandu_load_benchmark", ROOT / "benchmarks" / "load.py")
load = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = load
_spec.loader.exec_module(load)


def _config() -> dict:
    components = [
        {"id": 1, "type": "state", "props": {"value": "id"}},
        {"id": 10, "type": "chatbot", "props": {"elem_id": "pandu-chatbot", "value": []}},
        {"id": 12, "type": "textbox", "props": {"elem_id": "pandu-question", "value": None}},
        {"id": 14, "type": "button", "props": {"elem_id": "pandu-ask", "value": "Tanya"}},
        {"id": 29, "type": "checkboxgroup", "props": {"value": []}},
        {"id": 48, "type": "state", "props": {"value": None}},
        {"id": 51, "type": "textbox", "props": {"value": ""}},
    ]
    inputs, outputs = [12, 48, 1, 29], [10, 12]
    dependencies = [
        {"id": 0, "targets": [[14, "click"]], "inputs": inputs, "outputs": outputs},
        {"id": 1, "targets": [[12, "submit"]], "inputs": inputs, "outputs": outputs},
        {"id": 2, "targets": [[0, "load"]], "inputs": [1, 51], "outputs": [10]},
        {"id": 3, "targets": [[None, "then"]], "inputs": [1], "outputs": [10], "trigger_after": 2},
    ]
    return {"api_prefix": "/gradio_api", "components": components, "dependencies": dependencies}


def test_the_chat_event_is_the_question_submit_with_the_browsers_values():
    routes = load.find_routes(_config())
    assert routes.respond.fn_index == 1 and routes.respond.trigger_id == 12
    assert routes.respond.data({12: "Apa itu SPBE?"}) == ["Apa itu SPBE?", None, None, []]
    assert [e.fn_index for e in routes.page_open] == [2]
    assert routes.page_open[0].data() == [None, ""]
    assert routes.chatbot_position == 0


def test_an_answer_with_the_error_prefix_or_none_is_an_error():
    def chat(text: str) -> list[dict]:
        return [{"role": "user", "content": [{"type": "text", "text": "q"}]},
                {"role": "assistant", "content": [{"type": "text", "text": text}]}]

    assert load.answer_error(load.last_reply(chat("Arsitektur SPBE adalah ... [1]"))) == ""
    failed = load.last_reply(chat("Maaf, terjadi kesalahan saat menjawab: x"))
    assert load.answer_error(failed).startswith("error answer")
    assert load.answer_error(load.last_reply(chat("_Mencari sumber…_"))).startswith("no answer")
    assert load.answer_error(load.last_reply([])).startswith("no answer")


def test_exit_codes_of_the_cli():
    assert load.exit_kind(0, "") == "ok"
    assert load.exit_kind(2, "index busy: another process is changing the index") == "documented"
    assert load.exit_kind(1, "FAILED /x.pdf: encrypted") == "documented"
    assert load.exit_kind(1, "Traceback (most recent call last):\n ...") == "failed"
    assert load.exit_kind(-9, "") == "failed"


def test_percentile_and_question_windows():
    assert load.percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.0
    assert load.percentile([float(i) for i in range(1, 101)], 0.95) == 95.0
    assert len(set(load.session_questions(0, 5)) | set(load.session_questions(1, 5))) == 10


def test_bm25_leftovers(tmp_path):
    ws = load.Workspace(tmp_path)
    bm25 = ws.index_dir / "pandu-model" / "bm25"
    for name in ("g3", "g4", "g5", ".g5.new.abc"):
        (bm25 / name).mkdir(parents=True)
    check = load.bm25_folders(ws, 5)
    assert check.leftovers == [".g5.new.abc", "g3"]
