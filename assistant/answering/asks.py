"""What a question asks: one or more asks, each of a kind, about the question's own terms and actor.

"Siapa yang menetapkan Arsitektur SPBE Pemerintah Daerah dan paling lambat kapan?" asks two things:
who (WHO) and by when (DEADLINE). Each kind names what a unit of a regulation must hold to answer
it (a date or period, a number, a sanction, a body, a definition, ...); ``reader`` looks for it.
Kinds are recognised from the question words of Indonesian and English, never from a topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from enum import Enum

from assistant.answering.language import detect_language
from assistant.index.bilingual import expansion_terms
from assistant.index.lexical import tokenize
from assistant.obligations.actors import REGIONAL_GOVERNMENT_SHORT

_I = re.IGNORECASE


class AskKind(str, Enum):
    DEADLINE = "deadline"  # by when
    DURATION = "duration"  # how long
    FREQUENCY = "frequency"  # how often
    AMOUNT = "amount"  # how much / how many (money, percentages, counts)
    SANCTION = "sanction"  # what sanction, what consequence
    WHO = "who"  # which body, who
    DEFINITION = "definition"  # what is meant by
    PROCEDURE = "procedure"  # how, by what steps
    LIST = "list"  # what are the ...
    OBLIGATION = "obligation"  # what must X do
    YESNO = "yesno"  # may / must / is it ...
    GENERAL = "general"  # anything else


#: Kinds whose answer is a value that a unit either states or does not.
VALUE_KINDS = frozenset({AskKind.DEADLINE, AskKind.DURATION, AskKind.FREQUENCY, AskKind.AMOUNT, AskKind.SANCTION})

# First match wins: the more specific question words come first.
_KIND_PATTERNS: list[tuple[AskKind, re.Pattern[str]]] = [
    (AskKind.DEFINITION, re.compile(
        r"\b(?:apa\s+(?:yang\s+)?dimaksud|apa\s+(?:itu|arti|pengertian|definisi)|pengertian|definisi|arti\s+(?:dari\s+)?"
        r"|what\s+(?:is\s+meant|does\s+.+\s+mean)|definition|define)\b", _I)),
    # "berapa ancaman pidananya", "how long is the prison sentence": the answer is the sanction itself
    (AskKind.SANCTION, re.compile(
        r"\b(?:berapa|seberapa|how\s+(?:long|much|many))\b(?:\s+\w+){0,3}?\s+(?:ancaman|hukuman|pidana\w*|penjara"
        r"|penalt\w+|sentence|imprisonment|prison)\b", _I)),
    (AskKind.FREQUENCY, re.compile(
        r"\b(?:berapa\s+kali|seberapa\s+sering|setiap\s+berapa|sekali\s+berapa|berapa\s+(?:\w+\s+)?sekali"
        r"|how\s+often|how\s+many\s+times"
        r"|frequency)\b", _I)),
    (AskKind.DEADLINE, re.compile(
        r"\b(?:paling\s+(?:lambat|lama)\s+kapan|kapan\s+paling\s+(?:lambat|lama)|(?:sampai|hingga)\s+kapan|batas\s+waktu\w*|tenggat"
        r"|kapan\b.*\b(?:berlaku|diundangkan|ditetapkan|dilaksanakan|diselesaikan)"
        r"|(?:tanggal|tahun|bulan)\s+(?:anggaran\s+)?berapa|when\s+(?:was|did)"
        r"|(?:which|what)\s+(?:budget\s+)?year|mulai\s+tahun|sejak\s+(?:tahun|kapan)"
        r"|kapan\s+(?:harus|wajib|paling)|by\s+when|deadline|due\s+date|no\s+later\s+than\s+when)\b", _I)),
    (AskKind.DURATION, re.compile(
        r"\b(?:berapa\s+(?:lama|hari|bulan|tahun|jam|minggu)|jangka\s+waktu|masa\s+berlaku|how\s+long|how\s+much\s+time"
        r"|(?:within|in)\s+what\s+(?:period|time\s*frame|time)"
        r"|how\s+many\s+(?:days|months|years|hours|weeks))\b", _I)),

    (AskKind.LIST, re.compile(
        r"\b(?:apa\s+saja|siapa\s+saja|mana\s+saja|sebutkan|meliputi\s+apa|terdiri\s+(?:atas|dari)\s+apa|jenis\w*\s+apa"
        # the contents of a document: "harus memuat apa", "isinya apa saja", "what must the notice contain"
        # ("apa isi Pasal 13" asks for the Pasal, not a list)
        r"|memuat\s+apa|berisi\s+apa|isi(?:nya)?\s+apa\s+saja|apa\s+saja\s+isi(?:nya)?"
        r"|isi(?:nya)?\s+(?:minimal|minimum|paling\s+sedikit)"
        r"|what\s+(?:must|should|does|do|will)\s+(?:\S+\s+){1,8}?(?:contain|include)"
        r"|what\s+are\s+the|which\s+are|list)\b", _I)),
    (AskKind.AMOUNT, re.compile(r"\b(?:berapa|seberapa\s+besar|how\s+much|how\s+many"
                                r"|(?:what|which)\s+(?:rank|position)|where\s+(?:\S+\s+){0,4}?rank\w*)\b", _I)),
    (AskKind.SANCTION, re.compile(
        r"\b(?:sanksi\w*|hukuman|ancaman\s+pidana|ancaman(?:nya)?\s+(?:bagi|untuk)|pidana\w*|akibat\w*|konsekuensi\w*"
        r"|apa\s+yang\s+terjadi"
        r"|penalt\w+|sanction\w*|consequence\w*|punish\w*|what\s+happens)\b", _I)),
    (AskKind.WHO, re.compile(
        r"\b(?:siapa|pihak\s+mana|instansi\s+(?:mana|apa)|lembaga\s+(?:mana|apa)|badan\s+(?:mana|apa)"
        r"|kementerian\s+(?:mana|apa)|pejabat\s+(?:mana|siapa)|who|whom|which\s+(?:body|agency|ministry|official|authority)"
        # the body a report or request goes to: "laporannya diajukan ke mana?", "where do we file it?"
        r"|(?:ke|kepada)\s+mana|where\s+(?:do|does|should|must|can|is|are)\s+(?:\S+\s+){0,4}?(?:submit|file|lodge|send|report|appl)\w*)\b", _I)),
    (AskKind.PROCEDURE, re.compile(
        r"\b(?:bagaimana\s+(?:cara|prosedur|tata\s*cara|mekanisme|langkah|proses)|tata\s*cara|prosedur|langkah\w*"
        r"|mekanisme|how\s+(?:do|does|can|should|to)|procedure|steps?)\b", _I)),
    (AskKind.OBLIGATION, re.compile(
        r"\b(?:kewajiban|apa\s+(?:yang\s+)?(?:wajib|harus)|wajib\s+(?:apa|melakukan\s+apa)|tugas\w*|obligation\w*"
        r"|what\s+must|duties|duty|responsibilit\w+)\b", _I)),
    (AskKind.YESNO, re.compile(
        r"^(?:apakah|bolehkah|wajibkah|haruskah|dapatkah|bisakah|benarkah|is|are|can|may|must|does|do|should)\b"
        r"|\b(?:apakah|bolehkah|wajibkah|haruskah|dapatkah|bisakah|benarkah)\b", _I)),
    # an amount named without a question word ("Jumlah anggota tim SPBE?"): only when nothing else is
    # asked ("Apakah penggabungan memengaruhi jumlah bidang?" asks yes or no)
    (AskKind.AMOUNT, re.compile(r"\b(?:jumlah|besaran)\b", _I)),
]
# Where a second ask starts: "... dan paling lambat kapan?", "... serta siapa yang ...", "..., and by when?"
_QUESTION_WORD = (r"(?:paling\s+(?:lambat|lama)|kapan|siapa|berapa|bagaimana|apa|apakah|sampai\s+kapan|seberapa"
                  r"|by\s+when|who|how|what|when|which)\b")
# ... or a condition that leads to one: "..., dan kalau menjadi tipe C berapa bidang ...?"
_SECOND_ASK = re.compile(
    rf"(?:,\s*|\s+)(?:dan|serta|lalu|kemudian|and|also)\s+(?={_QUESTION_WORD}"
    rf"|(?:kalau|jika|bila|apabila|if)\s+[^,?]*?\b{_QUESTION_WORD})", _I)
_ACTORS = (
    "pemerintah pusat", "pemerintah daerah", "kepala daerah", "instansi pusat", "gubernur", "bupati", "wali kota",
    "walikota", "menteri", "presiden", "pengendali data pribadi", "prosesor data pribadi", "penyelenggara sistem elektronik",
    "penyelenggara", "pegawai asn", "asn", "pppk", "pns", "pejabat pembina kepegawaian", "badan", "lembaga",
    "masyarakat", "setiap orang", "subjek data pribadi", "dprd", "sekretaris daerah", "ombudsman",
)

# how people write an actor besides its name in the law: a short form counts as the actor asked
# about where it is the subject, opening a sentence or clause ("Pemkot mau ...", "Apakah pemda
# wajib ..."), not where it qualifies something ("aplikasi pemda", "tanah milik pemda")
_ACTOR_WRITTEN = {"pemerintah daerah": r"\bpemerintah\s+daerah\b|(?:^|[.?!,;]\s*|\b(?:apakah|kalau|jika|bila|apabila"
                                       rf"|bagaimana|kapan|berapa|bolehkah|haruskah|wajibkah)\s+){REGIONAL_GOVERNMENT_SHORT}\b"}

_LOWER_BOUND = re.compile(r"\b(?:paling\s+(?:rendah|sedikit|singkat|cepat)|minimal|minimum|sekurang-kurangnya|at\s+least"
                          r"|lowest|smallest|shortest)\b", _I)
_UPPER_BOUND = re.compile(r"\b(?:paling\s+(?:tinggi|banyak|lama)|maksimal|maksimum|setinggi-tingginya|at\s+most|highest|maximum|hingga|up\s+to"
                          r"|largest|longest)\b", _I)


def bound_of(text: str) -> str:
    """"min" or "max" when the text bounds a value ("paling rendah", "maksimal"), else ""."""
    low, high = _LOWER_BOUND.search(text), _UPPER_BOUND.search(text)
    return "min" if low and not high else "max" if high and not low else ""


_REGULATION_YEAR = re.compile(r"\b\d+\s*/\s*(?:19|20)\d{2}\b|\bNomor\s+\d+\s+Tahun\s+\d{4}\b"
                              r"|\b(?:perubahan|amended\s+in|amendment\s+of)\s+(?:tahun\s+)?\d{4}\b"
                              # "the 2024 ministerial regulation", "UU ASN 2023", "Perpres SPBE tahun 2018"
                              r"|\b(?:19|20)\d{2}\s+(?:[a-z]+\s+)?(?:regulation|law|decree|act)\b"
                              r"|\b(?:peraturan|permen\w*|perpres|pp|uu|undang-undang|regulation|law)\s+(?:[A-Za-z]+\s+){0,2}?"
                              r"(?:tahun\s+)?(?:19|20)\d{2}\b", _I)
_IF_DONE = re.compile(r"(?<!yang )\bsudah(?:kah)?\b[^?]*\bbelum\s*\??\s*$|\b(?:sudahkah|telahkah)\b"
                      r"|\bapakah\s+(?:\w+\s+){0,5}?(?<!yang )(?:sudah|telah)\s+(?:di|ter)\w+"
                      r"|\b(?:has|have)\s+(?:\w+\s+){0,5}?(?:been|already)\s+\w+ed\b|\balready\s+\w+ed\b\s*\?", _I)
_IF_REGULATED = re.compile(r"\b(?:sudah|telah)\s+(?:ada|diatur|dimuat|termuat|disebut\w*|diubah|dicabut|diganti)\b"
                           r"|\b(?:been|already)\s+(?:regulated|covered|defined|stated|amended|revoked|repealed|replaced)\b",
                           _I)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")
_PERCENT_ASKED = re.compile(r"\b(?:berapa\s+(?:persen|porsi|proporsi)|persentase|porsi\w*|proporsi\w*|percent\w*"
                            r"|what\s+(?:share|proportion|portion))\b", _I)
_MONEY_ASKED = re.compile(r"\b(?:biaya\w*|tarif\w*|denda\w*|gaji\w*|tunjangan\w*|anggaran\w*|rupiah|harga\w*|iuran\w*"
                          r"|honor\w*|pagu|dana|besaran|plafon|nilai\s+(?:pengadaan|kontrak|proyek|paket)|batas\s+nilai"
                          r"|fees?|fines?|costs?|prices?|salar\w+|allowances?|budgets?|tax\s+rates?)\b", _I)
# a place in a ranking; a score (not a count of things: "tiga aspek" is no passing mark)
_RANK_ASKED = re.compile(r"\b(?:peringkat|urutan|ranking|rank\w*|position)\b", _I)
_SCORE_ASKED = re.compile(r"\b(?:berapa\s+(?:nilai|skor|indeks|angka)|(?:nilai|skor|indeks|angka)\s+(?:\w+\s+){0,3}?berapa"
                          r"|what\s+(?:score|mark|grade|index\s+value))\b", _I)
# (not a noun that points back, "jarak paling jauh berapa alat itu boleh ...": the distance is asked, not a
# number of "alat"; nor a pronoun, "berapa kami harus membayar")
_COUNTED = re.compile(r"\b(?:berapa|how\s+many)\s+(?:banyak\s+|jumlah\s+)?([A-Za-z]{3,})\b(?!\s+(?:itu|ini|tersebut)\b)", _I)
_NOT_COUNTED = frozenset({"lama", "besar", "banyak", "jumlah", "kali", "nilai", "batas", "persen", "tahun", "hari",
                          "bulan", "jam", "minggu", "tanggal", "much", "times", "years", "days", "months", "hours",
                          # amounts and measures, not things counted
                          "denda", "biaya", "tarif", "gaji", "tunjangan", "anggaran", "dana", "iuran", "harga", "pagu",
                          "usia", "umur", "indeks", "skor", "persentase", "porsi", "proporsi",
                          "kami", "kita", "saya", "mereka", "anda", "dia", "kamu"})


@dataclass(frozen=True)
class Ask:
    kind: AskKind
    text: str  # the part of the question this ask is
    terms: frozenset[str]  # its content terms (Indonesian, also for English questions)
    focus: frozenset[str] = frozenset()  # of a follow-up: the terms of the user's own words, which weigh more

    @property
    def bound(self) -> str:
        return bound_of(self.text)

    @cached_property
    def act(self) -> str:
        """The act the ask says is owed ("Ombudsman wajib menyelesaikan pengaduan" -> "selesai"), or ""."""
        return act_owed(self.text)

    @cached_property  # read for every clause of every candidate unit
    def years(self) -> frozenset[str]:
        """Years the ask names ("indeks SPBE tahun 2021"): a value about another year does not answer it.
        The year of a regulation's name ("Permenkominfo 20/2016", "UU ITE perubahan 2024") is not one."""
        # "... tahun 2021 berapa? Saya mau bandingkan ke 2022.": the year asked is in the sentence that asks
        return frozenset(re.findall(r"\b(?:19|20)\d{2}\b", _REGULATION_YEAR.sub(" ", self._asking_text)))

    @cached_property
    def designations(self) -> frozenset[tuple[str, str]]:
        """Classes the ask names by a letter or numeral ("tipe C", "kelas II"), as (noun, designator):
        a value of another class of the same noun ("tipe B ... 3 bidang") does not answer it."""
        return frozenset(designations(self._asking_text))

    @cached_property
    def _asking_text(self) -> str:
        """The sentences of the ask that ask it (context sentences around them left out)."""
        return asking_sentences(self.text, self.kind)

    @property
    def measure(self) -> str:
        """The unit an amount is asked in: "percent", "money", "rank", "score" or "" ("berapa persen",
        "berapa biayanya", "peringkat berapa", "berapa nilai minimal ...")."""
        if _PERCENT_ASKED.search(self.text):
            return "percent"
        if _MONEY_ASKED.search(self.text):
            return "money"
        if _RANK_ASKED.search(self.text):
            return "rank"
        return "score" if _SCORE_ASKED.search(self.text) else ""

    @cached_property
    def asks_if_done(self) -> bool:
        """Does the ask ask whether something has happened ("sudah diluncurkan, belum?", "has it been
        launched?")? The law says what must happen, not what did: only a dated report answers it."""
        return bool(_IF_DONE.search(self.text)) and not _IF_REGULATED.search(self.text)

    @property
    def counted(self) -> str:
        """What a "how many" ask counts ("berapa inisiatif" -> "inisiatif"), or ""."""
        m = _COUNTED.search(self.text)
        return m.group(1).lower() if m and m.group(1).lower() not in _NOT_COUNTED else ""


