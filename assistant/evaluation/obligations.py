"""Obligation extraction against hand-labelled clauses (``eval/obligations_labels.jsonl``).

Each label is one clause (an ayat, or a Pasal without ayat) of a regulation file: whether it
obliges, forbids or empowers (``is_obligation``), and if so the modality, the actor (normalised),
the deadline and its date, the recurrence and the sanctioning Pasal. The extractor runs on the
file's parsed passages (no model, no index) and its obligations are grouped per clause (the
lettered items of an ayat count for the ayat).

Scored: detection (precision, recall, F1 of "this clause obliges"), and on the clauses both call
obligations: modality, actor (the set of canonical actors; a label "other: X" is read with the
same actor names), deadline (stated or not, and the same date), sanction (the same sanctioning
Pasal) and recurrence (stated or not).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.documents.chunking import chunk_document
from assistant.documents.loaders import load_document
from assistant.index.reading import StoredChunk
from assistant.obligations.actors import find_actors
from assistant.obligations.extract import extract_obligations
from assistant.obligations.model import Obligation

#: Regulations whose clauses were read while the extractor was written; the others are held out.
DEV_SOURCES = frozenset({"perpres-132-2022.txt", "perpres-82-2023.txt", "uu-20-2023.txt", "uu-25-2009.txt",
                         "uu-27-2022.txt"})


@dataclass(frozen=True)
class ClauseLabel:
    id: str
    source: str
    pasal: str  # "Pasal 3"
    ayat: str  # "(5)" or ""
    is_obligation: bool
    modality: str
    actors: frozenset[str]
    deadline: str
    deadline_date: str
    recurrence: str
    sanction_pasal: frozenset[str]  # {"Pasal 57"}

    @property
    def split(self) -> str:
        return "dev" if self.source in DEV_SOURCES else "test"


def _pasal_numbers(text: str) -> frozenset[str]:
    return frozenset(f"Pasal {n}" for n in re.findall(r"Pasal\s+(\d+[A-Z]?)", text))


def label_actors(normalised: str) -> frozenset[str]:
    """The canonical actors of a label's ``actor_normalised`` ("Instansi Pusat; other: Perum Peruri")."""
    found: set[str] = set()
    for part in (p.strip() for p in normalised.split(";") if p.strip()):
        name = part[len("other:"):].strip() if part.startswith("other:") else part
        found.update(find_actors(name))
    return frozenset(found)


def load_labels(path: Path) -> list[ClauseLabel]:
    labels = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            labels.append(ClauseLabel(
                id=row["id"], source=row["source"], pasal=f"Pasal {row['pasal']}",
                ayat=f"({row['ayat']})" if row["ayat"] else "", is_obligation=bool(row["is_obligation"]),
                modality=row["modality"], actors=label_actors(row["actor_normalised"]), deadline=row["deadline"],
                deadline_date=row["deadline_date"], recurrence=row["recurrence"],
                sanction_pasal=_pasal_numbers(row["sanction"])))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"{path}:{n}: not a clause label ({exc})") from exc
    return labels


def extract_from_file(path: Path) -> list[Obligation]:
    """The obligations of one regulation file, read as the index would read it."""
    chunks = chunk_document(load_document(path))
    stored = {f"c{i}": StoredChunk(f"c{i}", c.text, dict(c.metadata)) for i, c in enumerate(chunks)}
    return extract_obligations(stored)


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    agree: dict[str, list[bool]] = field(default_factory=lambda: {k: [] for k in
                                                                  ("modality", "actor", "deadline", "sanction", "recurrence")})
    misses: list[str] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out: dict[str, Any] = {"clauses": self.tp + self.fp + self.fn + self.tn, "obligations": self.tp + self.fn,
                               "precision": precision, "recall": recall, "f1": f1}
        for key, values in self.agree.items():
            out[f"{key}_accuracy"] = sum(values) / len(values) if values else 0.0
        return out


def _clause_key(o: Obligation) -> tuple[str, str]:
    return o.pasal, o.ayat


def score(labels: Iterable[ClauseLabel], extracted: dict[str, list[Obligation]]) -> dict[str, Scores]:
    """Scores per split ("dev", "test") and over all labels ("all")."""
    result = {"dev": Scores(), "test": Scores(), "all": Scores()}
    for label in labels:
        found = [o for o in extracted[label.source] if _clause_key(o) == (label.pasal, label.ayat)]
        for scores in (result[label.split], result["all"]):
            _score_one(label, found, scores)
    return result


def _score_one(label: ClauseLabel, found: list[Obligation], scores: Scores) -> None:
    where = f"{label.id} {label.source} {label.pasal} {label.ayat}".strip()
    if not label.is_obligation:
        if found:
            scores.fp += 1
            scores.misses.append(f"{where}: not an obligation, extracted as {found[0].modality}")
        else:
            scores.tn += 1
        return
    if not found:
        scores.fn += 1
        scores.misses.append(f"{where}: obligation ({label.modality}) not extracted")
        return
    scores.tp += 1
    first = found[0]
    actors = frozenset(a for o in found for a in o.actors)
    deadline = next((o for o in found if o.deadline), None)
    sanctions = frozenset(p for o in found for s in o.sanctions for p in _pasal_numbers(s.citation))
    checks = {
        "modality": first.modality == label.modality,
        "actor": actors == label.actors,
        "deadline": bool(deadline) == bool(label.deadline)
        and (deadline.deadline_date if deadline else "") == label.deadline_date,
        "sanction": sanctions == label.sanction_pasal,
        "recurrence": any(o.recurrence for o in found) == bool(label.recurrence),
    }
    for key, ok in checks.items():
        scores.agree[key].append(ok)
        if not ok:
            got = {"modality": first.modality, "actor": sorted(actors),
                   "deadline": (deadline.deadline, deadline.deadline_date) if deadline else "",
                   "sanction": sorted(sanctions), "recurrence": [o.recurrence for o in found if o.recurrence]}[key]
            want = {"modality": label.modality, "actor": sorted(label.actors), "deadline": (label.deadline, label.deadline_date),
                    "sanction": sorted(label.sanction_pasal), "recurrence": label.recurrence}[key]
            scores.misses.append(f"{where}: {key} {got!r}, labelled {want!r}")


def evaluate(labels_path: Path, regulations_root: Path) -> dict[str, Scores]:
    labels = load_labels(labels_path)
    extracted = {source: extract_from_file(regulations_root / source) for source in sorted({l.source for l in labels})}
    return score(labels, extracted)


def table(result: dict[str, Scores]) -> str:
    columns = ["clauses", "obligations", "precision", "recall", "f1", "modality_accuracy", "actor_accuracy",
               "deadline_accuracy", "sanction_accuracy", "recurrence_accuracy"]
    lines = ["| split | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for split in ("dev", "test", "all"):
        row = result[split].row()
        cells = [str(row[c]) if isinstance(row[c], int) else f"{row[c]:.3f}" for c in columns]
        lines.append(f"| {split} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
