"""Obligations read out of indexed regulation passages.

A clause (an ayat, or a lettered item under a lead-in such as "Penyelenggara berkewajiban:")
obliges, forbids or empowers when

- it says so: "wajib", "harus", "berkewajiban", "bertanggung jawab atas" (must); "dilarang",
  "tidak boleh" (must not); "dapat" or "berwenang" before an active verb (may: a power or a
  discretion; a right, "berhak", is not an obligation of the one who holds it);
- or it sets a deadline for doing something ("Pemerintah Daerah menetapkan ... paling lambat tahun
  2023", "Pembangunan infrastruktur ... dilaksanakan paling lambat 2 (dua) tahun sejak ...").

Not obligations: Pasal 1 definitions, the preamble, Penjelasan and Lampiran, a clause that itself
imposes a sanction ("dikenai sanksi", "dipidana"), and a delegation ("Ketentuan lebih lanjut ...
diatur dengan Peraturan Menteri").

The actor is read from the subject (the words before the modal word, after a leading "Dalam hal
..., " condition) or, for a passive clause, after "oleh". The deadline is resolved through the
regulation's own dates (``answering.deadlines``); the recurrence is read from the clause or its
Penjelasan; the sanctions are the clauses of the same regulation that impose a sanction and name
this provision (Pasal 57 ayat (1) UU 27/2022 on the obligations it lists).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from assistant.answering.deadlines import find_deadlines
from assistant.documents.model import PILLARS
from assistant.documents.names import format_citation
from assistant.documents.regulation.references import extract_references
from assistant.obligations.actors import actor_spans, find_actors
from assistant.obligations.clauses import Clause, penjelasan_for, split_ayat, split_clauses
from assistant.obligations.model import Modality, Obligation, Sanction

_I = re.IGNORECASE
_MUST = re.compile(r"\b(?:wajib|harus|berkewajiban|diwajibkan|bertanggung\s+jawab\s+(?:atas|terhadap|untuk|dalam|menjamin))\b", _I)
_MUST_NOT = re.compile(r"\b(?:dilarang|tidak\s+boleh|tidak\s+diperbolehkan|tidak\s+diperkenankan)\b", _I)
# "dapat"/"berwenang" grant a power only before an active verb: "dapat membentuk", not "dapat berupa"
# or "dapat diakses"; "berhak" grants a right.
# "dapat menjadi/memperoleh" is eligibility, not a power.
_MAY = re.compile(r"(?<!\byang\s)\b(?:(?:dapat|berwenang)\s+(?=(?:me|mem|men|meng|meny|memper|ber)[a-z]{2,})"
                  r"(?!berupa\b|berasal\b|berbentuk\b|berlaku\b|menjadi\b|memperoleh\b|mendapat(?:kan)?\b|menerima\b)"
                  r"|(?:dapat|berwenang)\s*:)", _I)
_SANCTION = re.compile(r"\b(?:dikenai|dikenakan|dijatuhi|dijatuhkan)\s+(?:sanksi|hukuman)|\bdipidana\b|\bsanksi\s+administratif\b", _I)
_CRIMINAL = re.compile(r"\bdipidana\b|\bpidana\s+(?:penjara|denda|kurungan)\b", _I)
# a delegation to a regulation still to be made: "Ketentuan lebih lanjut ... diatur dengan Peraturan
# Menteri", "Peraturan pelaksanaan ... harus ditetapkan paling lama 6 (enam) bulan ..."
_DELEGATION = re.compile(r"^\s*(?:(?:ketentuan|pengaturan)\b[^.]{0,300}?\bdiatur\s+(?:dengan|dalam)\b"
                         r"|peraturan\s+(?:pelaksanaan|pemerintah|presiden|menteri|daerah)\b[^.]{0,300}?\bditetapkan\b)", _I)
_CONDITION = re.compile(r"^(?:dalam|apabila|jika|bila|untuk|guna|selain|sebelum|setelah|sesudah|sepanjang|berdasarkan"
                        r"|sejak|selama|terhadap|atas|pada\s+saat)\b[^,]{0,240},\s*", _I)
_BY = re.compile(r"\boleh\s+([^,.;:]{3,120})", _I)
# the first verb of a clause: "menetapkan", "dilaksanakan", "berkoordinasi" (not "pembangunan")
_VERB = re.compile(r"\b(?:me(?:m|n|ng|ny)?|di|ber)[a-z]{3,}(?:kan|i|an)?\b(?<!\bdalam)(?<!\bdi)", _I)
# a subject that is a rule, not someone: "Ketentuan Manajemen ASN dalam Undang-Undang ini dilaksanakan ..."
_SUBJECT_HEAD = re.compile(r"\s+(?:yang|sebagaimana|selaku|dalam|kecuali)\s+", _I)
# a task given by naming who does it: "Menteri menetapkan ...", "... diselenggarakan oleh kepala daerah"
# (not a description: "Presiden memegang ...", "Tim ... terdiri atas ...")
_DESCRIPTIVE_VERB = re.compile(r"^(?:merupakan|memiliki|mempunyai|meliputi|memuat|mencakup|menjadi|terdiri|berkedudukan"
                               r"|berasal|berlaku|bertujuan|berfungsi|berdasarkan|berperan|memegang|menyatakan\s+berlaku"
                               r"|berhak|berwenang|bersifat|berbentuk|berupa|berjumlah|beranggotakan)\b", _I)
_PASSIVE_BY = re.compile(r"(?<!\byang\s)\b(di[a-z]{3,}(?:kan|i)?)\s+oleh\s+([^,.;:]{3,120})", _I)
_TIMING = re.compile(r"\bsebelum\s+[^,.;:]{3,80}", _I)
_IN_FORCE_OPENING = re.compile(r"^\s*pada\s+saat\s+(undang-undang|peraturan\s+\w+)\s+ini\s+mulai\s+berlaku", _I)
_RULE_SUBJECT = re.compile(r"^(?:ketentuan|pengaturan|peraturan|undang-undang|kebijakan)\b", _I)
_RECURRENCE = re.compile(
    r"(?:paling\s+sedikit|sekurang-kurangnya|minimal|paling\s+banyak)\s+\d+\s*\([^)]*\)\s+kali\s+dalam\s+"
    r"(?:\d+\s*\([^)]*\)\s+)?(?:tahun|bulan|semester|triwulan|minggu)(?:\s+anggaran)?"
    r"|(?:paling\s+sedikit|sekurang-kurangnya|minimal)\s+(?:1\s*\(satu\)|satu)\s+kali\s+(?:dalam\s+)?(?:setahun|sebulan)"
    r"|setiap\s+(?:akhir\s+)?(?:\d+\s*\([^)]*\)\s+)?(?:tahun|bulan|semester|triwulan|minggu|hari)(?:\s+anggaran)?"
    r"|(?:(?:paling\s+sedikit|sekurang-kurangnya|minimal)\s+)?\d+\s*\([^)]*\)\s+(?:tahun|bulan|semester|minggu)\s+sekali"
    r"|secara\s+berkala|\bberkala\b|\btahunan\b|\bsetahun\s+sekali\b", _I)
_SANCTION_PHRASE = re.compile(r"\b(?:dikenai|dikenakan|dijatuhi|dipidana)\b[^.;]*", _I)


@dataclass(frozen=True)
class _SanctionClause:
    citation: str
    text: str
    kind: str
    targets: frozenset[tuple[str, str, str]]  # (pasal, ayat, huruf) it sanctions; "" = the whole of it
    chunk_id: str


def modality_of(text: str, has_deadline: bool) -> Modality | None:
    """The modality a clause states, or None when it neither obliges, forbids nor empowers."""
    if _SANCTION.search(text) or _DELEGATION.search(text):
        return None
    found = [(m.start(), name) for name, rx in (("must_not", _MUST_NOT), ("must", _MUST), ("may", _MAY))
             if (m := rx.search(text))]
    if found:  # the main clause's word comes first: "dapat ... dengan ketentuan: ... wajib ..." is a power
        return min(found)[1]  # type: ignore[return-value]
    return "must" if has_deadline or assigns_task(text) else None


def _main_verb(body: str) -> re.Match[str] | None:
    """The first verb of a clause's main sentence (``body``, without its leading condition): not a
    verb of a relative clause ("yang tidak melakukan"), nor a word of an actor's name ("Menteri")."""
    names = [m.span() for m in actor_spans(body)]
    for m in _VERB.finditer(body):
        if any(start <= m.start() < end for start, end in names):
            continue
        if not re.search(r"(?i)\b(?:yang|untuk|dalam|dengan|sebagai|sebagaimana)\s+(?:(?:tidak|telah|akan|sudah|belum)\s+)?$",
                         body[: m.start()]):
            return m
    return None


