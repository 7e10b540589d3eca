"""The chat tab: streaming answers, the sources panel, filters, examples, export and feedback."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import gradio as gr

from assistant.accounts import canonical_username
from assistant.answering.types import Answer
from assistant.exports import write_docx, write_markdown
from assistant.index.registry import DocumentRecord
from assistant.retrieval import DOC_TYPES, SearchFilters
from assistant.ui import render
from assistant.ui.context import PRIVATE, UIContext
from assistant.ui.i18n import EXAMPLES, text

log = logging.getLogger(__name__)

PILLARS = ("structure", "competence", "culture")


def type_choices(lang: str) -> list[tuple[str, str]]:
    return [(text(lang, f"type_{t}"), t) for t in DOC_TYPES]


def pillar_choices(lang: str) -> list[tuple[str, str]]:
    return [(text(lang, f"pillar_{p}"), p) for p in PILLARS]


def record_year(record: DocumentRecord) -> str:
    return record.tahun or (record.date or "")[:4]


def filter_choices(records: Sequence[DocumentRecord]) -> tuple[list[str], list[str]]:
    """Regulation short names and years present in the index."""
    regulations = sorted({r.short_name for r in records if r.doc_type == "regulation" and r.short_name})
    years = sorted({y for r in records if (y := record_year(r)).isdigit()}, reverse=True)
    return regulations, years


def make_filters(doc_types, regulations, years, pillars) -> SearchFilters:
    return SearchFilters(
        doc_types=tuple(doc_types or ()),
        regulations=tuple(regulations or ()),
        years=tuple(str(y) for y in years or ()),
        pillars=tuple(pillars or ()),
    )


def chat_messages(answers: Sequence[Answer], pending: tuple[str, str] | None = None) -> list[dict[str, str]]:
    """The chat history in Gradio's message format (user questions are shown as plain text)."""
    messages: list[dict[str, str]] = []
    for a in answers:
        messages.append({"role": "user", "content": render.markdown_text(a.question)})
        messages.append({"role": "assistant", "content": render.answer_markdown(a)})
    if pending:
        question, partial = pending
        messages.append({"role": "user", "content": render.markdown_text(question)})
        messages.append({"role": "assistant", "content": partial})
    return messages


@dataclass
class ChatTab:
    chatbot: Any
    question: Any
    sources: Any
    answers: Any  # gr.State: list[Answer]
    regulations: Any
    years: Any
    feedback_status: Any
    downloads: list[Any]


def _export_files(ctx: UIContext, answers: list[Answer], lang: str) -> list[str]:
    folder = ctx.export_folder()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    last = answers[-1:]
    prefix = "pandu-jawaban" if lang == "id" else "pandu-answer"
    chat = "pandu-percakapan" if lang == "id" else "pandu-conversation"
    return [
        str(write_markdown(last, folder / f"{prefix}-{stamp}.md", lang)),
        str(write_docx(last, folder / f"{prefix}-{stamp}.docx", lang)),
        str(write_markdown(answers, folder / f"{chat}-{stamp}.md", lang)),
        str(write_docx(answers, folder / f"{chat}-{stamp}.docx", lang)),
    ]


def build_chat_tab(ctx: UIContext, lang_state: Any) -> ChatTab:
    """Lay out the chat tab inside the current ``gr.Tab`` and wire its events."""
    labels = ctx.labels
    regs, years = filter_choices(ctx.assistant.documents())
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chatbot = labels.add(
                gr.Chatbot(
                    label=text("id", "chatbot"),
                    height=540,
                    elem_id="pandu-chatbot",
                    buttons=["copy"],
                    feedback_options=None,
                    allow_tags=False,
                    sanitize_html=True,
                ),
                label="chatbot",
            )
            with gr.Row():
                question = labels.add(
                    gr.Textbox(
                        label=text("id", "question"),
                        placeholder=text("id", "question_placeholder"),
                        lines=1,  # one line grows up to six: Enter sends, Shift+Enter starts a new line
                        max_lines=6,
                        scale=5,
                        elem_id="pandu-question",
                        max_length=2000,
                    ),
                    label="question",
                    placeholder="question_placeholder",
                )
                with gr.Column(scale=1, min_width=120):
                    ask = labels.add(gr.Button(text("id", "ask"), variant="primary", elem_id="pandu-ask"), value="ask")
                    new_chat = labels.add(gr.Button(text("id", "new_chat"), size="sm"), value="new_chat")
            labels.add(gr.Markdown(f"**{text('id', 'examples')}**"), value=lambda lang: f"**{text(lang, 'examples')}**")
            example_buttons = []
            for group in EXAMPLES:
                with gr.Row():
                    labels.add(
                        gr.Markdown(text("id", group.key), elem_classes="pandu-example-group"),
                        value=group.key,
                    )
                    for i, q in enumerate(group.questions["id"]):
                        btn = gr.Button(q, size="sm", elem_classes="pandu-example", scale=3)
                        labels.add(btn, value=lambda lang, g=group, i=i: g.questions.get(lang, g.questions["id"])[i])
                        example_buttons.append(btn)
        with gr.Column(scale=2):
            with labels.add(gr.Accordion(text("id", "filters"), open=False, elem_id="pandu-filters"), label="filters"):
                types = labels.add(
                    gr.CheckboxGroup(choices=type_choices("id"), label=text("id", "filter_types"), elem_id="pandu-filter-types"),
                    label="filter_types",
                    choices=type_choices,
                )
                regulations = labels.add(
                    gr.Dropdown(choices=regs, multiselect=True, label=text("id", "filter_regulations"), elem_id="pandu-filter-regs"),
                    label="filter_regulations",
                )
                year_box = labels.add(
                    gr.Dropdown(choices=years, multiselect=True, label=text("id", "filter_years"), elem_id="pandu-filter-years"),
                    label="filter_years",
                )
                pillars = labels.add(
                    gr.CheckboxGroup(choices=pillar_choices("id"), label=text("id", "filter_pillars"), elem_id="pandu-filter-pillars"),
                    label="filter_pillars",
                    choices=pillar_choices,
                )
            sources = gr.HTML(render.sources_html(None, "id"), elem_id="pandu-sources", js_on_load=None)
            with gr.Group():
                labels.add(gr.Markdown(text("id", "feedback_prompt")), value="feedback_prompt")
                comment = labels.add(
                    gr.Textbox(label=text("id", "feedback_comment"), lines=1, max_length=2000, elem_id="pandu-feedback-comment"),
                    label="feedback_comment",
                )
                with gr.Row():
                    up = labels.add(gr.Button(text("id", "feedback_up"), size="sm", elem_id="pandu-feedback-up"), value="feedback_up")
                    down = labels.add(gr.Button(text("id", "feedback_down"), size="sm", elem_id="pandu-feedback-down"), value="feedback_down")
                feedback_status = gr.Markdown("", elem_id="pandu-feedback-status")
            with labels.add(gr.Accordion(text("id", "export"), open=True), label="export"):
                downloads = labels.download_buttons([
                    ("export_answer_md", "pandu-dl-answer-md"),
                    ("export_answer_docx", "pandu-dl-answer-docx"),
                    ("export_chat_md", "pandu-dl-chat-md"),
                    ("export_chat_docx", "pandu-dl-chat-docx"),
                ])
    answers = gr.State([])

    tab = ChatTab(chatbot, question, sources, answers, regulations, year_box, feedback_status, downloads)
    _wire(ctx, tab, lang_state, ask, new_chat, example_buttons, types, pillars, comment, up, down)
    return tab


