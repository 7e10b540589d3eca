"""Shared fixtures: real model, real Chroma, small corpora written for the tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINI_CORPUS = FIXTURES / "mini_corpus"
SHARED_REGULATIONS = ROOT.parent / "shared" / "regulations"


def make_settings(index_dir: Path, corpus_dir: Path = MINI_CORPUS, **overrides) -> Settings:
    """Settings for a test: its own index folder, the project's model cache."""
    return Settings(index_dir=index_dir, corpus_dir=corpus_dir, cache_dir=ROOT / ".cache", **overrides)


def assistant_over(tmp_path_factory, paths: list[Path], name: str):
    """An assistant whose index holds only the real regulation files ``paths`` (the test is
    skipped when ../shared is absent)."""
    if not all(p.is_file() for p in paths):
        pytest.skip("../shared/regulations is absent")
    from assistant.api import Assistant

    assistant = Assistant(make_settings(tmp_path_factory.mktemp(name)))
    report = assistant.ingest(paths, progress=False)
    assert report.ok, report.summary()
    return assistant


@pytest.fixture(scope="session")
def mini_corpus_copy(tmp_path_factory) -> Path:
    """A writable copy of the mini corpus."""
    target = tmp_path_factory.mktemp("corpus") / "mini"
    shutil.copytree(MINI_CORPUS, target)
    return target


@pytest.fixture(scope="session")
def mini_assistant(tmp_path_factory, mini_corpus_copy):
    """An assistant whose index holds the mini corpus (built once per test session)."""
    from assistant.api import Assistant

    index_dir = tmp_path_factory.mktemp("mini-index")
    assistant = Assistant(make_settings(index_dir, mini_corpus_copy))
    report = assistant.ingest([mini_corpus_copy])
    assert report.ok, report.summary()
    return assistant


@pytest.fixture
def fresh_assistant(tmp_path):
    """An assistant with an empty index of its own."""
    from assistant.api import Assistant

    return Assistant(make_settings(tmp_path / "index"))


OBLIGATIONS_CORPUS = FIXTURES / "obligations_corpus"


@pytest.fixture(scope="session")
def obligations_assistant(tmp_path_factory):
    """An assistant whose index holds a fictional Perda with dated deadlines (one passed, one to
    come, one counted from its promulgation), a recurrence, a Penjelasan and a sanction."""
    from assistant.api import Assistant

    corpus = tmp_path_factory.mktemp("corpus") / "obligations"
    shutil.copytree(OBLIGATIONS_CORPUS, corpus)
    assistant = Assistant(make_settings(tmp_path_factory.mktemp("obligations-index"), corpus))
    report = assistant.ingest([corpus])
    assert report.ok, report.summary()
    return assistant


SHARED_TEXTS = ("perpres-132-2022.txt", "perpres-82-2023.txt", "uu-25-2009.txt", "uu-27-2022.txt", "uu-20-2023.txt")


@pytest.fixture(scope="session")
def regulations_assistant(tmp_path_factory):
    """An assistant whose index holds the bundled corpus and the five regulation texts of
    ../shared/regulations (skipped when they are absent); built once per test session."""
    paths = [SHARED_REGULATIONS / name for name in SHARED_TEXTS]
    if not all(p.is_file() for p in paths):
        pytest.skip("../shared/regulations is absent")
    from assistant.api import Assistant

    corpus = ROOT / "corpus"
    assistant = Assistant(make_settings(tmp_path_factory.mktemp("regulations-index"), corpus))
    report = assistant.ingest([corpus, *paths])
    assert report.ok, report.summary()
    return assistant