def assigns_task(text: str) -> bool:
    """Does the clause give a named actor something to do without a modal word? "Menteri menetapkan
    kebijakan ...", "Kementerian/lembaga ...: a. menyediakan ...", "... diselenggarakan oleh tim
    koordinasi SPBE nasional"."""
    body = _CONDITION.sub("", text.strip())
    verb = _main_verb(body)
    if verb is None or _DESCRIPTIVE_VERB.match(verb.group(0)):
        return False
    if verb.group(0).lower().startswith("di"):  # passive: a task when its agent is named
        return bool(re.match(r"(?i)\s+oleh\s+\S", body[verb.end():]))
    return bool(find_actors(_SUBJECT_HEAD.split(body[: verb.start()], maxsplit=1)[0]))


def _modal_start(text: str) -> int:
    """Where the modal word (or, without one, the deadline's verb phrase) starts."""
    found = [m.start() for rx in (_MUST_NOT, _MUST, _MAY) if (m := rx.search(text))]
    return min(found) if found else -1


def _subject(text: str, at: int) -> str:
    """The words before the modal word, without a leading condition ("Dalam hal ..., ")."""
    head = text[:at] if at >= 0 else text
    head = _CONDITION.sub("", head.strip())
    return head.strip(" ,")


def _actor(text: str, lead: str) -> tuple[str, tuple[str, ...]]:
    """The actor as written and the canonical actors of a clause."""
    source = lead or text
    at = _modal_start(source)
    has_modal = at >= 0
    if at < 0:  # no modal word: the subject is what precedes the main verb
        body = _CONDITION.sub("", source.strip())
        verb = _main_verb(body)
        at = source.find(body[verb.start():]) if verb else -1
    subject = _subject(source, at)
    if _RULE_SUBJECT.match(subject):  # a rule to be carried out: whoever must do it is not named
        subject = ""
    passive = _PASSIVE_BY.search(source[at:] if at >= 0 else source)
    agents = find_actors(passive.group(2)) if passive else []
    if passive and agents:  # "... diselenggarakan oleh kepala daerah": the agent acts
        return passive.group(2).strip(), tuple(agents)
    head = _SUBJECT_HEAD.split(subject, maxsplit=1)[0].strip()  # "PNS yang mencalonkan diri sebagai gubernur"
    actors = find_actors(head)
    subject = head or subject
    by = _PASSIVE_BY.search(source) or _BY.search(source[at:] if at >= 0 else source)
    if not actors and by:  # "... dilakukan oleh Wali Layanan terkait": the agent is the actor
        agent = by.group(by.lastindex or 1).strip()
        return agent, tuple(find_actors(agent))
    if not actors and not has_modal:  # a thing to be done by a deadline, nobody named
        return "", ()
    return " ".join(subject.split()[:10]), tuple(actors)


