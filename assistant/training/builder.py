"""Build a training module for a topic and an audience from the indexed sources, extractively.

1. **Passages**: the topic is searched like a question; key points come only from primary sources
   (regulations, and speeches with their date), never from notes.
2. **Key points**: each passage is cut into units (ayat, sentences); a unit is kept when it is
   close to the topic (embedding model) and not a definition (those go to the glossary).
3. **Sections**: units are grouped where the law groups them (a regulation's BAB, a Lampiran
   section); the best groups become sections, followed by the obligations of the audience that
   the topic touches (from the register), the three pillars where the points carry them, and
   discussion cases from speeches.
4. **Glossary**: the Pasal 1 definitions of the terms the key points use.
5. **Quiz**: multiple-choice items on a deadline, an actor or a sanction of the obligations, whose
   distractors are the deadlines, actors or sanctions of other provisions; short-answer items on
   the glossary's definitions. Every answer is taken from the passage it cites.

Objectives and questions are templates around these extracted, cited fields.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from assistant.answering.citations import citation_label
from assistant.answering.units import split_units
from assistant.documents.model import PILLARS
from assistant.index.legal_links import defined_term
from assistant.obligations.actors import find_actors
from assistant.obligations.model import Obligation
from assistant.obligations.register import ObligationQuery, RegisterEntry
from assistant.retrieval import ScoredChunk, SearchFilters
from assistant.settings import TrainingSettings
from assistant.training.model import (
    AUDIENCES,
    GlossaryEntry,
    KeyPoint,
    ObligationPoint,
    QuizItem,
    Section,
    TrainingModule,
)

if TYPE_CHECKING:
    from assistant.api import Assistant

_WORDS: dict[str, dict[str, str]] = {
    "id": {
        "objective_topic": "Menjelaskan {title}.",
        "objective_obligations": "Menyebutkan kewajiban {actor} beserta tenggat dan sanksinya menurut {regs}.",
        "objective_pillars": "Mengaitkan materi dengan tiga pilar kepemimpinan digital: {pillars}.",
        "objective_cases": "Membahas penerapannya melalui pernyataan pimpinan dalam kasus nyata.",
        "section_obligations": "Kewajiban dan tenggat bagi {actor}",
        "section_pillars": "Lensa tiga pilar kepemimpinan digital",
        "section_cases": "Kasus untuk diskusi",
        "case_prompt": "Diskusikan: apa yang dapat diterapkan dari pernyataan ini di instansi Anda, dan apa hambatannya?",
        "q_deadline": "Menurut {citation}, paling lambat kapan ketentuan berikut harus dipenuhi: “{action}”?",
        "q_actor": "Menurut {citation}, siapa yang {modality}: “{action}”?",
        "q_sanction": "Apa akibat yang ditetapkan bagi pelanggaran {citation}?",
        "q_definition": "Apa yang dimaksud dengan {term} menurut {citation}?",
        "pillar_structure": "struktur digital", "pillar_competence": "kompetensi digital", "pillar_culture": "budaya digital",
        "in": "{title} ({where})",
        "must": "wajib", "must_not": "dilarang", "may": "berwenang",
    },
    "en": {
        "objective_topic": "Explain {title}.",
        "objective_obligations": "Name the obligations of {actor} with their deadlines and sanctions under {regs}.",
        "objective_pillars": "Relate the material to the three pillars of digital leadership: {pillars}.",
        "objective_cases": "Discuss how it applies through statements of leaders in real cases.",
        "section_obligations": "Obligations and deadlines of {actor}",
        "section_pillars": "The three pillars of digital leadership",
        "section_cases": "Cases for discussion",
        "case_prompt": "Discuss: what from this statement can your agency apply, and what stands in the way?",
        "q_deadline": "Under {citation}, by when must the following be done: “{action}”?",
        "q_actor": "Under {citation}, who {modality}: “{action}”?",
        "q_sanction": "What does the law impose for breaking {citation}?",
        "q_definition": "What does {term} mean under {citation}?",
        "pillar_structure": "digital structure", "pillar_competence": "digital competence", "pillar_culture": "digital culture",
        "in": "{title} ({where})",
        "must": "must", "must_not": "must not", "may": "may",
    },
}
_PRIMARY = ("regulation", "speech")
# a list item cut from its list, or a sentence that points at a table or figure the module cannot show
_FRAGMENT = re.compile(r"^\d{1,2}\.\s|\b(?:Tabel|Gambar)\s+\d+", re.I)
_AYAT_MARK = re.compile(r"^\(\d+[a-z]?\)\s+")
_CUKUP_JELAS = re.compile(r"(?i)^\s*(?:ayat\s*\(\d+\)\s*)?cukup\s+jelas\.?\s*$")


@dataclass(frozen=True)
class _Unit:
    text: str
    hit: ScoredChunk
    ayat: str
    closeness: float

    @property
    def citation(self) -> str:
        return citation_label(self.hit.metadata, self.ayat or None)

    @property
    def group(self) -> tuple[str, str]:
        """Where the law groups it: (document, BAB or Lampiran section)."""
        meta = self.hit.metadata
        name = str(meta.get("short_name") or meta.get("title") or "")
        crumb = [c.strip() for c in str(meta.get("breadcrumb", "")).split(">")]
        chapters = [c for c in crumb if c.upper().startswith("BAB ")]  # in a Lampiran too: its own BAB
        part = chapters[-1] if chapters else ""
        if not part and meta.get("part") == "lampiran":
            part = next((c for c in crumb if c.upper().startswith("LAMPIRAN")), "Lampiran")
        return name, part or str(meta.get("tentang", ""))


def _words(language: str) -> dict[str, str]:
    return _WORDS["en" if language == "en" else "id"]


def _heading(part: str) -> str:
    """"BAB II ARSITEKTUR SPBE NASIONAL" -> "Arsitektur SPBE Nasional"."""
    title = re.sub(r"^(?:BAB\s+[IVXLC]+\.?\s*|Lampiran\s*)", "", part, flags=re.I).strip(" -:")
    if title.isupper():
        title = " ".join(w if len(w) <= 4 and w.isalpha() and w in {"SPBE", "ASN", "TIK", "PDP"} else w.capitalize()
                         for w in title.split())
    return title or part


class ModuleBuilder:
    def __init__(self, assistant: Assistant, settings: TrainingSettings):
        self.assistant = assistant
        self.settings = settings

    def build(self, topic: str, audience: str = "tim_spbe", quiz: int | None = None, language: str = "id") -> TrainingModule:
        if audience not in AUDIENCES:
            raise ValueError(f"unknown audience {audience!r}; one of {', '.join(AUDIENCES)}")
        if not topic.strip():
            raise ValueError("a topic is needed")
        started = time.perf_counter()
        words = _words(language)
        units = self._units(topic)
        sections = self._topic_sections(units, words)
        actor = AUDIENCES[audience]
        regulations = sorted({str(u.hit.metadata.get("short_name")) for u in units if u.hit.metadata.get("doc_type") == "regulation"})
        entries = self._obligations(topic, actor, regulations)
        extra: list[Section] = []
        if entries:
            extra.append(Section(words["section_obligations"].format(actor=actor),
                                 tuple(KeyPoint(e.obligation.quote, e.obligation.citation, e.obligation.chunk_id,
                                                e.obligation.pillars) for e in entries), "obligations"))
        shown = {p.text for sec in sections[: self.settings.max_sections] for p in sec.points}
        pillar_points = self._pillar_points([u for u in units if u.text not in shown] or units)
        if len(pillar_points) >= 2:
            extra.append(Section(words["section_pillars"], tuple(pillar_points), "pillars"))
        cases = self._cases(topic, words)
        if cases:
            extra.append(Section(words["section_cases"], tuple(cases), "cases"))
        listed = {p.text for section in extra for p in section.points if section.kind == "obligations"}
        sections = [replace(sec, points=tuple(p for p in sec.points if p.text not in listed)) for sec in sections]
        sections = [sec for sec in sections if sec.points]
        room = self.settings.max_sections - len(extra)
        sections = sections[: max(room, self.settings.min_sections - len(extra))]
        all_sections = tuple(sections + extra)[: self.settings.max_sections]
        glossary = self._glossary(all_sections, regulations)
        module = TrainingModule(
            topic=topic.strip(), audience=audience, language="en" if language == "en" else "id",
            objectives=self._objectives(all_sections, entries, actor, words),
            sections=all_sections, glossary=glossary,
            obligations=tuple(_obligation_point(e.obligation) for e in entries),
            quiz=(), created=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        )
        items = self._quiz(module, entries, words, self.settings.quiz_items if quiz is None else quiz)
        return replace(module, quiz=tuple(items), seconds=round(time.perf_counter() - started, 2))

    # -- key points -------------------------------------------------------------------------
    def _units(self, topic: str) -> list[_Unit]:
        result = self.assistant.retrieve(topic, k=self.settings.passages, filters=SearchFilters(doc_types=_PRIMARY))
        candidates: list[tuple[str, ScoredChunk, str]] = []
        for rank, hit in enumerate(result.hits):
            meta = hit.metadata
            if meta.get("part") == "pembukaan" or meta.get("angka") or not meta.get("verified", True):
                continue
            if meta.get("doc_type") == "speech" and not meta.get("date"):
                continue
            for unit in split_units(hit, rank):
                text = _AYAT_MARK.sub("", unit.text)  # the citation names the ayat
                words = len(text.split())
                if self.settings.min_point_words <= words <= self.settings.max_point_words and _reads_as_a_statement(text):
                    candidates.append((text, hit, unit.ayat))
        closeness = self.assistant.closeness(topic, [c[0] for c in candidates])
        units = [_Unit(text, hit, ayat, score) for (text, hit, ayat), score in zip(candidates, closeness)]
        if not units:
            return []
        best = max(u.closeness for u in units)
        kept = [u for u in units if u.closeness >= best - self.settings.closeness_margin]
        kept.sort(key=lambda u: -u.closeness)
        seen: set[str] = set()
        unique = []
        for u in kept:
            key = " ".join(u.text.lower().split()[:12])
            if key not in seen:
                seen.add(key)
                unique.append(u)
        return unique

    def _topic_sections(self, units: list[_Unit], words: dict[str, str]) -> list[Section]:
        groups: dict[tuple[str, str], list[_Unit]] = {}
        for u in units:
            if u.hit.metadata.get("doc_type") != "regulation":
                continue  # speeches make the cases
            groups.setdefault(u.group, []).append(u)
        ranked = sorted(groups.items(), key=lambda kv: -max(u.closeness for u in kv[1]))
        sections = []
        for (name, part), members in ranked:
            members.sort(key=lambda u: (-u.closeness))
            points = tuple(KeyPoint(u.text, u.citation, u.hit.id, _pillars(u.hit)) for u in members[: self.settings.points_per_section])
            title = words["in"].format(title=_heading(part), where=name) if part else name
            sections.append(Section(title, points, "topic"))
        return sections

    def _pillar_points(self, units: list[_Unit]) -> list[KeyPoint]:
        """For each pillar the points carry, the point closest to the topic that no other pillar took."""
        points: list[KeyPoint] = []
        for pillar in PILLARS:
            best = next((u for u in units if pillar in _pillars(u.hit) and u.hit.metadata.get("doc_type") == "regulation"
                         and all(u.text != p.text for p in points)), None)
            if best is not None:
                points.append(KeyPoint(best.text, best.citation, best.hit.id, (pillar,)))
        return points

    def _cases(self, topic: str, words: dict[str, str]) -> list[KeyPoint]:
        result = self.assistant.retrieve(topic, k=self.settings.cases * 2, filters=SearchFilters(doc_types=("speech",)))
        points: list[KeyPoint] = []
        for rank, hit in enumerate(result.hits):
            if not hit.metadata.get("date") or not hit.metadata.get("verified", True):
                continue
            speaker = str(hit.metadata.get("speaker", ""))
            units = [u for u in split_units(hit, rank)
                     if len(u.text.split()) >= self.settings.min_point_words and _attributed(u.text, speaker)]
            if not units:
                continue
            closeness = self.assistant.closeness(topic, [u.text for u in units])
            best = units[max(range(len(units)), key=closeness.__getitem__)]
            points.append(KeyPoint(best.text, citation_label(hit.metadata), hit.id, _pillars(hit), words["case_prompt"]))
            if len(points) >= self.settings.cases:
                break
        return points

    # -- obligations, glossary, objectives ---------------------------------------------------
    def _obligations(self, topic: str, actor: str, regulations: Sequence[str]) -> list[RegisterEntry]:
        entries = [e for e in self.assistant.obligations(ObligationQuery(actor=actor))
                   if e.obligation.regulation in regulations or e.obligation.amended_by in regulations]
        if not entries:
            return []
        closeness = self.assistant.closeness(topic, [e.obligation.quote for e in entries])
        ranked = sorted(zip(closeness, range(len(entries))), reverse=True)
        best = ranked[0][0]
        chosen = [entries[i] for score, i in ranked if score >= best - self.settings.closeness_margin]
        return chosen[: self.settings.obligations]

    def _glossary(self, sections: Sequence[Section], regulations: Sequence[str]) -> tuple[GlossaryEntry, ...]:
        text = " ".join(p.text for s in sections for p in s.points).lower()
        found: dict[str, GlossaryEntry] = {}
        for chunk in self.assistant.index.reader.chunks().values():
            meta = chunk.metadata
            if not meta.get("angka") or meta.get("short_name") not in regulations:
                continue
            defined = defined_term(chunk.text)
            if defined is None:
                continue
            term, abbr = defined
            if any(name and re.search(rf"\b{re.escape(name.lower())}\b", text) for name in (term, abbr)):
                key = term.lower()
                if key not in found:
                    found[key] = GlossaryEntry(f"{term} ({abbr})" if abbr else term, " ".join(chunk.text.split()),
                                               citation_label(meta), chunk.id)
        return tuple(sorted(found.values(), key=lambda g: g.term.lower()))[: self.settings.glossary]

    @staticmethod
    def _objectives(sections: Sequence[Section], entries: Sequence[RegisterEntry], actor: str,
                    words: dict[str, str]) -> tuple[str, ...]:
        objectives = []
        for section in sections:
            if section.kind == "topic":
                objectives.append(words["objective_topic"].format(title=section.title))
            elif section.kind == "obligations":
                regs = ", ".join(sorted({e.obligation.regulation for e in entries}))
                objectives.append(words["objective_obligations"].format(actor=actor, regs=regs))
            elif section.kind == "pillars":
                names = ", ".join(words[f"pillar_{p}"] for p in PILLARS if any(p in pt.pillars for pt in section.points))
                objectives.append(words["objective_pillars"].format(pillars=names))
            else:
                objectives.append(words["objective_cases"])
        return tuple(objectives)

    # -- quiz --------------------------------------------------------------------------------
    def _quiz(self, module: TrainingModule, entries: Sequence[RegisterEntry], words: dict[str, str], n: int) -> list[QuizItem]:
        if n <= 0:
            return []
        pool = [e.obligation for e in self.assistant.obligations()]  # neighbouring provisions give the distractors
        makers: dict[str, list] = {"deadline": [], "actor": [], "sanction": [], "definition": []}
        for e in entries:
            o = e.obligation
            if o.deadline:
                makers["deadline"].append(lambda o=o: _deadline_item(o, pool, words))
            if o.actor:
                makers["actor"].append(lambda o=o: _actor_item(o, pool, words))
            if o.sanctions:
                makers["sanction"].append(lambda o=o: _sanction_item(o, pool, words))
        for g in module.glossary:
            makers["definition"].append(lambda g=g: _definition_item(g, words))
        items: list[QuizItem] = []
        for make in _round_robin(list(makers.values())):  # a deadline, an actor, a sanction, a definition, ...
            item = make()
            if item is not None and all(item.question != other.question for other in items):
                items.append(item)
            if len(items) >= n:
                break
        return items


def _reads_as_a_statement(text: str) -> bool:
    """A sentence a trainer can put on a slide: it ends as a sentence or list item does, and is not
    the text of a table flattened by PDF conversion (runs of capitalised labels and numbers) nor a
    lead-in whose list was cut off, nor "Cukup jelas"."""
    stripped = text.strip()
    if _CUKUP_JELAS.match(stripped) or not stripped.endswith((".", ";")) or _FRAGMENT.search(stripped):
        return False
    words = stripped.split()
    capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return capitalised / len(words) < 0.5


def _attributed(text: str, speaker: str) -> bool:
    """Does the sentence report what the speaker said ("Menurut Menteri PANRB Abdullah Azwar Anas,
    ...", "ia meminta ...")? A speech's file also holds the reporter's or editor's own sentences,
    which must not be put in the speaker's mouth."""
    names = [n for n in re.findall(r"\w+", speaker) if len(n) >= 4]
    return bool(any(re.search(rf"\b{re.escape(n)}\b", text) for n in names)
                or re.search(r"(?i)\b(?:ia|beliau|menurutnya|katanya|ujarnya)\b", text))


def _pillars(hit: ScoredChunk) -> tuple[str, ...]:
    return tuple(p for p in PILLARS if hit.metadata.get(f"pillar_{p}"))


def _obligation_point(o: Obligation) -> ObligationPoint:
    return ObligationPoint(o.citation, o.actor_label, o.modality, o.action, o.deadline, o.deadline_date,
                           o.sanction_text, o.chunk_id)


def _round_robin(queues: list[list]) -> list:
    """One from each queue in turn, until all are empty."""
    order, depth = [], max((len(q) for q in queues), default=0)
    for i in range(depth):
        order += [q[i] for q in queues if i < len(q)]
    return order


def _shuffled(answer: str, distractors: list[str], seed: str) -> tuple[str, ...]:
    options = [answer, *distractors]
    random.Random(hashlib.sha256(seed.encode()).hexdigest()).shuffle(options)
    return tuple(options)


def _distinct(values: Sequence[tuple[str, str]], answer: str, n: int = 3) -> tuple[list[str], list[str]]:
    """Up to ``n`` (value, citation) of other provisions whose value differs from the answer."""
    seen = {answer.strip().lower()}
    chosen, sources = [], []
    for value, citation in values:
        key = value.strip().lower()
        # "Pemerintah" beside "Pemerintah daerah" would be a trap, not a distractor
        if value and not any(key in other or other in key for other in seen):
            seen.add(key)
            chosen.append(value)
            sources.append(citation)
        if len(chosen) >= n:
            break
    return chosen, sources


def _neighbours(o: Obligation, pool: Sequence[Obligation]) -> list[Obligation]:
    """Other provisions, the same regulation's first."""
    others = [p for p in pool if p.id != o.id]
    return sorted(others, key=lambda p: (p.regulation != o.regulation, p.regulation, p.pasal, p.ayat))


def _blank(action: str, phrase: str) -> str:
    return action.replace(phrase, "…") if phrase else action


def _short(text: str, limit: int = 220) -> str:
    return text if len(text) <= limit else text[: limit].rsplit(" ", 1)[0] + " …"


def _deadline_item(o: Obligation, pool: Sequence[Obligation], words: dict[str, str]) -> QuizItem | None:
    values = [(p.deadline, p.citation) for p in _neighbours(o, pool) if p.deadline]
    distractors, sources = _distinct(values, o.deadline)
    if len(distractors) < 2:
        return None
    question = words["q_deadline"].format(citation=o.citation, action=_short(_blank(o.action, o.deadline)))
    return QuizItem("choice", question, o.deadline, _shuffled(o.deadline, distractors, question), o.citation,
                    o.chunk_id, tuple(sources))


def _names_an_actor(o: Obligation) -> bool:
    """Is the actor as written a name ("Kepala daerah", "Pengendali Data Pribadi"), not a longer
    subject that only mentions one ("Pembangunan infrastruktur SPBE Instansi Pusat")?"""
    return bool(o.actors) and len(o.actor.split()) <= 5 and find_actors(o.actor)[:1] == [o.actors[0]] and \
        o.actor.lower().startswith(tuple(w.lower() for w in o.actors[0].split()[:1]))


def _actor_item(o: Obligation, pool: Sequence[Obligation], words: dict[str, str]) -> QuizItem | None:
    if not _names_an_actor(o) or re.search(rf"(?i){re.escape(o.actor)}\s*(?:,|dan\b|atau\b)", o.quote):
        return None  # several actors share the duty: naming one would be half an answer
    mine = {a.lower() for a in o.actors} | {o.actor.lower()}
    values = [(p.actor, p.citation) for p in _neighbours(o, pool)
              if _names_an_actor(p) and not ({a.lower() for a in p.actors} & mine)]
    distractors, sources = _distinct(values, o.actor)
    if len(distractors) < 2:
        return None
    action = re.sub(r"(?i)^(?:wajib|harus|berkewajiban|dilarang|dapat|berwenang)\s+", "", o.action)
    action = re.sub(re.escape(o.actor), "…", action, flags=re.I)  # the question must not hold its answer
    question = words["q_actor"].format(citation=o.citation, modality=words[o.modality], action=_short(action))
    return QuizItem("choice", question, o.actor, _shuffled(o.actor, distractors, question), o.citation, o.chunk_id,
                    tuple(sources))


def _sanction_item(o: Obligation, pool: Sequence[Obligation], words: dict[str, str]) -> QuizItem | None:
    answer = o.sanctions[0]
    values = [(s.text, s.citation) for p in _neighbours(o, pool) for s in p.sanctions]
    distractors, sources = _distinct(values, answer.text)
    if len(distractors) < 2:
        return None
    question = words["q_sanction"].format(citation=o.citation)
    return QuizItem("choice", question, answer.text, _shuffled(answer.text, distractors, question), answer.citation,
                    answer.chunk_id, tuple(sources))


def _definition_item(g: GlossaryEntry, words: dict[str, str]) -> QuizItem:
    term = g.term.split(" (")[0]
    body = re.sub(r"^\s*\d{1,3}\.\s+", "", g.definition)
    m = re.search(r"\b(?:adalah|ialah|merupakan)\b\s*(.+)$", body)
    answer = (m.group(1) if m else body).rstrip(".")
    return QuizItem("short", words["q_definition"].format(term=term, citation=g.citation), answer, (), g.citation, g.chunk_id)
