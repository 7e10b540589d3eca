"""QA files, matching retrieved passages to gold citations, and the retrieval metrics."""

from __future__ import annotations

import json

import pytest

from assistant.evaluation.baselines import _naive_views, overlapped
from assistant.evaluation.metrics import first_hit_rank, retrieval_metrics
from assistant.evaluation.qa import GoldCitation, load_qa
from tests.conftest import FIXTURES

QA_MINI = FIXTURES / "qa_mini.jsonl"


def test_load_qa_reads_items_history_and_splits():
    items = load_qa([QA_MINI])
    assert [i.id for i in items] == ["m01", "m02", "m03", "m04", "m05", "m06"]
    assert items[2].history == ["Siapa yang ditunjuk kepala desa untuk merawat perangkat Kantor Digital Desa?"]
    assert items[0].set_name == "qa_mini"
    assert [i.answerable for i in items] == [True, True, True, True, False, True]
    assert items[5].lang == "en"
    assert [i.id for i in load_qa([QA_MINI], split="test")] == ["m03", "m04"]


def test_long_and_short_regulation_names_resolve_alike():
    items = {i.id: i for i in load_qa([QA_MINI])}
    assert items["m01"].citations == [GoldCitation(regulation="Perpres 999/2099", pasal="2", ayat="(2)")]
    assert items["m02"].citations == [GoldCitation(regulation="Perpres 999/2099", pasal="1", ayat="")]
    assert items["m04"].citations == [GoldCitation(doc="pidato-kompetensi-contoh")]


def test_gold_matching_at_pasal_level():
    pasal_1 = GoldCitation(regulation="UU 27/2022", pasal="1")
    assert pasal_1.matches({"short_name": "UU 27/2022", "pasal": "Pasal 1", "angka": "2"})
    assert not pasal_1.matches({"short_name": "UU 27/2022", "pasal": "Pasal 10"})
    assert not pasal_1.matches({"short_name": "UU 25/2009", "pasal": "Pasal 1"})
    pasal_5 = GoldCitation(regulation="UU 27/2022", pasal="5", ayat="(2)")
    assert pasal_5.matches({"short_name": "UU 27/2022", "pasal": "Pasal 5", "ayat": "(1)", "part": "penjelasan"})
    lampiran = GoldCitation(regulation="Perpres 132/2022", pasal="Lampiran")
    assert lampiran.matches({"short_name": "Perpres 132/2022", "part": "lampiran", "pasal": ""})
    assert not lampiran.matches({"short_name": "Perpres 132/2022", "part": "batang_tubuh", "pasal": "Pasal 3"})
    note = GoldCitation(doc="pidato-kompetensi-contoh")
    assert note.matches({"doc_id": "pidato-kompetensi-contoh", "pasal": ""})
    assert not note.matches({"doc_id": "catatan-lain"})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ('{"id": "x1", "question": "q", "type": "lookup"}', "missing 'citations'"),
        ('{"id": "x1", "question": "q", "type": "lookup", "citations": [{"regulation": "Surat Edaran Lurah"}]}',
         "unknown regulation"),
        ('{"id": "x1", "question": "q", "type": "lookup", "citations": [{"regulation": "UU 27/2022", "pasal": "Bab II"}]}',
         "cannot read pasal"),
    ],
)
def test_bad_qa_lines_are_reported_with_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "ok", "question": "q", "type": "unanswerable", "citations": []})
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"bad\.jsonl:2: .*{message}"):
        load_qa([path])


def test_duplicate_ids_are_refused(tmp_path):
    path = tmp_path / "dup.jsonl"
    line = json.dumps({"id": "a", "question": "q", "type": "unanswerable", "citations": []})
    path.write_text(f"{line}\n{line}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate id a"):
        load_qa([path])


def test_first_hit_rank_and_metrics():
    gold = [GoldCitation(regulation="UU 27/2022", pasal="46")]
    miss = [{"short_name": "UU 27/2022", "pasal": "Pasal 45"}]
    hit = [{"short_name": "UU 27/2022", "pasal": "Pasal 46"}]
    assert first_hit_rank([miss, miss, hit], gold, 10) == 3
    assert first_hit_rank([miss, miss, hit], gold, 2) == 0  # beyond k
    assert first_hit_rank([miss + hit], gold, 10) == 1  # one naive chunk overlapping both
    m = retrieval_metrics([1, 3, 0, 6], 10)
    assert m["n"] == 4
    assert m["hit@1"] == 0.25 and m["hit@5"] == 0.5
    assert m["mrr@10"] == pytest.approx((1 + 1 / 3 + 1 / 6) / 4)
    assert retrieval_metrics([], 10)["mrr@10"] == 0.0


def test_a_naive_chunk_counts_for_every_pasal_it_overlaps():
    spans = [(0, "Pasal 1", "batang_tubuh"), (100, "Pasal 2", "batang_tubuh"), (250, "Pasal 3", "batang_tubuh")]
    assert overlapped(spans, 90, 260, 400) == [
        ("Pasal 1", "batang_tubuh"), ("Pasal 2", "batang_tubuh"), ("Pasal 3", "batang_tubuh")
    ]
    assert overlapped(spans, 100, 200, 400) == [("Pasal 2", "batang_tubuh")]
    views = _naive_views({"doc_id": "uu-27-2022", "short_name": "UU 27/2022",
                          "provisions": "Pasal 1#batang_tubuh|Pasal 2#batang_tubuh"})
    gold = [GoldCitation(regulation="UU 27/2022", pasal="2")]
    assert first_hit_rank([views], gold, 10) == 1


def test_answer_checks_need_every_decisive_fact(tmp_path) -> None:
    qa = tmp_path / "qa.jsonl"
    qa.write_text(json.dumps({
        "id": "t1", "question": "Siapa menetapkan dan paling lambat kapan?", "type": "lookup", "asks": 2,
        "citations": [{"regulation": "Perpres 132/2022", "pasal": "Pasal 3", "ayat": "(5)"}],
        "must_contain": [["kepala daerah"], ["2023", "dua ribu dua puluh tiga"]],
    }) + "\n", encoding="utf-8")
    item = load_qa([qa])[0]
    assert item.asks == 2
    assert item.states_the_facts("Ditetapkan oleh Kepala Daerah paling lambat tahun 2023.")
    assert not item.states_the_facts("Ditetapkan oleh kepala daerah.")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "t2", "question": "?", "type": "lookup", "citations": [],
                               "must_contain": [["(unclosed"]]}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.jsonl:1: bad regex"):
        load_qa([bad])
