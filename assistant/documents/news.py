"""News reports and speech transcripts without front matter: their metadata and their body lines.

``read_news`` recognises a report by its dateline ("JAKARTA, DISWAY.ID--", "Samarinda (ANTARA) -")
or by a date together with a quoted person or web boilerplate. It reads the headline, outlet, date,
the people quoted with their offices, the event and place, and the reporter, and lists the lines
that are not body: the headline (also when repeated), related-article links ("BACA JUGA: ..."),
share/follow prompts, bylines and source lines. Anything else gives ``None``, so notes stay notes.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

#: Indonesian month names, with old spellings, and their numbers.
MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11,
    "desember": 12,
}


@dataclass(frozen=True)
class Person:
    """Someone named in a report, with the office as it is usually shortened ("Menteri PANRB")."""

    name: str
    office: str = ""
    phrase: str = ""  # the office as written, where longer than ``office``


@dataclass
class NewsReport:
    """What a report says about itself, and which of its lines (0-based) are not body text."""

    title: str = ""
    doc_type: str = "article"  # "speech" when a person is quoted or reported as stating something
    speaker: str = ""
    speaker_role: str = ""
    speakers: list[Person] = field(default_factory=list)  # everyone quoted, the main speaker first
    date: str = ""
    outlet: str = ""
    event: str = ""
    place: str = ""
    reporter: str = ""
    skip: frozenset[int] = frozenset()
    line_paragraphs: bool = False  # each body line is a paragraph (text copied from a web page)


# ----------------------------------------------------------------------------- dates

_WEEKDAY = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)"
_DATE = re.compile(
    rf"(?P<weekday>\b{_WEEKDAY}\b,?\s*\(?\s*)?"
    r"(?:\b(?P<d>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<y>\d{4})\b"
    r"|\b(?P<nd>\d{1,2})[/.-](?P<nm>\d{1,2})[/.-](?P<ny>\d{4}|\d{2})\b"
    r"|\b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b)",
    re.IGNORECASE,
)


def month_number(word: str) -> int:
    """1-12 for an Indonesian month name or its abbreviation ("Maret", "Mar", "Nop."), else 0."""
    key = word.strip(".").lower()
    if key in MONTHS:
        return MONTHS[key]
    found = {n for name, n in MONTHS.items() if len(key) >= 3 and name.startswith(key)}
    return found.pop() if len(found) == 1 else 0


def iso_date(year: int, month: int, day: int) -> str:
    """"2024-03-05", or "" when there is no such day."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def _date_of(m: re.Match[str]) -> str:
    if m.group("d"):
        month = month_number(m.group("month"))
        return iso_date(int(m.group("y")), month, int(m.group("d"))) if month else ""
    if m.group("nd"):
        year = m.group("ny")
        if len(year) == 2 and not m.group("weekday"):
            return ""
        return iso_date(int(year) + (2000 if len(year) == 2 else 0), int(m.group("nm")), int(m.group("nd")))
    return iso_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))


def find_date(text: str) -> str:
    """ISO date of a report: the first date after a weekday ("Selasa 5 Maret 2024",
    "Senin (27/2/2023)"), else the first full date ("5 Maret 2024", "5/3/2024"); "" if none."""
    first = ""
    for m in _DATE.finditer(text):
        iso = _date_of(m)
        if iso and m.group("weekday"):
            return iso
        first = first or iso
    return first


# ----------------------------------------------------------------------------- lines that are not body

_RELATED = (r"(?:baca|lihat|simak|tonton|saksikan)\s+(?:juga|pula|selengkapnya)\b"
            r"|(?:artikel|berita)\s+(?:terkait|lainnya)\b")
