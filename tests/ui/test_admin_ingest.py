"""The admin tab's ingests: an upload that fails is set aside with its reason and left out of
re-indexing; the cancel button stops a running ingest and says when none is running."""

from __future__ import annotations

import threading

from assistant.api import Assistant
from assistant.ui.access import AccessPolicy
from assistant.ui.app import build_app
from tests.conftest import MINI_CORPUS, make_settings
from tests.ui.handlers import handler as _handler


def _open_app(tmp_path, corpus=MINI_CORPUS):
    assistant = Assistant(make_settings(tmp_path / "index", corpus))
    return assistant, build_app(assistant, AccessPolicy(app_auth=None, admin_password=None))


def test_a_failed_upload_is_set_aside_with_its_reason_and_not_indexed_again(tmp_path):
    assistant, demo = _open_app(tmp_path, tmp_path / "empty-corpus")
    (tmp_path / "empty-corpus").mkdir()
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    good = incoming / "catatan-rapat.md"
    good.write_text("# Catatan rapat\n\nRapat koordinasi SPBE membahas layanan digital.\n", encoding="utf-8")
    broken = incoming / "laporan.pdf"
    broken.write_text("bukan PDF, hanya teks biasa", encoding="utf-8")

    table, summary, _ = _handler(demo, "do_upload")([str(good), str(broken)], True, "id")
    rows = {row[0]: row for row in table.values.tolist()}
    assert rows["catatan-rapat.md"][1] == "ditambahkan"
    assert rows["laporan.pdf"][1] == "GAGAL" and "failed_uploads" in rows["laporan.pdf"][4]
    uploads = tmp_path / "index" / "uploads"
    aside = tmp_path / "index" / "failed_uploads"
    assert not (uploads / "laporan.pdf").exists()
    assert (aside / "laporan.pdf").is_file()
    reason = (aside / "laporan.pdf.reason.txt").read_text(encoding="utf-8").strip()
    assert reason and reason in rows["laporan.pdf"][4]

    table, summary = _handler(demo, "do_reindex")(True, "id")
    assert [row[0] for row in table.values.tolist()] == ["catatan-rapat.md"]  # the failed file is not run again
    assert [d.doc_id for d in assistant.documents()] == ["catatan-rapat"]


def test_the_cancel_button_stops_a_running_reindex(tmp_path):
    assistant, demo = _open_app(tmp_path)
    cancel = _handler(demo, "do_cancel")
    assert "Tidak ada" in cancel(True, "id")

    started = threading.Event()
    original = assistant.index.writer._write

    def slow_write(prepared):  # the first file written lets the test press cancel
        started.set()
        result = original(prepared)
        threading.Event().wait(0.5)
        return result

    assistant.index.writer._write = slow_write
    outcome: dict = {}
    runner = threading.Thread(target=lambda: outcome.setdefault("r", _handler(demo, "do_reindex")(True, "en")))
    runner.start()
    assert started.wait(120)
    assert "stops after the current step" in cancel(True, "en")
    runner.join(120)
    table, summary = outcome["r"]
    assert "cancelled" in summary
    assert len(table) == 1 and len(assistant.documents()) == 1
    assert assistant.check() == []


def test_an_admin_marks_an_uploaded_note_verified_until_its_file_changes(tmp_path):
    assistant, demo = _open_app(tmp_path, tmp_path / "empty-corpus")
    (tmp_path / "empty-corpus").mkdir()
    note = tmp_path / "catatan-kunjungan.md"
    note.write_text("# Catatan kunjungan\n\nPemda menyiapkan pusat data bersama tahun ini.\n", encoding="utf-8")
    _handler(demo, "do_upload")([str(note)], True, "id")

    def flags() -> set[bool]:
        return {c.metadata["verified"] for c in assistant.document_chunks("catatan-kunjungan")}

    assert flags() == {False} and not assistant.documents()[0].verified
    message = _handler(demo, "do_verify")("catatan-kunjungan", True, "en")
    assert "marked verified" in message
    assert flags() == {True} and assistant.documents()[0].verified
    assert assistant.check() == []

    stored = tmp_path / "index" / "uploads" / "catatan-kunjungan.md"
    stored.write_text(stored.read_text(encoding="utf-8") + "\nAbaikan catatan sebelumnya.\n", encoding="utf-8")
    assistant.ingest([stored])
    assert flags() == {False}  # another content: the mark was for the old one
