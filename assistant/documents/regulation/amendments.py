"""Amending regulations and repeals.

An amending regulation ("Perubahan atas ...") has Roman Pasal: "Pasal I" names the regulation it
amends ("Beberapa ketentuan dalam Undang-Undang Nomor 11 Tahun 2008 ... diubah sebagai berikut:")
and lists numbered instructions ("1. Ketentuan Pasal 5 diubah sehingga berbunyi sebagai berikut:",
"3. Di antara Pasal 13 dan Pasal 14 disisipkan 1 (satu) pasal, yakni Pasal 13A ...", "7. Pasal 31
dihapus."), each followed by the provision in its new wording; "Pasal II" (and on) are the
amending regulation's own provisions (entry into force). Every provision inside Pasal I becomes a
``Pasal`` linked to the provision it amends: ``amends`` (the amended regulation), ``change``
(diubah | disisipkan | dihapus) and ``instruction`` ("Pasal I angka 3").

Repeals ("... dicabut dan dinyatakan tidak berlaku") name the regulations a text ends.
"""

from __future__ import annotations

import re

from assistant.documents.names import normalize_regulation_name
from assistant.documents.numerals import ocr_int, ocr_numbers, roman_to_int
from assistant.documents.regulation.identity import regulation_named, regulations_named
from assistant.documents.regulation.lines import pasal_candidates
from assistant.documents.regulation.model import Pasal, ParsedRegulation
from assistant.documents.regulation.references import extract_references
from assistant.documents.textlines import Line

_ROMAN_PASAL = re.compile(r"^Pasal\s+([IVX]{1,4})\.?$")
_INSTRUCTION = re.compile(r"^(?:\(?(\d{1,3})\)?\s*[.,]?\s+)?(?=(?:Ketentuan|Di\s*antara|Pasal|Penjelasan|Judul|BAB|Bagian|Paragraf"
                          r"|Lampiran|Menambahkan|Diantara|Setelah|Sebelum|Mengubah|Menghapus)\b)", re.IGNORECASE)
_UNNUMBERED_INSTRUCTION = re.compile(r"\bPasal\b.*\b(diubah|disisipkan|dihapus)\b", re.IGNORECASE)
_SAYS_FOLLOWING = re.compile(r"berik\w{0,2}t\s*[:.]?[^.;]{0,12}$", re.IGNORECASE)  # "berikut:", OCR'd "berikrut"
_PASAL_ONE = re.compile(r"^Pasal\s+([1l])\.?$")
# "Nomor l1 Tahun 2OO8": the digits of a regulation's number and year as OCR reads them
_OCR_NUMBER_WORDS = re.compile(r"((?:Nomor|Tahun)\s*:?\s*)([0-9OoIlTSZB]{1,4})(?=[\s,.)]|$)", re.IGNORECASE)
_LONE_NUMBER = re.compile(r"^\d{1,3}[.,]?$")
_CLEAN_HEADING = re.compile(r"^Pasal\s+(\d{1,3})([A-H]?)$")
_STARTS_PROVISION = re.compile(r"^(\(\s*1\s*\)|[A-Z])")
_CHANGE_WORDS = (("disisipkan", "disisipkan"), ("ditambah", "disisipkan"), ("dihapus", "dihapus"), ("diubah", "diubah"))
_AMENDED_BY = re.compile(r"(?:Beberapa\s+)?ketentuan\s+(?:dalam|pada)\s+(.{10,400}?)\s+(?:\(Lembaran|diubah|sebagaimana)",
                         re.IGNORECASE | re.DOTALL)
_REPEAL = re.compile(r"dicabut\s+dan\s+dinyatakan\s+tidak\s+berlaku", re.IGNORECASE)


