"""Training modules built from the bundled corpus and the real regulations (real model, real
Chroma): every citation resolves to an indexed passage holding the quoted statement, every quiz
answer stands in the passage it cites, and no distractor is the right answer."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

pytestmark = [pytest.mark.shared, pytest.mark.slow]

TOPICS = [
    ("Budaya digital bagi ASN", "asn_pelaksana"),
    ("Arsitektur SPBE untuk Pemda", "pimpinan_daerah"),
    ("Pelindungan data pribadi di badan publik", "tim_spbe"),
]


def _flat(text: str) -> str:
    return " ".join(text.split()).lower()


@pytest.fixture(scope="module")
def modules(regulations_assistant):
    return {topic: regulations_assistant.build_module(topic, audience, quiz=6) for topic, audience in TOPICS}


@pytest.mark.parametrize(("topic", "audience"), TOPICS)
def test_every_statement_is_in_the_passage_it_cites(regulations_assistant, modules, topic, audience):
    module = modules[topic]
    chunks = regulations_assistant.index.reader.chunks()
    assert 4 <= len(module.sections) <= 8, [s.title for s in module.sections]
    assert len(module.objectives) == len(module.sections)
    for citation, chunk_id, statement in module.citations():
        chunk = chunks[chunk_id]
        assert _flat(statement.replace("…", "")) in _flat(chunk.text) or \
            all(part in _flat(chunk.text) for part in _flat(statement).split(" … ") if part), (citation, statement)
        assert chunk.metadata["doc_type"] in ("regulation", "speech"), citation  # primary sources only
        label = citation.split(" (")[0]
        assert str(chunk.metadata.get("short_name") or "") in citation or chunk.metadata.get("speaker", "") in citation, label


@pytest.mark.parametrize(("topic", "audience"), TOPICS)
def test_the_quiz_is_proved_by_its_citations_and_its_distractors_are_wrong(regulations_assistant, modules, topic, audience):
    quiz = modules[topic].quiz
    chunks = regulations_assistant.index.reader.chunks()
    assert quiz, topic
    for item in quiz:
        assert _flat(item.answer) in _flat(chunks[item.chunk_id].text), (item.question, item.answer)
        if item.kind == "choice":
            assert item.answer in item.options and len(item.options) >= 3
            others = [o for o in item.options if o != item.answer]
            assert all(_flat(o) != _flat(item.answer) for o in others), item
            # distractors are other provisions' values, never made up
            assert len(item.source_of_distractors) == len(others)
            assert all(re.search(r"Pasal \d", s) for s in item.source_of_distractors)


def test_the_modules_list_the_audiences_obligations_and_a_glossary(modules):
    pemda = modules["Arsitektur SPBE untuk Pemda"]
    cited = {o.citation for o in pemda.obligations}
    assert "Pasal 3 ayat (5) Perpres 132/2022" in cited
    assert any(s.kind == "obligations" for s in pemda.sections)
    assert any(g.term.startswith("Arsitektur SPBE") for g in pemda.glossary)
    pdp = modules["Pelindungan data pribadi di badan publik"]
    assert any(item.citation.startswith("Pasal 57") for item in pdp.quiz if "sanksi" in item.answer.lower()) or \
        any(o.sanction for o in pdp.obligations)
    culture = modules["Budaya digital bagi ASN"]
    assert any(s.kind == "cases" for s in culture.sections) or any(s.kind == "pillars" for s in culture.sections)


def test_the_cli_writes_slides_that_hold_the_citations(regulations_assistant, tmp_path, monkeypatch):
    from pptx import Presentation

    from assistant.cli import app
    from assistant.settings import get_settings

    monkeypatch.setenv("PANDU_INDEX_DIR", str(regulations_assistant.settings.index_dir))
    monkeypatch.setenv("PANDU_CACHE_DIR", str(regulations_assistant.settings.cache_dir))
    get_settings.cache_clear()
    try:
        out = tmp_path / "modul.pptx"
        result = CliRunner().invoke(app, ["module", "Arsitektur SPBE untuk Pemda", "--audience", "pimpinan_daerah",
                                          "--quiz", "4", "--out", str(out)])
        bad = CliRunner().invoke(app, ["module", "x", "--audience", "walikota"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    text = " ".join(shape.text_frame.text for slide in Presentation(str(out)).slides for shape in slide.shapes
                    if shape.has_text_frame)
    assert "Perpres 132/2022" in text and "Pasal 3 ayat (5)" in text
    assert bad.exit_code == 2 and "unknown audience" in bad.output
