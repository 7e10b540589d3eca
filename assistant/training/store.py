"""Each user's saved training modules, one JSON file per module:
``<index_dir>/modules/<user>/<slug>-<timestamp>.json``.

    store = ModuleStore.for_settings(settings)
    module_id = store.save("siti", module)     # "kepemimpinan-digital-20250305t020000123456z"
    store.list("siti")                         # [(id, topic, audience, created)], newest first
    module = store.load("siti", module_id)
    store.delete("siti", module_id)

The user is the login name; an app without accounts has one user, "" (kept in the folder ``_``).
A module id is only ever looked up inside its user's folder, so one user cannot load, list or
delete another's modules, and an id that is not of the form the store gives out (such as
``../x``) is refused before any file is touched.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import unicodedata
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from assistant.settings import Settings
from assistant.training.model import TrainingModule

log = logging.getLogger(__name__)

#: What a module id looks like: lowercase letters, digits and hyphens, starting with a letter or digit.
MODULE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,119}")
_USER_FOLDER = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")
_SLUG_CHARS = 48
_SAVED_AT = re.compile(r"-(\d{8}t\d{12}z)(?:-\d+)?$")


def default_modules_dir(settings: Settings) -> Path:
    return Path(settings.index_dir) / "modules"


def slug(text: str) -> str:
    """"Kepemimpinan Digital: SPBE 2025" -> "kepemimpinan-digital-spbe-2025"; "modul" when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(words) > _SLUG_CHARS:
        words = words[:_SLUG_CHARS].rsplit("-", 1)[0] if "-" in words[:_SLUG_CHARS] else words[:_SLUG_CHARS]
    return words.strip("-") or "modul"


def user_folder(user: str | None) -> str:
    """The folder name of ``user``'s modules: ``_`` for no user, the login name when it is a plain
    one, else ``~`` and a hash of it (``~`` is never part of a login name, so the two cannot meet)."""
    name = (user or "").strip().lower()
    if not name:
        return "_"
    if _USER_FOLDER.fullmatch(name) and name not in (".", ".."):
        return name
    return "~" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:24]


def check_id(module_id: str) -> str:
    """``module_id`` when it is of the form the store gives out; ValueError otherwise."""
    if not isinstance(module_id, str) or not MODULE_ID.fullmatch(module_id):
        raise ValueError(f"invalid module id {module_id!r}: lowercase letters, digits and '-' only")
    return module_id


def _saved_at(module_id: str) -> str:
    """The UTC save time an id carries ("20250305t020000123456z"), which orders ids by saving."""
    m = _SAVED_AT.search(module_id)
    return m.group(1) if m else ""


class ModuleStore:
    """JSON files under ``root``, one folder per user. A module is written to a temporary file and
    linked into place under a name no other module holds, so concurrent saves (from threads or
    processes) never overwrite each other and a reader never sees half a file."""

    def __init__(self, root: Path | str):
        self.root = Path(root)

    @classmethod
    def for_settings(cls, settings: Settings) -> ModuleStore:
        return cls(default_modules_dir(settings))

    def _folder(self, user: str | None) -> Path:
        return self.root / user_folder(user)

    def _path(self, user: str | None, module_id: str) -> Path:
        return self._folder(user) / f"{check_id(module_id)}.json"

    def save(self, user: str | None, module: TrainingModule) -> str:
        """Store ``module`` for ``user`` (its ``created`` set to now when empty); returns its id."""
        now = datetime.now(timezone.utc)
        if not module.created:
            module = replace(module, created=now.isoformat(timespec="seconds"))
        folder = self._folder(user)
        folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps(module.as_dict(), ensure_ascii=False, indent=1)
        base = f"{slug(module.topic)}-{now.strftime('%Y%m%dt%H%M%S%fz')}"
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".saving-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            for n in range(1, 1000):
                module_id = base if n == 1 else f"{base}-{n}"
                target = folder / f"{module_id}.json"
                try:
                    os.link(tmp, target)  # fails when the name is taken
                    return module_id
                except FileExistsError:
                    continue
                except OSError:  # a file system without hard links: claim the name, then write
                    try:
                        with open(target, "x", encoding="utf-8") as f:
                            f.write(data)
                        return module_id
                    except FileExistsError:
                        continue
            raise RuntimeError(f"no free name for a module in {folder}")
        finally:
            os.unlink(tmp)

    def load(self, user: str | None, module_id: str) -> TrainingModule:
        """``user``'s module ``module_id``; ValueError for an invalid id or one ``user`` has not saved."""
        path = self._path(user, module_id)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ValueError(f"no saved module {module_id!r}") from None
        try:
            return TrainingModule.from_dict(json.loads(text))
        except json.JSONDecodeError as exc:
            raise ValueError(f"the saved module {module_id!r} cannot be read: {exc}") from exc

    def list(self, user: str | None) -> list[tuple[str, str, str, str]]:
        """``(id, topic, audience, created)`` of each of ``user``'s modules, newest first."""
        folder = self._folder(user)
        if not folder.is_dir():
            return []
        found = []
        for path in folder.glob("*.json"):
            if not MODULE_ID.fullmatch(path.stem):
                continue
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                found.append((path.stem, str(data["topic"]), str(data["audience"]), str(data.get("created", ""))))
            except FileNotFoundError:
                continue  # deleted meanwhile
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.warning("skipping unreadable training module %s: %s", path, exc)
        return sorted(found, key=lambda row: (_saved_at(row[0]), row[0]), reverse=True)

    def delete(self, user: str | None, module_id: str) -> None:
        """Remove ``user``'s module ``module_id``; ValueError for an invalid or unknown id."""
        path = self._path(user, module_id)
        try:
            path.unlink()
        except FileNotFoundError:
            raise ValueError(f"no saved module {module_id!r}") from None