_PROMPT = (
    r"(?:ikuti|follow|subscribe|berlangganan|gabung|bergabung)\b.{0,80}\b(?:kami|kanal|channel|saluran|akun"
    r"|google|whatsapp|telegram|instagram|twitter|facebook|tiktok|youtube|newsletter)\b"
    r"|(?:bagikan|share)\b.{0,40}$|klik\b.{0,60}\b(?:di\s?sini|tautan|link)\b"
    r"|(?:cek|simak|dapatkan|baca)\b.{0,100}\b(?:di|melalui|lewat)\b"
    r"|.{0,100}\bgoogle\s+news\b"
)
_FURNITURE = (
    r"(?:editor|penyunting|redaktur|fotografer|foto|grafis|tag|tags|topik|kata\s+kunci)\s*:"
    r"|(?:advertisement|iklan|scroll\s+to\s+(?:continue|resume)\b.*|halaman\s+(?:selanjutnya|berikutnya)"
    r"|selanjutnya|(?:halaman\s+)?\d+(?:\s+\d+)+)\W*$|(?:copyright|hak\s+cipta)\b|©"
)
_SKIP_LINE = re.compile(rf"^(?:{_RELATED}|{_PROMPT}|{_FURNITURE})", re.IGNORECASE)
_REPORTER_LINE = re.compile(r"^(?:penulis|reporter|pewarta|wartawan|oleh)\s*:\s*(?P<name>.+)$", re.IGNORECASE)
_SOURCE_LINE = re.compile(
    r"^(?:sumber\s*:\s*(?P<source>.*)|artikel\s+ini\s+(?:telah\s+)?(?:tayang|terbit|dimuat)\s+di\s+(?P<first>\S+).*)$",
    re.IGNORECASE,
)
_BRACKET_LINE = re.compile(r"^\((?P<inner>[^()]{2,60})\)$")
_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z]{2,4}){1,2}")
_NAME_WORDS = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,4}")


def outlet_name(raw: str) -> str:
    """An outlet as usually written: "DISWAY.ID" -> "Disway.id", "ANTARA" -> "Antara"."""
    raw = raw.strip(" .,;:-–—()")
    if _DOMAIN.fullmatch(raw):
        name, _, rest = raw.partition(".")
        return f"{name.capitalize() if name.isupper() and len(name) > 4 else name}.{rest.lower()}"
    return raw.capitalize() if raw.isupper() and " " not in raw and len(raw) > 4 else raw


def outlet_from_source(source: str) -> str:
    """The outlet of a front-matter source such as "Disway.id, 5 Maret 2024"; "" when it names none."""
    first = source.split(",")[0].strip()
    return outlet_name(first) if _DOMAIN.fullmatch(first) else ""


def _line_kind(line: str, at_end: bool) -> tuple[str, str]:
    """("skip" | "reporter" | "outlet", value) for a line that is not body text, else ("", "").
    A line in brackets ("(Nama Penulis)") is a byline only ``at_end`` of the report."""
    if not line or len(line.split()) > 30:
        return "", ""
    m = _SOURCE_LINE.match(line)
    if m:
        value = m.group("source") if m.group("source") is not None else m.group("first")
        return ("outlet", outlet_name(value)) if value.strip() and len(value.split()) <= 6 else ("skip", "")
    m = _REPORTER_LINE.match(line)
    if m:
        return "reporter", m.group("name").strip()
    m = _BRACKET_LINE.match(line) if at_end else None
    if m:
        inner = m.group("inner").strip()
        if _DOMAIN.fullmatch(inner):
            return "outlet", outlet_name(inner)
        return ("reporter", inner) if _NAME_WORDS.fullmatch(inner) else ("skip", "")
    return ("skip", "") if _SKIP_LINE.match(line) else ("", "")


# ----------------------------------------------------------------------------- dateline

_PLACE = r"[A-Z][A-Za-z'.]+(?:\s+[A-Z][A-Za-z'.]+){0,2}"
_DATELINE = re.compile(
    rf"^(?:(?P<outlet_first>{_DOMAIN.pattern}),\s*(?P<place_after>{_PLACE})"
    rf"|(?P<place>{_PLACE})(?:\s*\((?P<agency>[^()]{{2,30}})\))?(?:\s*,\s*(?P<rest>[^\n]{{2,40}}?))?)"
    r"(?:\s*(?:--|[–—])\s*|\s+-\s+)"
)


