"""The act a value is asked for: a period of another act the law owes does not answer (real index)."""

from __future__ import annotations

import pytest

from assistant.answering.asks import act_owed


def test_the_act_an_ask_says_is_owed() -> None:
    assert act_owed("dalam berapa hari Ombudsman wajib menyelesaikan pengaduan itu?") == "selesai"
    assert act_owed("paling lambat kapan kepala daerah harus menetapkan arsitektur?") == "tetap"
    # a light verb names no act of its own: the law may say "wajib menanggapi" for "wajib memberi tanggapan"
    assert act_owed("berapa hari unit layanan wajib memberi tanggapan?") == ""
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
