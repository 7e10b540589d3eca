"""Uploaded files: names cleaned, types and sizes checked, copies kept under the index folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.documents.loaders import SUPPORTED_SUFFIXES
from assistant.ui.uploads import safe_name, stage_uploads, uploads_dir


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Perpres 998 2098.PDF", "Perpres 998 2098.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\x.md", "x.md"),
        (".hidden.md", "hidden.md"),
        ("catatan<script>.md", "catatan_script.md"),
        ("....md", "dokumen.md"),
    ],
)
def test_safe_name(name, expected):
    assert safe_name(name) == expected


def _file(folder: Path, name: str, size: int = 0, content: str = "isi") -> Path:
    path = folder / name
    path.write_bytes(content.encode() if not size else b"a" * size)
    return path


def test_stage_uploads_copies_good_files_and_explains_refusals(tmp_path):
    incoming = tmp_path / "gradio-temp"
    incoming.mkdir()
    good = _file(incoming, "catatan.md", content="# Catatan\n\nisi")
    bad_type = _file(incoming, "program.exe")
    too_big = _file(incoming, "besar.txt", size=3 * 2**20)
    target = uploads_dir(tmp_path / "index")

    staged, failures = stage_uploads([good, bad_type, too_big], target, SUPPORTED_SUFFIXES, 2 * 2**20, "id")

    assert staged == [target / "catatan.md"]
    assert (target / "catatan.md").read_text() == good.read_text()
    by_name = {f.path: f for f in failures}
    assert set(by_name) == {"program.exe", "besar.txt"}
    assert all(f.status == "failed" for f in failures)
    assert "tidak didukung (.exe)" in by_name["program.exe"].error
    assert ".pdf" in by_name["program.exe"].error
    assert "terlalu besar (3.0 MB; batas 2 MB)" in by_name["besar.txt"].error
    assert not (target / "program.exe").exists() and not (target / "besar.txt").exists()


def test_stage_uploads_messages_in_english(tmp_path):
    bad = _file(tmp_path, "tabel.csv")
    _, failures = stage_uploads([bad], tmp_path / "up", SUPPORTED_SUFFIXES, 2**20, "en")
    assert failures[0].error.startswith("unsupported file type (.csv)")


def test_same_name_replaces_the_earlier_upload(tmp_path):
    target = tmp_path / "up"
    first = tmp_path / "a"
    second = tmp_path / "b"
    first.mkdir()
    second.mkdir()
    stage_uploads([_file(first, "catatan.md", content="versi 1")], target, SUPPORTED_SUFFIXES, 2**20)
    stage_uploads([_file(second, "catatan.md", content="versi 2")], target, SUPPORTED_SUFFIXES, 2**20)
    assert [p.name for p in target.iterdir()] == ["catatan.md"]
    assert (target / "catatan.md").read_text() == "versi 2"
