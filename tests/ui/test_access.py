"""Who may use the app: accounts, the loopback rule, the admin password, the admin role checked
on the server, and `python app.py` refusing an unsafe address."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import gradio as gr
import httpx
import pandas as pd
import pytest
from gradio.context import LocalContext

from assistant.accounts import AccountStore
from assistant.settings import AccountSettings, Settings, UISettings
from assistant.ui.access import ADMIN_PASSWORD_KEY, UnsafeHostError, access_policy, is_loopback
from assistant.ui.app import build_app
from assistant.ui.server import launch_options
from tests.ui.handlers import handler as _handler

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PW = "kata-sandi-admin-1"
READER_PW = "kata-sandi-pembaca-1"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "LOCALHOST", "::1", "[::1]"])
def test_loopback_addresses(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "", "::", "192.168.1.20", "10.0.0.5", "pandu.example.go.id"])
def test_other_addresses(host):
    assert not is_loopback(host)


def settings_for(tmp_path, host: str = "127.0.0.1", admin_password: str | None = None, **accounts) -> Settings:
    ui = UISettings(host=host, admin_password=admin_password)
    return Settings(index_dir=tmp_path / "index", ui=ui, accounts=AccountSettings(bcrypt_rounds=4, **accounts))


def with_accounts(settings: Settings) -> AccountStore:
    store = AccountStore.for_settings(settings)
    store.add("siti", ADMIN_PW, role="admin")
    store.add("budi", READER_PW)
    return store


def test_loopback_without_accounts_or_password_is_open(tmp_path):
    policy = access_policy(settings_for(tmp_path))
    assert policy.app_auth is None and policy.accounts is None
    assert policy.admin_open
    assert policy.check_admin_password("")
    assert not (tmp_path / "index").exists()  # deciding did not create the accounts file


def test_loopback_with_password_guards_only_the_admin_tab(tmp_path):
    policy = access_policy(settings_for(tmp_path, admin_password="rahasia-uji"))
    assert policy.app_auth is None
    assert not policy.admin_open
    assert policy.check_admin_password("rahasia-uji")
    assert not policy.check_admin_password("salah")
    assert not policy.check_admin_password("")


def test_admin_password_is_throttled_like_a_login(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="assistant.login_throttle")
    policy = access_policy(settings_for(tmp_path, admin_password="rahasia-uji", max_failures=3))
    for _ in range(3):
        assert not policy.check_admin_password("tebakan")
    assert policy.throttle.locked(ADMIN_PASSWORD_KEY)
    assert not policy.check_admin_password("rahasia-uji")  # locked: the right one is refused too
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 4 and "admin password refused" in messages[-1]
    assert not any("tebakan" in m or "rahasia" in m for m in messages)


def test_other_address_without_accounts_is_refused(tmp_path):
    with pytest.raises(UnsafeHostError, match="pandu user add NAME --role admin"):
        access_policy(settings_for(tmp_path, host="0.0.0.0"))
    with pytest.raises(UnsafeHostError):  # an admin password no longer opens the app to the network
        access_policy(settings_for(tmp_path, host="0.0.0.0", admin_password="rahasia-uji"))
    with pytest.raises(UnsafeHostError):  # the host argument wins over the settings
        access_policy(settings_for(tmp_path), host="10.0.0.5")
    assert not (tmp_path / "index").exists()


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_accounts_put_the_whole_app_behind_login_on_any_address(tmp_path, host):
    settings = settings_for(tmp_path, host=host, admin_password="rahasia-uji")
    with_accounts(settings)
    policy = access_policy(settings)
    assert policy.accounts is not None and callable(policy.app_auth)
    assert not policy.admin_open
    assert not policy.check_admin_password("rahasia-uji")  # the tab has no password of its own now
    assert policy.is_admin("siti") and policy.is_admin("SITI")
    assert not policy.is_admin("budi") and not policy.is_admin("tidak-ada") and not policy.is_admin(None)
    options = launch_options(settings.ui, policy, host, 7860)
    assert options["auth"] is policy.app_auth
    assert options["server_name"] == host
    assert options["share"] is False

    check = policy.app_auth
    assert asyncio.run(check("budi", READER_PW)) is True
    assert asyncio.run(check("budi", ADMIN_PW)) is False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]



@pytest.fixture
def as_user():
    """Run a handler as Gradio does for a logged-in user: with the event's request in context."""
    tokens = []

    def login(username: str | None) -> None:
        tokens.append(LocalContext.request.set(gr.Request(username=username)))

    yield login
    for token in reversed(tokens):
        LocalContext.request.reset(token)


