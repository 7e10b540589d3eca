"""Parse an Indonesian regulation into the drafting structure of UU 12/2011.

Identity (jenis, nomor, tahun, tentang) comes from the heading; the tree is Menimbang, Mengingat,
BAB > Bagian > Paragraf > Pasal > ayat (> huruf/angka, kept as text), Penjelasan (Umum and Pasal
demi Pasal) and Lampiran sections. The parser works line by line and is built for damaged text:
OCR misreads in headings ("Pasa722", "Pasal I", "BAB Ix", "(l)"), ayat run together on one line,
cross references ("sebagaimana dimaksud dalam Pasal 5") and headings split over two columns.
Pasal numbers must increase, which is what rejects false headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.documents.model import LoadedDocument
from assistant.documents.names import long_name, parse_jenis, short_name, title_case
from assistant.documents.numerals import int_to_roman, ocr_int, ocr_numbers, roman_to_int
from assistant.documents.textlines import (
    CONTINUATION_WORD,
    CONTINUED_BY,
    LIST_MARKER,
    Block,
    Line,
    clean_line,
    is_upper,
    reflow,
    similar,
    upper_letters,
)

MAX_PASAL_GAP = 4  # a heading may skip at most this many numbers (headings lost to OCR)

# ----------------------------------------------------------------------------- lines

# Markers before which a physical line is split into two virtual lines.
_SPLIT_ANYWHERE = re.compile(
    r"(?<=\S)\s+(?=PENJELASAN\s+ATAS\b|I\.\s*UMUM\b|II\.\s*PASAL\s+DEMI\s+PASAL\b"
    r"|Agar setiap orang mengetahuinya|Dengan Persetujuan Bersama\b|MEMUTUSKAN\s*:"
    r"|Menetapkan\s*:|Disahkan di\b|Diundangkan di\b|Ditetapkan di\b"
    r"|LEMBARAN NEGARA REPUBLIK INDONESIA TAHUN|TAMBAHAN LEMBARAN NEGARA)"
)
# ... and after which: "I. UMUM Pembukaan Undang-Undang Dasar ..." on one line.
_SPLIT_AFTER = re.compile(r"(?<=\bI\. UMUM)\s+(?=\S)|(?<=^I UMUM)\s+(?=\S)|(?<=PASAL DEMI PASAL)\s+(?=\S)")
# In the Penjelasan, "Ayat (2)", "Huruf b", "Angka 3" run together after a sentence.
_SPLIT_PENJELASAN = re.compile(
    r"(?:(?<=[.;:])|(?<=jelas))\s+(?=(?:Ayat\s*\(\d{1,2}\)|Ayat\s+\d{1,2}\b|Huruf\s+[a-zA-Z]\b"
    r"|Angka\s+\d{1,3}\b)\s*(?:[A-Z\"“(]|Cukup))"
)


def split_lines(text: str) -> list[Line]:
    """Virtual lines of ``text`` with offsets; blank lines kept as empty strings."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        start = pos
        pos += len(raw) + 1
        pieces = [0] + [m.end() for m in _SPLIT_ANYWHERE.finditer(raw)]
        pieces += [m.end() for m in _SPLIT_AFTER.finditer(raw)]
        pieces = sorted(set(pieces))
        for a, b in zip(pieces, pieces[1:] + [len(raw)]):
            seg = raw[a:b]
            lead = len(seg) - len(seg.lstrip())
            out.append(Line(clean_line(seg), start + a + lead))
    return out


def _split_penjelasan_line(line: Line) -> list[Line]:
    cuts = [0] + [m.end() for m in _SPLIT_PENJELASAN.finditer(line.text)]
    if len(cuts) == 1:
        return [line]
    return [
        Line(line.text[a:b].strip(), line.offset + a)
        for a, b in zip(cuts, cuts[1:] + [len(line.text)])
        if line.text[a:b].strip()
    ]


# ----------------------------------------------------------------------------- heading tests

_PASAL_CLEAN = re.compile(r"^Pasal\s+(\d{1,3})([A-Z]?)$")


