"""Feedback is stored in SQLite and read back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from assistant.feedback import FeedbackStore, default_feedback_path
from assistant.settings import Settings, UISettings


def test_rows_are_stored_and_read_back(tmp_path):
    store = FeedbackStore(tmp_path / "fb" / "feedback.sqlite")
    first = store.add(rating=1, question="Apa itu SPBE?", answer="SPBE adalah ... [1]",
                      citations=["Pasal 1 angka 1 Perpres 95/2018"], backend="extractive", language="id")
    second = store.add(rating=-1, question="Berapa lama?", answer="Tidak tahu.", comment="  kurang jelas  ",
                       abstained=True)
    assert second > first
    rows = store.recent()
    assert [r.id for r in rows] == [second, first]  # newest first
    assert rows[0].rating == -1 and rows[0].comment == "kurang jelas" and rows[0].abstained
    assert rows[1].citations == ["Pasal 1 angka 1 Perpres 95/2018"]
    assert rows[1].question == "Apa itu SPBE?" and rows[1].backend == "extractive"
    assert rows[1].created_at.endswith("+00:00")
    assert store.counts() == {"up": 1, "down": 1}
    # a new store on the same file sees the same rows
    again = FeedbackStore(tmp_path / "fb" / "feedback.sqlite")
    assert [r.id for r in again.recent(limit=1)] == [second]


def test_rating_must_be_up_or_down(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite")
    with pytest.raises(ValueError):
        store.add(rating=0, question="q", answer="a")
    assert store.recent() == []


def test_writes_from_several_threads(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite")

    def work(i: int) -> None:
        for j in range(10):
            store.add(rating=1 if j % 2 else -1, question=f"q{i}-{j}", answer="a")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.recent()) == 40
    assert store.counts() == {"up": 20, "down": 20}


def test_default_path(tmp_path):
    assert default_feedback_path(Settings(index_dir=tmp_path)) == tmp_path / "feedback.sqlite"
    chosen = tmp_path / "elsewhere.sqlite"
    settings = Settings(index_dir=tmp_path, ui=UISettings(feedback_db=str(chosen)))
    assert default_feedback_path(settings) == Path(chosen)
