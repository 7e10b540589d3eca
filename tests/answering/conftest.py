"""Helpers for answering tests: chunks built by hand, no index needed."""

import pytest

from assistant.documents.model import empty_metadata
from assistant.index.reading import StoredChunk
from assistant.retrieval import ScoredChunk


def make_hit(cid: str, text: str, score: float = 0.8, **meta) -> ScoredChunk:
    m = empty_metadata()
    m.update({"doc_type": "regulation", "part": "batang_tubuh", **meta})
    m.setdefault("breadcrumb", f"{m.get('short_name', '')} > {m.get('pasal', '')}")
    return ScoredChunk(StoredChunk(cid, text, m), score)


@pytest.fixture
def pdp_hits() -> list[ScoredChunk]:
    return [
        make_hit(
            "c1",
            "(1) Dalam hal terjadi kegagalan Pelindungan Data Pribadi, Pengendali Data Pribadi wajib "
            "menyampaikan pemberitahuan secara tertulis paling lambat 3 x 24 (tiga kali dua puluh empat) jam. "
            "(2) Pemberitahuan tertulis sebagaimana dimaksud pada ayat (1) paling sedikit memuat data yang terungkap.",
            0.9,
            short_name="UU 27/2022", pasal="Pasal 46", doc_id="uu-27-2022", title="UU 27/2022",
        ),
        make_hit(
            "c2",
            "Pengendali Data Pribadi wajib menjaga kerahasiaan Data Pribadi.",
            0.5,
            short_name="UU 27/2022", pasal="Pasal 36", doc_id="uu-27-2022", title="UU 27/2022",
        ),
    ]
