"""How much of a regulation file the parser turns into Pasal chunks, counted independently.

The expected Pasal of a file come from a scan that shares no code with the parser: every line
that is only a Pasal heading (after Markdown/bullet marks are stripped, OCR-tolerant: ``Pasal19``,
``P asal 8``, ``Pasal2T``, ``## TRANSAKSI ELEKTRONIK Pasal 17``), up to the Penjelasan. An
OCR-damaged number is read as the previous heading's number plus one. Roman ``Pasal I``/``II`` of
an amending regulation are wrappers, not provisions, and are not counted; the Pasal inside them
(``Pasal 40A``) are. The expected identity comes from the file name (``KIND_YEAR_NUMBER``, or
``kind-number-year``): the parser itself never reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.documents.model import Chunk

_MARKS = re.compile(r"^[#>*\-\s]+")
_HEADING = re.compile(r"^(?:.*?[A-Z]{3,}[^a-z]*\s)?P\s?a\s?s\s?a\s?[l1I]\s*([0-9OoIlSsTZB]{1,3})\s*([A-Z]?)\s*$")
_CLEAN_NUMBER = re.compile(r"^\d{1,3}$")
_PENJELASAN = re.compile(r"^\s*#*\s*PENJELASAN\b")
_ROMAN = re.compile(r"^[IVX]+$")

#: file-name kind -> canonical short-name prefix
_KINDS = {
    "UU": "UU", "PP": "PP", "PERPRES": "Perpres", "PERMENKOMINFO": "Permenkominfo",
    "PERMENPANRB": "PermenPANRB", "INPRES": "Inpres", "KEPPRES": "Keppres",
}


def expected_identity(path: Path) -> str | None:
    """``PP_2019_071.md`` -> ``PP 71/2019``; ``perpres-132-2022.txt`` -> ``Perpres 132/2022``."""
    stem = path.stem
    m = re.fullmatch(r"([A-Z]+)_(\d{4})_(\d{1,4})", stem)
    if m and m.group(1) in _KINDS:
        return f"{_KINDS[m.group(1)]} {int(m.group(3))}/{m.group(2)}"
    m = re.fullmatch(r"([a-z]+)-(\d{1,4})-(\d{4})", stem)
    if m and m.group(1).upper() in _KINDS:
        return f"{_KINDS[m.group(1).upper()]} {int(m.group(2))}/{m.group(3)}"
    return None


def _ocr_number(token: str) -> int:
    digits = token.translate(str.maketrans("OoIlSsTZB", "001155728"))
    return int(digits) if digits.isdigit() else -1


def expected_pasal(text: str) -> set[str]:
    """Labels (``Pasal 5``, ``Pasal 40A``) of the Pasal headings of the body of ``text``."""
    found: set[str] = set()
    last = 0
    for raw in text.splitlines():
        line = _MARKS.sub("", raw).strip()
        if found and _PENJELASAN.match(line) and line.isupper():
            break
        m = _HEADING.match(line)
        if not m:
            continue
        token, suffix = m.group(1), m.group(2)
        clean = re.fullmatch(r"(\d{1,3})([A-H]?)", token + suffix)
        ocr = _ocr_number(token + suffix)
        if clean and ocr != last + 1:  # "11B" after 11A is Pasal 11B; "1B" after 17 is an OCR'd 18
            token, suffix = clean.group(1), clean.group(2)
        if _ROMAN.match(token + suffix) and not token.isdigit():
            continue
        number = int(token) if _CLEAN_NUMBER.match(token) else last + 1
        if not _CLEAN_NUMBER.match(token) and suffix:
            continue
        found.add(f"Pasal {number}{suffix}")
        last = number
    return found


@dataclass
class FileCoverage:
    path: Path
    layout: str  # markdown | jdih | pdf | text
    expected_name: str | None
    found_name: str  # short name the parser gave, "" when not recognised as a regulation
    expected: set[str] = field(default_factory=set)
    found: set[str] = field(default_factory=set)
    status: str = ""  # parse status the chunker recorded

    @property
    def recognised(self) -> bool:
        return bool(self.found_name) and (self.expected_name is None or self.found_name == self.expected_name)

    @property
    def covered(self) -> int:
        return len(self.expected & self.found)

    @property
    def ratio(self) -> float:
        return self.covered / len(self.expected) if self.expected else 1.0

    @property
    def missing(self) -> list[str]:
        return sorted(self.expected - self.found, key=_pasal_key)


def _pasal_key(label: str) -> tuple[int, str]:
    m = re.match(r"Pasal (\d+)(\w?)", label)
    return (int(m.group(1)), m.group(2)) if m else (0, label)


def layout_of(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        return "pdf"
    if "jdih" in path.parts[-2]:
        return "jdih"
    if path.suffix.lower() == ".md":
        return "markdown"
    return "text"


def measure(path: Path, text: str, chunks: Iterable[Chunk]) -> FileCoverage:
    """Coverage of one file from its loaded text and the chunks made of it."""
    chunks = list(chunks)
    regulation = [c for c in chunks if c.metadata.get("doc_type") == "regulation"]
    found_name = str(regulation[0].metadata.get("short_name")) if regulation else ""
    found = {
        str(c.metadata["pasal"]) for c in regulation
        if c.metadata.get("part") == "batang_tubuh" and str(c.metadata.get("pasal", "")).startswith("Pasal")
    }
    status = str(chunks[0].metadata.get("parse_status", "")) if chunks else ""
    return FileCoverage(path=path, layout=layout_of(path), expected_name=expected_identity(path),
                        found_name=found_name, expected=expected_pasal(text), found=found, status=status)


def regulation_files(root: Path) -> list[Path]:
    """Every regulation file under ``root`` (``../shared/regulations``), sorted."""
    files = [p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".md", ".pdf")]
    return sorted(p for p in files if p.name.upper() not in ("SOURCES.MD", "README.MD"))


def table(rows: list[FileCoverage]) -> str:
    """A Markdown table per layout: files recognised, Pasal found / expected."""
    out = ["| layout | files | recognised | Pasal found / expected | files at >= 97% |", "|---|---|---|---|---|"]
    layouts = sorted({r.layout for r in rows})
    for layout in layouts + ["all"]:
        sel = [r for r in rows if layout in ("all", r.layout)]
        exp = sum(len(r.expected) for r in sel)
        cov = sum(r.covered for r in sel)
        share = f"{cov} / {exp} ({cov / exp:.1%})" if exp else "0 / 0"
        out.append(f"| {layout} | {len(sel)} | {sum(r.recognised for r in sel)} | {share} "
                   f"| {sum(r.ratio >= 0.97 for r in sel)} |")
    return "\n".join(out)
