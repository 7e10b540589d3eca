"""``build_app(assistant)``: the Gradio Blocks app (chat, library, obligations, training material, admin)
over the facade."""

from __future__ import annotations

import logging

import gradio as gr

from assistant.api import Assistant
from assistant.feedback import FeedbackStore
from assistant.ui.access import AccessPolicy, access_policy
from assistant.ui.admin import FEEDBACK_COLUMNS, RESULT_COLUMNS, build_admin_tab, relabel
from assistant.ui.chat import build_chat_tab, filter_choices, refresh_language
from assistant.ui.context import PRIVATE, UIContext
from assistant.ui.i18n import LANGUAGES, text
from assistant.ui.library import build_library_tab, document_choices, documents_table, show_document, status_line
from assistant.ui.obligations import build_obligations_tab
from assistant.ui.training import build_training_tab

log = logging.getLogger(__name__)


def _header(lang: str) -> str:
    return f"## {text(lang, 'app_title')}\n{text(lang, 'app_intro')}"


def build_app(
    assistant: Assistant,
    policy: AccessPolicy | None = None,
    feedback: FeedbackStore | None = None,
) -> gr.Blocks:
    """The web app. ``policy`` defaults to the one for ``settings.ui.host``."""
    settings = assistant.settings
    ctx = UIContext(
        assistant=assistant,
        policy=policy or access_policy(settings),
        feedback=feedback or FeedbackStore.for_settings(settings),
    )
    labels = ctx.labels
    # Gradio's copies of uploads and exports: checked hourly, removed after a day.
    with gr.Blocks(title="Pandu", analytics_enabled=False, fill_width=True, delete_cache=(3600, 86400)) as demo:
        lang = gr.State("id")
        with gr.Row(equal_height=False):
            labels.add(gr.Markdown(_header("id"), elem_id="pandu-header"), value=_header)
            language = labels.add(
                gr.Radio(choices=list(LANGUAGES), value="id", label=text("id", "ui_language"), elem_id="pandu-language",
                         scale=0, min_width=260),
                label="ui_language",
            )
        with gr.Tabs():
            with labels.add(gr.Tab(text("id", "tab_chat"), id="chat", elem_id="pandu-tab-chat"), label="tab_chat"):
                chat = build_chat_tab(ctx, lang)
            with labels.add(gr.Tab(text("id", "tab_library"), id="library", elem_id="pandu-tab-library"), label="tab_library"):
                library = build_library_tab(ctx, lang)
            with labels.add(gr.Tab(text("id", "tab_obligations"), id="obligations", elem_id="pandu-tab-obligations"),
                            label="tab_obligations"):
                obligations = build_obligations_tab(ctx, lang)
            with labels.add(gr.Tab(text("id", "tab_training"), id="training", elem_id="pandu-tab-training"),
                            label="tab_training"):
                training = build_training_tab(ctx, lang)
            with labels.add(gr.Tab(text("id", "tab_admin"), id="admin", elem_id="pandu-tab-admin"), label="tab_admin"):
                admin = build_admin_tab(ctx, lang)

        def refresh_lists(lang_value: str, query: str, picked: str | None, removing: str | None):
            """Document lists everywhere, after the index changed or when a page opens."""
            records = assistant.documents()
            regs, years = filter_choices(records)
            choices = document_choices(records)
            ids = {value for _, value in choices}
            return (
                status_line(ctx, lang_value),
                documents_table(records, query, lang_value),
                gr.update(choices=choices, value=picked if picked in ids else None),
                gr.update(choices=regs),
                gr.update(choices=years),
                gr.update(choices=choices, value=removing if removing in ids else None),
            )

        list_inputs = [lang, library.search, library.pick, admin.remove_pick]
        list_outputs = [library.status, library.table, library.pick, chat.regulations, chat.years, admin.remove_pick]
        demo.load(refresh_lists, list_inputs, list_outputs, **PRIVATE)
        demo.load(obligations.refresh, obligations.refresh_inputs, obligations.refresh_outputs, **PRIVATE)
        demo.load(training.refresh, training.refresh_inputs, training.refresh_outputs, **PRIVATE)
        for event in admin.changed:
            event.then(refresh_lists, list_inputs, list_outputs, **PRIVATE)
            event.then(obligations.refresh, obligations.refresh_inputs, obligations.refresh_outputs, **PRIVATE)

        def redraw(answers, lang_value: str, query: str, picked: str | None, results, feedback_rows):
            return (
                refresh_language(answers, lang_value),
                documents_table(assistant.documents(), query, lang_value),
                status_line(ctx, lang_value),
                show_document(ctx, picked, lang_value),
                relabel(results, RESULT_COLUMNS, lang_value),
                relabel(feedback_rows, FEEDBACK_COLUMNS, lang_value),
            )

        obligations.follow_language(language)
        training.follow_language(language)
        language.change(lambda v: v, language, lang, queue=False, **PRIVATE).then(
            labels.updates, lang, labels.components, queue=False, **PRIVATE
        ).then(
            redraw,
            [chat.answers, lang, library.search, library.pick, admin.results, admin.feedback],
            [chat.sources, library.table, library.status, library.tree, admin.results, admin.feedback],
            **PRIVATE,
        )
    demo.pandu = ctx  # for tests and the launcher
    return demo