def pasal_candidates(text: str) -> tuple[list[tuple[int, str]], bool]:
    """Numbers a line may give as a Pasal heading, and whether it may be a bare "Pasal" label.

    ``("Pasal 12", ...) -> ([(12, "")], False)``; ``"Pasa722" -> ([(22, ""), (722, "")...], False)``;
    ``"Pasal" -> ([], True)``. Lines that are not headings give ``([], False)``.
    """
    t = text.strip().rstrip(".:")
    m = _PASAL_CLEAN.match(t)
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


_BAB = re.compile(r"^BAB\s*([IVXLivxl1]{1,7})\b\.?\s*(.*)$")
_BAGIAN = re.compile(r"^(?:Bag[il1!]an|BAGIAN)\s+(Ke\w+(?:\s+Belas|\s+Puluh(?:\s+\w+)?)?|KE\w+|Pertama)\b\s*(.*)$")
_PARAGRAF = re.compile(r"^(?:Paragraf|PARAGRAF)\s+(\d{1,2}|[IVX]{1,5}|Ke\w+)\b\.?\s*(.*)$")
_AYAT_START = re.compile(r"^([({\[lI|])\s*(\d{1,2}|[lI])\s*([)}\]lI|1])\s*[.,]?\s*")
_AYAT_INLINE = re.compile(r"(?<![Aa]yat )(?<![Aa]yat)(?<!dan )(?<!atau )(?<!, )\((\d{1,2})\)\s+(?=[A-Z])")
_ANGKA_START = re.compile(r"^([0-9OolIiSsB]{1,2}(?:\s[0-9OolI])?)\s*\.\s*(?=\S)")
_CLOSING = re.compile(r"^(Agar setiap orang mengetahuinya|Ditetapkan di\b|Disahkan di\b)")
_END_OF_TEXT = re.compile(r"^(TAMBAHAN LEMBARAN NEGARA|LEMBARAN NEGARA REPUBLIK INDONESIA TAHUN)")
_DEFINITIONS_INTRO = re.compile(r"yang\s+dimaksud\s+dengan\s*:", re.IGNORECASE)


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


# ----------------------------------------------------------------------------- data


@dataclass
class RegulationIdentity:
    jenis: str  # "Peraturan Presiden"
    nomor: str  # "132"
    tahun: str  # "2022"
    tentang: str  # "Arsitektur Sistem Pemerintahan Berbasis Elektronik Nasional"
    short_name: str  # "Perpres 132/2022"
    long_name: str  # "Peraturan Presiden Nomor 132 Tahun 2022 tentang ..."


@dataclass
class Pasal:
    number: int
    suffix: str = ""
    offset: int = 0  # of the heading
    bab: str = ""
    bab_title: str = ""
    bagian: str = ""
    bagian_title: str = ""
    paragraf: str = ""
    paragraf_title: str = ""
    lines: list[Line] = field(default_factory=list)
    intro: Block = field(default_factory=Block)  # text before the first ayat/definition
    ayat: list[Block] = field(default_factory=list)
    definitions: list[Block] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"Pasal {self.number}{self.suffix}"

    @property
    def text(self) -> str:
        parts = [self.intro.text] if self.intro.lines else []
        parts += [b.text for b in self.definitions] + [b.text for b in self.ayat]
        return "\n".join(p for p in parts if p)

    @property
    def body_offset(self) -> int:
        return self.lines[0].offset if self.lines else self.offset


@dataclass
class PenjelasanPasal:
    number: int
    suffix: str = ""
    offset: int = 0
    lines: list[Line] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"Pasal {self.number}{self.suffix}"

    @property
    def text(self) -> str:
        return reflow([ln.text for ln in self.lines])


@dataclass
class LampiranSection:
    path: list[str]  # ["BAB I Pendahuluan", "A. Latar Belakang"]
    lines: list[Line] = field(default_factory=list)

    @property
    def offset(self) -> int:
        return self.lines[0].offset if self.lines else 0

    @property
    def title(self) -> str:
        return " > ".join(self.path)


@dataclass
class ParsedRegulation:
    identity: RegulationIdentity | None
    menimbang: Block | None = None
    mengingat: Block | None = None
    pasal: list[Pasal] = field(default_factory=list)
    penjelasan_umum: Block | None = None
    penjelasan_pasal: list[PenjelasanPasal] = field(default_factory=list)
    lampiran: list[LampiranSection] = field(default_factory=list)

    def pasal_numbers(self) -> list[int]:
        return [p.number for p in self.pasal]

    def get(self, number: int) -> Pasal | None:
        return next((p for p in self.pasal if p.number == number and not p.suffix), None)


