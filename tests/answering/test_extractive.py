"""The offline answer is made of the passages' own sentences, each cited."""

import re

from assistant.answering.answer_type import value_question
from assistant.answering.extractive import extractive_answer, split_units
from tests.answering.conftest import make_hit


def test_units_follow_ayat(pdp_hits):
    units = split_units(pdp_hits[0], 0)
    assert [u.ayat for u in units] == ["(1)", "(2)"]
    assert units[0].text.startswith("(1) Dalam hal")


def test_answer_quotes_and_cites_the_right_ayat(pdp_hits):
    text, citations = extractive_answer("Berapa jam batas pemberitahuan kegagalan pelindungan data pribadi?", pdp_hits, "id")
    assert "3 x 24" in text
    first = citations[0]
    assert first.label == "Pasal 46 ayat (1) UU 27/2022"
    # every bullet ends with a citation that exists
    for line in text.splitlines():
        if line.startswith("- "):
            numbers = [int(n) for n in re.findall(r"\[(\d+)\]\s*$", line)]
            assert numbers and all(1 <= n <= len(citations) for n in numbers)


def test_every_sentence_comes_from_a_passage(pdp_hits):
    text, _ = extractive_answer("kerahasiaan data pribadi", pdp_hits, "id")
    passages = " ".join(" ".join(h.chunk.text.split()) for h in pdp_hits)
    for line in text.splitlines():
        if line.startswith("- "):
            sentence = re.sub(r"\s*\[\d+\]$", "", line[2:]).rstrip(" …")
            assert sentence in passages


def test_definition_chunk_is_one_unit():
    hit = make_hit("d", "2. Arsitektur SPBE adalah kerangka dasar yang mendeskripsikan integrasi proses bisnis.",
                   short_name="Perpres 132/2022", pasal="Pasal 1", angka="2")
    units = split_units(hit, 0)
    assert len(units) == 1
    _, citations = extractive_answer("Apa itu Arsitektur SPBE?", [hit], "id")
    assert citations[0].label == "Pasal 1 angka 2 Perpres 132/2022"


def test_english_question_gets_english_frame(pdp_hits):
    text, _ = extractive_answer("How many hours does a controller have to notify a breach?", pdp_hits, "en")
    assert text.startswith("According to the sources") and "**Sources**" in text


def test_note_restating_a_quoted_pasal_is_left_out(pdp_hits):
    note = make_hit(
        "n1",
        "Pengendali wajib memberi tahu subjek data paling lambat 3 x 24 jam setelah kegagalan pelindungan "
        "(Pasal 46 ayat (1) UU 27/2022).",
        0.85,
        short_name="Catatan PDP", doc_type="note", doc_id="catatan-pdp",
    )
    text, citations = extractive_answer(
        "Berapa jam batas pemberitahuan kegagalan pelindungan data pribadi?", [pdp_hits[0], note], "id"
    )
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
    question = "How much is the maximum administrative fine (sanksi administratif) for personal data violations?"
    needed = value_question(question)
    assert needed is not None
    text, citations = extractive_answer(question, [fines, other], "en", max_units=2, value=needed)
    assert "2 (dua) persen" in text
    assert any(c.label.startswith("Pasal 57 ayat (3)") for c in citations)
    # without knowing what is asked, the same two units lose to the ones that repeat its words
    plain, _ = extractive_answer(question, [fines, other], "en", max_units=2)
    assert "2 (dua) persen" not in plain
