"""End to end: `python app.py` on a small fixture corpus, driven in headless Chromium.

Skipped when Chromium or Playwright is missing, except on CI (CI=true), where that is a failure.
The tests run in file order and share one server (each opens its own page).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from assistant.feedback import FeedbackStore

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
UI_CORPUS = ROOT / "tests" / "fixtures" / "ui_corpus"
# The README's screenshot is refreshed only on request (PANDU_UPDATE_SCREENSHOT=1), so that a
# test run leaves the working tree as it found it.
README_SCREENSHOT = ROOT / "docs" / "screenshot-chat.png"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ADMIN_PASSWORD = "sandi-uji-e2e"
ANSWER_TIMEOUT_MS = 90_000


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required on CI)")
    pytest.skip(reason)


def _require_browser() -> None:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the playwright package is missing")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _app_server(work: Path, **settings: str) -> Iterator[SimpleNamespace]:
    """`python app.py` in ``work`` with a copy of the UI corpus and an index of its own, on a free
    port, with the given ``PANDU_*`` settings; stopped on exit."""
    corpus = work / "corpus"
    shutil.copytree(UI_CORPUS, corpus)
    index_dir = work / "index"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PANDU_")}
    env.update(
        PANDU_INDEX_DIR=str(index_dir),
        PANDU_CORPUS_DIR=str(corpus),
        PANDU_CACHE_DIR=str(ROOT / ".cache"),
        PANDU_UI__HOST="127.0.0.1",
        PANDU_UI__PORT=str(port),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        GRADIO_ANALYTICS_ENABLED="False",
        **settings,
    )
    log_path = work / "app.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=work, env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 240
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"app.py exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    pass
                if httpx.get(url, timeout=5).status_code == 200:
                    break
            except (OSError, httpx.HTTPError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"app.py did not answer within 240 s:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.5)
        yield SimpleNamespace(url=url, index_dir=index_dir, work=work, log=log_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[SimpleNamespace]:
    """`python app.py` on loopback without accounts, with an admin password."""
    _require_browser()
    with _app_server(
        tmp_path_factory.mktemp("e2e"), PANDU_UI__ADMIN_PASSWORD=ADMIN_PASSWORD, PANDU_UI__MAX_UPLOAD_MB="1"
    ) as running:
        yield running


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.dialogs = []  # any alert() would mean that document text ran as code
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(server.url)
    page.wait_for_selector("#pandu-question textarea")
    yield page
    assert page.dialogs == []
    context.close()


def ask(page, question: str) -> None:
    """Ask and wait until the answer is complete: the sources panel then carries its turn number."""
    turn = page.locator('#pandu-chatbot [data-testid="bot"]').count() + 1
    page.fill("#pandu-question textarea", question)
    page.click("#pandu-ask")
    page.wait_for_selector(f'#pandu-sources .pandu-sources[data-turn="{turn}"]', timeout=ANSWER_TIMEOUT_MS)


def test_enter_sends_the_question_and_shift_enter_adds_a_line(page):
    turn = page.locator('#pandu-chatbot [data-testid="bot"]').count() + 1
    box = page.locator("#pandu-question textarea")
    box.fill("Berapa lama arsip digital")
    box.press("Shift+Enter")
    box.type("kelurahan wajib disimpan?")
    assert "\n" in box.input_value()
    box.press("Enter")
    page.wait_for_selector(f'#pandu-sources .pandu-sources[data-turn="{turn}"]', timeout=ANSWER_TIMEOUT_MS)
    assert "10 (sepuluh) tahun" in page.locator('#pandu-chatbot [data-testid="bot"]').last.inner_text()


def test_ask_see_citation_and_expand_passage(page, tmp_path):
    ask(page, "Berapa lama arsip digital kelurahan wajib disimpan?")
    answer = page.locator('#pandu-chatbot [data-testid="bot"]').last
    assert "10 (sepuluh) tahun" in answer.inner_text()
    assert "[1]" in answer.inner_text()
    assert "Pasal 2 ayat (1) Perpres 998/2098" in answer.inner_text()

    first = page.locator("#pandu-sources details.pandu-cite").first
    assert "[1] Pasal 2 ayat (1) Perpres 998/2098" in first.locator("summary").inner_text()
    passage = first.locator(".pandu-passage")
    assert not passage.is_visible()
    first.locator("summary").click()
    assert passage.is_visible()
    assert "paling singkat 10 (sepuluh) tahun" in passage.inner_text()
    assert "paling singkat 10 (sepuluh) tahun" in passage.locator("mark").first.inner_text()
    crumb = first.locator(".pandu-crumb").inner_text()
    assert "Perpres 998/2098 > BAB II Pengelolaan Arsip > Bagian Kesatu Penyimpanan > Pasal 2 > ayat (1)" in crumb

    shot = README_SCREENSHOT if os.environ.get("PANDU_UPDATE_SCREENSHOT") == "1" else tmp_path / "chat.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000

    # a follow-up keeps the conversation
    ask(page, "Di mana salinan cadangannya disimpan?")
    assert page.locator('#pandu-chatbot [data-testid="bot"]').count() == 2
    assert page.locator('#pandu-chatbot [data-testid="user"]').count() == 2
    assert "pusat data daerah" in page.locator('#pandu-chatbot [data-testid="bot"]').last.inner_text()


def test_unverified_note_and_speech_metadata(page):
    ask(page, "Di mana unit pengelola data kabupaten ditempatkan?")
    summary = page.locator("#pandu-sources details.pandu-cite summary").first
    assert "belum diverifikasi" in summary.inner_text()

    ask(page, "Kapan rapat koordinasi daring dipimpin oleh kepala dinas?")
    cite = page.locator("#pandu-sources details.pandu-cite").first
    cite.locator("summary").click()
    details = cite.inner_text()
    assert "Pembicara: Gubernur Rekaan" in details
    assert "Acara: Apel Pagi Uji Aplikasi" in details
    assert "Tanggal: 12 April 2098" in details


def test_filter_by_document_type(page):
    page.click("#pandu-filters button, #pandu-filters .label-wrap")
    page.locator("#pandu-filter-types").get_by_text("Pidato / sambutan").click()
    ask(page, "Berapa lama arsip digital kelurahan wajib disimpan?")
    panel = page.locator("#pandu-sources").inner_text()
    assert "Perpres 998/2098" not in panel
    assert "Gubernur Rekaan" in panel or "Sambutan rekaan" in panel


def test_export_markdown_download(page):
    ask(page, "Berapa lama arsip digital kelurahan wajib disimpan?")
    with page.expect_download() as info:
        page.click("#pandu-dl-answer-md")
    download = info.value
    assert download.suggested_filename.endswith(".md")
    text = Path(download.path()).read_text(encoding="utf-8")
    assert "Berapa lama arsip digital kelurahan wajib disimpan?" in text
    assert "Pasal 2 ayat (1) Perpres 998/2098" in text
    assert "> (1) Lurah wajib menyimpan Arsip Digital Kelurahan paling singkat 10 (sepuluh) tahun." in text


def test_feedback_is_stored(page, server):
    ask(page, "Berapa lama Juru Arsip wajib menjawab permintaan salinan?")
    page.fill("#pandu-feedback-comment textarea, #pandu-feedback-comment input", "jelas, uji e2e")
    page.click("#pandu-feedback-down")
    page.wait_for_function(
        "() => document.querySelector('#pandu-feedback-status').innerText.includes('Terima kasih')"
    )
    rows = FeedbackStore(server.index_dir / "feedback.sqlite").recent()
    assert rows[0].rating == -1
    assert rows[0].comment == "jelas, uji e2e"
    assert rows[0].question == "Berapa lama Juru Arsip wajib menjawab permintaan salinan?"
    assert any("Pasal 3" in label for label in rows[0].citations)


def test_admin_upload_then_find_in_library(page, server):
    page.get_by_role("tab", name="Admin").click()
    upload_button = page.locator("#pandu-admin-upload")
    assert not upload_button.is_visible()  # locked until the password is given
    page.fill("#pandu-admin-password input", "salah")
    page.click("#pandu-admin-login")
    page.wait_for_function("() => document.querySelector('#pandu-admin-login-msg').innerText.includes('salah')")
    assert not upload_button.is_visible()
    page.fill("#pandu-admin-password input", ADMIN_PASSWORD)
    page.click("#pandu-admin-login")
    upload_button.wait_for(state="visible")

    new_doc = server.work / "catatan-unggahan-uji.md"
    new_doc.write_text(
        "---\ntitle: \"Catatan unggahan uji\"\ndoc_type: note\nverified: false\npillars: [competence]\n---\n"
        "# Catatan unggahan uji\n\n## Kelas literasi data\n"
        "Setiap Kamis sore pegawai rekaan mengikuti kelas literasi data. "
        "Penanda uji <script>alert(1)</script> harus tampil sebagai teks.\n",
        encoding="utf-8",
    )
    page.set_input_files("#pandu-admin-files input[type=file]", [str(new_doc)])
    page.wait_for_selector("#pandu-admin-files :text('catatan-unggahan-uji.md')")
    upload_button.click()
    results = page.locator("#pandu-admin-results")
    page.wait_for_function(
        "() => document.querySelector('#pandu-admin-results').innerText.includes('ditambahkan')",
        timeout=ANSWER_TIMEOUT_MS,
    )
    assert "catatan-unggahan-uji" in results.inner_text()
    assert (server.index_dir / "uploads" / "catatan-unggahan-uji.md").exists()

    page.get_by_role("tab", name="Pustaka").click()
    page.fill("#pandu-library-search input, #pandu-library-search textarea", "unggahan")
    table = page.locator("#pandu-library-table")
    # the search filter applies after the refresh that the upload triggers: wait for both
    page.wait_for_function(
        "() => { const t = document.querySelector('#pandu-library-table').innerText;"
        " return t.includes('Catatan unggahan uji') && !t.includes('Perpres 998/2098'); }",
        timeout=ANSWER_TIMEOUT_MS,
    )
    assert "Perpres 998/2098" not in table.inner_text()
    table.locator('[role="gridcell"]', has_text="Catatan unggahan uji").first.click()
    leaf = page.locator("#pandu-library-tree details.pandu-leaf").first
    leaf.wait_for()
    leaf.locator("summary").click()
    shown = leaf.locator(".pandu-passage").inner_text()
    assert "Setiap Kamis sore pegawai rekaan mengikuti kelas literasi data." in shown
    assert "<script>alert(1)</script>" in shown  # shown as text, not run (the page fixture checks for dialogs)


def admin_login(page) -> None:
    page.get_by_role("tab", name="Admin").click()
    page.fill("#pandu-admin-password input", ADMIN_PASSWORD)
    page.click("#pandu-admin-login")
    page.locator("#pandu-admin-upload").wait_for(state="visible")


def test_admin_removes_a_document_and_reindexes(page, server):
    admin_login(page)
    page.click("#pandu-admin-remove-pick input")
    page.keyboard.type("Catatan unggahan")
    page.get_by_role("option", name="Catatan unggahan uji (catatan-unggahan-uji)").click()
    page.click("#pandu-admin-remove")
    page.wait_for_function(
        "() => document.querySelector('#pandu-admin-remove-msg').innerText.includes('catatan-unggahan-uji')"
    )
    assert not (server.index_dir / "uploads" / "catatan-unggahan-uji.md").exists()

    page.get_by_role("tab", name="Pustaka").click()
    table = page.locator("#pandu-library-table")
    page.wait_for_function(
        "() => !document.querySelector('#pandu-library-table').innerText.includes('Catatan unggahan uji')"
    )
    assert "Perpres 998/2098" in table.inner_text()

    page.get_by_role("tab", name="Admin").click()
    page.click("#pandu-admin-reindex")
    page.wait_for_function(
        "() => document.querySelector('#pandu-admin-results').innerText.includes('tidak berubah')",
        timeout=ANSWER_TIMEOUT_MS,
    )
    results = page.locator("#pandu-admin-results").inner_text()
    for name in ("perpres-998-2098.txt", "pidato-rekaan-budaya-digital.md", "catatan-rekaan-struktur-digital.md"):
        assert name in results
    assert "catatan-unggahan-uji" not in results


def test_admin_refuses_a_bad_file(page, server):
    admin_login(page)
    bad = server.work / "kosong.pdf"
    bad.write_bytes(b"bukan pdf")
    page.set_input_files("#pandu-admin-files input[type=file]", [str(bad)])
    page.wait_for_selector("#pandu-admin-files :text('kosong.pdf')")
    page.click("#pandu-admin-upload")
    page.wait_for_function(
        "() => document.querySelector('#pandu-admin-results').innerText.includes('GAGAL')",
        timeout=ANSWER_TIMEOUT_MS,
    )
    row = page.locator("#pandu-admin-results").inner_text()
    assert "kosong.pdf" in row


def test_upload_over_the_size_limit_is_refused(page, server):
    admin_login(page)
    big = server.work / "besar.txt"
    big.write_text("kata " * 300_000)  # 1.5 MB, over the 1 MB limit of this server
    page.set_input_files("#pandu-admin-files input[type=file]", [str(big)])
    page.get_by_text("exceed the maximum allowed size").wait_for(timeout=15_000)
    assert page.locator("#pandu-admin-files").get_by_text("besar.txt").count() == 0
    assert not (server.index_dir / "uploads" / "besar.txt").exists()


def test_language_switch(page):
    page.get_by_label("English").check()
    page.wait_for_function("() => document.querySelector('#pandu-ask').innerText.trim() === 'Ask'")
    page.get_by_role("tab", name="Library").wait_for(state="visible")
    ask(page, "Berapa lama arsip digital kelurahan wajib disimpan?")
    panel = page.locator("#pandu-sources")
    assert "Sources and passages" in panel.inner_text()
    panel.locator("details.pandu-cite summary").first.click()
    assert "Full text of this passage" in panel.inner_text()


def gradio_login(browser, url: str, username: str, password: str):
    """A new browser context logged in through the app's login form; returns (context, page)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.fill('input[data-testid="textbox"]', username)
    page.fill('input[type="password"]', password)
    page.get_by_role("button", name="Login").click()
    return context, page


