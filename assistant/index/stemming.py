"""Indonesian stemming: the Snowball stemmer, checked against a dictionary of root words.

Snowball strips affixes without knowing which roots exist, and Indonesian hides the first letter
of many roots under the nasal prefix: "menetapkan" is men- + tetap, "pengelolaan" peng- + kelola,
"memuat" me- + muat. Alone it stems "menetapkan" to "etap" while "ditetapkan" becomes "tetap",
"pengelolaan" to "elola" while "kelola" becomes "lola", and it cuts words that carry no affix at all
("menteri" to "teri", "kepada" to "pada", "media" to "dia", "perangkat" to "angkat"), so that forms
of one word miss each other and unrelated words meet.

Here a word that is itself a root stays whole, a Snowball stem that is a root is kept, and otherwise
the root the nasal prefix hides is restored when the dictionary knows it (the Sastrawi dictionary of
Indonesian root words). When that finds no root either, the longest root the word is made of with
one prefix and one suffix is taken ("berlaku" is ber- + laku, "perencanaan" per- + rencana + -an).
What the dictionary cannot decide is left as Snowball stems it.
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


# Prefixes (longest first) and suffixes Indonesian words take, for the dictionary-checked search
# below; and the first letter a prefix may hide: ber-/per-/ter- before an r- root ("berencana" is
# ber- + rencana, "perumusan" per- + rumus), the nasal prefixes before s-, t-, p-, k- roots.
_PREFIXES = ("memper", "diper", "meng", "meny", "peng", "peny", "ber", "per", "ter", "mem", "men", "pem", "pen",
             "be", "pe", "te", "me", "di", "ke", "se", "")
_SUFFIXES = ("", "kannya", "annya", "kan", "an", "i", "nya", "lah", "kah", "ku", "mu")
_HIDDEN = {"ber": "r", "per": "r", "ter": "r", "be": "r", "pe": "r", "te": "r", "meny": "s", "peny": "s",
           "men": "t", "pen": "t", "mem": "p", "pem": "p", "meng": "k", "peng": "k"}
_MIN_ROOT = 4  # shorter "roots" are mostly chance ("perpres" is not per- + "pres")


def _affixed_root(word: str, untouched: bool) -> str:
    """The longest dictionary root ``word`` is made of with at most one prefix and one suffix, or ""
    (a root whose first letter a prefix hides counts one letter shorter: "menyatakan" is me- +
    nyata + -kan before meny- + satak + -an). ``untouched``: Snowball saw no affix in it; then only
    ber-/ter- are read ("berhak" is ber- + hak), as a word it leaves alone is mostly a name or a
    loan ("merit", "perpres")."""
    known = roots()
    found, best = "", 0
    for prefix in _PREFIXES:
        if not word.startswith(prefix) or (untouched and prefix not in ("ber", "ter")):
            continue
        rest = word[len(prefix):]
        for suffix in _SUFFIXES:
            if not rest.endswith(suffix) or not (prefix or suffix):
                continue
            core = rest[: len(rest) - len(suffix)] if suffix else rest
            hidden = _HIDDEN.get(prefix, "")
            for root, weight in ((core, len(core)), (hidden + core, len(core)) if hidden and core[:1] in _VOWELS else ("", 0)):
                if len(root) >= (3 if untouched else _MIN_ROOT) and root in known and weight > best:
                    found, best = root, weight
    return found


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
    # Snowball's stem is no root: a root behind a prefix that hides its first letter ("berencana",
    # "perumusan") or behind a suffix it misreads ("berlaku" is ber- + laku, not berla + -ku)
    return _affixed_root(word, untouched=stem == word) or stem


def stem_words(words: list[str]) -> list[str]:
    return [stem_word(w) for w in words]
