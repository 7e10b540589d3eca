"""Accounts: the store's rules, bcrypt, the brakes on failed logins, their log, and `pandu user`."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading

import bcrypt
import pytest
from typer.testing import CliRunner

from assistant.accounts import AccountStore, default_users_path
from assistant.cli import app as cli_app
from assistant.settings import AccountSettings, Settings, get_settings

FAST = AccountSettings(bcrypt_rounds=4)
ADMIN_PW = "kata-sandi-admin-1"
READER_PW = "kata-sandi-pembaca-1"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path, clock) -> AccountStore:
    store = AccountStore(tmp_path / "users.sqlite", FAST, clock=clock)
    store.add("siti", ADMIN_PW, role="admin")
    store.add("budi", READER_PW)
    return store


@pytest.fixture
def checks(monkeypatch) -> list[bytes]:
    """The hashes that bcrypt.checkpw was asked to compare with (the real function still runs)."""
    seen: list[bytes] = []
    real = bcrypt.checkpw

    def spy(password: bytes, hashed: bytes) -> bool:
        seen.append(hashed)
        return real(password, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", spy)
    return seen


# -- the store ---------------------------------------------------------------------------------


def test_add_authenticate_passwd_remove(store, tmp_path):
    assert [(u.username, u.role) for u in store.users()] == [("budi", "reader"), ("siti", "admin")]
    assert store.authenticate("siti", ADMIN_PW).is_admin
    reader = store.authenticate("Budi ", READER_PW)  # names are compared without case or spaces around
    assert reader.username == "budi" and reader.role == "reader" and not reader.is_admin
    assert store.authenticate("budi", ADMIN_PW) is None
    assert store.authenticate("budi", "") is None

    store.set_password("budi", "sandi-baru-budi")
    assert store.authenticate("budi", READER_PW) is None
    assert store.authenticate("budi", "sandi-baru-budi") is not None

    store.set_role("budi", "admin")
    assert store.is_admin("budi")
    store.remove("budi")
    assert store.get("budi") is None
    assert store.authenticate("budi", "sandi-baru-budi") is None
    with pytest.raises(ValueError, match="no user 'budi'"):
        store.remove("budi")

    # stored as bcrypt hashes, in a file only its owner may read; the list carries no hash
    with sqlite3.connect(tmp_path / "users.sqlite") as conn:
        (stored,) = conn.execute("SELECT password_hash FROM users WHERE username = 'siti'").fetchone()
    assert stored.startswith("$2b$04$") and ADMIN_PW not in stored
    assert (tmp_path / "users.sqlite").stat().st_mode & 0o077 == 0
    assert "hash" not in repr(store.users())
    # another store on the same file (another process) sees the same accounts
    assert AccountStore(tmp_path / "users.sqlite", FAST).authenticate("siti", ADMIN_PW) is not None


def test_input_rules(store):
    with pytest.raises(ValueError, match="too short: 10 characters"):
        store.add("andi", "pendek")
    with pytest.raises(ValueError, match="too short"):
        store.set_password("budi", "x")
    with pytest.raises(ValueError, match="may not be the username"):
        store.add("andi.wijaya", "Andi.Wijaya")
    with pytest.raises(ValueError, match="too long"):
        store.add("andi", "é" * 40)  # 40 characters, 80 bytes
    with pytest.raises(ValueError, match="exists already"):
        store.add("SITI", "kata-sandi-lain-1", role="admin")
    with pytest.raises(ValueError, match="unknown role 'owner'"):
        store.add("andi", "kata-sandi-andi", role="owner")
    with pytest.raises(ValueError, match="unknown role"):
        store.set_role("budi", "root")
    with pytest.raises(ValueError, match="no user 'tidak-ada'"):
        store.set_password("tidak-ada", "kata-sandi-andi")
    for bad in ("", "a b", "x" * 65, "andi;drop", "an\ndi", "ändi"):
        with pytest.raises(ValueError, match="invalid username"):
            store.add(bad, "kata-sandi-andi")
    user = store.add("andi.w_1-x@kab.go.id", "kata-sandi-andi")
    assert user.username == "andi.w_1-x@kab.go.id"
    assert len(store.users()) == 3

    longer = AccountStore(store.path, AccountSettings(bcrypt_rounds=4, min_password_length=16))
    with pytest.raises(ValueError, match="16 characters"):
        longer.add("dewi", "empat-belas-xx")  # 14 characters


def test_there_is_always_an_admin(tmp_path):
    store = AccountStore(tmp_path / "users.sqlite", FAST)
    assert not store.has_users()
    assert not (tmp_path / "users.sqlite").exists()  # looking does not create the file
    with pytest.raises(ValueError, match="first account must be an admin"):
        store.add("budi", READER_PW)
    store.add("siti", ADMIN_PW, role="admin")
    assert store.has_users()
    with pytest.raises(ValueError, match="last admin"):
        store.remove("siti")
    with pytest.raises(ValueError, match="last admin"):
        store.set_role("siti", "reader")
    store.add("rina", "kata-sandi-rina", role="admin")
    store.set_role("siti", "reader")
    with pytest.raises(ValueError, match="last admin"):
        store.remove("rina")
    store.remove("siti")
    assert [(u.username, u.role) for u in store.users()] == [("rina", "admin")]


def test_default_path(tmp_path):
    assert default_users_path(Settings(index_dir=tmp_path)) == tmp_path / "users.sqlite"
    chosen = tmp_path / "elsewhere" / "akun.sqlite"
    assert default_users_path(Settings(index_dir=tmp_path, accounts=AccountSettings(users_db=str(chosen)))) == chosen


def test_unknown_names_cost_the_same_bcrypt_work(store, checks):
    """A name that does not exist, or could not exist, is compared with a dummy hash of the same
    cost, so the time of an answer does not tell which names have accounts."""
    assert store.authenticate("siti", "salah-sekali-1") is None
    assert store.authenticate("tidak-ada", "salah-sekali-1") is None
    assert store.authenticate("nama tidak sah\n" * 20, "salah-sekali-1") is None
    assert store.authenticate("budi", "x" * 200) is None  # longer than bcrypt reads
    assert len(checks) == 4
    known, unknown, invalid, too_long = checks
    assert known != unknown and unknown == invalid == too_long
    assert known[:7] == unknown[:7] == b"$2b$04$"  # same algorithm and cost


# -- the brakes ------------------------------------------------------------------------------------


def test_lockout_after_max_failures_then_unlock(store, clock, checks):
    for _ in range(5):
        assert store.authenticate("budi", "salah-sekali-1") is None
        clock.advance(10)
    assert store.throttle.locked("budi")
    checked = len(checks)
    assert store.authenticate("budi", READER_PW) is None  # locked: the right password does not help
    assert len(checks) == checked  # ... and was not even compared
    assert store.authenticate("siti", ADMIN_PW) is not None  # other names are not affected

    clock.advance(300)  # the lock has ended
    assert not store.throttle.locked("budi")
    assert store.authenticate("budi", READER_PW) is not None  # a success forgets the failures
    assert store.authenticate("budi", "salah-sekali-1") is None
    assert not store.throttle.locked("budi")


def test_failures_soon_after_a_lock_lock_again_and_old_ones_expire(store, clock):
    for _ in range(5):
        store.authenticate("budi", "salah-sekali-1")
    clock.advance(301)
    assert store.authenticate("budi", "salah-sekali-1") is None  # 6 failures within the window
    assert store.throttle.locked("budi")

    clock.advance(901)  # beyond the window: earlier failures no longer count
    for _ in range(4):
        assert store.authenticate("budi", "salah-sekali-1") is None
    assert not store.throttle.locked("budi")
    assert store.authenticate("budi", READER_PW) is not None


def test_unknown_names_are_locked_like_known_ones(store, clock):
    for _ in range(5):
        store.authenticate("tidak-ada", "salah-sekali-1")
    assert store.throttle.locked("tidak-ada")


def test_new_password_lifts_the_lock(store):
    for _ in range(5):
        store.authenticate("budi", "salah-sekali-1")
    assert store.authenticate("budi", READER_PW) is None
    store.set_password("budi", "sandi-baru-budi")
    assert store.authenticate("budi", "sandi-baru-budi") is not None


def test_global_cap_across_names(tmp_path, clock, checks):
    settings = AccountSettings(bcrypt_rounds=4, max_failures_per_minute=6)
    store = AccountStore(tmp_path / "users.sqlite", settings, clock=clock)
    store.add("siti", ADMIN_PW, role="admin")
    for i in range(6):  # spread over names, so no single name is locked
        assert store.authenticate(f"tebakan-{i}", "salah-sekali-1") is None
        clock.advance(5)
    assert not any(store.throttle.locked(f"tebakan-{i}") for i in range(6))
    checked = len(checks)
    assert store.authenticate("siti", ADMIN_PW) is None  # everyone is refused, unchecked
    assert len(checks) == checked
    clock.advance(31)  # the first failure is now more than a minute old
    assert store.authenticate("siti", ADMIN_PW) is not None


def test_counts_are_shared_by_stores_on_one_file(store, clock):
    other = AccountStore(store.path, FAST, clock=clock)  # as another app process would
    for _ in range(3):
        store.authenticate("budi", "salah-sekali-1")
    for _ in range(2):
        other.authenticate("budi", "salah-sekali-1")
    assert store.throttle.locked("budi") and other.throttle.locked("budi")
    assert other.authenticate("budi", READER_PW) is None


def test_simultaneous_attempts_cannot_pass_the_limit(store, checks):
    """An attempt counts as a failure before its password is compared: twenty at once on one
    name get no more than max_failures comparisons."""
    barrier = threading.Barrier(20)

    def guess(i: int) -> None:
        barrier.wait()
        store.authenticate("budi", f"tebakan-ke-{i}")

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(checks) == 5
    assert store.throttle.locked("budi")


def test_failures_and_refusals_are_logged_without_the_password(store, caplog):
    caplog.set_level(logging.WARNING, logger="assistant.login_throttle")
    store.authenticate("budi", "rahasia-yang-salah")
    store.authenticate("evil\nINFO forged line", "rahasia-yang-salah")
    for _ in range(4):
        store.authenticate("budi", "rahasia-yang-salah")
    store.authenticate("budi", READER_PW)  # refused: locked
    messages = [r.getMessage() for r in caplog.records]
    assert all(r.levelno == logging.WARNING for r in caplog.records)
    assert len(messages) == 7
    assert messages[0] == "login failed for 'budi' (1 of 5 allowed within 900 s)"
    assert messages[1].startswith("login failed for 'evil\\ninfo forged line'")  # escaped, one line
    assert "locked for 300 s" in messages[5]
    assert messages[6].startswith("login refused for 'budi': locked")
    assert not any("rahasia" in m or READER_PW in m or "\n" in m for m in messages)

    caplog.clear()
    store.authenticate("siti", ADMIN_PW)
    assert caplog.records == []  # a success is not a warning


# -- pandu user ---------------------------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """`pandu` on an index folder of the test's own, with cheap hashes."""
    for name in [k for k in os.environ if k.startswith("PANDU_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("PANDU_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("PANDU_ACCOUNTS__BCRYPT_ROUNDS", "4")
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(cli_app, ["user", *args], input=input)

    run.store = lambda: AccountStore(tmp_path / "index" / "users.sqlite", FAST)
    yield run
    get_settings.cache_clear()


def test_cli_user_commands(cli):
    result = cli("list")
    assert result.exit_code == 0 and "no accounts" in result.output

    result = cli("add", "budi", input=f"{READER_PW}\n{READER_PW}\n")
    assert result.exit_code == 2 and "first account must be an admin" in result.output

    result = cli("add", "Siti", "--role", "admin", input=f"{ADMIN_PW}\n{ADMIN_PW}\n")
    assert result.exit_code == 0, result.output
    assert "added siti (admin)" in result.output
    assert ADMIN_PW not in result.output  # the prompt does not echo it
    assert cli.store().authenticate("siti", ADMIN_PW).is_admin

    result = cli("add", "budi", "--password-stdin", input=f"{READER_PW}\n")
    assert result.exit_code == 0 and "added budi (reader)" in result.output
    assert cli.store().authenticate("budi", READER_PW).role == "reader"

    result = cli("list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:2] == ["budi", "reader"] and lines[1].split()[:2] == ["siti", "admin"]
    assert "$2b$" not in result.output

    result = cli("add", "budi", "--password-stdin", input=f"{READER_PW}\n")
    assert result.exit_code == 2 and "exists already" in result.output

    result = cli("add", "andi", "--password-stdin", input="pendek\n")
    assert result.exit_code == 2 and "too short" in result.output

    result = cli("add", "andi", input="kata-sandi-andi\nkata-sandi-lain\n")  # the two do not match
    assert result.exit_code != 0 and cli.store().get("andi") is None

    result = cli("add", "andi", "--role", "owner", "--password-stdin", input="kata-sandi-andi\n")
    assert result.exit_code == 2

    result = cli("passwd", "budi", input="sandi-baru-budi\nsandi-baru-budi\n")
    assert result.exit_code == 0, result.output
    assert cli.store().authenticate("budi", "sandi-baru-budi") is not None

    result = cli("passwd", "tidak-ada", "--password-stdin", input="sandi-baru-budi\n")
    assert result.exit_code == 2 and "no user 'tidak-ada'" in result.output

    result = cli("remove", "siti")
    assert result.exit_code == 2 and "last admin" in result.output

    result = cli("role", "budi", "admin")
    assert result.exit_code == 0 and cli.store().is_admin("budi")
    result = cli("remove", "siti")
    assert result.exit_code == 0 and "removed siti" in result.output
    assert [u.username for u in cli.store().users()] == ["budi"]