# "tipe C", "Kelas II", "golongan III": a class named by a letter or a Roman numeral (not a reference
# to a part of a text: "Pasal 5", "BAB II", "Lampiran I", "huruf a")
_DESIGNATED = re.compile(r"\b([A-Za-z]{3,})\s+([A-Z]|[IVX]{1,4})\b(?![-\w])")
_NOT_CLASSES = frozenset({"pasal", "bab", "lampiran", "huruf", "ayat", "bagian", "paragraf", "angka", "buku", "jilid"})


def designations(text: str) -> list[tuple[str, str]]:
    """The classes ``text`` names by a letter or numeral, as (noun lowercased, designator)."""
    return [(m.group(1).lower(), m.group(2)) for m in _DESIGNATED.finditer(text)
            if m.group(1).lower() not in _NOT_CLASSES]


# "wajib menyelesaikan", "harus diumumkan", "berkewajiban untuk menyampaikan": a modal and the act it governs
# ("harus sudah dikirim", "wajib segera melaporkan": an adverb between the modal and the act)
_OWED_ACT = re.compile(r"\b(?:wajib|harus|mesti|berkewajiban)\s+(?:untuk\s+)?(?:(?:sudah|telah|segera|tetap|juga|pula|selalu"
                       r"|terlebih\s+dahulu|lebih\s+dahulu)\s+)?([^\W\d_]+)(?:\s+([^\W\d_]+))?", _I)


