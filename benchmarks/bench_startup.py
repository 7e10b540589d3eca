"""Cold start of the web app with an existing index, against a bare baseline, measured in one run.

    .venv/bin/python benchmarks/bench_startup.py [--runs 3] [--index-dir PATH]

App: a new process runs `python app.py` (imports, opens the index, loads the model, warms up,
builds the Gradio app); timed from spawn until the server answers HTTP. Baseline: a new process
that only imports gradio and sentence_transformers and loads the same model. Runs alternate
between the two so that both see the same machine load. Without --index-dir the bundled corpus
is indexed first into a temporary folder (not timed). Target: app under 15 s.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 15.0

BASELINE = """
import gradio, sentence_transformers
from assistant.index.e5_model import ensure_e5_model
model = sentence_transformers.SentenceTransformer(str(ensure_e5_model({cache!r})), device="cpu", local_files_only=True)
model.encode(["query: SPBE"])
"""

PHASES = """
import json, time, socket
t0 = time.perf_counter()
import gradio
from assistant.api import Assistant
from assistant.settings import get_settings
from assistant.ui.app import build_app
from assistant.ui.server import launch_options
from assistant.ui.access import access_policy
t1 = time.perf_counter()
settings = get_settings()
assistant = Assistant(settings)
assistant.documents()
t2 = time.perf_counter()
assistant.warm_up()
t3 = time.perf_counter()
policy = access_policy(settings)
app = build_app(assistant, policy)
app.queue()
t4 = time.perf_counter()
app.launch(**launch_options(settings.ui, policy, "127.0.0.1", {port}, block=False))
t5 = time.perf_counter()
print(json.dumps({{"imports": t1 - t0, "open index": t2 - t1, "load model + warm up": t3 - t2,
                  "build app": t4 - t3, "start server": t5 - t4}}))
app.close()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def child_env(index_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PANDU_")}
    env.update(
        PANDU_INDEX_DIR=str(index_dir),
        PANDU_CACHE_DIR=str(ROOT / ".cache"),
        PANDU_UI__HOST="127.0.0.1",
        PANDU_UI__PORT=str(port),
        PANDU_LOG_LEVEL="WARNING",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        PYTHONPATH=str(ROOT),
    )
    return env


def time_baseline() -> float:
    code = BASELINE.format(cache=str(ROOT / ".cache"))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=child_env(Path(tempfile.gettempdir()), 0),
                   check=True, capture_output=True)
    return time.perf_counter() - started


def time_app(index_dir: Path, timeout: float = 300) -> tuple[float, float]:
    """Seconds from spawn until the page answers HTTP 200, and until the model is loaded (the
    app logs "assistant ready" once a question can be answered without waiting)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    env = {**child_env(index_dir, port), "PANDU_LOG_LEVEL": "INFO"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    ready: list[float] = []
    tail: list[str] = []

    def watch() -> None:
        for line in proc.stderr:
            tail.append(line)
            if "assistant ready" in line and not ready:
                ready.append(time.perf_counter() - started)

    threading.Thread(target=watch, daemon=True).start()
    try:
        page = _wait_for_page(proc, port, url, started, timeout, tail)
        while not ready and time.perf_counter() - started < timeout and proc.poll() is None:
            time.sleep(0.1)
        return page, (ready[0] if ready else float("nan"))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_for_page(proc, port: int, url: str, started: float, timeout: float, tail: list[str]) -> float:
    # one client for all polls, and a bare TCP probe first: polling must not steal CPU
    with httpx.Client(timeout=2) as client:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"app.py exited with {proc.returncode}: {''.join(tail)[-2000:]}")
            if port_open(port):
                try:
                    if client.get(url).status_code == 200:
                        return time.perf_counter() - started
                except httpx.HTTPError:
                    pass
            if time.perf_counter() - started > timeout:
                raise RuntimeError("app.py did not answer in time")
            time.sleep(0.1)


def phases(index_dir: Path) -> dict[str, float]:
    port = free_port()
    out = subprocess.run([sys.executable, "-c", PHASES.format(port=port)], cwd=ROOT,
                         env=child_env(index_dir, port), check=True, capture_output=True, text=True)
    line = next(x for x in out.stdout.splitlines() if x.startswith("{"))
    return json.loads(line)


def build_index(index_dir: Path) -> float:
    sys.path.insert(0, str(ROOT))
    from assistant.api import Assistant
    from assistant.settings import Settings

    started = time.perf_counter()
    assistant = Assistant(Settings(index_dir=index_dir, cache_dir=ROOT / ".cache"))
    report = assistant.ensure_corpus_indexed()
    if report is not None and not report.ok:
        print(f"warning: {len(report.failed)} corpus files failed to index", file=sys.stderr)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--index-dir", type=Path, help="An existing index (default: build one from corpus/).")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    with tempfile.TemporaryDirectory(prefix="pandu-bench-startup-") as tmp:
        index_dir = args.index_dir or Path(tmp) / "index"
        if args.index_dir is None:
            print(f"indexing corpus/ into a temporary folder (not timed): {build_index(index_dir):.1f} s")
        baseline: list[float] = []
        app: list[float] = []
        ready: list[float] = []
        for _ in range(args.runs):
            baseline.append(time_baseline())
            page, loaded = time_app(index_dir)
            app.append(page)
            ready.append(loaded)
        breakdown = phases(index_dir)

    load = os.getloadavg()[0]
    med_b, med_a = statistics.median(baseline), statistics.median(app)
    print(f"machine              {os.cpu_count()} cores, load average {load:.1f}")
    print(f"baseline (import gradio + sentence_transformers, load model)  "
          f"median {med_b:5.2f} s  min {min(baseline):5.2f} s  runs {', '.join(f'{x:.2f}' for x in baseline)}")
    print(f"app cold start (python app.py until HTTP 200)                 "
          f"median {med_a:5.2f} s  min {min(app):5.2f} s  runs {', '.join(f'{x:.2f}' for x in app)}")
    print(f"app ready to answer (model loaded in the background)       "
          f"median {statistics.median(ready):5.2f} s  runs {', '.join(f'{x:.2f}' for x in ready)}")
    print(f"app page overhead over baseline  {med_a - med_b:+5.2f} s")
    print("breakdown (one in-process run):  " + ", ".join(f"{k} {v:.2f} s" for k, v in breakdown.items()))
    verdict = "OK" if med_a < TARGET_S else "OVER TARGET"
    print(f"target < {TARGET_S:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
