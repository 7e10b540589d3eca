"""Chat latency and errors of the real web app under concurrent sessions, alone and while an
admin re-indexes, measured on loopback in one bounded run.

    .venv/bin/python benchmarks/load.py [--sessions 20] [--questions 5] [--rounds N] [--min-rounds 3]
                                        [--timeout 1200] [--keep]

What it does:

1. builds a throw-away index of the bundled corpus (plus one small note) in a temporary folder
   with the ``Assistant`` facade (in a child process: this one never holds the index open), and
   starts ``app.py`` on that index on 127.0.0.1, on a free port;
2. drives the app as a browser does, over Gradio's queue protocol (``POST queue/join`` with the
   event's ``fn_index`` and the session's ``session_hash``, then the ``queue/data`` event stream
   until ``process_completed``): each session opens the page (its load events) and asks its
   questions one after another, the conversation kept by the server in the session's state;
3. warm-up: every question once, in one session (not measured), so that both phases start with
   the model loaded and the same caches;
4. phase A: ``--sessions`` sessions at once, ``--questions`` questions each;
5. phase B: the same load while another process re-indexes in a loop (``pandu ingest --prune``
   and ``pandu remove`` on the same index, each round changing the note: modify, remove,
   ingest again, delete and prune, write anew), until the sessions finish or ``--rounds``. A CLI
   round costs about as much as one wave of the default load (process start and model load
   included), so the wave of sessions is repeated until ``--min-rounds`` rounds have finished
   (``--min-rounds 0``: one wave only); the table gives the questions actually asked;
6. prints one table (questions, errors, p50/p95/max latency from join to ``process_completed``,
   re-index rounds and failures) next to the target; then the latency split into the wait in
   Gradio's queue (join to ``process_starts``) and the run, the errors by kind and by re-index
   round, and the server log's errors; then checks that the index holds no BM25 folder beyond
   the current generation and the one before it (kept on purpose for readers still loading it)
   and no temporary folder of a save, and that Chroma, BM25 and the records agree.

An error is a failed event, an HTTP or protocol error, a timeout, or an answer that carries the
app's error prefix (``text(lang, 'error')``) or no answer at all. A re-index failure is an exit
of the CLI other than the documented ones (assistant/cli.py: 0; 1 with the CLI's own message, a
file that could not be indexed or an unknown document; 2 "index busy"): a crash (a Python
traceback), a signal, a timeout. Documented non-zero exits are counted apart and listed.

Exit status: 0 when nothing failed; 1 on any error, re-index failure, leftover folder, index
inconsistency or global timeout; 2 when the setup failed (index, server). The temporary folder
(index, notes, exports, server log) is removed at the end; ``--keep`` keeps it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import multiprocessing
import os
import queue
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # measure the tree this file lives in

TARGET_P95_S = 3.0
QUESTION_TIMEOUT_S = 180.0
ROUND_TIMEOUT_S = 600.0
NOTE_STEM = "catatan-uji-beban-admin"  # a note's document id is the slug of its file stem

QUESTIONS: tuple[str, ...] = (
    "Apa yang dimaksud dengan Sistem Pemerintahan Berbasis Elektronik?",
    "Apa saja tiga pilar kepemimpinan digital?",
    "Siapa yang mengoordinasikan Arsitektur SPBE Nasional?",
    "Apa itu Aplikasi SPBE Prioritas menurut Perpres 82/2023?",
    "Bagaimana evaluasi SPBE dilakukan menurut PermenPANRB 59/2020?",
    "Apa tujuan Satu Data Indonesia?",
    "Apa kewajiban pemerintah daerah dalam penerapan SPBE?",
    "Apa yang dimaksud dengan budaya digital dalam birokrasi?",
    "Kompetensi digital apa yang perlu dimiliki ASN?",
    "Apa kewajiban badan publik sebagai pengendali data pribadi?",
    "Berapa lama pemberitahuan kegagalan pelindungan data pribadi harus disampaikan?",
    "Apa saja domain Arsitektur SPBE?",
    "Apa yang dimaksud dengan Mal Pelayanan Publik Digital?",
    "Bagaimana struktur digital mendukung transformasi pemerintahan?",
    "Apa peran Menteri PANRB dalam SPBE?",
    "Apa itu manajemen talenta ASN menurut UU 20/2023?",
    "Apa isi maklumat pelayanan menurut UU 25/2009?",
    "Apa saja inisiatif strategis SPBE dalam Perpres 132/2022?",
    "Apa yang disampaikan MenPANRB di Balikpapan tentang digitalisasi birokrasi?",
    "Apa saja aspek keamanan SPBE yang wajib diterapkan instansi?",
    "Bagaimana pengaduan pelayanan publik harus dikelola?",
    "Apa yang dinilai dalam Sistem Akuntabilitas Kinerja Instansi Pemerintah?",
)


# ----------------------------------------------------------------------------- time and places


class GlobalTimeout(Exception):
    """The run took longer than ``--timeout``."""


@dataclass
class Deadline:
    ends: float

    def remaining(self) -> float:
        return max(0.0, self.ends - time.monotonic())


@dataclass
class Workspace:
    """The temporary folder of one run."""

    root: Path

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def notes_dir(self) -> Path:
        return self.root / "notes"

    @property
    def note(self) -> Path:
        return self.notes_dir / f"{NOTE_STEM}.md"

    @property
    def server_log(self) -> Path:
        return self.root / "app.log"

    @property
    def tmp(self) -> Path:
        return self.root / "tmp"  # TMPDIR of the children: the app's export files land here

    @classmethod
    def create(cls) -> "Workspace":
        ws = cls(Path(tempfile.mkdtemp(prefix="pandu-load-")))
        for folder in (ws.index_dir, ws.notes_dir, ws.tmp, ws.root / "gradio"):
            folder.mkdir(parents=True)
        return ws


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def child_env(ws: Workspace, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the app and the CLI: this run's index, offline, nothing outside loopback."""
    env = dict(os.environ)
    env.update(
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p),
        PANDU_INDEX_DIR=str(ws.index_dir),
        PANDU_CORPUS_DIR=str(ROOT / "corpus"),
        PANDU_CACHE_DIR=str(ROOT / ".cache"),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        GRADIO_ANALYTICS_ENABLED="False",
        GRADIO_TEMP_DIR=str(ws.root / "gradio"),
        TMPDIR=str(ws.tmp),
        NO_PROXY="127.0.0.1,localhost",
    )
    env.update(extra or {})
    return env