# verbs that name no act of their own: the act is their object ("memberi tanggapan", "melakukan pemutusan")
_LIGHT_VERBS = frozenset({"beri", "laku", "laksana", "buat", "ambil", "punya", "milik", "dapat", "tahu"})


def acts_owed(text: str) -> list[str]:
    """The stems of the acts ``text`` says are owed, in order ("wajib menyelesaikan" -> "selesai");
    of a verb that names no act of its own, its object ("berkewajiban melaksanakan evaluasi" ->
    "evaluasi", as "wajib mengevaluasi"; "wajib memberi tanggapan" as "wajib menanggapi")."""
    acts: list[str] = []
    for m in _OWED_ACT.finditer(text):
        verb = next(iter(tokenize(m.group(1))), "")
        if verb in _LIGHT_VERBS:
            verb = next(iter(tokenize(m.group(2) or "")), verb)
        if verb:
            acts.append(verb)
    return acts


def act_owed(text: str) -> str:
    """The stem of the first act ``text`` says is owed, or "" (also when it is only a verb that
    names no act of its own, with no object to name it)."""
    first = next(iter(acts_owed(text)), "")
    return "" if first in _LIGHT_VERBS else first


@dataclass(frozen=True)
class QuestionAnalysis:
    question: str
    asks: tuple[Ask, ...]
    actor: str  # the actor the question is about, normalised ("pemerintah daerah"), or ""
    terms: frozenset[str]  # content terms of the whole question

    @property
    def kinds(self) -> tuple[AskKind, ...]:
        return tuple(a.kind for a in self.asks)


