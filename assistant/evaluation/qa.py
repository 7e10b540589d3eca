"""QA sets (JSON lines, format in DESIGN.md / eval/README.md) and matching sources to gold."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.documents.names import normalize_regulation_name


@dataclass(frozen=True)
class GoldCitation:
    regulation: str = ""  # canonical short name
    pasal: str = ""  # "5" or "13A" (number and inserted letter), "Lampiran", or "" (whole regulation)
    ayat: str = ""
    doc: str = ""  # a corpus document id, for facts outside regulations

    def matches(self, meta: dict[str, Any]) -> bool:
        """Whether a retrieved chunk counts as this provision (Pasal level)."""
        if self.doc:
            return str(meta.get("doc_id", "")) == self.doc
        if self.regulation not in (str(meta.get("short_name", "")), str(meta.get("amends", ""))):
            return False  # a provision as amended by another regulation counts for the one it amends
        if not self.pasal:
            return True
        if self.pasal == "Lampiran":
            return meta.get("part") == "lampiran" or meta.get("pasal") == "Lampiran"
        return pasal_number(str(meta.get("pasal", ""))) == self.pasal


@dataclass
class QAItem:
    id: str
    question: str
    answer: str
    citations: list[GoldCitation]
    type: str
    lang: str = "id"
    split: str = "dev"
    history: list[str] = field(default_factory=list)
    set_name: str = ""  # the QA file's stem
    #: groups of alternative regexes, one group per decisive fact: all groups must match the answer
    must_contain: list[list[re.Pattern[str]]] = field(default_factory=list)
    asks: int = 1  # how many things the question asks

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"

    def states_the_facts(self, text: str) -> bool | None:
        """Whether ``text`` states every decisive fact (None when the item has no answer check)."""
        if not self.must_contain:
            return None
        return all(any(rx.search(text) for rx in group) for group in self.must_contain)


def pasal_number(text: str) -> str:
    """"Pasal 13A ayat (2)" -> "13A"; "Pasal 1 angka 4" -> "1"."""
    m = re.search(r"(?i:Pasal)\s+(\d+[A-Z]?)(?![A-Za-z])", text or "")
    return m.group(1) if m else ""


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def parse_gold(raw: dict[str, Any], where: str) -> GoldCitation:
    if raw.get("doc"):
        return GoldCitation(doc=slug(str(raw["doc"])))
    name = normalize_regulation_name(str(raw.get("regulation", "")))
    if not name:
        raise ValueError(f"{where}: unknown regulation {raw.get('regulation')!r}")
    pasal_text = str(raw.get("pasal", "")).strip()
    pasal = "Lampiran" if pasal_text.lower().startswith("lampiran") else pasal_number(pasal_text)
    if pasal_text and not pasal:
        raise ValueError(f"{where}: cannot read pasal {pasal_text!r}")
    return GoldCitation(regulation=name, pasal=pasal, ayat=str(raw.get("ayat", "") or ""))


def _must_contain(raw: Any, where: str) -> list[list[re.Pattern[str]]]:
    if not raw:
        return []
    if not isinstance(raw, list) or not all(isinstance(g, list) and g for g in raw):
        raise ValueError(f"{where}: must_contain is a list of non-empty lists of regexes")
    try:
        return [[re.compile(str(rx), re.IGNORECASE) for rx in group] for group in raw]
    except re.error as exc:
        raise ValueError(f"{where}: bad regex in must_contain ({exc})") from exc


def load_qa(paths: list[Path], split: str | None = None) -> list[QAItem]:
    items: list[QAItem] = []
    seen: set[str] = set()
    for path in paths:
        for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: not JSON ({exc})") from exc
            for key in ("id", "question", "citations", "type"):
                if key not in raw:
                    raise ValueError(f"{where}: missing '{key}'")
            if raw["id"] in seen:
                raise ValueError(f"{where}: duplicate id {raw['id']}")
            seen.add(raw["id"])
            item = QAItem(
                id=str(raw["id"]),
                question=str(raw["question"]),
                answer=str(raw.get("answer", "")),
                citations=[parse_gold(c, where) for c in raw["citations"]],
                type=str(raw["type"]),
                lang=str(raw.get("lang", "id")),
                split=str(raw.get("split", "dev")),
                history=[str(h) for h in raw.get("history", [])],
                set_name=Path(path).stem,
                must_contain=_must_contain(raw.get("must_contain"), where),
                asks=int(raw.get("asks", 1) or 1),
            )
            if split is None or item.split == split:
                items.append(item)
    return items
