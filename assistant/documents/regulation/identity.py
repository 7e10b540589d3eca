"""Which regulation a text is: jenis, nomor, tahun, tentang (and its dates)."""

from __future__ import annotations

import re

from assistant.documents.names import long_name, parse_jenis, short_name, title_case
from assistant.documents.numerals import ocr_int
from assistant.documents.textlines import is_upper
from assistant.documents.regulation.lines import split_lines
from assistant.documents.regulation.model import RegulationIdentity

# ----------------------------------------------------------------------------- identity

_NOMOR_TAHUN = re.compile(
    r"(?:^|\s)N[O0Q]M[O0Q]R\s*([0-9OolI]{1,4})\s+TAH[UV]N\s+([0-9OolIZ]{4})\b", re.IGNORECASE
)
_HEAD_STOP = re.compile(r"^(DENGAN RAHMAT|Menimbang|Mengingat|PRESIDEN REPUBLIK INDONESIA,|Pasal\s+1\b|BAB\s+I\b)",
                        re.IGNORECASE)


_JENIS_START = re.compile(r"^(peraturan|undang|keputusan|instruksi|surat edaran|perppu)", re.IGNORECASE)


def detect_identity(text: str) -> RegulationIdentity | None:
    """Jenis, nomor, tahun and tentang from the heading of a regulation, or None."""
    lines = [ln for ln in split_lines(text[:6000]) if ln.text][:45]
    lines = [ln for ln in lines if not (ln.text.startswith("[") and ln.text.endswith("]"))]
    for j, ln in enumerate(lines):
        if _HEAD_STOP.match(ln.text) and j > 0:
            break
        m = _NOMOR_TAHUN.search(ln.text)
        if not m:
            continue
        before = ln.text[: m.start()].strip()
        if before and not _JENIS_START.match(before):
            continue  # "... menurut Undang-Undang Nomor 5 Tahun 2014" is prose, not a heading
        jenis_text = before
        k = j - 1
        while not before and k >= 0 and k >= j - 3 and not _JENIS_START.match(jenis_text):
            if not is_upper(lines[k].text):
                break
            jenis_text = f"{lines[k].text} {jenis_text}".strip()
            k -= 1
        jenis = parse_jenis(jenis_text)
        if not jenis:
            continue
        nomor = ocr_int(m.group(1))
        tahun = ocr_int(m.group(2))
        rest = ln.text[m.end():].strip()
        tentang_parts: list[str] = []
        rest = re.sub(r"^TENTANG\b\s*", "", rest, flags=re.IGNORECASE)
        if rest:
            tentang_parts.append(rest)
        upper_heading = is_upper(ln.text)
        for nxt in lines[j + 1:j + 7]:
            t = nxt.text
            if _HEAD_STOP.match(t) or (upper_heading and not is_upper(t)):
                break
            if re.fullmatch(r"TENTANG|T\W?E\W?[NT\\I]+\W?ANG", t, flags=re.IGNORECASE) and not tentang_parts:
                continue
            if not upper_heading:
                break
            tentang_parts.append(t)
        tentang = re.sub(r"\s+", " ", " ".join(tentang_parts)).strip(" .,;")
        tentang = re.sub(r"^tentang\s+", "", tentang, flags=re.IGNORECASE)
        if tentang and is_upper(tentang):
            tentang = title_case(tentang)
        return RegulationIdentity(
            jenis=jenis,
            nomor=nomor,
            tahun=tahun,
            tentang=tentang,
            short_name=short_name(jenis, nomor, tahun),
            long_name=long_name(jenis, nomor, tahun, tentang),
        )
    return None


