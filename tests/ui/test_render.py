"""The app's HTML: document text is always escaped, citations carry their location and metadata."""

from __future__ import annotations

import re

from assistant.answering.types import Answer, Citation, Source
from assistant.index.reading import StoredChunk
from assistant.index.registry import DocumentRecord
from assistant.ui import render

SCRIPT = "<script>alert(1)</script>"


def citation(**overrides) -> Citation:
    values = dict(
        n=1,
        chunk_id="c1",
        label="Pasal 2 ayat (1) Perpres 998/2098",
        short_name="Perpres 998/2098",
        pasal="Pasal 2",
        ayat="(1)",
        part="batang_tubuh",
        page=3,
        title="Peraturan Presiden Nomor 998 Tahun 2098 tentang Arsip Digital Kelurahan Contoh",
        text="(1) Lurah wajib menyimpan arsip\npaling singkat 10 (sepuluh) tahun.\n(2) Salinan disimpan setiap pekan.",
        quote="(1) Lurah wajib menyimpan arsip paling singkat 10 (sepuluh) tahun.",
        breadcrumb="Perpres 998/2098 > BAB II Pengelolaan Arsip > Pasal 2",
        doc_type="regulation",
    )
    values.update(overrides)
    return Citation(**values)


def test_script_in_passage_is_shown_as_text():
    html = render.citation_html(citation(text=f"Awal {SCRIPT} akhir", quote=""), "id")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markup_in_every_field_is_escaped():
    c = citation(
        label=f"<b>label</b>{SCRIPT}",
        breadcrumb="<img src=x onerror=alert(1)>",
        title="<i>judul</i>",
        doc_type="speech",
        speaker="<u>Menteri</u>",
        event="<svg onload=alert(1)>",
        source='https://contoh.invalid/" onmouseover="alert(1)',
        text=SCRIPT,
        quote=SCRIPT,
    )
    html = render.citation_html(c, "id")
    for raw in ("<b>", "<script", "<img", "<i>", "<u>", "<svg"):
        assert raw not in html
    # the URL stays inside its attribute: its quote is escaped
    assert 'href="https://contoh.invalid/&quot; onmouseover=&quot;alert(1)"' in html


def test_only_http_sources_become_links():
    html = render.citation_html(citation(doc_type="article", source="javascript:alert(1)"), "id")
    assert "<a " not in html
    assert "javascript:alert(1)" in html


def test_answer_markdown_neutralises_html():
    answer = Answer(question="q", text=f"- Kalimat {SCRIPT} [1]", abstained=False)
    md = render.answer_markdown(answer)
    assert "<script>" not in md and "&lt;script&gt;" in md


def test_citation_shows_location_quote_and_passage():
    html = render.citation_html(citation(), "id")
    assert "[1] Pasal 2 ayat (1) Perpres 998/2098" in html
    assert "Perpres 998/2098 &gt; BAB II Pengelolaan Arsip &gt; Pasal 2 &gt; ayat (1), hlm. 3" in html
    marked = re.findall(r"<mark>(.*?)</mark>", html, re.S)
    assert len(marked) == 1
    assert " ".join(marked[0].split()) == "(1) Lurah wajib menyimpan arsip paling singkat 10 (sepuluh) tahun."
    assert "(2) Salinan disimpan setiap pekan." in html
    assert "<details" in html and "</details>" in html


def test_speech_citation_shows_speaker_event_and_date():
    c = citation(
        label="Gubernur Rekaan, Apel Pagi, 12 April 2098",
        doc_type="speech",
        speaker="Gubernur Rekaan",
        event="Apel Pagi Uji Aplikasi",
        date="2098-04-12",
        breadcrumb="Sambutan rekaan > Rapat daring",
        ayat="",
        page=0,
    )
    html = render.citation_html(c, "id")
    assert "Pembicara: Gubernur Rekaan" in html
    assert "Acara: Apel Pagi Uji Aplikasi" in html
    assert "Tanggal: 12 April 2098" in html
    english = render.citation_html(c, "en")
    assert "Speaker: Gubernur Rekaan" in english


def test_unverified_note_is_marked():
    assert "belum diverifikasi" in render.citation_html(citation(verified=False, doc_type="note"), "id")
    assert "belum diverifikasi" not in render.citation_html(citation(verified=True), "id")
    assert "not verified" in render.citation_html(citation(verified=False, doc_type="note"), "en")