# ----------------------------------------------------------------------------- identity

_NOMOR_TAHUN = re.compile(
    r"(?:^|\s)N[O0Q]M[O0Q]R\s*([0-9OolI]{1,4})\s+TAH[UV]N\s+([0-9OolIZ]{4})\b", re.IGNORECASE
)
_HEAD_STOP = re.compile(r"^(DENGAN RAHMAT|Menimbang|Mengingat|PRESIDEN REPUBLIK INDONESIA,|Pasal\s+1\b|BAB\s+I\b)",
                        re.IGNORECASE)


_JENIS_START = re.compile(r"^(peraturan|undang|keputusan|instruksi|surat edaran|perppu)", re.IGNORECASE)


def detect_identity(text: str) -> RegulationIdentity | None:
    """Jenis, nomor, tahun and tentang from the heading of a regulation, or None."""
    lines = [ln for ln in split_lines(text[:6000]) if ln.text][:45]
    lines = [ln for ln in lines if not (ln.text.startswith("[") and ln.text.endswith("]"))]
    for j, ln in enumerate(lines):
        if _HEAD_STOP.match(ln.text) and j > 0:
            break
        m = _NOMOR_TAHUN.search(ln.text)
        if not m:
            continue
        before = ln.text[: m.start()].strip()
        if before and not _JENIS_START.match(before):
            continue  # "... menurut Undang-Undang Nomor 5 Tahun 2014" is prose, not a heading
        jenis_text = before
        k = j - 1
        while not before and k >= 0 and k >= j - 3 and not _JENIS_START.match(jenis_text):
            if not is_upper(lines[k].text):
                break
            jenis_text = f"{lines[k].text} {jenis_text}".strip()
            k -= 1
        jenis = parse_jenis(jenis_text)
        if not jenis:
            continue
        nomor = ocr_int(m.group(1))
        tahun = ocr_int(m.group(2))
        rest = ln.text[m.end():].strip()
        tentang_parts: list[str] = []
        rest = re.sub(r"^TENTANG\b\s*", "", rest, flags=re.IGNORECASE)
        if rest:
            tentang_parts.append(rest)
        upper_heading = is_upper(ln.text)
        for nxt in lines[j + 1:j + 7]:
            t = nxt.text
            if _HEAD_STOP.match(t) or (upper_heading and not is_upper(t)):
                break
            if re.fullmatch(r"TENTANG|T\W?E\W?[NT\\I]+\W?ANG", t, flags=re.IGNORECASE) and not tentang_parts:
                continue
            if not upper_heading:
                break
            tentang_parts.append(t)
        tentang = re.sub(r"\s+", " ", " ".join(tentang_parts)).strip(" .,;")
        tentang = re.sub(r"^tentang\s+", "", tentang, flags=re.IGNORECASE)
        if tentang and is_upper(tentang):
            tentang = title_case(tentang)
        return RegulationIdentity(
            jenis=jenis,
            nomor=nomor,
            tahun=tahun,
            tentang=tentang,
            short_name=short_name(jenis, nomor, tahun),
            long_name=long_name(jenis, nomor, tahun, tentang),
        )
    return None


# ----------------------------------------------------------------------------- the parser


class _PasalSequence:
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
            if label_only and chosen is None and not _PASAL_CLEAN.match(text):
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
        next_lower = bool(nxt) and nxt[0].islower() and not _AYAT_START.match(nxt)
        if prev_open and next_lower:
            return False
        if number > self.last + 1 and prev_open:
            return False
        return True


def _title_lines(lines: list[Line], start: int, stop_test, *, upper: bool, limit: int = 4) -> tuple[str, int]:
    """Title text of a heading from the lines after it; returns (title, next index)."""
    parts: list[str] = []
    j = start
    while j < len(lines) and len(parts) < limit:
        t = lines[j].text
        if not t:
            j += 1
            continue
        if stop_test(t) or LIST_MARKER.match(t) or _AYAT_START.match(t):
            break
        if upper and not is_upper(t):
            break
        if not upper and (len(t.split()) > 14 or re.search(r"[.;]$", t)):
            break
        parts.append(t)
        j += 1
    return " ".join(parts), j


