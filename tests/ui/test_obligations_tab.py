"""The obligations tab over a real index holding a fictional Perda: its handlers called as Gradio
calls them, the HTML they return, the checklist they save per user, the files they write."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from assistant.obligations.checklist import ChecklistItem, ChecklistStore
from assistant.obligations.model import Obligation, Sanction
from assistant.obligations.register import ObligationQuery, RegisterEntry
from assistant.ui.app import build_app
from assistant.ui.obligations import entry_html, list_html, regulation_choices, timeline_html
from tests.ui.handlers import handler as _handler, request_of as user

REG = "Perda Kabupaten Rekaan 7/2024"
ID_LATE = "perda-kabupaten-rekaan-7-2024|Pasal 2|(1)|"  # paling lambat tahun 2020
ID_NEXT = "perda-kabupaten-rekaan-7-2024|Pasal 2|(3)|"  # paling lambat tahun 2030




@pytest.fixture(scope="module")
def app(obligations_assistant, tmp_path_factory):
    demo = build_app(obligations_assistant)
    demo.pandu.exports_root = tmp_path_factory.mktemp("exports")
    return demo


def _rows(html: str) -> dict[str, str]:
    """Each obligation's <details> element in the list, by obligation id."""
    return {m.group(1): m.group(0) for m in re.finditer(r'<details class="pandu-obl[^"]*" data-obligation="([^"]+)".*?</details>', html)}


def test_the_tab_sits_between_library_and_admin(app):
    tabs = [b.elem_id for b in app.blocks.values() if type(b).__name__ == "Tab"]
    assert tabs == ["pandu-tab-chat", "pandu-tab-library", "pandu-tab-obligations", "pandu-tab-training",
                    "pandu-tab-admin"]


def test_refresh_lists_actors_regulations_and_the_obligations(app):
    refresh = _handler(app, "refresh_obligations")
    out = refresh("Pemerintah Daerah", "", "", "regulation", None, "id", user(None))
    actors, regs, summary, listing, timeline, pick, *downloads = out
    assert ("Semua pelaksana", "") in actors["choices"]
    assert ("Pemerintah Daerah", "Pemerintah Daerah") in actors["choices"]
    assert ("Bupati/Wali Kota", "Bupati/Wali Kota") in actors["choices"]
    assert (REG, REG) in regs["choices"] and regs["value"] == ""
    assert "4 kewajiban dari 1 peraturan; 3 dengan tenggat bertanggal, 2 lewat tenggat." in summary
    assert "bersama" in summary  # no login: the shared checklist

    rows = _rows(listing)
    assert len(rows) == 4
    assert f"Pasal 2 ayat (3) {REG}" in rows[ID_NEXT]
    assert "Yang dimaksud dengan kantor kecamatan" in rows[ID_NEXT]  # its Penjelasan, in the opened row
    assert f"dikenai sanksi administratif berupa teguran tertulis (Pasal 4 {REG})" in rows[ID_NEXT]
    assert "Pemerintah Daerah wajib memasang Papan Layanan Digital" in rows[ID_NEXT]  # the ayat
    assert "pandu-overdue" in rows[ID_LATE] and ">lewat<" in rows[ID_LATE]
    assert "pandu-overdue" not in rows[ID_NEXT] and ">lewat<" not in rows[ID_NEXT]
    # the Bupati's obligation concerns the Pemda it heads
    assert "kewajiban pejabat Bupati/Wali Kota di lingkungan instansi" in listing
    assert f"<b>{REG}</b>" in listing  # grouped by regulation

    dates = re.findall(r'<span class="pandu-due-date">([^<]+)</span>', timeline)
    assert dates == ["31 Desember 2020", "3 Juli 2024", "31 Desember 2030"]
    assert timeline.index("Hari ini") > timeline.index("3 Juli 2024")
    assert timeline.index("Hari ini") < timeline.index("31 Desember 2030")
    assert len(re.findall(r'<li class="pandu-due[^"]*pandu-overdue', timeline)) == 2

    assert [v for _, v in pick["choices"]] == list(rows)
    assert pick["value"] is None
    suffixes = sorted(Path(d["value"]).suffix for d in downloads)
    assert suffixes == [".csv", ".docx", ".ics"]
    assert all(d["interactive"] for d in downloads)


