"""Canonical names of Indonesian regulations and the citation strings built from them.

Short names follow one convention everywhere (``UU 27/2022``, ``Perpres 132/2022``,
``Permenkominfo 5/2020``). This module is the one place that writes citation text: ``format_citation``
(the string a reader sees, ``Pasal 3 ayat (5) Perpres 132/2022``), ``provision_words`` (a provision
within its text), ``leaf_label`` (a passage inside its document's tree), ``location_text`` (a
passage's place: breadcrumb, ayat, page); the chat, the library, the exports and the prompts use them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from assistant.documents.model import ChunkMeta

#: Long jenis (as used in citations) -> short prefix. Longer names first: matching is greedy.
JENIS_SHORT: dict[str, str] = {
    "Undang-Undang Dasar": "UUD",
    "Peraturan Pemerintah Pengganti Undang-Undang": "Perppu",
    "Undang-Undang": "UU",
    "Peraturan Pemerintah": "PP",
    "Peraturan Presiden": "Perpres",
    "Keputusan Presiden": "Keppres",
    "Instruksi Presiden": "Inpres",
    "Peraturan Menteri": "Permen",
    "Keputusan Menteri": "Kepmen",
    "Surat Edaran Menteri": "SE Men",
    "Surat Edaran": "SE",
    "Peraturan Kepala": "Perka",
    "Peraturan Daerah": "Perda",
    "Peraturan Gubernur": "Pergub",
    "Peraturan Bupati": "Perbup",
    "Peraturan Wali Kota": "Perwal",
    "Peraturan Badan": "Perban",
    "Peraturan Lembaga": "Perlem",
}

#: Ministries whose regulations have a customary abbreviation (after "Peraturan Menteri").
MINISTRY_ABBREVIATIONS: dict[str, str] = {
    "pendayagunaan aparatur negara dan reformasi birokrasi": "PANRB",
    "panrb": "PANRB",
    "pan rb": "PANRB",
    "pan-rb": "PANRB",
    "komunikasi dan informatika": "kominfo",
    "kominfo": "kominfo",
    "komunikasi dan digital": "komdigi",
    "komdigi": "komdigi",
    "dalam negeri": "dagri",
    "dagri": "dagri",
    "keuangan": "keu",
    "perencanaan pembangunan nasional": "PPN",
    "ppn": "PPN",
    "ppn/bappenas": "PPN",
}

#: Agencies (Peraturan Badan/Lembaga/Kepala ...) cited by their abbreviation: "Peraturan BSSN 4/2021".
AGENCY_ABBREVIATIONS: dict[str, str] = {
    "siber dan sandi negara": "BSSN", "bssn": "BSSN",
    "kepegawaian negara": "BKN", "bkn": "BKN",
    "kebijakan pengadaan barang/jasa pemerintah": "LKPP", "lkpp": "LKPP",
    "administrasi negara": "LAN", "lan": "LAN",
    "pusat statistik": "BPS", "bps": "BPS",
    "arsip nasional republik indonesia": "ANRI", "anri": "ANRI",
    "pengawasan keuangan dan pembangunan": "BPKP", "bpkp": "BPKP",
    "riset dan inovasi nasional": "BRIN", "brin": "BRIN",
    "informasi geospasial": "BIG",
}

#: Short prefixes accepted in free text ("uu 27/2022", "Permenpan 59/2020") -> canonical jenis.
_SHORT_PREFIX_TO_JENIS: dict[str, str] = {
    "uud": "Undang-Undang Dasar",
    "uu": "Undang-Undang",
    "perppu": "Peraturan Pemerintah Pengganti Undang-Undang",
    "pp": "Peraturan Pemerintah",
    "perpres": "Peraturan Presiden",
    "keppres": "Keputusan Presiden",
    "kepres": "Keputusan Presiden",
    "inpres": "Instruksi Presiden",
    "perda": "Peraturan Daerah",
    "pergub": "Peraturan Gubernur",
    "perbup": "Peraturan Bupati",
    "perwal": "Peraturan Wali Kota",
    "perwali": "Peraturan Wali Kota",
    "perban": "Peraturan Badan",
    "perlem": "Peraturan Lembaga",
    "permenpanrb": "Peraturan Menteri PANRB",
    "permenpan-rb": "Peraturan Menteri PANRB",
    "permenpan": "Peraturan Menteri PANRB",
    "permen panrb": "Peraturan Menteri PANRB",
    "permen pan-rb": "Peraturan Menteri PANRB",
    "permen pan rb": "Peraturan Menteri PANRB",
    "permenkominfo": "Peraturan Menteri Komunikasi dan Informatika",
    "permen kominfo": "Peraturan Menteri Komunikasi dan Informatika",
    "permenkomdigi": "Peraturan Menteri Komunikasi dan Digital",
    "permendagri": "Peraturan Menteri dagri",
    "pmk": "Peraturan Menteri keu",
}

#: Common names -> canonical short names (keys compared case-insensitively).
ALIASES: dict[str, str] = {
    "UU PDP": "UU 27/2022",
    "UU Pelindungan Data Pribadi": "UU 27/2022",
    "UU Perlindungan Data Pribadi": "UU 27/2022",
    "Undang-Undang Pelindungan Data Pribadi": "UU 27/2022",
    "UU ASN": "UU 20/2023",
    "UU Aparatur Sipil Negara": "UU 20/2023",
    "Undang-Undang ASN": "UU 20/2023",
    "UU Pelayanan Publik": "UU 25/2009",
    "Undang-Undang Pelayanan Publik": "UU 25/2009",
    "UU ITE": "UU 11/2008",
    "UU KIP": "UU 14/2008",
    "UU Keterbukaan Informasi Publik": "UU 14/2008",
    "UU Administrasi Pemerintahan": "UU 30/2014",
    "Perpres SPBE": "Perpres 95/2018",
    "Perpres Sistem Pemerintahan Berbasis Elektronik": "Perpres 95/2018",
    "Perpres Arsitektur SPBE": "Perpres 132/2022",
    "Perpres Arsitektur SPBE Nasional": "Perpres 132/2022",
    "Perpres Satu Data": "Perpres 39/2019",
    "Perpres Satu Data Indonesia": "Perpres 39/2019",
    "Perpres SDI": "Perpres 39/2019",
    "Perpres Percepatan Transformasi Digital": "Perpres 82/2023",
    "Perpres Transformasi Digital": "Perpres 82/2023",
    "PermenPANRB Evaluasi SPBE": "PermenPANRB 59/2020",
    "Permenpan Evaluasi SPBE": "PermenPANRB 59/2020",
    "PermenPANRB Pemantauan dan Evaluasi SPBE": "PermenPANRB 59/2020",
}

_MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)

_SMALL_WORDS = {
    "dan", "atau", "di", "ke", "dari", "yang", "untuk", "dengan", "pada", "dalam", "tentang",
    "serta", "bagi", "oleh", "atas", "sebagai", "terhadap", "antar", "melalui", "se",
}
_ACRONYMS = {
    "SPBE", "ASN", "PNS", "PPPK", "TNI", "POLRI", "BUMN", "BUMD", "DPR", "DPRD", "RI", "TIK",
    "SDI", "NIK", "KTP", "SIM", "PANRB", "IKN", "APBN", "APBD", "RPJMN", "TI", "SDM", "UMKM",
    "NKRI", "UUD", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XIV",
    "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "ID", "IT", "API", "LKPP", "BSSN", "BPS", "BPKP",
}


def title_case(text: str) -> str:
    """Indonesian title case for upper-case headings: small words lower, acronyms kept."""
    words = re.split(r"(\s+)", text.strip())
    out: list[str] = []
    first = True
    for w in words:
        if not w or w.isspace():
            out.append(w)
            continue
        core = w.strip("()\"',.;:")
        if core.upper() in _ACRONYMS or (core.isupper() and len(core) > 1 and not re.search(r"[AEIOU]", core)):
            out.append(w.upper() if core.upper() in _ACRONYMS else w)
        elif not first and core.lower() in _SMALL_WORDS:
            out.append(w.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
        first = False
    return "".join(out)


def _norm_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse_jenis(heading: str) -> str | None:
    """Canonical jenis of a regulation heading ("PERATURAN PRESIDEN REPUBLIK INDONESIA").

    Returns the long form used in citations ("Peraturan Presiden"; for ministers and regions
    the full name, e.g. "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi
    Birokrasi", "Peraturan Daerah Kota Bandung"), or None when no jenis is recognised.
    """
    text = _norm_space(heading)
    text = re.sub(r"(?i)\bundang\s*[-.,]\s*undang\b", "Undang-Undang", text)
    low = text.lower()
    hits = [(low.find(j.lower()), -len(j), j) for j in JENIS_SHORT if j.lower() in low]
    for idx, _, jenis in sorted(hits)[:1]:
        rest = text[idx + len(jenis):]
        rest = re.split(r"(?i)\b(nomor|no\.?)\b", rest)[0]
        rest = re.sub(r"(?i)\brepublik\s+indonesia\b", "", rest)
        rest = _norm_space(rest.strip(" ,.;:"))
        if jenis in ("Peraturan Menteri", "Keputusan Menteri", "Surat Edaran Menteri", "Peraturan Kepala",
                     "Peraturan Daerah", "Peraturan Gubernur", "Peraturan Bupati",
                     "Peraturan Wali Kota", "Peraturan Badan", "Peraturan Lembaga") and rest:
            return f"{jenis} {title_case(rest) if rest.isupper() else rest}"
        return jenis
    short = low.strip(" .")
    if short in _SHORT_PREFIX_TO_JENIS:
        return _SHORT_PREFIX_TO_JENIS[short]
    return None


def _ocr_letters(text: str) -> str:
    """Letters OCR confuses folded together ("KOMUNlKASl" and "komunikasi" compare equal)."""
    return re.sub(r"[l1!|]", "i", text)


def _short_prefix(jenis: str) -> str:
    """Short prefix of a jenis ("Peraturan Presiden" -> "Perpres", minister -> "PermenPANRB")."""
    jenis = _norm_space(jenis)
    low = jenis.lower()
    if low in _SHORT_PREFIX_TO_JENIS:
        jenis = _SHORT_PREFIX_TO_JENIS[low]
        low = jenis.lower()
    for long, short in JENIS_SHORT.items():
        if low == long.lower():
            return short
    for long, short in JENIS_SHORT.items():
        if low.startswith(long.lower() + " "):
            rest = jenis[len(long):].strip()
            if short in ("Perban", "Perlem", "Perka"):
                abbr = next((v for k, v in AGENCY_ABBREVIATIONS.items() if rest.lower().endswith(k)), None)
                return f"Peraturan {abbr}" if abbr else f"{short} {rest}"
            if short in ("Permen", "Kepmen", "SE Men"):
                key = _ocr_letters(rest.lower())
                abbr = next((v for k, v in MINISTRY_ABBREVIATIONS.items() if key == _ocr_letters(k)), None)
                if abbr is None:
                    abbr = next((v for k, v in MINISTRY_ABBREVIATIONS.items()
                                 if key.endswith(_ocr_letters(k)) or (" " in key and _ocr_letters(k).startswith(key))),
                                None)
                if abbr == "keu" and short == "Permen":
                    return "PMK"
                if abbr:
                    return f"{short}{abbr}"
                return f"{short} {rest}"
            return f"{short} {rest}"
    return jenis


def short_name(jenis: str, nomor: str | int, tahun: str | int) -> str:
    """Canonical short name: ``short_name("Peraturan Presiden", 132, 2022) == "Perpres 132/2022"``."""
    nomor_s = str(nomor).strip().lstrip("0") or "0"
    return f"{_short_prefix(jenis)} {nomor_s}/{str(tahun).strip()}"


def long_name(jenis: str, nomor: str | int, tahun: str | int, tentang: str = "") -> str:
    """"Peraturan Presiden Nomor 132 Tahun 2022 tentang ..." (tentang kept as given)."""
    base = f"{jenis} Nomor {nomor} Tahun {tahun}"
    return f"{base} tentang {tentang}" if tentang else base


def slugify(text: str) -> str:
    """Lower-case ASCII slug: "Perpres 132/2022" -> "perpres-132-2022"."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "document"


# ----------------------------------------------------------------------------- free-text names

_JENIS_LONG_RE = (
    r"Peraturan\s+Pemerintah\s+Pengganti\s+Undang\s*-\s*Undang|Undang\s*-\s*Undang(?:\s+Dasar)?"
    r"|Peraturan\s+Pemerintah|Peraturan\s+Presiden|Keputusan\s+Presiden|Instruksi\s+Presiden"
    r"|(?:Peraturan|Keputusan)\s+Menteri\s+[A-Za-z ,/-]+?|Peraturan\s+Daerah\s+[A-Za-z .-]+?"
    r"|Peraturan\s+(?:Gubernur|Bupati|Wali\s*Kota)\s+[A-Za-z .-]+?"
)
_SHORT_RE = (
    r"Perppu|UUD|UU|PP|Perpres|Keppres|Kepres|Inpres|Perda(?:\s+(?!(?:nomor|no)\b)[A-Z][\w.-]*){0,3}"
    r"|Pergub|Perbup|Perwali?|Permen\s*PAN\s*-?\s*RB|Permenpan(?:\s*-?\s*RB)?|Permen\s*Kominfo"
    r"|Permenkominfo|Permenkomdigi|Permendagri|PMK|SE\s*Men\s*PAN\s*-?\s*RB"
    r"|Peraturan\s+(?:BSSN|BKN|LKPP|LAN|BPS|ANRI|BPKP|BRIN)"
)
_NUM = r"(\d{1,4}[A-Z]?)"
_YEAR = r"((?:19|20)\d{2})"
_LONG_FORM = re.compile(
    rf"(?P<jenis>{_JENIS_LONG_RE})\s+(?:Republik\s+Indonesia\s+)?(?:Nomor|No\.?)\s*{_NUM}"
    rf"\s+Tahun\s+{_YEAR}",
    re.IGNORECASE,
)
_SHORT_FORM = re.compile(
    rf"\b(?P<jenis>{_SHORT_RE})\s*(?:(?:Nomor|No\.?)\s*)?{_NUM}\s*(?:/|\s+Tahun\s+|\s+th\.?\s+)\s*{_YEAR}",
    re.IGNORECASE,
)


def _alias_regex() -> re.Pattern[str]:
    keys = sorted(ALIASES, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in keys) + r")(?!\w)", re.IGNORECASE)