# Words that name the kind of answer rather than what it is about: they cannot anchor it.
_TYPE_WORDS = frozenset(
    tokenize(
        "berapa besar besaran nilai angka jumlah lama hari bulan tahun jam minggu batas minimal maksimal "
        "paling tinggi rendah lambat cepat kapan sampai hingga how much long many what value score amount "
        "when deadline jangka waktu tenggat masa kali sekali sering often times"
    )
)

def anchor_terms(question: str) -> set[str]:
    """The question's own content terms (with the Indonesian equivalents of English ones),
    without the words that only name the answer's kind."""
    return (set(tokenize(question)) | set(tokenize(expansion_terms(question)))) - _TYPE_WORDS


def money_or_share_asked(text: str) -> bool:
    """Does a "how much" question ask for rupiah or a percentage (not a count)?"""
    return bool(_MONEY_ASKED.search(text) or _PERCENT_ASKED.search(text))


_REPORTED_QUESTION = re.compile(r":\s+(?=\S)")


def _sentences(text: str) -> list[str]:
    """The sentences of ``text``; a question reported after a colon ("Dalam sosialisasi, warga
    bertanya: paling banyak berapa ...?") is a sentence of its own."""
    out: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        head, _, tail = sentence.rpartition(": ") if _REPORTED_QUESTION.search(sentence) else ("", "", sentence)
        if head and tail.rstrip().endswith("?") and not head.rstrip().endswith("?"):
            out.extend([head + ":", tail])
        else:
            out.append(sentence)
    return out


