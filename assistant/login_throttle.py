"""Brakes on password guessing: failed logins are counted in SQLite and stop further attempts.

Two brakes, both applied before any password is looked at:

- **Per name.** After ``max_failures`` failed logins for one name within ``window_s`` seconds,
  the name is locked for ``lockout_s`` seconds: every attempt during the lock is refused, the
  right password included. A failure soon after the lock has ended locks the name again, since
  the earlier failures still count; a successful login forgets them.
- **Across all names.** When ``max_failures_per_minute`` logins have failed in the last 60
  seconds, whatever the names, every login is refused until that minute has passed. This bounds
  the guessing rate of someone who spreads guesses over many names, which the per-name brake
  alone does not.

The trade-off: both brakes can be used against the people they protect. Whoever knows a name
can keep that account locked by failing on purpose, and whoever keeps failing a few dozen times a
minute keeps everyone out, admins included, for as long as they go on. That is accepted here: a
slow, visible denial of service (each failure and refusal is a WARNING in the log, with the name)
is preferred to unbounded guessing. The command line does not log in, so ``pandu user ...``
keeps working during such an attack, and a new password (``pandu user passwd``) lifts the lock
of that name.

Counts live in the accounts' SQLite file, so every app process on it shares them. An attempt is
written down as a failure *before* its password is checked, in one transaction with the checks,
and the record is removed when the password was right: many simultaneous attempts on one name
cannot all slip through before the first failure is stored.

Nothing here sleeps: a refused login returns at once, and the login handler is not held up.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TypeVar

from assistant.settings import AccountSettings

log = logging.getLogger(__name__)

T = TypeVar("T")

#: How much of a name is stored and shown: a name longer than any valid one is not kept whole.
KEY_CHARS = 100

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS login_failures (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL,
        at REAL NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures (key, at)",
    "CREATE INDEX IF NOT EXISTS login_failures_at ON login_failures (at)",
    """CREATE TABLE IF NOT EXISTS login_locks (
        key TEXT PRIMARY KEY,
        until REAL NOT NULL
    )""",
)


def shown(key: str) -> str:
    """A name as it appears in the log: quoted, control characters escaped, length bounded."""
    return repr(key[:KEY_CHARS])


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the accounts file (created readable by its owner only), in autocommit mode:
    transactions are opened explicitly."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.touch(mode=0o600)
    return sqlite3.connect(path, timeout=10, isolation_level=None)


class LoginThrottle:
    """Counts failed logins per key (a username, or a fixed key for a shared password)."""

    def __init__(self, path: Path | str, settings: AccountSettings | None = None,
                 clock: Callable[[], float] = time.time):
        self.path = Path(path)
        self.settings = settings or AccountSettings()
        self.clock = clock
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        conn = connect(self.path)
        if not self._ready:
            for statement in _SCHEMA:
                conn.execute(statement)
            self._ready = True
        return conn

    def attempt(self, key: str, check: Callable[[], T | None], what: str = "login") -> T | None:
        """``check()`` (the password comparison) unless a brake refuses the attempt.

        Returns what ``check`` returned, or None when the attempt was refused or ``check``
        returned a false value. Refused and failed attempts are logged; a success clears the
        key's failures and lock."""
        key = key[:KEY_CHARS]
        refusal, count = self._admit(key)
        if refusal:
            log.warning("%s refused for %s: %s", what, shown(key), refusal)
            return None
        try:
            result = check()
        except Exception:
            log.warning("%s failed for %s (error while checking)", what, shown(key))
            raise
        if not result:
            s = self.settings
            if count >= s.max_failures:
                log.warning("%s failed for %s (%d failures within %.0f s): locked for %.0f s",
                            what, shown(key), count, s.window_s, s.lockout_s)
            else:
                log.warning("%s failed for %s (%d of %d allowed within %.0f s)",
                            what, shown(key), count, s.max_failures, s.window_s)
            return None
        self.clear(key)
        return result

    def _admit(self, key: str) -> tuple[str, int]:
        """Check both brakes and, when they let the attempt through, record it as a failure
        (and lock the key when that failure is one too many). Returns (refusal reason or "",
        failures of the key within the window including this attempt)."""
        s = self.settings
        now = self.clock()
        with closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("DELETE FROM login_failures WHERE at < ?", (now - max(s.window_s, 60.0),))
                conn.execute("DELETE FROM login_locks WHERE until <= ?", (now,))
                locked = conn.execute("SELECT until FROM login_locks WHERE key = ?", (key,)).fetchone()
                if locked:
                    conn.execute("COMMIT")
                    return f"locked for another {locked[0] - now:.0f} s", 0
                (last_minute,) = conn.execute(
                    "SELECT COUNT(*) FROM login_failures WHERE at > ?", (now - 60.0,)
                ).fetchone()
                if last_minute >= s.max_failures_per_minute:
                    conn.execute("COMMIT")
                    return f"{last_minute} failed logins in the last minute (all names)", 0
                conn.execute("INSERT INTO login_failures (key, at) VALUES (?, ?)", (key, now))
                (count,) = conn.execute(
                    "SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?", (key, now - s.window_s)
                ).fetchone()
                if count >= s.max_failures and s.lockout_s > 0:
                    conn.execute("INSERT OR REPLACE INTO login_locks (key, until) VALUES (?, ?)",
                                 (key, now + s.lockout_s))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return "", int(count)

    def clear(self, key: str) -> None:
        """Forget the failures and lock of ``key``."""
        key = key[:KEY_CHARS]
        with closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DELETE FROM login_failures WHERE key = ?", (key,))
            conn.execute("DELETE FROM login_locks WHERE key = ?", (key,))
            conn.execute("COMMIT")

    def locked(self, key: str) -> bool:
        """Whether ``key`` is locked now."""
        with closing(self._connect()) as conn:
            row = conn.execute("SELECT until FROM login_locks WHERE key = ?", (key[:KEY_CHARS],)).fetchone()
        return bool(row) and row[0] > self.clock()