def _dateline(lead: str) -> tuple[bool, str, str] | None:
    """(strong, outlet, date) of a dateline opening ``lead``; weak ones need a date elsewhere."""
    m = _DATELINE.match(lead)
    if not m:
        return None
    if m.group("outlet_first"):
        return True, outlet_name(m.group("outlet_first")), ""
    outlet, date, rest = "", "", m.group("rest") or ""
    if m.group("agency"):
        outlet = outlet_name(m.group("agency"))
    if rest:
        date = find_date(rest)
        if not date and (_DOMAIN.search(rest) or re.search(r"\b[A-Z]{2,}\b", rest)):
            outlet = outlet or outlet_name(rest)
    return bool(m.group("place").isupper() or outlet or date), outlet, date


# ----------------------------------------------------------------------------- people and offices

_HEAD = re.compile(
    r"\b(?:(?P<former>mantan|eks|bekas)\s+)?(?P<head>(?:(?:Plt\.?|Pj\.?|Penjabat|Pelaksana\s+Tugas)\s+)?"
    r"(?:Wakil\s+)?(?:Presiden|Menteri(?:\s+Koordinator)?|Menko|Gubernur|Wali\s?[Kk]ota|Bupati|Kepala|"
    r"Ketua|Direktur(?:\s+(?:Jenderal|Utama))?|Dirjen|Deputi|Sekretaris(?:\s+(?:Jenderal|Daerah|Kabinet))?|"
    r"Sekjen|Sekda|Asisten|Staf\s+(?:Ahli|Khusus)|Juru\s+Bicara|Camat|Lurah|Rektor|Panglima|"
    r"Men(?:PAN\s?RB|pan\s?RB|[A-Z]{2,}\w*|keu|dagri|kes|lu|han|kominfo|sesneg)))\b"
)
#: Offices named without a complement before the name ("Presiden Joko Widodo", "MenPANRB Anas").
_BARE_HEAD = re.compile(r"(?:Wakil\s+)?Presiden|Men(?!teri|ko\b)\w+")
#: Words of offices and places, never of a personal name.
_NOT_NAME = frozenset(
    "Kota Kabupaten Provinsi Desa Kelurahan Kecamatan Negeri Negara Daerah Republik Indonesia Nasional "
    "Pusat Dinas Badan Lembaga Kantor Biro Bagian Kementerian Sekretariat Direktorat Jenderal Pemerintah "
    "Pemerintahan Komisi Dewan Otorita Timur Barat Utara Selatan Tengah Tenggara Daya Raya Tahun "
    "Senin Selasa Rabu Kamis Jumat Sabtu Minggu Ahad Pak Bu Bapak Ibu".split()
)
#: After these words the next word still belongs to the office ("Komunikasi dan Informatika").
_GOVERNS = frozenset({"dan", "serta", "Kota", "Kabupaten", "Provinsi", "Desa", "Kepulauan", "Daerah"})
_VERBS = (r"ujar|ungkap|kata|jelas|tegas|tutur|imbuh|tambah|papar|terang|sebut|ucap|tandas|pungkas|"
          r"lanjut|sambung|pinta")
_STATEMENT = (r"(?:mengatakan|menegaskan|menjelaskan|menambahkan|menyampaikan|mengungkapkan|menuturkan|"
              r"memaparkan|menyebut(?:kan)?|meminta|mengajak|mendorong|menekankan|mengimbau|berharap|"
              r"menilai|menerangkan|mengingatkan)")
