"""The reader: which unit of the retrieved passages answers each ask of the question.

Steps (each its own function): cut the passages into units (an ayat, a definition, a sentence);
keep out what is never an answer unless asked for (the preamble, the closing formula); score every
unit for every ask: the kind of answer present in it (a date or period, a number, a sanction, a
definition of the asked term, ...), how much of the ask's own terms it holds, how well its passage
ranked, and the actor it speaks of; keep the best unit of each ask that holds what the ask needs,
or record that the sources do not state it. The constants live in ``AnswerSettings``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.answering.answer_type import ENUMERATOR, EVIDENCE_PATTERNS, LIST_ITEM, AnswerType, named_places
from assistant.answering.asks import VALUE_KINDS, Ask, AskKind, QuestionAnalysis, acts_owed, bound_of, designations
from assistant.answering.deadlines import Deadline, find_deadlines
from assistant.answering.units import Unit, drop_restatements, near_duplicate, split_units
from assistant.answering.untrusted import addresses_the_system
from assistant.documents.names import find_provision_references, normalize_regulation_name
from assistant.index.lexical import tokenize
from assistant.retrieval import ScoredChunk
from assistant.settings import AnswerSettings

_I = re.IGNORECASE
#: What a unit must hold to answer an ask of each value kind.
_KIND_EVIDENCE: dict[AskKind, re.Pattern[str]] = {
    AskKind.DEADLINE: EVIDENCE_PATTERNS[AnswerType.DEADLINE],
    AskKind.DURATION: EVIDENCE_PATTERNS[AnswerType.DURATION],
    AskKind.FREQUENCY: re.compile(
        r"\b(?:setiap|tiap)\s+(?:\d+\s*\(\w+\)\s*)?(?:tahun|semester|bulan|triwulan|minggu|hari)\b"
        r"|\b(?:\d+|satu|dua|tiga|empat)\s*(?:\(\w+\)\s*)?kali\b|\bsecara\s+berkala\b|\bberkala\b"
        r"|\bsekali\s+(?:dalam|setahun|sebulan)|\bper\s+(?:tahun|bulan|semester)\b|\btahunan\b", _I),
    AskKind.AMOUNT: re.compile(
        EVIDENCE_PATTERNS[AnswerType.MONEY].pattern
        + r"|\b\d+[.,]?\d*\s*(?:\([\w\s]+\)\s*)?(?!tahun\s+\d)[a-z]{3,}"  # "4 (empat) inisiatif", "58 tahun"
        # a measure written with its symbol: "paling jauh 10 cm", "40 dBm", "1,5 GB"
        r"|\b\d+(?:[.,]\d+)?\s*(?-i:mm|cm|km|kg|mg|kW|MW|Hz|dB|dBm|dBi|dBW|mA|KB|MB|GB|TB|Kbps|Mbps|Gbps|m2|m²)\b"
        r"|\b(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|\w+\s+belas|\w+\s+puluh)\s+[a-z]{3,}", _I),
    AskKind.SANCTION: re.compile(
        r"\bsanksi\b|\bdipidana\b|\bpidana\s+(?:penjara|denda|kurungan|tambahan|pokok)\b|\bancaman\s+pidana\b|\bdenda\b|\bpenjara\b|\bteguran\b|\bdicabut\w*\b|\bpencabutan\b|\bpembekuan\b"
        r"|\bpenghentian\s+sementara\b|\bpemberhentian\b|\bdiberhentikan\b|\bpemutusan\s+akses\b"
        r"|\bpembebasan\s+dari\s+jabatan\b|\bpenurunan\s+(?:gaji|pangkat|jabatan)\b|\bganti\s+rugi\b|\bdibatalkan\b", _I),
}
#: What makes a unit likelier to answer other kinds (a bonus, not a requirement).
_KIND_HINTS: dict[AskKind, re.Pattern[str]] = {
    AskKind.OBLIGATION: re.compile(r"\b(?:wajib|harus|berkewajiban|bertugas|bertanggung\s+jawab)\b", _I),
    AskKind.PROCEDURE: re.compile(r"\b(?:tata\s+cara|tahap\w*|melalui|dilakukan\s+dengan|mengajukan|permohonan)\b", _I),
    AskKind.LIST: re.compile(r"\b(?:meliputi|terdiri\s+atas|antara\s+lain|sebagai\s+berikut)\b|:\s*[a-z1-9]\.", _I),
    # a body named, or the agent of a passive ("ditetapkan oleh Presiden", "dijatuhkan oleh lembaga")
    AskKind.WHO: re.compile(r"\b(?:Menteri|Kepala|Presiden|Gubernur|Bupati|Wali\s*Kota|Badan|Lembaga|Pemerintah"
                            r"|Instansi|Pejabat|Komisi|Dewan|Direktur)\b|\b(?i:oleh)\s+(?:[A-Z]\w+|(?i:lembaga|menteri"
                            r"|pemerintah|kepala|pimpinan|atasan|pejabat|badan|instansi|unit|tim|komite))\b"),
    AskKind.YESNO: re.compile(r"\b(?:wajib|harus|dapat|dilarang|tidak\s+boleh|berhak|tidak\s+dipungut)\b", _I),
    AskKind.DEFINITION: re.compile(r"\b(?:adalah|yang\s+dimaksud\s+dengan|merupakan)\b", _I),
}
_CLOSING = re.compile(r"mulai\s+berlaku\s+pada\s+tanggal|Agar\s+setiap\s+orang\s+mengetahuinya", _I)
_ASKS_ENTRY_INTO_FORCE = re.compile(r"\b(?:berlaku|diundangkan|ditetapkan|in\s+force|take\s+effect)\b", _I)
_ASKS_PREAMBLE = re.compile(r"\b(?:menimbang|mengingat|dasar\s+hukum|pertimbangan|latar\s+belakang|legal\s+basis)\b", _I)
# "... tidak memuat ketentuan sanksi": a unit saying that something is NOT stated does not state it.
_NEGATED = re.compile(r"\b(?:tidak|belum|tanpa|bukan)\s+(?:\w+\s+){0,3}$|\btidak\s+(?:memuat|mengatur|menyebut\w*|ada)\b", _I)
# "sanksi sesuai dengan ketentuan peraturan perundang-undangan": points elsewhere, names no sanction
_REFERRAL = re.compile(r"sesuai\s+(?:dengan\s+)?(?:ketentuan\s+)?peraturan\s+perundang-undangan", _I)
# References and names hold numbers that are not values: "Perpres 82/2023", "Nomor 11 Tahun 2008",
# "Pasal 5 ayat (2) huruf b", "Lampiran II".
_REFERENCE = re.compile(
    r"\b[A-Za-z]+\s+\d+/\d{4}\b|\bNomor\s+\d+\s+Tahun\s+\d{4}\b|\bPasal\s+\d+[A-Z]?(?:\s+ayat\s+\(\d+\))?"
    r"(?:\s+huruf\s+[a-z])?|\bayat\s+\(\d+\)|\bangka\s+\d+\b|\bLampiran\s+[IVX]+\b", _I)
_MEASURES = {
    "percent": re.compile(r"\d\s*(?:\([^)]*\)\s*)?(?:persen|%)|\bpersen\b", _I),
    "money": EVIDENCE_PATTERNS[AnswerType.MONEY],
    "rank": re.compile(r"\b(?:peringkat|urutan|ranking)\s+(?:ke-?\s*)?\d+|\bke-\d+\b|\bterbaik\s+(?:ke-?)?\d+", _I),
    # a score: a decimal ("3,05"), or a number the clause calls a value or a score ("nilai paling rendah 70")
    "score": re.compile(r"\b\d+[.,]\d+\b|\b(?:nilai|skor|indeks|angka)\b[^.;]{0,40}?\b\d+\b", _I),
}
# "secara berkala setiap 3 (tiga) bulan": a period that recurs says how often, not by when or how long
_PERIOD_KINDS = frozenset({AskKind.DEADLINE, AskKind.DURATION})
# ("1 (satu) kali dalam 2 (dua) tahun", "sekali setahun" too)
_RECURRING = re.compile(r"\b(?:setiap|tiap|tiap-tiap|per|sekali\s+dalam|kali\s+dalam)\s*(?:\d+\s*\(\s*)?$", _I)
_RECURRING_SE = re.compile(r"\bkali\s+$", _I)  # "1 (satu) kali setahun" (not "2 (dua) kali 24 jam")
_CLAUSE = re.compile(r"(?<=[;:])\s+|(?<=\.)\s+(?=[A-Z(])")
_LEADING_NUMBER = re.compile(r"^\s*(?:\(\d{1,3}[a-z]?\)|\d{1,3}[a-z]?[.)]|[a-z][.)])\s+")  # "(2) ", "7. ", "b. "


def clauses(text: str) -> list[str]:
    """The clauses of a unit (split after ";" and ":", and between sentences); the number of a list
    item or definition ("11. Hak Jawab adalah ...") stays with its text."""
    parts: list[str] = []
    for part in _CLAUSE.split(text):
        if parts and ENUMERATOR.match(parts[-1].strip()):
            parts[-1] = f"{parts[-1]} {part}"
        else:
            parts.append(part)
    return parts


@dataclass
class Finding:
    """The answer to one ask: the unit that states it (None: the sources do not say) and its span."""

    ask: Ask
    unit: Unit | None = None
    span: str = ""  # the clause of the unit that states what was asked
    deadline: Deadline | None = None  # for deadline/duration asks, the deadline read from the span
    polarity: str = ""  # for yes/no asks: "yes" | "no" when the unit says so plainly, else ""


@dataclass
class Reading:
    analysis: QuestionAnalysis
    findings: list[Finding]
    support: list[Unit] = field(default_factory=list)  # units quoted below the direct lines, reading order

    @property
    def answered(self) -> list[Finding]:
        return [f for f in self.findings if f.unit is not None]

    @property
    def unanswered(self) -> list[Finding]:
        return [f for f in self.findings if f.unit is None]


def sanction_pattern() -> re.Pattern[str]:
    """Wording that imposes a sanction (administrative or criminal)."""
    return _KIND_EVIDENCE[AskKind.SANCTION]


def candidate_units(question: str, hits: list[ScoredChunk]) -> list[Unit]:
    """Every unit of the passages that may answer: never the preamble or the closing formula
    unless the question asks about them, never a unit that addresses the system or the reader
    with instructions (retrieved text is data)."""
    preamble_ok = bool(_ASKS_PREAMBLE.search(question))
    closing_ok = bool(_ASKS_ENTRY_INTO_FORCE.search(question))
    units: list[Unit] = []
    for rank, hit in enumerate(hits):
        if hit.metadata.get("part") == "pembukaan" and not preamble_ok:
            continue
        for unit in split_units(hit, rank):
            if _CLOSING.search(unit.text) and not closing_ok:
                continue
            if addresses_the_system(unit.text):
                continue
            units.append(unit)
    return units


def unit_score(unit: Unit, ask: Ask, hits: list[ScoredChunk], actor: str, settings: AnswerSettings) -> float:
    """How well ``unit`` answers ``ask``, before the check that it holds the kind of answer asked."""
    hit = hits[unit.hit_rank]
    tokens = set(tokenize(unit.text))
    overlap = len(ask.terms & tokens) / len(ask.terms) if ask.terms else 0.0
    if ask.focus:  # a follow-up: its own words say what is asked of the earlier subject
        overlap = (overlap + len(ask.focus & tokens) / len(ask.focus)) / 2
    score = settings.unit_overlap_weight * overlap + settings.unit_passage_weight * hit.score
    score -= settings.unit_rank_penalty * (hit.via_rank if hit.via_rank is not None else unit.hit_rank)
    hint = _KIND_HINTS.get(ask.kind)
    if hint is not None and hint.search(unit.text):
        score += settings.unit_kind_bonus
    if actor and actor in unit.text.lower():
        score += settings.unit_actor_bonus
    if hit.metadata.get("angka") and ask.kind is not AskKind.DEFINITION:
        score *= settings.definition_factor  # a definition rarely answers anything but "what is"
    return score


def _weighted_terms(ask: Ask, vocabulary: frozenset[str],
                    idf: Callable[[str], float] | None) -> tuple[frozenset[str], Callable[[str], float]]:
    """The ask's terms that some passage read uses (a term none uses is a paraphrase, not held
    against a unit), and their weight (IDF: rarer terms say more about what is asked)."""
    return (ask.terms & vocabulary if vocabulary else ask.terms), (idf or (lambda _term: 1.0))


def about_the_ask(ask: Ask, share: float, context: str = "", vocabulary: frozenset[str] = frozenset(),
                  idf: Callable[[str], float] | None = None, actor: str = "", passage: str = "") -> bool:
    """Is the passage of a unit about what the ask asks: does it (with its ``context``, the
    breadcrumb of its regulation, BAB and Pasal) hold ``share`` of the ask's terms, weighed by
    ``idf`` (rarer terms say more about what is asked), and name the question's ``actor``?

    ``vocabulary`` holds the words of all the passages read: an ask's term that none of them uses
    (a paraphrase) is not held against a unit."""
    tokens = set(tokenize(f"{context} {passage}"))
    terms, weight = _weighted_terms(ask, vocabulary, idf)
    total = sum(weight(t) for t in terms)
    if terms and (not terms & tokens or sum(weight(t) for t in terms & tokens) < share * total):
        return False
    return not actor or actor in f"{context} {passage}".lower()  # else: about another actor


def holds_answer(unit: Unit, ask: Ask, settings: AnswerSettings, context: str = "",
                 vocabulary: frozenset[str] = frozenset(), idf: Callable[[str], float] | None = None,
                 actor: str = "", passage: str = "", via: str = "", act: str = "",
                 given: frozenset[str] = frozenset()) -> bool:
    """Does the unit hold the kind of answer a value ask needs, about the ask's own subject?

    The unit's passage (``passage``, the whole Pasal the unit is an ayat of) must be about the ask
    (``about_the_ask``), and one of the ask's rarer terms must be in the clause that states the
    value. The value must be stated (not negated: "tidak memuat ketentuan sanksi"; not a bare
    referral: "dikenai sanksi sesuai dengan ketentuan peraturan perundang-undangan"), with the
    bound asked for (a minimum is not answered by a maximum), of the year and in the unit asked.
    ``via`` is the text of the provision a link reached this passage from ("dipidana ... Pasal 40"
    speaks of what Pasal 40 says): the clause is read with it. ``act`` is the act the ask says is
    owed when the passages themselves owe it ("Ombudsman wajib menyelesaikan"): a value of another
    act ("wajib menanggapi ... paling lambat 14 hari") does not answer it. ``given``: the values the
    question itself states (``stated_values``); repeating one does not answer it."""
    pattern = _KIND_EVIDENCE.get(ask.kind)
    if pattern is None:
        return True
    if not about_the_ask(ask, settings.value_terms_share, context, vocabulary, idf, actor, passage or unit.text):
        return False
    terms, weight = _weighted_terms(ask, vocabulary, idf)
    # the rarer half of the terms: one of them must be in the clause that states the value
    ranked = sorted(terms, key=lambda t: (-weight(t), t))
    specific = set(ranked[: max(1, (len(ranked) + 1) // 2)]) if idf is not None else set(terms)
    places_asked = bool(named_places(ask.text))
    lead_in = ""  # "wajib menyimpan:" before the list items that give the values
    parts = clauses(unit.text)
    # the list items that refer elsewhere for their value ("sesuai dengan ketentuan peraturan
    # perundang-undangan bagi pejabat fungsional"), by how much of what is asked each speaks of
    valueless = [sum(weight(t) for t in specific & set(tokenize(c))) for c in parts
                 if LIST_ITEM.match(c.strip()) and _REFERRAL.search(c)
                 and not pattern.search(_REFERENCE.sub(" ", _LEADING_NUMBER.sub("", c)))]
    for raw_clause in parts:
        if raw_clause.rstrip().endswith(":"):
            lead_in = raw_clause
        # "Perpres 82/2023", "Pasal 5 ayat (2)": names, not values; "7. Dinas adalah ...": the number of a definition
        clause = _REFERENCE.sub(" ", _LEADING_NUMBER.sub("", raw_clause))
        m = next((m for m in pattern.finditer(clause)
                  if _value_of_the_ask(clause, m, ask, places_asked) and _plain_value(m.group()) not in given), None)
        if not m or _NEGATED.search(clause[: m.start()][-60:]):
            continue
        clause_terms = set(tokenize(f"{raw_clause} {via} {context if not passage else ''}"))
        if LIST_ITEM.match(raw_clause.strip()):  # an item speaks of what its lead-in names ("Refarming ...:")
            clause_terms |= set(tokenize(lead_in))
        if specific and not specific & clause_terms:
            continue  # the clause holding the value says nothing specific of what is asked
        if LIST_ITEM.match(raw_clause.strip()) and valueless and \
                max(valueless) > sum(weight(t) for t in specific & set(tokenize(raw_clause))):
            continue  # another item of the list is the one about what is asked, and it gives no value
        if act and act not in clause_terms | set(tokenize(lead_in)):
            continue  # the value of another act than the one asked about
        if ask.kind is AskKind.SANCTION and _REFERRAL.search(clause) and len(pattern.findall(clause)) < 2:
            continue
        if ask.bound and bound_of(clause) and bound_of(clause) != ask.bound:
            continue
        if ask.kind is AskKind.AMOUNT and ask.counted and not _counts(clause, ask.counted):
            continue  # "berapa inisiatif": a number of something else does not answer it
        if ask.kind is AskKind.AMOUNT and ask.measure and not _MEASURES[ask.measure].search(clause):
            continue  # "berapa persen": an amount in another unit does not answer it
        return True
    return False


# a region named by its level ("Kota Balikpapan", "Provinsi Jawa Barat"); parts of a clause joined by "dan"
_PLACE_NAMED = re.compile(r"\b(?:Provinsi|Kabupaten|Kota)\s+[A-Z][a-z]")
_SEGMENT_JOIN = re.compile(r",\s+(?:dan|sedangkan|serta|sementara)\s+|\s+sedangkan\s+", _I)


def _value_of_the_ask(clause: str, m: re.Match[str], ask: Ask, places_asked: bool) -> bool:
    """Is the value matched at ``m`` one the ask could want? Not a period that recurs ("setiap 3
    bulan") for a deadline or duration; of the year asked, and not a named region's own figure
    when the ask names no region, in the part of the clause that states it ("indeks nasional 2,26
    pada 2020, dan indeks Kota Balikpapan 3,05 pada 2022")."""
    if ask.kind in _PERIOD_KINDS and (_RECURRING.search(clause[: m.start()]) or (
            m.group().lower().startswith("se") and _RECURRING_SE.search(clause[: m.start()]))):
        return False
    part = _segment(clause, m.start())
    if ask.years and not any(year in part for year in ask.years):
        return False
    asked_classes = dict(ask.designations)
    if any(asked_classes.get(noun, designator) != designator for noun, designator in designations(part)):
        return False  # "tipe B ... paling banyak 3 bidang" does not answer for "tipe C"
    return places_asked or not _PLACE_NAMED.search(part)


def stated_values(question: str, kind: AskKind) -> frozenset[str]:
    """The values of ``kind`` the question states itself: the asker who writes "laporan ... secara
    berkala. Berapa kali setahun?" or "the index was 3.05; where did that rank it?" asks for
    something else than that value."""
    pattern = _KIND_EVIDENCE.get(kind) if kind in _QUANTITY_KINDS else None
    return frozenset(_plain_value(m.group()) for m in pattern.finditer(question)) if pattern else frozenset()


# kinds whose value is a quantity (not a sanction: "dipidana penjara ... berapa lama?" names the
# sanction whose length it asks)
_QUANTITY_KINDS = frozenset({AskKind.DEADLINE, AskKind.DURATION, AskKind.FREQUENCY, AskKind.AMOUNT})


def _plain_value(value: str) -> str:
    """A value written one way: "3 (tiga) hari" and "3 hari", "3,05" and "3.05" alike."""
    return " ".join(re.sub(r"\([^)]*\)", " ", value.lower()).replace(",", ".").split())


def _segment(clause: str, at: int) -> str:
    """The part of ``clause`` (joined to the others by ", dan", "sedangkan", ...) that holds position ``at``."""
    start = 0
    for m in _SEGMENT_JOIN.finditer(clause):
        if m.start() > at:
            return clause[start:m.start()]
        start = m.end()
    return clause[start:]


def _counts(clause: str, noun: str) -> bool:
    """Does the clause give a number of ``noun`` ("4 (empat) inisiatif", "empat inisiatif strategis")?"""
    stem = noun[:5]
    number = r"(?:\d+|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|\w+\s+(?:belas|puluh))"
    return bool(re.search(rf"\b{number}\s*(?:\([\w\s]+\)\s*)?{re.escape(stem)}", clause, _I))


def answer_span(unit: Unit, ask: Ask) -> str:
    """The clause of the unit that states what the ask needs (the whole unit when short)."""
    pattern = _KIND_EVIDENCE.get(ask.kind) or _KIND_HINTS.get(ask.kind)
    parts = [c.strip() for c in clauses(unit.text) if c.strip()]
    if pattern is not None:
        matching = [c for c in parts if pattern.search(c)]
        if matching:
            terms = ask.terms
            best = max(matching, key=lambda c: len(terms & set(tokenize(c))))
            # an item of a list ("b. penghentian sementara ...;") is read with its lead-in and siblings
            return unit.text if LIST_ITEM.match(best) or best.rstrip().endswith(":") else best
    return parts[0] if parts else unit.text


def value_offset(span: str, ask: Ask) -> int:
    """Where in ``span`` the value a value ask needs is stated (-1 when the ask needs none or the
    span states none): a long span is shown around it."""
    pattern = _KIND_EVIDENCE.get(ask.kind)
    m = pattern.search(span) if pattern is not None else None
    return m.start() if m else -1


def read(analysis: QuestionAnalysis, hits: list[ScoredChunk], settings: AnswerSettings,
         idf: Callable[[str], float] | None = None,
         closeness: Callable[[list[str]], list[float]] | None = None) -> Reading:
    """The finding of every ask, and the units to quote in support.

    ``closeness`` gives the semantic closeness of unit texts to the question (the embedding model);
    it is asked only for the best-scoring units (``settings.semantic_units``)."""
    units = candidate_units(analysis.question, hits)
    semantic = _semantic_scores(analysis, units, hits, settings, closeness)
    vocabulary = frozenset(t for h in hits for t in tokenize(f"{h.metadata.get('breadcrumb', '')} {h.chunk.text}"))
    owed = frozenset(act for h in hits for act in acts_owed(h.chunk.text))
    answering = [_answering_units(analysis, ask, units, hits, settings, semantic, vocabulary, idf, owed)
                 for ask in analysis.asks]
    chosen = _assign(analysis.asks, answering)
    findings = [_finding(ask, unit, hits) for ask, unit in zip(analysis.asks, chosen)]
    runners_up = {id(u) for found in answering for _, u in found}
    return Reading(analysis, findings, _support(analysis, findings, units, hits, settings, runners_up))


def _answering_units(analysis: QuestionAnalysis, ask: Ask, units: list[Unit], hits: list[ScoredChunk],
                     settings: AnswerSettings, semantic: dict[int, float], vocabulary: frozenset[str],
                     idf: Callable[[str], float] | None, owed: frozenset[str] = frozenset()) -> list[tuple[float, Unit]]:
    """The units that answer ``ask``, best first (at most ``settings.answers_per_ask``). ``owed``: the
    acts the passages say are owed (``acts_owed``)."""
    act = ask.act if ask.act in owed else ""  # else the ask's verb may be a paraphrase of the law's
    given = stated_values(analysis.question, ask.kind)
    scored = sorted(((unit_score(u, ask, hits, analysis.actor, settings)
                      + settings.unit_semantic_weight * semantic.get(id(u), 0.0), u) for u in units),
                    key=lambda x: (-x[0], x[1].hit_rank, x[1].position))
    found: list[tuple[float, Unit]] = []
    for score, unit in scored:
        if score < settings.unit_min_score or len(found) >= settings.answers_per_ask:
            break
        if ask.kind in _QUANTITY_KINDS and score < settings.value_provision_ratio * scored[0][0] \
                and not _one_provision(unit, scored[0][1], hits):
            continue  # the provision the question is about states no value; this one is another's
        # a passage reached by a link speaks of the passage it was reached from
        via = hits[unit.hit_rank].via
        context = f"{hits[unit.hit_rank].metadata.get('breadcrumb', '')} {via}"
        passage = hits[unit.hit_rank].chunk.text
        if ask.asks_if_done and hits[unit.hit_rank].metadata.get("doc_type") not in _REPORTS:
            continue  # a rule or a target does not say whether it was met
        if ask.kind in VALUE_KINDS and not holds_answer(unit, ask, settings, context, vocabulary, idf,
                                                        analysis.actor, passage, via, act, given):
            continue
        if ask.kind not in VALUE_KINDS and not about_the_ask(ask, settings.open_terms_share, context,
                                                             vocabulary, idf, analysis.actor, passage):
            continue
        found.append((score, unit))
    return found


def _assign(asks: list[Ask], answering: list[list[tuple[float, Unit]]]) -> list[Unit | None]:
    """The unit each ask is answered by. Two asks of one kind in a question ask about two things
    ("how long to take it down, and how long when it is urgent?"): when both would be answered by
    the same unit, one of them takes its next answering unit, the one whose move loses the least
    score (so that the two asks together are answered best)."""
    chosen: list[int] = [0] * len(asks)  # index into each ask's answering units

    def unit_of(i: int) -> Unit | None:
        return answering[i][chosen[i]][1] if chosen[i] < len(answering[i]) else None

    def next_free(i: int) -> int | None:
        taken = {id(unit_of(k)) for k in range(len(asks)) if k != i}
        return next((n for n in range(chosen[i] + 1, len(answering[i])) if id(answering[i][n][1]) not in taken), None)

    for i in range(len(asks)):
        for j in range(i):
            if _family(asks[i].kind) is not _family(asks[j].kind) or unit_of(i) is None or unit_of(i) is not unit_of(j):
                continue
            free = {k: n for k in (i, j) if (n := next_free(k)) is not None}
            if free:  # the ask whose move to its next free unit costs least moves (on a tie, the later)
                mover = min(free, key=lambda k: (answering[k][chosen[k]][0] - answering[k][free[k]][0], -k))
                chosen[mover] = free[mover]
    return [unit_of(i) for i in range(len(asks))]


def _family(kind: AskKind) -> AskKind:
    """Kinds answered by the same kind of value ("by when" and "how long" both by a period)."""
    return AskKind.DEADLINE if kind in _PERIOD_KINDS else kind


def _finding(ask: Ask, unit: Unit | None, hits: list[ScoredChunk]) -> Finding:
    """What ``unit`` says in answer to ``ask``: its span, the polarity of a yes/no, a deadline's date."""
    finding = Finding(ask)
    if unit is None:
        return finding
    finding.unit = unit
    finding.span = answer_span(unit, ask)
    if ask.kind is AskKind.YESNO:
        finding.polarity = polarity(ask.text, unit.text)
    if ask.kind in (AskKind.DEADLINE, AskKind.DURATION):
        meta = hits[unit.hit_rank].metadata
        found = find_deadlines(unit.text, ditetapkan=str(meta.get("ditetapkan", "")),
                               diundangkan=str(meta.get("diundangkan", "")), berlaku=str(meta.get("berlaku", "")))
        finding.deadline = next((d for d in found if d.date), found[0] if found else None)
    return finding


_REPORTS = frozenset({"speech", "article"})  # dated accounts of what happened
_SEMANTIC_WORDS = 64  # a unit is compared with the question by its first words (the model's cost grows with length)


def _semantic_scores(analysis: QuestionAnalysis, units: list[Unit], hits: list[ScoredChunk], settings: AnswerSettings,
                     closeness: Callable[[list[str]], list[float]] | None) -> dict[int, float]:
    """Closeness of the best units to the question, rescaled to [0, 1] among them (by ``id`` of unit)."""
    if closeness is None or not units or settings.semantic_units <= 0:
        return {}
    ask = analysis.asks[0]
    best = sorted(units, key=lambda u: -unit_score(u, ask, hits, analysis.actor, settings))[: settings.semantic_units]
    values = closeness([" ".join(u.text.split()[:_SEMANTIC_WORDS]) for u in best])
    lo, hi = min(values), max(values)
    span = hi - lo if hi - lo > 1e-6 else 1.0
    return {id(u): (v - lo) / span for u, v in zip(best, values)}


_MODALS = {"wajib": "wajib|harus|berkewajiban", "harus": "wajib|harus|berkewajiban", "boleh": "dapat|boleh|berhak",
           "dapat": "dapat|boleh|berhak", "bisa": "dapat|boleh|berhak", "berhak": "berhak|dapat",
           "must": "wajib|harus", "required": "wajib|harus", "may": "dapat|boleh|berhak", "can": "dapat|boleh|berhak",
           "allowed": "dapat|boleh|berhak"}
_ASKED_MODAL = re.compile(r"\b(wajib|harus|boleh|dapat|bisa|berhak|must|required|may|can|allowed)(?:kah)?\b", _I)


def polarity(question: str, unit: str) -> str:
    """"yes" / "no" when the unit answers a "may/must ...?" question plainly with the same modal."""
    m = _ASKED_MODAL.search(question)
    if not m:
        return ""
    modal = _MODALS[m.group(1).lower()]
    if re.search(rf"\b(?:tidak|bukan)\s+(?:{modal})\b|\bdilarang\b", unit, _I):
        return "no"
    return "yes" if re.search(rf"\b(?:{modal})\b", unit, _I) else ""


def provision_key(meta: dict) -> tuple[str, str]:
    """The provision a passage belongs to: (regulation as amended, Pasal) for a regulation (its
    Penjelasan included), the document for anything else."""
    if meta.get("doc_type") == "regulation":
        return (str(meta.get("amends") or meta.get("short_name", "")), str(meta.get("pasal", "")))
    return (str(meta.get("doc_id", "")), "")


_LAMPIRAN_OF = re.compile(r"\b(?i:lampiran)\s+(?:dari\s+|dalam\s+)?((?:[A-Z][\w.]*\s+){1,3}\d+\s*/\s*\d{4})")


def _named_provisions(units: list[Unit], titles: list[str] = ()) -> set[tuple[str, str]]:
    """The provisions ``units`` (or the ``titles`` of their passages) name with their regulation
    ("... (Pasal 54 ayat (4) UU 25/2009)", "Kondisi ... menurut Lampiran Perpres 132/2022"): a guide
    or speech that answers from a Pasal brings that Pasal's own words along as its support."""
    texts = [u.text for u in units] + list(titles)
    named = {(ref.regulation, ref.pasal) for text in texts for ref in find_provision_references(text) if ref.regulation}
    for text in texts:  # "(Lampiran Perpres 132/2022 BAB II)"
        for m in _LAMPIRAN_OF.finditer(text):
            regulation = normalize_regulation_name(m.group(1))
            if regulation:
                named.add((regulation, "Lampiran"))
    return named


def _one_provision(unit: Unit, other: Unit, hits: list[ScoredChunk]) -> bool:
    """Do ``unit`` and ``other`` speak of one provision: the same Pasal (its Penjelasan included),
    one passage reached from the other by a link, or a guide naming the Pasal it explains?"""
    a, b = hits[unit.hit_rank], hits[other.hit_rank]
    if provision_key(a.metadata) == provision_key(b.metadata) or a.via_rank == other.hit_rank \
            or b.via_rank == unit.hit_rank:
        return True
    named = _named_provisions([unit, other], [str(a.metadata.get("title", "")), str(b.metadata.get("title", ""))])
    return any(provision_key(h.metadata) in named for h in (a, b) if h.metadata.get("doc_type") == "regulation")


def _explanations(unit: Unit, hits: list[ScoredChunk], units: list[Unit]) -> list[Unit]:
    """The Penjelasan units of the Pasal (and ayat, when the Penjelasan is split by ayat) of ``unit``."""
    meta = hits[unit.hit_rank].metadata
    if meta.get("doc_type") != "regulation" or meta.get("part") != "batang_tubuh":
        return []
    key = (meta.get("amends") or meta.get("short_name"), meta.get("pasal"))
    found = [u for u in units
             if hits[u.hit_rank].metadata.get("part") == "penjelasan"
             and (hits[u.hit_rank].metadata.get("amends") or hits[u.hit_rank].metadata.get("short_name"),
                  hits[u.hit_rank].metadata.get("pasal")) == key]
    ayat = unit.ayat
    narrowed = [u for u in found if ayat and (ayat in u.text or u.ayat == ayat)]
    return (narrowed or found)[:2]


def _support(analysis: QuestionAnalysis, findings: list[Finding], units: list[Unit], hits: list[ScoredChunk],
             settings: AnswerSettings, runners_up: set[int] | None = None) -> list[Unit]:
    """The answering units first, then the best-scoring others (one ask's view), in reading order.
    ``runners_up``: the ids of the units that would also answer an ask (a unit of another provision
    is quoted only when it is one of them)."""
    chosen: list[Unit] = [f.unit for f in findings if f.unit is not None]
    if not chosen:
        return []
    for finding in list(chosen):  # a quoted ayat brings its Penjelasan
        for unit in _explanations(finding, hits, units):
            if unit not in chosen:
                chosen.append(unit)
    ask = analysis.asks[0]
    scores = {id(u): unit_score(u, ask, hits, analysis.actor, settings) for u in units + chosen}
    best = max(scores[id(u)] for u in chosen)
    # beside the answering provisions and what they link to, a unit of another provision answers no
    # ask: it is quoted only when it scores nearly as well as the answer (else it is nearby text)
    titles = [str(hits[u.hit_rank].metadata.get("title", "")) for u in chosen
              if hits[u.hit_rank].metadata.get("doc_type") != "regulation"]
    answering = {provision_key(hits[u.hit_rank].metadata) for u in chosen} | _named_provisions(chosen, titles)
    answering_ranks = {u.hit_rank for u in chosen}
    for unit in sorted(units, key=lambda u: -scores[id(u)]):
        if len(chosen) >= settings.max_sentences:
            break
        if unit in chosen or scores[id(unit)] < settings.support_ratio * best:
            continue
        hit = hits[unit.hit_rank]
        if provision_key(hit.metadata) not in answering and hit.via_rank not in answering_ranks \
                and (scores[id(unit)] < settings.other_provision_ratio * best
                     or (runners_up is not None and id(unit) not in runners_up)):
            continue
        if any(near_duplicate(unit.text, c.text) for c in chosen):
            continue
        chosen.append(unit)
    kept = drop_restatements(chosen, hits)  # a note restating a quoted Pasal adds nothing
    return sorted(kept, key=lambda u: (u.hit_rank, u.position))
