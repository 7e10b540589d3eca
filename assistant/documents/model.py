"""The data types that flow from a file to the index.

``LoadedDocument`` is what a loader returns (text, page map, front matter); ``Chunk`` is what the
chunker returns and the index stores. Chunk metadata is flat and Chroma-compatible: str, int,
float or bool values only, never None (an absent value is the empty string or 0).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

MetaValue = Union[str, int, float, bool]

#: Every chunk carries these keys (DESIGN.md), with "" / 0 where a value does not apply.
CHUNK_METADATA_KEYS: tuple[str, ...] = (
    "doc_id",  # stable id of the document: slug of the short name, or of the file stem
    "doc_type",  # regulation | speech | article | note
    "short_name",  # "Perpres 132/2022"; for non-regulations a short title
    "title",  # long form for display
    "jenis",  # "Peraturan Presiden", "Undang-Undang", ...
    "nomor",
    "tahun",
    "tentang",
    "part",  # batang_tubuh | penjelasan | lampiran | body (non-regulations)
    "bab",  # "BAB II" (+ title in breadcrumb only)
    "bagian",
    "paragraf",
    "pasal",  # "Pasal 3" / "" ; Lampiran chunks use "Lampiran"
    "ayat",  # "(5)" or "(1)-(3)" or ""
    "angka",  # for Pasal 1 definitions: "2"
    "section",  # heading of a speech/article/note section, or Lampiran section title
    "page",  # 1-based page of the chunk's first line (PDF), 0 if unknown
    "source",  # file path (regulations) or the outlet/URL/event from front matter
    "date",  # ISO date for speeches/notes, "" otherwise
    "speaker",
    "speaker_role",  # the speaker's office, shortened: "Menteri PANRB"
    "outlet",  # the news outlet that reported a speech/article: "Disway.id"
    "reporter",
    "event",
    "place",
    "pillars",  # comma-separated subset of structure,competence,culture
    "pillar_structure",
    "pillar_competence",
    "pillar_culture",
    "verified",  # False for corpus notes marked unverified
    "ditetapkan",  # ISO dates of a regulation, "" when not stated
    "diundangkan",
    "berlaku",
    "amends",  # short name of the regulation this provision amends ("UU 11/2008"), ""
    "change",  # diubah | disisipkan | dihapus, for a provision of an amending regulation
    "instruction",  # "Pasal I angka 3": where the amending regulation makes the change
    "repeals",  # regulations this one declares no longer in force, joined by ";"
    "cites",  # reference keys (references.reference_key) of the provisions this passage refers to, ";"
    "cited_by",  # reference keys of the provisions of the same text that refer to this one, ";"
    "parse_status",  # regulations: "ok" | "partial" | "text" (recognised but not parsed into Pasal)
    "parse_note",  # why the status is not "ok"
    "sha256",  # of the source file
    "breadcrumb",  # "Perpres 132/2022 > BAB II > Pasal 3"
    "chunk_index",  # order within the document
)

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
    def breadcrumb(self) -> str:
        return str(self.metadata.get("breadcrumb", ""))

    @property
    def embed_text(self) -> str:
        """What is embedded and indexed lexically: the breadcrumb line, then the passage."""
        return f"{self.breadcrumb}\n{self.text}" if self.breadcrumb else self.text


def empty_metadata() -> dict[str, MetaValue]:
    """A metadata dict holding every key with its empty value."""
    meta: dict[str, MetaValue] = {k: "" for k in CHUNK_METADATA_KEYS}
    meta.update(
        page=0,
        chunk_index=0,
        pillar_structure=False,
        pillar_competence=False,
        pillar_culture=False,
        verified=True,
    )
    return meta


class DocumentError(Exception):
    """A file that cannot be read or parsed; the message says which file and why."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
