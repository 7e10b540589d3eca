"""The training-material tab over the mini corpus (real model, real Chroma): its handlers called as
Gradio calls them, the preview they return, the edits, the modules saved per user, and the files
they write, read back with python-docx and python-pptx."""

from __future__ import annotations

import re
from pathlib import Path

import gradio as gr
import pytest
from docx import Document
from pptx import Presentation

from assistant.training.model import GlossaryEntry, KeyPoint, ObligationPoint, QuizItem, Section, TrainingModule
from assistant.training.store import ModuleStore
from assistant.ui.app import build_app
from assistant.ui.training import module_html
from tests.ui.handlers import handler as _handler, request_of as user

TOPIC = "kantor digital desa"
# what the mini corpus holds on the topic
DEFINITION = "Kantor Digital Desa adalah loket layanan elektronik milik desa untuk mengurus surat keterangan warga."




@pytest.fixture(scope="module")
def app(mini_assistant, tmp_path_factory):
    demo = build_app(mini_assistant)
    demo.pandu.exports_root = tmp_path_factory.mktemp("training-exports")
    return demo


@pytest.fixture(scope="module")
def built(app):
    """The tab's outputs after "Susun modul" on the topic, for regional leaders."""
    return _handler(app, "training_build")(f"  {TOPIC}  ", "pimpinan_daerah", 6, "id", "id")


def _module(out) -> TrainingModule:
    return TrainingModule.from_dict(out[0])


def _files(out) -> dict[str, Path]:
    return {Path(d["value"]).suffix: Path(d["value"]) for d in out[6:9]}


def _flat(value: str) -> str:
    return " ".join(value.split())


def _pptx_text(path: Path) -> tuple[str, str]:
    """(the slides' text, the notes pages' text)."""
    prs = Presentation(str(path))
    shown, notes = [], []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                shown.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                shown.extend(cell.text for row in shape.table.rows for cell in row.cells)
        if slide.has_notes_slide:
            notes.append(slide.notes_slide.notes_text_frame.text)
    return _flat("\n".join(shown)), _flat("\n".join(notes))


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    lines += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return _flat("\n".join(lines))


def test_the_tab_and_its_controls(app):
    ids = {b.elem_id for b in app.blocks.values() if getattr(b, "elem_id", None)}
    for elem in ("pandu-tab-training", "pandu-training-topic", "pandu-training-build", "pandu-training-preview",
                 "pandu-training-md", "pandu-training-docx", "pandu-training-pptx", "pandu-training-audience",
                 "pandu-training-quiz", "pandu-training-language"):
        assert elem in ids, elem
    audience = next(b for b in app.blocks.values() if getattr(b, "elem_id", None) == "pandu-training-audience")
    assert [value for _, value in audience.choices] == ["pimpinan_daerah", "asn_pelaksana", "tim_spbe"]
    assert ("Pimpinan daerah", "pimpinan_daerah") in [tuple(c) for c in audience.choices]
    quiz = next(b for b in app.blocks.values() if getattr(b, "elem_id", None) == "pandu-training-quiz")
    assert (quiz.minimum, quiz.maximum, quiz.value) == (0, 12, 6)
    # the build runs in the queue, one at a time
    build_fn = next(f for f in app.fns.values() if getattr(f.fn, "__name__", "") == "training_build")
    assert build_fn.concurrency_limit == 1 and build_fn.queue is not False


def test_build_shows_the_module_with_its_citations(built):
    state, preview, message, section, point, note, *downloads = built
    module = _module(built)
    assert module.topic == TOPIC and module.audience == "pimpinan_daerah" and module.language == "id"
    assert len(module.sections) >= 2
    points = [p for s in module.sections for p in s.points]
    assert any(p.citation == "Pasal 2 ayat (1) Perpres 999/2099" for p in points)
    assert message.startswith("Modul tersusun dalam ")
    assert f"{len(module.sections)} bagian, {len(points)} poin kutipan, {len(module.quiz)} soal kuis" in message

    assert f'data-sections="{len(module.sections)}"' in preview
    assert '<h3 class="pandu-module-topic">kantor digital desa</h3>' in preview
    assert "Peserta: Pimpinan daerah" in preview
    assert "Tujuan pembelajaran" in preview
    for n, s in enumerate(module.sections, start=1):
        assert f"<h4>{n}. {s.title}</h4>" in preview
        for p in s.points:
            assert f"“{p.text}”" in preview
            assert f"— {p.citation}" in preview
    assert "Glosarium" in preview and DEFINITION in preview
    assert "Kunci jawaban" in preview
    for item in module.quiz:
        assert item.question in preview and item.citation in preview

    assert [v for _, v in section["choices"]] == list(range(len(module.sections)))
    assert section["value"] == 0
    assert [v for _, v in point["choices"]] == list(range(len(module.sections[0].points)))
    assert note == ""
    assert sorted(Path(d["value"]).suffix for d in downloads) == [".docx", ".md", ".pptx"]
    assert all(d["interactive"] for d in downloads)