_CAP = r"[A-Z][\w'’-]*"
_REF = re.compile(
    rf"(?:\b(?i:{_VERBS})(?i:nya)?|\b[Mm]enurut|\bPak|\bBu|\bBapak|\bIbu)\s+(?P<run>{_CAP}(?:[ \t]+{_CAP})*)"
    rf"|(?P<word>{_CAP})\s+(?:pun\s+|juga\s+|kembali\s+)?{_STATEMENT}\b"
)
_QUOTE = re.compile(r"[“\"]([^”\"\n]{12,}?)[”\"]")
_AFTER_QUOTE = re.compile(rf"\s*,?\s*(?i:(?:{_VERBS})(?P<nya>nya)?)\b(?P<subject>[^.,;\n“\"]*)")
_INDIRECT = re.compile(
    rf"\b[Mm]enurut\s+(?P<after>{_CAP}(?:\s+{_CAP}){{0,3}})"
    rf"|(?P<before>{_CAP})(?P<comma>,)?\s+(?:pun\s+|juga\s+)?{_STATEMENT}\b"
)
_PRONOUN = frozenset({"Dia", "Ia", "Beliau"})


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    stop: str  # punctuation after the word that ends its run ("," "."), or ""

    @property
    def acronym(self) -> bool:
        return bool(re.fullmatch(r"\([A-Z][A-Za-z]{1,12}\)", self.text))


def _run(text: str, pos: int, limit: int = 14) -> list[_Word]:
    """Capitalised words from ``pos`` (with "dan", "se-X", years, "(ACRONYM)") up to other words,
    punctuation or the end of the line."""
    end = text.find("\n", pos)
    words: list[_Word] = []
    for m in re.finditer(r"\S+", text[pos:end if end >= 0 else len(text)]):
        token = m.group()
        # punctuation after the word ends the run; a bracket closes "(PANRB)" or ends "Nusantara)"
        core = re.sub(r"[,.;:!?”\"’]+$" if token.startswith("(") else r"[,.;:!?”\"’)]+$", "", token)
        if re.fullmatch(r"[A-Z][a-z]?\.", token):  # an initial or title: "M.", "Dr."
            core = token
        ok = (core[:1].isupper() or re.fullmatch(r"\d{4}|(?:se|ke)-[A-Z0-9]\S*|dan|serta", core)
              or (core.startswith("(") and core.endswith(")")))
        if not ok or not core:
            break
        words.append(_Word(core, pos + m.start(), pos + m.start() + len(core), token[len(core):]))
        if words[-1].stop or len(words) >= limit:
            break
    while words and words[-1].text in ("dan", "serta"):
        words.pop()
    return words


def _name_like(words: list[str], refs: set[str]) -> bool:
    """Could ``words`` be a personal name (two to four words, or one that the report refers to)?"""
    if not 1 <= len(words) <= 4:
        return False
    for w in words:
        if w in _NOT_NAME or not w[:1].isupper() or re.fullmatch(r"[A-Z]{2,}|\(.*\)", w) or _HEAD.fullmatch(w):
            return False
    return len(words) >= 2 or words[0] in refs


def _split_office(words: list[str], min_k: int, refs: set[str]) -> int | None:
    """Where the office's complement ends and the name begins in ``words``: prefer a name of two or
    more words, then one the report refers to, then the longest."""
    start = max([min_k] + [i + 2 for i, w in enumerate(words) if w in _GOVERNS])
    best: tuple[tuple[bool, int], int] | None = None
    for k in range(start, len(words)):
        name = words[k:]
        if _name_like(name, refs):
            score = (len(name) >= 2, 2 if name[0] in refs else 1 if name[-1] in refs else 0)
            if best is None or score > best[0]:
                best = (score, k)
    return best[1] if best else None


