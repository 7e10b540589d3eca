"""Deadlines in Indonesian statutory text, resolved to calendar dates where the regulation allows.

Indonesian drafting states a deadline in one of two ways:

* relative: a bound, a period and the event it is counted from: "paling lama 2 (dua) tahun sejak
  Undang-Undang ini diundangkan", "dalam jangka waktu paling lama 14 (empat belas) hari kerja
  terhitung sejak diterimanya permohonan", "paling lambat 3 x 24 (tiga kali dua puluh empat) jam";
* absolute: a bound and a year or date: "paling lambat tahun 2023", "sampai dengan tanggal
  31 Desember 2024".

When the event is one of the regulation's own dates (its enactment "ditetapkan", its promulgation
"diundangkan", its entry into force "mulai berlaku") and the caller knows that date, the deadline
is resolved to an ISO date. Any other event ("diterimanya permohonan", "Arsitektur SPBE
ditetapkan") is kept as written, unresolved.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from assistant.documents.news import iso_date, month_number


@dataclass(frozen=True)
class Deadline:
    """One deadline stated in a unit of regulation text."""

    text: str  # the phrase as written (runs of whitespace collapsed to one space)
    start: int  # its span in the unit text
    end: int
    kind: str  # "absolute" (a year or date is stated) | "relative" (a period counted from an event)
    amount: int | None  # the period's length (72 for "3 x 24 jam"); None for absolute deadlines
    unit: str  # "tahun" | "bulan" | "minggu" | "hari" | "hari kerja" | "jam" | "" (absolute)
    # "diundangkan" | "ditetapkan" | "berlaku" (the regulation's own dates) | "" (absolute, or no event
    # stated) | the event as written, shortened ("diterimanya permohonan", "1 Januari 2025")
    anchor: str
    date: str  # ISO date when resolved ("2024-10-17"), else ""
    # "paling lama" | "paling lambat" | "dalam jangka waktu" | "dalam waktu" | "sampai dengan" | "sampai" |
    # "hingga"; "dalam jangka waktu paling lama" gives "paling lama", "selambat-lambatnya" "paling lambat"
    bound: str
    before: bool = False  # counted back from the anchor ("paling lambat 7 (tujuh) hari sebelum ...")


# The regulation's own dates, as named by the keyword arguments of ``find_deadlines``.
OWN_ANCHORS = ("diundangkan", "ditetapkan", "berlaku")

_I = re.IGNORECASE

# --- numbers written as words --------------------------------------------------------------------
_DIGIT_WORDS = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9,
}
_SE_WORDS = {"sepuluh": 10, "sebelas": 11, "seratus": 100}
_SCALE_WORDS = {"belas": 10, "puluh": 10, "ratus": 100}
_NUMBER_WORD = "|".join([*_DIGIT_WORDS, *_SE_WORDS, *_SCALE_WORDS, "seribu", "ribu", "kali"])
_NUMBER_WORDS = rf"(?:{_NUMBER_WORD})(?:\s+(?:{_NUMBER_WORD}))*"


def number_from_words(words: str) -> int | None:
    """The value of an Indonesian number written in words ("dua puluh empat" -> 24,
    "tiga kali dua puluh empat" -> 72), or None when a word is not part of a number."""
    product = 1
    for factor in re.split(r"\s+kali\s+", words.strip().lower()):
        value = _whole_number(factor.split())
        if value is None:
            return None
        product *= value
    return product


def _whole_number(tokens: list[str]) -> int | None:
    thousands = group = 0
    pending: int | None = None  # a digit word waiting for its scale ("dua" before "puluh")
    for token in tokens:
        if token in _DIGIT_WORDS:
            if pending is not None:
                return None
            pending = _DIGIT_WORDS[token]
        elif token in _SE_WORDS:
            group += _SE_WORDS[token]
        elif token in _SCALE_WORDS:
            if pending is None:
                return None
            group += pending + 10 if token == "belas" else pending * _SCALE_WORDS[token]
            pending = None
        elif token in ("ribu", "seribu"):
            thousands += 1000 * ((group + (pending or 0)) or 1) if token == "ribu" else 1000
            group, pending = 0, None
        else:
            return None
    if not tokens:
        return None
    return thousands + group + (pending or 0)


# --- relative deadlines ----------------------------------------------------------------------------
_AT_MOST = r"paling\s+(?:lama|lambat)|selambat-lambatnya|selama-lamanya"
_WITHIN = r"dalam\s+(?:jangka\s+)?waktu|jangka\s+waktu"
# "paling lama", "dalam jangka waktu paling lama", "paling lambat dalam waktu", "diberikan jangka waktu"
_RELATIVE_BOUND = rf"(?:(?:{_AT_MOST})\s+)?(?:{_WITHIN})(?:\s+(?:{_AT_MOST}))?|{_AT_MOST}"
_QUANTITY = (
    r"(?:(?P<times>\d+)\s*[x×]\s*)?(?P<digits>\d+)(?:\s*\([^()]{1,80}\))?"
    rf"|(?P<words>{_NUMBER_WORDS})"
)
_UNIT = r"hari\s+kerja|hari(?:\s+kalender)?|minggu|bulan|tahun|jam"
_CONNECTOR = (
    r"terhitung\s+(?:sejak|mulai|dari|setelah|sesudah)|terhitung|sejak|setelah|sesudah|sebelum"
)
_RELATIVE = re.compile(
    rf"\b(?P<bound>{_RELATIVE_BOUND})\s+(?:(?:{_QUANTITY})\s+|(?P<se>se))(?P<unit>{_UNIT})\b"
    # a few words may stand between the period and the event ("14 hari kerja yang dihitung sejak")
    rf"(?:(?:[\s,]+(?!(?:{_CONNECTOR}|dan|atau|serta)\b)[^\s.;:()]+){{0,4}}?"
    rf"[\s,]+(?P<connector>{_CONNECTOR})\s+(?=(?P<event>[^.;:]+)))?",
    _I,
)

# The regulation itself: "Undang-Undang ini", "Peraturan Menteri ini", "Perpres ini".
_THIS_REGULATION = (
    r"(?:undang-\s*undang|peraturan(?:\s+[\w-]+){0,8}?|keputusan(?:\s+[\w-]+){0,8}?|"
    r"perppu|perpu|perpres|pp|permen\w*|perda|perkada|qanun)\s+ini"
)
_OWN_EVENT = {
    "diundangkan": "diundangkan", "diundangkannya": "diundangkan", "pengundangan": "diundangkan",
    "ditetapkan": "ditetapkan", "ditetapkannya": "ditetapkan", "penetapan": "ditetapkan",
    "berlaku": "berlaku", "berlakunya": "berlaku",
}
_OWN_ANCHOR = re.compile(
    # "(tanggal) Undang-Undang ini (mulai) berlaku", "(saat mulai) berlakunya Peraturan Presiden ini"
    rf"(?:(?:tanggal|saat)\s+)?(?:{_THIS_REGULATION})\s+(?:mulai\s+)?"
    r"(?P<verb>diundangkan|ditetapkan|berlaku)\b"
    r"|(?:(?:tanggal|saat)\s+)?(?:mulai\s+)?"
    rf"(?P<noun>diundangkannya|ditetapkannya|berlakunya|pengundangan|penetapan)\s+(?:{_THIS_REGULATION})\b",
    _I,
)
# Another event, as written and shortened: it ends before punctuation or a word that starts a new
# phrase ("diterimanya permohonan yang lengkap" -> "diterimanya permohonan"), and at "dan"/"atau"
# once it has its verb ("diterimanya berkas dan keputusan diterbitkan" -> "diterimanya berkas"; but
# "Arsitektur SPBE Instansi Pusat dan Arsitektur SPBE Pemerintah Daerah ditetapkan" stays whole).
_EVENT_STOP = re.compile(
    r"[,()]|\s(?:yang|secara|untuk|oleh|kepada|dengan|sebagaimana|wajib|harus|maka|apabila|jika|"
    r"paling|selambat-lambatnya|dalam\s+(?:jangka\s+)?waktu)\b",
    _I,
)
_CONJUNCTIONS = frozenset({"dan", "atau", "serta", "dan/atau"})
# A verb in an event: "diterimanya", "menerima", "berakhir", "selesai"; capitalised words are the
# defined terms of the regulation ("Menteri", "Pemerintah Daerah"), never its verbs.
_EVENT_VERB = re.compile(r"(?:di|me|ber|ter)[a-z]{3,}|[a-z]+nya|selesai|telah")
_MAX_EVENT_WORDS = 12
# An event that is a date written out: "sejak tanggal 1 Januari 2025".
_STATED_DATE = re.compile(
    r"(?:tanggal\s+)?(?P<date>(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+\.?)\s+(?P<year>\d{4}))\b", _I
)

# --- absolute deadlines ----------------------------------------------------------------------------
_ABSOLUTE = re.compile(
    r"\b(?P<bound>paling\s+lambat|selambat-lambatnya|paling\s+lama|sampai\s+dengan|sampai|hingga)\s+"
    r"(?:(?:dimulai|mulai)\s+)?(?:pada\s+)?(?:akhir\s+)?(?:"
    r"(?:tanggal\s+)?(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+\.?)\s+(?P<year>\d{4})"
    r"|tahun(?:\s+anggaran)?\s+(?P<year_only>\d{4})"
    r"|(?P<part>triwulan|semester)\s+(?P<part_number>[IV]+|[1-4]|ke\w+|pertama)\s+"
    r"(?:tahun\s+)?(?P<part_year>\d{4})"
    r"|(?:bulan\s+)?(?P<month_only>[A-Za-z]+)\s+(?P<month_year>\d{4})"
    r")\b",
    _I,
)
_PART_NUMBERS = {
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4,
    "pertama": 1, "kesatu": 1, "kedua": 2, "ketiga": 3, "keempat": 4,
}

_BOUND_NAMES = (
    ("lambat", "paling lambat"),
    ("lama", "paling lama"),
    ("dalam jangka", "dalam jangka waktu"),
    ("jangka", "jangka waktu"),
    ("waktu", "dalam waktu"),
    ("sampai dengan", "sampai dengan"),
    ("sampai", "sampai"),
    ("hingga", "hingga"),
)


def _bound_name(written: str) -> str:
    """"dalam jangka waktu paling lama" -> "paling lama"; "selambat-lambatnya" -> "paling lambat"."""
    written = " ".join(written.lower().split())
    return next((name for key, name in _BOUND_NAMES if key in written), written)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def find_deadlines(
    text: str, *, ditetapkan: str = "", diundangkan: str = "", berlaku: str = ""
) -> list[Deadline]:
    """Deadlines stated in ``text`` (one ayat or sentence of a regulation), resolved to dates where
    the regulation's own dates allow.

    ``ditetapkan``, ``diundangkan`` and ``berlaku`` are the regulation's own dates as ISO strings
    ("2022-10-17"); leave one empty when it is not known. A regulation that "mulai berlaku pada
    tanggal diundangkan" should be given its promulgation date as ``berlaku`` by the caller: this
    function does not assume it.

    Relative deadlines need a bound and a period followed, within a few words, by the event it is
    counted from ("sejak", "terhitung sejak", "setelah", "sebelum"; "sebelum" counts back and sets
    ``before``). The period is "N (kata)", words only ("dua tahun"), "setahun", or "3 x 24 (...)
    jam" (72 jam). Only "paling lambat" also stands without an event ("paling lambat 3 x 24 jam"):
    its anchor is then "". "paling lama 5 (lima) tahun" without an event is a length (a prison
    term, a term of office), not a deadline, and is not returned. The event resolves when it is one
    of the regulation's own dates that was given, or a date written out ("sejak tanggal 1 Maret
    2024"). Dates are computed with ``relativedelta`` (17 Oktober 2022 + 1 tahun = 17 Oktober 2023;
    31 Januari + 1 bulan = 28/29 Februari). "hari kerja" counts Monday to Friday only: there is no
    calendar of public holidays, so a period that spans one ends too early. "jam" is added to
    midnight of the anchor's date and only the date is kept.

    Absolute deadlines need a bound ("paling lambat", "selambat-lambatnya", "sampai dengan",
    "hingga", ...) before a date ("31 Desember 2024"), a month ("bulan Juni 2024", "Desember 2024"
    -> its last day), a quarter or half-year ("triwulan III tahun 2024" -> 2024-09-30) or a year
    ("tahun 2023", "tahun anggaran 2023" -> 2023-12-31).

    Deadlines are returned in the order they appear; where two readings overlap, the first wins.

    Raises ``ValueError`` when one of the dates given is not an ISO date.
    """
    own_dates = {
        name: dt.date.fromisoformat(value) if value else None
        for name, value in zip(OWN_ANCHORS, (diundangkan, ditetapkan, berlaku))
    }
    found = [d for m in _ABSOLUTE.finditer(text) if (d := _absolute(m))]
    found += [d for m in _RELATIVE.finditer(text) if (d := _relative(m, own_dates))]
    kept: list[Deadline] = []
    for deadline in sorted(found, key=lambda d: (d.start, -d.end)):
        if not kept or deadline.start >= kept[-1].end:
            kept.append(deadline)
    return kept


def _written_date(day: str, month: str, year: str) -> str:
    """"2024-12-31" for ("31", "Desember", "2024"); "" for an unknown month or a day that does not exist."""
    number = month_number(month)
    return iso_date(int(year), number, int(day)) if number else ""


def _month_end(year: int, month: int) -> str:
    """The last day of a month as an ISO date; "" for month 0 (not a month)."""
    return iso_date(year, month, calendar.monthrange(year, month)[1]) if month else ""


def _absolute(m: re.Match[str]) -> Deadline | None:
    if m.group("year_only"):
        date = iso_date(int(m.group("year_only")), 12, 31)
    elif m.group("part"):  # the last day of the quarter or half-year
        number = _PART_NUMBERS.get(m.group("part_number").lower(), 0)
        months = 3 if m.group("part").lower() == "triwulan" else 6
        date = _month_end(int(m.group("part_year")), number * months) if 0 < number <= 12 // months else ""
    elif m.group("month_only"):
        date = _month_end(int(m.group("month_year")), month_number(m.group("month_only")))
    else:
        date = _written_date(m.group("day"), m.group("month"), m.group("year"))
    if not date:  # "sampai 12 orang 2024", or no such day
        return None
    return Deadline(
        text=_collapse(m.group(0)), start=m.start(), end=m.end(), kind="absolute", amount=None,
        unit="", anchor="", date=date, bound=_bound_name(m.group("bound")),
    )


def _relative(m: re.Match[str], own_dates: dict[str, dt.date | None]) -> Deadline | None:
    amount = _amount(m)
    if amount is None:
        return None
    bound = _bound_name(m.group("bound"))
    unit = _collapse(m.group("unit").lower())
    if unit == "hari kalender":
        unit = "hari"
    anchor, end, before, anchor_date = "", m.end("unit"), False, None
    if m.group("connector"):
        anchor, length, anchor_date = _anchor(m.group("event"), own_dates)
        end = m.start("event") + length
        before = m.group("connector").lower() == "sebelum"
    elif bound != "paling lambat":
        return None  # a length ("pidana penjara paling lama 5 tahun"), not a deadline
    date = _shift(anchor_date, amount, unit, before) if anchor_date else ""
    return Deadline(
        text=_collapse(m.string[m.start():end]), start=m.start(), end=end, kind="relative",
        amount=amount, unit=unit, anchor=anchor, date=date, bound=bound, before=before,
    )


def _amount(m: re.Match[str]) -> int | None:
    if m.group("se"):
        return 1
    if m.group("digits"):
        return int(m.group("digits")) * int(m.group("times") or 1)
    return number_from_words(m.group("words"))


def _anchor(event: str, own_dates: dict[str, dt.date | None]) -> tuple[str, int, dt.date | None]:
    """The anchor of an event phrase, how many characters of it the deadline spans, and its date
    when known: one of the regulation's own dates (the anchor is then its name in ``OWN_ANCHORS``)
    or a date written out ("sejak tanggal 1 Januari 2025")."""
    own = _OWN_ANCHOR.match(event)
    if own:
        name = _OWN_EVENT[(own.group("verb") or own.group("noun")).lower()]
        return name, own.end(), own_dates[name]
    stated = _STATED_DATE.match(event)
    if stated:
        date = _written_date(stated.group("day"), stated.group("month"), stated.group("year"))
        if date:
            return _collapse(stated.group("date")), stated.end(), dt.date.fromisoformat(date)
    stop = _EVENT_STOP.search(event)
    phrase = event[: stop.start()] if stop else event
    words: list[re.Match[str]] = []
    for word in re.finditer(r"\S+", phrase):
        token = word.group()
        if token.lower() in _CONJUNCTIONS and any(_EVENT_VERB.fullmatch(w.group()) for w in words):
            break
        words.append(word)
        if len(words) == _MAX_EVENT_WORDS:
            break
    while words and words[-1].group().lower() in _CONJUNCTIONS:
        words.pop()
    if not words:
        return "", 0, None
    length = words[-1].end()
    written = re.sub(r"^(?:tanggal|saat)\s+", "", _collapse(event[:length]), flags=_I)
    return written, length, None


def _shift(start: dt.date, amount: int, unit: str, before: bool) -> str:
    sign = -1 if before else 1
    if unit == "hari kerja":
        day, left = start, amount
        while left:
            day += dt.timedelta(days=sign)
            if day.weekday() < 5:
                left -= 1
        return day.isoformat()
    if unit == "jam":
        moment = dt.datetime.combine(start, dt.time()) + sign * dt.timedelta(hours=amount)
        return moment.date().isoformat()
    step = {
        "tahun": relativedelta(years=amount), "bulan": relativedelta(months=amount),
        "minggu": relativedelta(weeks=amount), "hari": relativedelta(days=amount),
    }[unit]
    return (start + step if not before else start - step).isoformat()