def _structural_heading(text: str) -> bool:
    return bool(
        _BAB.match(text) or _BAGIAN.match(text) or _PARAGRAF.match(text) or pasal_candidates(text)[0]
        or pasal_candidates(text)[1]
    )


def _nice_title(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip(" .:")
    if is_upper(title):
        title = re.sub(r"(?<![^\sA-Z])I,(?=[A-Z])", "L", title)  # OCR reads "L" as "I,"
    return title_case(title) if is_upper(title) else title


def _section_text(lines: list[Line], label: str) -> Block:
    block = Block()
    for ln in lines:
        text = ln.text
        if not block.lines:
            text = re.sub(rf"^{label}\s*:?\s*", "", text, flags=re.IGNORECASE)
        if text:
            block.lines.append(Line(text, ln.offset))
    return block


def _split_pasal_body(pasal: Pasal) -> None:
    """Fill intro, ayat and (for definitions) the angka of a Pasal from its lines."""
    lines = [ln for ln in pasal.lines if ln.text]
    if not lines:
        return
    head = " ".join(ln.text for ln in lines[:2])
    definitions = pasal.number == 1 and bool(_DEFINITIONS_INTRO.search(head.split(":")[0] + ":"))
    if definitions:
        expected = 1
        for ln in lines:
            m = _ANGKA_START.match(ln.text)
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
        m = _AYAT_START.match(ln.text)
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
                for mm in _AYAT_INLINE.finditer(head.text):
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


def parse_regulation(doc: LoadedDocument) -> ParsedRegulation:
    """The structure of a regulation in ``doc`` (see the module docstring)."""
    lines = split_lines(doc.text)
    identity = detect_identity(doc.text)
    result = ParsedRegulation(identity=identity)

    # Where the parts start.
    def find(pattern: str, start: int = 0, flags: int = 0) -> int | None:
        rx = re.compile(pattern, flags)
        return next((i for i in range(start, len(lines)) if rx.match(lines[i].text)), None)

    part_starts: list[tuple[int, str]] = []
    first_pasal = None
    for i, ln in enumerate(lines):
        if first_pasal is None and pasal_candidates(ln.text)[0]:
            first_pasal = i
        if first_pasal is not None and i > first_pasal:
            if is_penjelasan_heading(lines, i):
                part_starts.append((i, "penjelasan"))
            elif is_lampiran_heading(ln.text):
                part_starts.append((i, "lampiran"))
    body_end = part_starts[0][0] if part_starts else len(lines)

    i_menimbang = find(r"^Menimbang\b")
    i_mengingat = find(r"^Mengingat\b", i_menimbang or 0)
    i_end_preamble = find(
        r"^(Memperhatikan|Dengan Persetujuan Bersama|MEMUTUSKAN|Menetapkan)\b", (i_mengingat or i_menimbang or 0)
    )
    if i_menimbang is not None and (i_mengingat is not None or i_end_preamble is not None):
        stop = i_mengingat if i_mengingat is not None else i_end_preamble
        result.menimbang = _section_text(lines[i_menimbang:stop], "Menimbang")
    if i_mengingat is not None:
        stop = i_end_preamble
        if stop is None:
            stop = next((k for k in range(i_mengingat + 1, len(lines))
                         if _BAB.match(lines[k].text) or _PASAL_CLEAN.match(lines[k].text)), i_mengingat + 1)
        result.mengingat = _section_text(lines[i_mengingat:stop], "Mengingat")
    if i_end_preamble is not None:
        body_start = i_end_preamble
    elif i_mengingat is not None or i_menimbang is not None:
        body_start = max(i for i in (i_mengingat, i_menimbang) if i is not None) + 1
    else:
        body_start = 0

    _parse_body(lines, body_start, body_end, result)
    for idx, (start, kind) in enumerate(part_starts):
        end = part_starts[idx + 1][0] if idx + 1 < len(part_starts) else len(lines)
        if kind == "penjelasan":
            _parse_penjelasan(lines, start, end, result)
        else:
            _parse_lampiran(lines, start, end, result, label=lines[start].text)
    return result


def _parse_body(lines: list[Line], start: int, end: int, result: ParsedRegulation) -> None:
    seq = _PasalSequence()
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
        if _CLOSING.match(text) or _END_OF_TEXT.match(text):
            closing = True
            i += 1
            continue
        m = _BAB.match(text)
        if m:
            n = roman_to_int(m.group(1))
            if n is not None and (n == last_bab + 1 or (last_bab < n <= last_bab + 2)):
                title = m.group(2).strip()
                j = i + 1
                if not title:
                    title, j = _title_lines(lines, i + 1, _structural_heading, upper=True)
                if title:
                    last_bab = n
                    bab, bab_title = f"BAB {int_to_roman(n)}", _nice_title(title)
                    bagian = bagian_title = paragraf = paragraf_title = ""
                    closing = False
                    after_heading = True
                    i = j
                    continue
            elif n is not None and n == last_bab and not m.group(2).strip():
                i += 1  # the same BAB heading repeated (OCR or page furniture)
                continue
        may_open = after_heading or current is None or not current.lines or _ends_sentence(current)
        sub = _sub_heading(lines, i, _BAGIAN) if may_open else None
        if sub:
            bagian, bagian_title, i = f"Bagian {sub[0].title()}", sub[1], sub[2]
            paragraf = paragraf_title = ""
            after_heading = True
            continue
        sub = _sub_heading(lines, i, _PARAGRAF) if may_open else None
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
        _split_pasal_body(p)


def _sub_heading(lines: list[Line], i: int, pattern: re.Pattern[str]) -> tuple[str, str, int] | None:
    """(number, title, next index) when line i is a Bagian/Paragraf heading with a title."""
    m = pattern.match(lines[i].text)
    if not m or not _heading_title_ok(m.group(2)):
        return None
    title = m.group(2).strip()
    j = i + 1
    if not title:
        title, j = _title_lines(lines, i + 1, _structural_heading, upper=False)
    return (m.group(1), _nice_title(title), j) if title else None


def _heading_title_ok(rest: str) -> bool:
    """A title on the heading's own line is short and is not a sentence."""
    rest = rest.strip()
    return not rest or (len(rest.split()) <= 14 and not re.search(r"[.;,]$", rest) and not rest[0].islower())


def _ends_sentence(pasal: Pasal) -> bool:
    last = next((ln.text for ln in reversed(pasal.lines) if ln.text), "")
    return bool(re.search(r"[.;:]\s*$", last)) or not last


def _parse_penjelasan(lines: list[Line], start: int, end: int, result: ParsedRegulation) -> None:
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
    i = demi_start
    seq = _PasalSequence()
    current: PenjelasanPasal | None = None
    while i < end:
        ln = lines[i]
        if _END_OF_TEXT.match(ln.text) or _CLOSING.match(ln.text):
            break
        got = seq.heading(lines, i) if ln.text else None
        if got == "label":
            i += 1
            continue
        if isinstance(got, tuple):
            current = PenjelasanPasal(number=got[0], suffix=got[1], offset=ln.offset)
            result.penjelasan_pasal.append(current)
        elif current is not None:
            current.lines.extend(_split_penjelasan_line(ln) if ln.text else [ln])
        i += 1
    for p in result.penjelasan_pasal:
        p.lines = [ln for ln in p.lines if ln.text]


_SIGNATURE = re.compile(r"^(PRESIDEN REPUBLIK INDONESIA,|Salinan sesuai dengan aslinya|ttd\.?$)", re.IGNORECASE)
_SUBHEADING = re.compile(r"^([A-H])\.\s+([A-Z][^.;:]{2,100})$")


def _parse_lampiran(lines: list[Line], start: int, end: int, result: ParsedRegulation, label: str) -> None:
    m = re.match(r"^LAMPIRAN\s+([IVX]+)\b", label)
    prefix = f"Lampiran {m.group(1)}" if m else ""
    i = start + 1
    # Skip the heading lines that repeat the regulation's name.
    while i < end and (not lines[i].text or (is_upper(lines[i].text) and not _BAB.match(lines[i].text))):
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
        mb = _BAB.match(text)
        if mb:
            n = roman_to_int(mb.group(1))
            if n is not None and last_bab < n <= last_bab + 2:
                title = mb.group(2).strip()
                j = i + 1
                if not title:
                    title, j = _title_lines(lines, i + 1, lambda t: bool(_BAB.match(t)), upper=True)
                if title:
                    last_bab = n
                    bab_path = f"BAB {int_to_roman(n)} {_nice_title(title)}"
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