def test_filters_and_the_pillar_grouping(app, obligations_assistant):
    show = _handler(app, "show_obligations")
    bupati = show("bupati", "", "", "regulation", None, "id", user(None))
    rows = _rows(bupati[1])
    # its own obligation, and those of the Pemerintah Daerah it heads; not the one naming nobody
    assert sorted(rows) == sorted([ID_LATE, "perda-kabupaten-rekaan-7-2024|Pasal 2|(2)|", ID_NEXT,
                                   "perda-kabupaten-rekaan-7-2024|Pasal 3|(1)|"])
    assert "berlaku sebagai Pemerintah Daerah" in rows[ID_NEXT]
    other = show("", "Perpres 132/2022", "", "regulation", None, "id", user(None))
    assert "Tidak ada kewajiban" in other[1] and "Tidak ada tenggat" in other[2]
    everyone = show("", REG, "", "pillar", None, "en", user(None))
    ids = re.findall(r'<details class="pandu-obl[^"]*" data-obligation="([^"]+)"', everyone[1])
    assert len(set(ids)) == 5
    headings = re.findall(r"<summary><b>([^<]+)</b>", everyone[1])
    assert headings
    assert set(headings) <= {"Digital structure", "Digital competence", "Digital culture", "Not mapped to a pillar"}
    culture = show("", "", "culture", "regulation", None, "id", user(None))
    wanted = [e.obligation.id for e in obligations_assistant.obligations(ObligationQuery(pillar="culture"))]
    assert list(_rows(culture[1])) == wanted


def test_an_unknown_actor_is_said_not_raised(app):
    show = _handler(app, "show_obligations")
    out = show("<b>nobody</b>", "", "", "regulation", None, "id", user(None))
    assert out[0].startswith("Pelaksana") and "&lt;b&gt;nobody&lt;/b&gt;" in out[0]
    assert "<b>nobody</b>" not in out[0]
    assert out[3]["choices"] == []
    assert all(d["value"] is None and d["interactive"] is False for d in out[4:])


def test_checklist_is_saved_per_user_and_shown(app, obligations_assistant):
    save = _handler(app, "save_item")
    load = _handler(app, "load_item")
    show = _handler(app, "show_obligations")
    store = ChecklistStore.for_settings(obligations_assistant.settings)

    message, *_ = save(None, "done", "", "Pemerintah Daerah", "", "", "regulation", "id", user("tab-siti"))
    assert message == "Pilih kewajiban terlebih dahulu."

    out = save(ID_LATE, "done", "peta jalan ditetapkan 2020", "Pemerintah Daerah", "", "", "regulation", "id",
               user("Tab-Siti"))
    assert out[0] == f"Tersimpan: Pasal 2 ayat (1) {REG} — selesai."
    assert store.get("tab-siti")[ID_LATE] == ChecklistItem(ID_LATE, "done", "peta jalan ditetapkan 2020",
                                                           store.get("tab-siti")[ID_LATE].updated_at)
    summary, listing, timeline, pick = out[1:5]
    row = _rows(listing)[ID_LATE]
    assert 'data-status="done"' in row and ">selesai<" in row
    assert "pandu-overdue" not in row  # done: no longer overdue
    assert "peta jalan ditetapkan 2020" in row
    assert "1 lewat tenggat" in summary and "tab-siti" in summary
    assert pick["value"] == ID_LATE
    assert load(ID_LATE, user("tab-siti")) == ("done", "peta jalan ditetapkan 2020")

    # another user, and the app without accounts, have lists of their own
    assert load(ID_LATE, user("tab-budi")) == ("open", "")
    assert load(ID_LATE, user(None)) == ("open", "")
    other = show("Pemerintah Daerah", "", "", "regulation", None, "id", user("tab-budi"))
    assert 'data-status="open"' in _rows(other[1])[ID_LATE]
    assert "pandu-overdue" in _rows(other[1])[ID_LATE]

    bad = save(ID_LATE, "finished", "", "Pemerintah Daerah", "", "", "regulation", "id", user("tab-siti"))
    assert "unknown checklist status" in bad[0]
    assert store.get("tab-siti")[ID_LATE].status == "done"


