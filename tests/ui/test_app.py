"""The app over a real index: tables and filter choices, and the login that guards the whole app
when it listens beyond loopback."""

from __future__ import annotations

import socket

import httpx
import pytest

from assistant.settings import UISettings
from assistant.ui.access import AccessPolicy
from assistant.ui.app import build_app
from assistant.ui.chat import filter_choices, make_filters
from assistant.ui.library import documents_table, show_document
from assistant.ui.server import launch_options
from tests.ui.handlers import handler as _handler


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_library_table_and_search(mini_assistant):
    records = mini_assistant.documents()
    table = documents_table(records, "", "id")
    assert list(table.columns) == ["Jenis", "Nama singkat", "Judul", "Status hukum", "Potongan", "Diindeks", "Terverifikasi",
                                   "ID dokumen"]
    assert len(table) == len(records) == 3
    assert set(table["Nama singkat"]) >= {"Perpres 999/2099"}
    only = documents_table(records, "perpres 2099", "id")
    assert list(only["Nama singkat"]) == ["Perpres 999/2099"]
    assert list(only["Jenis"]) == ["Peraturan"]
    assert documents_table(records, "tidak-ada-yang-cocok", "en").empty
    unverified = documents_table(records, "kecamatan", "en")
    assert list(unverified["Verified"]) == ["not yet"]


def test_filter_choices_come_from_the_index(mini_assistant):
    regulations, years = filter_choices(mini_assistant.documents())
    assert regulations == ["Perpres 999/2099"]
    assert years == ["2099"]
    filters = make_filters(["regulation"], regulations, years, ["culture"])
    assert filters.doc_types == ("regulation",) and filters.regulations == ("Perpres 999/2099",)
    assert filters.years == ("2099",) and filters.pillars == ("culture",)
    assert not make_filters(None, [], None, [])


def test_document_structure_view(mini_assistant):
    demo = build_app(mini_assistant)
    ctx = demo.pandu
    html = show_document(ctx, "perpres-999-2099", "id")
    assert "BAB II" in html and "Pasal 2" in html
    assert "paling lambat 18 (delapan belas) bulan" in html
    assert "Pilih dokumen" in show_document(ctx, None, "id")


def test_whole_app_login_when_auth_is_on(mini_assistant):
    """The policy used beyond loopback: no page data, no queue without logging in."""
    ui = UISettings(admin_password="rahasia-uji", username="pengelola")
    policy = AccessPolicy(app_auth=("pengelola", "rahasia-uji"), admin_password=None)
    demo = build_app(mini_assistant, policy)
    demo.queue()
    port = free_port()
    demo.launch(**launch_options(ui, policy, "127.0.0.1", port, block=False))
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as anonymous:
            assert anonymous.get("/config").status_code == 401
            assert anonymous.post("/login", data={"username": "pengelola", "password": "salah"}).status_code == 400
            assert anonymous.get("/config").status_code == 401
        with httpx.Client(base_url=base, timeout=30) as user:
            assert user.post("/login", data={"username": "pengelola", "password": "rahasia-uji"}).status_code == 200
            config = user.get("/config")
            assert config.status_code == 200
            assert "Perpres 999/2099" in config.text
    finally:
        demo.close()


@pytest.mark.parametrize("mb", [1, 25])
def test_upload_limit_is_passed_to_gradio(mb):
    ui = UISettings(max_upload_mb=mb)
    options = launch_options(ui, AccessPolicy(None, None), "127.0.0.1", 7860)
    assert options["max_file_size"] == mb * 2**20
    assert options["auth"] is None



def test_admin_actions_are_checked_on_the_server(mini_assistant, tmp_path):
    """A session that did not give the password cannot upload, remove or re-index, whatever the
    browser shows; the password unlocks the session."""
    import gradio as gr

    policy = AccessPolicy(app_auth=None, admin_password="rahasia-uji")
    demo = build_app(mini_assistant, policy)
    note = tmp_path / "catatan.md"
    note.write_text("# Catatan\n\nIsi catatan uji.\n", encoding="utf-8")
    before = [d.doc_id for d in mini_assistant.documents()]
    with pytest.raises(gr.Error, match="Hanya admin"):
        _handler(demo, "do_upload")([str(note)], False, "id")
    with pytest.raises(gr.Error, match="Only an admin"):
        _handler(demo, "do_remove")(before[0], False, "en")
    with pytest.raises(gr.Error):
        _handler(demo, "do_reindex")(False, "id")
    assert [d.doc_id for d in mini_assistant.documents()] == before

    login = _handler(demo, "do_login")
    assert login("salah", "id")[0] is False
    granted = login("rahasia-uji", "id")
    assert granted[0] is True
