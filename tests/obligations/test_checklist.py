"""The per-user checklist of obligations: a real SQLite file, several users, several threads."""

from __future__ import annotations

import threading

import pytest

from assistant.obligations.checklist import STATUSES, ChecklistStore, default_checklist_path
from assistant.obligations.register import ObligationQuery
from assistant.settings import Settings, UISettings


@pytest.fixture
def store(tmp_path) -> ChecklistStore:
    return ChecklistStore(tmp_path / "data" / "checklists.sqlite")


def test_set_get_and_replace(store):
    assert store.get("siti") == {}
    first = store.set("siti", "doc|Pasal 2|(1)|", "in_progress", "  rapat pertama Senin  ")
    assert first.note == "rapat pertama Senin" and first.updated_at
    items = store.get("siti")
    assert set(items) == {"doc|Pasal 2|(1)|"}
    assert items["doc|Pasal 2|(1)|"].status == "in_progress"

    store.set("siti", "doc|Pasal 2|(1)|", "done", "SK terbit")
    store.set("siti", "doc|Pasal 3||", "not_applicable")
    items = store.get("siti")
    assert {k: (v.status, v.note) for k, v in items.items()} == {
        "doc|Pasal 2|(1)|": ("done", "SK terbit"),
        "doc|Pasal 3||": ("not_applicable", ""),
    }


def test_each_user_has_a_checklist_of_their_own(store):
    store.set("siti", "a", "done")
    store.set("budi", "a", "in_progress", "menunggu anggaran")
    store.set("", "a", "not_applicable", "tanpa akun")
    assert store.get("siti")["a"].status == "done"
    assert store.get("budi")["a"].note == "menunggu anggaran"
    assert store.get("")["a"].status == "not_applicable"
    assert store.get("tamu") == {}


def test_the_file_keeps_the_checklist(store):
    store.set("siti", "a", "done", "selesai Maret")
    again = ChecklistStore(store.path)
    assert again.get("siti")["a"].note == "selesai Maret"


@pytest.mark.parametrize("status", ["", "selesai", "DONE", "closed"])
def test_a_bad_status_is_refused(store, status):
    with pytest.raises(ValueError, match="unknown checklist status") as info:
        store.set("siti", "a", status)
    assert all(s in str(info.value) for s in STATUSES)
    assert store.get("siti") == {}


def test_an_empty_id_or_a_long_note_is_refused(store):
    with pytest.raises(ValueError, match="obligation id"):
        store.set("siti", "  ", "done")
    with pytest.raises(ValueError, match="at most 2000"):
        store.set("siti", "a", "done", "x" * 2001)
    assert store.get("siti") == {}


def test_many_threads_write_at_once(store):
    errors: list[BaseException] = []

    def work(user: str) -> None:
        try:
            for i in range(15):
                store.set(user, f"kewajiban-{i}", STATUSES[i % len(STATUSES)], f"{user} {i}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(f"user{n}",)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for n in range(6):
        items = store.get(f"user{n}")
        assert len(items) == 15
        assert items["kewajiban-7"].note == f"user{n} 7"
        assert items["kewajiban-7"].status == STATUSES[7 % len(STATUSES)]


def test_default_path_and_setting(tmp_path, monkeypatch):
    settings = Settings(index_dir=tmp_path / "idx")
    assert default_checklist_path(settings) == tmp_path / "idx" / "checklists.sqlite"
    chosen = tmp_path / "elsewhere" / "lists.sqlite"
    assert default_checklist_path(Settings(index_dir=tmp_path, ui=UISettings(checklist_db=str(chosen)))) == chosen
    monkeypatch.setenv("PANDU_UI__CHECKLIST_DB", str(chosen))
    assert Settings().ui.checklist_db == str(chosen)
    ChecklistStore.for_settings(Settings(index_dir=tmp_path)).set("siti", "a", "done")
    assert ChecklistStore(chosen).get("siti")["a"].status == "done"


def test_export_rows_follow_the_entries(obligations_assistant, store):
    entries = obligations_assistant.obligations(ObligationQuery(actor="Pemerintah Daerah"))
    # its own three, and the Bupati's one (an office within it)
    assert len(entries) == 4
    target = entries[2].obligation
    store.set("siti", target.id, "done", "terpasang di 12 kecamatan")
    rows = store.export_rows("siti", entries)
    assert [r["id"] for r in rows] == [e.obligation.id for e in entries]
    assert [r["status"] for r in rows] == ["open", "open", "done", "open"]
    assert rows[2]["note"] == "terpasang di 12 kecamatan" and rows[2]["updated_at"]
    assert rows[2]["citation"] == "Pasal 2 ayat (3) Perda Kabupaten Rekaan 7/2024"
    assert rows[2]["deadline_date"] == "2030-12-31"
    assert rows[3]["actor"] == "Bupati/Wali Kota"
    assert [r["status"] for r in store.export_rows("budi", entries)] == ["open"] * 4