def _recurrence(text: str, penjelasan: str) -> tuple[str, str]:
    """How often, as written: the most precise phrase ("sekurang-kurangnya 1 (satu) tahun sekali"
    over "secara berkala"), from the clause, else from its Penjelasan."""
    for source, where in ((text, "ayat"), (penjelasan, "penjelasan")):
        found = [" ".join(m.group(0).split()) for m in _RECURRENCE.finditer(source)]
        if found:
            return max(found, key=lambda f: (bool(re.search(r"\d", f)), len(f))), where
    return "", ""


def _own_dates(meta: Mapping[str, Any]) -> dict[str, str]:
    return {name: str(meta.get(name) or "") for name in ("ditetapkan", "diundangkan", "berlaku")}


def _sanction_clauses(passages: Iterable[Any]) -> list[_SanctionClause]:
    """The clauses of one regulation that impose a sanction for breaking named provisions."""
    found: list[_SanctionClause] = []
    for passage in passages:
        meta = passage.metadata
        regulation = str(meta.get("short_name", ""))
        for ayat, body in split_ayat(passage.text):
            if not _SANCTION.search(body):
                continue
            refs = extract_references(body, regulation=regulation, pasal=str(meta.get("pasal", "")), ayat=ayat)
            own = (str(meta.get("pasal", "")), ayat)
            targets = frozenset((r.pasal, r.ayat, r.huruf) for r in refs
                                if (r.regulation or regulation) == regulation and (r.pasal, r.ayat) != own)
            if not targets:
                continue
            phrase = _SANCTION_PHRASE.search(body)
            text = " ".join((phrase.group(0) if phrase else body).split())[:240]
            citation = format_citation({**meta, "ayat": ayat})
            kind = "criminal" if _CRIMINAL.search(body) else "administrative"
            found.append(_SanctionClause(citation, text, kind, targets, passage.id))
    return found


