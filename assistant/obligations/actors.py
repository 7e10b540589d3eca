"""Who an obligation binds: actors as Indonesian regulations name them, and the roles they play.

``find_actors`` reads the canonical actors out of a phrase ("Pimpinan Instansi Pusat dan
Pemerintah Daerah" -> Instansi Pusat, Pemerintah Daerah); ``covered_actors`` gives every actor
whose obligations concern someone: the actor itself, the roles it plays (a Pemerintah Daerah is an
Instansi Pemerintah, and as such a Penyelenggara of public services, a Pengendali Data Pribadi and
a Penyelenggara Sistem Elektronik Lingkup Publik) and the offices within it (its Kepala Daerah).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

#: How people write a regional government short (pemda, pemprov, pemkab, pemkot).
REGIONAL_GOVERNMENT_SHORT = r"pem(?:da|prov|kab|kot)"

#: Canonical actors and how the law writes them, most specific first (the first pattern that
#: matches a stretch of text claims it).
ACTOR_PATTERNS: tuple[tuple[str, str], ...] = (
    ("Penyelenggara Sistem Elektronik Lingkup Publik", r"penyelenggara\s+sistem\s+elektronik\s+lingkup\s+publik"),
    ("Penyelenggara Sistem Elektronik", r"penyelenggara\s+sistem\s+elektronik|\bpse\b"),
    ("Pengendali Data Pribadi", r"pengendali\s+data\s+pribadi"),
    ("Prosesor Data Pribadi", r"prosesor\s+data\s+pribadi"),
    ("Pejabat Pembina Kepegawaian", r"pejabat\s+pembina\s+kepegawaian"),
    ("Instansi Pusat", r"(?:pimpinan\s+)?instansi\s+pusat|\bkementerian(?:\s*\/\s*lembaga)?\b|lembaga\s+pemerintah\s+nonkementerian"),
    ("Pemerintah Daerah", rf"(?:pimpinan\s+)?pemerintah\s+daerah|\b{REGIONAL_GOVERNMENT_SHORT}\b"),
    ("Kepala Daerah", r"kepala\s+daerah"),
    ("Gubernur", r"\bgubernur\b"),
    ("Bupati/Wali Kota", r"\bbupati\b|\bwali\s*kota\b"),
    ("Instansi Pemerintah", r"instansi\s+pemerintah\b|\bbadan\s+publik\b|\binstansi\b"),
    ("Pemerintah Pusat", r"pemerintah\s+pusat|\bpemerintah\b(?!\s+(?:daerah|pusat))"),
    ("Menteri", r"\bmenteri\b"),
    ("Presiden", r"\bpresiden\b"),
    ("Penyelenggara", r"\bpenyelenggara\b"),
    ("Pelaksana", r"\bpelaksana\b"),
    ("Pegawai ASN", r"pegawai\s+asn|pegawai\s+aparatur\s+sipil\s+negara|\bpns\b|\bpppk\b|pegawai\s+negeri\s+sipil|(?<!non-)\basn\b"),
    ("Setiap Orang", r"setiap\s+orang"),
    ("Masyarakat", r"\bmasyarakat\b"),
)

#: A is also B: the obligations of B concern A.
ROLES: dict[str, tuple[str, ...]] = {
    "Gubernur": ("Kepala Daerah",),
    "Bupati/Wali Kota": ("Kepala Daerah",),
    "Kepala Daerah": ("Pemerintah Daerah", "Pejabat Pembina Kepegawaian"),
    "Pemerintah Daerah": ("Instansi Pemerintah",),
    "Instansi Pusat": ("Instansi Pemerintah",),
    "Instansi Pemerintah": ("Penyelenggara", "Pengendali Data Pribadi", "Penyelenggara Sistem Elektronik Lingkup Publik"),
    "Penyelenggara Sistem Elektronik Lingkup Publik": ("Penyelenggara Sistem Elektronik",),
}

CANONICAL: tuple[str, ...] = tuple(name for name, _ in ACTOR_PATTERNS)


@lru_cache(maxsize=1)
def _actor_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<a{i}>{p})" for i, (_, p) in enumerate(ACTOR_PATTERNS)), re.IGNORECASE)


def actor_spans(text: str) -> Iterator[re.Match[str]]:
    """Where ``text`` names an actor (one match per name)."""
    return _actor_re().finditer(text)


def find_actors(text: str) -> list[str]:
    """The canonical actors named in ``text``, in order of appearance, each once."""
    found: list[str] = []
    for m in actor_spans(text):
        name = ACTOR_PATTERNS[int(m.lastgroup[1:])][0]
        if name not in found:
            found.append(name)
    return found


def normalise_actor(text: str) -> str:
    """The canonical actor a user's words name ("pemda", "Bupati Kutai", "pengendali data"), or
    "" when none does."""
    names = find_actors(text)
    if names:
        return names[0]
    lowered = text.strip().lower()
    return next((name for name in CANONICAL if lowered and lowered in name.lower()), "")


def _roles(actor: str) -> set[str]:
    seen: set[str] = set()
    todo = [actor]
    while todo:
        for parent in ROLES.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def covered_actors(actor: str) -> dict[str, str]:
    """Every actor whose obligations concern ``actor`` (canonical), with how: "" for the actor
    itself, "peran" for a role it plays, "jabatan" for an office within it."""
    covered = {actor: ""}
    for role in _roles(actor):
        covered.setdefault(role, "peran")
    for other in CANONICAL:
        if actor in _roles(other):
            covered.setdefault(other, "jabatan")
    return covered
