"""The list of indexed documents (one row per document), kept beside the chunk records."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path


@dataclass
class DocumentRecord:
    doc_id: str
    path: str
    sha256: str
    doc_type: str
    short_name: str
    title: str
    chunks: int
    indexed_at: str = ""
    verified: bool = True
    tahun: str = ""
    date: str = ""
    pillars: str = ""
    legal_status: str = ""  # not stored: filled from the index (amended, repealed, not fully parsed)

    def as_dict(self) -> dict:
        return asdict(self)


class DocumentRegistry:
    """SQLite table of the documents in one collection."""

    def __init__(self, db_path: Path):
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(
            """CREATE TABLE IF NOT EXISTS documents (
                   doc_id TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL,
                   doc_type TEXT, short_name TEXT, title TEXT, chunks INTEGER,
                   indexed_at TEXT, verified INTEGER, tahun TEXT, date TEXT, pillars TEXT)"""
        )
        self._conn.execute("CREATE INDEX IF NOT EXISTS ix_documents_path ON documents (path)")
        # An admin's word that a file's content may be trusted, by the file's hash: an edited
        # file is a new content and is unverified again.
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS verifications (sha256 TEXT PRIMARY KEY, verified_by TEXT, verified_at TEXT)"
        )

    def close(self) -> None:
        self._conn.close()

    def upsert(self, record: DocumentRecord) -> None:
        if not record.indexed_at:
            record.indexed_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        row = record.as_dict()
        row["verified"] = int(record.verified)
        row.pop("legal_status")  # derived from the index, never stored
        cols = ",".join(row)
        marks = ",".join("?" * len(row))
        with self._lock:
            self._conn.execute(
                f"INSERT OR REPLACE INTO documents ({cols}) VALUES ({marks})", list(row.values())
            )

    def remove(self, doc_id: str) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])

    def add_verification(self, content_sha256: str, verified_by: str) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._lock:
            self._conn.execute("INSERT OR REPLACE INTO verifications VALUES (?, ?, ?)", [content_sha256, verified_by, now])

    def verified_by(self, content_sha256: str) -> str | None:
        """Who marked this content verified ("" when not named), or None when nobody did."""
        with self._lock:
            row = self._conn.execute("SELECT verified_by FROM verifications WHERE sha256 = ?", [content_sha256]).fetchone()
        return None if row is None else str(row[0] or "")

    def get(self, doc_id: str) -> DocumentRecord | None:
        return self._one("doc_id", doc_id)

    def by_path(self, path: str) -> DocumentRecord | None:
        return self._one("path", path)

    def _one(self, column: str, value: str) -> DocumentRecord | None:
        with self._lock:
            cur = self._conn.execute(f"SELECT * FROM documents WHERE {column} = ?", [value])
            row = cur.fetchone()
            names = [d[0] for d in cur.description]
        return self._record(names, row) if row else None

    def all(self) -> list[DocumentRecord]:
        with self._lock:
            cur = self._conn.execute("SELECT * FROM documents ORDER BY doc_type, short_name, doc_id")
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
        return [self._record(names, r) for r in rows]

    @staticmethod
    def _record(names: list[str], row: tuple) -> DocumentRecord:
        data = dict(zip(names, row))
        data["verified"] = bool(data["verified"])
        return DocumentRecord(**data)
