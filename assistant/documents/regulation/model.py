"""The typed parts of a parsed regulation: identity, Pasal, Penjelasan, Lampiran."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.documents.names import ProvisionRef
from assistant.documents.textlines import Block, Line, reflow

# ----------------------------------------------------------------------------- data


@dataclass
class RegulationIdentity:
    jenis: str  # "Peraturan Presiden"
    nomor: str  # "132"
    tahun: str  # "2022"
    tentang: str  # "Arsitektur Sistem Pemerintahan Berbasis Elektronik Nasional"
    short_name: str  # "Perpres 132/2022"
    long_name: str  # "Peraturan Presiden Nomor 132 Tahun 2022 tentang ..."
    ditetapkan: str = ""  # ISO date, "" when not stated
    diundangkan: str = ""
    berlaku: str = ""  # when it takes effect, where the text says
    problems: list[str] = field(default_factory=list)  # dates stated that name no real day ("31 Februari")


@dataclass
class Pasal:
    number: int
    suffix: str = ""
    offset: int = 0  # of the heading
    bab: str = ""
    bab_title: str = ""
    bagian: str = ""
    bagian_title: str = ""
    paragraf: str = ""
    paragraf_title: str = ""
    lines: list[Line] = field(default_factory=list)
    intro: Block = field(default_factory=Block)  # text before the first ayat/definition
    ayat: list[Block] = field(default_factory=list)
    definitions: list[Block] = field(default_factory=list)
    roman: str = ""  # "I", "II" for the Pasal of an amending regulation
    amends: str = ""  # short name of the regulation whose provision this one amends or inserts
    change: str = ""  # diubah | disisipkan | dihapus
    instruction: str = ""  # "Pasal I angka 3": where the amending regulation says so
    cites: list[ProvisionRef] = field(default_factory=list)  # provisions this one refers to
    cited_by: list[ProvisionRef] = field(default_factory=list)  # provisions of this text citing it

    @property
    def label(self) -> str:
        return f"Pasal {self.roman}" if self.roman else f"Pasal {self.number}{self.suffix}"

    @property
    def text(self) -> str:
        parts = [self.intro.text] if self.intro.lines else []
        parts += [b.text for b in self.definitions] + [b.text for b in self.ayat]
        return "\n".join(p for p in parts if p)

    @property
    def body_offset(self) -> int:
        return self.lines[0].offset if self.lines else self.offset


@dataclass
class PenjelasanPasal:
    number: int
    suffix: str = ""
    offset: int = 0
    lines: list[Line] = field(default_factory=list)
    roman: str = ""  # "I", "II" in the Penjelasan of an amending regulation
    amends: str = ""  # the regulation whose provision this explains, as amended ("UU 11/2008")

    @property
    def label(self) -> str:
        return f"Pasal {self.roman}" if self.roman else f"Pasal {self.number}{self.suffix}"

    @property
    def text(self) -> str:
        return reflow([ln.text for ln in self.lines])


@dataclass
class LampiranSection:
    path: list[str]  # ["BAB I Pendahuluan", "A. Latar Belakang"]
    lines: list[Line] = field(default_factory=list)

    @property
    def offset(self) -> int:
        return self.lines[0].offset if self.lines else 0

    @property
    def title(self) -> str:
        return " > ".join(self.path)


@dataclass
class ParsedRegulation:
    identity: RegulationIdentity | None
    menimbang: Block | None = None
    mengingat: Block | None = None
    pasal: list[Pasal] = field(default_factory=list)
    penjelasan_umum: Block | None = None
    penjelasan_pasal: list[PenjelasanPasal] = field(default_factory=list)
    lampiran: list[LampiranSection] = field(default_factory=list)
    amends: str = ""  # the regulation an amending regulation changes ("UU 11/2008")
    repeals: list[str] = field(default_factory=list)  # regulations it declares no longer in force
    problems: list[str] = field(default_factory=list)  # why the parse is incomplete, for the ingest report

    def pasal_numbers(self) -> list[int]:
        return [p.number for p in self.pasal]

    def get(self, number: int) -> Pasal | None:
        return next((p for p in self.pasal if p.number == number and not p.suffix and not p.roman), None)


