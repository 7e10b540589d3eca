"""A SQLite record manager for LangChain's indexing API.

LangChain keeps its SQL record manager in ``langchain-classic`` (with SQLAlchemy); this is the
same contract on the standard library's sqlite3, in one small file beside the index. It records,
for every chunk hash written to the vector store, the document it came from (group id) and when
it was last seen, which is what makes re-ingestion idempotent.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from langchain_core.indexing import RecordManager


class SQLiteRecordManager(RecordManager):
    """Chunk-hash records in a SQLite file (WAL mode, safe to reopen after a crash)."""

    def __init__(self, namespace: str, db_path: Path):
        super().__init__(namespace=namespace)
        self.db_path = Path(db_path)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(self.db_path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self.create_schema()

    def close(self) -> None:
        self._conn.close()

    # -- schema and clock -------------------------------------------------------------------
    def create_schema(self) -> None:
        with self._lock:
            self._conn.execute(
                """CREATE TABLE IF NOT EXISTS upsertion_record (
                       namespace TEXT NOT NULL,
                       key TEXT NOT NULL,
                       group_id TEXT,
                       updated_at REAL NOT NULL,
                       PRIMARY KEY (namespace, key))"""
            )
            self._conn.execute(
                "CREATE INDEX IF NOT EXISTS ix_record_group ON upsertion_record (namespace, group_id)"
            )
            self._conn.execute(
                "CREATE INDEX IF NOT EXISTS ix_record_time ON upsertion_record (namespace, updated_at)"
            )

    def get_time(self) -> float:
        return time.time()

    # -- records ----------------------------------------------------------------------------
    def update(
        self,
        keys: Sequence[str],
        *,
        group_ids: Sequence[str | None] | None = None,
        time_at_least: float | None = None,
    ) -> None:
        if group_ids is None:
            group_ids = [None] * len(keys)
        if len(group_ids) != len(keys):
            raise ValueError("keys and group_ids must have the same length")
        now = self.get_time()
        if time_at_least and now < time_at_least:
            raise ValueError(f"clock went backwards: {now} < {time_at_least}")
        rows = [(self.namespace, k, g, now) for k, g in zip(keys, group_ids)]
        with self._lock:
            self._conn.execute("BEGIN")
            # A refresh without group ids keeps the group the key already had.
            self._conn.executemany(
                """INSERT INTO upsertion_record (namespace, key, group_id, updated_at)
                   VALUES (?, ?, ?, ?)
                   ON CONFLICT (namespace, key) DO UPDATE SET
                       group_id = COALESCE(excluded.group_id, upsertion_record.group_id),
                       updated_at = excluded.updated_at""",
                rows,
            )
            self._conn.execute("COMMIT")

    def exists(self, keys: Sequence[str]) -> list[bool]:
        if not keys:
            return []
        found: set[str] = set()
        with self._lock:
            for start in range(0, len(keys), 500):
                part = list(keys[start : start + 500])
                marks = ",".join("?" * len(part))
                cur = self._conn.execute(
                    f"SELECT key FROM upsertion_record WHERE namespace = ? AND key IN ({marks})",
                    [self.namespace, *part],
                )
                found.update(r[0] for r in cur)
        return [k in found for k in keys]

    def list_keys(
        self,
        *,
        before: float | None = None,
        after: float | None = None,
        group_ids: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[str]:
        sql = "SELECT key FROM upsertion_record WHERE namespace = ?"
        args: list[object] = [self.namespace]
        if before is not None:
            sql += " AND updated_at < ?"
            args.append(before)
        if after is not None:
            sql += " AND updated_at > ?"
            args.append(after)
        if group_ids is not None:
            sql += f" AND group_id IN ({','.join('?' * len(group_ids))})"
            args.extend(group_ids)
        sql += " ORDER BY updated_at, key"
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        with self._lock:
            return [r[0] for r in self._conn.execute(sql, args)]

    def delete_keys(self, keys: Sequence[str]) -> None:
        with self._lock:
            self._conn.execute("BEGIN")
            for start in range(0, len(keys), 500):
                part = list(keys[start : start + 500])
                marks = ",".join("?" * len(part))
                self._conn.execute(
                    f"DELETE FROM upsertion_record WHERE namespace = ? AND key IN ({marks})",
                    [self.namespace, *part],
                )
            self._conn.execute("COMMIT")

    def count(self) -> int:
        with self._lock:
            row = self._conn.execute(
                "SELECT COUNT(*) FROM upsertion_record WHERE namespace = ?", [self.namespace]
            ).fetchone()
        return int(row[0])

    # -- async twins (the indexing API's aindex uses them) ------------------------------------
    async def acreate_schema(self) -> None:
        self.create_schema()

    async def aget_time(self) -> float:
        return self.get_time()

    async def aupdate(self, keys, *, group_ids=None, time_at_least=None) -> None:  # type: ignore[override]
        self.update(keys, group_ids=group_ids, time_at_least=time_at_least)

    async def aexists(self, keys: Sequence[str]) -> list[bool]:
        return self.exists(keys)

    async def alist_keys(self, *, before=None, after=None, group_ids=None, limit=None) -> list[str]:  # type: ignore[override]
        return self.list_keys(before=before, after=after, group_ids=group_ids, limit=limit)

    async def adelete_keys(self, keys: Sequence[str]) -> None:
        self.delete_keys(keys)
