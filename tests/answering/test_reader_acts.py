"""The act a value is asked for: a period of another act the law owes does not answer (real index)."""

from __future__ import annotations

import pytest

from assistant.answering.asks import act_owed


def test_the_act_an_ask_says_is_owed() -> None:
    assert act_owed("dalam berapa hari Ombudsman wajib menyelesaikan pengaduan itu?") == "selesai"
    assert act_owed("paling lambat kapan kepala daerah harus menetapkan arsitektur?") == "tetap"
    # a light verb names no act of its own: its object does ("memberi tanggapan" is "menanggapi")
    assert act_owed("berapa hari unit layanan wajib memberi tanggapan?") == act_owed("wajib menanggapi") == "tanggap"
    assert act_owed("Penyelenggara berkewajiban melaksanakan evaluasi") == act_owed("wajib mengevaluasi") == "evaluasi"
    assert act_owed("apa yang wajib dilakukan?") == ""
    # an adverb between the modal and the act ("harus sudah dikirim", "wajib segera melaporkan")
    assert act_owed("pemberitahuan itu harus sudah dikirim kepada pelanggan?") == "kirim"
    assert act_owed("wajib segera melaporkan insiden") == act_owed("wajib melaporkan") == "lapor"
    assert act_owed("berapa lama masa simpan datanya?") == ""


@pytest.mark.shared
def test_a_period_of_another_act_does_not_answer(regulations_assistant) -> None:
    # UU 25/2009: Pasal 44 ayat (3) owes a response ("wajib menanggapi") within 14 days; Pasal 46 owes
    # the Ombudsman's settling of a complaint ("wajib menyelesaikan") but gives it no period
    settle = regulations_assistant.ask("Dalam berapa hari Ombudsman wajib menyelesaikan pengaduan masyarakat?")
    assert "14 (empat belas) hari" not in settle.text.split("\n\n")[0], settle.text
    respond = regulations_assistant.ask("Dalam berapa hari ombudsman wajib menanggapi pengaduan masyarakat?")
    assert not respond.abstained and "14 (empat belas) hari" in respond.text.split("\n\n")[0], respond.text
    assert "Pasal 44 ayat (3) UU 25/2009" in respond.text


@pytest.mark.shared
def test_an_act_named_by_its_object_is_the_act_owed(regulations_assistant) -> None:
    from assistant.answering.asks import acts_owed, analyse_question
    from assistant.answering.reader import holds_answer
    from assistant.answering.units import split_units
    from assistant.retrieval import ScoredChunk

    # UU 25/2009 Pasal 10 ayat (1): "berkewajiban melaksanakan evaluasi terhadap kinerja pelaksana ... secara
    # berkala"; Pasal 7 ayat (4) owes other acts of the Menteri, one "secara berkala" (ranking the providers)
    chunks = [c for c in regulations_assistant.index.reader.chunks().values()
              if c.metadata.get("short_name") == "UU 25/2009" and c.metadata.get("part") == "batang_tubuh"]
    evaluation = " ".join(c.text for c in chunks if c.metadata.get("pasal") == "Pasal 10")
    ask = analyse_question("Seberapa sering penyelenggara wajib mengevaluasi kinerja pelaksana?").asks[0]
    assert ask.act in acts_owed(evaluation)  # the law owes the act asked about, named by its object
    ranking = next(u for c in chunks if c.metadata.get("pasal") == "Pasal 7"
                   for u in split_units(ScoredChunk(c, 0.9), 0) if u.ayat == "(4)")
    assert "secara berkala" in ranking.text
    assert not holds_answer(ranking, ask, regulations_assistant.settings.answer, act=ask.act)
