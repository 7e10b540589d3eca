"""The obligations register: every obligation of the indexed regulations, filtered for one reader
(an actor, a regulation, a pillar, what falls due before a date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.documents.model import PILLARS
from assistant.documents.names import normalize_regulation_name
from assistant.obligations.actors import covered_actors, normalise_actor
from assistant.obligations.extract import extract_obligations
from assistant.obligations.model import Obligation


@dataclass(frozen=True)
class ObligationQuery:
    actor: str = ""  # a user's words ("pemda", "Bupati") or a canonical actor; "" for everyone
    regulation: str = ""  # a name or alias ("UU PDP", "Perpres 132/2022"); "" for all
    pillar: str = ""  # structure | competence | culture; "" for all
    due_before: dt.date | None = None  # only obligations with a dated deadline before this day
    modality: str = ""  # must | must_not | may; "" for all

    def __post_init__(self) -> None:
        if self.pillar and self.pillar not in PILLARS:
            raise ValueError(f"unknown pillar {self.pillar!r}; one of {', '.join(PILLARS)}")
        if self.modality and self.modality not in ("must", "must_not", "may"):
            raise ValueError(f"unknown modality {self.modality!r}; one of must, must_not, may")


@dataclass(frozen=True)
class RegisterEntry:
    """An obligation as it concerns the reader: directly (relation ""), through a role the reader's
    actor plays ("peran": a Pemerintah Daerah as Penyelenggara), or through an office within it
    ("jabatan": its Kepala Daerah)."""

    obligation: Obligation
    relation: str = ""
    via: str = ""  # the obligation's actor that concerns the reader

    def overdue(self, today: dt.date) -> bool:
        return bool(self.obligation.deadline_date) and dt.date.fromisoformat(self.obligation.deadline_date) < today


class ObligationRegister:
    def __init__(self, obligations: list[Obligation]):
        self.obligations = obligations

    @classmethod
    def from_chunks(cls, chunks: Mapping[str, Any]) -> ObligationRegister:
        return cls(extract_obligations(chunks))

    def actors(self) -> list[str]:
        """The canonical actors named by at least one obligation, most frequent first."""
        counts: dict[str, int] = {}
        for o in self.obligations:
            for actor in o.actors:
                counts[actor] = counts.get(actor, 0) + 1
        return sorted(counts, key=lambda a: (-counts[a], a))

    def regulations(self) -> list[str]:
        return sorted({o.regulation for o in self.obligations})

    def query(self, query: ObligationQuery) -> list[RegisterEntry]:
        """The obligations that match, in the order of their regulations and provisions."""
        covered: dict[str, str] | None = None
        if query.actor:
            canonical = normalise_actor(query.actor)
            if not canonical:
                raise ValueError(f"no actor known as {query.actor!r}; known: {', '.join(self.actors())}")
            covered = covered_actors(canonical)
        wanted = normalize_regulation_name(query.regulation) or query.regulation.strip() if query.regulation else ""
        entries: list[RegisterEntry] = []
        for o in self.obligations:
            if wanted and wanted not in (o.regulation, o.amended_by):
                continue
            if query.pillar and query.pillar not in o.pillars:
                continue
            if query.modality and o.modality != query.modality:
                continue
            if query.due_before and not (o.deadline_date and dt.date.fromisoformat(o.deadline_date) < query.due_before):
                continue
            if covered is None:
                entries.append(RegisterEntry(o))
                continue
            hits = [(covered[a], a) for a in o.actors if a in covered]
            if hits:
                relation, via = min(hits, key=lambda h: ("", "peran", "jabatan").index(h[0]))
                entries.append(RegisterEntry(o, relation, via))
        return entries
