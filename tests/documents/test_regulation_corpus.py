"""Every real regulation file in ../shared/regulations, parsed and chunked (no model, no index).

Per file: recognised as a regulation with the kind, number and year of its file name, and at
least 97% of its body's Pasal (counted by ``parser_coverage.expected_pasal``, a scan that shares
no code with the parser) become Pasal chunks. The files below fall short; each is listed with the
reason it is accepted for now.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from assistant.documents.chunking import chunk_document
from assistant.documents.loaders import load_document
from assistant.documents.names import format_citation
from assistant.evaluation.parser_coverage import FileCoverage, measure, regulation_files, table
from assistant.documents.regulation.references import parse_reference_key

from .conftest import REGULATIONS

#: "layout/FILE" -> why it is accepted below 97% (or unnamed). Each must still fall short (the list stays true).
EXCEPTIONS: dict[str, str] = {
    **{f"{layout}/PERMENKOMINFO_2015_026.{ext}": "joint regulation of two ministers with two numbers "
       "(14/2015 and 26/2015): parsed, but not named; marked partial" for layout, ext in
       (("markdown", "md"), ("jdih", "md"), ("pdf", "pdf"))},
    **{f"{layout}/UU_2024_001.{ext}": "OCR reads the inserted Pasal 27B as 278, which the independent scan "
       "counts as another Pasal (the parser takes it as 27B, named in its instruction)"
       for layout, ext in (("markdown", "md"), ("pdf", "pdf"))},
    "jdih/PERMENKOMINFO_2007_038.md": "the page writes the amendment wrapper Pasal I as 'Pasal 1'; the parser "
                                      "reads it as Pasal I, the independent scan as Pasal 1",
    "pdf/PERMENKOMINFO_2020_002.pdf": "one-Pasal amendment whose instruction line OCR destroyed (no verb left)",
    "pdf/PERMENKOMINFO_2021_010.pdf": "one-Pasal amendment whose instruction line OCR destroyed (no verb left)",
}


@lru_cache(maxsize=None)
def _coverage(path: Path) -> tuple[FileCoverage, tuple]:
    doc = load_document(path)
    chunks = chunk_document(doc)
    return measure(path, doc.text, chunks), tuple(chunks)


def _files() -> list[Path]:
    return regulation_files(REGULATIONS) if REGULATIONS.is_dir() else []


def _id(path: Path) -> str:
    return f"{measure(path, '', []).layout}/{path.name}"


@pytest.mark.shared
@pytest.mark.parametrize("path", _files(), ids=_id)
def test_every_regulation_file_is_recognised_and_parsed(path: Path) -> None:
    cov, chunks = _coverage(path)
    key = f"{cov.layout}/{path.name}"
    if key in EXCEPTIONS:
        # Accepted shortfalls must not fail silently: the chunks say that the parse is incomplete.
        assert chunks and chunks[0].metadata["doc_type"] == "regulation", key
        assert chunks[0].metadata["parse_status"] in ("partial", "text"), key
        assert not (cov.recognised and cov.ratio >= 0.97), f"{key} now passes: remove it from EXCEPTIONS"
        return
    assert cov.recognised, f"{key}: named {cov.found_name!r}, expected {cov.expected_name!r}"
    assert cov.ratio >= 0.97, f"{key}: {cov.covered}/{len(cov.expected)} Pasal; missing {cov.missing[:10]}"


@pytest.mark.shared
def test_coverage_table_totals() -> None:
    if not REGULATIONS.is_dir():
        pytest.skip("../shared/regulations is absent")
    rows = [_coverage(p)[0] for p in _files()]
    text = table(rows)
    assert "| all |" in text
    total_expected = sum(len(r.expected) for r in rows)
    assert sum(r.covered for r in rows) >= 0.97 * total_expected
    assert sum(r.recognised for r in rows) >= len(rows) - 4


@pytest.mark.shared
def test_amendments_of_uu_11_2008_by_uu_1_2024_are_linked_provision_by_provision() -> None:
    path = REGULATIONS / "external" / "bpk-md" / "UU_2024_001.md"
    if not path.is_file():
        pytest.skip("external regulations are absent")
    _, chunks = _coverage(path)
    amended = {c.metadata["pasal"]: c for c in chunks if c.metadata["amends"] and c.metadata["part"] == "batang_tubuh"}
    assert {"Pasal 5", "Pasal 13A", "Pasal 16A", "Pasal 17", "Pasal 28", "Pasal 45"} <= set(amended)
    assert {c.metadata["amends"] for c in amended.values()} == {"UU 11/2008"}
    assert amended["Pasal 13A"].metadata["change"] == "disisipkan"
    assert amended["Pasal 5"].metadata["instruction"] == "Pasal I angka 1"
    assert format_citation(amended["Pasal 5"].metadata) == "Pasal 5 UU 11/2008 sebagaimana diubah dengan UU 1/2024"
    assert "Informasi Elektronik" in amended["Pasal 5"].text
    # Its Penjelasan explains the provisions as amended.
    explained = {c.metadata["pasal"] for c in chunks if c.metadata["part"] == "penjelasan" and c.metadata["amends"]}
    assert {"Pasal 5", "Pasal 13A", "Pasal 27"} <= explained
    # The amending regulation's own provisions keep their Roman numbers.
    assert {"Pasal I", "Pasal II"} <= {c.metadata["pasal"] for c in chunks}


@pytest.mark.shared
def test_pasal_57_uu_27_2022_is_linked_to_what_it_cites_both_ways() -> None:
    path = REGULATIONS / "uu-27-2022.txt"
    if not path.is_file():
        pytest.skip("../shared/regulations is absent")
    _, chunks = _coverage(path)
    body = {c.metadata["pasal"]: c for c in chunks if c.metadata["part"] == "batang_tubuh"}
    cites = [parse_reference_key(k) for k in str(body["Pasal 57"].metadata["cites"]).split(";")]
    cited = {(r.regulation, r.pasal) for r in cites}
    assert {("UU 27/2022", f"Pasal {n}") for n in (20, 21, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33)} <= cited
    for n in (20, 21, 33):
        back = [parse_reference_key(k) for k in str(body[f"Pasal {n}"].metadata["cited_by"]).split(";") if k]
        assert any(r.pasal == "Pasal 57" and r.regulation == "UU 27/2022" for r in back), n


@pytest.mark.shared
def test_regulation_dates_are_kept() -> None:
    path = REGULATIONS / "uu-27-2022.txt"
    if not path.is_file():
        pytest.skip("../shared/regulations is absent")
    _, chunks = _coverage(path)
    meta = chunks[0].metadata
    assert (meta["ditetapkan"], meta["diundangkan"], meta["berlaku"]) == ("2022-10-17", "2022-10-17", "2022-10-17")
