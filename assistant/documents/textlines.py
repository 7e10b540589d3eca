"""Lines of extracted text: cleaning, re-flowing hard-wrapped lines, and small OCR-tolerant tests.

Shared by the regulation parser and the speech/note parser. List items and ayat ("(2)", "a.",
"1.", "Huruf b") start new lines when text is re-flowed; everything else is joined.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One (virtual) line of the document and where it starts in ``doc.text``."""

    text: str
    offset: int


@dataclass
class Block:
    """Consecutive lines of one unit of text (an ayat, a definition, a paragraph)."""

    lines: list[Line] = field(default_factory=list)
    label: str = ""  # "(2)" for an ayat, "2" for a definition

    @property
    def offset(self) -> int:
        return self.lines[0].offset if self.lines else 0

    @property
    def text(self) -> str:
        return reflow([ln.text for ln in self.lines])


# ----------------------------------------------------------------------------- cleaning

_MD_DECOR = re.compile(r"^\s*#{1,6}\s+|\*\*|__")
_LEADING_SPECK = re.compile(r"^[.'‘’`,;]\s+(?=\S)")


def clean_line(raw: str) -> str:
    """One line without Markdown decoration, doubled spaces or a leading OCR speck."""
    text = _MD_DECOR.sub("", raw)
    text = re.sub(r"\s+", " ", text).strip()
    text = _LEADING_SPECK.sub("", text)
    return re.sub(r"^([a-z]|\d{1,2})\s*\.\s*\.\s+(?=\w)", r"\1. ", text)  # "a.. merumuskan"


def tidy(text: str) -> str:
    """Small repairs of extracted text: "dan/ atau", "perundang- undangan", doubled spaces."""
    text = re.sub(r"(?<=[A-Za-z])- (?=[A-Za-z])", "-", text)
    text = re.sub(r"/ (?=atau\b)", "/", text)
    text = re.sub(r"\s+([,;:])(?=\s|$)", r"\1", text)
    return re.sub(r"[ \t]+", " ", text).strip()


# ----------------------------------------------------------------------------- re-flowing

LIST_MARKER = re.compile(
    r"^(\(\d{1,2}\)|\d{1,3}\.(?!\d)|[a-z]\.(?=\s|$)|\d{1,2}\)|[a-z]\)|[-•*]\s"
    r"|Huruf\s+[a-zA-Z]\b|Ayat\s*\(?\d|Angka\s+\d)"
)
# "(2) dan ayat (3)": words after a bracketed number that make it a reference, not a new item.
CONTINUATION_WORD = re.compile(r"(dan|atau|ayat|huruf|angka|sampai|serta|s\.d\.)\b")
# "... sebagaimana dimaksud pada ayat": line ends after which a bracketed number is a reference.
CONTINUED_BY = re.compile(r"\b(ayat|dan|atau|Pasal|huruf)\s*$|,\s*$", re.IGNORECASE)


def _starts_item(prev: str, text: str) -> bool:
    """Does ``text`` begin a new list item / ayat rather than continue ``prev``?"""
    m = LIST_MARKER.match(text)
    if not m:
        return False
    if text.startswith("(") and (CONTINUED_BY.search(prev) or CONTINUATION_WORD.match(text[m.end():].lstrip())):
        return False
    return True


def _join(prev: str, nxt: str) -> str:
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and nxt[:1].isalpha():
        return prev + nxt
    return f"{prev} {nxt}"


def reflow(lines: list[str]) -> str:
    """Join hard-wrapped lines; list items and ayat start new lines; no blank lines remain."""
    out: list[str] = []
    new_para = True
    for raw in lines:
        text = raw.strip()
        if not text:
            new_para = True
            continue
        if new_para or not out or _starts_item(out[-1], text):
            out.append(text)
        else:
            out[-1] = _join(out[-1], text)
        new_para = False
    return "\n".join(tidy(t) for t in out if t.strip())


def logical_units(lines: list[Line]) -> list[Block]:
    """Lines grouped as ``reflow`` groups them (one block per list item or paragraph)."""
    units: list[Block] = []
    new_para = True
    for ln in lines:
        if not ln.text:
            new_para = True
            continue
        if new_para or not units or _starts_item(units[-1].lines[-1].text, ln.text):
            units.append(Block([ln]))
        else:
            units[-1].lines.append(ln)
        new_para = False
    return units


# ----------------------------------------------------------------------------- OCR-tolerant tests


def upper_letters(text: str) -> str:
    """The letters of ``text`` only, upper-cased: "Pen jelasan." -> "PENJELASAN"."""
    return re.sub(r"[^A-Z]", "", text.upper())


def is_upper(text: str) -> bool:
    """At least 80% of the letters are capitals (headings survive a few OCR misreads)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def similar(text: str, target: str, threshold: float = 0.8) -> bool:
    """``text`` and ``target`` match with a ``difflib`` ratio of at least ``threshold``."""
    return difflib.SequenceMatcher(None, text, target).ratio() >= threshold
