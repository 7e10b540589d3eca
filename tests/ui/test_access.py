"""The loopback/password rule, and `python app.py` refusing an unsafe address."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.settings import UISettings
from assistant.ui.access import UnsafeHostError, access_policy, is_loopback
from assistant.ui.server import launch_options

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "LOCALHOST", "::1", "[::1]"])
def test_loopback_addresses(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "", "::", "192.168.1.20", "10.0.0.5", "pandu.example.go.id"])
def test_other_addresses(host):
    assert not is_loopback(host)


def test_loopback_without_password_is_open():
    policy = access_policy(UISettings(host="127.0.0.1"))
    assert policy.app_auth is None
    assert policy.admin_open
    assert policy.check_admin_password("")


def test_loopback_with_password_guards_only_the_admin_tab():
    policy = access_policy(UISettings(host="127.0.0.1", admin_password="rahasia-uji"))
    assert policy.app_auth is None
    assert not policy.admin_open
    assert policy.check_admin_password("rahasia-uji")
    assert not policy.check_admin_password("salah")
    assert not policy.check_admin_password("")


def test_other_address_without_password_is_refused():
    with pytest.raises(UnsafeHostError, match="PANDU_UI__ADMIN_PASSWORD"):
        access_policy(UISettings(host="0.0.0.0"))
    with pytest.raises(UnsafeHostError):
        access_policy(UISettings(host="0.0.0.0", admin_password=""))
    with pytest.raises(UnsafeHostError):  # the host argument wins over the settings
        access_policy(UISettings(host="127.0.0.1"), host="0.0.0.0")


def test_other_address_with_password_puts_the_whole_app_behind_login():
    ui = UISettings(host="0.0.0.0", admin_password="rahasia-uji", username="pengelola")
    policy = access_policy(ui)
    assert policy.app_auth == ("pengelola", "rahasia-uji")
    assert policy.admin_open  # logged-in users already gave the admin password
    options = launch_options(ui, policy, "0.0.0.0", 7860)
    assert options["auth"] == ("pengelola", "rahasia-uji")
    assert options["server_name"] == "0.0.0.0"
    assert options["max_file_size"] == ui.max_upload_mb * 2**20
    assert options["share"] is False


def test_app_refuses_to_start_on_an_open_address_without_password(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PANDU_")}
    env.update(PANDU_UI__HOST="0.0.0.0", PANDU_INDEX_DIR=str(tmp_path / "index"), HF_HUB_OFFLINE="1")
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(ROOT / "app.py")], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2, proc.stderr
    assert "PANDU_UI__ADMIN_PASSWORD" in proc.stderr
    assert not (tmp_path / "index").exists()  # refused before opening anything
    assert time.perf_counter() - started < 60