def test_admin_actions_need_the_admin_role(mini_assistant, tmp_path, as_user):
    """Each admin action reads the role of the session's user on the server: a reader cannot act
    whatever the session state says, and an admin made a reader loses the right at once."""
    settings = settings_for(tmp_path)
    store = with_accounts(settings)
    demo = build_app(mini_assistant, access_policy(settings))
    rights = _handler(demo, "session_rights")
    before = [d.doc_id for d in mini_assistant.documents()]

    as_user("budi")
    ok, body, readers, feedback = rights(gr.Request(username="budi"))
    assert ok is False and body["visible"] is False and readers["visible"] is True
    assert not isinstance(feedback, pd.DataFrame)  # a reader is not sent the feedback
    with pytest.raises(gr.Error, match="Hanya admin"):
        _handler(demo, "do_remove")(before[0], True, "id")
    with pytest.raises(gr.Error, match="Only an admin"):
        _handler(demo, "show_feedback")(True, "en")
    with pytest.raises(gr.Error, match="Hanya admin"):
        _handler(demo, "do_reindex")(True, "id")
    assert _handler(demo, "do_login")("rahasia-uji", "id")[0] is False  # no password opens the tab
    assert [d.doc_id for d in mini_assistant.documents()] == before

    as_user("siti")
    ok, body, readers, feedback = rights(gr.Request(username="siti"))
    assert ok is True and body["visible"] is True and readers["visible"] is False
    assert list(feedback.columns) == ["Waktu", "Pengguna", "Nilai", "Pertanyaan", "Komentar"]
    assert isinstance(_handler(demo, "show_feedback")(True, "id"), pd.DataFrame)
    with pytest.raises(gr.Error, match="Pilih dokumen"):  # past the admin check: no document picked
        _handler(demo, "do_remove")(None, True, "id")

    store.add("rina", "kata-sandi-rina", role="admin")
    store.set_role("siti", "reader")
    with pytest.raises(gr.Error, match="Hanya admin"):
        _handler(demo, "show_feedback")(True, "id")


def test_login_through_gradio_is_throttled(mini_assistant, tmp_path):
    """The real login form of the app: readers and admins get in, wrong passwords do not, and
    after max_failures the name is locked even for the right password."""
    settings = settings_for(tmp_path, max_failures=3)
    with_accounts(settings)
    policy = access_policy(settings)
    demo = build_app(mini_assistant, policy)
    demo.queue()
    port = free_port()
    demo.launch(**launch_options(settings.ui, policy, "127.0.0.1", port, block=False))
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as anonymous:
            assert anonymous.get("/config").status_code == 401
            assert anonymous.post("/login", data={"username": "budi", "password": "salah"}).status_code == 400
            assert anonymous.get("/config").status_code == 401
        with httpx.Client(base_url=base, timeout=30) as reader:
            assert reader.post("/login", data={"username": "budi", "password": READER_PW}).status_code == 200
            config = reader.get("/config")
            assert config.status_code == 200 and "Perpres 999/2099" in config.text
        with httpx.Client(base_url=base, timeout=30) as guesser:
            for _ in range(3):
                assert guesser.post("/login", data={"username": "siti", "password": "tebakan"}).status_code == 400
            assert guesser.post("/login", data={"username": "siti", "password": ADMIN_PW}).status_code == 400
        with httpx.Client(base_url=base, timeout=30) as admin:  # other names still get in
            assert admin.post("/login", data={"username": "budi", "password": READER_PW}).status_code == 200
    finally:
        demo.close()


def test_app_refuses_to_start_on_an_open_address_without_accounts(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PANDU_")}
    env.update(PANDU_UI__HOST="0.0.0.0", PANDU_UI__ADMIN_PASSWORD="rahasia-uji", PANDU_INDEX_DIR=str(tmp_path / "index"),
               HF_HUB_OFFLINE="1")
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(ROOT / "app.py")], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2, proc.stderr
    assert "pandu user add NAME --role admin" in proc.stderr
    assert not (tmp_path / "index").exists()  # refused before opening anything
    assert time.perf_counter() - started < 60
