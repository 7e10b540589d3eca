"""The register through the facade, over a real index: filters, and a change to the index is
seen at once."""

from __future__ import annotations

import datetime as dt

from assistant.obligations.register import ObligationQuery
from tests.obligations.test_extract import PERDA


def test_the_register_follows_the_index(fresh_assistant):
    assert fresh_assistant.obligations() == []
    assert fresh_assistant.ingest([PERDA]).ok
    mayor = fresh_assistant.obligations(ObligationQuery(actor="wali kota"))
    cited = {e.obligation.citation: e for e in mayor}
    assert cited["Pasal 2 ayat (2) Perda Kota Contoh 7/2097"].relation == ""
    regional = cited["Pasal 2 ayat (1) Perda Kota Contoh 7/2097"]  # the mayor as head of the Pemerintah Daerah
    assert (regional.relation, regional.via) == ("peran", "Pemerintah Daerah")
    due = fresh_assistant.obligations(ObligationQuery(due_before=dt.date(2098, 6, 1)))
    assert [e.obligation.citation for e in due] == ["Pasal 2 ayat (1) Perda Kota Contoh 7/2097"]
    assert due[0].overdue(dt.date(2099, 1, 1)) and not due[0].overdue(dt.date(2097, 1, 1))
    assert fresh_assistant.obligations(ObligationQuery(regulation="Perda Kota Contoh 7/2097", modality="must_not"))
    fresh_assistant.remove("perda-kota-contoh-7-2097")
    assert fresh_assistant.obligations() == []
