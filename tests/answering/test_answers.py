"""The offline answer: units of the passages, read per ask, quoted and cited."""

import re

import pytest

from assistant.answering.asks import analyse_question
from assistant.answering.compose import compose_answer
from assistant.answering.reader import read
from assistant.answering.units import split_units
from assistant.settings import AnswerSettings
from tests.answering.conftest import make_hit


def answer(question, hits, language="id"):
    return compose_answer(read(analyse_question(question), hits, AnswerSettings()), hits, language)


def test_units_follow_ayat(pdp_hits):
    units = split_units(pdp_hits[0], 0)
    assert [u.ayat for u in units] == ["(1)", "(2)"]
    assert units[0].text.startswith("(1) Dalam hal")


def test_answer_quotes_and_cites_the_right_ayat(pdp_hits):
    text, citations = answer("Berapa jam batas pemberitahuan kegagalan pelindungan data pribadi?", pdp_hits)
    assert "3 x 24" in text.splitlines()[0]
    assert citations[0].label == "Pasal 46 ayat (1) UU 27/2022"
    # every bullet ends with a citation that exists
    for line in text.splitlines():
        if line.startswith("- "):
            numbers = [int(n) for n in re.findall(r"\[(\d+)\]\s*$", line)]
            assert numbers and all(1 <= n <= len(citations) for n in numbers)


def test_every_line_comes_from_a_passage(pdp_hits):
    text, _ = answer("Apa kewajiban pengendali tentang kerahasiaan data pribadi?", pdp_hits)
    passages = " ".join(" ".join(h.chunk.text.split()) for h in pdp_hits)
    for line in text.splitlines():
        if line.startswith("- "):
            quoted = re.sub(r"^\*\*[^*]+:\*\*\s*", "", line[2:])
            quoted = re.sub(r"\s*\[\d+\]$", "", quoted).rstrip(" …")
            assert quoted in passages, quoted


def test_definition_chunk_is_one_unit_and_answers_what_is():
    hit = make_hit("d", "2. Arsitektur SPBE adalah kerangka dasar yang mendeskripsikan integrasi proses bisnis.",
                   short_name="Perpres 132/2022", pasal="Pasal 1", angka="2")
    assert len(split_units(hit, 0)) == 1
    text, citations = answer("Apa yang dimaksud dengan Arsitektur SPBE?", [hit])
    assert text.startswith("- **Pengertian:**")
    assert citations[0].label == "Pasal 1 angka 2 Perpres 132/2022"


def test_english_question_gets_english_labels_and_indonesian_quotes(pdp_hits):
    text, _ = answer("How many hours does a controller have to notify a breach?", pdp_hits, "en")
    assert text.startswith("- **Period:**") and "**Sources**" in text
    assert "3 x 24" in text


def test_note_restating_a_quoted_pasal_is_left_out(pdp_hits):
    note = make_hit(
        "n1",
        "Pengendali wajib memberi tahu subjek data paling lambat 3 x 24 jam setelah kegagalan pelindungan "
        "(Pasal 46 ayat (1) UU 27/2022).",
        0.85,
        short_name="Catatan PDP", doc_type="note", doc_id="catatan-pdp",
    )
    text, citations = answer("Berapa jam batas pemberitahuan kegagalan pelindungan data pribadi?", [pdp_hits[0], note])
    assert {c.chunk_id for c in citations} == {"c1"}
    assert "setelah kegagalan pelindungan (Pasal 46" not in text


def test_the_ayat_stating_the_value_asked_for_is_quoted():
    fines = make_hit(
        "f1",
        "(1) Pelanggaran terhadap ketentuan pemrosesan data pribadi dikenai sanksi administratif. "
        "(2) Sanksi administratif sebagaimana dimaksud pada ayat (1) berupa: a. peringatan tertulis; "
        "b. penghentian sementara kegiatan pemrosesan; dan/atau c. denda administratif. "
        "(3) Denda administratif paling tinggi 2 (dua) persen dari pendapatan tahunan.",
        0.9,
        short_name="UU 27/2022", pasal="Pasal 57", doc_id="uu-27-2022", title="UU 27/2022",
    )
    other = make_hit(
        "f2",
        "Sanksi administratif dijatuhkan oleh lembaga yang menyelenggarakan pelindungan data pribadi.",
        0.85,
        short_name="UU 27/2022", pasal="Pasal 58", doc_id="uu-27-2022", title="UU 27/2022",
    )
    text, citations = answer("How much is the maximum administrative fine (sanksi administratif) for personal data "
                             "violations?", [fines, other], "en")
    assert "2 (dua) persen" in text.splitlines()[0]
    assert citations[0].label.startswith("Pasal 57 ayat (3)")


@pytest.mark.shared
def test_a_long_lampiran_section_is_cut_at_its_numbered_items_and_sentences(regulations_assistant):
    from assistant.retrieval import ScoredChunk

    # Perpres 132/2022 Lampiran BAB IV F: "Program kerja keamanan SPBE, paling sedikit meliputi: 1. ...;
    # 2. ...; ... 5. audit keamanan SPBE. Penjelasan lebih lanjut ...: 1. edukasi kesadaran keamanan
    # Edukasi ... dilaksanakan ..."; BAB III H ends with a list ("...sebagai tingkat 1 (pertama), ...;")
    lampiran = [c for c in regulations_assistant.index.reader.chunks().values()
                if c.metadata.get("short_name") == "Perpres 132/2022" and c.metadata.get("pasal") == "Lampiran"]
    units = [u.text for c in lampiran for u in split_units(ScoredChunk(c, 0.9), 0)]
    # an item with its own explanation is a unit of its own, not the tail of a 400-word passage
    identification = [u for u in units if "Identifikasi kerentanan keamanan SPBE dilaksanakan paling sedikit" in u]
    assert identification and all(u.startswith("2. identifikasi kerentanan keamanan") for u in identification)
    # the short items stay with the lead-in of their list
    program = next(u for u in units if "paling sedikit meliputi: 1. edukasi kesadaran keamanan SPBE;" in u)
    assert len(program.split()) < 200
    # a long section that ends in a list item is still cut into its sentences
    assert any(u.startswith("Penjaminan kenirsangkalan dilakukan melalui penerapan tanda tangan digital")
               for u in units)
    assert all(len(u.split()) <= 250 for u in units)
