"""Feedback on answers (thumbs up or down, an optional comment) kept in a local SQLite file.

    store = FeedbackStore.for_settings(settings)
    store.add(rating=1, question="...", answer="...", citations=["Pasal 3 Perpres 132/2022"])
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from assistant.settings import Settings

_SCHEMA = """CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL DEFAULT '[]',
    abstained INTEGER NOT NULL DEFAULT 0,
    backend TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    username TEXT NOT NULL DEFAULT ''
)"""


@dataclass
class FeedbackRecord:
    id: int
    created_at: str
    rating: int  # 1 = helpful, -1 = not helpful
    comment: str
    question: str
    answer: str
    citations: list[str] = field(default_factory=list)
    abstained: bool = False
    backend: str = ""
    language: str = ""
    username: str = ""  # the logged-in user who rated; empty on an app without accounts


def default_feedback_path(settings: Settings) -> Path:
    """``settings.ui.feedback_db`` when set, else ``<index_dir>/feedback.sqlite``."""
    if settings.ui.feedback_db:
        return Path(settings.ui.feedback_db)
    return Path(settings.index_dir) / "feedback.sqlite"


class FeedbackStore:
    """Append-only feedback table; one short-lived connection per call, so any thread may use it."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as conn, conn:
            conn.execute(_SCHEMA)
            _add_username_column(conn)

    @classmethod
    def for_settings(cls, settings: Settings) -> "FeedbackStore":
        return cls(default_feedback_path(settings))

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def add(
        self,
        *,
        rating: int,
        question: str,
        answer: str,
        comment: str = "",
        citations: Sequence[str] = (),
        abstained: bool = False,
        backend: str = "",
        language: str = "",
        username: str = "",
    ) -> int:
        """Store one rating (1 or -1); returns its id."""
        if rating not in (1, -1):
            raise ValueError("rating must be 1 (helpful) or -1 (not helpful)")
        row = (
            datetime.now(timezone.utc).isoformat(timespec="seconds"),
            rating,
            (comment or "").strip(),
            question,
            answer,
            json.dumps(list(citations), ensure_ascii=False),
            int(abstained),
            backend,
            language,
            username or "",
        )
        with closing(self._connect()) as conn, conn:
            cur = conn.execute(
                "INSERT INTO feedback (created_at, rating, comment, question, answer, citations, "
                "abstained, backend, language, username) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return int(cur.lastrowid)

    def recent(self, limit: int | None = None, username: str | None = None) -> list[FeedbackRecord]:
        """Feedback, newest first; only that of ``username`` when given ("" for ratings given
        without a login)."""
        sql = "SELECT * FROM feedback"
        params: tuple = ()
        if username is not None:
            sql += " WHERE username = ?"
            params = (username,)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params = (*params, limit)
        with closing(self._connect()) as conn:
            conn.row_factory = sqlite3.Row
            rows = conn.execute(sql, params).fetchall()
        return [
            FeedbackRecord(
                id=r["id"],
                created_at=r["created_at"],
                rating=r["rating"],
                comment=r["comment"],
                question=r["question"],
                answer=r["answer"],
                citations=json.loads(r["citations"]),
                abstained=bool(r["abstained"]),
                backend=r["backend"],
                language=r["language"],
                username=r["username"],
            )
            for r in rows
        ]

    def counts(self) -> dict[str, int]:
        """``{"up": n, "down": m}``."""
        with closing(self._connect()) as conn:
            up, down = conn.execute(
                "SELECT COALESCE(SUM(rating = 1), 0), COALESCE(SUM(rating = -1), 0) FROM feedback"
            ).fetchone()
        return {"up": int(up), "down": int(down)}


def _add_username_column(conn: sqlite3.Connection) -> None:
    """Give a feedback file written before ratings carried a username its ``username`` column."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(feedback)")}
    if "username" in columns:
        return
    try:
        conn.execute("ALTER TABLE feedback ADD COLUMN username TEXT NOT NULL DEFAULT ''")
    except sqlite3.OperationalError:
        # another process added it in the meantime
        if "username" not in {row[1] for row in conn.execute("PRAGMA table_info(feedback)")}:
            raise
