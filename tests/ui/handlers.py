"""Calling the app's event handlers directly, as Gradio would."""

from __future__ import annotations

from types import SimpleNamespace


def handler(demo, name: str):
    """The one handler function of ``demo`` called ``name``."""
    found = {f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == name}
    assert len(found) == 1, name
    return found.pop()


def request_of(name: str | None) -> SimpleNamespace:
    """What Gradio hands a handler as ``gr.Request``: only the username is read."""
    return SimpleNamespace(username=name)
