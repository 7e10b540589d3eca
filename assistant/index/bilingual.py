"""How people ask versus how statutes speak: query terms added for the lexical side.

The dense model is multilingual and paraphrase-aware, but BM25 only matches words. Two lists
bridge the gap: English terms of this domain mapped to the Indonesian words the regulations use,
and everyday Indonesian (abbreviations, colloquial words) mapped to the statutory terms. The
added words are appended to the query the BM25 index sees; longer phrases match first.
"""

from __future__ import annotations

import re
from functools import lru_cache

EN_TO_ID: dict[str, str] = {
    # data protection (UU 27/2022)
    "personal data protection": "pelindungan data pribadi",
    "personal data": "data pribadi",
    "sensitive data": "data pribadi bersifat spesifik",
    "specific data": "data pribadi bersifat spesifik",
    "data controller": "pengendali data pribadi",
    "controller": "pengendali",
    "data processor": "prosesor data pribadi",
    "processor": "prosesor",
    "data subject": "subjek data pribadi",
    "data breach": "kegagalan pelindungan data pribadi",
    "breach": "kegagalan pelindungan",
    "leak": "kegagalan pelindungan bocor",
    "consent": "persetujuan",
    "impact assessment": "penilaian dampak",
    "data protection officer": "pejabat petugas pelindungan data pribadi",
    "transfer abroad": "transfer data pribadi ke luar wilayah hukum negara republik indonesia",
    "abroad": "luar wilayah hukum negara",
    "outside indonesia": "luar wilayah hukum negara republik indonesia",
    "cross-border": "luar wilayah hukum negara",
    "delete": "penghapusan hapus",
    "erase": "penghapusan hapus",
    "correct": "memperbarui memperbaiki",
    "update": "memperbarui",
    "notify": "pemberitahuan memberitahukan",
    "notification": "pemberitahuan",
    "criminal": "pidana",
    "penalty": "pidana sanksi denda",
    "penalties": "pidana sanksi denda",
    "fine": "denda",
    "prison": "penjara",
    "imprisonment": "pidana penjara",
    "sanction": "sanksi",
    "sanctions": "sanksi",
    "administrative sanction": "sanksi administratif",
    "unlawfully": "melawan hukum",
    "collect": "mengumpulkan memperoleh",
    "collecting": "mengumpulkan memperoleh",
    "compensation": "ganti rugi",
    # public service (UU 25/2009)
    "public service": "pelayanan publik",
    "public services": "pelayanan publik",
    "service standard": "standar pelayanan",
    "service standards": "standar pelayanan",
    "service charter": "maklumat pelayanan",
    "complaint": "pengaduan aduan",
    "complaints": "pengaduan aduan",
    "ombudsman": "ombudsman",
    "fee": "biaya tarif",
    "fees": "biaya tarif",
    "charge": "biaya dipungut",
    "free of charge": "tidak dipungut biaya",
    "information system": "sistem informasi",
    "supervision": "pengawasan",
    "provider": "penyelenggara",
    "providers": "penyelenggara",
    "officer": "pelaksana petugas",
    "staff": "pelaksana pegawai",
    # civil service (UU 20/2023)
    "civil servant": "pegawai negeri sipil asn",
    "civil servants": "pegawai negeri sipil asn",
    "civil service": "aparatur sipil negara asn",
    "contract employee": "pegawai pemerintah dengan perjanjian kerja pppk",
    "contract employees": "pegawai pemerintah dengan perjanjian kerja pppk",
    "honorary staff": "pegawai non-asn honorer",
    "merit system": "sistem merit",
    "merit": "merit",
    "talent": "talenta",
    "digital talent": "talenta digital",
    "career": "karier",
    "promotion": "promosi",
    "salary": "gaji",
    "pension": "pensiun",
    "retirement": "pensiun",
    "dismissal": "pemberhentian",
    "discipline": "disiplin",
    "training": "pengembangan kompetensi pelatihan",
    "competence": "kompetensi",
    "competency": "kompetensi",
    "performance": "kinerja",
    "position": "jabatan",
    "positions": "jabatan",
    "managerial": "manajerial",
    # SPBE (Perpres 132/2022, 82/2023)
    "e-government": "sistem pemerintahan berbasis elektronik spbe",
    "electronic government": "sistem pemerintahan berbasis elektronik spbe",
    "electronic-based government": "sistem pemerintahan berbasis elektronik spbe",
    "architecture": "arsitektur",
    "enterprise architecture": "arsitektur spbe",
    "domain": "domain",
    "domains": "domain",
    "business process": "proses bisnis",
    "infrastructure": "infrastruktur",
    "application": "aplikasi",
    "applications": "aplikasi",
    "priority application": "aplikasi spbe prioritas",
    "priority applications": "aplikasi spbe prioritas",
    "security": "keamanan",
    "interoperability": "interoperabilitas keterpaduan",
    "integration": "integrasi keterpaduan",
    "digital transformation": "transformasi digital",
    "acceleration": "percepatan",
    "one data": "satu data indonesia",
    "index": "indeks",
    "score": "nilai indeks",
    "rating": "predikat",
    "evaluation": "evaluasi",
    "monitoring": "pemantauan",
    "deadline": "paling lambat jangka waktu",
    "deadlines": "paling lambat jangka waktu",
    "within": "paling lambat",
    "ministry": "kementerian",
    "ministries": "kementerian instansi pusat",
    "central agency": "instansi pusat",
    "central agencies": "instansi pusat",
    "central government": "instansi pusat",
    "regional government": "pemerintah daerah",
    "regional governments": "pemerintah daerah",
    "local government": "pemerintah daerah",
    "regent": "bupati",
    "mayor": "wali kota",
    "governor": "gubernur",
    "president": "presiden",
    "minister": "menteri",
    "coordination team": "tim koordinasi",
    "state-owned": "badan usaha milik negara",
    "company": "badan usaha perusahaan",
    "funding": "pendanaan anggaran",
    "budget": "anggaran",
    "report": "laporan melaporkan",
    "reporting": "pelaporan laporan",
    "users": "pengguna",
    "user": "pengguna",
    "population": "kependudukan",
    "residents": "penduduk warga",
    "citizens": "warga masyarakat",
    "citizen": "warga masyarakat",
    "definition": "adalah yang dimaksud",
    "means": "adalah yang dimaksud",
    "obligation": "kewajiban wajib",
    "obligations": "kewajiban wajib",
    "must": "wajib",
    "right": "hak",
    "rights": "hak",
    "principle": "prinsip asas",
    "principles": "prinsip asas",
    "digital leadership": "kepemimpinan digital",
    "digital culture": "budaya digital",
    "digital structure": "struktur digital",
    "digital competence": "kompetensi digital",
    "bureaucratic reform": "reformasi birokrasi",
    "accountability": "akuntabilitas",
}