def test_sources_panel_lists_citations_or_closest_passages():
    answer = Answer(question="q", text="t [1]", abstained=False, citations=[citation(), citation(n=2, label="Pasal 3")])
    html = render.sources_html(answer, "id")
    assert html.count('class="pandu-cite"') == 2
    source = Source(rank=1, chunk_id="s", score=0.3, short_name="Perpres 998/2098", pasal="Pasal 4", ayat="", part="",
                    page=0, title="", text=f"dekat {SCRIPT}", breadcrumb="Perpres 998/2098 > Pasal 4")
    abstained = Answer(question="q", text="tidak tahu", abstained=True, sources=[source])
    html = render.sources_html(abstained, "id")
    assert "Bagian terdekat" in html and "Perpres 998/2098 &gt; Pasal 4" in html
    assert "<script" not in html
    assert "akan tampil di sini" in render.sources_html(None, "id")


def _chunk(i: int, text: str, **meta) -> StoredChunk:
    base = {"doc_id": "perpres-998-2098", "chunk_index": i, "part": "batang_tubuh", "bab": "", "bagian": "",
            "paragraf": "", "pasal": "", "ayat": "", "angka": "", "section": "", "page": 0}
    base.update(meta)
    return StoredChunk(f"id{i}", text, base)


def test_document_tree_nests_bab_bagian_pasal_and_escapes_text():
    crumb2 = "Perpres 998/2098 > BAB II Pengelolaan Arsip > Bagian Kesatu Penyimpanan > Pasal 2"
    crumb3 = "Perpres 998/2098 > BAB II Pengelolaan Arsip > Bagian Kedua Akses > Pasal 3"
    chunks = [
        _chunk(0, "definisi", bab="BAB I", pasal="Pasal 1", angka="1", breadcrumb="Perpres 998/2098 > BAB I Ketentuan Umum > Pasal 1"),
        _chunk(1, f"isi {SCRIPT}", bab="BAB II", bagian="Bagian Kesatu", pasal="Pasal 2", breadcrumb=crumb2),
        _chunk(2, "akses", bab="BAB II", bagian="Bagian Kedua", pasal="Pasal 3", ayat="(1)-(2)", breadcrumb=crumb3),
    ]
    record = DocumentRecord("perpres-998-2098", "/x", "h", "regulation", "Perpres 998/2098", "Judul", 3)
    html = render.document_tree_html(record, chunks, "id")
    assert "<script" not in html and "&lt;script&gt;" in html
    labels = re.findall(r"<summary>([^<]*)", html)
    assert labels == [
        "BAB I Ketentuan Umum",
        "Pasal 1 angka 1",
        "BAB II Pengelolaan Arsip",
        "Bagian Kesatu Penyimpanan",
        "Pasal 2",
        "Bagian Kedua Akses",
        "Pasal 3 ayat (1)-(2)",
    ]
    # Bagian Kedua is closed before it opens, inside the still-open BAB II
    assert html.count("<details") == html.count("</details>")
    body = html[html.index("BAB II Pengelolaan"):]
    assert body.index("Bagian Kedua") > body.index("</details></details>")
    assert "belum diverifikasi" not in html


def test_document_tree_without_selection_is_a_hint():
    assert "Pilih dokumen" in render.document_tree_html(None, [], "id")


def test_document_tree_shows_legal_status_and_names_amended_provisions():
    record = DocumentRecord(doc_id="uu-1-2024", path="x.md", sha256="0", doc_type="regulation",
                            short_name="UU 1/2024", title="Undang-Undang Nomor 1 Tahun 2024", chunks=1,
                            legal_status="mengubah UU 11/2008")
    chunk = StoredChunk("c1", "(1) Isi baru.", {"doc_type": "regulation", "part": "batang_tubuh", "pasal": "Pasal 13A",
                                              "amends": "UU 11/2008", "change": "disisipkan",
                                              "breadcrumb": "UU 1/2024 > Pasal I angka 3 > Pasal 13A UU 11/2008"})
    html = render.document_tree_html(record, [chunk], "id")
    assert "mengubah UU 11/2008" in html
    assert "Pasal 13A UU 11/2008 (disisipkan)" in html