# ----------------------------------------------------------------------------- the index


def note_text(version: int, paragraphs: int) -> str:
    """A small admin note on SPBE; ``version`` makes its content (and so its chunks) new."""
    body = "\n\n".join(
        f"## Catatan {i + 1} versi {version}\n\n"
        f"Rapat koordinasi ke-{version}.{i + 1} membahas penerapan SPBE di unit kerja: tim data "
        f"memutakhirkan katalog layanan, pejabat pimpinan tinggi meninjau peta rencana, dan "
        f"pengelola aplikasi memastikan berbagi pakai aplikasi umum sebelum membangun aplikasi "
        f"khusus baru. Tindak lanjut nomor {version * 10 + i} dicatat untuk dilaporkan."
        for i in range(paragraphs)
    )
    return (
        "---\n"
        f'title: "Catatan uji beban admin versi {version}"\n'
        "doc_type: note\n"
        "date: 2026-01-15\n"
        "verified: false\n"
        "language: id\n"
        "---\n"
        f"# Catatan uji beban admin versi {version}\n\n{body}\n"
    )


def make_settings(ws: Workspace) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before anything can load a model
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    from assistant.settings import Settings

    return Settings(index_dir=ws.index_dir, corpus_dir=ROOT / "corpus", cache_dir=ROOT / ".cache")


def build_index(root: str) -> str:
    """Index the corpus and the note with the facade; the note's document id. Runs in a child
    process, so that this one never holds the index open while the app and the CLI use it."""
    from assistant.api import Assistant

    ws = Workspace(Path(root))
    ws.note.write_text(note_text(0, 3), encoding="utf-8")
    assistant = Assistant(make_settings(ws))
    started = time.perf_counter()
    report = assistant.ingest([ROOT / "corpus", ws.notes_dir])
    if not report.ok:
        raise RuntimeError("the corpus did not index: " + "; ".join(f"{f.path}: {f.error}" for f in report.failed))
    print(f"index built in {time.perf_counter() - started:.1f} s: {report.summary()}", flush=True)
    return next((f.doc_id for f in report.files if Path(f.path).resolve() == ws.note.resolve()), "") or NOTE_STEM