def asking_sentences(text: str, kind: AskKind | None = None) -> str:
    """The sentences of ``text`` that ask (of ``kind``): a scenario told before the question
    ("Pemprov ingin membangun jaringan sendiri. Dalam keadaan apa instansi pemerintah boleh ...?")
    is left out; all of ``text`` when no sentence asks on its own."""
    kinds = {s: ask_kind(s) for s in _sentences(text)}
    asking = [s for s, k in kinds.items() if s.rstrip().endswith("?") or (k is not AskKind.GENERAL and kind in (None, k))]
    if kind is not None:
        asking = [s for s in asking if kinds[s] is kind] or asking
    return " ".join(asking or [text])


_FIRST_PERSON = re.compile(r"\b(?:kami|saya|kita|aku|we|our|us|I|my)\b", _I)


def asked_actor(question: str) -> str:
    """The actor the question asks about: the one its asking sentence names; else the one of the
    scenario around it when the asking sentence speaks of the asker ("Pemkot kami ... . Berapa lama
    kami harus menyimpan ...?"); else none (the scenario's actor is who asks, not what is asked:
    "Pemprov ingin ... . Dalam keadaan apa instansi pemerintah boleh ...?")."""
    asking = asking_sentences(question)
    if asking == question:
        return actor_of(question)
    return actor_of(asking) or (actor_of(question) if _FIRST_PERSON.search(asking) else "")


