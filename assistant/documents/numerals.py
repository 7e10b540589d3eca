"""Numbers as OCR reads them: misread digits ("1O", "t2", "S") and Roman numerals ("XIV", "Ix")."""

from __future__ import annotations

import itertools

_DIGIT_OPTIONS: dict[str, str] = {
    **{d: d for d in "0123456789"},
    "O": "0", "o": "0", "D": "0", "Q": "0",
    "l": "1", "I": "1", "i": "1", "L": "1", "t": "1", "J": "1", "|": "1", "!": "1", "]": "1",
    "Z": "2", "z": "2", "S": "58", "s": "5", "T": "7", "B": "8", "g": "9", "q": "9", "G": "6",
}


def ocr_numbers(token: str) -> set[int]:
    """Numbers an OCR'd token may stand for: "1O" -> {10}, "S" -> {5, 8}, "t2" -> {12}."""
    token = token.replace(" ", "")
    if not token or len(token) > 4:
        return set()
    options = []
    for ch in token:
        if ch not in _DIGIT_OPTIONS:
            return set()
        options.append(_DIGIT_OPTIONS[ch])
    return {int("".join(p)) for p in itertools.product(*options)}


def ocr_int(token: str) -> str:
    """The one number ``token`` may stand for, as a string; ``token`` itself when ambiguous."""
    nums = ocr_numbers(token)
    return str(min(nums)) if len(nums) == 1 else token


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(token: str) -> int | None:
    """"XIV" -> 14; OCR forms "Ix", "xII", "l" are read as upper-case Roman numerals."""
    t = token.upper().replace("1", "I").replace("L", "I")
    if not t or any(c not in _ROMAN for c in t):
        return None
    total = 0
    for a, b in zip(t, t[1:] + " "):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN.get(b, 0) > v else v
    return total if total > 0 else None


def int_to_roman(n: int) -> str:
    out = ""
    for value, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out