_ALIAS_RE = _alias_regex()
_ALIAS_LOWER = {k.lower(): v for k, v in ALIASES.items()}


@dataclass(frozen=True)
class _NameMatch:
    start: int
    end: int
    short_name: str


def _jenis_from_short(token: str) -> str:
    low = re.sub(r"\s+", " ", token.lower()).strip()
    compact = low.replace(" ", "").replace("-", "")
    if compact.startswith("permenpan"):
        return "Peraturan Menteri PANRB"
    if low.startswith("peraturan "):
        return f"Peraturan Badan {token.split()[-1]}"
    if compact.startswith("semenpan"):
        return "Surat Edaran Menteri PANRB"
    if low.startswith("perda"):
        region = token[5:].strip()
        return f"Peraturan Daerah {region}" if region else "Peraturan Daerah"
    return _SHORT_PREFIX_TO_JENIS.get(low) or _SHORT_PREFIX_TO_JENIS.get(compact) or token


def _find_names(text: str) -> list[_NameMatch]:
    found: list[_NameMatch] = []
    for m in _LONG_FORM.finditer(text):
        jenis = parse_jenis(m.group("jenis"))
        if jenis:
            found.append(_NameMatch(m.start(), m.end(), short_name(jenis, m.group(2), m.group(3))))
    for m in _SHORT_FORM.finditer(text):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        jenis = _jenis_from_short(m.group("jenis"))
        found.append(_NameMatch(m.start(), m.end(), short_name(jenis, m.group(2).upper(), m.group(3))))
    for m in _ALIAS_RE.finditer(text):
        if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in found):
            continue
        found.append(_NameMatch(m.start(), m.end(), _ALIAS_LOWER[m.group(1).lower()]))
    found.sort(key=lambda f: f.start)
    return found


