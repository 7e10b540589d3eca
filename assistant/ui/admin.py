"""The admin tab: upload documents, remove one, re-index the corpus, read recent feedback."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from assistant.documents.loaders import SUPPORTED_SUFFIXES
from assistant.index.writing import FileResult, IngestProgress, IngestReport
from assistant.ui.access import ADMIN_PASSWORD_KEY
from assistant.ui.context import PRIVATE, UIContext, require_admin
from assistant.ui.i18n import text
from assistant.ui.library import document_choices
from assistant.ui.uploads import set_aside_failures, stage_uploads

log = logging.getLogger(__name__)

RESULT_COLUMNS = ("col_file", "col_status", "col_id", "col_chunks", "col_message")
FEEDBACK_COLUMNS = ("col_time", "col_user", "col_rating", "col_question", "col_comment")
#: Index writes run one at a time, whichever admin action starts them.
WRITE_QUEUE: dict[str, Any] = {"concurrency_id": "pandu-index-write", "concurrency_limit": 1, **PRIVATE}


def results_table(results: Sequence[FileResult], lang: str) -> pd.DataFrame:
    rows = [
        [Path(r.path).name, text(lang, f"status_{r.status}"), r.doc_id, r.chunks, r.error or r.warning]
        for r in results
    ]
    return pd.DataFrame(rows, columns=[text(lang, c) for c in RESULT_COLUMNS])


def feedback_table(ctx: UIContext, lang: str, limit: int = 50) -> pd.DataFrame:
    rows = [
        [f.created_at.replace("T", " ")[:16], f.username, text(lang, "rating_up" if f.rating > 0 else "rating_down"),
         f.question, f.comment]
        for f in ctx.feedback.recent(limit)
    ]
    return pd.DataFrame(rows, columns=[text(lang, c) for c in FEEDBACK_COLUMNS])


def relabel(frame: pd.DataFrame | None, columns: Sequence[str], lang: str) -> pd.DataFrame:
    """The same table with its column names in ``lang``."""
    names = [text(lang, c) for c in columns]
    if frame is None or len(frame.columns) != len(names):
        return pd.DataFrame([], columns=names)
    return frame.set_axis(names, axis=1)


@dataclass
class AdminTab:
    ok: Any  # gr.State: bool, admin rights of this browser session
    remove_pick: Any
    results: Any
    feedback: Any
    changed: list[Any]  # events after which the document lists must be refreshed


def _ingest_with_progress(ctx: UIContext, paths: list[Path], prune: bool, lang: str, progress: gr.Progress) -> IngestReport:
    """Ingest ``paths`` with the progress bar following each file read and each group of
    passages embedded; the cancel button stops it at the next step. Uploads that fail are set
    aside with their reason."""
    progress(0, desc=text(lang, "loading_model"))

    def on_progress(step: IngestProgress) -> None:
        if step.stage == "embed":
            progress((step.chunks_done, step.chunks_total), unit="passages",
                     desc=text(lang, "embedding_passages", done=step.chunks_done, total=step.chunks_total))
        elif step.stage == "read":
            progress((step.files_done, step.files_total), unit="files",
                     desc=text(lang, "reading_file", name=step.name, i=step.files_done, n=step.files_total))
        else:
            progress((step.files_done, step.files_total), unit="files", desc=text(lang, "indexing_file", name=step.name))

    ctx.ingest_cancel.clear()
    ctx.ingest_running.set()
    try:
        report = ctx.assistant.ingest(paths, prune=prune, on_progress=on_progress, cancel=ctx.ingest_cancel)
    finally:
        ctx.ingest_running.clear()
    report.files = set_aside_failures(report.files, ctx.uploads, ctx.failed_uploads, lang)
    return report


def build_admin_tab(ctx: UIContext, lang_state: Any) -> AdminTab:
    labels = ctx.labels
    policy = ctx.policy
    ok = gr.State(policy.admin_open)
    suffixes = sorted(SUPPORTED_SUFFIXES)
    mb = ctx.settings.ui.max_upload_mb

    # With accounts the tab has no password of its own: the role of the logged-in user decides.
    with gr.Column(visible=not policy.admin_open and policy.accounts is None) as login:
        labels.add(gr.Markdown(text("id", "admin_locked")), value="admin_locked")
        with gr.Row():
            password = labels.add(
                gr.Textbox(label=text("id", "admin_password"), type="password", elem_id="pandu-admin-password", scale=3),
                label="admin_password",
            )
            login_btn = labels.add(gr.Button(text("id", "admin_login"), elem_id="pandu-admin-login", scale=1), value="admin_login")
        login_msg = gr.Markdown("", elem_id="pandu-admin-login-msg")
    readers = labels.add(gr.Markdown(text("id", "admin_only_tab"), visible=False, elem_id="pandu-admin-readers"),
                         value="admin_only_tab")

    with gr.Column(visible=policy.admin_open) as body:
        labels.add(gr.Markdown(f"### {text('id', 'upload')}"), value=lambda lang: f"### {text(lang, 'upload')}")
        files = labels.add(
            gr.File(
                file_count="multiple",
                file_types=suffixes,
                label=text("id", "upload_files", types=", ".join(suffixes), mb=mb),
                elem_id="pandu-admin-files",
            ),
            label=lambda lang: text(lang, "upload_files", types=", ".join(suffixes), mb=mb),
        )
        upload_btn = labels.add(
            gr.Button(text("id", "upload_button"), variant="primary", elem_id="pandu-admin-upload"), value="upload_button"
        )
        results = labels.add(
            gr.Dataframe(
                value=results_table([], "id"), label=text("id", "ingest_results"), interactive=False, wrap=True,
                elem_id="pandu-admin-results",
            ),
            label="ingest_results",
        )
        summary = gr.Markdown("", elem_id="pandu-admin-summary")

        labels.add(gr.Markdown(f"### {text('id', 'remove')}"), value=lambda lang: f"### {text(lang, 'remove')}")
        with gr.Row():
            remove_pick = labels.add(
                gr.Dropdown(choices=document_choices(ctx.assistant.documents()), value=None,
                            label=text("id", "remove_pick"), elem_id="pandu-admin-remove-pick", scale=3),
                label="remove_pick",
            )
            remove_btn = labels.add(
                gr.Button(text("id", "remove_button"), variant="stop", elem_id="pandu-admin-remove", scale=1),
                value="remove_button",
            )
            verify_btn = labels.add(
                gr.Button(text("id", "verify_button"), elem_id="pandu-admin-verify", scale=1), value="verify_button"
            )
        remove_msg = gr.Markdown("", elem_id="pandu-admin-remove-msg")

        labels.add(gr.Markdown(f"### {text('id', 'reindex')}"), value=lambda lang: f"### {text(lang, 'reindex')}")
        labels.add(gr.Markdown(text("id", "reindex_info")), value="reindex_info")
        reindex_btn = labels.add(gr.Button(text("id", "reindex_button"), elem_id="pandu-admin-reindex"), value="reindex_button")
        with gr.Row():
            cancel_btn = labels.add(gr.Button(text("id", "ingest_cancel"), variant="stop", size="sm",
                                              elem_id="pandu-admin-cancel"), value="ingest_cancel")
            cancel_msg = gr.Markdown("", elem_id="pandu-admin-cancel-msg")

        labels.add(gr.Markdown(f"### {text('id', 'feedback_recent')}"), value=lambda lang: f"### {text(lang, 'feedback_recent')}")
        # Filled on each page load only where the tab is open: a hidden component's value still
        # reaches the browser.
        empty = pd.DataFrame([], columns=[text("id", c) for c in FEEDBACK_COLUMNS])
        feedback = gr.Dataframe(
            value=(lambda: feedback_table(ctx, "id")) if policy.admin_open else empty,
            interactive=False, wrap=True, elem_id="pandu-admin-feedback",
        )
        feedback_btn = labels.add(gr.Button(text("id", "feedback_refresh"), size="sm"), value="feedback_refresh")

    # -- handlers (each checks the session's admin right on the server) -------------------
    def do_login(candidate: str, lang: str):
        if policy.check_admin_password(candidate):
            return (True, gr.update(visible=False), gr.update(visible=True), text(lang, "admin_unlocked"), "",
                    feedback_table(ctx, lang))
        locked = policy.throttle is not None and policy.throttle.locked(ADMIN_PASSWORD_KEY)
        return False, gr.skip(), gr.skip(), text(lang, "admin_throttled" if locked else "admin_bad_password"), "", gr.skip()

    login_outputs = [ok, login, body, login_msg, password, feedback]
    login_btn.click(do_login, [password, lang_state], login_outputs, **PRIVATE)
    password.submit(do_login, [password, lang_state], login_outputs, **PRIVATE)

    if policy.accounts is not None:
        def session_rights(request: gr.Request):
            """On page load: the admin right of the logged-in user, and the tab to match."""
            admin = policy.is_admin(request.username if request else None)
            return (admin, gr.update(visible=admin), gr.update(visible=not admin),
                    feedback_table(ctx, "id") if admin else gr.skip())

        gr.on(None, session_rights, inputs=None, outputs=[ok, body, readers, feedback], **PRIVATE)

    def do_upload(paths: list[str] | None, allowed: bool, lang: str, progress=gr.Progress()):
        require_admin(allowed, lang, ctx)
        if not paths:
            raise gr.Error(text(lang, "upload_none"))
        staged, refused = stage_uploads(paths, ctx.uploads, SUPPORTED_SUFFIXES, ctx.max_upload_bytes, lang)
        report = IngestReport()
        if staged:
            report = _ingest_with_progress(ctx, staged, False, lang, progress)
        rows = [*refused, *report.files]
        return results_table(rows, lang), _summary(report, refused, lang), None

    upload_event = upload_btn.click(do_upload, [files, ok, lang_state], [results, summary, files], **WRITE_QUEUE)

    def do_remove(doc_id: str | None, allowed: bool, lang: str):
        require_admin(allowed, lang, ctx)
        if not doc_id:
            raise gr.Error(text(lang, "remove_none"))
        record = next((r for r in ctx.assistant.documents() if r.doc_id == doc_id), None)
        try:
            n = ctx.assistant.remove(doc_id)
        except KeyError as exc:
            raise gr.Error(str(exc.args[0])) from exc
        if record and _inside(Path(record.path), ctx.uploads):
            Path(record.path).unlink(missing_ok=True)  # or a re-index would bring it back
        return text(lang, "removed", doc_id=doc_id, n=n)

    remove_event = remove_btn.click(do_remove, [remove_pick, ok, lang_state], remove_msg, **WRITE_QUEUE)

    def do_verify(doc_id: str | None, allowed: bool, lang: str, request: gr.Request = None):
        """The admin vouches for an uploaded note or speech (its passages lose the unverified mark)."""
        require_admin(allowed, lang, ctx)
        if not doc_id:
            raise gr.Error(text(lang, "remove_none"))
        try:
            result = ctx.assistant.mark_verified(doc_id, getattr(request, "username", None) or "admin")
        except (KeyError, ValueError) as exc:
            raise gr.Error(str(exc.args[0])) from exc
        return text(lang, "verified_done", doc_id=doc_id, n=result.chunks)

    verify_event = verify_btn.click(do_verify, [remove_pick, ok, lang_state], remove_msg, **WRITE_QUEUE)

    def do_reindex(allowed: bool, lang: str, progress=gr.Progress()):
        require_admin(allowed, lang, ctx)
        paths = [Path(ctx.settings.corpus_dir)]
        if ctx.uploads.is_dir():
            paths.append(ctx.uploads)
        report = _ingest_with_progress(ctx, paths, True, lang, progress)
        return results_table(report.files, lang), _summary(report, [], lang)

    reindex_event = reindex_btn.click(do_reindex, [ok, lang_state], [results, summary], **WRITE_QUEUE)

    def do_cancel(allowed: bool, lang: str):
        require_admin(allowed, lang, ctx)
        if not ctx.ingest_running.is_set():
            return text(lang, "ingest_cancel_idle")
        ctx.ingest_cancel.set()
        return text(lang, "ingest_cancelling")

    # outside the write queue, so it runs while the ingest it stops holds the queue
    cancel_btn.click(do_cancel, [ok, lang_state], cancel_msg, queue=False, **PRIVATE)

    def show_feedback(allowed: bool, lang: str):
        require_admin(allowed, lang, ctx)
        return feedback_table(ctx, lang)

    feedback_btn.click(show_feedback, [ok, lang_state], feedback, **PRIVATE)
    return AdminTab(ok=ok, remove_pick=remove_pick, results=results, feedback=feedback, changed=[upload_event, remove_event, verify_event, reindex_event])


def _summary(report: IngestReport, refused: Sequence[FileResult], lang: str) -> str:
    parts = [report.summary()] if report.files or report.pruned else []
    if refused:
        parts.append(text(lang, "refused", n=len(refused)))
    return "; ".join(parts)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False
