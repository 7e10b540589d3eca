"""Saved training modules: a round trip through the JSON files, listing, deletion, ids that would
leave the user's folder, and one user's modules out of another's reach."""

from __future__ import annotations

import json
import threading
from dataclasses import replace

import pytest

from assistant.training.store import ModuleStore, slug, user_folder
from tests.conftest import make_settings
from tests.training.test_exports import make_module


@pytest.fixture
def store(tmp_path):
    return ModuleStore.for_settings(make_settings(tmp_path / "index"))


def test_round_trip(store, tmp_path):
    module = make_module()
    module_id = store.save("siti", module)
    assert module_id.startswith("kepemimpinan-digital-di-kabupaten-rekaan-")
    path = tmp_path / "index" / "modules" / "siti" / f"{module_id}.json"
    assert json.loads(path.read_text(encoding="utf-8"))["topic"] == module.topic
    loaded = store.load("siti", module_id)
    assert loaded == module
    assert loaded.sections[0].points[0].pillars == ("culture",)
    assert loaded.quiz[0].options == ("sekretaris daerah", "walidata", "camat")
    edited = loaded.without_point(0, 1).with_note(1, "Catatan baru")
    assert store.load("siti", store.save("siti", edited)) == edited


def test_listing_and_deletion(store):
    first = store.save("siti", make_module())
    second = store.save("siti", replace(make_module("en"), topic="Data governance", audience="tim_spbe"))
    unstamped = store.save("siti", replace(make_module(), topic="Budaya digital", created=""))
    assert len({first, second, unstamped}) == 3
    rows = store.list("siti")
    assert [r[0] for r in rows] == [unstamped, second, first]  # newest first
    assert rows[1] == (second, "Data governance", "tim_spbe", "2031-03-05T09:00:00+07:00")
    assert rows[0][3]  # a module saved without a date gets one
    assert store.load("siti", unstamped).created == rows[0][3]
    store.delete("siti", second)
    assert [r[0] for r in store.list("siti")] == [unstamped, first]
    with pytest.raises(ValueError, match="no saved module"):
        store.load("siti", second)
    with pytest.raises(ValueError, match="no saved module"):
        store.delete("siti", second)
    assert store.list("nobody") == []


@pytest.mark.parametrize("bad", ["../x", "..", "x/../../y", "a.json", "/etc/passwd", "X", "", "a b", "-x",
                                 "..\\x", "x\x00"])
def test_ids_that_leave_the_folder_are_refused(store, tmp_path, bad):
    (tmp_path / "index" / "modules").mkdir(parents=True)
    (tmp_path / "index" / "modules" / "x.json").write_text(json.dumps(make_module().as_dict()), encoding="utf-8")
    for call in (store.load, store.delete):
        with pytest.raises(ValueError, match="invalid module id"):
            call("siti", bad)
    assert (tmp_path / "index" / "modules" / "x.json").exists()


def test_users_are_kept_apart(store):
    mine = store.save("siti", make_module())
    theirs = store.save("budi", replace(make_module(), topic="Modul Budi"))
    anonymous = store.save("", replace(make_module(), topic="Modul tanpa akun"))
    assert [r[0] for r in store.list("siti")] == [mine]
    assert [r[0] for r in store.list("budi")] == [theirs]
    assert [r[0] for r in store.list(None)] == [anonymous]
    for user, other in (("siti", theirs), ("budi", mine), ("", mine), ("siti", anonymous)):
        with pytest.raises(ValueError, match="no saved module"):
            store.load(user, other)
        with pytest.raises(ValueError, match="no saved module"):
            store.delete(user, other)
    assert store.load("SITI", mine).topic == make_module().topic  # login names compare in lowercase
    # a login name that is not a plain folder name, or the folder of "no user", gets a folder of its own
    assert user_folder("_") != user_folder("") == "_"
    assert user_folder("../siti") not in ("siti", "..") and "/" not in user_folder("../siti")
    assert store.list("_") == [] and store.list("../siti") == []


def test_concurrent_saves_keep_every_module(store):
    ids: list[str] = []
    lock = threading.Lock()

    def save(n: int) -> None:
        module_id = store.save("siti", replace(make_module(), topic=f"Modul {n % 2}"))
        with lock:
            ids.append(module_id)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(ids)) == 12
    assert sorted(r[0] for r in store.list("siti")) == sorted(ids)
    assert not [p for p in store.root.rglob("*") if p.name.startswith(".saving-")]


def test_slug():
    assert slug("Kepemimpinan Digital: SPBE 2025!") == "kepemimpinan-digital-spbe-2025"
    assert slug("Énergie") == "energie" and slug("   ") == "modul" and slug("仕事") == "modul"
    assert len(slug("kata " * 40)) <= 48 and not slug("kata " * 40).endswith("-")