def _person_at(text: str, m: re.Match[str], refs: set[str]) -> Person | None:
    """The person introduced by the office at ``m``: "Menteri ... (PANRB) Abdullah Azwar Anas",
    "Wali Kota Balikpapan Rahmad Mas'ud", "Kepala Dinas X, Nama Orang", "Nama Orang, Kepala X,"."""
    head = re.sub(r"\s+", " ", m.group("head"))
    run = _run(text, m.end())
    acr = next((i for i, w in enumerate(run) if w.acronym), None)
    office_words = [w.text for w in run[:acr]] if acr is not None else None
    name: list[str] = [w.text for w in run[acr + 1:]] if acr is not None else []
    phrase = text[m.start("head"):run[acr].end] if acr is not None else ""
    if acr is None:
        k = _split_office([w.text for w in run], 0 if _BARE_HEAD.fullmatch(head) else 1, refs)
        if k is not None and (k + 2 <= len(run) or not (run and run[-1].stop == ",")):
            office_words, name = [w.text for w in run[:k]], [w.text for w in run[k:]]
    if not name and run and run[-1].stop == ",":  # "Kepala Dinas X, Nama Orang mengatakan"
        after = [w.text for w in _run(text, run[-1].end + 1)]
        if _name_like(after, refs):
            office_words, name = office_words if office_words is not None else [w.text for w in run], after
    if not name:  # "Nama Orang, Kepala Dinas X, mengatakan"
        before = re.search(rf"({_CAP}(?:\s+{_CAP}){{1,3}}),\s*$", text[max(0, m.start() - 60):m.start()])
        if before and _name_like(before.group(1).split(), refs):
            office_words, name = [w.text for w in run], before.group(1).split()
    if not name:
        return None
    complement = [run[acr].text.strip("()")] if acr is not None else office_words or []
    office = " ".join([head, *complement])
    return Person(" ".join(name), "" if m.group("former") else office, "" if m.group("former") else phrase)


def _references(text: str) -> set[str]:
    """Words the report uses for someone speaking: "kata Sri Mulyani", "Anas menjelaskan"."""
    refs: set[str] = set()
    for m in _REF.finditer(text):
        if m.group("word"):
            refs.add(m.group("word"))
        else:
            words = [w for w in m.group("run").split() if not (_HEAD.fullmatch(w) or re.fullmatch(r"[A-Z]{2,}", w))]
            refs.update(words[:1] + words[-1:])
    return refs


def _people(text: str) -> list[Person]:
    """Everyone introduced with an office, in order; a person named twice is kept once."""
    refs = _references(text)
    people: list[Person] = []
    for m in _HEAD.finditer(text):
        person = _person_at(text, m, refs)
        if person is None:
            continue
        same = next((i for i, p in enumerate(people) if set(p.name.split()) & set(person.name.split())), None)
        if same is None:
            people.append(person)
        elif not people[same].office and person.office:
            people[same] = Person(people[same].name, person.office, person.phrase)
    return people


def _mention_pattern(person: Person) -> re.Pattern[str]:
    words = [re.escape(w) for w in person.name.split() if len(w) >= 3 and w not in _NOT_NAME]
    return re.compile(rf"\b(?:{'|'.join(words)})\b") if words else re.compile(r"(?!)")


