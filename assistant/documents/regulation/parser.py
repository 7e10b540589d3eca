"""Parse an Indonesian regulation into the drafting structure of UU 12/2011.

Identity (jenis, nomor, tahun, tentang) comes from the heading; the tree is Menimbang, Mengingat,
BAB > Bagian > Paragraf > Pasal > ayat (> huruf/angka, kept as text), Penjelasan (Umum and Pasal
demi Pasal) and Lampiran sections. The parser works line by line and is built for damaged text:
OCR misreads in headings ("Pasa722", "Pasal I", "BAB Ix", "(l)"), ayat run together on one line,
cross references ("sebagaimana dimaksud dalam Pasal 5") and headings split over two columns.
Pasal numbers must increase, which is what rejects false headings.
"""


from __future__ import annotations

import re

from assistant.documents.model import LoadedDocument
from assistant.documents.regulation.amendments import is_amending, parse_amendments, repealed_regulations
from assistant.documents.regulation.body import parse_body, split_pasal_body
from assistant.documents.regulation.identity import detect_identity
from assistant.documents.regulation.links import link_provisions
from assistant.documents.regulation.lampiran import parse_lampiran
from assistant.documents.regulation.lines import (
    BAB,
    PASAL_CLEAN,
    is_lampiran_heading,
    is_penjelasan_heading,
    pasal_candidates,
    section_text,
    split_lines,
)
from assistant.documents.regulation.model import ParsedRegulation, RegulationIdentity
from assistant.documents.regulation.penjelasan import parse_penjelasan
from assistant.documents.textlines import Line


def parse_regulation(doc: LoadedDocument, identity: RegulationIdentity | None = None) -> ParsedRegulation:
    """The structure of a regulation in ``doc`` (see the module docstring); ``identity`` when the
    caller has already read it."""
    lines = split_lines(doc.text)
    identity = identity or detect_identity(doc.text)
    result = ParsedRegulation(identity=identity)

    # Where the parts start.

    part_starts: list[tuple[int, str]] = []
    first_pasal = None
    for i, ln in enumerate(lines):
        if first_pasal is None and pasal_candidates(ln.text)[0]:
            first_pasal = i
        if first_pasal is not None and i > first_pasal:
            if is_penjelasan_heading(lines, i):
                part_starts.append((i, "penjelasan"))
            elif is_lampiran_heading(ln.text):
                part_starts.append((i, "lampiran"))
    body_end = part_starts[0][0] if part_starts else len(lines)

    def find(pattern: str, start: int = 0) -> int | None:
        """First line from ``start`` matching ``pattern`` (any case) before the first Pasal."""
        rx = re.compile(pattern, re.IGNORECASE)
        stop = first_pasal if first_pasal is not None else len(lines)
        return next((i for i in range(start, stop) if rx.match(lines[i].text)), None)

    i_menimbang = find(r"^Menimbang\b")
    i_mengingat = find(r"^Mengingat\b", i_menimbang or 0)
    i_end_preamble = find(
        r"^(Memperhatikan|Dengan Persetujuan Bersama|Memutuskan|Menetapkan)\b", (i_mengingat or i_menimbang or 0)
    )
    if i_menimbang is not None and (i_mengingat is not None or i_end_preamble is not None):
        stop = i_mengingat if i_mengingat is not None else i_end_preamble
        result.menimbang = section_text(lines[i_menimbang:stop], "Menimbang")
    if i_mengingat is not None:
        stop = i_end_preamble
        if stop is None:
            stop = next((k for k in range(i_mengingat + 1, len(lines))
                         if BAB.match(lines[k].text) or PASAL_CLEAN.match(lines[k].text)), i_mengingat + 1)
        result.mengingat = section_text(lines[i_mengingat:stop], "Mengingat")
    if i_end_preamble is not None:
        body_start = i_end_preamble
    elif i_mengingat is not None or i_menimbang is not None:
        body_start = max(i for i in (i_mengingat, i_menimbang) if i is not None) + 1
    else:
        body_start = 0

    amend_start = is_amending(lines, body_start, body_end)
    if amend_start is None:
        parse_body(lines, body_start, body_end, result)
    else:
        parse_amendments(lines, amend_start, body_end, result)
        result.amends = next((p.amends for p in result.pasal if p.amends), "")
        for p in result.pasal:
            split_pasal_body(p)
    own = identity.short_name if identity else ""
    result.repeals = repealed_regulations(doc.text, own, identity.jenis if identity else "")
    link_provisions(result)
    for idx, (start, kind) in enumerate(part_starts):
        end = part_starts[idx + 1][0] if idx + 1 < len(part_starts) else len(lines)
        if kind == "penjelasan":
            parse_penjelasan(lines, start, end, result)
        else:
            parse_lampiran(lines, start, end, result, label=lines[start].text)
    result.problems = _problems(lines, body_start, body_end, result) + (identity.problems if identity else [])
    return result


def _problems(lines: list[Line], start: int, end: int, result: ParsedRegulation) -> list[str]:
    """Why the parse may be incomplete: no Pasal, or Pasal headings that did not become Pasal."""
    if result.identity is None:
        return ["no regulation heading (jenis, nomor, tahun) found"]
    headings = {
        f"Pasal {m.group(1)}{m.group(2)}"
        for ln in lines[start:end]
        if (m := re.fullmatch(r"Pasal\s+(\d{1,3})\s?([A-H]?)", ln.text))
    }
    if not result.pasal:
        return ["no Pasal found" + (f" ({len(headings)} Pasal headings seen)" if headings else "")]
    found = {p.label for p in result.pasal}
    missing = sorted(headings - found, key=lambda t: (len(t), t))
    if missing and len(missing) > 0.03 * len(headings):
        return [f"{len(missing)} of {len(headings)} Pasal headings not parsed: {', '.join(missing[:6])}"]
    return []