def test_the_module_speaks_english_when_asked(app):
    out = _handler(app, "training_build")(TOPIC, "tim_spbe", 0, "en", "en")
    module = _module(out)
    assert module.language == "en" and module.quiz == ()
    assert "Learning objectives" in out[1] and "Audience: SPBE team" in out[1]
    assert "Kunci jawaban" not in out[1] and "Answer key" not in out[1]  # no quiz asked for
    assert out[2].startswith("Module built in ")
    assert Path(out[6]["value"]).name == "training-kantor-digital-desa.md"


@pytest.mark.parametrize(("topic", "audience", "lang", "message"), [
    ("", "tim_spbe", "id", "Tulis topik modul terlebih dahulu."),
    ("   \n ", "tim_spbe", "en", "Enter a topic for the module first."),
    (None, "tim_spbe", "id", "Tulis topik modul terlebih dahulu."),
    ("x" * 301, "tim_spbe", "id", "Topik terlalu panjang"),
    (TOPIC, "walikota", "en", "Choose an audience"),
])
def test_bad_input_is_refused_on_the_server(app, topic, audience, lang, message):
    with pytest.raises(gr.Error, match=re.escape(message)):
        _handler(app, "training_build")(topic, audience, 6, "id", lang)


def test_a_failing_build_shows_no_traceback(app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("chroma: Error finding id 1234 at /srv/secret/index")

    monkeypatch.setattr(app.pandu.assistant, "build_module", broken)
    with pytest.raises(gr.Error) as caught:
        _handler(app, "training_build")(TOPIC, "tim_spbe", 6, "id", "id")
    assert "tidak dapat disusun saat ini" in caught.value.message
    assert "secret" not in caught.value.message and "Error finding" not in caught.value.message


def test_edits_need_a_module_and_a_picked_section(app, built):
    with pytest.raises(gr.Error, match="Susun atau muat modul"):
        _handler(app, "training_remove_point")(None, 0, 0, "id")
    with pytest.raises(gr.Error, match="Build or load a module"):
        _handler(app, "training_move_down")(None, 0, "en")
    with pytest.raises(gr.Error, match="Pilih bagian"):
        _handler(app, "training_add_note")(built[0], None, "catatan", "id")
    with pytest.raises(gr.Error, match="Pilih bagian"):
        _handler(app, "training_move_up")(built[0], 99, "id")
    with pytest.raises(gr.Error, match="Pilih poin"):
        _handler(app, "training_remove_point")(built[0], 0, None, "id")
    with pytest.raises(gr.Error, match="Pilih poin"):
        _handler(app, "training_remove_point")(built[0], 0, 99, "id")
    with pytest.raises(gr.Error, match="paling atas"):
        _handler(app, "training_move_up")(built[0], 0, "id")
    last = len(built[0]["sections"]) - 1
    with pytest.raises(gr.Error, match="already the last"):
        _handler(app, "training_move_down")(built[0], last, "en")
    with pytest.raises(gr.Error, match="terlalu panjang"):
        _handler(app, "training_add_note")(built[0], 0, "x" * 2001, "id")


def test_pick_section_lists_its_points_and_note(app, built):
    module = _module(built)
    points, note = _handler(app, "training_pick_section")(built[0], 1, "id")
    assert [label for label, _ in points["choices"]][0].startswith(f"1. {module.sections[1].points[0].citation} — ")
    assert note == ""


def test_remove_a_point(app, built):
    before = _module(built)
    removed = before.sections[0].points[0]
    out = _handler(app, "training_remove_point")(built[0], 0, 0, "id")
    after = _module(out)
    assert after.sections[0].points == before.sections[0].points[1:]
    assert after.sections[1:] == before.sections[1:]
    assert out[2] == f"Poin dihapus: {removed.citation}."
    assert out[1].count(f"“{removed.text}”") == built[1].count(f"“{removed.text}”") - 1
    assert out[3]["value"] == 0 and len(out[4]["choices"]) == len(before.sections[0].points) - 1
    # the downloads are of the edited module
    md = _files(out)[".md"].read_text(encoding="utf-8")
    assert md.count(removed.citation) < _files(built)[".md"].read_text(encoding="utf-8").count(removed.citation)

    # a section whose points are all removed says so
    data = out[0]
    for _ in range(len(after.sections[0].points)):
        data = _handler(app, "training_remove_point")(data, 0, 0, "id")[0]
    empty = _handler(app, "training_add_note")(data, 0, "", "id")
    assert _module(empty).sections[0].points == ()
    assert "Tidak ada lagi poin di bagian ini." in empty[1]


def test_move_a_section(app, built):
    before = _module(built)
    titles = [s.title for s in before.sections]
    out = _handler(app, "training_move_down")(built[0], 0, "id")
    moved = [s.title for s in _module(out).sections]
    assert moved == [titles[1], titles[0], *titles[2:]]
    assert out[2] == f"Bagian “{titles[0]}” sekarang di urutan 2."
    assert out[3]["value"] == 1  # the picked section follows the move
    assert out[1].index(f"<h4>1. {titles[1]}</h4>") < out[1].index(f"<h4>2. {titles[0]}</h4>")
    back = _handler(app, "training_move_up")(out[0], 1, "id")
    assert [s.title for s in _module(back).sections] == titles
    assert back[3]["value"] == 0
    md = _files(out)[".md"].read_text(encoding="utf-8")
    assert md.index(f"## 1. {titles[1]}") < md.index(f"## 2. {titles[0]}")


def test_add_a_note_escaped_and_exported(app, built):
    note = "Tanyakan <script>alert(1)</script> pengalaman peserta & contoh desa."
    out = _handler(app, "training_add_note")(built[0], 1, f"  {note}  ", "id")
    module = _module(out)
    assert module.sections[1].note == note and module.sections[0].note == ""
    assert out[2] == f"Catatan disimpan untuk bagian “{module.sections[1].title}”."
    assert out[5] == note
    assert "<script>" not in out[1]
    assert ("Catatan pelatih:</b> Tanyakan &lt;script&gt;alert(1)&lt;/script&gt; pengalaman peserta &amp; contoh desa."
            in out[1])
    files = _files(out)
    assert "Tanyakan" in files[".md"].read_text(encoding="utf-8")
    assert note in _docx_text(files[".docx"])
    assert note in _pptx_text(files[".pptx"])[1]  # on the notes page of the section's slide
    points, shown_note = _handler(app, "training_pick_section")(out[0], 1, "id")
    assert shown_note == note
    cleared = _handler(app, "training_add_note")(out[0], 1, "  ", "id")
    assert _module(cleared).sections[1].note == ""
    assert cleared[2] == f"Catatan bagian “{module.sections[1].title}” dihapus."
    assert "Tanyakan" not in cleared[1]


def test_the_three_downloads_read_back(app, built):
    module = _module(built)
    files = _files(built)
    assert all(app.pandu.exports_root in f.parents for f in files.values())
    assert len({f.parent for f in files.values()}) == 1
    assert files[".md"].name == "bahan-ajar-kantor-digital-desa.md"
    citation = module.sections[0].points[0].citation
    md = files[".md"].read_text(encoding="utf-8")
    assert md.startswith("# kantor digital desa\n")
    assert citation in md and "Kunci Jawaban" in md

    docx = _docx_text(files[".docx"])
    assert "kantor digital desa" in docx and citation in docx and "Glosarium" in docx

    slides, _ = _pptx_text(files[".pptx"])
    assert "kantor digital desa" in slides and citation in slides
    assert module.sections[0].title in slides
    assert len(Presentation(str(files[".pptx"])).slides) >= len(module.sections) + 2


def test_modules_are_saved_per_user(app, built, mini_assistant):
    save = _handler(app, "training_save")
    load = _handler(app, "training_load")
    delete = _handler(app, "training_delete")
    refresh = _handler(app, "training_refresh")
    store = ModuleStore.for_settings(mini_assistant.settings)

    noted = _handler(app, "training_add_note")(built[0], 0, "untuk angkatan 3", "id")
    message, saved = save(noted[0], "id", user("Trn-Siti"))
    assert message == "Modul disimpan: kantor digital desa."
    module_id = saved["value"]
    assert [v for _, v in saved["choices"]] == [module_id]
    assert saved["choices"][0][0].startswith("kantor digital desa · Pimpinan daerah · 20")
    assert [row[0] for row in store.list("trn-siti")] == [module_id]
    assert store.list("trn-budi") == []

    # another user sees nothing and cannot load or delete it
    listed, _ = refresh(module_id, None, "id", user("trn-budi"))
    assert listed["choices"] == [] and listed["value"] is None
    with pytest.raises(gr.Error, match="tidak ditemukan"):
        load(module_id, "id", user("trn-budi"))
    with pytest.raises(gr.Error, match="not found"):
        delete(module_id, "en", user("trn-budi"))
    with pytest.raises(gr.Error, match="tidak ditemukan"):
        load("../trn-siti/" + module_id, "id", user("trn-budi"))
    with pytest.raises(gr.Error, match="Pilih modul tersimpan"):
        load(None, "id", user("trn-siti"))

    listed, preview = refresh(None, None, "en", user("trn-siti"))
    assert listed["choices"][0][0].startswith("kantor digital desa · Regional leaders · ")
    assert "appears here once you build" in preview
    out = load(module_id, "id", user("trn-siti"))
    assert out[0] == noted[0]
    assert out[1] == noted[1]
    assert out[2] == "Modul dimuat: kantor digital desa."
    assert "untuk angkatan 3" in out[1]
    assert sorted(Path(d["value"]).suffix for d in out[6:9]) == [".docx", ".md", ".pptx"]

    message, saved = delete(module_id, "id", user("trn-siti"))
    assert message == "Modul dihapus: kantor digital desa."
    assert saved["choices"] == [] and store.list("trn-siti") == []
    with pytest.raises(gr.Error, match="tidak ditemukan"):
        load(module_id, "id", user("trn-siti"))


def test_without_accounts_there_is_one_shared_list(app, built, mini_assistant):
    message, saved = _handler(app, "training_save")(built[0], "en", user(None))
    assert message == "Module saved: kantor digital desa."
    assert saved["value"] in [row[0] for row in ModuleStore.for_settings(mini_assistant.settings).list("")]
    _handler(app, "training_delete")(saved["value"], "en", user(None))


def _hostile_module() -> TrainingModule:
    point = KeyPoint("Bupati <script>alert(1)</script> wajib", "Pasal 1 <img src=x onerror=alert(2)>", 'c"><b>x',
                     ("culture",), "<i>catatan</i>")
    return TrainingModule(
        topic="<b>Topik</b>", audience="tim_spbe", language="id", objectives=("Menjelaskan <u>x</u>.",),
        sections=(Section("BAB <em>I</em>", (point,), "topic", "<script>alert(3)</script>"),),
        glossary=(GlossaryEntry("<b>Istilah</b>", "adalah <script>x</script>", "Pasal 1 <u>angka</u> 1", "c"),),
        obligations=(ObligationPoint("Pasal 2 <i>X</i>", "Pemda <b>", "must", "memasang <script>", "2030", "",
                                     "<u>teguran</u>", "c"),),
        quiz=(QuizItem("choice", "Siapa <script>?", "<b>A</b>", ("<b>A</b>", "<i>B</i>", "C"), "Pasal <u>3</u>", "c"),),
        created="2026-01-05T00:00:00+00:00",
    )


def test_every_text_in_the_preview_is_escaped():
    html = module_html(_hostile_module(), "id")
    for tag in ("<script", "<img", "<b>Topik", "<em>", "<u>", "<i>", "<b>Istilah", "<b>A</b>", "<b>x"):
        assert tag not in html, tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert 'data-chunk="c&quot;&gt;&lt;b&gt;x"' in html
    assert "A. &lt;b&gt;A&lt;/b&gt;" in html  # the answer key
    assert "Sifat" in html and "wajib" in html  # the obligations table, in the module's language
    assert "Pilar: Budaya digital" in html
    assert "5 Januari 2026" in html


def test_the_empty_preview_follows_the_interface_language():
    assert "setelah Anda menyusun modul" in module_html(None, "id")
    assert "once you build a module" in module_html(None, "en")