def test_the_downloads_hold_the_selection_and_the_checklist(app):
    save = _handler(app, "save_item")
    out = save(ID_NEXT, "in_progress", "tahap lelang", "Pemerintah Daerah", "", "", "regulation", "id",
               user("tab-dewi"))
    files = {Path(d["value"]).suffix: Path(d["value"]) for d in out[5:]}
    assert files[".csv"].parent == files[".ics"].parent
    assert app.pandu.exports_root in files[".csv"].parents
    csv_text = files[".csv"].read_text(encoding="utf-8-sig")
    assert "sedang berjalan" in csv_text and "tahap lelang" in csv_text
    events = list(Calendar.from_ical(files[".ics"].read_bytes()).walk("VEVENT"))
    assert sorted(ev["DTSTART"].dt for ev in events) == [dt.date(2020, 12, 31), dt.date(2024, 7, 3), dt.date(2030, 12, 31)]
    assert files[".docx"].stat().st_size > 10_000


def test_regulation_choices_include_every_indexed_regulation(mini_assistant):
    demo = build_app(mini_assistant)
    choices = regulation_choices(demo.pandu, "en")
    assert choices[0] == ("All regulations", "")
    assert ("Perpres 999/2099", "Perpres 999/2099") in choices


def _hostile(**changes) -> RegisterEntry:
    fields = dict(
        id='x|Pasal 1|"><script>|', regulation="Perda <i>X</i> 1/2024", doc_id="x", chunk_id="x#1",
        pasal="Pasal 1", ayat="", huruf="", citation="Pasal 1 <img src=x onerror=alert(1)>",
        actor="Pemerintah Daerah", actors=("Pemerintah Daerah",), modality="must",
        action="wajib <script>alert(1)</script> menyusun", quote="Pemerintah Daerah wajib <script>alert(2)</script>.",
        deadline="paling lambat tahun 2020", deadline_date="2020-12-31", penjelasan="<b>tebal</b> & lain",
        sanctions=(Sanction("Pasal 9 <u>X</u>", "dikenai <em>sanksi</em>", "administrative"),),
        pillars=("culture", "structure"),
    )
    fields.update(changes)
    return RegisterEntry(Obligation(**fields))


def test_document_text_is_escaped_everywhere():
    entry = _hostile()
    today = dt.date(2026, 1, 1)
    items = {entry.obligation.id: ChecklistItem(entry.obligation.id, "in_progress", "<script>alert(3)</script>")}
    for html in (entry_html(entry, items, "id", today), list_html([entry], items, "id", today),
                 list_html([entry], items, "en", today, "pillar"), timeline_html([entry], items, "en", today)):
        assert "<script>" not in html and "<img" not in html and "<em>" not in html and "<u>" not in html
        assert "<i>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&lt;script&gt;alert(2)&lt;/script&gt;" in html
        assert 'data-obligation="x|Pasal 1|&quot;&gt;&lt;script&gt;|"' in html
    opened = entry_html(entry, items, "id", today)
    assert "&lt;b&gt;tebal&lt;/b&gt; &amp; lain" in opened
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in opened


def test_pillar_grouping_puts_an_obligation_under_each_of_its_pillars():
    today = dt.date(2026, 1, 1)
    both = _hostile(id="a", pillars=("culture", "structure"), action="wajib membina budaya")
    none = _hostile(id="b", pillars=(), action="wajib melapor")
    html = list_html([both, none], {}, "id", today, "pillar")
    headings = re.findall(r"<summary><b>([^<]+)</b>", html)
    assert headings == ["Struktur digital", "Budaya digital", "Belum dipetakan ke pilar"]
    assert html.count('data-obligation="a"') == 2 and html.count('data-obligation="b"') == 1
