"""Text of PDF pages without page furniture.

Official Indonesian PDFs repeat a letterhead ("PRESIDEN / REPUBLIK INDONESIA"), a page number
("- 3 -"), a stamp ("SK No 155204 A") and a catchword (the first words of the next page, "Pasal 5
. . .") on every page; scanned copies add OCR damage to all of these ("FRESIDEN", "-t2-",
"SK No l552l2A"). Lines are rebuilt from word positions (so that a label column such as
"Menimbang" stays on the line it belongs to), then the furniture is removed by pattern, by
position and by repetition across pages.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median
from typing import Any

#: Words of the letterhead printed at the top of every page of official copies.
LETTERHEAD = ("PRESIDEN", "REPUBLIK INDONESIA", "PRESIDEN REPUBLIK INDONESIA", "SALINAN")
_HEADER_ROWS = 5  # rows at the top of a page searched for furniture
_FOOTER_ROWS = 4  # rows at the bottom of a page searched for furniture

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "i": "1", "L": "1",
                             "t": "1", "J": "1", "|": "1", "!": "1", "Z": "2", "z": "2", "S": "5",
                             "s": "5", "T": "7", "B": "8", "g": "9", "q": "9", "G": "6"})
_PAGE_NUMBER = re.compile(r"^[-–—_~.\s]*([0-9OolIiLtJ|!ZzSsTBgqG]{1,3})[-–—_~.\s]*$")
_PAGE_WORDS = re.compile(r"^(halaman|hal\.?|page)\s*\d{1,3}(\s*(dari|of|/)\s*\d{1,3})?$", re.I)
_STAMP = re.compile(r"^SK\s*N[o0O]\.?\s*[0-9lIO|]{3,}[\s-]*[A-Z]?$", re.I)
_ELLIPSIS = re.compile(r"(?:\.\s*){2,}$|…$")
_SPECK_ROW = re.compile(r"^[\W_]{1,3}$")
_LEADING_SPECK = re.compile(r"^[.'‘’`,;]\s+(?=\S)")
_STRUCTURAL = re.compile(r"^(pasal|bab|bagian|paragraf|ayat|huruf|angka|cukup)\b", re.I)


@dataclass
class PdfLine:
    """One visual line of a page, rebuilt from word boxes."""

    text: str
    x0: float = 0.0
    y: float = 0.0


@dataclass
class PdfPage:
    number: int  # 1-based
    width: float = 0.0
    height: float = 0.0
    lines: list[PdfLine] = field(default_factory=list)
    has_images: bool = False


def rows_from_words(words: list[tuple[Any, ...]]) -> list[PdfLine]:
    """Group word boxes (x0, y0, x1, y1, text, ...) into lines by their vertical centre."""
    if not words:
        return []
    heights = [w[3] - w[1] for w in words if w[3] > w[1]]
    tol = max(2.5, 0.35 * (median(heights) if heights else 10.0))
    ordered = sorted(words, key=lambda w: ((w[1] + w[3]) / 2, w[0]))
    rows: list[list[tuple[Any, ...]]] = []
    centres: list[float] = []
    for w in ordered:
        yc = (w[1] + w[3]) / 2
        if rows and abs(centres[-1] - yc) <= tol:
            rows[-1].append(w)
            centres[-1] = sum((v[1] + v[3]) / 2 for v in rows[-1]) / len(rows[-1])
        else:
            rows.append([w])
            centres.append(yc)
    lines = []
    for row, yc in zip(rows, centres):
        row.sort(key=lambda w: w[0])
        text = " ".join(str(w[4]) for w in row).strip()
        if text:
            lines.append(PdfLine(text=text, x0=float(row[0][0]), y=yc))
    return lines


def _letters(text: str) -> str:
    return re.sub(r"[^A-Z]", "", text.upper())


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def is_letterhead(text: str, *, first_page: bool = False) -> bool:
    """A (possibly OCR-damaged) letterhead line: "PRESIDEN", "REPUELIK INDONESIA", "SALINAN"."""
    stripped = text.strip()
    if stripped.endswith(",") or not stripped:
        return False
    letters = _letters(stripped)
    if not letters or sum(c.islower() for c in stripped) > 2:
        return False
    for target in LETTERHEAD:
        if first_page and target == "SALINAN":
            continue
        t = _letters(target)
        if len(letters) > len(t) + 2 or len(letters) < len(t) * 0.6:
            continue
        if difflib.SequenceMatcher(None, letters, t).ratio() >= 0.75:
            return True
    return False


def is_page_number(text: str) -> bool:
    """"- 3 -", "-t2-", "_ 10_", "2-", "Halaman 3 dari 9" (a bare number counts too)."""
    s = text.strip()
    if _PAGE_WORDS.match(s):
        return True
    m = _PAGE_NUMBER.match(s)
    if not m:
        return False
    token = m.group(1)
    has_dash = bool(re.search(r"[-–—_~]", s))
    if token.isdigit():
        return True
    return has_dash and token.translate(_OCR_DIGITS).isdigit()


def is_stamp(text: str) -> bool:
    """The registration stamp at the foot of official copies: "SK No 155204 A"."""
    return bool(_STAMP.match(text.strip()))


def _is_catchword_text(text: str) -> bool:
    return bool(_ELLIPSIS.search(text.strip())) and len(text.split()) <= 8


def _continues(catch: str, next_first: str) -> bool:
    """Does the next page begin with (roughly) the catchword?"""
    a = _norm(_ELLIPSIS.sub("", catch))
    b = _norm(next_first)[: len(a) + 1]
    if not a or not b:
        return False
    if b.startswith(a):
        return True
    return len(a) >= 3 and difflib.SequenceMatcher(None, a, b[: len(a)]).ratio() >= 0.75


def _repeated_texts(pages: list[PdfPage]) -> set[str]:
    """Normalised texts found in the top or bottom rows of most pages (running headers)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        zone = page.lines[:3] + page.lines[-3:]
        seen = {re.sub(r"\d+", "#", re.sub(r"\s+", " ", ln.text.strip().lower())) for ln in zone}
        counts.update(seen)
    need = max(3, (len(pages) + 1) // 2)
    return {t for t, c in counts.items() if c >= need and t and not _STRUCTURAL.match(t)}


def clean_pages(pages: list[PdfPage]) -> list[list[str]]:
    """Per page, the text lines that remain once running headers, footers and catchwords go."""
    repeated = _repeated_texts(pages)
    kept: list[list[PdfLine]] = []
    for page in pages:
        lines = [PdfLine(_LEADING_SPECK.sub("", ln.text).strip(), ln.x0, ln.y) for ln in page.lines]
        lines = [ln for ln in lines if ln.text and not _SPECK_ROW.match(ln.text)]
        n = len(lines)
        drop: set[int] = set()
        for i, ln in enumerate(lines):
            key = re.sub(r"\d+", "#", re.sub(r"\s+", " ", ln.text.lower()))
            in_head = i < _HEADER_ROWS
            in_foot = i >= n - _FOOTER_ROWS
            if (in_head or in_foot) and key in repeated:
                drop.add(i)
            elif in_head and (is_letterhead(ln.text, first_page=page.number == 1) or is_page_number(ln.text)):
                drop.add(i)
            elif in_foot and (is_stamp(ln.text) or is_page_number(ln.text)):
                drop.add(i)
        kept.append([ln for i, ln in enumerate(lines) if i not in drop])

    # Catchwords: the last line of a page that repeats the start of the next page.
    for idx in range(len(kept) - 1):
        if not kept[idx]:
            continue
        nxt = next((p for p in kept[idx + 1:] if p), None)
        last = kept[idx][-1]
        width = pages[idx].width
        short = len(last.text.split()) <= 6
        right = bool(width) and last.x0 > 0.6 * width and len(last.text.split()) <= 4
        if (
            _is_catchword_text(last.text)
            or (short and nxt is not None and _continues(last.text, nxt[0].text))
            or (right and nxt is not None)
        ):
            kept[idx].pop()
    return [[ln.text for ln in page] for page in kept]