def find_regulation_names(text: str) -> list[str]:
    """Canonical short names of every regulation ``text`` names, in order, once each ("menurut
    Permenkominfo 13/2021 dan UU PDP" -> ["Permenkominfo 13/2021", "UU 27/2022"])."""
    return list(dict.fromkeys(f.short_name for f in _find_names(_norm_space(text))))


def normalize_regulation_name(text: str) -> str | None:
    """Canonical short name for a regulation named in any usual way, or None.

    Accepts short forms ("uu 27/2022", "UU No. 27 Tahun 2022"), long forms ("Peraturan Presiden
    Nomor 132 Tahun 2022 tentang ...") and common names from ``ALIASES`` ("UU PDP").
    """
    text = _norm_space(text)
    if not text:
        return None
    if text.lower() in _ALIAS_LOWER:
        return _ALIAS_LOWER[text.lower()]
    found = _find_names(text)
    return found[0].short_name if found else None


# ----------------------------------------------------------------------------- provisions


@dataclass(frozen=True)
class ProvisionRef:
    """A provision named in text: "Pasal 5 ayat (2) UU 27/2022"."""

    regulation: str | None  # canonical short name, None when the text names none
    pasal: str  # "Pasal 5"
    ayat: str = ""  # "(2)" or ""
    angka: str = ""  # "2" or ""
    huruf: str = ""  # "a" or ""

    def citation(self) -> str:
        provision = provision_words(self.pasal, self.ayat, self.angka, self.huruf)
        return f"{provision} {self.regulation}" if self.regulation else provision


