"""Ingestion: idempotent, replaces changed files, removes, survives bad input and interruption."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import MINI_CORPUS


def _copy_corpus(tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(MINI_CORPUS, folder)
    return folder


def _snapshot(assistant):
    chunks = assistant.index.reader.chunks()
    return sorted((c.metadata["doc_id"], c.metadata["chunk_index"], c.text) for c in chunks.values())


def test_reingest_is_idempotent_and_costs_no_embedding(fresh_assistant, tmp_path):
    docs = _copy_corpus(tmp_path)
    first = fresh_assistant.ingest([docs])
    assert first.ok and first.chunks_added > 0
    count = fresh_assistant.index.reader.chunk_count()
    before = _snapshot(fresh_assistant)

    calls = []
    original = fresh_assistant.index.embeddings.embed_documents
    fresh_assistant.index.embeddings.embed_documents = lambda texts: calls.append(len(texts)) or original(texts)
    second = fresh_assistant.ingest([docs])
    assert second.ok
    assert {f.status for f in second.files} == {"unchanged"}
    assert calls == []  # nothing embedded again
    assert fresh_assistant.index.reader.chunk_count() == count
    assert _snapshot(fresh_assistant) == before
    assert len(fresh_assistant.index.reader.lexical()) == count


def test_changed_file_replaces_its_chunks(fresh_assistant, tmp_path):
    docs = _copy_corpus(tmp_path)
    fresh_assistant.ingest([docs])
    note = docs / "catatan-budaya-digital-contoh.md"
    note.write_text(note.read_text(encoding="utf-8").replace("dalam satu jam", "dalam dua jam"), encoding="utf-8")
    report = fresh_assistant.ingest([docs])
    changed = [f for f in report.files if f.status == "updated"]
    assert len(changed) == 1 and changed[0].added >= 1 and changed[0].deleted >= 1
    texts = " ".join(c.text for c in fresh_assistant.index.reader.chunks().values())
    assert "dalam dua jam" in texts and "dalam satu jam" not in texts
    hits = fresh_assistant.index.reader.lexical().search("notulen dua jam", 3)
    assert hits and "dua jam" in fresh_assistant.index.reader.chunks()[hits[0][0]].text


def test_a_changed_file_embeds_only_its_changed_passages(fresh_assistant, tmp_path):
    docs = _copy_corpus(tmp_path)
    fresh_assistant.ingest([docs])
    regulation = docs / "perpres-999-2099.txt"
    before = len(fresh_assistant.document_chunks("perpres-999-2099"))
    assert before > 2
    regulation.write_text(regulation.read_text(encoding="utf-8").replace("18 (delapan belas) bulan", "24 (dua puluh empat) bulan"),
                          encoding="utf-8")
    embedded: list[str] = []
    original = fresh_assistant.index.embeddings.embed_documents
    fresh_assistant.index.embeddings.embed_documents = lambda texts: embedded.extend(texts) or original(texts)
    report = fresh_assistant.ingest([regulation])
    assert [f.status for f in report.files] == ["updated"]
    assert embedded and all("24 (dua puluh empat) bulan" in t for t in embedded)  # the other passages kept theirs
    assert fresh_assistant.check() == []


def test_remove_and_prune(fresh_assistant, tmp_path):
    docs = _copy_corpus(tmp_path)
    fresh_assistant.ingest([docs])
    doc_ids = {d.doc_id for d in fresh_assistant.documents()}
    assert "perpres-999-2099" in doc_ids
    removed = fresh_assistant.remove("perpres-999-2099")
    assert removed > 0
    assert all(c.metadata["doc_id"] != "perpres-999-2099" for c in fresh_assistant.index.reader.chunks().values())
    with pytest.raises(KeyError):
        fresh_assistant.remove("perpres-999-2099")

    (docs / "pidato-kompetensi-contoh.md").unlink()
    report = fresh_assistant.ingest([docs], prune=True)
    assert report.pruned == ["pidato-kompetensi-contoh"]
    # the removed regulation comes back: its file is still there
    assert {d.doc_id for d in fresh_assistant.documents()} == {"catatan-budaya-digital-contoh", "perpres-999-2099"}
    assert len(fresh_assistant.index.reader.lexical()) == fresh_assistant.index.reader.chunk_count()


BAD_FILES = {
    "empty.txt": b"",
    "binary.txt": b"\x00\x01\x02PK\x03\x04" * 50,
    "latin1.txt": "Peraturan tentang pelayanan publik yang baik dan benar: caf\xe9".encode("latin-1"),
    "broken.pdf": b"%PDF-1.4\n this is not really a pdf",
    "notes.xyz": b"some text",
}


def test_bad_files_fail_clearly_and_lose_nothing(fresh_assistant, tmp_path):
    docs = _copy_corpus(tmp_path)
    fresh_assistant.ingest([docs])
    before = _snapshot(fresh_assistant)
    bad = tmp_path / "bad"
    bad.mkdir()
    for name, data in BAD_FILES.items():
        (bad / name).write_bytes(data)
    report = fresh_assistant.ingest([*(bad / n for n in BAD_FILES), tmp_path / "missing.md", docs])
    failed = {f.path.rsplit("/", 1)[-1]: f.error for f in report.failed}
    assert set(failed) == {*BAD_FILES, "missing.md"}
    assert all(len(err) > 10 for err in failed.values())
    assert "UTF-8" in failed["latin1.txt"]
    assert not report.ok
    assert _snapshot(fresh_assistant) == before


def test_a_changed_file_that_breaks_keeps_its_old_chunks(fresh_assistant, tmp_path):
    docs = _copy_corpus(tmp_path)
    fresh_assistant.ingest([docs])
    before = _snapshot(fresh_assistant)
    (docs / "catatan-budaya-digital-contoh.md").write_bytes(b"\x00\x00 binary now")
    report = fresh_assistant.ingest([docs])
    assert len(report.failed) == 1
    assert _snapshot(fresh_assistant) == before


def test_interrupted_ingest_is_completed_by_the_next_run(fresh_assistant, tmp_path):
    docs = _copy_corpus(tmp_path)
    records = fresh_assistant.index.writer.records
    original = records.update
    state = {"calls": 0}

    def dying_update(keys, **kw):
        # Vectors of the first batch are written, then the process "dies" before its records.
        if kw.get("group_ids") is not None:
            state["calls"] += 1
            if state["calls"] == 1:
                raise KeyboardInterrupt
        return original(keys, **kw)

    records.update = dying_update
    with pytest.raises(KeyboardInterrupt):
        fresh_assistant.ingest([docs])
    records.update = original

    report = fresh_assistant.ingest([docs])
    assert report.ok
    clean_dir = tmp_path / "clean"
    from assistant.api import Assistant
    from tests.conftest import make_settings

    clean = Assistant(make_settings(clean_dir))
    clean.ingest([docs])
    assert fresh_assistant.index.reader.chunk_count() == clean.index.reader.chunk_count()
    assert _snapshot(fresh_assistant) == _snapshot(clean)
    assert len(fresh_assistant.index.reader.lexical()) == fresh_assistant.index.reader.chunk_count()


def test_model_is_part_of_collection_identity(fresh_assistant):
    from assistant.index.store import collection_name

    assert fresh_assistant.index.name == collection_name("pandu", fresh_assistant.index.model_id)
    assert collection_name("pandu", "intfloat/multilingual-e5-base") != fresh_assistant.index.name