EVERYDAY_TO_STATUTORY: dict[str, str] = {
    "bocor": "kegagalan pelindungan data pribadi",
    "kebocoran": "kegagalan pelindungan data pribadi",
    "diretas": "kegagalan pelindungan data pribadi",
    "vendor": "prosesor data pribadi pihak",
    "pihak ketiga": "prosesor pihak lain",
    "dpo": "pejabat petugas fungsi pelindungan data pribadi",
    "cctv": "alat pemroses pengolah data visual",
    "kamera pengawas": "alat pemroses pengolah data visual",
    "luar negeri": "luar wilayah hukum negara republik indonesia",
    "honorer": "pegawai non-asn",
    "tenaga honorer": "pegawai non-asn",
    "pns": "pegawai negeri sipil",
    "pppk": "pegawai pemerintah dengan perjanjian kerja",
    "p3k": "pegawai pemerintah dengan perjanjian kerja",
    "keluhan": "pengaduan",
    "komplain": "pengaduan",
    "lapor": "pengaduan laporan",
    "pemda": "pemerintah daerah",
    "opd": "perangkat daerah",
    "k/l": "kementerian lembaga instansi pusat",
    "dinas": "perangkat daerah instansi",
    "kementerian panrb": "kementerian pendayagunaan aparatur negara reformasi birokrasi",
    "kemenpan": "kementerian pendayagunaan aparatur negara reformasi birokrasi",
    "menpan": "menteri pendayagunaan aparatur negara reformasi birokrasi",
    "menpanrb": "menteri pendayagunaan aparatur negara reformasi birokrasi",
    "kominfo": "komunikasi informatika",
    "bappenas": "perencanaan pembangunan nasional",
    "bssn": "badan siber sandi negara",
    "ktp": "dokumen kependudukan administrasi kependudukan",
    "akta": "dokumen kependudukan administrasi kependudukan",
    "dukcapil": "kependudukan pencatatan sipil",
    "ikn": "ibu kota nusantara",
    "kaltim": "kalimantan timur",
    "pensiun": "batas usia pensiun",
    "naik pangkat": "kenaikan pangkat",
    "kenaikan jabatan": "promosi",
    "gaji": "gaji tunjangan penghasilan",
    "denda": "denda pidana sanksi",
    "hukuman": "sanksi pidana",
    "digitalisasi": "transformasi digital elektronik",
    "aplikasi prioritas": "aplikasi spbe prioritas",
    "tenggat": "paling lambat",
    "batas waktu": "paling lambat jangka waktu",
    "deadline": "paling lambat jangka waktu",
}


@lru_cache(maxsize=2)
def _pattern(table: str) -> re.Pattern[str]:
    phrases = sorted(_TABLES[table], key=len, reverse=True)
    return re.compile(r"(?<![\w/])(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w/])", re.IGNORECASE)


_TABLES = {"en": EN_TO_ID, "id": EVERYDAY_TO_STATUTORY}


def _lookup(table: str, query: str) -> list[str]:
    return [_TABLES[table][m.group(1).lower()] for m in _pattern(table).finditer(query)]


def indonesian_terms(query: str) -> str:
    """Indonesian equivalents of the English domain terms in ``query`` ("" when none)."""
    return " ".join(dict.fromkeys(_lookup("en", query)))


def expansion_terms(query: str) -> str:
    """Statutory Indonesian words for the English and everyday terms in ``query``."""
    return " ".join(dict.fromkeys(_lookup("en", query) + _lookup("id", query)))


def expand_for_lexical(query: str) -> str:
    """The query plus the statutory Indonesian words for its English and everyday terms."""
    extra = expansion_terms(query)
    return f"{query} {extra}" if extra else query
