"""The batang tubuh: BAB > Bagian > Paragraf > Pasal > ayat, and Pasal 1 definitions."""

from __future__ import annotations

import re

from assistant.documents.numerals import int_to_roman, ocr_numbers, roman_to_int
from assistant.documents.textlines import CONTINUATION_WORD, CONTINUED_BY, Block, Line, is_upper
from assistant.documents.regulation.lines import (
    ANGKA_START,
    AYAT_INLINE,
    AYAT_START,
    BAB,
    BAGIAN,
    CLOSING,
    DEFINITIONS_INTRO,
    END_OF_TEXT,
    MAX_PASAL_GAP,
    PARAGRAF,
    PASAL_CLEAN,
    nice_title,
    pasal_candidates,
    structural_heading,
    title_lines,
)
from assistant.documents.regulation.model import Pasal, ParsedRegulation

# ----------------------------------------------------------------------------- the parser


class PasalSequence:
    """Accepts Pasal headings only in increasing order; handles "Pasal" split from its number."""

    def __init__(self) -> None:
        self.last = 0
        self.pending_labels = 0

    def _accept(self, numbers: list[tuple[int, str]]) -> tuple[int, str] | None:
        fits = [n for n in numbers if self.last < n[0] <= self.last + MAX_PASAL_GAP or
                (n[0] == self.last and n[1])]
        if not fits:
            return None
        return min(fits, key=lambda n: (abs(n[0] - (self.last + 1)), n[1]))

    def heading(self, lines: list[Line], i: int, after_heading: bool = False) -> tuple[int, str] | None | str:
        """(number, suffix) when line i is a Pasal heading, "label" for a bare label, else None."""
        text = lines[i].text
        numbers, label_only = pasal_candidates(text)
        if numbers:
            chosen = self._accept(numbers)
            if chosen and self._context_ok(lines, i, chosen[0], after_heading):
                self.last = chosen[0]
                return chosen
            if label_only and chosen is None and not PASAL_CLEAN.match(text):
                self.pending_labels += 1
                return "label"
            return None
        if label_only:
            self.pending_labels += 1
            return "label"
        if self.pending_labels and re.fullmatch(r"[0-9OolIiLtTSsZ]{1,3}", text):
            chosen = self._accept([(n, "") for n in ocr_numbers(text)])
            if chosen:
                self.pending_labels -= 1
                self.last = chosen[0]
                return chosen
        return None

    def _context_ok(self, lines: list[Line], i: int, number: int, after_heading: bool) -> bool:
        prev = next((ln.text for ln in reversed(lines[max(0, i - 3):i]) if ln.text), "")
        nxt = next((ln.text for ln in lines[i + 1:i + 3] if ln.text), "")
        prev_open = (
            not after_heading
            and bool(prev)
            and not re.search(r"[.;:)\]]\s*$", prev)
            and not is_upper(prev)
            and not prev.lower().startswith(("pasal", "bagian", "paragraf", "bab"))
        )
        next_lower = bool(nxt) and nxt[0].islower() and not AYAT_START.match(nxt)
        if prev_open and next_lower:
            return False
        if number > self.last + 1 and prev_open:
            return False
        return True



_PAREN_DEFINITION = re.compile(r"^\((\d{1,3})\)\s*(?=\S)")


def split_pasal_body(pasal: Pasal) -> None:
    """Fill intro, ayat and (for definitions) the angka of a Pasal from its lines."""
    lines = [ln for ln in pasal.lines if ln.text]
    if not lines:
        return
    head = " ".join(ln.text for ln in lines[:2])
    definitions = pasal.number == 1 and not pasal.roman and not pasal.amends and bool(DEFINITIONS_INTRO.search(head.split(":")[0] + ":"))
    if definitions:
        expected = 1
        for ln in lines:
            # "1. Data Pribadi adalah ...", or on JDIH pages "(1) Data Pribadi adalah ..."
            m = ANGKA_START.match(ln.text) or _PAREN_DEFINITION.match(ln.text)
            if m and expected in ocr_numbers(m.group(1)):
                text = f"{expected}. {ln.text[m.end():].strip()}"
                pasal.definitions.append(Block([Line(text, ln.offset)], label=str(expected)))
                expected += 1
            elif pasal.definitions:
                pasal.definitions[-1].lines.append(ln)
            else:
                pasal.intro.lines.append(ln)
        if len(pasal.definitions) >= 2:
            return
        pasal.intro, pasal.definitions = Block(), []

    expected = 1
    prev: Line | None = None
    for ln in lines:
        pieces = [ln]
        m = AYAT_START.match(ln.text)
        starts_ayat = False
        if m:
            opener, num, _ = m.groups()
            nums = {1} if num in ("l", "I") else {int(num)}
            rest_text = ln.text[m.end():].lstrip(". ")
            prev_text = prev.text if prev is not None else ""
            if (
                expected in nums
                and (opener in "({[" or num.isdigit())
                and not CONTINUATION_WORD.match(rest_text)
                and not CONTINUED_BY.search(prev_text)
            ):
                rest = ln.text[m.end():].lstrip(".,'‘’` ")
                pieces = [Line(f"({expected}) {rest}", ln.offset)]
                starts_ayat = True
        # ayat run together on one line: "... kinerja (5) Penyelenggara berkewajiban ..."
        head = pieces[0]
        nxt_expected = expected + 1 if starts_ayat else expected
        if pasal.ayat or starts_ayat:
            while True:
                found = None
                for mm in AYAT_INLINE.finditer(head.text):
                    if mm.start() > 0 and int(mm.group(1)) == nxt_expected:
                        found = mm
                        break
                if not found:
                    break
                before = Line(head.text[: found.start()].rstrip(), head.offset)
                after = Line(head.text[found.start():], head.offset + found.start())
                pieces[-1] = before
                pieces.append(after)
                head = after
                nxt_expected += 1
        for k, piece in enumerate(pieces):
            is_new = (k == 0 and starts_ayat) or k > 0
            if is_new:
                pasal.ayat.append(Block([piece], label=f"({expected})"))
                expected += 1
            elif pasal.ayat:
                pasal.ayat[-1].lines.append(piece)
            else:
                pasal.intro.lines.append(piece)
        prev = ln



