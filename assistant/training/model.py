"""A training module built from cited sources: objectives, sections of key points, a glossary,
the obligations that apply, discussion cases and a quiz. Every statement of substance is a quote
or an extracted value with the passage it comes from (``chunk_id``) and its citation.

Modules are plain data: they are saved as JSON, edited (a point removed, sections reordered, a
note added) and exported to Markdown, DOCX and slides.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

AUDIENCES: dict[str, str] = {
    # audience key -> the actor whose obligations the module lists (obligations.actors canonical names)
    "pimpinan_daerah": "Kepala Daerah",
    "asn_pelaksana": "Pegawai ASN",
    "tim_spbe": "Pemerintah Daerah",
}


@dataclass(frozen=True)
class KeyPoint:
    text: str  # the quoted sentence or ayat, as written in the source
    citation: str  # "Pasal 3 ayat (5) Perpres 132/2022", or a dated speech
    chunk_id: str  # the indexed passage that holds ``text``
    pillars: tuple[str, ...] = ()
    note: str = ""  # a trainer's note (their own words, shown as such)


@dataclass(frozen=True)
class Section:
    title: str
    points: tuple[KeyPoint, ...]
    kind: Literal["topic", "obligations", "pillars", "cases"] = "topic"
    note: str = ""


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str  # the Pasal 1 definition, as written
    citation: str
    chunk_id: str


@dataclass(frozen=True)
class ObligationPoint:
    citation: str
    actor: str
    modality: str
    action: str
    deadline: str
    deadline_date: str
    sanction: str
    chunk_id: str


@dataclass(frozen=True)
class QuizItem:
    kind: Literal["choice", "short"]
    question: str
    answer: str  # the right option, or the expected short answer (its decisive words)
    options: tuple[str, ...]  # for "choice": the answer and its distractors, in display order
    citation: str
    chunk_id: str  # the passage that proves the answer
    source_of_distractors: tuple[str, ...] = ()  # citations the distractors come from


@dataclass(frozen=True)
class TrainingModule:
    topic: str
    audience: str
    language: str
    objectives: tuple[str, ...]
    sections: tuple[Section, ...]
    glossary: tuple[GlossaryEntry, ...] = ()
    obligations: tuple[ObligationPoint, ...] = ()
    quiz: tuple[QuizItem, ...] = ()
    created: str = ""
    seconds: float = 0.0  # time it took to build

    # -- editing (each returns a new module) ----------------------------------------------
    def without_point(self, section: int, point: int) -> TrainingModule:
        sections = list(self.sections)
        target = sections[section]
        if not 0 <= point < len(target.points):
            raise IndexError(f"section {section + 1} has no point {point + 1}")
        sections[section] = replace(target, points=target.points[:point] + target.points[point + 1:])
        return replace(self, sections=tuple(sections))

    def reordered(self, order: list[int]) -> TrainingModule:
        """Sections in the order given (a permutation of their positions)."""
        if sorted(order) != list(range(len(self.sections))):
            raise ValueError(f"the order must list each of the {len(self.sections)} sections once")
        return replace(self, sections=tuple(self.sections[i] for i in order))

    def with_note(self, section: int, note: str) -> TrainingModule:
        sections = list(self.sections)
        sections[section] = replace(sections[section], note=note.strip())
        return replace(self, sections=tuple(sections))

    # -- JSON ------------------------------------------------------------------------------
    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainingModule:
        try:
            return cls(
                topic=data["topic"], audience=data["audience"], language=data["language"],
                objectives=tuple(data["objectives"]),
                sections=tuple(Section(s["title"], tuple(KeyPoint(**{**p, "pillars": tuple(p.get("pillars", ()))})
                                                         for p in s["points"]), s.get("kind", "topic"), s.get("note", ""))
                               for s in data["sections"]),
                glossary=tuple(GlossaryEntry(**g) for g in data.get("glossary", ())),
                obligations=tuple(ObligationPoint(**o) for o in data.get("obligations", ())),
                quiz=tuple(QuizItem(**{**q, "options": tuple(q["options"]),
                                       "source_of_distractors": tuple(q.get("source_of_distractors", ()))})
                           for q in data.get("quiz", ())),
                created=data.get("created", ""), seconds=float(data.get("seconds", 0.0)),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a saved training module: {exc}") from exc

    def citations(self) -> list[tuple[str, str, str]]:
        """(citation, chunk_id, the statement it must hold) for every cited statement."""
        found = [(p.citation, p.chunk_id, p.text) for s in self.sections for p in s.points]
        found += [(g.citation, g.chunk_id, g.definition) for g in self.glossary]
        found += [(o.citation, o.chunk_id, o.action) for o in self.obligations]
        found += [(q.citation, q.chunk_id, q.answer) for q in self.quiz]
        return found