def test_accounts_reader_does_not_get_the_admin_tab_but_an_admin_does(browser, tmp_path_factory):
    """A second app with accounts: the whole app asks for a login; a reader may ask and rate but
    sees only a line in the admin tab; an admin sees the tab's tools and who rated."""
    from assistant.accounts import AccountStore
    from assistant.settings import AccountSettings

    work = tmp_path_factory.mktemp("e2e-accounts")
    accounts = AccountStore(work / "index" / "users.sqlite", AccountSettings(bcrypt_rounds=4))
    accounts.add("siti", "sandi-admin-e2e", role="admin")
    accounts.add("budi", "sandi-pembaca-e2e")
    with _app_server(work) as app:
        context, page = gradio_login(browser, app.url, "budi", "salah-sekali")
        page.get_by_text("Incorrect Credentials").wait_for()
        assert page.locator("#pandu-question").count() == 0
        context.close()

        context, page = gradio_login(browser, app.url, "budi", "sandi-pembaca-e2e")
        page.wait_for_selector("#pandu-question textarea")
        ask(page, "Berapa lama arsip digital kelurahan wajib disimpan?")
        page.click("#pandu-feedback-up")
        page.wait_for_function(
            "() => document.querySelector('#pandu-feedback-status').innerText.includes('Terima kasih')"
        )
        page.get_by_role("tab", name="Admin").click()
        page.locator("#pandu-admin-readers").get_by_text("hanya untuk akun admin").wait_for()
        assert not page.locator("#pandu-admin-upload").is_visible()
        assert not page.locator("#pandu-admin-password").is_visible()
        assert not page.locator("#pandu-admin-feedback").is_visible()
        context.close()

        context, page = gradio_login(browser, app.url, "siti", "sandi-admin-e2e")
        page.wait_for_selector("#pandu-question textarea")
        page.get_by_role("tab", name="Admin").click()
        page.locator("#pandu-admin-upload").wait_for(state="visible")
        assert not page.locator("#pandu-admin-readers").is_visible()
        feedback = page.locator("#pandu-admin-feedback").inner_text()
        assert "Pengguna" in feedback and "budi" in feedback  # who rated
        assert FeedbackStore(app.index_dir / "feedback.sqlite").recent()[0].username == "budi"
        context.close()


