"""Which regulation a text is: jenis, nomor, tahun, tentang, and its dates.

A regulation names itself several times: in its heading ("PERATURAN MENTERI ... / NOMOR 5 TAHUN
2020 / TENTANG ..."), in the header of its Penjelasan ("PENJELASAN ATAS PERATURAN PEMERINTAH ...
NOMOR 71 TAHUN 2019") and of its Lampiran, and in "Menetapkan: PERATURAN ... TENTANG ...". Each
upper-case mention whose jenis stands right before its number is a candidate; the heading wins,
and when the heading is lost (an image, a reordered page) the mention repeated most is taken.
Numbers come in every form in use: "Nomor 5 Tahun 2020", "NOMOR : 11 / PER / M.KOMINFO / 04 /
2007", "NOMOR Tl TAHUN 2OI9" (OCR). Mentions of other regulations (Mengingat, prose) are written
in mixed case or follow other words, and are not candidates.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from assistant.documents.news import iso_date, month_number
from assistant.documents.names import long_name, parse_jenis, short_name, title_case
from assistant.documents.numerals import ocr_int
from assistant.documents.regulation.lines import split_lines
from assistant.documents.regulation.model import RegulationIdentity
from assistant.documents.textlines import is_upper

_NUMBER = r"([0-9OoIlTSZB]{1,4})"
_YEAR = r"([12][0-9OoIlZ]{3})"
_NOMOR = re.compile(
    rf"\bN[O0Q]M[O0Q]R\s*:?\s*(?:PM\.?\s*)?(\d{{1,4}}|[0-9OoIlTSZB]{{1,4}})"
    # "11 / PER / M.KOMINFO / 04 / 2007", OCR'd as "26 IPER/M.KOMINFOI 5/2007", "29 IPERIM.KOMINFOI1212010"
    rf"(?:\s*[/I1l|]?\s*(?=P|KEP|SE)[A-Za-z0-9.\s/|]{{0,40}}?{_YEAR}\b(?:\s+TAH[UV]N\s*[12]\d{{3}})?"
    rf"|\s+TAH[UV]N\s*{_YEAR})",
    re.IGNORECASE,
)
_JENIS_WORD = re.compile(r"^(PERATURAN|UNDANG|KEPUTUSAN|INSTRUKSI|SURAT\s+EDARAN|PERPPU)", re.IGNORECASE)
_SELF_PREFIX = re.compile(r"^(PENJELASAN\s+ATAS|LAMPIRAN(?:\s+[IVX]+)?\s*:?|SALINAN)\s+", re.IGNORECASE)
_MENETAPKAN = re.compile(r"^Menetapkan\s*:?\s*", re.IGNORECASE)
_TENTANG = re.compile(r"\bT\W?E\W?[NT\\I]+\W?ANG\b", re.IGNORECASE)
_TITLE_STOP = re.compile(
    r"^(DENGAN\s+RAHMAT|Menimbang|Mengingat|PRESIDEN\s+REPUBLIK|MENTERI\b|KEPALA\b|GUBERNUR\b|BUPATI\b"
    r"|WALI\s*KOTA\b|Pasal\s+1\b|BAB\s+I\b|\(?\d+[.)]|[a-z][.)])",
    re.IGNORECASE,
)
_TITLE_STOPS = ("DENGAN RAHMAT", "PRESIDEN REPUBLIK", "MENIMBANG", "MENGINGAT", "LEMBARAN NEGARA")
_WINDOW = 4  # lines joined to read a heading split over lines ("NOMOR :" / "11 / PER / ...")

_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\s+([12][0-9OoIl]{3})")
_DITETAPKAN = re.compile(r"(?:Ditetapkan|Disahkan)\s+di\b", re.IGNORECASE)
_DIUNDANGKAN = re.compile(r"Diundangkan\s+di\b", re.IGNORECASE)
_CLOSING = re.compile(r"(?:Ditetapkan|Disahkan|Diundangkan)\s+di\b", re.IGNORECASE)
_BERLAKU = re.compile(
    r"mulai\s+berlaku\s+(?:pada\s+)?(?:tanggal|sejak\s+tanggal)\s+(diundangkan|ditetapkan|\d{1,2}\s+[A-Za-z]+\s+\d{4})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Mention:
    jenis: str
    nomor: str
    tahun: str
    line: int  # the last line the mention was read from
    heading: bool  # the regulation's own heading (not a Penjelasan/Lampiran header)
    rest: str  # text after the number on the joined window

    @property
    def key(self) -> tuple[str, str]:
        return (short_name(self.jenis, self.nomor, self.tahun), self.tahun)


# "TAHUN 2013 / NOMOR / 24": the two halves of the number read in the wrong order.
_TAHUN_NOMOR = re.compile(rf"\bTAH[UV]N\s*{_YEAR}\s+N[O0Q]M[O0Q]R\s*:?\s*{_NUMBER}\b", re.IGNORECASE)


def _number(window: str) -> tuple[int, int, str, str] | None:
    """(start, end, nomor, tahun) of the first regulation number in ``window``."""
    m = _NOMOR.search(window)
    if m:
        return m.start(), m.end(), m.group(1), m.group(2) or m.group(3)
    m = _TAHUN_NOMOR.search(window)
    if m:
        return m.start(), m.end(), m.group(2), m.group(1)
    return None


def _mentions(lines: list[str]) -> list[_Mention]:
    found: list[_Mention] = []
    for i, text in enumerate(lines):
        heading = True
        m_self = _SELF_PREFIX.match(text)
        if m_self:
            heading = m_self.group(1).upper() == "SALINAN"
            text = text[m_self.end():]
        text = text.lstrip("'‘’`\".,")
        if not _JENIS_WORD.match(text) or not (is_upper(text[:40]) or i == 0):
            continue  # a heading is upper case, or the document's title line
        window = text
        last = i
        for nxt in lines[i + 1:i + _WINDOW]:
            if not (is_upper(nxt) or re.fullmatch(r"[\W\d]+", nxt) or re.match(r"\d", nxt)):
                break
            window += " " + nxt
            last += 1
        number = _number(window)
        if not number or number[0] > 160:
            continue
        start, end, raw_nomor, raw_tahun = number
        before = window[:start]
        if _TENTANG.search(before):
            continue  # "UNDANG-UNDANG TENTANG PERUBAHAN ATAS UNDANG-UNDANG NOMOR 11 ...": the target
        jenis = parse_jenis(before)
        if not jenis:
            continue
        nomor, tahun = ocr_int(raw_nomor), ocr_int(raw_tahun)
        if not (nomor.isdigit() and tahun.isdigit()):
            continue
        found.append(_Mention(jenis, str(int(nomor)), tahun, last, heading, window[end:]))
    return found


_NAMED = re.compile(
    r"\b(?:P[ae]raturan|Undang|Keputusan|Instruksi|Surat\s+Edaran)\b[^;()]{0,140}?(?=\bN[O0Q]M[O0Q]R+\b)",
    re.IGNORECASE,
)
_OCR_JENIS = ((re.compile(r"\bP[ae]raturan\b", re.I), "Peraturan"), (re.compile(r"\bMenter[il1]\b", re.I), "Menteri"))


def regulations_named(text: str, context_jenis: str = "") -> list[str]:
    """Short names of the regulations named in running text, whatever their number form.

    "Peraturan Menteri Komunikasi dan Informatika Nomor: 26/PER/M.KOMINFO/5/2007 tentang ..." ->
    "Permenkominfo 26/2007"; "Undang-Undang Nomor l1 Tahun 2OO8" -> "UU 11/2008".
    """
    found: list[str] = []
    for m in _NAMED.finditer(text):
        number = _number(re.sub(r"(?i)\bNOMOR+", "NOMOR", text[m.end():m.end() + 80]))
        if not number or number[0] > 0:
            continue
        jenis_text = re.sub(r"(?i)^.*\bini\b[,\s]*(?:maka\s+)?", "", m.group(0))  # "Peraturan Menteri ini, ..."
        for rx, word in _OCR_JENIS:
            jenis_text = rx.sub(word, jenis_text)
        jenis = parse_jenis(jenis_text)
        if jenis in ("Peraturan Menteri", "Keputusan Menteri") and context_jenis.startswith(jenis + " "):
            jenis = jenis + context_jenis[len(jenis):]  # "Peraturan Menteri Nomor ..." in a minister's own text
        nomor, tahun = ocr_int(number[2]), ocr_int(number[3])
        if jenis and nomor.isdigit() and tahun.isdigit():
            name = short_name(jenis, str(int(nomor)), tahun)
            if name not in found:
                found.append(name)
    return found


def regulation_named(text: str) -> str | None:
    """The first of ``regulations_named``, or None."""
    names = regulations_named(text)
    return names[0] if names else None


def _tentang(mention: _Mention, lines: list[str]) -> str:
    """The title after the number: on the joined window, then on the upper-case lines after it."""
    title = mention.rest
    for t in lines[mention.line + 1:mention.line + 6]:
        if _TITLE_STOP.match(t) or not is_upper(t):
            break
        title += " " + t
    m = _TENTANG.search(title.strip()[:20])
    if not m:
        return ""
    title = title.strip()[m.end():]
    for stop in _TITLE_STOPS:
        idx = title.upper().find(stop)
        if idx >= 0:
            title = title[:idx]
    title = re.sub(r"\s+", " ", title).strip(" .,;:")
    return title_case(title) if title and is_upper(title) else title


def _menetapkan_tentang(lines: list[str]) -> str:
    for t in lines:
        m = _MENETAPKAN.match(t)
        if m and _JENIS_WORD.match(t[m.end():]):
            rest = t[m.end():]
            mt = _TENTANG.search(rest)
            if mt:
                title = rest[mt.end():].strip(" .")
                return title_case(title) if is_upper(title) else title
    return ""


def detect_identity(text: str) -> RegulationIdentity | None:
    """Jenis, nomor, tahun, tentang and dates of the regulation in ``text``, or None."""
    lines = [ln.text for ln in split_lines(text) if ln.text]
    mentions = _mentions(lines)
    if not mentions:
        return None
    votes = Counter(m.key for m in mentions)
    headings = [m for m in mentions if m.heading]
    if headings and (votes[headings[0].key] > 1 or len(votes) == 1 or headings[0].line < 40):
        chosen = headings[0]
    else:
        best = max(votes.values())
        chosen = next(m for m in mentions if votes[m.key] == best)
    same = [m for m in mentions if m.key == chosen.key]
    tentang = next((t for t in (_tentang(m, lines) for m in same) if t), "") or _menetapkan_tentang(lines)
    jenis, nomor, tahun = chosen.jenis, chosen.nomor, chosen.tahun
    ditetapkan, diundangkan, problems = _closing_dates(text)
    berlaku, problem = _berlaku(text, ditetapkan, diundangkan)
    return RegulationIdentity(
        jenis=jenis,
        nomor=nomor,
        tahun=tahun,
        tentang=tentang,
        short_name=short_name(jenis, nomor, tahun),
        long_name=long_name(jenis, nomor, tahun, tentang),
        ditetapkan=ditetapkan,
        diundangkan=diundangkan,
        berlaku=berlaku,
        problems=problems + ([problem] if problem else []),
    )


# ----------------------------------------------------------------------------- dates


def _first_date(text: str) -> tuple[str, str]:
    """The first "17 Oktober 2022" (OCR-tolerant year) in ``text``: ``(iso, "")``; ``("", as written)``
    when there is no such day ("31 Februari 2022"); ``("", "")`` when ``text`` holds no date."""
    for m in _DATE.finditer(text):
        month = month_number(m.group(2))
        year = ocr_int(m.group(3))
        if month and year.isdigit():
            iso = iso_date(int(year), month, int(m.group(1)))
            return (iso, "") if iso else ("", m.group(0))
    return "", ""


def parse_indonesian_date(text: str) -> str:
    """ISO date of the first "17 Oktober 2022" (OCR-tolerant year) in ``text``; "" when there is
    none or it names no real day."""
    return _first_date(text)[0]


def _closing_dates(text: str) -> tuple[str, str, list[str]]:
    """(ditetapkan, diundangkan) as ISO dates from the closing formulas ("Ditetapkan di Jakarta pada
    tanggal ..."), "" when not stated, and the dates stated that name no real day. A formula is
    often repeated (after each Lampiran); the first one giving a real day counts. Each formula's
    date is read before the next formula, never from it."""
    out: list[str] = []
    problems: list[str] = []
    for word, rx in (("Ditetapkan", _DITETAPKAN), ("Diundangkan", _DIUNDANGKAN)):
        value = impossible = ""
        for m in rx.finditer(text):
            window = text[m.end():m.end() + 160]
            following = _CLOSING.search(window)
            value, bad = _first_date(window[:following.start()] if following else window)
            impossible = impossible or bad
            if value:
                break
        if impossible and not value:
            problems.append(f"the {word} date '{impossible}' is not a real date; left out")
        out.append(value)
    return out[0], out[1], problems


def regulation_dates(text: str) -> tuple[str, str]:
    """(ditetapkan, diundangkan) as ISO dates from the closing formulas, "" when not stated."""
    ditetapkan, diundangkan, _ = _closing_dates(text)
    return ditetapkan, diundangkan


def _berlaku(text: str, ditetapkan: str, diundangkan: str) -> tuple[str, str]:
    """When the text says it takes effect, and the problem when that is a date naming no real day."""
    m = _BERLAKU.search(text)
    if not m:
        return "", ""
    word = m.group(1).lower()
    if word == "diundangkan":
        return diundangkan, ""
    if word == "ditetapkan":
        return ditetapkan, ""
    value, bad = _first_date(m.group(1))
    return value, (f"the date it takes effect, '{bad}', is not a real date; left out" if bad else "")
