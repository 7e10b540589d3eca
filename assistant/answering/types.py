"""What an answer is: text with numbered citations, and the passages behind them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(kw_only=True)
class Passage:
    """A passage of an indexed document and what is needed to cite it."""

    chunk_id: str
    short_name: str
    pasal: str
    ayat: str
    part: str
    page: int
    title: str
    text: str  # the whole passage
    breadcrumb: str = ""
    doc_type: str = ""
    doc_id: str = ""
    date: str = ""
    speaker: str = ""
    event: str = ""
    source: str = ""
    verified: bool = True
    amends: str = ""  # the regulation whose provision this passage amends ("UU 11/2008")
    amended_by: str = ""  # indexed regulations that amended this provision since
    cites: list[str] = field(default_factory=list)  # reference keys: "UU 27/2022|Pasal 20|(1)|"
    cited_by: list[str] = field(default_factory=list)  # provisions of any indexed text that refer to it

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(kw_only=True)
class Citation(Passage):
    """One numbered source of an answer, with the exact passage it rests on."""

    n: int
    label: str  # canonical: "Pasal 3 ayat (5) Perpres 132/2022" / "Abdullah Azwar Anas, ..., 5 Maret 2024"
    quote: str = ""  # the sentence(s) of the passage the answer used


@dataclass(kw_only=True)
class Source(Passage):
    """A ranked retrieved passage (what the answer could draw on)."""

    rank: int
    score: float


@dataclass
class Answer:
    question: str
    text: str  # markdown; statements end with [n]
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    standalone_question: str = ""
    language: str = "id"
    backend: str = "extractive"
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "standalone_question": self.standalone_question,
            "answer": self.text,
            "abstained": self.abstained,
            "language": self.language,
            "backend": self.backend,
            "seconds": round(self.seconds, 4),
            "citations": [c.as_dict() for c in self.citations],
            "sources": [s.as_dict() for s in self.sources],
        }
