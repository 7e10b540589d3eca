"""Indonesian regulations as a typed model: identity, structure, amendments, cross-references.

``parse_regulation`` is the entry point; the modules each do one job: ``lines`` (layout clean-up
and heading tests), ``identity``, ``body`` (BAB > ... > Pasal > ayat), ``penjelasan``,
``lampiran``, ``amendments`` (Pasal I of an amending regulation, repeals) and ``references``.
"""

from assistant.documents.regulation.identity import detect_identity
from assistant.documents.regulation.lines import pasal_candidates, split_lines
from assistant.documents.regulation.model import (
    LampiranSection,
    Pasal,
    ParsedRegulation,
    PenjelasanPasal,
    RegulationIdentity,
)
from assistant.documents.regulation.parser import parse_regulation
from assistant.documents.regulation.penjelasan import is_cukup_jelas, prune_cukup_jelas

__all__ = [
    "LampiranSection", "Pasal", "ParsedRegulation", "PenjelasanPasal", "RegulationIdentity",
    "detect_identity", "is_cukup_jelas", "parse_regulation", "pasal_candidates", "prune_cukup_jelas",
    "split_lines",
]
