"""Each user's checklist of obligations, kept in a local SQLite file: for every obligation a user
has touched, its status (open, in progress, done, not applicable), a note and when it changed.

    store = ChecklistStore.for_settings(settings)
    store.set("siti", obligation.id, "done", "Perkada terbit 3 Maret")
    store.get("siti")  # {obligation id: ChecklistItem}

An obligation nobody has touched is "open". The user is the login name; an app without accounts
has one user, "".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from assistant.obligations.register import RegisterEntry
from assistant.settings import Settings

#: The statuses an obligation can have on a checklist, in the order they are offered.
STATUSES: tuple[str, ...] = ("open", "in_progress", "done", "not_applicable")

#: Statuses that settle an obligation: it is no longer overdue for whoever set them.
SETTLED: frozenset[str] = frozenset({"done", "not_applicable"})

MAX_NOTE_CHARS = 2000

_SCHEMA = f"""CREATE TABLE IF NOT EXISTS checklist (
    username TEXT NOT NULL,
    obligation_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ({", ".join(f"'{s}'" for s in STATUSES)})),
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (username, obligation_id)
)"""


@dataclass(frozen=True)
class ChecklistItem:
    obligation_id: str
    status: str = "open"
    note: str = ""
    updated_at: str = ""  # ISO time in UTC; "" for an obligation never touched


def default_checklist_path(settings: Settings) -> Path:
    """``settings.ui.checklist_db`` when set, else ``<index_dir>/checklists.sqlite``."""
    if settings.ui.checklist_db:
        return Path(settings.ui.checklist_db)
    return Path(settings.index_dir) / "checklists.sqlite"


class ChecklistStore:
    """One row per (user, obligation); one short-lived connection per call, so any thread may use it."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as conn, conn:
            conn.execute(_SCHEMA)

    @classmethod
    def for_settings(cls, settings: Settings) -> ChecklistStore:
        return cls(default_checklist_path(settings))

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def get(self, username: str) -> dict[str, ChecklistItem]:
        """The items ``username`` has set, by obligation id."""
        with closing(self._connect()) as conn:
            rows = conn.execute(
                "SELECT obligation_id, status, note, updated_at FROM checklist WHERE username = ?",
                (username or "",),
            ).fetchall()
        return {r[0]: ChecklistItem(r[0], r[1], r[2], r[3]) for r in rows}

    def set(self, username: str, obligation_id: str, status: str, note: str = "") -> ChecklistItem:
        """Set the status and note of one obligation for ``username`` (replacing what was there).

        ``ValueError`` for a status not in ``STATUSES``, an empty obligation id or a note longer
        than ``MAX_NOTE_CHARS``."""
        if status not in STATUSES:
            raise ValueError(f"unknown checklist status {status!r}; one of {', '.join(STATUSES)}")
        if not (obligation_id or "").strip():
            raise ValueError("an obligation id is needed")
        note = (note or "").strip()
        if len(note) > MAX_NOTE_CHARS:
            raise ValueError(f"the note is {len(note)} characters long; at most {MAX_NOTE_CHARS}")
        item = ChecklistItem(obligation_id, status, note, datetime.now(timezone.utc).isoformat(timespec="seconds"))
        with closing(self._connect()) as conn, conn:
            conn.execute(
                "INSERT INTO checklist (username, obligation_id, status, note, updated_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (username, obligation_id) DO UPDATE SET status = excluded.status, "
                "note = excluded.note, updated_at = excluded.updated_at",
                (username or "", item.obligation_id, item.status, item.note, item.updated_at),
            )
        return item

    def export_rows(self, username: str, entries: Iterable[RegisterEntry]) -> list[dict[str, str]]:
        """One row per entry, in order: the obligation's citation and text with ``username``'s status
        and note ("open" and "" for an obligation not on the checklist)."""
        items = self.get(username)
        rows = []
        for entry in entries:
            o = entry.obligation
            item = items.get(o.id, ChecklistItem(o.id))
            rows.append({
                "id": o.id,
                "regulation": o.regulation,
                "citation": o.citation,
                "actor": o.actor_label,
                "action": o.action,
                "deadline": o.deadline,
                "deadline_date": o.deadline_date,
                "status": item.status,
                "note": item.note,
                "updated_at": item.updated_at,
            })
        return rows
