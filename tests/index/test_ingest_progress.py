"""Long ingests report their progress per file and per group of passages, and can be cancelled
at any step without leaving the index inconsistent."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading

import pytest

from assistant.api import Assistant
from assistant.index.writing import IngestProgress
from assistant.settings import EmbeddingSettings
from tests.conftest import MINI_CORPUS, ROOT, make_settings


def _assistant(tmp_path) -> Assistant:
    return Assistant(make_settings(tmp_path / "index", embedding=EmbeddingSettings(progress_group=4)))


def test_progress_is_reported_per_file_and_per_group_of_passages(tmp_path):
    assistant = _assistant(tmp_path)
    events: list[IngestProgress] = []
    report = assistant.ingest([MINI_CORPUS], on_progress=events.append)
    assert report.ok and not report.cancelled
    files = sorted(p.name for p in MINI_CORPUS.iterdir())
    assert sorted(e.name for e in events if e.stage == "read") == files
    assert sorted(e.name for e in events if e.stage == "written") == files
    embedded = [e for e in events if e.stage == "embed"]
    total = embedded[-1].chunks_total
    assert total == report.chunks_added  # every new passage embedded once, in groups of 4
    assert [e.chunks_done for e in embedded] == [*range(4, total, 4), total]
    assert all(e.files_total == len(files) for e in events)


def test_a_cancel_keeps_what_was_written_and_the_next_run_completes_it(tmp_path):
    assistant = _assistant(tmp_path)
    cancel = threading.Event()

    def stop_after_first_file(event: IngestProgress) -> None:
        if event.stage == "written":
            cancel.set()

    report = assistant.ingest([MINI_CORPUS], on_progress=stop_after_first_file, cancel=cancel)
    assert report.cancelled and "cancelled" in report.summary()
    assert [f.status for f in report.files] == ["added"]
    assert len(assistant.documents()) == 1
    assert assistant.check() == []  # Chroma, records, BM25 and the document list agree
    assert len(assistant.index.reader.lexical()) == assistant.index.reader.chunk_count()

    again = assistant.ingest([MINI_CORPUS])
    assert sorted(f.status for f in again.files) == ["added", "added", "unchanged"]
    assert assistant.check() == []


def test_a_cancel_while_embedding_leaves_the_earlier_index_untouched(tmp_path):
    assistant = _assistant(tmp_path)
    folder = tmp_path / "docs"
    shutil.copytree(MINI_CORPUS, folder)
    first = sorted(folder.iterdir())[0]
    assistant.ingest([first])
    before = dict(assistant.index.reader.chunks())
    cancel = threading.Event()

    def stop_while_embedding(event: IngestProgress) -> None:
        if event.stage == "embed":
            cancel.set()

    report = assistant.ingest([folder], on_progress=stop_while_embedding, cancel=cancel)
    assert report.cancelled
    assert all(f.status == "unchanged" for f in report.files)
    assert assistant.index.reader.chunks().keys() == before.keys()
    assert assistant.check() == []


def test_a_hidden_document_in_a_folder_is_reported_not_skipped_silently(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "..%2F..%2Fetc.txt").write_text("Catatan rapat tanpa kertas.\n", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD.txt").write_text("ref: main\n", encoding="utf-8")
    report = _assistant(tmp_path).ingest([folder])
    assert [(f.status, f.path.endswith("..%2F..%2Fetc.txt")) for f in report.files] == [("failed", True)]
    assert "hidden file" in report.files[0].error


@pytest.mark.slow
def test_ctrl_c_cancels_a_cli_ingest_cleanly(tmp_path):
    """The first Ctrl-C during `pandu ingest` stops it after the current step: exit 130, the
    files written are kept and the index is consistent."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(120):
        body = "\n\n".join(f"Catatan {i}-{j}: rapat koordinasi SPBE ke-{i * 7 + j} membahas layanan digital "
                           f"nomor {i * 13 + j} di daerah {i}." for j in range(12))
        (folder / f"catatan-{i:03d}.md").write_text(body, encoding="utf-8")
    env = {**os.environ, "PANDU_INDEX_DIR": str(tmp_path / "index"), "PANDU_EMBEDDING__PROGRESS_GROUP": "16",
           "PANDU_EMBEDDING__INGEST_GROUP": "256", "PANDU_CACHE_DIR": str(ROOT / ".cache"), "HF_HUB_OFFLINE": "1"}
    pandu = [sys.executable, "-m", "assistant.cli"]
    proc = subprocess.Popen([*pandu, "ingest", str(folder)], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    seen = b""
    while b"embed" not in seen:  # tqdm's passage bar: embedding has started
        data = os.read(proc.stderr.fileno(), 4096)
        assert data, f"ingest ended before embedding: {seen[-2000:]!r}"
        seen += data
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 130, err[-2000:]
    assert b"cancelled" in out
    check = subprocess.run([*pandu, "status", "--check"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