def inspect_index(root: str) -> tuple[int | None, list[str]]:
    """In a child process, after the run: the index generation and the index's own check."""
    from assistant.api import Assistant

    assistant = Assistant(make_settings(Workspace(Path(root))))
    return current_generation(assistant), list(assistant.check())


def _child_main(target: Any, root: str, results: Any) -> None:
    try:
        results.put(("ok", target(root)))
    except BaseException as exc:  # reported by the parent
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def in_child(target: Any, ws: Workspace, deadline: Deadline) -> Any:
    """``target(str(ws.root))`` in a fresh (spawned) process, bounded by the deadline."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    child = context.Process(target=_child_main, args=(target, str(ws.root), results))
    child.start()
    try:
        status, value = results.get(timeout=max(1.0, deadline.remaining()))
    except queue.Empty:
        raise GlobalTimeout(f"{target.__name__} did not finish before the deadline") from None
    finally:
        child.join(timeout=30)
        if child.is_alive():
            child.kill()
            child.join()
    if status != "ok":
        raise RuntimeError(f"{target.__name__}: {value}")
    return value


def current_generation(assistant: Any) -> int | None:
    """The index generation as the app reads it (where the index keeps it)."""
    index = assistant.index
    for holder in (getattr(index, "store", None), index):
        generation = getattr(holder, "generation", None)
        if generation is not None and hasattr(generation, "current"):
            return int(generation.current())
    return None


@dataclass
class FolderCheck:
    generation: int | None
    folders: list[str]
    leftovers: list[str]


def bm25_folders(ws: Workspace, generation: int | None) -> FolderCheck:
    """The BM25 folders of the index; leftovers are temporary folders of a save and folders of
    generations other than the current one and the one before it (kept by design)."""
    names: list[str] = []
    leftovers: list[str] = []
    for root in sorted(ws.index_dir.glob("*/bm25")):
        for folder in sorted(root.iterdir()):
            names.append(folder.name)
            m = re.fullmatch(r"g(\d+)", folder.name)
            kept = m is not None and generation is not None and int(m.group(1)) in (generation, generation - 1)
            if not kept:
                leftovers.append(folder.name)
    return FolderCheck(generation, names, leftovers)


# ----------------------------------------------------------------------------- the server


def start_server(ws: Workspace, port: int) -> subprocess.Popen[bytes]:
    env = child_env(ws, {"PANDU_UI__HOST": "127.0.0.1", "PANDU_UI__PORT": str(port)})
    env.pop("PANDU_UI__ADMIN_PASSWORD", None)  # loopback: no login, as a local browser sees it
    with open(ws.server_log, "wb") as log:
        return subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ws.root, env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def wait_ready(url: str, proc: subprocess.Popen[bytes], deadline: Deadline, limit_s: float = 300.0) -> None:
    until = time.monotonic() + min(limit_s, deadline.remaining())
    while time.monotonic() < until:
        if proc.poll() is not None:
            raise RuntimeError(f"app.py exited with {proc.returncode}")
        try:
            if httpx.get(f"{url}/config", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"app.py did not answer within {limit_s:.0f} s")


def stop_process(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def server_problems(log: Path, limit: int = 12) -> list[str]:
    """Distinct error lines and exception lines of the server log."""
    if not log.exists():
        return []
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    found: Counter[str] = Counter()
    for i, line in enumerate(lines):
        if " ERROR " in line or " CRITICAL " in line:
            found[re.sub(r"'[^']*'", "'...'", re.sub(r"^\S+ \S+ ", "", line))[:240]] += 1
        elif line.startswith("Traceback"):
            j = i + 1
            while j < len(lines) and (lines[j].startswith(" ") or lines[j].startswith("During") or not lines[j]):
                j += 1
            if j < len(lines):
                found[f"exception: {lines[j][:240]}"] += 1
    return [f"{n} x {text}" for text, n in found.most_common(limit)]


# ----------------------------------------------------------------------------- the app's events


@dataclass
class Event:
    """One dependency of the app as the browser triggers it."""

    fn_index: int
    trigger_id: int | None
    inputs: list[int]
    defaults: list[Any]

    def data(self, overrides: dict[int, Any] | None = None) -> list[Any]:
        overrides = overrides or {}
        return [overrides.get(cid, value) for cid, value in zip(self.inputs, self.defaults)]


@dataclass
class AppRoutes:
    api_prefix: str
    respond: Event
    page_open: list[Event]
    question_id: int
    chatbot_position: int


def find_routes(config: dict[str, Any]) -> AppRoutes:
    """The chat event (question box in, chatbot out, sent with Enter) and the page's load events,
    with the values the browser holds at first: component defaults, ``None`` for a state."""
    components = {c["id"]: c for c in config["components"]}
    by_elem = {c.get("props", {}).get("elem_id"): c["id"] for c in config["components"]}
    question, chatbot = by_elem.get("pandu-question"), by_elem.get("pandu-chatbot")
    if question is None or chatbot is None:
        raise RuntimeError("the page has no pandu-question / pandu-chatbot component")

    def event(dep: dict[str, Any], trigger_id: int | None) -> Event:
        defaults = [None if components[i]["type"] == "state" else components[i].get("props", {}).get("value")
                    for i in dep["inputs"]]
        return Event(dep["id"], trigger_id, list(dep["inputs"]), defaults)

    respond: Event | None = None
    chatbot_position = 0
    page_open: list[Event] = []
    for dep in config["dependencies"]:
        targets = [tuple(t) for t in dep.get("targets", [])]
        if (question, "submit") in targets and dep["inputs"][:1] == [question] and chatbot in dep["outputs"]:
            respond = event(dep, question)
            chatbot_position = dep["outputs"].index(chatbot)
        if any(kind == "load" for _, kind in targets) and dep.get("trigger_after") is None:
            page_open.append(event(dep, None))
    if respond is None:
        raise RuntimeError("no chat event (question submit -> chatbot) in /config")
    return AppRoutes(config.get("api_prefix", "/gradio_api"), respond, page_open, question, chatbot_position)


def error_prefixes() -> tuple[str, ...]:
    from assistant.ui.i18n import text

    return tuple(text(lang, "error") for lang in ("id", "en"))


def searching_texts() -> tuple[str, ...]:
    from assistant.ui.i18n import text

    return tuple(f"_{text(lang, 'searching')}_" for lang in ("id", "en"))


def last_reply(chatbot_value: Any) -> str:
    """The text of the last assistant message of a chatbot value."""
    if not isinstance(chatbot_value, list):
        return ""
    for message in reversed(chatbot_value):
        if isinstance(message, dict) and message.get("role") == "assistant":
            content = message.get("content")
            if isinstance(content, str):
                return content
            if isinstance(content, list):
                return "".join(part.get("text", "") for part in content if isinstance(part, dict))
            return str(content or "")
    return ""


@dataclass
class Outcome:
    kind: str  # "question" or "open"
    seconds: float  # join to process_completed
    error: str = ""
    wait: float = math.nan  # join to process_starts: the time spent in Gradio's queue
    at: float = field(default_factory=time.monotonic)  # when it ended


@dataclass
class Completion:
    seconds: float
    wait: float
    output: dict[str, Any] | None
    error: str = ""


async def run_event(client: httpx.AsyncClient, routes: AppRoutes, event: Event, session_hash: str,
                    data: list[Any], timeout_s: float) -> Completion:
    """Join the queue and read the session's stream until the event completes and the stream
    closes, as the browser does."""
    prefix = routes.api_prefix
    started = time.perf_counter()
    wait = math.nan
    completed: dict[str, Any] | None = None
    seconds = 0.0

    def failed(error: str) -> Completion:
        return Completion(time.perf_counter() - started, wait, None, error)

    payload = {"fn_index": event.fn_index, "session_hash": session_hash, "data": data,
               "trigger_id": event.trigger_id, "event_data": None}
    try:
        async with asyncio.timeout(timeout_s):
            joined = await client.post(f"{prefix}/queue/join", json=payload)
            if joined.status_code != 200:
                return failed(f"join HTTP {joined.status_code}: {joined.text[:200]}")
            event_id = joined.json().get("event_id")
            async with client.stream("GET", f"{prefix}/queue/data", params={"session_hash": session_hash}) as stream:
                if stream.status_code != 200:
                    return failed(f"queue/data HTTP {stream.status_code}")
                async for line in stream.aiter_lines():
                    if not line.startswith("data:"):
                        continue
                    message = json.loads(line[5:])
                    kind = message.get("msg")
                    if kind == "process_starts" and message.get("event_id") == event_id:
                        wait = time.perf_counter() - started
                    elif kind == "process_completed" and message.get("event_id") == event_id:
                        seconds = time.perf_counter() - started
                        completed = message
                    elif kind == "unexpected_error":
                        return failed(f"unexpected_error: {message.get('message')}")
                    elif kind == "close_stream":
                        break
    except TimeoutError:
        return failed(f"no process_completed within {timeout_s:.0f} s")
    except (httpx.HTTPError, json.JSONDecodeError) as exc:
        return failed(f"{type(exc).__name__}: {exc}")
    if completed is None:
        return failed("stream closed without process_completed")
    output = completed.get("output") or {}
    if not completed.get("success", False):
        shown = output.get("error") or "no message (the app does not show errors)"
        return Completion(seconds, wait, None, f"event {event.fn_index} failed: {shown}")
    return Completion(seconds, wait, output)


def answer_error(reply: str) -> str:
    """Why an answer counts as an error ("" when it is an answer)."""
    if any(p in reply for p in error_prefixes()):
        return f"error answer: {reply[:200]}"
    if not reply.strip() or reply.strip() in searching_texts():
        return "no answer (the chat still shows the placeholder)"
    return ""


async def ask(client: httpx.AsyncClient, routes: AppRoutes, session_hash: str, question: str,
              timeout_s: float) -> Outcome:
    data = routes.respond.data({routes.question_id: question})
    done = await run_event(client, routes, routes.respond, session_hash, data, timeout_s)
    error = done.error
    if not error and done.output is not None:
        values = done.output.get("data") or []
        reply = last_reply(values[routes.chatbot_position]) if len(values) > routes.chatbot_position else ""
        error = answer_error(reply)
    return Outcome("question", done.seconds, error, done.wait)


async def open_page(client: httpx.AsyncClient, routes: AppRoutes, session_hash: str, timeout_s: float) -> list[Outcome]:
    outcomes = []
    for event in routes.page_open:
        done = await run_event(client, routes, event, session_hash, event.data(), timeout_s)
        outcomes.append(Outcome("open", done.seconds, done.error, done.wait))
    return outcomes


def new_session_hash() -> str:
    return secrets.token_hex(6)  # the browser uses a short random string per page


async def run_session(client: httpx.AsyncClient, routes: AppRoutes, questions: Sequence[str],
                      sink: list[Outcome]) -> None:
    """One browser tab: open the page, then ask the questions one after another."""
    session_hash = new_session_hash()
    sink.extend(await open_page(client, routes, session_hash, QUESTION_TIMEOUT_S))
    for question in questions:
        sink.append(await ask(client, routes, session_hash, question, QUESTION_TIMEOUT_S))


def session_questions(session: int, count: int) -> list[str]:
    """The questions of one session: a window of the list, starting elsewhere for each session."""
    start = (session * count) % len(QUESTIONS)
    return [QUESTIONS[(start + j) % len(QUESTIONS)] for j in range(count)]


def make_client(url: str, sessions: int) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=4 * sessions + 8, max_keepalive_connections=2 * sessions + 4)
    timeout = httpx.Timeout(30.0, read=60.0)  # the stream carries a heartbeat every 15 s
    return httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout, trust_env=False)


@dataclass
class PhaseResult:
    name: str
    outcomes: list[Outcome]
    planned: int
    seconds: float
    timed_out: bool = False
    rounds: list["Round"] = field(default_factory=list)

    @property
    def questions(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind == "question"]

    @property
    def opens(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind == "open"]

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]

    @property
    def missing(self) -> int:
        """Questions not asked before the global timeout (counted as errors)."""
        return max(0, self.planned - len(self.questions))

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.missing


async def run_sessions(url: str, routes: AppRoutes, sessions: int, questions: int,
                       deadline: Deadline) -> tuple[list[Outcome], float, bool]:
    """All sessions at once; (outcomes, seconds, timed out)."""
    sink: list[Outcome] = []
    started = time.perf_counter()
    async with make_client(url, sessions) as client:
        tasks = [asyncio.create_task(run_session(client, routes, session_questions(s, questions), sink))
                 for s in range(sessions)]
        _, pending = await asyncio.wait(tasks, timeout=deadline.remaining())
        for task in pending:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return sink, time.perf_counter() - started, bool(pending)


async def warm_up(url: str, routes: AppRoutes, deadline: Deadline) -> list[Outcome]:
    """Every question once, in one session: the model loaded and caches filled for both phases."""
    sink: list[Outcome] = []
    async with make_client(url, 1) as client:
        try:
            await asyncio.wait_for(run_session(client, routes, QUESTIONS, sink), timeout=deadline.remaining())
        except TimeoutError:
            raise GlobalTimeout("the warm-up did not finish before the deadline") from None
    return sink


# ----------------------------------------------------------------------------- the re-index loop


def exit_kind(returncode: int, stderr: str) -> str:
    """"ok", "documented" (an exit code assistant/cli.py gives on purpose) or "failed"."""
    if returncode == 0:
        return "ok"
    if "Traceback (most recent call last)" in stderr:
        return "failed"  # an uncaught exception also exits with 1
    if returncode == 2 and "index busy" in stderr:
        return "documented"
    if returncode == 1 and ("FAILED " in stderr or "no indexed document" in stderr):
        return "documented"
    return "failed"


@dataclass
class Round:
    step: str
    returncode: int
    seconds: float
    kind: str  # see exit_kind
    detail: str = ""
    ended: float = field(default_factory=time.monotonic)

    @property
    def started(self) -> float:
        return self.ended - self.seconds

    @property
    def failed(self) -> bool:
        return self.kind == "failed"

    @property
    def documented_nonzero(self) -> bool:
        return self.kind == "documented"


def pandu_command() -> list[str]:
    script = Path(sys.executable).parent / "pandu"
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]


class Reindexer:
    """An admin's loop in other processes: each round changes the note, then re-indexes or
    removes it. Steps: modify, remove, ingest again, delete the file and prune, write anew."""

    STEPS = ("modify", "remove", "re-add", "prune", "add")

    def __init__(self, ws: Workspace, note_id: str, max_rounds: int, deadline: Deadline):
        self.ws = ws
        self.note_id = note_id
        self.max_rounds = max_rounds
        self.deadline = deadline
        self.rounds: list[Round] = []
        self.stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="reindex", daemon=True)
        self._env = child_env(ws)

    def start(self) -> None:
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def finish(self) -> None:
        """Let the running round end (bounded by the deadline), start no other."""
        self.stop.set()
        self._thread.join(timeout=self.deadline.remaining() + 5)

    def _loop(self) -> None:
        while not self.stop.is_set() and len(self.rounds) < self.max_rounds and self.deadline.remaining() > 1:
            number = len(self.rounds) + 1
            step = self.STEPS[(number - 1) % len(self.STEPS)]
            self.rounds.append(self._round(step, number))

    def _round(self, step: str, number: int) -> Round:
        ingest = [*pandu_command(), "ingest", "--prune", "--quiet", str(ROOT / "corpus"), str(self.ws.notes_dir)]
        if step == "modify":
            self.ws.note.write_text(note_text(number, 4), encoding="utf-8")
        elif step == "add":
            self.ws.note.write_text(note_text(number, 3), encoding="utf-8")
        elif step == "prune":
            self.ws.note.unlink(missing_ok=True)
        command = [*pandu_command(), "remove", self.note_id] if step == "remove" else ingest
        return self._run(step, command)

    def _run(self, step: str, command: list[str]) -> Round:
        started = time.perf_counter()
        timeout = max(1.0, min(ROUND_TIMEOUT_S, self.deadline.remaining()))
        try:
            done = subprocess.run(command, cwd=self.ws.root, env=self._env, capture_output=True, text=True,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            return Round(step, -1, time.perf_counter() - started, "failed", f"no exit within {timeout:.0f} s")
        stdout, stderr = done.stdout.strip().splitlines(), done.stderr.strip().splitlines()
        detail = ((stderr or stdout) if done.returncode else stdout) or [""]
        kind = exit_kind(done.returncode, done.stderr)
        return Round(step, done.returncode, time.perf_counter() - started, kind, detail[-1][:300])


async def phase_b(url: str, routes: AppRoutes, ws: Workspace, note_id: str, args: argparse.Namespace,
                  deadline: Deadline) -> PhaseResult:
    """Waves of the phase A load while the re-index loop runs, until ``--min-rounds`` rounds
    have finished (at least one wave); the loop stops with the last wave."""
    reindexer = Reindexer(ws, note_id, args.rounds, deadline)
    reindexer.start()
    outcomes: list[Outcome] = []
    seconds, waves, timed_out = 0.0, 0, False
    try:
        while not timed_out:
            wave, wave_s, timed_out = await run_sessions(url, routes, args.sessions, args.questions, deadline)
            outcomes += wave
            seconds += wave_s
            waves += 1
            if len(reindexer.rounds) >= args.min_rounds or not reindexer.running:
                break
    finally:
        await asyncio.to_thread(reindexer.finish)
    name = "B: chat + re-index" + (f" ({waves} waves)" if waves > 1 else "")
    result = PhaseResult(name, outcomes, waves * args.sessions * args.questions, seconds, timed_out)
    result.rounds = reindexer.rounds
    return result


# ----------------------------------------------------------------------------- the report


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (NaN when there is no value)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def table_rows(phases: Sequence[PhaseResult]) -> list[list[str]]:
    rows = [["phase", "questions", "errors", "p50 s", "p95 s", "max s", "wall s", "re-index rounds",
             "re-index failures"]]
    for phase in phases:
        times = [o.seconds for o in phase.questions if not o.error]
        rounds = phase.rounds
        rows.append([
            phase.name,
            str(len(phase.questions)) + (f" (+{phase.missing} not asked)" if phase.missing else ""),
            str(phase.error_count),
            f"{percentile(times, 0.50):.2f}",
            f"{percentile(times, 0.95):.2f}",
            f"{max(times):.2f}" if times else "nan",
            f"{phase.seconds:.1f}",
            str(len(rounds)) if phase.name.startswith("B") else "-",
            str(sum(r.failed for r in rounds)) if phase.name.startswith("B") else "-",
        ])
    rows.append(["target", "-", "0", "-", f"< {TARGET_P95_S:.1f}", "-", "-", "-", "0"])
    return rows


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def spread(values: Sequence[float]) -> str:
    values = [v for v in values if not math.isnan(v)]
    return f"p50 {percentile(values, 0.50):.2f} / p95 {percentile(values, 0.95):.2f} s"


def print_details(phases: Sequence[PhaseResult]) -> None:
    for phase in phases:
        done = [o for o in phase.questions if not o.error]
        print(f"{phase.name}" + ("; stopped by the global timeout" if phase.timed_out else ""))
        print(f"  questions: wait in the queue {spread([o.wait for o in done])}, "
              f"run {spread([o.seconds - o.wait for o in done])}; "
              f"{len(phase.questions) / phase.seconds if phase.seconds else math.nan:.1f} questions/s")
        opens = [o for o in phase.opens if not o.error]
        print(f"  page opens (load events): {len(phase.opens)}, errors {len(phase.opens) - len(opens)}, "
              f"{spread([o.seconds for o in opens])}")
        for error, n in Counter(o.error for o in phase.errors).most_common(8):
            print(f"  {n} x {error}")
        if phase.rounds:
            print(f"  re-index rounds: mean {sum(r.seconds for r in phase.rounds) / len(phase.rounds):.1f} s, "
                  f"documented non-zero exits {sum(r.documented_nonzero for r in phase.rounds)}")
            print("    round step     exit  seconds  questions ended during it (errors)  CLI output")
            for n, r in enumerate(phase.rounds, 1):
                during = [o for o in phase.questions if r.started <= o.at < r.ended]
                print(f"    {n:5d} {r.step:7} {r.returncode:5d} {r.seconds:8.1f}  "
                      f"{len(during):>14d} ({sum(1 for o in during if o.error)}){'':14}  {r.detail}")
            last = max(r.ended for r in phase.rounds)
            after = [o for o in phase.questions if o.at >= last]
            print(f"    after the last round: {len(after)} questions ({sum(1 for o in after if o.error)} errors)")


def verdict(phases: Sequence[PhaseResult]) -> str:
    met = all(p.error_count == 0 and percentile([o.seconds for o in p.questions if not o.error], 0.95) < TARGET_P95_S
              for p in phases)
    return "target met in every phase" if met else "target NOT met"


# ----------------------------------------------------------------------------- the run


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent chat sessions (default 20)")
    parser.add_argument("--questions", type=int, default=5, help="questions per session (default 5)")
    parser.add_argument("--rounds", type=int, default=200, help="at most this many re-index rounds in phase B")
    parser.add_argument("--min-rounds", type=int, default=3,
                        help="phase B repeats its wave of sessions until this many re-index rounds finished "
                        "(default 3; 0: one wave)")
    parser.add_argument("--timeout", type=float, default=1200.0, help="global timeout in seconds (default 20 min)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (index, server log)")
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.questions < 1 or args.rounds < 0 or args.min_rounds < 0 or args.timeout <= 0:
        parser.error("--sessions and --questions must be >= 1, --rounds and --min-rounds >= 0, --timeout > 0")
    return args


@dataclass
class RunState:
    ws: Workspace
    server: subprocess.Popen[bytes] | None = None


def serve(state: RunState, deadline: Deadline) -> tuple[str, AppRoutes, str]:
    """Index, start the app, read its routes: (url, routes, note id)."""
    note_id = in_child(build_index, state.ws, deadline)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    state.server = start_server(state.ws, port)
    wait_ready(url, state.server, deadline)
    routes = find_routes(httpx.get(f"{url}/config", timeout=10).json())
    print(f"app serving at {url} after {time.perf_counter() - started:.1f} s; chat event fn_index "
          f"{routes.respond.fn_index}, page load events {[e.fn_index for e in routes.page_open]}", flush=True)
    return url, routes, note_id


def measure(url: str, routes: AppRoutes, ws: Workspace, note_id: str, args: argparse.Namespace,
            deadline: Deadline) -> tuple[list[PhaseResult], list[Outcome]]:
    started = time.perf_counter()
    warm = asyncio.run(warm_up(url, routes, deadline))
    print(f"warm-up: {len(QUESTIONS)} questions in one session, {sum(1 for o in warm if o.error)} errors, "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    outcomes, seconds, timed_out = asyncio.run(run_sessions(url, routes, args.sessions, args.questions, deadline))
    a = PhaseResult("A: chat only", outcomes, args.sessions * args.questions, seconds, timed_out)
    print(f"phase A done in {seconds:.1f} s", flush=True)
    b = asyncio.run(phase_b(url, routes, ws, note_id, args, deadline))
    print(f"phase B done in {b.seconds:.1f} s ({len(b.rounds)} re-index rounds)", flush=True)
    return [a, b], warm


def after_run(state: RunState, deadline: Deadline) -> tuple[FolderCheck, list[str]]:
    """With the app and the CLI stopped: the BM25 folders and the index's own consistency check."""
    generation, problems = in_child(inspect_index, state.ws, deadline)
    return bm25_folders(state.ws, generation), problems


