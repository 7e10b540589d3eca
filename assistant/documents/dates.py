"""Dates written by people in front matter: "2024-03-05", "5 Maret 2024", "March 5, 2024", a YAML date.

``read_date`` gives the ISO date, or why the value is not one calendar day: not a date at all
("kemarin"), not a full date ("Maret 2024"), or a day that does not exist ("31 Februari 2024",
"2023-13-45", a year past 9999). ISO forms are read by ``datetime.fromisoformat``; other forms by
``dateutil``, taught the Indonesian month and day names, reading "05/03/2024" day first.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dateutil import parser as dateutil_parser

from assistant.documents.news import MONTHS

#: Short forms in use besides those of ``MONTHS`` and dateutil's English names.
_MONTH_ABBREVIATIONS: dict[int, tuple[str, ...]] = {
    2: ("Peb",), 8: ("Agu", "Agt", "Ags"), 10: ("Okt",), 11: ("Nop",), 12: ("Des",),
}
_INDONESIAN_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


class _IndonesianAndEnglish(dateutil_parser.parserinfo):
    MONTHS = [
        tuple(english) + tuple(n for n, number in MONTHS.items() if number == i) + _MONTH_ABBREVIATIONS.get(i, ())
        for i, english in enumerate(dateutil_parser.parserinfo.MONTHS, start=1)
    ]
    WEEKDAYS = [tuple(english) + (indonesian,) + (("Ahad",) if indonesian == "Minggu" else ())
                for english, indonesian in zip(dateutil_parser.parserinfo.WEEKDAYS, _INDONESIAN_DAYS)]


_NAMES = _IndonesianAndEnglish()
#: Two defaults that differ in day, month and year: a value read the same with both names all three.
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))
_EXAMPLES = "write it as 2024-03-05 or 5 Maret 2024"


def _shown(value: Any) -> str:
    text = " ".join(str(value).split())
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def read_date(value: Any) -> tuple[str, str]:
    """``(iso, "")`` when ``value`` names one calendar day; ``("", reason)`` when it does not, the
    reason naming the value; ``("", "")`` when there is no value."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "", ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), ""
    if isinstance(value, dt.date):
        return value.isoformat(), ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return "", f"{_shown(value)} is not a date ({_EXAMPLES})"
    text = str(value).strip()
    for iso_parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            day = iso_parse(text)
        except ValueError as exc:
            if not str(exc).startswith("Invalid isoformat string"):  # ISO in form, but no such day
                return "", f"{_shown(text)} is not a real date ({exc})"
            continue
        return (day.date() if isinstance(day, dt.datetime) else day).isoformat(), ""
    # "2024/03/05" is year first; "05/03/2024" is day first, as Indonesian dates are written.
    dayfirst = not re.match(r"\d{4}\b", text)
    days: set[dt.date] = set()
    for default in _DEFAULTS:
        try:
            read = dateutil_parser.parse(text, parserinfo=_NAMES, default=default, dayfirst=dayfirst, ignoretz=True)
        except dateutil_parser.ParserError as exc:
            if isinstance(exc.__cause__, ValueError):  # a day, month and year, but no such day
                return "", f"{_shown(text)} is not a real date ({str(exc.__cause__)})"
            return "", f"{_shown(text)} is not a date ({_EXAMPLES})"
        except (ValueError, OverflowError):
            return "", f"{_shown(text)} is not a date ({_EXAMPLES})"
        days.add(read.date())
    if len(days) != 1:
        return "", f"{_shown(text)} is not a full date with day, month and year ({_EXAMPLES})"
    return days.pop().isoformat(), ""