def test_obligations_tab_pick_actor_tick_and_download_calendar(page, server):
    """The fictional Perda of the UI corpus obliges the Pemerintah Daerah by 2030: pick the actor,
    read the Pasal, mark it done, and take the deadline away as an iCalendar file."""
    import datetime as dt

    from icalendar import Calendar

    from assistant.obligations.checklist import ChecklistStore

    citation = "Pasal 2 Perda Kota Rekaan 3/2025"
    page.get_by_role("tab", name="Kewajiban").click()
    page.click("#pandu-obl-actor input")
    page.get_by_role("option", name="Pemerintah Daerah", exact=True).click()
    row = page.locator("#pandu-obl-list details.pandu-obl", has_text=citation)
    row.wait_for()
    assert row.get_attribute("data-status") == "open"
    quote = row.locator(".pandu-obl-quote")
    assert not quote.is_visible()
    row.locator("summary").click()
    assert "Pemerintah Daerah wajib memasang Lampu Jalan Pintar di setiap ruas jalan kota paling lambat tahun 2030." in quote.inner_text()
    assert "31 Desember 2030" in page.locator("#pandu-obl-timeline").inner_text()

    page.click("#pandu-obl-pick input")
    page.get_by_role("option", name=citation).click()  # "Pasal 2 Perda Kota Rekaan 3/2025 — wajib memasang ..."
    page.locator("#pandu-obl-status").get_by_text("selesai", exact=True).click()
    page.fill("#pandu-obl-note textarea, #pandu-obl-note input", "terpasang, uji e2e")
    page.click("#pandu-obl-save")
    page.wait_for_function(
        "() => document.querySelector('#pandu-obl-message').innerText.includes('Tersimpan')"
    )
    row = page.locator("#pandu-obl-list details.pandu-obl", has_text=citation)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#pandu-obl-list details.pandu-obl')]"
        ".some(d => d.dataset.status === 'done' && d.innerText.includes('Pasal 2 Perda Kota Rekaan 3/2025'))"
    )
    assert "selesai" in row.locator("summary").inner_text()
    saved = ChecklistStore(server.index_dir / "checklists.sqlite").get("")
    assert [(i.status, i.note) for i in saved.values()] == [("done", "terpasang, uji e2e")]

    with page.expect_download() as info:
        page.click("#pandu-obl-dl-ics")
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [ev["DTSTART"].dt for ev in events] == [dt.date(2030, 12, 31)]
    assert citation in str(events[0]["DESCRIPTION"])


