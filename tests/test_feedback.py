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


def test_ratings_carry_the_user_and_can_be_filtered(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite")
    store.add(rating=1, question="q1", answer="a", username="budi")
    store.add(rating=-1, question="q2", answer="a", username="siti")
    store.add(rating=1, question="q3", answer="a")  # an app without login
    assert [r.username for r in store.recent()] == ["", "siti", "budi"]
    assert [r.question for r in store.recent(username="budi")] == ["q1"]
    assert [r.question for r in store.recent(username="")] == ["q3"]
    assert store.recent(limit=1, username="siti")[0].question == "q2"
    assert store.recent(username="tidak-ada") == []


def test_a_file_without_the_user_column_is_migrated(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:  # the table as it was before ratings carried a user
        conn.execute(
            "CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, "
            "rating INTEGER NOT NULL CHECK (rating IN (-1, 1)), comment TEXT NOT NULL DEFAULT '', "
            "question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL DEFAULT '[]', "
            "abstained INTEGER NOT NULL DEFAULT 0, backend TEXT NOT NULL DEFAULT '', language TEXT NOT NULL DEFAULT '')"
        )
        conn.execute("INSERT INTO feedback (created_at, rating, question, answer) VALUES ('2025-01-01T00:00:00+00:00', 1, 'lama', 'a')")
    conn.close()
    store = FeedbackStore(path)
    store.add(rating=-1, question="baru", answer="a", username="budi")
    assert [(r.question, r.username) for r in store.recent()] == [("baru", "budi"), ("lama", "")]
    FeedbackStore(path)  # opening it again changes nothing
    assert len(store.recent()) == 2