def ask_kind(text: str) -> AskKind:
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(text):
            return kind
    return AskKind.GENERAL


def actor_of(text: str) -> str:
    """The actor ``text`` speaks of, in the law's words (a user's "Pemkot" is a pemerintah daerah)."""
    low = text.lower()
    for actor in _ACTORS:  # longer names first within the list order
        if re.search(_ACTOR_WRITTEN.get(actor, rf"\b{re.escape(actor)}\b"), low):
            return actor
    return ""


def _terms(text: str) -> frozenset[str]:
    """Content terms to look for in the Indonesian sources: an English question's are its
    Indonesian equivalents (its own English words are never in a regulation)."""
    if detect_language(text) == "en":  # with the source's own words the asker quotes: "(pemrofilan)"
        quoted = {t for m in _QUOTED.finditer(text) for t in tokenize(m.group(1) or m.group(2))}
        return frozenset(anchor_terms(expansion_terms(text)) | quoted)
    return frozenset(anchor_terms(text))


# what an English question quotes or puts in brackets ("'Pejabat yang Berwenang'", "(pemrofilan)"):
# the source's own words (an English word among them is in no source, and so never held against a unit)
_QUOTED = re.compile(r"(?<!\w)[\"“‘']([^\"”’']{3,60})[\"”’'](?!\w)|\(([^()]{3,60})\)")


_OWN_TERMS = 3  # an asking sentence with fewer content terms is read with the scenario around it


def analyse_question(question: str, asked: str = "") -> QuestionAnalysis:
    """The asks of ``question`` (at least one), its actor and terms.

    ``asked`` is the user's own words when ``question`` is the standalone form of a follow-up
    ("Seberapa sering audit TIK wajib dilakukan — Lalu siapa yang memimpin tim itu?"): what is asked
    comes from those words when they ask something of their own, the subject from the whole."""
    question = " ".join(question.split())
    asked = " ".join(asked.split())
    if asked and asked != question and ask_kind(asked) is not AskKind.GENERAL:
        own = analyse_question(asked)
        terms = _terms(question)
        # "-nya", "itu": the subject was named earlier; what is asked of it is in the user's own words
        asks = tuple(Ask(a.kind, a.text, a.terms | terms, focus=a.terms) for a in own.asks)
        return QuestionAnalysis(question, asks, own.actor or actor_of(question), terms)
    parts = [p for p in _SECOND_ASK.split(question) if p and p.strip()]
    terms = _terms(question)
    asks: list[Ask] = []
    for part in parts or [question]:
        kind = ask_kind(part)
        if asks and kind in (AskKind.GENERAL, AskKind.YESNO) and len(part.split()) < 3:
            continue  # a stray "dan" joining two nouns, not a second question
        # the terms of the sentence that asks; of the whole part when it says too little on its own
        own = _terms(asking_sentences(part, kind))
        if len(own) < _OWN_TERMS:
            own = _terms(part) or terms
        asks.append(Ask(kind, part.strip(" ?"), own | terms if len(own) < 2 else own))
    if not asks:
        asks.append(Ask(ask_kind(question), question, terms))
    # Two asks of the same kind are one ask ("siapa ... dan siapa ...").
    merged: list[Ask] = []
    for ask in asks:
        if merged and merged[-1].kind is ask.kind:
            merged[-1] = Ask(ask.kind, f"{merged[-1].text} {ask.text}", merged[-1].terms | ask.terms)
        else:
            merged.append(ask)
    return QuestionAnalysis(question, tuple(merged), asked_actor(question), terms)