def test_training_tab_builds_a_module_and_downloads_the_slides(page):
    """Type a topic, build the module, read a quoted point and its citation in the preview, and take
    the slides away: python-pptx opens them and finds the topic and the citation."""
    from pptx import Presentation

    topic = "Arsip digital kelurahan"
    citation = "Pasal 2 ayat (1) Perpres 998/2098"
    page.get_by_role("tab", name="Bahan ajar").click()
    pptx_button = page.locator("#pandu-training-pptx")
    assert pptx_button.is_disabled()  # nothing to download before a module is built
    page.fill("#pandu-training-topic textarea, #pandu-training-topic input", topic)
    page.locator("#pandu-training-audience").get_by_text("Pimpinan daerah", exact=True).click()
    page.click("#pandu-training-build")
    page.wait_for_selector("#pandu-training-preview .pandu-module-section", timeout=ANSWER_TIMEOUT_MS)
    preview = page.locator("#pandu-training-preview")
    assert topic in preview.locator(".pandu-module-topic").inner_text()
    assert "Peserta: Pimpinan daerah" in preview.inner_text()
    point = preview.locator(".pandu-module-point", has_text=citation).first
    assert "Lurah wajib menyimpan Arsip Digital Kelurahan paling singkat 10 (sepuluh) tahun" in point.inner_text()
    assert citation in point.locator(".pandu-module-cite").inner_text()
    assert "Modul tersusun" in page.locator("#pandu-training-message").inner_text()

    with page.expect_download() as info:
        pptx_button.click()
    download = info.value
    assert download.suggested_filename.endswith(".pptx")
    slides = Presentation(download.path()).slides
    shown = " ".join(shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame)
    assert topic in shown and citation in shown
