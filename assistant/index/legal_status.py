"""What the library says of each regulation: amended, amending, repealed, or not fully parsed.

Computed from the indexed chunks' metadata, across documents: an amendment or a repeal is known to
the amended regulation only when the amending one is indexed too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def legal_status(chunk_metadata: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """doc_id -> a short status line in Indonesian ("" when there is nothing to say)."""
    first: dict[str, Mapping[str, Any]] = {}
    amended_by: dict[str, set[str]] = {}
    for meta in chunk_metadata:
        doc_id = str(meta.get("doc_id", ""))
        first.setdefault(doc_id, meta)
        if meta.get("amends"):
            amended_by.setdefault(str(meta["amends"]), set()).add(str(meta.get("short_name", "")))
    repealed_by: dict[str, set[str]] = {}
    for meta in first.values():
        for name in filter(None, str(meta.get("repeals") or "").split(";")):
            repealed_by.setdefault(name, set()).add(str(meta.get("short_name", "")))
    out: dict[str, str] = {}
    for doc_id, meta in first.items():
        if meta.get("doc_type") != "regulation":
            continue
        name = str(meta.get("short_name", ""))
        notes: list[str] = []
        if meta.get("parse_status") == "text":
            notes.append(f"tidak terurai per Pasal ({meta.get('parse_note')}); diindeks sebagai teks")
        elif meta.get("parse_status") == "partial":
            notes.append(f"terurai sebagian: {meta.get('parse_note')}")
        amends = sorted({str(m.get("amends")) for m in [meta] if m.get("amends")} | _amends_of(doc_id, amended_by, name))
        if amends:
            notes.append("mengubah " + ", ".join(amends))
        if name in amended_by:
            notes.append("diubah dengan " + ", ".join(sorted(amended_by[name])))
        if meta.get("repeals"):
            notes.append("mencabut " + ", ".join(str(meta["repeals"]).split(";")))
        if name in repealed_by:
            notes.append("dicabut oleh " + ", ".join(sorted(repealed_by[name])))
        out[doc_id] = "; ".join(notes)
    return out


def _amends_of(doc_id: str, amended_by: dict[str, set[str]], name: str) -> set[str]:
    return {target for target, by in amended_by.items() if name in by}
