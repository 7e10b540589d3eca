"""The law's own links between the provisions of one text: who cites whom, both directions."""

from __future__ import annotations

from assistant.documents.names import ProvisionRef
from assistant.documents.regulation.model import ParsedRegulation
from assistant.documents.regulation.references import extract_references


def link_provisions(parsed: ParsedRegulation) -> None:
    """Fill ``cites`` of every Pasal from its ayat, and ``cited_by`` of the Pasal they name.

    The provisions an amending regulation rewrites speak of the amended regulation ("Undang-Undang
    ini" in the new wording of Pasal 27 UU 11/2008 is UU 11/2008), so their references resolve there.
    """
    own = parsed.identity.short_name if parsed.identity else ""
    by_label = {(own, p.label): p for p in parsed.pasal if not p.amends}
    by_label.update({(p.amends, p.label): p for p in parsed.pasal if p.amends})
    for pasal in parsed.pasal:
        if pasal.roman:
            continue
        context = pasal.amends or own
        units = [(b.label, b.text) for b in pasal.ayat] or [("", pasal.text)]
        if pasal.ayat and pasal.intro.lines:
            units.insert(0, ("", pasal.intro.text))
        seen: set[ProvisionRef] = set()
        for ayat, text in units:
            for ref in extract_references(text, regulation=context, pasal=pasal.label, ayat=ayat):
                if ref in seen or (ref.regulation == context and ref.pasal == pasal.label and not ref.ayat):
                    continue
                seen.add(ref)
                pasal.cites.append(ref)
                target = by_label.get((ref.regulation, ref.pasal))
                if target is not None and target is not pasal:
                    source = ProvisionRef(regulation=context, pasal=pasal.label, ayat=ayat)
                    if source not in target.cited_by:
                        target.cited_by.append(source)
