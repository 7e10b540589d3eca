"""The law's own links between indexed passages, across documents, built in one pass.

- ``amendments``: (regulation, "Pasal 27") -> the indexed regulations that amend it, latest first;
- ``provisions``: (regulation, "Pasal 5", part) -> chunk ids (an amended provision under the
  regulation it amends, so that its new wording is found there);
- ``definitions``: regulation -> {defined term or its abbreviation (lower case): its Pasal 1 chunk};
- ``citing``: (regulation, "Pasal 20") -> reference keys of the provisions of every indexed text
  that refer to it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.documents.names import ProvisionRef
from assistant.documents.regulation.references import parse_reference_key, reference_key

# "12. Sistem Pemerintahan Berbasis Elektronik yang selanjutnya disingkat SPBE adalah ..."
_DEFINED_TERM = re.compile(
    r"^\s*\d{1,3}\.\s+(?P<term>[^,.;]{3,90}?)(?:,?\s+yang\s+selanjutnya\s+(?:disingkat|disebut)\s+(?P<abbr>[^,.;]{2,60}?))?"
    r"\s+(?:adalah|ialah|merupakan)\b")


def defined_term(text: str) -> tuple[str, str] | None:
    """(term, abbreviation or "") that a Pasal 1 definition defines, or None when ``text`` is not one."""
    m = _DEFINED_TERM.match(text)
    if not m:
        return None
    return m.group("term").strip(), (m.group("abbr") or "").strip()


@dataclass
class LegalLinks:
    amendments: dict[tuple[str, str], str] = field(default_factory=dict)
    provisions: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)
    definitions: dict[str, dict[str, str]] = field(default_factory=dict)
    citing: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, chunks: Mapping[str, Any]) -> LegalLinks:
        """From the indexed chunks (id -> an object with ``text`` and ``metadata``)."""
        links = cls()
        amended: dict[tuple[str, str], set[tuple[str, str]]] = {}
        for cid, c in chunks.items():
            meta = c.metadata
            if meta.get("doc_type") != "regulation" or not meta.get("pasal"):
                continue
            regulation = str(meta.get("amends") or meta.get("short_name"))
            pasal, part = str(meta["pasal"]), str(meta.get("part", ""))
            links.provisions.setdefault((regulation, pasal, part), []).append(cid)
            if part != "batang_tubuh":
                continue
            if meta.get("amends"):
                amended.setdefault((regulation, pasal), set()).add((str(meta.get("tahun", "")), str(meta.get("short_name", ""))))
            if meta.get("angka"):
                defined = defined_term(c.text)
                if defined:
                    terms = links.definitions.setdefault(str(meta.get("short_name")), {})
                    for name in defined:
                        if name:
                            terms.setdefault(name.lower(), cid)
            if meta.get("cites"):
                source = reference_key(ProvisionRef(regulation, pasal, str(meta.get("ayat", ""))))
                for key in str(meta["cites"]).split(";"):
                    ref = parse_reference_key(key)
                    target = links.citing.setdefault((ref.regulation or "", ref.pasal), [])
                    if source not in target:
                        target.append(source)
        links.amendments = {k: ", ".join(name for _, name in sorted(v, reverse=True)) for k, v in amended.items()}
        return links