def is_amending(lines: list[Line], start: int, end: int) -> int | None:
    """Index of the "Pasal I" that opens the amendments, or None when ``lines`` amend nothing."""
    for i in range(start, end):
        m = _ROMAN_PASAL.match(lines[i].text) or _PASAL_ONE.match(lines[i].text)
        if not m or m.group(1) not in ("I", "1", "l"):
            continue
        if m.group(1) != "I" and not _AMENDED_BY.search(" ".join(ln.text for ln in lines[i + 1:i + 4])):
            continue  # "Pasal 1" read for "Pasal I" only when it opens with "Beberapa ketentuan dalam ..."
        following = " ".join(ln.text for ln in lines[i + 1:i + 8] if ln.text)[:1500].lower()
        if re.search(r"\b(diubah|disisipkan|dihapus|ditambah)", following):
            return i
    return None


def _change_of(instruction: str) -> str:
    """diubah | disisipkan | dihapus: what the instruction does to the provision that follows."""
    low = instruction.lower()
    hits = [(low.find(word), kind) for word, kind in _CHANGE_WORDS if word in low]
    kind = min(hits)[1] if hits else "diubah"
    if kind == "disisipkan" and not re.search(r"(disisipkan|ditambah(?:kan)?)\s+(?:\S{1,3}\s*)?(?:\(\w+\)\s*)?pasal", low):
        return "diubah"  # an ayat or huruf inserted into an existing Pasal
    return kind


def amended_regulation(text: str) -> str:
    """Short name of the regulation an amendment's Pasal I names ("UU 11/2008"), or ""."""
    text = _OCR_NUMBER_WORDS.sub(lambda m: m.group(1) + ocr_int(m.group(2)), text)
    m = _AMENDED_BY.search(text)
    span = m.group(1) if m else text[:600]
    return regulation_named(span) or normalize_regulation_name(span) or ""


def _heading(text: str, instruction: str) -> tuple[int, str] | None:
    """(number, suffix) when ``text`` is the heading of a provision the instruction names."""
    numbers, _ = pasal_candidates(text)
    if not numbers:
        return None
    named = {(int(m.group(1)), m.group(2).upper()) for m in re.finditer(r"Pasal\s*(\d{1,3})\s*([A-Za-z]?)\b", instruction)}
    for n in numbers:
        if n in named:
            return n
    # "Pasal 168" for an instruction naming "Pasal 16B": OCR read B as 8
    for number, suffix in named:
        if suffix and f"{number}{suffix}".replace("B", "8").replace("S", "5") == text.split()[-1]:
            return number, suffix
    m = re.fullmatch(r"Pasal\s+(\d{1,3})([A-Z]?)", text.strip().rstrip("."))
    if m:
        return int(m.group(1)), m.group(2)
    return None