def _attributions(text: str, people: list[Person]) -> Counter[int]:
    """How many statements the report gives each person (index into ``people``): quotations
    attributed to them ("..., ujar Menteri Anas", "...," ungkapnya) and reported speech
    ("Anas menjelaskan", "Menurut Anas"); "-nya", "dia" and unnamed offices mean the last person named."""
    quotes = [(q.start(), q.end()) for q in _QUOTE.finditer(text)]
    inside = lambda pos: any(s <= pos < e for s, e in quotes)  # noqa: E731
    patterns = [_mention_pattern(p) for p in people]
    mentions = sorted(
        (m.start(), i) for i, rx in enumerate(patterns) for m in rx.finditer(text) if not inside(m.start())
    )

    def named(segment: str) -> int | None:
        return next((i for i, rx in enumerate(patterns) if rx.search(segment)), None)

    def last_before(pos: int) -> int | None:
        earlier = [i for p, i in mentions if p < pos]
        return earlier[-1] if earlier else None

    counts: Counter[int] = Counter()
    for q in _QUOTE.finditer(text):
        if len(q.group(1).split()) < 4:
            continue
        after = _AFTER_QUOTE.match(text, q.end())
        line_start = text.rfind("\n", 0, q.start()) + 1
        if after:
            who = None if after.group("nya") else named(after.group("subject"))
            who = who if who is not None else last_before(q.start())
        elif re.search(rf"{_STATEMENT}|[Mm]enurut|:\s*$", text[line_start:q.start()]):
            who = last_before(q.start())
        else:
            continue
        if who is not None:
            counts[who] += 1
    for m in _INDIRECT.finditer(text):
        if inside(m.start()):
            continue
        subject = m.group("after") or m.group("before")
        who = None if subject in _PRONOUN else named(subject)
        if who is None and (subject in _PRONOUN or m.group("comma")):  # "Dia pun", "Nama, Jabatan, mengatakan"
            who = last_before(m.start())
        if who is not None:
            counts[who] += 1
    return counts


# ----------------------------------------------------------------------------- event and place

_EVENT_NOUN = re.compile(
    r"(?:Rapat|Rakor\w*|Raker\w*|Musyawarah|Musrenbang\w*|Seminar|Webinar|Lokakarya|Workshop|Konferensi|"
    r"Kongres|Forum|Sidang|Peluncuran|Pembukaan|Upacara|Apel|Kunjungan|Festival|Pameran|Sosialisasi|"
    r"Bimbingan|Bimtek|Pertemuan|Peringatan|Dialog|Diskusi|Kuliah|Pelantikan|Penganugerahan|Temu|Gelar)$"
)
_EVENT = re.compile(
    r"\b(?:dalam|pada|saat|ketika|di\s+sela(?:-sela)?)\s+"
    r"(?P<keyword>(?:(?:membuka|menghadiri|meresmikan|mengikuti|memimpin|menutup)\s+"
    r"|(?:(?:memberikan|menyampaikan)\s+sambutan|berbicara|hadir|menjadi\s+\w+)\s+(?:dalam|pada|di)\s+)?"
    r"(?:(?:acara|kegiatan|agenda)\s+)?)(?=[A-Z])"
    r"|\bdalam\s+(?P<statement>keterangan\s+(?:tertulis|pers|resmi)|siaran\s+pers|konferensi\s+pers|jumpa\s+pers"
    r"|wawancara)\b"
)


def _event(text: str) -> tuple[str, str]:
    """(event, place) where the report states them: "dalam acara Rapat ... Tahun 2024 di Samarinda",
    "dalam keterangan tertulis"."""
    for m in _EVENT.finditer(text):
        if m.group("statement"):
            return m.group("statement").capitalize(), ""
        run = _run(text, m.end())
        if len(run) < 2 or not (m.group("keyword") or _EVENT_NOUN.match(run[0].text)):
            continue
        place = ""
        at = re.match(r"\s+di\s+", text[run[-1].end:]) if not run[-1].stop else None
        if at:
            place = " ".join(w.text for w in _run(text, run[-1].end + at.end()))
        return text[run[0].start:run[-1].end], place
    return "", ""


# ----------------------------------------------------------------------------- the report

_HEADING_MARK = re.compile(r"^#{1,6}\s+")
#: The heading of a transcript names its speaker: "Sambutan Wali Kota X Nama Orang pada Acara Y".
_TRANSCRIPT = re.compile(r"^(?:kata\s+)?(?:sambutan|pidato|amanat|arahan|keynote\s+speech|transkrip)\b", re.I)


def _norm(line: str) -> str:
    return re.sub(r"\s+", " ", _HEADING_MARK.sub("", line.strip())).casefold()