def parse_body(lines: list[Line], start: int, end: int, result: ParsedRegulation) -> None:
    seq = PasalSequence()
    bab = bab_title = bagian = bagian_title = paragraf = paragraf_title = ""
    last_bab = 0
    current: Pasal | None = None
    closing = False
    after_heading = True
    i = start
    while i < end:
        ln = lines[i]
        text = ln.text
        if not text:
            if current is not None and not closing:
                current.lines.append(ln)
            i += 1
            continue
        if CLOSING.match(text) or END_OF_TEXT.match(text):
            closing = True
            i += 1
            continue
        m = BAB.match(text)
        if m:
            n = roman_to_int(m.group(1))
            if n is not None and (n == last_bab + 1 or (last_bab < n <= last_bab + 2)):
                title = m.group(2).strip()
                j = i + 1
                if not title:
                    title, j = title_lines(lines, i + 1, structural_heading, upper=True)
                if title:
                    last_bab = n
                    bab, bab_title = f"BAB {int_to_roman(n)}", nice_title(title)
                    bagian = bagian_title = paragraf = paragraf_title = ""
                    closing = False
                    after_heading = True
                    i = j
                    continue
            elif n is not None and n == last_bab and not m.group(2).strip():
                i += 1  # the same BAB heading repeated (OCR or page furniture)
                continue
        may_open = after_heading or current is None or not current.lines or _ends_sentence(current)
        sub = _sub_heading(lines, i, BAGIAN) if may_open else None
        if sub:
            bagian, bagian_title, i = f"Bagian {sub[0].title()}", sub[1], sub[2]
            paragraf = paragraf_title = ""
            after_heading = True
            continue
        sub = _sub_heading(lines, i, PARAGRAF) if may_open else None
        if sub:
            paragraf, paragraf_title, i = f"Paragraf {sub[0]}", sub[1], sub[2]
            after_heading = True
            continue
        got = seq.heading(lines, i, after_heading or closing)
        if got == "label":
            i += 1
            continue
        if isinstance(got, tuple):
            after_heading = True
            current = Pasal(
                number=got[0], suffix=got[1], offset=ln.offset, bab=bab, bab_title=bab_title,
                bagian=bagian, bagian_title=bagian_title, paragraf=paragraf, paragraf_title=paragraf_title,
            )
            result.pasal.append(current)
            closing = False
            i += 1
            continue
        if current is not None and not closing:
            current.lines.append(ln)
        after_heading = False
        i += 1
    for p in result.pasal:
        while p.lines and not p.lines[-1].text:
            p.lines.pop()
        while p.lines and not p.lines[0].text:
            p.lines.pop(0)
        split_pasal_body(p)


def _sub_heading(lines: list[Line], i: int, pattern: re.Pattern[str]) -> tuple[str, str, int] | None:
    """(number, title, next index) when line i is a Bagian/Paragraf heading with a title."""
    m = pattern.match(lines[i].text)
    if not m or not _heading_title_ok(m.group(2)):
        return None
    title = m.group(2).strip()
    j = i + 1
    if not title:
        title, j = title_lines(lines, i + 1, structural_heading, upper=False)
    return (m.group(1), nice_title(title), j) if title else None


def _heading_title_ok(rest: str) -> bool:
    """A title on the heading's own line is short and is not a sentence."""
    rest = rest.strip()
    return not rest or (len(rest.split()) <= 14 and not re.search(r"[.;,]$", rest) and not rest[0].islower())


def _ends_sentence(pasal: Pasal) -> bool:
    last = next((ln.text for ln in reversed(pasal.lines) if ln.text), "")
    return bool(re.search(r"[.;:]\s*$", last)) or not last


