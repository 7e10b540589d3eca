"""Lines of a regulation and the tests that recognise its headings (OCR-tolerant)."""

from __future__ import annotations

import re

from assistant.documents.names import title_case
from assistant.documents.numerals import ocr_numbers
from assistant.documents.textlines import LIST_MARKER, Block, Line, clean_line, is_upper, similar, upper_letters

MAX_PASAL_GAP = 4  # a heading may skip at most this many numbers (headings lost to OCR)

# ----------------------------------------------------------------------------- lines

# Markers before which a physical line is split into two virtual lines.
SPLIT_ANYWHERE = re.compile(
    r"(?<=\S)\s+(?=PENJELASAN\s+ATAS\b|I\.\s*UMUM\b|II\.\s*PASAL\s+DEMI\s+PASAL\b"
    r"|Agar setiap orang mengetahuinya|Dengan Persetujuan Bersama\b|MEMUTUSKAN\s*:"
    r"|Menetapkan\s*:|Disahkan di\b|Diundangkan di\b|Ditetapkan di\b"
    r"|LEMBARAN NEGARA REPUBLIK INDONESIA TAHUN|TAMBAHAN LEMBARAN NEGARA)"
)
# ... and after which: "I. UMUM Pembukaan Undang-Undang Dasar ..." on one line.
SPLIT_AFTER = re.compile(r"(?<=\bI\. UMUM)\s+(?=\S)|(?<=^I UMUM)\s+(?=\S)|(?<=PASAL DEMI PASAL)\s+(?=\S)")
# In the Penjelasan, "Ayat (2)", "Huruf b", "Angka 3" run together after a sentence.
SPLIT_PENJELASAN = re.compile(
    r"(?:(?<=[.;:])|(?<=jelas))\s+(?=(?:Ayat\s*\(\d{1,2}\)|Ayat\s+\d{1,2}\b|Huruf\s+[a-zA-Z]\b"
    r"|Angka\s+\d{1,3}\b)\s*(?:[A-Z\"“(]|Cukup))"
)


# Page furniture of converted and scraped layouts, removed wherever it stands.
_IMAGE_DEBRIS = re.compile(r"^<!--.*-->$")
_PAGE_NUMBER = re.compile(r"^[-–—]\s*[0-9OolI]{1,3}\s*[-–—]?$|^[0-9]{1,3}\s*/\s*[0-9]{1,3}$")
_CATCHWORD = re.compile(r"^.{1,45}?(?:\s*\.\s*){3,}$|^.{1,45}?…$")
_STROKES = set("IlTtFfiEHNXJj1|{}[]!'")
_LETTERHEAD = ("PRESIDENREPUBLIKINDONESIA", "SALINAN", "PRESIDEN")
# Docling list bullets: "- (1) ...", "- a. ...", "- : 1. ...", "- 1 Telekomunikasi adalah ..."
_BULLET = re.compile(r"^[-•*]\s+(?::\s*)?")
_BARE_NUMBER_ITEM = re.compile(r"^(\d{1,3})\s+(?=[A-Z])")
# "## TRANSAKSI ELEKTRONIK Pasal 17": a Pasal heading run into the title of its BAB.
_HEADING_RUN_IN = re.compile(r"(?<=[A-Z]{2})\s+(?=Pasal\s*\d{1,3}[A-Z]?\s*$)")


def is_furniture(text: str) -> bool:
    """Page debris: an image marker, a page number, a catchword, the letterhead."""
    if not text:
        return False
    if _IMAGE_DEBRIS.match(text) or _PAGE_NUMBER.match(text) or _CATCHWORD.match(text):
        return True
    if 8 <= len(text) <= 40 and sum(ch in _STROKES for ch in text) >= 0.6 * len(text.replace(" ", "")):
        return True  # a letterhead OCR'd into strokes: "EqITFIIIIINIII'TTTTN"
    if text.endswith(",") or len(text) > 40 or not is_upper(text):
        return False
    letters = upper_letters(text)
    return any(abs(len(letters) - len(form)) <= 3 and similar(letters, form, 0.7) for form in _LETTERHEAD)


def _normalise(raw: str) -> str:
    """One physical line with its layout marks removed (heading marks, bullets)."""
    text = clean_line(raw)
    if _BULLET.match(text):
        text = _BULLET.sub("", text)
        text = _BARE_NUMBER_ITEM.sub(r"\1. ", text)
    return text


