"""The Lampiran: sections by BAB and lettered sub-heading."""

from __future__ import annotations

import re

from assistant.documents.numerals import int_to_roman, roman_to_int
from assistant.documents.textlines import Line, is_upper
from assistant.documents.regulation.lines import (
    BAB,
    nice_title,
    title_lines,
)
from assistant.documents.regulation.model import LampiranSection, ParsedRegulation

_SIGNATURE = re.compile(r"^(PRESIDEN REPUBLIK INDONESIA,|Salinan sesuai dengan aslinya|ttd\.?$)", re.IGNORECASE)
_SUBHEADING = re.compile(r"^([A-H])\.\s+([A-Z][^.;:]{2,100})$")


def parse_lampiran(lines: list[Line], start: int, end: int, result: ParsedRegulation, label: str) -> None:
    m = re.match(r"^LAMPIRAN\s+([IVX]+)\b", label)
    prefix = f"Lampiran {m.group(1)}" if m else ""
    i = start + 1
    # Skip the heading lines that repeat the regulation's name.
    while i < end and (not lines[i].text or (is_upper(lines[i].text) and not BAB.match(lines[i].text))):
        i += 1
    bab_path = ""
    sub_path = ""
    last_bab = 0
    expected_letter = "A"
    section = LampiranSection(path=[p for p in (prefix,) if p])
    sections = [section]

    def new_section() -> LampiranSection:
        path = [p for p in (prefix, bab_path, sub_path) if p]
        sec = LampiranSection(path=path)
        sections.append(sec)
        return sec

    while i < end:
        ln = lines[i]
        text = ln.text
        if _SIGNATURE.match(text):
            break
        mb = BAB.match(text)
        if mb:
            n = roman_to_int(mb.group(1))
            if n is not None and last_bab < n <= last_bab + 2:
                title = mb.group(2).strip()
                j = i + 1
                if not title:
                    title, j = title_lines(lines, i + 1, lambda t: bool(BAB.match(t)), upper=True)
                if title:
                    last_bab = n
                    bab_path = f"BAB {int_to_roman(n)} {nice_title(title)}"
                    sub_path = ""
                    expected_letter = "A"
                    section = new_section()
                    i = j
                    continue
                i += 1  # a BAB number without its title: a repeated or stray heading
                continue
            if n is not None and n == last_bab:
                i += 1
                continue
        ms = _SUBHEADING.match(text)
        if ms and bab_path and ms.group(1) == expected_letter and len(ms.group(2).split()) <= 12:
            sub_path = f"{ms.group(1)}. {ms.group(2).strip()}"
            expected_letter = chr(ord(expected_letter) + 1)
            section = new_section()
            i += 1
            continue
        section.lines.append(ln)
        i += 1
    for sec in sections:
        while sec.lines and not sec.lines[-1].text:
            sec.lines.pop()
        if any(ln.text for ln in sec.lines):
            if not sec.path:
                sec.path = ["Lampiran"]
            result.lampiran.append(sec)


