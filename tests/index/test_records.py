"""The SQLite record manager keeps LangChain's record-manager contract."""

import time

from assistant.index.records import SQLiteRecordManager


def test_update_exists_list_delete(tmp_path):
    rm = SQLiteRecordManager("ns", tmp_path / "r.sqlite")
    rm.update(["a", "b"], group_ids=["doc1", "doc1"])
    rm.update(["c"], group_ids=["doc2"])
    assert rm.exists(["a", "c", "zz"]) == [True, True, False]
    assert sorted(rm.list_keys(group_ids=["doc1"])) == ["a", "b"]
    rm.delete_keys(["a"])
    assert rm.exists(["a", "b"]) == [False, True]
    assert rm.count() == 2


def test_refresh_without_group_keeps_group(tmp_path):
    rm = SQLiteRecordManager("ns", tmp_path / "r.sqlite")
    rm.update(["a"], group_ids=["doc1"])
    rm.update(["a"])  # the indexing API refreshes timestamps this way
    assert rm.list_keys(group_ids=["doc1"]) == ["a"]


def test_time_filters_and_namespaces(tmp_path):
    rm = SQLiteRecordManager("one", tmp_path / "r.sqlite")
    other = SQLiteRecordManager("two", tmp_path / "r.sqlite")
    rm.update(["old"], group_ids=["g"])
    cut = rm.get_time()
    time.sleep(0.01)
    rm.update(["new"], group_ids=["g"])
    assert rm.list_keys(before=cut) == ["old"]
    assert rm.list_keys(after=cut) == ["new"]
    assert other.list_keys() == []


def test_survives_reopen(tmp_path):
    rm = SQLiteRecordManager("ns", tmp_path / "r.sqlite")
    rm.update(["a"], group_ids=["g"])
    rm.close()
    again = SQLiteRecordManager("ns", tmp_path / "r.sqlite")
    assert again.exists(["a"]) == [True]
