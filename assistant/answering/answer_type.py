"""What kind of answer a question expects, and whether the passages hold one.

"Berapa besaran tunjangan kinerja PNS?" can only be answered by an amount of money; "berapa lama
cuti melahirkan?" only by a duration; "berapa indeks SPBE provinsi X?" only by an index value.
"Kabupaten mana ...?" only by a regency's name. When the retrieved passages speak of the topic
but hold no such expression next to the question's own terms (and next to the place the
question names, if it names one), they do not answer it, however similar they are: the assistant
must say that the sources do not give it rather than quote something nearby.

The check is deliberately narrow: only questions whose answer must be a value (an amount, a
duration, a deadline, an index value, a place's name) are classified. Every other question (what,
who, how, why, yes/no) gets no expected type and passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from assistant.answering.asks import AskKind, anchor_terms, ask_kind, money_or_share_asked
from assistant.index.lexical import tokenize


class AnswerType(str, Enum):
    MONEY = "money"  # an amount of rupiah or a percentage (fees, budgets, salaries, fines, tax rates)
    INDEX_VALUE = "index_value"  # a score such as 3,42
    DURATION = "duration"  # a number of hours, days, months or years
    PLACE = "place"  # which regency, city or province: its name
    DEADLINE = "deadline"  # by when: a year, a date, or a period counted from an event


_I = re.IGNORECASE
# Kinds the reader's asks do not name: an index value, a place by its name, an English "what is the fee".
_QUESTION_PATTERNS: list[tuple[AnswerType, re.Pattern[str]]] = [
    (AnswerType.INDEX_VALUE, re.compile(r"\bberapa\b.*\bindeks\b|\bindeks\b.*\bberapa\b", _I)),
    (AnswerType.INDEX_VALUE, re.compile(r"\bwhat\s+(?:is|was)\b.*\bindex\s+(?:score|value)\b|\bindex\s+(?:score|value)\s+of\b", _I)),
    (AnswerType.MONEY, re.compile(r"\bwhat\s+(?:is|was|are)\s+the\b.*\b(?:budget|fee|salary|allowance|tax\s+rate|price|cost)s?\b", _I)),
    (AnswerType.PLACE, re.compile(r"\b(?:kabupaten|kota|provinsi)\s+mana\b|\bwhich\s+(?:regency|regencies|city|cities|province|provinces)\b", _I)),
]
# The level a PLACE question asks for, and the way a place of that level is named in the sources.
_PLACE_LEVELS = {
    "kabupaten": "Kabupaten", "regency": "Kabupaten", "regencies": "Kabupaten",
    "kota": "Kota", "city": "Kota", "cities": "Kota",
    "provinsi": "Provinsi", "province": "Provinsi", "provinces": "Provinsi",
}
_PLACE_LEVEL = re.compile(r"\b(kabupaten|kota|provinsi)\s+mana\b|\bwhich\s+(regency|regencies|city|cities|province|provinces)\b", _I)
# A place the question itself names ("Provinsi Jawa Barat", "Kota Balikpapan"): a value found in
# the sources is about that place only when the same sentence names it.
_NAMED_PLACE = re.compile(r"\b(?:Provinsi|Kabupaten|Kota)\s+((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*)*)")

_NUMBER_WORDS = (
    r"satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|\w+\s+belas|\w+\s+puluh|seratus|"
    r"setengah|se(?:hari|bulan|tahun|minggu)"
)
# "14 (empat belas) hari", "3 x 24 jam", "setahun"
_PERIOD = rf"(?:\b\d+|\b(?:{_NUMBER_WORDS}))\s*(?:\)\s*)?(?:x\s*24\s*)?(?:jam|hari|minggu|bulan|tahun)\b"
_MONTHS = r"Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
EVIDENCE_PATTERNS: dict[AnswerType, re.Pattern[str]] = {
    AnswerType.MONEY: re.compile(
        r"\bRp\.?\s?\d|\brupiah\b|\b\d[\d.,]*\s*(?:ribu|juta|miliar|milyar|triliun)\b|\d\s?%|\bpersen\b"
        # "nothing": a service that is free, or whose cost the state bears, answers "how much"
        r"|\btidak\s+(?:dipungut|dikenai|dikenakan)\s+biaya|\btanpa\s+biaya|\bgratis\b|\bcuma-cuma\b"
        r"|\bdibebankan\s+kepada\s+(?:negara|anggaran)",
        _I,
    ),
    AnswerType.INDEX_VALUE: re.compile(r"\b\d+[.,]\d+\b"),
    AnswerType.DEADLINE: re.compile(rf"\b(?:19|20)\d{{2}}\b|\b(?:{_MONTHS})\b|{_PERIOD}", _I),
    AnswerType.DURATION: re.compile(_PERIOD, _I),
}

_INTERROGATIVE = re.compile(
    r"\b(?:apa|apakah|siapa|bagaimana|gimana|kapan|berapa|mengapa|kenapa|mana|"
    r"what|who|which|how|when|why|where)\b",
    _I,
)
_UNIT_SPLIT = re.compile(r"(?<=[.;:!?])\s+|\n+")


def expected_answer_type(question: str) -> AnswerType | None:
    """The kind of value the question asks for: an index value or a place by its own wording,
    otherwise from what the question asks (``asks.ask_kind``, the reader's own reading): a
    deadline, a duration, or an amount of money or a percentage."""
    for answer_type, pattern in _QUESTION_PATTERNS:
        if pattern.search(question):
            return answer_type
    kind = ask_kind(question)
    if kind is AskKind.AMOUNT:
        return AnswerType.MONEY if money_or_share_asked(question) else None
    return {AskKind.DEADLINE: AnswerType.DEADLINE, AskKind.DURATION: AnswerType.DURATION}.get(kind)


def named_places(question: str) -> list[set[str]]:
    """The terms of each place the question names with its level ("Provinsi Jawa Barat")."""
    return [set(tokenize(m.group(1))) for m in _NAMED_PLACE.finditer(question)]


def evidence_pattern(answer_type: AnswerType, question: str) -> re.Pattern[str]:
    if answer_type is AnswerType.PLACE:
        m = _PLACE_LEVEL.search(question)
        level = _PLACE_LEVELS[(m.group(1) or m.group(2)).lower()] if m else "(?:Kabupaten|Kota|Provinsi)"
        return re.compile(rf"\b{level}\s+[A-Z]\w+")
    return EVIDENCE_PATTERNS[answer_type]


@dataclass(frozen=True)
class ValueQuestion:
    """What a question that asks for a value needs to see in one sentence of the sources."""

    expected: AnswerType
    pattern: re.Pattern[str]
    anchors: frozenset[str]  # at least one of the question's own terms
    places: tuple[frozenset[str], ...] = ()  # every term of one place the question names

    def states_value(self, sentence: str) -> bool:
        """True when ``sentence`` holds a value of the expected kind next to the question's
        terms (a bare number elsewhere answers nothing)."""
        if not self.pattern.search(sentence):
            return False
        tokens = set(tokenize(sentence))
        if self.anchors and not self.anchors & tokens:
            return False
        return not self.places or any(place <= tokens for place in self.places)

    def found_in(self, texts: Iterable[str]) -> bool:
        return any(self.states_value(sentence) for text in texts for sentence in sentences_with_lead_in(text))


#: an item of a list: "a. dilakukan ...;", "2) ..."
LIST_ITEM = re.compile(r"^(?:[a-z]|\d{1,2})[.)]\s")
#: "11.", "a.": the number of a list item or definition split from its text, not a clause of its own
ENUMERATOR = re.compile(r"^(?:\d{1,3}[a-z]?|[a-z])[.)]$")


def sentences_with_lead_in(text: str) -> list[str]:
    """The sentences of ``text``, an item of a list read with its lead-in ("Refarming ... dilaksanakan
    dengan ketentuan sebagai berikut: a. dilakukan dalam jangka waktu paling lama 1 (satu) tahun;"):
    the item speaks of what the lead-in names."""
    out: list[str] = []
    lead_in = marker = ""
    for piece in _UNIT_SPLIT.split(text):
        if ENUMERATOR.match(piece.strip()):  # "a." split from its item
            marker = piece.strip()
            continue
        piece, marker = (f"{marker} {piece}" if marker else piece), ""
        out.append(f"{lead_in} {piece}" if lead_in and LIST_ITEM.match(piece.strip()) else piece)
        if piece.rstrip().endswith(":"):
            lead_in = piece
    return out


def value_question(question: str, asked: str | None = None) -> ValueQuestion | None:
    """What ``question`` needs to be answered, when it asks for a value; otherwise None.

    ``question`` is the standalone question; ``asked`` what the user typed, when it differs (a
    follow-up). A follow-up with its own question word ("Kalau indeks SPBE-nya bagaimana?")
    asks what it says, whatever the earlier question asked; an elliptical one ("Kalau
    Samarinda?") asks what its standalone form asks, about the place it names."""
    own = asked if asked and _INTERROGATIVE.search(asked) else question
    expected = expected_answer_type(own)
    if expected is None:
        return None
    places = [] if expected is AnswerType.PLACE else (named_places(asked or "") or named_places(question))
    return ValueQuestion(
        expected,
        evidence_pattern(expected, own),
        frozenset(anchor_terms(question)),
        tuple(frozenset(p) for p in places),
    )


def missing_answer_type(question: str, texts: Iterable[str], asked: str | None = None) -> AnswerType | None:
    """The answer type the question expects when none of ``texts`` holds one; otherwise None."""
    needed = value_question(question, asked)
    if needed is None or needed.found_in(texts):
        return None
    return needed.expected
