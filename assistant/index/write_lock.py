"""One writer at a time per index, across the threads of a process and across processes.

A file lock beside the index (``write.lock`` in its folder) held for the whole of an ingest or a
removal, together with a re-entrant thread lock (a removal inside an ingest is the same writer).
Readers never take it: they read the snapshot of the last finished write (see ``generation``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout


class IndexBusy(RuntimeError):
    """Another writer holds the index for longer than the caller is willing to wait."""


class WriteLock:
    def __init__(self, path: Path, timeout: float):
        self.path = Path(path)
        self.timeout = timeout
        self._thread = threading.RLock()
        self._file = FileLock(str(self.path), thread_local=False)

    @contextmanager
    def hold(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the index for writing; ``IndexBusy`` when another writer keeps it past ``timeout``."""
        wait = self.timeout if timeout is None else timeout
        if not self._thread.acquire(timeout=wait):
            raise IndexBusy("another change to the index is in progress in this process; try again later")
        try:
            try:
                self._file.acquire(timeout=wait)
            except Timeout:
                raise IndexBusy("another process is changing the index; try again later") from None
            try:
                yield
            finally:
                self._file.release()
        finally:
            self._thread.release()

    def held_here(self) -> bool:
        """Is the lock held by this process (by any thread)?"""
        return self._file.is_locked
