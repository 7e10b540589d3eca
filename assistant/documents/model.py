"""The data types that flow from a file to the index.

``LoadedDocument`` is what a loader returns (text, page map, front matter); ``Chunk`` is what the
chunker returns and the index stores. Chunk metadata is flat and Chroma-compatible: str, int,
float or bool values only, never None (an absent value is the empty string or 0).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Union

MetaValue = Union[str, int, float, bool]

@dataclass(frozen=True)
class ChunkMeta:
    """Everything needed to cite one passage, typed: built by the chunker, read back from the store.

    It becomes a flat Chroma metadata dict (``to_metadata``) only at the store boundary, and is
    rebuilt from it (``from_metadata``) when read; "" / 0 / False stand for an absent value.
    """

    doc_id: str = ""  # stable id of the document: slug of the short name, or of the file stem
    doc_type: str = ""  # regulation | speech | article | note
    short_name: str = ""  # "Perpres 132/2022"; for non-regulations a short title
    title: str = ""  # long form for display
    jenis: str = ""  # "Peraturan Presiden", "Undang-Undang", ...
    nomor: str = ""
    tahun: str = ""
    tentang: str = ""
    part: str = ""  # pembukaan | batang_tubuh | penjelasan | lampiran | body (non-regulations)
    bab: str = ""  # "BAB II" (+ title in breadcrumb only)
    bagian: str = ""
    paragraf: str = ""
    pasal: str = ""  # "Pasal 3", "Pasal 13A", "Pasal I"; Lampiran chunks use "Lampiran"
    ayat: str = ""  # "(5)" or "(1)-(3)" or ""
    angka: str = ""  # for Pasal 1 definitions: "2"
    section: str = ""  # heading of a speech/article/note section, or Lampiran section title
    page: int = 0  # 1-based page of the chunk's first line (PDF), 0 if unknown
    source: str = ""  # file path (regulations) or the outlet/URL/event from front matter
    date: str = ""  # ISO date for speeches/notes, "" otherwise
    speaker: str = ""
    speaker_role: str = ""  # the speaker's office, shortened: "Menteri PANRB"
    outlet: str = ""  # the news outlet that reported a speech/article: "Disway.id"
    reporter: str = ""
    event: str = ""
    place: str = ""
    pillars: str = ""  # comma-separated subset of structure,competence,culture
    pillar_structure: bool = False
    pillar_competence: bool = False
    pillar_culture: bool = False
    verified: bool = True  # False for corpus notes marked unverified
    ditetapkan: str = ""  # ISO dates of a regulation, "" when not stated
    diundangkan: str = ""
    berlaku: str = ""
    amends: str = ""  # short name of the regulation this provision amends ("UU 11/2008")
    change: str = ""  # diubah | disisipkan | dihapus, for a provision of an amending regulation
    instruction: str = ""  # "Pasal I angka 3": where the amending regulation makes the change
    repeals: str = ""  # regulations this one declares no longer in force, joined by ";"
    cites: str = ""  # reference keys (references.reference_key) of the provisions this passage refers to, ";"
    cited_by: str = ""  # reference keys of the provisions of the same text that refer to this one, ";"
    parse_status: str = ""  # regulations: "ok" | "partial" | "text" (recognised but not parsed into Pasal)
    parse_note: str = ""  # why the status is not "ok"; for other documents, what could not be read (a bad date)
    sha256: str = ""  # of the source file
    breadcrumb: str = ""  # "Perpres 132/2022 > BAB II > Pasal 3"
    chunk_index: int = 0  # order within the document

    def to_metadata(self) -> dict[str, MetaValue]:
        """The flat dict the vector store keeps."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_metadata(cls, meta: Mapping[str, Any]) -> ChunkMeta:
        """Back from a stored dict: unknown keys are ignored, missing ones (older indexes) get defaults."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in meta or meta[f.name] is None:
                continue
            raw = meta[f.name]
            kind = type(getattr(_DEFAULT_META, f.name))
            values[f.name] = bool(raw) if kind is bool else int(raw or 0) if kind is int else str(raw)
        return cls(**values)


_DEFAULT_META = ChunkMeta()

#: Every chunk carries these keys (DESIGN.md), with "" / 0 where a value does not apply.
CHUNK_METADATA_KEYS: tuple[str, ...] = tuple(f.name for f in fields(ChunkMeta))

PILLARS: tuple[str, ...] = ("structure", "competence", "culture")


@dataclass
class LoadedDocument:
    """Text of one file with where each piece came from."""

    path: Path
    text: str
    kind: str  # pdf | docx | html | markdown | text
    sha256: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    #: character offsets at which pages 2, 3, ... start in ``text`` (empty: no pages)
    page_starts: list[int] = field(default_factory=list)

    def page_at(self, offset: int) -> int:
        """1-based page number of the character at ``offset``; 0 when the file has no pages."""
        if not self.page_starts and self.kind != "pdf":
            return 0
        return bisect.bisect_right(self.page_starts, offset) + 1


@dataclass(frozen=True)
class Chunk:
    """One retrievable passage: its text, and everything needed to cite it."""

    text: str
    metadata: dict[str, MetaValue]

    @property
    def meta(self) -> ChunkMeta:
        """The typed view of ``metadata``."""
        return ChunkMeta.from_metadata(self.metadata)

    @property
    def breadcrumb(self) -> str:
        return str(self.metadata.get("breadcrumb", ""))

    @property
    def embed_text(self) -> str:
        """What is embedded and indexed lexically: the breadcrumb line, then the passage."""
        return f"{self.breadcrumb}\n{self.text}" if self.breadcrumb else self.text


def empty_metadata() -> dict[str, MetaValue]:
    """A metadata dict holding every key with its empty value."""
    return ChunkMeta().to_metadata()


class DocumentError(Exception):
    """A file that cannot be read or parsed; the message says which file and why."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