_PROVISION_RE = re.compile(
    r"\bpasal\s+(?P<pasal>\d{1,3}[A-Z]?)(?![\w/])"
    r"(?:\s+ayat\s*\(?\s*(?P<ayat>\d{1,2})\s*\)?)?"
    r"(?:\s+angka\s+(?P<angka>\d{1,3}))?"
    r"(?:\s+huruf\s+(?P<huruf>[a-z])\b)?",
    re.IGNORECASE,
)


_LIST_GAP = re.compile(r"\s*(?:,|dan|atau|serta|sampai dengan|s\.d\.|-)?\s*(?:,\s*)?(?:dan\s+)?", re.IGNORECASE)


def find_provision_references(text: str) -> list[ProvisionRef]:
    """Provisions named in ``text``, each with the regulation named right after it, if any."""
    names = _find_names(text)
    refs: list[ProvisionRef] = []
    spans: list[tuple[int, int]] = []
    for m in _PROVISION_RE.finditer(text):
        regulation = None
        for name in names:
            gap = text[m.end():name.start]
            if name.start >= m.end() and re.fullmatch(r"[\s,]*(?:dari\s+|dalam\s+)?", gap, re.IGNORECASE):
                regulation = name.short_name
                break
        pasal_num = m.group("pasal")
        pasal_num = pasal_num[:-1] + pasal_num[-1].upper() if pasal_num[-1].isalpha() else pasal_num
        spans.append((m.start(), m.end()))
        refs.append(
            ProvisionRef(
                regulation=regulation,
                pasal=f"Pasal {pasal_num}",
                ayat=f"({m.group('ayat')})" if m.group("ayat") else "",
                angka=m.group("angka") or "",
                huruf=(m.group("huruf") or "").lower(),
            )
        )
    # "Pasal 5 dan Pasal 6 UU 27/2022": a list of provisions shares the regulation named last.
    for i in range(len(refs) - 2, -1, -1):
        gap = text[spans[i][1]:spans[i + 1][0]]
        if refs[i].regulation is None and refs[i + 1].regulation and _LIST_GAP.fullmatch(gap):
            refs[i] = replace(refs[i], regulation=refs[i + 1].regulation)
    return refs