def split_lines(text: str) -> list[Line]:
    """Virtual lines of ``text`` with offsets; blank lines (and page furniture) kept as ""."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        start = pos
        pos += len(raw) + 1
        pieces = [0] + [m.end() for m in SPLIT_ANYWHERE.finditer(raw)]
        pieces += [m.end() for m in SPLIT_AFTER.finditer(raw)]
        pieces += [m.end() for m in _HEADING_RUN_IN.finditer(raw)]
        pieces = sorted(set(pieces))
        for a, b in zip(pieces, pieces[1:] + [len(raw)]):
            seg = raw[a:b]
            lead = len(seg) - len(seg.lstrip())
            cleaned = _normalise(seg)
            out.append(Line("" if is_furniture(cleaned) else cleaned, start + a + lead))
    return out


def split_penjelasan_line(line: Line) -> list[Line]:
    cuts = [0] + [m.end() for m in SPLIT_PENJELASAN.finditer(line.text)]
    if len(cuts) == 1:
        return [line]
    return [
        Line(line.text[a:b].strip(), line.offset + a)
        for a, b in zip(cuts, cuts[1:] + [len(line.text)])
        if line.text[a:b].strip()
    ]


# ----------------------------------------------------------------------------- heading tests

PASAL_CLEAN = re.compile(r"^Pasal\s+(\d{1,3})([A-Z]?)$")


def pasal_candidates(text: str) -> tuple[list[tuple[int, str]], bool]:
    """Numbers a line may give as a Pasal heading, and whether it may be a bare "Pasal" label.

    ``("Pasal 12", ...) -> ([(12, "")], False)``; ``"Pasa722" -> ([(22, ""), (722, "")...], False)``;
    ``"Pasal" -> ([], True)``. Lines that are not headings give ``([], False)``.
    """
    t = text.strip().rstrip(".:")
    m = PASAL_CLEAN.match(t)
    if m and not m.group(2):
        return [(int(m.group(1)), "")], False
    if m:  # "Pasal 28A" or an OCR'd "Pasal 7O"
        ocr = [(n, "") for n in sorted(ocr_numbers(m.group(1) + m.group(2)))]
        return [(int(m.group(1)), m.group(2))] + ocr, False
    compact = re.sub(r"\s+", "", t)
    if len(compact) < 4 or len(compact) > 10 or compact[0] not in "PF":
        return [], False
    found: list[tuple[int, str]] = []
    label_only = False
    for k in (5, 4):
        head, rest = compact[:k], compact[k:]
        target = "pasal" if k == 5 else "pasa"
        if not similar(head.lower(), target, 0.75):
            continue
        if not rest:
            label_only = True
            continue
        for n in sorted(ocr_numbers(rest)):
            if 0 < n < 1000 and (n, "") not in found:
                found.append((n, ""))
    return found, label_only


BAB = re.compile(r"^BAB\s*([IVXLivxl1]{1,7})\b\.?\s*(.*)$")
BAGIAN = re.compile(r"^(?:Bag[il1!]an|BAGIAN)\s+(Ke\w+(?:\s+Belas|\s+Puluh(?:\s+\w+)?)?|KE\w+|Pertama)\b\s*(.*)$")
PARAGRAF = re.compile(r"^(?:Paragraf|PARAGRAF)\s+(\d{1,2}|[IVX]{1,5}|Ke\w+)\b\.?\s*(.*)$")
AYAT_START = re.compile(r"^([({\[lI|])\s*(\d{1,2}|[lI])\s*([)}\]lI|1])\s*[.,]?\s*")
AYAT_INLINE = re.compile(r"(?<![Aa]yat )(?<![Aa]yat)(?<!dan )(?<!atau )(?<!, )\((\d{1,2})\)\s+(?=[A-Z])")
ANGKA_START = re.compile(r"^([0-9OolIiSsB]{1,2}(?:\s[0-9OolI])?)\s*\.\s*(?=\S)")
CLOSING = re.compile(r"^(Agar setiap orang mengetahuinya|Ditetapkan di\b|Disahkan di\b)")
END_OF_TEXT = re.compile(r"^(TAMBAHAN LEMBARAN NEGARA|LEMBARAN NEGARA REPUBLIK INDONESIA TAHUN)")
DEFINITIONS_INTRO = re.compile(r"yang\s+dimaksud\s+dengan\s*:", re.IGNORECASE)


def is_penjelasan_heading(lines: list[Line], i: int) -> bool:
    """"PENJELASAN" (+ "ATAS" on this or the next line), upper case, OCR-tolerant."""
    text = lines[i].text
    if not text or not is_upper(text) or len(text) > 120:
        return False
    letters = upper_letters(text)
    if not similar(letters[:10], "PENJELASAN"):
        return False
    if "ATAS" in letters[10:14] or re.search(r"\bATAS\b", text):
        return True
    nxt = next((ln.text for ln in lines[i + 1:i + 3] if ln.text), "")
    return len(letters) <= 11 and similar(upper_letters(nxt)[:4], "ATAS", 0.75)


def is_lampiran_heading(text: str) -> bool:
    return bool(re.match(r"^LAMPIRAN(\s+[IVX]+)?(\s*[:.]?\s*$|\s+(PERATURAN|UNDANG|KEPUTUSAN|INSTRUKSI))", text))



def title_lines(lines: list[Line], start: int, stop_test, *, upper: bool, limit: int = 4) -> tuple[str, int]:
    """Title text of a heading from the lines after it; returns (title, next index)."""
    parts: list[str] = []
    j = start
    while j < len(lines) and len(parts) < limit:
        t = lines[j].text
        if not t:
            j += 1
            continue
        if stop_test(t) or LIST_MARKER.match(t) or AYAT_START.match(t):
            break
        if upper and not is_upper(t):
            break
        if not upper and (len(t.split()) > 14 or re.search(r"[.;]$", t)):
            break
        parts.append(t)
        j += 1
    return " ".join(parts), j


def structural_heading(text: str) -> bool:
    return bool(
        BAB.match(text) or BAGIAN.match(text) or PARAGRAF.match(text) or pasal_candidates(text)[0]
        or pasal_candidates(text)[1]
    )


def nice_title(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip(" .:")
    if is_upper(title):
        title = re.sub(r"(?<![^\sA-Z])I,(?=[A-Z])", "L", title)  # OCR reads "L" as "I,"
    return title_case(title) if is_upper(title) else title


def section_text(lines: list[Line], label: str) -> Block:
    block = Block()
    for ln in lines:
        text = ln.text
        if not block.lines:
            text = re.sub(rf"^{label}\s*:?\s*", "", text, flags=re.IGNORECASE)
        if text:
            block.lines.append(Line(text, ln.offset))
    return block