def report(phases: list[PhaseResult], warm: list[Outcome], folders: FolderCheck, problems: list[str],
           log: Path) -> bool:
    """Print everything; True when nothing failed."""
    print()
    print_table(table_rows(phases))
    print(verdict(phases))
    print()
    print_details(phases)
    warm_errors = [o for o in warm if o.error]
    for o in warm_errors:
        print(f"warm-up error: {o.error}")
    print(f"BM25 folders at generation {folders.generation}: {', '.join(folders.folders) or 'none'}; "
          f"leftover temporary or stale folders: {', '.join(folders.leftovers) or 'none'}")
    print(f"index check (Chroma, BM25, records): {'consistent' if not problems else '; '.join(problems)}")
    log_lines = server_problems(log)
    print("server log errors: " + ("none" if not log_lines else ""))
    for line in log_lines:
        print(f"  {line}")
    failed_rounds = sum(r.failed for p in phases for r in p.rounds)
    return not (any(p.error_count for p in phases) or warm_errors or failed_rounds or folders.leftovers or problems)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    deadline = Deadline(time.monotonic() + args.timeout)

    def on_alarm(signum: int, frame: Any) -> None:
        raise GlobalTimeout(f"global timeout of {args.timeout:.0f} s reached")

    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(int(args.timeout) + 60)  # a backstop: the phases stop themselves at the deadline
    state = RunState(Workspace.create())
    print(f"temporary index in {state.ws.root}", flush=True)
    try:
        try:
            url, routes, note_id = serve(state, deadline)
        except Exception as exc:  # the setup: nothing measured
            print(f"setup failed: {exc}", file=sys.stderr)
            if state.ws.server_log.exists():
                print(state.ws.server_log.read_text(errors="replace")[-3000:], file=sys.stderr)
            return 2
        phases, warm = measure(url, routes, state.ws, note_id, args, deadline)
        stop_process(state.server)
        folders, problems = after_run(state, Deadline(time.monotonic() + 300))  # even after the deadline
        ok = report(phases, warm, folders, problems, state.ws.server_log)
        return 0 if ok and deadline.remaining() > 0 else 1
    except GlobalTimeout as exc:
        print(f"stopped: {exc}", file=sys.stderr)
        return 1
    finally:
        signal.alarm(0)
        if state.server is not None:
            stop_process(state.server)
        if args.keep:
            print(f"kept {state.ws.root}")
        else:
            shutil.rmtree(state.ws.root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
