"""Serving shares the CPU cores among the questions answered at once, unless the setting says."""

from __future__ import annotations

from assistant.settings import EmbeddingSettings, Settings, UISettings
from assistant.ui.server import model_threads


def test_cores_are_shared_among_the_questions_answered_at_once(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert model_threads(Settings(ui=UISettings(chat_concurrency=2))) == 4
    assert model_threads(Settings(ui=UISettings(chat_concurrency=16))) == 1
    assert model_threads(Settings(embedding=EmbeddingSettings(threads=3))) is None