def _lists_duties(lead: str) -> bool:
    """Does a lead-in introduce one duty per lettered item ("Penyelenggara berkewajiban:", "wajib
    melakukan:") rather than the parts of one duty ("wajib menyampaikan Informasi mengenai:")?"""
    at = _modal_start(lead)
    if at < 0 or modality_of(lead, False) is None:
        return False
    rest = re.sub(r"(?i)\bsebagai\s+berikut\b", "", lead[at:]).rstrip(" :")
    return len(rest.split()) <= 3


def _targets(pasal: str, ayat: str, huruf: str, target: tuple[str, str, str]) -> bool:
    """Does a sanction naming ``target`` cover this clause? A whole Pasal covers its ayat, a whole
    ayat its items, and a clause that is a whole ayat is covered by a sanction on any of its items."""
    t_pasal, t_ayat, t_huruf = target
    return t_pasal == pasal and t_ayat in ("", ayat) and (t_huruf in ("", huruf) or not huruf)


def _sanctions_for(pasal: str, ayat: str, huruf: str, clauses: list[_SanctionClause]) -> tuple[Sanction, ...]:
    return tuple(Sanction(c.citation, c.text, c.kind, c.chunk_id) for c in clauses  # type: ignore[arg-type]
                 if any(_targets(pasal, ayat, huruf, t) for t in c.targets))


def extract_from_regulation(passages: list[Any], penjelasan: Mapping[str, str], superseded: set[str]) -> list[Obligation]:
    """The obligations of one regulation's batang tubuh passages (objects with ``id``, ``text`` and
    ``metadata``), given the Penjelasan text per Pasal and the Pasal superseded by an indexed
    amendment (their amended wording is extracted from the amending regulation instead)."""
    sanctions = _sanction_clauses(passages)
    obligations: list[Obligation] = []
    for passage in sorted(passages, key=lambda p: int(p.metadata.get("chunk_index", 0))):
        meta = passage.metadata
        pasal = str(meta.get("pasal", ""))
        if not pasal or meta.get("angka") or meta.get("change") == "dihapus" or pasal in superseded:
            continue
        regulation = str(meta.get("amends") or meta.get("short_name", ""))
        explained = penjelasan.get(pasal, "")
        for clause in split_clauses(passage.text, itemise=_lists_duties):
            obligation = _read_clause(passage, clause, regulation, explained, sanctions)
            if obligation is not None:
                obligations.append(obligation)
    return obligations


def _referred_actors(subject: str, passage: Any, clause: Clause) -> tuple[str, ...]:
    """The actors of a subject named by reference: "Pembina sebagaimana dimaksud pada ayat (2)
    huruf b" is whoever ayat (2) huruf b of the same Pasal names (the gubernur)."""
    pasal = str(passage.metadata.get("pasal", ""))
    refs = [r for r in extract_references(f"{subject} ", regulation=str(passage.metadata.get("short_name", "")),
                                          pasal=pasal, ayat=clause.ayat) if r.pasal == pasal]
    if not refs:
        return ()
    items = split_clauses(passage.text, itemise=lambda lead: True)
    found: list[str] = []
    for ref in refs:
        for item in items:
            if item.ayat == ref.ayat and (not ref.huruf or item.huruf == ref.huruf):
                body = item.text[len(item.lead):] if item.huruf else item.text
                found += [a for a in find_actors(body) if a not in found]
    return tuple(found)


