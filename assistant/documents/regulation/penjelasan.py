"""The Penjelasan: Umum, and Pasal demi Pasal (per Pasal, with its Ayat/Huruf/Angka items)."""

from __future__ import annotations

import re

from assistant.documents.numerals import ocr_int
from assistant.documents.textlines import Block, Line, similar, upper_letters
from assistant.documents.regulation.lines import (
    CLOSING,
    END_OF_TEXT,
    pasal_candidates,
    split_penjelasan_line,
)
from assistant.documents.regulation.body import PasalSequence
from assistant.documents.regulation.model import ParsedRegulation, PenjelasanPasal

_ROMAN_HEADING = re.compile(r"^Pasal\s+([IVX]{1,4})\.?$")
_ANGKA_LINE = re.compile(r"^Ang\W{0,2}\w{0,2}a\s*\w{1,3}\.?$")  # "Angka 2", OCR'd "Ang)<a 2", "Angka I"


def _parse_amending(lines: list[Line], start: int, end: int, result: ParsedRegulation) -> None:
    """Pasal demi Pasal of an amending regulation: Pasal I > Angka N > Pasal X (of the amended text)."""
    roman = ""
    current: PenjelasanPasal | None = None
    for ln in lines[start:end]:
        text = ln.text
        if END_OF_TEXT.match(text) or CLOSING.match(text):
            break
        m = _ROMAN_HEADING.match(text)
        if m:
            roman = m.group(1)
            current = PenjelasanPasal(number=0, roman=roman, offset=ln.offset)
            result.penjelasan_pasal.append(current)
            continue
        if roman == "I" and _ANGKA_LINE.match(text):
            continue
        numbers, _ = pasal_candidates(text) if roman == "I" and text.startswith(("Pasal", "PasaI", "Pasa")) else ([], False)
        if numbers and len(text) <= 12:
            number, suffix = numbers[0]
            current = PenjelasanPasal(number=number, suffix=suffix, offset=ln.offset, amends=result.amends)
            result.penjelasan_pasal.append(current)
            continue
        if current is not None:
            current.lines.extend(split_penjelasan_line(ln) if text else [ln])
    for p in result.penjelasan_pasal:
        p.lines = [ln for ln in p.lines if ln.text]


def parse_penjelasan(lines: list[Line], start: int, end: int, result: ParsedRegulation) -> None:
    i = start + 1
    umum_start = None
    demi_start = None
    for k in range(start + 1, end):
        letters = upper_letters(lines[k].text)
        if umum_start is None and demi_start is None and letters in ("IUMUM", "UMUM", "AUMUM") and \
                len(lines[k].text) <= 12:
            umum_start = k + 1
        if "PASALDEMIPASAL" in letters and len(lines[k].text) <= 30:
            demi_start = k + 1
            break
    if demi_start is None:
        first = next((k for k in range((umum_start or start + 1), end)
                      if pasal_candidates(lines[k].text)[0][:1] == [(1, "")]), None)
        if first is not None:
            demi_start = first
    if umum_start is not None:
        stop = (demi_start - 1) if demi_start is not None else end
        if demi_start is not None and "PASALDEMIPASAL" not in upper_letters(lines[demi_start - 1].text):
            stop = demi_start
        umum = Block([ln for ln in lines[umum_start:stop]])
        while umum.lines and not umum.lines[-1].text:
            umum.lines.pop()
        if any(ln.text for ln in umum.lines):
            result.penjelasan_umum = umum
    if demi_start is None:
        return
    if result.amends:
        _parse_amending(lines, demi_start, end, result)
        return
    i = demi_start
    seq = PasalSequence()
    current: PenjelasanPasal | None = None
    while i < end:
        ln = lines[i]
        if END_OF_TEXT.match(ln.text) or CLOSING.match(ln.text):
            break
        got = seq.heading(lines, i) if ln.text else None
        if got == "label":
            i += 1
            continue
        if isinstance(got, tuple):
            current = PenjelasanPasal(number=got[0], suffix=got[1], offset=ln.offset)
            result.penjelasan_pasal.append(current)
        elif current is not None:
            current.lines.extend(split_penjelasan_line(ln) if ln.text else [ln])
        i += 1
    for p in result.penjelasan_pasal:
        p.lines = [ln for ln in p.lines if ln.text]



_PENJ_HEADER = re.compile(
    r"^(Ayat|Huruf|Humf|Hurut|Hurul|Angka)\s*(\(\s*[0-9lIsSO]{1,2}\s*[)\]1l]?|[0-9]{1,3}\b|[a-zA-Z](?![a-z]))\s*(.*)$"
)
_CUKUP = re.compile(r"^cukup\s*je\W?[lL1]\W?a\W?s\W*$", re.IGNORECASE)


def _penjelasan_header(kind: str, token: str, last_huruf: str) -> str:
    """"Ayat (2)", "Huruf b", "Angka 3" from OCR'd forms such as "Ayat(21", "Hurufd", "Huruf I"."""
    if kind == "Huruf":
        letter = token.lower()
        expected = chr(ord(last_huruf) + 1) if last_huruf else "a"
        if token in "Il1|" and expected in "il":
            letter = expected
        return f"Huruf {letter}"
    inner = token.strip("()[] ")
    if token.startswith("(") and not token.endswith(")") and len(inner) == 2 and inner[1] in "1l":
        inner = inner[0]  # "(21" is "(2)" with its ")" read as "1"
    number = ocr_int(inner)
    return f"Ayat ({number})" if kind == "Ayat" else f"Angka {number}"


def is_cukup_jelas(text: str) -> bool:
    """"Cukup jelas." and its OCR forms ("Cukupjelas.", "Crkup jelas.", "Cukup.jelas")."""
    text = text.strip()
    if _CUKUP.match(text):
        return True
    letters = re.sub(r"[^a-z]", "", text.lower())
    return len(text) <= 16 and similar(letters, "cukupjelas", 0.75)


def prune_cukup_jelas(lines: list[Line]) -> list[Line]:
    """Penjelasan lines without the items (Ayat/Huruf/Angka) that only say "Cukup jelas."."""
    levels = {"ayat": 1, "huruf": 2, "angka": 3}
    items: list[tuple[int, Line]] = []  # level 0 = content
    last_huruf = ""
    for ln in lines:
        m = _PENJ_HEADER.match(ln.text)
        if m:
            kind, token = m.group(1), m.group(2)
            kind = "Huruf" if kind.startswith("H") else kind
            header = _penjelasan_header(kind, token, last_huruf)
            if kind == "Huruf":
                last_huruf = header[-1]
            elif kind == "Ayat":
                last_huruf = ""
            items.append((levels[kind.lower()], Line(header, ln.offset)))
            rest = m.group(3).strip()
            if rest and not is_cukup_jelas(rest):
                items.append((0, Line(rest, ln.offset + m.start(3))))
        elif not is_cukup_jelas(ln.text):
            items.append((0, ln))
    kept: list[Line] = []
    for idx, (level, ln) in enumerate(items):
        if level == 0:
            kept.append(ln)
            continue
        for lvl2, _ in items[idx + 1:]:
            if lvl2 == 0:
                kept.append(ln)
                break
            if lvl2 <= level:
                break
    return kept