def _split_title_hint(hint: str) -> tuple[str, str]:
    """An HTML <title> "Headline - Outlet.id" as (headline, outlet)."""
    parts = re.split(r"\s+[-|–—]\s+", hint.strip())
    if len(parts) > 1 and (_DOMAIN.fullmatch(parts[-1]) or len(parts[-1].split()) <= 2):
        return " - ".join(parts[:-1]), outlet_name(parts[-1])
    return hint.strip(), ""


def _lead_title(lead: str, people: list[Person]) -> str:
    """A title made from the lead's first sentence, offices shortened, when there is no headline."""
    m = _DATELINE.match(lead)
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", lead[m.end() if m else 0:])[0]
    for p in people:
        if p.phrase:
            sentence = sentence.replace(p.phrase, p.office)
    words = sentence.rstrip(" .").split()
    return " ".join(words[:20]) + (" …" if len(words) > 20 else "")


def read_news(text: str, title_hint: str = "") -> NewsReport | None:
    """The report in ``text`` (a file's text without front matter), or None when it is not one.
    ``title_hint`` is the page title an HTML file gives, if any."""
    lines = text.split("\n")
    report = NewsReport()
    skip: set[int] = set()
    stated_outlet = ""
    end = [i for i, raw in enumerate(lines) if raw.strip()][-3:]
    for i, raw in enumerate(lines):
        kind, value = _line_kind(raw.strip(), i in end)
        if kind:
            skip.add(i)
        if kind == "reporter":
            report.reporter = report.reporter or value
        elif kind == "outlet":
            stated_outlet = stated_outlet or value
    boilerplate = bool(skip)
    hint_title, hint_outlet = _split_title_hint(title_hint)
    content = [i for i, ln in enumerate(lines) if ln.strip() and i not in skip]
    first = _HEADING_MARK.sub("", lines[content[0]].strip()) if content else ""
    words = first.split()
    is_headline = 2 <= len(words) <= 25 and not _DATELINE.match(first) and not first.endswith((".", ",", ";", ":"))
    headline = first if len(content) > 1 and is_headline else ""
    for i in content[:4]:
        if _norm(lines[i]) in {_norm(headline or hint_title), _norm(title_hint)} - {""}:
            skip.add(i)
    body = [i for i in content if i not in skip]
    if not body:
        return None
    dateline = next((d for d in (_dateline(lines[i].strip()) for i in body[:3]) if d), None)
    transcript = bool(_TRANSCRIPT.match(headline))
    body_text = "\n".join([headline] * transcript + [lines[i] for i in body])
    report.date = (dateline[2] if dateline else "") or find_date(body_text)
    people = _people(body_text)
    counts = _attributions(body_text, people)
    if transcript and people and _mention_pattern(people[0]).search(headline):
        counts[0] += 1  # the speaker the heading names
    strong = dateline is not None and (dateline[0] or bool(report.date))
    if not (strong or (report.date and (counts or boilerplate or report.reporter)) or (transcript and counts)):
        return None
    ranked = sorted(counts, key=lambda i: (-counts[i], not people[i].office, i))
    report.speakers = [people[i] for i in ranked]
    if report.speakers:
        report.doc_type = "speech"
        report.speaker, report.speaker_role = report.speakers[0].name, report.speakers[0].office
    report.outlet = (dateline[1] if dateline else "") or stated_outlet or hint_outlet
    report.event, report.place = _event(body_text)
    report.title = headline or hint_title or _lead_title(lines[body[0]].strip(), people)
    report.skip = frozenset(skip)
    gaps = any(not lines[j].strip() for j in range(body[0], body[-1]) if j not in skip)
    ended = sum(lines[i].rstrip().endswith((".", "!", "?", '"', "”", ")")) for i in body)
    report.line_paragraphs = not gaps and len(body) >= 3 and ended >= 0.6 * len(body)
    log.debug("news report %r: %s by %s (%s), %s", report.title, report.doc_type, report.speaker,
              report.speaker_role, report.date)
    return report
