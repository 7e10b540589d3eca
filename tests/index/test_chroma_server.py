"""The same index through a real Chroma server on 127.0.0.1 (HttpClient mode)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import MINI_CORPUS, make_settings

CHROMA = Path(sys.executable).with_name("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    if not CHROMA.exists():
        pytest.skip("the chroma CLI is not installed")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("the Chroma server did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=20)


def test_ingest_and_ask_through_a_chroma_server(chroma_server, tmp_path):
    from assistant.api import Assistant

    docs = tmp_path / "docs"
    shutil.copytree(MINI_CORPUS, docs)
    settings = make_settings(tmp_path / "index")
    settings.chroma.mode = "server"
    settings.chroma.port = chroma_server
    assistant = Assistant(settings)
    report = assistant.ingest([docs])
    assert report.ok
    assert not (tmp_path / "index" / "chroma").exists()  # vectors live on the server
    assert assistant.status()["chroma"] == f"server 127.0.0.1:{chroma_server}"
    answer = assistant.ask("Berapa lama desa harus membuka Kantor Digital Desa?")
    assert any(c.label == "Pasal 2 ayat (1) Perpres 999/2099" for c in answer.citations)

    again = Assistant(settings).ingest([docs])  # a second client sees the same records
    assert {f.status for f in again.files} == {"unchanged"}
