"""What every tab of the web app shares: the assistant, the access policy, the feedback store,
and the registry of translatable labels."""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.api import Assistant
from assistant.feedback import FeedbackStore
from assistant.ui.access import AccessPolicy
from assistant.ui.i18n import text
from assistant.ui.uploads import failed_uploads_dir, uploads_dir

log = logging.getLogger(__name__)

#: A label given as an i18n key, or computed from the language.
LabelSource = str | Callable[[str], Any]

#: Every event of the app is for the browser UI only, never a public API endpoint.
PRIVATE: dict[str, Any] = {"api_visibility": "private"}


class Labels:
    """Components whose texts follow the interface language."""

    def __init__(self) -> None:
        self._entries: list[tuple[Any, dict[str, LabelSource]]] = []

    def add(self, component: Any, **attrs: LabelSource) -> Any:
        self._entries.append((component, attrs))
        return component

    def download_buttons(self, buttons: Sequence[tuple[str, str]]) -> list[Any]:
        """Download buttons, (label key, elem_id) each, disabled until a file is ready."""
        made = []
        for key, elem_id in buttons:
            button = gr.DownloadButton(text("id", key), value=None, size="sm", elem_id=elem_id, interactive=False)
            made.append(self.add(button, label=key))
        return made

    @property
    def components(self) -> list[Any]:
        return [c for c, _ in self._entries]

    def updates(self, lang: str) -> list[dict[str, Any]]:
        result = []
        for _, attrs in self._entries:
            values = {a: (src(lang) if callable(src) else text(lang, src)) for a, src in attrs.items()}
            result.append(gr.update(**values))
        return result


@dataclass
class UIContext:
    assistant: Assistant
    policy: AccessPolicy
    feedback: FeedbackStore
    labels: Labels = field(default_factory=Labels)
    exports_root: Path = field(default_factory=lambda: Path(tempfile.gettempdir()) / "pandu-exports")
    #: Set by the admin's cancel button; the running ingest stops at its next step. Index writes
    #: run one at a time (the admin write queue), so one event serves them all.
    ingest_cancel: threading.Event = field(default_factory=threading.Event)
    ingest_running: threading.Event = field(default_factory=threading.Event)
    _last_sweep: float = 0.0  # when old export folders were last removed

    @property
    def settings(self):
        return self.assistant.settings

    @property
    def uploads(self) -> Path:
        return uploads_dir(self.settings.index_dir)

    @property
    def failed_uploads(self) -> Path:
        return failed_uploads_dir(self.settings.index_dir)

    @property
    def max_upload_bytes(self) -> int:
        return self.settings.ui.max_upload_mb * 2**20

    def export_folder(self) -> Path:
        """A fresh folder for one set of export files. Folders older than a day are removed, in a
        sweep at most once an hour (every answer makes a folder: sweeping on each would cost each
        answer a look at all of them)."""
        self.exports_root.mkdir(parents=True, exist_ok=True)
        now = time.time()
        if now - self._last_sweep >= 3600:
            self._last_sweep = now
            self._sweep_exports(now - 86400)
        return Path(tempfile.mkdtemp(dir=self.exports_root))

    def _sweep_exports(self, cutoff: float) -> None:
        for old in self.exports_root.iterdir():
            try:
                if old.stat().st_mtime < cutoff:
                    for f in old.glob("*"):
                        f.unlink(missing_ok=True)
                    old.rmdir()
            except OSError:
                log.debug("could not remove old export folder %s", old)
        return Path(tempfile.mkdtemp(dir=self.exports_root))


def session_username() -> str | None:
    """The logged-in user of the event being handled, or None (no login, or outside an event).

    Gradio keeps the ``gr.Request`` of the running event in a context variable; reading it here
    spares every admin handler a ``request`` parameter."""
    from gradio.context import LocalContext

    request = LocalContext.request.get(None)
    return getattr(request, "username", None) if request is not None else None


def require_admin(ok: bool, lang: str, ctx: UIContext | None = None) -> None:
    """Server-side check for every admin action (the tab's visibility is only a convenience).

    ``ok`` is the session's admin right (the ``AdminTab.ok`` state). With ``ctx`` and accounts,
    the role of the session's user is also read again from the store, so that an admin made a
    reader, or removed, loses the admin actions at once."""
    if not ok or (ctx is not None and not ctx.policy.is_admin(session_username())):
        raise gr.Error(text(lang, "admin_required"))
