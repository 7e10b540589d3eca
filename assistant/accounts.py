"""The accounts of the web app: usernames, bcrypt password hashes and roles, in a SQLite file.

    store = AccountStore.for_settings(settings)
    store.add("siti", "a long passphrase", role="admin")
    user = store.authenticate("siti", "a long passphrase")   # User, or None

Two roles: ``reader`` (chat and library) and ``admin`` (also the admin tab). Usernames are
1-64 characters among ASCII letters, digits and ``. _ - @``, compared without regard to case
(stored in lower case). A password needs ``settings.accounts.min_password_length`` characters
at least, at most 72 bytes in UTF-8 (what bcrypt reads), and must differ from the username.
There is always an admin once there are accounts: the first account must be one, and the last
one can be neither removed nor made a reader.

``authenticate`` goes through ``LoginThrottle`` (``assistant/login_throttle.py``), whose
failure counts live in the same file.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import bcrypt

from assistant.login_throttle import LoginThrottle, connect
from assistant.settings import AccountSettings, Settings

ROLES = ("reader", "admin")
USERNAME_RULE = "1-64 characters: letters a-z, digits, '.', '_', '-', '@'"
_USERNAME = re.compile(r"[a-z0-9._@-]{1,64}")
_BCRYPT_MAX_BYTES = 72

_SCHEMA = """CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('reader', 'admin')),
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL
)"""


@dataclass(frozen=True)
class User:
    username: str
    role: str
    created_at: str
    changed_at: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def default_users_path(settings: Settings) -> Path:
    """``settings.accounts.users_db`` when set, else ``<index_dir>/users.sqlite``."""
    if settings.accounts.users_db:
        return Path(settings.accounts.users_db)
    return Path(settings.index_dir) / "users.sqlite"


def canonical_username(username: str) -> str:
    """The form a username is stored and compared in."""
    return (username or "").strip().lower()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class AccountStore:
    """Accounts in one SQLite file; a short-lived connection per call, so any thread or process
    may use it. Nothing is written to disk until an account is added or a login is attempted."""

    def __init__(self, path: Path | str, settings: AccountSettings | None = None,
                 clock: Callable[[], float] = time.time):
        self.path = Path(path)
        self.settings = settings or AccountSettings()
        self.throttle = LoginThrottle(self.path, self.settings, clock)
        self._ready = False
        self._dummy_hash: bytes | None = None

    @classmethod
    def for_settings(cls, settings: Settings, clock: Callable[[], float] = time.time) -> "AccountStore":
        return cls(default_users_path(settings), settings.accounts, clock)

    # -- storage -------------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn = connect(self.path)
        if not self._ready:
            conn.execute(_SCHEMA)
            self._ready = True
        return conn

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        if not self.path.exists():  # reading never creates the file
            return []
        with closing(self._connect()) as conn:
            return conn.execute(sql, params).fetchall()

    @staticmethod
    def _user(row: tuple) -> User:
        return User(username=row[0], role=row[1], created_at=row[2], changed_at=row[3])

    # -- reading ---------------------------------------------------------------------------------
    def users(self) -> list[User]:
        """Every account (never the hashes), by username."""
        rows = self._rows("SELECT username, role, created_at, changed_at FROM users ORDER BY username")
        return [self._user(r) for r in rows]

    def get(self, username: str | None) -> User | None:
        rows = self._rows("SELECT username, role, created_at, changed_at FROM users WHERE username = ?",
                          (canonical_username(username or ""),))
        return self._user(rows[0]) if rows else None

    def has_users(self) -> bool:
        return bool(self._rows("SELECT 1 FROM users LIMIT 1"))

    def is_admin(self, username: str | None) -> bool:
        user = self.get(username) if username else None
        return user is not None and user.is_admin

    # -- checks ------------------------------------------------------------------------------------
    def check_username(self, username: str) -> str:
        """The canonical form of a username for a new account; ValueError when it breaks the rule."""
        name = canonical_username(username)
        if not _USERNAME.fullmatch(name):
            raise ValueError(f"invalid username {username!r}: {USERNAME_RULE}")
        return name

    def check_password(self, username: str, password: str) -> None:
        """ValueError when ``password`` may not be used for ``username``."""
        minimum = self.settings.min_password_length
        if len(password) < minimum:
            raise ValueError(f"the password is too short: {minimum} characters at least")
        if len(password.encode("utf-8")) > _BCRYPT_MAX_BYTES:
            raise ValueError(f"the password is too long: {_BCRYPT_MAX_BYTES} bytes at most (UTF-8)")
        if "\x00" in password:
            raise ValueError("the password may not contain a NUL character")
        if password.strip().lower() == canonical_username(username):
            raise ValueError("the password may not be the username")

    @staticmethod
    def check_role(role: str) -> str:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
        return role

    def _hash(self, password: str) -> str:
        return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(self.settings.bcrypt_rounds)).decode("ascii")

    # -- changes ------------------------------------------------------------------------------------
    def add(self, username: str, password: str, role: str = "reader") -> User:
        """A new account. The first account must be an admin."""
        name = self.check_username(username)
        self.check_role(role)
        self.check_password(name, password)
        hashed = self._hash(password)
        now = _now()
        with closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if conn.execute("SELECT 1 FROM users WHERE username = ?", (name,)).fetchone():
                    raise ValueError(f"user {name!r} exists already")
                if role != "admin" and not conn.execute("SELECT 1 FROM users WHERE role = 'admin'").fetchone():
                    raise ValueError("the first account must be an admin (--role admin)")
                conn.execute("INSERT INTO users VALUES (?, ?, ?, ?, ?)", (name, hashed, role, now, now))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return User(name, role, now, now)

    def _change(self, username: str, apply: Callable[[sqlite3.Connection, str, str], None]) -> None:
        """Run ``apply(conn, name, current_role)`` on an existing account inside one transaction."""
        name = canonical_username(username)
        with closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                row = conn.execute("SELECT role FROM users WHERE username = ?", (name,)).fetchone()
                if row is None:
                    raise ValueError(f"no user {name!r}")
                apply(conn, name, row[0])
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    @staticmethod
    def _refuse_last_admin(conn: sqlite3.Connection, name: str, role: str, doing: str) -> None:
        if role == "admin":
            (admins,) = conn.execute("SELECT COUNT(*) FROM users WHERE role = 'admin'").fetchone()
            if admins <= 1:
                raise ValueError(f"{name!r} is the last admin and cannot be {doing}; make another admin first")

    def remove(self, username: str) -> None:
        def apply(conn: sqlite3.Connection, name: str, role: str) -> None:
            self._refuse_last_admin(conn, name, role, "removed")
            conn.execute("DELETE FROM users WHERE username = ?", (name,))

        self._change(username, apply)
        self.throttle.clear(canonical_username(username))

    def set_password(self, username: str, password: str) -> None:
        """A new password; it also lifts a lock of the name after failed logins."""
        name = canonical_username(username)
        if self.get(name) is None:
            raise ValueError(f"no user {name!r}")
        self.check_password(name, password)
        hashed = self._hash(password)
        self._change(name, lambda conn, n, _: conn.execute(
            "UPDATE users SET password_hash = ?, changed_at = ? WHERE username = ?", (hashed, _now(), n)))
        self.throttle.clear(name)

    def set_role(self, username: str, role: str) -> None:
        self.check_role(role)

        def apply(conn: sqlite3.Connection, name: str, current: str) -> None:
            if role != "admin":
                self._refuse_last_admin(conn, name, current, "made a reader")
            conn.execute("UPDATE users SET role = ?, changed_at = ? WHERE username = ?", (role, _now(), name))

        self._change(username, apply)

    # -- logging in -----------------------------------------------------------------------------------
    def _dummy(self) -> bytes:
        """A hash of no one's password, at the configured cost: unknown names are compared with it,
        so that they take as long as known ones."""
        if self._dummy_hash is None:
            self._dummy_hash = bcrypt.hashpw(b"no account has this password", bcrypt.gensalt(self.settings.bcrypt_rounds))
        return self._dummy_hash

    def verify(self, username: str, password: str) -> User | None:
        """The bare password comparison, unthrottled: the same bcrypt work whether or not the name
        exists or the password could ever be valid."""
        name = canonical_username(username)
        secret = (password or "").encode("utf-8")
        dummy = self._dummy()  # made on the first call, whichever the name
        row = None
        if _USERNAME.fullmatch(name) and self.path.exists():
            with closing(self._connect()) as conn:
                row = conn.execute(
                    "SELECT username, role, created_at, changed_at, password_hash FROM users WHERE username = ?",
                    (name,),
                ).fetchone()
        usable = row is not None and len(secret) <= _BCRYPT_MAX_BYTES
        stored = row[4].encode("ascii") if usable else dummy
        matches = bcrypt.checkpw(secret[:_BCRYPT_MAX_BYTES], stored)
        return self._user(row[:4]) if usable and matches else None

    def authenticate(self, username: str, password: str) -> User | None:
        """The account when the password is right and no brake of ``LoginThrottle`` refuses the
        attempt; None otherwise (the reason is in the log, never the password)."""
        name = canonical_username(username)
        return self.throttle.attempt(name, lambda: self.verify(name, password))