# ----------------------------------------------------------------------------- citations


def format_date_id(value: Any) -> str:
    """"2024-03-05" (or a date) -> "5 Maret 2024"; other strings are returned unchanged."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        d = value
    else:
        text = str(value or "").strip()
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        if not m:
            return text
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return text
    return f"{d.day} {_MONTHS_ID[d.month - 1]} {d.year}"


def provision_words(pasal: str, ayat: str = "", angka: str = "", huruf: str = "") -> str:
    """"Pasal 3 ayat (5)", "Pasal 1 angka 2", "Pasal 5 ayat (1) huruf b": a provision within its text."""
    if not pasal:
        return ""
    parts = [pasal] + [f"{word} {value}" for word, value in (("ayat", ayat), ("angka", angka), ("huruf", huruf)) if value]
    return " ".join(parts)


def location_text(breadcrumb: str, ayat: str, page: int, page_word: str, fallback: str = "") -> str:
    """Where a passage is: "Perpres 132/2022 > BAB II > Pasal 3 > ayat (5), hlm. 4"."""
    where = breadcrumb or fallback
    if ayat and "ayat" not in where and not where.endswith(ayat):
        where = f"{where} > ayat {ayat}" if where else f"ayat {ayat}"
    if page:
        where = f"{where}, {page_word} {page}" if where else f"{page_word} {page}"
    return where


def leaf_label(meta: ChunkMeta | Mapping[str, Any]) -> str:
    """How a passage is named inside its own document: "Pasal 3 ayat (1)-(3)", "Penjelasan Pasal 5",
    "Pasal 13A UU 11/2008 (disisipkan)", or its section title."""
    m = meta if isinstance(meta, ChunkMeta) else ChunkMeta.from_metadata(meta)
    if m.pasal and m.pasal != "Lampiran":
        label = provision_words(m.pasal, m.ayat, m.angka)
        if m.part == "penjelasan":
            label = f"Penjelasan {label}"
        if m.amends:  # a provision of another regulation, as this one amends it
            label += f" {m.amends} ({m.change or 'diubah'})"
        return label
    return m.section or m.pasal or m.title or f"#{m.chunk_index}"


def format_citation(meta: ChunkMeta | Mapping[str, Any], *, amended_by: str = "", huruf: str = "") -> str:
    """The citation a reader sees for a passage, from its typed metadata (or the stored dict).

    ``amended_by`` names the indexed regulations that have amended the provision since: it is known
    only when the question is answered, from what else is indexed. ``huruf`` narrows the citation
    to one lettered item ("Pasal 15 huruf a UU 25/2009").
    """
    m = meta if isinstance(meta, ChunkMeta) else ChunkMeta.from_metadata(meta)
    if m.doc_type == "regulation":
        name = m.short_name or m.title
        if m.part == "lampiran" or m.pasal == "Lampiran":
            return f"Lampiran {name} ({m.section})" if m.section else f"Lampiran {name}"
        provision = provision_words(m.pasal, m.ayat, m.angka, huruf)
        if m.part == "penjelasan":
            provision = f"Penjelasan {provision}" if provision else (m.section or "Penjelasan Umum")
        elif not provision:
            provision = m.section
        if m.amends and m.pasal:
            verb = {"disisipkan": "disisipkan dengan", "dihapus": "dihapus dengan"}.get(
                m.change, "sebagaimana diubah dengan")
            return f"{provision} {m.amends} {verb} {name}".strip()
        if amended_by and m.pasal:
            return f"{provision} {name} (telah diubah dengan {amended_by})".strip()
        return f"{provision} {name}".strip()
    date = format_date_id(m.date)
    if m.doc_type in ("speech", "article"):
        # "Abdullah Azwar Anas (Menteri PANRB), Rapat Koordinasi ..., 5 Maret 2024 (Disway.id)"
        who = f"{m.speaker} ({m.speaker_role})" if m.speaker and m.speaker_role else m.speaker
        where = m.event
        if m.doc_type == "article":
            who = who or m.title
            where = where or ("" if m.outlet else m.source)
        parts = [p for p in (who, where, date) if p]
        if parts:
            return ", ".join(parts) + (f" ({m.outlet})" if m.outlet else "")
    title = m.title or m.short_name or m.doc_id
    return f"{title} — {m.section}" if m.section and title else (title or m.section)
