"""An obligation read out of a regulation: who must, must not or may do what, by when, how often,
and what the law does to whoever breaks it — with the provision that says so."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Modality = Literal["must", "must_not", "may"]

#: How each modality reads in the interface languages.
MODALITY_WORDS: dict[str, dict[str, str]] = {
    "id": {"must": "wajib", "must_not": "dilarang", "may": "dapat/berwenang"},
    "en": {"must": "must", "must_not": "must not", "may": "may"},
}


@dataclass(frozen=True)
class Sanction:
    """What the law attaches to breaking an obligation, and where it says so."""

    citation: str  # "Pasal 57 ayat (1) UU 27/2022"
    text: str  # the sanction as written: "dikenai sanksi administratif"
    kind: Literal["administrative", "criminal"]
    chunk_id: str = ""  # the indexed passage that imposes it


@dataclass(frozen=True)
class Obligation:
    """One clause (ayat, or a lettered item of it) that obliges, forbids or empowers an actor."""

    id: str  # stable: "<doc_id>|Pasal 3|(5)|" (reference-key style)
    regulation: str  # short name of the regulation whose provision this is ("UU 11/2008" for an amended one)
    doc_id: str
    chunk_id: str
    pasal: str  # "Pasal 3"
    ayat: str  # "(5)" or ""
    huruf: str  # "a" or ""
    citation: str  # "Pasal 3 ayat (5) Perpres 132/2022", formatted by names.format_citation
    actor: str  # as written: "Pemerintah Daerah"
    actors: tuple[str, ...]  # canonical: ("Instansi Pusat", "Pemerintah Daerah"); () when none is named
    modality: Modality
    action: str  # from the modal word on: "wajib menetapkan Arsitektur SPBE ..."
    quote: str  # the whole clause, as written
    deadline: str = ""  # as written: "paling lambat tahun 2023"
    deadline_date: str = ""  # ISO, when absolute or resolved through the regulation's own dates
    recurrence: str = ""  # as written: "setiap tahun"
    recurrence_source: str = ""  # "ayat" | "penjelasan"
    penjelasan: str = ""  # the Penjelasan of the clause, when it says more than "Cukup jelas"
    sanctions: tuple[Sanction, ...] = ()
    pillars: tuple[str, ...] = ()
    amended_by: str = ""  # the amending regulation, when the clause is in its amended wording
    tahun: str = ""

    @property
    def actor_label(self) -> str:
        return "; ".join(self.actors) or self.actor

    @property
    def sanction_text(self) -> str:
        """The sanctions in one line: "dikenai sanksi administratif (Pasal 57 ayat (1) UU 27/2022)"."""
        return "; ".join(f"{s.text} ({s.citation})" for s in self.sanctions)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (``pandu obligations --json``)."""
        return {
            "actor": self.actor_label,
            "actor_as_written": self.actor,
            "modality": self.modality,
            "action": self.action,
            "deadline": self.deadline,
            "deadline_date": self.deadline_date,
            "recurrence": self.recurrence,
            "recurrence_source": self.recurrence_source,
            "sanction": self.sanction_text,
            "sanctions": [{"citation": s.citation, "text": s.text, "kind": s.kind} for s in self.sanctions],
            "citation": self.citation,
            "quote": self.quote,
            "penjelasan": self.penjelasan,
            "pillar": list(self.pillars),
            "regulation": self.regulation,
            "amended_by": self.amended_by,
            "id": self.id,
        }
