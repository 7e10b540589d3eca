"""Writers and readers of one index: one writer at a time, readers never see a half-built index,
and a change made by one process or instance is seen by the others before their next query."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import MINI_CORPUS, ROOT, make_settings

QUESTIONS = ["Apa itu budaya digital?", "Kapan Arsitektur SPBE ditetapkan?", "Apa kompetensi digital ASN?"]


def _copy(tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(MINI_CORPUS, folder)
    return folder


def _leftovers(assistant) -> list[str]:
    root = assistant.index.folder / "bm25"
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".")) if root.is_dir() else []


@pytest.mark.slow
def test_chats_during_reindexing_never_fail_and_leave_nothing_behind(tmp_path):
    """Bounded stress: 6 chat threads while a writer removes and re-indexes for 6 rounds."""
    from assistant.api import Assistant

    docs = _copy(tmp_path)
    assistant = Assistant(make_settings(tmp_path / "index", docs))
    assert assistant.ingest([docs]).ok
    errors: list[str] = []
    done = threading.Event()

    def chat() -> None:
        i = 0
        while not done.is_set():
            try:
                assistant.ask(QUESTIONS[i % len(QUESTIONS)])
            except Exception as exc:  # any failure a user would see
                errors.append(f"{type(exc).__name__}: {exc}")
            i += 1

    def write() -> None:
        try:
            for _ in range(6):
                assistant.remove("perpres-999-2099")
                report = assistant.ingest([docs])
                if not report.ok:
                    errors.append(report.summary())
        except Exception as exc:
            errors.append(f"writer {type(exc).__name__}: {exc}")
        finally:
            done.set()

    threads = [threading.Thread(target=chat) for _ in range(6)] + [threading.Thread(target=write)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert errors == []
    assert _leftovers(assistant) == []
    assert assistant.check() == []


def test_two_writers_take_turns_across_processes(tmp_path):
    """The write lock is a file lock: a second process waits, or gives up with a clear error."""
    from assistant.index.write_lock import IndexBusy, WriteLock

    lock = WriteLock(tmp_path / "write.lock", timeout=0)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from filelock import FileLock; l=FileLock(sys.argv[1]); l.acquire(); print('held', flush=True);"
         " time.sleep(3)", str(tmp_path / "write.lock")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(IndexBusy):
            with lock.hold():
                pass
        with lock.hold(timeout=30):  # waits for the other process to finish
            assert lock.held_here()
    finally:
        holder.wait(timeout=30)


def test_a_removal_by_another_process_is_seen_before_the_next_query(tmp_path):
    """The CLI removes a document while the app runs: the app stops citing it at once."""
    from assistant.api import Assistant

    docs = _copy(tmp_path)
    settings = make_settings(tmp_path / "index", docs)
    app = Assistant(settings)
    assert app.ingest([docs]).ok
    question = "Berapa jam sehari Kantor Digital Desa wajib melayani warga?"
    before = app.ask(question)
    assert any(c.doc_id == "perpres-999-2099" for c in before.citations), before.text
    env = {**os.environ, "PANDU_INDEX_DIR": str(settings.index_dir), "PANDU_CACHE_DIR": str(settings.cache_dir),
           "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "remove", "perpres-999-2099"], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    after = app.ask(question)
    assert not any(c.doc_id == "perpres-999-2099" for c in after.citations), after.text
    assert all(s.doc_id != "perpres-999-2099" for s in after.sources)


def test_documents_added_and_changed_by_another_process_are_read_before_the_next_query(tmp_path):
    """The CLI adds a note and changes it while the app runs: the app answers from each new
    version at once (embedded Chroma must be reopened to see another process's writes)."""
    from assistant.api import Assistant

    docs = _copy(tmp_path)
    settings = make_settings(tmp_path / "index", docs)
    app = Assistant(settings)
    assert app.ingest([docs]).ok
    app.ask("Berapa jam sehari Kantor Digital Desa wajib melayani warga?")  # the app has read the index
    env = {**os.environ, "PANDU_INDEX_DIR": str(settings.index_dir), "PANDU_CACHE_DIR": str(settings.cache_dir),
           "HF_HUB_OFFLINE": "1"}
    note = docs / "catatan-ruang-server.md"
    for version in ("lantai tiga", "lantai lima"):
        note.write_text(f"---\ntitle: Catatan ruang server desa\ndoc_type: note\nverified: true\n---\n\n"
                        f"Ruang server Kantor Digital Desa berada di {version} balai desa dan dikunci setiap malam.\n",
                        encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", "--quiet", str(note)], env=env,
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        texts = [h.chunk.text for h in app.retrieve("ruang server Kantor Digital Desa balai desa").hits]
        assert any(version in t for t in texts), texts
        assert not any(other in t for t in texts for other in ("lantai tiga", "lantai lima") if other != version)
        assert app.check() == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_two_app_instances_on_one_chroma_server_agree(tmp_path):
    """Deployment at scale: one Chroma server, two instances with their own folders; a document
    removed through one is no longer cited by the other."""
    from assistant.api import Assistant

    chroma = shutil.which("chroma", path=os.path.dirname(sys.executable))
    if chroma is None:
        pytest.skip("the chroma server command is not installed")
    port = _free_port()
    server = subprocess.Popen([chroma, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        docs = _copy(tmp_path)
        server_settings = {"chroma": {"mode": "server", "host": "127.0.0.1", "port": port}}
        one = Assistant(make_settings(tmp_path / "one", docs, **server_settings))
        two = Assistant(make_settings(tmp_path / "two", docs, **server_settings))
        assert one.ingest([docs]).ok
        question = "Berapa jam sehari Kantor Digital Desa wajib melayani warga?"
        assert any(c.doc_id == "perpres-999-2099" for c in two.ask(question).citations)
        # the second instance's own document list is in its own folder; the chunks live on the server
        one.remove("perpres-999-2099")
        after = two.ask(question)
        assert not any(c.doc_id == "perpres-999-2099" for c in after.citations), after.text
    finally:
        server.terminate()
        server.wait(timeout=30)