def _wire(ctx, tab: ChatTab, lang_state, ask, new_chat, example_buttons, types, pillars, comment, up, down) -> None:
    assistant = ctx.assistant

    def respond(question: str, answers: list[Answer], lang: str, doc_types, regs, years, pills) -> Iterator[tuple]:
        question = (question or "").strip()
        skip = gr.skip()
        if not question:
            gr.Warning(text(lang, "empty_question"))
            yield skip, skip, skip, skip, skip, *([skip] * 4)
            return
        filters = make_filters(doc_types, regs, years, pills)
        partial = f"_{text(lang, 'searching')}_"
        yield chat_messages(answers, (question, partial)), "", skip, skip, "", *([skip] * 4)
        answer: Answer | None = None
        streamed = ""
        try:
            for event in assistant.stream(question, history=[a.question for a in answers], filters=filters):
                if event.kind == "status":
                    partial = f"_{render.markdown_text(event.text)}_"
                elif event.kind == "token":
                    streamed += event.text
                    partial = render.markdown_text(streamed)
                elif event.kind == "answer":
                    answer = event.answer
                    break
                yield chat_messages(answers, (question, partial)), skip, skip, skip, skip, *([skip] * 4)
        except Exception as exc:  # show the failure in the chat instead of a broken spinner
            log.exception("answering %r failed", question)
            # a question the core refuses says why; an internal failure says nothing of the server
            reason = str(exc) if isinstance(exc, ValueError) else text(lang, "error_internal")
            failed = f"{text(lang, 'error')}: {render.markdown_text(reason)}"
            yield chat_messages(answers, (question, failed)), skip, skip, skip, skip, *([skip] * 4)
            return
        if answer is None:
            return
        answers = [*answers, answer]
        files = _export_files(ctx, answers, lang)
        yield (
            chat_messages(answers),
            skip,
            render.sources_html(answer, lang, len(answers)),
            answers,
            "",
            *[gr.update(value=f, interactive=True) for f in files],
        )

    outputs = [tab.chatbot, tab.question, tab.sources, tab.answers, tab.feedback_status, *tab.downloads]
    inputs = [tab.question, tab.answers, lang_state, types, tab.regulations, tab.years, pillars]
    chat_opts = dict(concurrency_limit=ctx.settings.ui.chat_concurrency, concurrency_id="pandu-chat", **PRIVATE)
    ask.click(respond, inputs, outputs, **chat_opts)
    tab.question.submit(respond, inputs, outputs, **chat_opts)
    for btn in example_buttons:
        btn.click(lambda q: q, btn, tab.question, queue=False, **PRIVATE).then(respond, inputs, outputs, **chat_opts)

    def clear(lang: str):
        return [], "", render.sources_html(None, lang), [], "", *[gr.update(value=None, interactive=False)] * 4

    new_chat.click(clear, lang_state, outputs, queue=False, **PRIVATE)

    def rate(rating: int):
        def handler(note: str, answers: list[Answer], lang: str, request: gr.Request):
            if not answers:
                return text(lang, "feedback_none"), gr.skip()
            last = answers[-1]
            ctx.feedback.add(
                rating=rating,
                question=last.question,
                answer=last.text,
                comment=note or "",
                citations=[c.label for c in last.citations],
                abstained=last.abstained,
                backend=last.backend,
                language=last.language,
                username=canonical_username(request.username if request else ""),  # empty without login
            )
            return text(lang, "feedback_thanks"), ""

        return handler

    up.click(rate(1), [comment, tab.answers, lang_state], [tab.feedback_status, comment], **PRIVATE)
    down.click(rate(-1), [comment, tab.answers, lang_state], [tab.feedback_status, comment], **PRIVATE)


def refresh_language(answers: list[Answer], lang: str) -> str:
    """The sources panel redrawn in the new interface language."""
    return render.sources_html(answers[-1] if answers else None, lang, len(answers))
