"""Indonesian stemming: the Snowball stemmer, checked against a dictionary of root words.

Snowball strips affixes without knowing which roots exist, and Indonesian hides the first letter
of many roots under the nasal prefix: "menetapkan" is men- + tetap, "pengelolaan" peng- + kelola,
"memuat" me- + muat. Alone it stems "menetapkan" to "etap" while "ditetapkan" becomes "tetap",
"pengelolaan" to "elola" while "kelola" becomes "lola", and it cuts words that carry no affix at all
("menteri" to "teri", "kepada" to "pada", "media" to "dia", "perangkat" to "angkat"), so that forms
of one word miss each other and unrelated words meet.

Here a word that is itself a root stays whole, a Snowball stem that is a root is kept, and otherwise
the root the nasal prefix hides is restored when the dictionary knows it (the Sastrawi dictionary of
Indonesian root words). What the dictionary cannot decide is left as Snowball stems it.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

# Roots a nasal prefix may hide, by the prefix and the letter after it (a vowel): meN- before a
# vowel is "meng-" for vowel-initial and k- roots, "men-" for t- roots (or me- + n- roots), "mem-"
# for p- roots (or me- + m- roots). The same holds for peN-.
_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=1)
def roots() -> frozenset[str]:
    """The dictionary of Indonesian root words shipped with the Sastrawi package."""
    text = resources.files("Sastrawi.Stemmer").joinpath("data/kata-dasar.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.split() if w.strip())


@lru_cache(maxsize=1)
def _snowball():
    import Stemmer  # PyStemmer, Snowball algorithms

    return Stemmer.Stemmer("indonesian")


def _candidate_roots(word: str, stem: str) -> list[str]:
    """The roots ``word`` may have, most likely first, given Snowball's ``stem``: the stem itself,
    or, behind a nasal prefix, the root whose first letter the prefix took."""
    if len(word) < 5 or word[:2] not in ("me", "pe") or not stem:
        return [stem]
    if word[2:4] == "ng" and stem[0] in _VOWELS:  # meng-/peng- + vowel: a vowel-initial root or a k- one
        # ("menge-"/"penge-" before a root of one syllable: "pengesahan" is peng- + sah)
        return [stem, *([stem[1:]] if stem[0] == "e" and len(stem) <= 5 else []), "k" + stem]
    if word[2] == "n" and word[3] in _VOWELS and stem[0] in _VOWELS:  # men-/pen- + vowel: a t- root
        return ["t" + stem, "n" + stem, stem]
    if word[2] == "m" and word[3] in _VOWELS and stem[0] == "p" and word[3:].startswith(stem[1:]):
        # Snowball reads mem- + vowel as a p- root ("memukul"); me- + an m- root ("memuat") is the other
        return [stem, "m" + stem[1:]]
    return [stem]


def _lost_final_i(word: str, stem: str) -> bool:
    """Does ``word`` hold ``stem`` + "i" before its end or a suffix (the "i" of the root)?"""
    # (the stem's first letter may be one a nasal prefix took: "memakai" holds "akai", not "pakai")
    return len(stem) >= 3 and any(word.endswith(stem[1:] + "i" + suffix) for suffix in ("", "kan", "an", "nya"))


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """The root of a lower-cased Indonesian ``word`` (see the module's description)."""
    known = roots()
    if word in known:
        return word
    stem = _snowball().stemWord(word)
    for candidate in _candidate_roots(word, stem):
        # Snowball also takes the "-i" of roots that end in it for a suffix ("memakai", "menilai",
        # "menyesuaikan", "pengendalian")
        for root in ((candidate + "i", candidate) if _lost_final_i(word, candidate) else (candidate,)):
            if root in known:
                return root
    return stem


def stem_words(words: list[str]) -> list[str]:
    return [stem_word(w) for w in words]
