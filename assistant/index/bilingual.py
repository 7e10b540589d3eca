"""English questions over Indonesian sources: domain terms translated for the lexical side.

The dense model is multilingual, but BM25 only matches words. English terms of this domain are
mapped to the Indonesian words the regulations use, and appended to the query the BM25 index
sees. Longer phrases are matched first; an Indonesian question contains none of them.
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


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    phrases = sorted(EN_TO_ID, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def indonesian_terms(query: str) -> str:
    """Indonesian equivalents of the English domain terms in ``query`` ("" when none)."""
    found = [EN_TO_ID[m.group(1).lower()] for m in _pattern().finditer(query)]
    return " ".join(dict.fromkeys(found))


def expand_for_lexical(query: str) -> str:
    """The query plus the Indonesian equivalents of its English domain terms."""
    extra = indonesian_terms(query)
    return f"{query} {extra}" if extra else query