def _deadline(text: str, action: str, deadlines: list[Any], meta: Mapping[str, Any]) -> tuple[str, str]:
    """The clause's deadline as written and its date. A period stated without its event counts
    from the entry into force when the clause opens with it ("Pada saat Undang-Undang ini mulai
    berlaku, ... paling lambat 2 (dua) tahun"); without a period, an order of events ("sebelum
    terjadi perubahan Informasi") is the deadline, undated."""
    if deadlines:
        first = deadlines[0]
        opening = _IN_FORCE_OPENING.match(text)
        if not first.date and not first.anchor and first.kind == "relative" and opening:
            counted = find_deadlines(f"{first.text} sejak {opening.group(1)} ini mulai berlaku", **_own_dates(meta))
            if counted and counted[0].date:
                return first.text, counted[0].date
        return first.text, first.date
    timing = _TIMING.search(action)
    return (" ".join(timing.group(0).split()), "") if timing else ("", "")


def _read_clause(passage: Any, clause: Clause, regulation: str, explained: str,
                 sanctions: list[_SanctionClause]) -> Obligation | None:
    meta = passage.metadata
    deadlines = find_deadlines(clause.text, **_own_dates(meta))
    modality = modality_of(clause.text, bool(deadlines))
    if modality is None:
        return None
    actor, actors = _actor(clause.text, clause.lead)
    at = _modal_start(clause.lead or clause.text)
    subject = _subject(clause.lead or clause.text, at) if at > 0 else ""
    if actor and not actors and re.match(r"(?i)^(?:\S+\s+){1,5}sebagaimana\s+dimaksud", subject):
        actors = _referred_actors(subject, passage, clause)
    if clause.huruf:
        lead_action = clause.lead[at:] if at >= 0 else clause.lead
        action = f"{lead_action} {clause.text[len(clause.lead):].strip()}".strip()
    else:
        action = clause.text[at:] if at >= 0 else clause.text
    penjelasan = penjelasan_for(explained, clause.ayat) if explained else ""
    recurrence, recurrence_source = _recurrence(clause.text, penjelasan)
    deadline, deadline_date = _deadline(clause.text, action, deadlines, meta)
    pasal = str(meta.get("pasal", ""))
    return Obligation(
        id="|".join((str(meta.get("doc_id", "")), pasal, clause.ayat, clause.huruf)),
        regulation=regulation,
        doc_id=str(meta.get("doc_id", "")),
        chunk_id=passage.id,
        pasal=pasal,
        ayat=clause.ayat,
        huruf=clause.huruf,
        citation=format_citation({**meta, "ayat": clause.ayat}, huruf=clause.huruf),
        actor=actor,
        actors=actors,
        modality=modality,
        action=action.strip(),
        quote=clause.text,
        deadline=deadline,
        deadline_date=deadline_date,
        recurrence=recurrence,
        recurrence_source=recurrence_source,
        penjelasan=penjelasan,
        sanctions=_sanctions_for(pasal, clause.ayat, clause.huruf, sanctions) if not meta.get("amends") else (),
        pillars=tuple(p for p in PILLARS if meta.get(f"pillar_{p}")),
        amended_by=str(meta.get("short_name", "")) if meta.get("amends") else "",
        tahun=str(meta.get("tahun", "")),
    )


def extract_obligations(chunks: Mapping[str, Any]) -> list[Obligation]:
    """Every obligation in the indexed regulations (chunks: id -> an object with ``id``, ``text``
    and ``metadata``), regulation by regulation."""
    by_doc: dict[str, list[Any]] = {}
    explanations: dict[tuple[str, str], str] = {}
    amended: dict[str, set[str]] = {}
    for chunk in chunks.values():
        meta = chunk.metadata
        if meta.get("doc_type") != "regulation":
            continue
        part = meta.get("part")
        if part == "penjelasan" and meta.get("pasal"):
            key = (str(meta.get("doc_id")), str(meta["pasal"]))
            explanations[key] = (explanations.get(key, "") + "\n" + chunk.text).strip()
        elif part == "batang_tubuh":
            by_doc.setdefault(str(meta.get("doc_id")), []).append(chunk)
            if meta.get("amends") and meta.get("pasal"):
                amended.setdefault(str(meta["amends"]), set()).add(str(meta["pasal"]))
    obligations: list[Obligation] = []
    for doc_id, passages in sorted(by_doc.items()):
        short = str(passages[0].metadata.get("short_name", ""))
        penjelasan = {pasal: text for (doc, pasal), text in explanations.items() if doc == doc_id}
        obligations += extract_from_regulation(passages, penjelasan, amended.get(short, set()))
    return obligations
