"""Cross-references in Indonesian statutory text, resolved to the provisions they name.

Indonesian drafting practice (Lampiran II UU 12/2011) writes references as chains of
provision tokens joined by commas, "dan", "atau", "serta" and "sampai dengan"::

    sebagaimana dimaksud dalam Pasal 20 ayat (1), Pasal 21, dan Pasal 56 ayat (2)
    sampai dengan ayat (4) Undang-Undang Nomor 11 Tahun 2008

``extract_references`` reads such chains token by token, keeping the path of the provision
named so far (Pasal > ayat > huruf/angka): a deeper token written right after another refines
it ("Pasal 20 ayat (1)"), a token after a separator is a sibling that keeps the shallower levels
("ayat (3)" after "Pasal 41 ayat (1) dan"), and "sampai dengan" between two tokens of one kind
expands into the items between them. A chain that starts below Pasal ("sebagaimana dimaksud
pada ayat (1)") belongs to the provision whose text is read. A regulation named right after a
chain ("... Pasal 6 UU 11/2008") owns every item of that chain; otherwise the items belong to
the regulation whose text is read. Regulation names are recognised by
``assistant.documents.names``; the 1945 Constitution, which has no number, is recognised here.

``reference_key``/``parse_reference_key`` turn a ``ProvisionRef`` into a stable string id and back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.documents.names import ProvisionRef, _find_names, normalize_regulation_name

__all__ = ["RANGE_CAP", "UUD_1945", "extract_references", "parse_reference_key", "reference_key"]

#: Largest range ("Pasal 5 sampai dengan Pasal 8") expanded item by item; a longer one
#: (most likely an OCR misreading) yields only its two ends.
RANGE_CAP = 30

#: Short name of the 1945 Constitution, which ``names.py`` cannot name (it has no "Nomor").
UUD_1945 = "UUD 1945"

_PASAL, _AYAT, _HURUF, _ANGKA = "pasal", "ayat", "huruf", "angka"

# One provision token. "Pasal" may be glued to a preceding word by OCR ("danPasal 17"); a roman
# Pasal label (the wrapper articles of an amending regulation) counts only as "Pasal I angka 3".
_TOKEN_RE = re.compile(
    r"(?:(?<![A-Za-z])(?:[Pp]asal|PASAL)|(?<=[a-z])Pasal)\s*"
    r"(?:(?P<pasal>\d{1,3}[A-Za-z]?)(?!\w)|(?P<roman>[IVXLC]{1,7})(?=\s+angka\s+\d))"
    r"|(?<![A-Za-z])[Aa]yat\s*(?:\(\s*(?P<ayat>\d{1,2}[a-z]?)\s*\)|(?P<ayat_ocr>\d{1,2}[a-z]?)(?![\w(]))"
    r"|(?<![A-Za-z])[Hh]uruf\s+(?P<huruf>(?P<letter>[a-zA-Z])(?P=letter)?)(?!\w)"
    r"|(?<![A-Za-z])[Aa]ngka\s+(?P<angka>\d{1,3})(?!\w)"
)

_SEPARATOR = r"\s*,?\s*(?:(?:dan/atau|dan|atau|serta|juncto|jo\.|sampai\s+dengan|s\.\s*d\.?|s/d)\s*)?"

# Items of a list that repeat no keyword: "ayat (1), (2), dan (3)", "huruf a, b, dan c".
_CONTINUATION_RE: dict[str, re.Pattern[str]] = {
    _AYAT: re.compile(rf"(?P<sep>{_SEPARATOR})\(\s*(?P<value>\d{{1,2}}[a-z]?)\s*\)", re.IGNORECASE),
    _HURUF: re.compile(rf"(?P<sep>{_SEPARATOR})(?P<value>[a-z])(?![\w)/-]|(?-i:\.\s+[a-z]))", re.IGNORECASE),
}

_RANGE_GAP_RE = re.compile(r"\s*,?\s*(?:sampai\s+dengan|s\.\s*d\.?|s/d)\s*", re.IGNORECASE)
_LIST_GAP_RE = re.compile(r"\s*,?\s*(?:(?:dan/atau|dan|atau|serta|juncto|jo\.)\s*)?", re.IGNORECASE)
# What may stand between a chain and the regulation that owns it (as in names.py).
_NAME_GAP_RE = re.compile(r"[\s,]*(?:(?:dari|dalam)\s+)?", re.IGNORECASE)
# A bare "angka 3" opens a reference only after these words: "angka" is also a common noun.
_BARE_ANGKA_LEAD_RE = re.compile(r"dimaksud\s+(?:pada|dalam)\s*$", re.IGNORECASE)

# OCR reads "l" as "I" or "1" in "Republik Indonesia".
_UUD_1945_RE = re.compile(
    r"Undang\s*-\s*Undang\s+Dasar\s+(?:Negara\s+Repub[lI1]ik\s+[Il1]ndonesia\s+)?(?:Tahun\s+)?1945"
    r"|\bUUD\s*(?:NRI\s*)?(?:Tahun\s+)?1945\b",
    re.IGNORECASE,
)

_Step = tuple[str, str]  # (kind, value): ("pasal", "40A"), ("ayat", "2"), ("huruf", "b")
_Path = tuple[_Step, ...]


@dataclass(frozen=True)
class _Item:
    """One provision token found in the text."""

    start: int
    end: int
    kind: str
    value: str


@dataclass(frozen=True)
class _Target:
    """A provision named by a chain, before its regulation is known."""

    path: _Path
    from_text: bool  # its Pasal is written in the chain (not taken from the reading context)


# ----------------------------------------------------------------------------- public API


def extract_references(text: str, *, regulation: str, pasal: str = "", ayat: str = "") -> list[ProvisionRef]:
    """Every provision that ``text`` (the body of ``pasal``/``ayat`` of ``regulation``, e.g. "UU 27/2022") refers to, resolved.

    ``pasal`` ("Pasal 57" or "57") and ``ayat`` ("(1)" or "1") place the text; references that
    start below Pasal ("ayat (2)", "huruf b") resolve against them and are dropped when no
    ``pasal`` is given. Lists and "sampai dengan" ranges are expanded, a reference to the text's
    own provision is dropped, and duplicates are removed keeping the order of first appearance.
    """
    home = normalize_regulation_name(regulation) or regulation.strip() or None
    own_pasal = _pasal_label(pasal)
    own_ayat = _ayat_label(ayat)
    names = _regulation_names(text)
    refs: list[ProvisionRef] = []
    seen: set[ProvisionRef] = set()
    if own_pasal:
        seen.add(ProvisionRef(regulation=home, pasal=f"Pasal {own_pasal}", ayat=f"({own_ayat})" if own_ayat else ""))
    for chain, gaps in _chains(_items(text), text):
        bare_angka_ok = bool(_BARE_ANGKA_LEAD_RE.search(text[max(0, chain[0].start - 40):chain[0].start]))
        context = _context_path(own_pasal, own_ayat, chain[0].kind, bare_angka_ok)
        named = _regulation_after(text, chain[-1].end, names)
        for target in _resolve_chain(chain, gaps, context):
            ref = _to_ref(target.path, named if (named and target.from_text) else home)
            if ref not in seen:
                seen.add(ref)
                refs.append(ref)
    return refs


def reference_key(ref: ProvisionRef) -> str:
    """Stable string id of ``ref``: "UU 27/2022|Pasal 57|(2)|a".

    Fields are regulation, pasal, ayat and huruf, each kept (empty when unset, so
    "UU 27/2022|Pasal 5||b"); a fifth field, angka, follows only when set
    ("UU 19/2016|Pasal I|||3"). ``parse_reference_key`` is the inverse.
    """
    parts = [ref.regulation or "", ref.pasal, ref.ayat, ref.huruf]
    if ref.angka:
        parts.append(ref.angka)
    if any("|" in part for part in parts):
        raise ValueError(f"a part of {ref!r} contains '|'")
    return "|".join(parts)


def parse_reference_key(key: str) -> ProvisionRef:
    """The ``ProvisionRef`` whose ``reference_key`` is ``key``; ValueError for a malformed key."""
    parts = key.split("|")
    if len(parts) not in (4, 5) or not parts[1]:
        raise ValueError(f"not a reference key: {key!r}")
    regulation, pasal, ayat, huruf = parts[:4]
    angka = parts[4] if len(parts) == 5 else ""
    return ProvisionRef(regulation=regulation or None, pasal=pasal, ayat=ayat, angka=angka, huruf=huruf)


# ----------------------------------------------------------------------------- tokens and chains


def _items(text: str) -> list[_Item]:
    """Provision tokens of ``text`` in order, keyword-less list items included."""
    items: list[_Item] = []
    pos = 0
    while (m := _TOKEN_RE.search(text, pos)) is not None:
        kind, value = _token(m)
        items.append(_Item(m.start(), m.end(), kind, value))
        pos = m.end()
        continuation = _CONTINUATION_RE.get(kind)
        while continuation is not None and (c := continuation.match(text, pos)) is not None:
            if not c.group("sep").strip():
                break
            items.append(_Item(c.end("sep"), c.end(), kind, c.group("value").lower()))
            pos = c.end()
    return items


def _token(m: re.Match[str]) -> tuple[str, str]:
    """(kind, value) of a ``_TOKEN_RE`` match, values normalised ("40a" -> "40A")."""
    if m.group("pasal"):
        return _PASAL, m.group("pasal").upper()
    if m.group("roman"):
        return _PASAL, m.group("roman")
    if m.group("ayat") or m.group("ayat_ocr"):
        return _AYAT, (m.group("ayat") or m.group("ayat_ocr")).lower()
    if m.group("huruf"):
        return _HURUF, m.group("huruf").lower()
    return _ANGKA, m.group("angka")


def _gap_kind(gap: str) -> str | None:
    """How two tokens separated by ``gap`` relate: adjacent, list, range, or None (no chain)."""
    if not gap.strip():
        return "adjacent"
    if _RANGE_GAP_RE.fullmatch(gap):
        return "range"
    if _LIST_GAP_RE.fullmatch(gap):
        return "list"
    return None


def _chains(items: list[_Item], text: str) -> list[tuple[list[_Item], list[str]]]:
    """Items grouped into chains, each with the gap kind before every item ("start" first)."""
    chains: list[tuple[list[_Item], list[str]]] = []
    for item in items:
        gap = _gap_kind(text[chains[-1][0][-1].end:item.start]) if chains else None
        if gap is None:
            chains.append(([item], ["start"]))
        else:
            chains[-1][0].append(item)
            chains[-1][1].append(gap)
    return chains


# ----------------------------------------------------------------------------- resolution


def _context_path(own_pasal: str, own_ayat: str, first_kind: str, bare_angka_ok: bool) -> _Path | None:
    """Where a chain that starts below Pasal hangs: the provision being read, if known."""
    if not own_pasal or (first_kind == _ANGKA and not bare_angka_ok):
        return None
    path: _Path = ((_PASAL, own_pasal),)
    if own_ayat and first_kind in (_HURUF, _ANGKA):
        path += ((_AYAT, own_ayat),)
    return path


def _is_refinement(path: _Path, kind: str) -> bool:
    """Whether a token of ``kind`` written right after ``path`` names a part of it."""
    kinds = [k for k, _ in path]
    if kind == _PASAL or kind in kinds:
        return False
    return kind != _AYAT or kinds == [_PASAL]


def _descend(path: _Path, item: _Item) -> _Path:
    """The path named by ``item`` read after ``path`` (shallower levels kept)."""
    step = (item.kind, item.value)
    if item.kind == _PASAL:
        return (step,)
    if item.kind == _AYAT:
        return tuple(s for s in path if s[0] == _PASAL) + (step,)
    kinds = [k for k, _ in path]
    if item.kind in kinds:
        return path[: kinds.index(item.kind)] + (step,)
    return path + (step,)


def _resolve_chain(chain: list[_Item], gaps: list[str], context: _Path | None) -> list[_Target]:
    """The provisions a chain names, in order; items with no Pasal to hang on are skipped."""
    targets: list[_Target] = []
    path: _Path | None = None
    pending: _Target | None = None
    from_text = False
    for item, gap in zip(chain, gaps):
        refines = gap == "adjacent" and path is not None and _is_refinement(path, item.kind)
        if pending is not None and not refines:
            targets.append(pending)
        pending = None
        if item.kind == _PASAL:
            base: _Path | None = ()
            from_text = True
        elif path is not None:
            base = path
        else:
            base, from_text = context, False
        if base is None:
            path = None
            continue
        new = _descend(base, item)
        if gap == "range" and path is not None and path[-1][0] == item.kind and path[:-1] == new[:-1]:
            targets.extend(
                _Target(new[:-1] + ((item.kind, value),), from_text)
                for value in _between(item.kind, path[-1][1], item.value)
            )
        path = new
        pending = _Target(new, from_text)
    if pending is not None:
        targets.append(pending)
    return targets


def _between(kind: str, first: str, last: str) -> list[str]:
    """Values strictly between the ends of a range; none when unknown or over ``RANGE_CAP``."""
    values: list[str] = []
    if kind in (_AYAT, _ANGKA) and first.isdigit() and last.isdigit():
        values = [str(n) for n in range(int(first) + 1, int(last))]
    elif kind == _HURUF and len(first) == len(last):
        values = [chr(c) * len(first) for c in range(ord(first[0]) + 1, ord(last[0]))]
    elif kind == _PASAL:
        a, b = re.fullmatch(r"(\d*)([A-Z]?)", first), re.fullmatch(r"(\d*)([A-Z]?)", last)
        if a and b and a.group(1) and b.group(1):
            lo, hi = int(a.group(1)), int(b.group(1))
            if lo == hi:  # "Pasal 28A sampai dengan Pasal 28J"
                start = ord(a.group(2)) + 1 if a.group(2) else ord("A")
                values = [f"{lo}{chr(c)}" for c in range(start, ord(b.group(2) or "A"))]
            else:
                values = [str(n) for n in range(lo + 1, hi)]
                if b.group(2):  # "Pasal 5 sampai dengan Pasal 7B": 7, 7A before 7B
                    values += [str(hi)] + [f"{hi}{chr(c)}" for c in range(ord("A"), ord(b.group(2)))]
    return values if len(values) + 2 <= RANGE_CAP else []


def _to_ref(path: _Path, regulation: str | None) -> ProvisionRef:
    """A ``ProvisionRef`` from a resolved path."""
    parts = dict(path)
    return ProvisionRef(
        regulation=regulation,
        pasal=f"Pasal {parts[_PASAL]}",
        ayat=f"({parts[_AYAT]})" if _AYAT in parts else "",
        angka=parts.get(_ANGKA, ""),
        huruf=parts.get(_HURUF, ""),
    )


# ----------------------------------------------------------------------------- regulations


def _regulation_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, short name) of every regulation named in ``text``, the 1945 Constitution included."""
    found = [(m.start(), m.end(), UUD_1945) for m in _UUD_1945_RE.finditer(text)]
    found += [
        (n.start, n.end, n.short_name)
        for n in _find_names(text)
        if not any(s <= n.start < e or n.start <= s < n.end for s, e, _ in found)
    ]
    return sorted(found)


def _regulation_after(text: str, end: int, names: list[tuple[int, int, str]]) -> str | None:
    """The regulation named right after position ``end`` ("Pasal 5 UU 11/2008"), if any."""
    for start, _, name in names:
        if start >= end:
            return name if _NAME_GAP_RE.fullmatch(text[end:start]) else None
    return None


def _pasal_label(pasal: str) -> str:
    """"Pasal 40a" / "40A" -> "40A"; "" stays ""."""
    m = re.fullmatch(r"(?:pasal\s*)?(\d{1,3}[a-z]?|[ivxlc]{1,7})", pasal.strip(), re.IGNORECASE)
    return m.group(1).upper() if m else pasal.strip()


def _ayat_label(ayat: str) -> str:
    """"(2)" / "ayat 2" / "2" -> "2"; "" stays ""."""
    m = re.fullmatch(r"(?:ayat\s*)?\(?\s*(\d{1,2}[a-z]?)\s*\)?", ayat.strip(), re.IGNORECASE)
    return m.group(1).lower() if m else ayat.strip().strip("()")