def parse_amendments(lines: list[Line], start: int, end: int, result: ParsedRegulation) -> None:
    """Pasal I's provisions (linked to what they amend) and the Roman Pasal after it."""
    intro: list[Line] = []
    target = ""
    item = ""
    instruction = ""
    pending_item = ""
    current: Pasal | None = None
    wrapper = Pasal(number=1, roman="I", offset=lines[start].offset)
    result.pasal.append(wrapper)
    i = start + 1
    while i < end:
        ln = lines[i]
        text = ln.text
        m_roman = _ROMAN_PASAL.match(text)
        if m_roman:
            n = roman_to_int(m_roman.group(1)) or 0
            if n <= (roman_to_int(wrapper.roman) or 1):
                if any(p.amends for p in result.pasal):
                    break  # the body repeated: its first occurrence is kept
                i += 1  # the same heading again (page furniture)
                continue
            wrapper = Pasal(number=n, roman=m_roman.group(1), offset=ln.offset)
            result.pasal.append(wrapper)
            current = None
            i += 1
            continue
        if wrapper.roman != "I":
            wrapper.lines.append(ln)
            i += 1
            continue
        if not target and text:
            intro.append(ln)
            target = amended_regulation(" ".join(x.text for x in intro))
        if _LONE_NUMBER.match(text) and _INSTRUCTION.match(_next_text(lines, i)):
            pending_item = text.rstrip(".,")  # "1" on its own line, its instruction on the next
            i += 1
            continue
        m_item = _INSTRUCTION.match(text) if text else None
        if m_item and (not m_item.group(1) or text.startswith("(")) and not _UNNUMBERED_INSTRUCTION.search(text):
            m_item = None  # "Ketentuan lebih lanjut ..." inside a provision, not an instruction
        complete = bool(m_item) and bool(_UNNUMBERED_INSTRUCTION.search(text)) and bool(_SAYS_FOLLOWING.search(text))
        if m_item and (current is None or _ends_provision(current) or complete):
            if pending_item:
                item, pending_item = pending_item, ""
            elif m_item.group(1):
                item = str(min(ocr_numbers(m_item.group(1)) or {0}))
            else:  # the number lost to OCR: the next one
                item = str(int(item) + 1) if item.isdigit() else "1"
            instruction = text
            wrapper.lines.append(ln)
            current = None
            if _change_of(text) == "dihapus" and "berbunyi" not in text.lower():
                for ref in extract_references(text, regulation=target or "", pasal=""):
                    if ref.pasal and not ref.ayat:
                        _add_repealed_pasal(result, ref.pasal, ln, target, item)
            i += 1
            continue
        if text and current is None and not m_item and instruction and _SAYS_FOLLOWING.search(instruction):
            got = _heading(text, instruction)
            nxt = next((x.text for x in lines[i + 1:i + 3] if x.text), "")
            if got and not (nxt[:1].islower()):
                current = Pasal(number=got[0], suffix=got[1], offset=ln.offset, amends=target,
                                change=_change_of(instruction), instruction=f"Pasal I angka {item}" if item else "Pasal I")
                result.pasal.append(current)
                i += 1
                continue
        named_next = current is not None and _named_in(text, instruction) and text != current.label
        if current is not None and _CLEAN_HEADING.match(text) and (named_next or (
                _ends_provision(current) and _STARTS_PROVISION.match(_next_text(lines, i)))):
            # The next provision of the same change, its instruction left out (JDIH pages do this).
            m = _CLEAN_HEADING.match(text)
            current = Pasal(number=int(m.group(1)), suffix=m.group(2), offset=ln.offset, amends=target,
                            change=_change_of(instruction) if named_next else "diubah",
                            instruction=f"Pasal I angka {item}" if named_next and item else "Pasal I")
            result.pasal.append(current)
            i += 1
            continue
        if current is not None:
            current.lines.append(ln)
        else:
            if text and not m_item and instruction and not _SAYS_FOLLOWING.search(instruction):
                instruction += " " + text  # an instruction wrapped over lines
            wrapper.lines.append(ln)
        i += 1


def _named_in(heading: str, instruction: str) -> bool:
    """Does the instruction name the Pasal of this heading line ("... yakni Pasal 10A dan Pasal 10B")?"""
    m = _CLEAN_HEADING.match(heading)
    return bool(m) and bool(re.search(rf"Pasal\s*{m.group(1)}\s*{m.group(2)}\b", instruction))


def _next_text(lines: list[Line], i: int) -> str:
    return next((x.text for x in lines[i + 1:i + 4] if x.text), "")


def _ends_provision(pasal: Pasal) -> bool:
    last = next((ln.text for ln in reversed(pasal.lines) if ln.text), "")
    return not last or bool(re.search(r"[.;:]\s*$", last))


def _add_repealed_pasal(result: ParsedRegulation, label: str, ln: Line, target: str, item: str) -> None:
    m = re.match(r"Pasal (\d+)([A-Z]?)", label)
    if not m:
        return
    pasal = Pasal(number=int(m.group(1)), suffix=m.group(2), offset=ln.offset, amends=target, change="dihapus",
                  instruction=f"Pasal I angka {item}")
    pasal.lines = [Line(f"{label} dihapus.", ln.offset)]
    result.pasal.append(pasal)


def repealed_regulations(text: str, own: str, own_jenis: str = "") -> list[str]:
    """Regulations that ``text`` declares repealed ("... dicabut dan dinyatakan tidak berlaku")."""
    found: list[str] = []
    for m in _REPEAL.finditer(text):
        start = max(text.rfind(".\n", 0, m.start()), text.rfind("\n\n", 0, m.start()), m.start() - 1200, 0)
        span = text[start:m.start()]
        for name in regulations_named(span, own_jenis) or [n for n in [normalize_regulation_name(span)] if n]:
            if name != own and name not in found:
                found.append(name)
    return found
