"""The training-material tab: a module built from the indexed sources for a topic and an audience,
shown as a preview, edited (a point removed, a section moved, a note added), saved per user and
taken away as Markdown, DOCX and PPTX files."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.training.exports import answer_text, date_of, letter, obligation_values, write
from assistant.training.model import AUDIENCES, TrainingModule
from assistant.training.store import ModuleStore, slug
from assistant.ui.context import PRIVATE, UIContext
from assistant.ui.i18n import LANGUAGES, text
from assistant.ui.obligations import username_of
from assistant.ui.render import esc, markdown_text

log = logging.getLogger(__name__)

#: Bounds of the tab's inputs, checked again on the server.
MAX_TOPIC_CHARS = 300
MAX_NOTE_CHARS = 2000
MAX_QUIZ = 12
DEFAULT_QUIZ = 6
DEFAULT_AUDIENCE = "tim_spbe"
#: Builds run one at a time in an app (a build takes seconds of CPU), queued behind each other.
BUILD_QUEUE: dict[str, Any] = {"concurrency_id": "pandu-training-build", "concurrency_limit": 1, **PRIVATE}
_OBLIGATION_COLUMNS = ("citation", "actor", "modality", "action", "deadline", "sanction")
_EXPORTS = (".md", ".docx", ".pptx")


# -- choices --------------------------------------------------------------------------------


def audience_label(audience: str, lang: str) -> str:
    return text(lang, f"trn_audience_{audience}") if audience in AUDIENCES else audience.replace("_", " ")


def audience_choices(lang: str) -> list[tuple[str, str]]:
    return [(audience_label(a, lang), a) for a in AUDIENCES]


def _short(value: str, limit: int) -> str:
    flat = " ".join((value or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def section_choices(module: TrainingModule | None) -> list[tuple[str, int]]:
    if module is None:
        return []
    return [(f"{i}. {_short(s.title, 80)} ({len(s.points)})", i - 1) for i, s in enumerate(module.sections, start=1)]


def point_choices(module: TrainingModule | None, section: int | None) -> list[tuple[str, int]]:
    if module is None or section is None or not 0 <= section < len(module.sections):
        return []
    return [(f"{j}. {p.citation} — {_short(p.text, 70)}", j - 1)
            for j, p in enumerate(module.sections[section].points, start=1)]


def saved_choices(store: ModuleStore, user: str, lang: str) -> list[tuple[str, str]]:
    return [(f"{_short(topic, 60)} · {audience_label(audience, lang)} · {created[:10]}".rstrip(" ·"), module_id)
            for module_id, topic, audience, created in store.list(user)]


# -- HTML -----------------------------------------------------------------------------------


def _module_lang(module: TrainingModule) -> str:
    return "en" if module.language == "en" else "id"


def _note_html(note: str, lang: str, css: str = "pandu-module-note") -> str:
    return f'<div class="{css}"><b>{esc(text(lang, "trn_trainer_note"))}:</b> {esc(note)}</div>' if note.strip() else ""


def module_html(module: TrainingModule | None, lang: str) -> str:
    """The module as the preview shows it; its labels in the module's language. Every text from a
    document (and every note typed by a user) is escaped."""
    if module is None:
        return f'<div class="pandu-module pandu-muted" data-sections="0">{esc(text(lang, "trn_preview_empty"))}</div>'
    m = _module_lang(module)
    parts = [
        f'<div class="pandu-module" data-sections="{len(module.sections)}" lang="{m}">',
        f'<h3 class="pandu-module-topic">{esc(module.topic)}</h3>',
        f'<div class="pandu-meta">{esc(text(m, "trn_audience"))}: {esc(audience_label(module.audience, m))} · '
        f'{esc(text(m, "date"))}: {esc(date_of(module, m))}</div>',
    ]
    if module.objectives:
        parts.append(f"<h4>{esc(text(m, 'trn_objectives'))}</h4><ol class=\"pandu-module-objectives\">")
        parts.extend(f"<li>{esc(o)}</li>" for o in module.objectives)
        parts.append("</ol>")
    for i, section in enumerate(module.sections, start=1):
        parts.append(f'<section class="pandu-module-section" data-section="{i}" data-kind="{esc(section.kind)}">')
        parts.append(f"<h4>{i}. {esc(section.title)}</h4>")
        parts.append(_note_html(section.note, m))
        if not section.points:
            parts.append(f'<div class="pandu-muted">{esc(text(m, "trn_no_points"))}</div>')
        else:
            parts.append('<ol class="pandu-module-points">')
            for p in section.points:
                pillars = ""
                if p.pillars:
                    names = ", ".join(text(m, f"pillar_{x}") if x in ("structure", "competence", "culture") else x
                                      for x in p.pillars)
                    pillars = f' <span class="pandu-muted">· {esc(text(m, "trn_pillars"))}: {esc(names)}</span>'
                parts.append(
                    f'<li class="pandu-module-point" data-chunk="{esc(p.chunk_id)}">'
                    f'<div class="pandu-quote">“{esc(p.text)}”</div>'
                    f'<div class="pandu-module-cite">— {esc(p.citation)}{pillars}</div>'
                    f"{_note_html(p.note, m, 'pandu-module-note pandu-module-point-note')}</li>"
                )
            parts.append("</ol>")
        parts.append("</section>")
    if module.glossary:
        parts.append(f"<h4>{esc(text(m, 'trn_glossary'))}</h4><dl class=\"pandu-module-glossary\">")
        for g in module.glossary:
            parts.append(f"<dt>{esc(g.term)}</dt><dd>{esc(g.definition)} "
                         f'<span class="pandu-module-cite">({esc(g.citation)})</span></dd>')
        parts.append("</dl>")
    if module.obligations:
        parts.append(f"<h4>{esc(text(m, 'trn_obligations'))}</h4><table class=\"pandu-module-obligations\"><thead><tr>")
        parts.extend(f"<th>{esc(text(m, f'trn_col_{c}'))}</th>" for c in _OBLIGATION_COLUMNS)
        parts.append("</tr></thead><tbody>")
        for o in module.obligations:
            parts.append("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in obligation_values(o, m)) + "</tr>")
        parts.append("</tbody></table>")
    if module.quiz:
        parts.append(f"<h4>{esc(text(m, 'trn_quiz_title'))}</h4><ol class=\"pandu-module-quiz\">")
        for item in module.quiz:
            parts.append(f"<li><div>{esc(item.question)}</div>")
            if item.kind == "choice":
                parts.append('<ul class="pandu-module-options">')
                parts.extend(f"<li>{letter(k)}. {esc(o)}</li>" for k, o in enumerate(item.options))
                parts.append("</ul>")
            else:
                parts.append(f'<div class="pandu-muted">{esc(text(m, "trn_short_answer"))}: ____________</div>')
            parts.append("</li>")
        parts.append(f"</ol><h4>{esc(text(m, 'trn_answer_key'))}</h4><ol class=\"pandu-module-key\">")
        parts.extend(f"<li><b>{esc(answer_text(item))}</b> — {esc(text(m, 'trn_proof'))}: "
                     f'<span class="pandu-module-cite">{esc(item.citation)}</span></li>' for item in module.quiz)
        parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)


# -- files ----------------------------------------------------------------------------------


def export_files(ctx: UIContext, module: TrainingModule) -> list[str]:
    """The module as .md, .docx and .pptx files in a fresh export folder."""
    folder = ctx.export_folder()
    stem = f"{'training' if module.language == 'en' else 'bahan-ajar'}-{slug(module.topic)}"
    return [str(write(module, folder / f"{stem}{suffix}")) for suffix in _EXPORTS]


# -- the tab --------------------------------------------------------------------------------


@dataclass
class TrainingTab:
    topic: Any
    audience: Any
    quiz: Any
    language: Any
    build: Any
    message: Any
    preview: Any
    module: Any  # gr.State: the module shown, as its dict
    section: Any
    point: Any
    note: Any
    saved: Any
    downloads: list[Any]
    store: ModuleStore
    refresh: Any  # the handler that lists the user's saved modules (page load, language change)
    refresh_inputs: list[Any]
    refresh_outputs: list[Any]

    def follow_language(self, language: Any) -> None:
        """List the saved modules (and redraw the preview) in the language picked on ``language``."""
        language.change(self.refresh, [*self.refresh_inputs[:-1], language], self.refresh_outputs, **PRIVATE)


def build_training_tab(ctx: UIContext, lang_state: Any, store: ModuleStore | None = None) -> TrainingTab:
    """Lay out the training-material tab inside the current ``gr.Tab`` and wire its events."""
    labels = ctx.labels
    store = store or ModuleStore.for_settings(ctx.settings)
    module_state = gr.State(None)
    labels.add(gr.Markdown(text("id", "trn_intro"), elem_id="pandu-training-intro"), value="trn_intro")
    with gr.Row(equal_height=False):
        topic = labels.add(
            gr.Textbox(label=text("id", "trn_topic"), placeholder=text("id", "trn_topic_placeholder"), lines=1,
                       max_length=MAX_TOPIC_CHARS, elem_id="pandu-training-topic", scale=3),
            label="trn_topic", placeholder="trn_topic_placeholder",
        )
        audience = labels.add(
            gr.Radio(choices=audience_choices("id"), value=DEFAULT_AUDIENCE, label=text("id", "trn_audience"),
                     elem_id="pandu-training-audience", scale=2),
            label="trn_audience", choices=audience_choices,
        )
    with gr.Row(equal_height=False):
        quiz = labels.add(
            gr.Slider(0, MAX_QUIZ, value=DEFAULT_QUIZ, step=1, label=text("id", "trn_quiz"), elem_id="pandu-training-quiz"),
            label="trn_quiz",
        )
        language = labels.add(
            gr.Radio(choices=list(LANGUAGES), value="id", label=text("id", "trn_language"),
                     elem_id="pandu-training-language"),
            label="trn_language",
        )
        build = labels.add(gr.Button(text("id", "trn_build"), variant="primary", elem_id="pandu-training-build",
                                     scale=0, min_width=180), value="trn_build")
    message = gr.Markdown("", elem_id="pandu-training-message")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            labels.add(gr.Markdown(f"### {text('id', 'trn_preview')}"), value=lambda lang: f"### {text(lang, 'trn_preview')}")
            preview = gr.HTML(module_html(None, "id"), elem_id="pandu-training-preview", js_on_load=None)
        with gr.Column(scale=2):
            with labels.add(gr.Accordion(text("id", "trn_edit"), open=True), label="trn_edit"):
                section = labels.add(
                    gr.Dropdown(choices=[], value=None, label=text("id", "trn_section"), elem_id="pandu-training-section"),
                    label="trn_section",
                )
                with gr.Row():
                    up = labels.add(gr.Button(text("id", "trn_move_up"), size="sm", elem_id="pandu-training-up"),
                                    value="trn_move_up")
                    down = labels.add(gr.Button(text("id", "trn_move_down"), size="sm", elem_id="pandu-training-down"),
                                      value="trn_move_down")
                point = labels.add(
                    gr.Dropdown(choices=[], value=None, label=text("id", "trn_point"), elem_id="pandu-training-point"),
                    label="trn_point",
                )
                remove = labels.add(gr.Button(text("id", "trn_remove_point"), size="sm", variant="stop",
                                              elem_id="pandu-training-remove"), value="trn_remove_point")
                note = labels.add(
                    gr.Textbox(label=text("id", "trn_note"), lines=2, max_length=MAX_NOTE_CHARS,
                               elem_id="pandu-training-note"),
                    label="trn_note",
                )
                add_note = labels.add(gr.Button(text("id", "trn_add_note"), size="sm", elem_id="pandu-training-add-note"),
                                      value="trn_add_note")
            with labels.add(gr.Accordion(text("id", "trn_saved_modules"), open=True), label="trn_saved_modules"):
                save = labels.add(gr.Button(text("id", "trn_save"), size="sm", variant="primary",
                                            elem_id="pandu-training-save"), value="trn_save")
                saved = labels.add(
                    gr.Dropdown(choices=[], value=None, label=text("id", "trn_saved_pick"), elem_id="pandu-training-saved"),
                    label="trn_saved_pick",
                )
                with gr.Row():
                    load = labels.add(gr.Button(text("id", "trn_load"), size="sm", elem_id="pandu-training-load"),
                                      value="trn_load")
                    delete = labels.add(gr.Button(text("id", "trn_delete"), size="sm", variant="stop",
                                                  elem_id="pandu-training-delete"), value="trn_delete")
            with labels.add(gr.Accordion(text("id", "trn_downloads"), open=True), label="trn_downloads"):
                downloads = labels.download_buttons([("trn_dl_md", "pandu-training-md"), ("trn_dl_docx", "pandu-training-docx"),
                                                     ("trn_dl_pptx", "pandu-training-pptx")])

    # -- helpers ---------------------------------------------------------------------------

    def current(data: dict | None, lang: str) -> TrainingModule:
        """The module the session holds; a clear error when there is none."""
        if not data:
            raise gr.Error(text(lang, "trn_need_module"))
        try:
            return TrainingModule.from_dict(data)
        except ValueError:
            log.exception("the training module held by a session cannot be read")
            raise gr.Error(text(lang, "trn_need_module")) from None

    def section_index(module: TrainingModule, value: Any, lang: str) -> int:
        try:
            i = int(value)
        except (TypeError, ValueError):
            raise gr.Error(text(lang, "trn_pick_section")) from None
        if not 0 <= i < len(module.sections):
            raise gr.Error(text(lang, "trn_pick_section"))
        return i

    def shown(module: TrainingModule | None, lang: str, said: str, picked: int | None = None) -> tuple:
        """state, preview, message, section, point, note, three downloads."""
        if module is None:
            return (None, module_html(None, lang), said, gr.update(choices=[], value=None),
                    gr.update(choices=[], value=None), "", *[gr.update(value=None, interactive=False)] * 3)
        if picked is not None and not 0 <= picked < len(module.sections):
            picked = None
        try:
            files = export_files(ctx, module)
            downloads_out = [gr.update(value=f, interactive=True) for f in files]
        except Exception:  # noqa: BLE001 - the preview still shows; the failure is logged, not shown
            log.exception("could not write the exports of the training module %r", module.topic)
            downloads_out = [gr.update(value=None, interactive=False)] * 3
            said = f"{said} {text(lang, 'trn_export_failed')}".strip()
        return (
            module.as_dict(),
            module_html(module, lang),
            said,
            gr.update(choices=section_choices(module), value=picked),
            gr.update(choices=point_choices(module, picked), value=None),
            module.sections[picked].note if picked is not None else "",
            *downloads_out,
        )

    # -- handlers --------------------------------------------------------------------------

    def training_build(topic_value, audience_value, quiz_value, module_lang, lang, progress=gr.Progress()):
        topic_text = " ".join((topic_value or "").split())
        if not topic_text:
            raise gr.Error(text(lang, "trn_topic_empty"))
        if len(topic_text) > MAX_TOPIC_CHARS:
            raise gr.Error(text(lang, "trn_topic_long", n=MAX_TOPIC_CHARS))
        if audience_value not in AUDIENCES:
            raise gr.Error(text(lang, "trn_bad_audience"))
        try:
            n_quiz = min(max(int(quiz_value if quiz_value is not None else DEFAULT_QUIZ), 0), MAX_QUIZ)
        except (TypeError, ValueError):
            n_quiz = DEFAULT_QUIZ
        module_lang = "en" if module_lang == "en" else "id"
        progress(0.05, desc=text(lang, "trn_building"))
        try:
            module = ctx.assistant.build_module(topic_text, audience_value, n_quiz, module_lang)
        except ValueError as exc:
            log.info("training module not built for %r: %s", topic_text, exc)
            raise gr.Error(text(lang, "trn_build_refused", reason=str(exc))) from None
        except Exception:  # noqa: BLE001 - never a traceback in the page; the log has it
            log.exception("building a training module on %r failed", topic_text)
            raise gr.Error(text(lang, "trn_build_failed")) from None
        progress(0.9, desc=text(lang, "trn_writing"))
        if not module.sections:
            said = text(lang, "trn_no_sources")
        else:
            said = text(lang, "trn_built", seconds=f"{module.seconds:.1f}", sections=len(module.sections),
                        points=sum(len(s.points) for s in module.sections), quiz=len(module.quiz))
        return shown(module, lang, said, 0 if module.sections else None)

    def training_pick_section(data, section_value, lang):
        """The points of the picked section, and its note."""
        if not data or section_value is None:
            return gr.update(choices=[], value=None), ""
        module = current(data, lang)
        i = section_index(module, section_value, lang)
        return gr.update(choices=point_choices(module, i), value=None), module.sections[i].note

    def training_remove_point(data, section_value, point_value, lang):
        module = current(data, lang)
        i = section_index(module, section_value, lang)
        points = module.sections[i].points
        try:
            j = int(point_value)
        except (TypeError, ValueError):
            raise gr.Error(text(lang, "trn_pick_point")) from None
        if not 0 <= j < len(points):
            raise gr.Error(text(lang, "trn_pick_point"))
        removed = points[j]
        module = module.without_point(i, j)
        return shown(module, lang, text(lang, "trn_removed", citation=markdown_text(removed.citation)), i)

    def move(data, section_value, lang, step: int) -> tuple:
        module = current(data, lang)
        i = section_index(module, section_value, lang)
        target = i + step
        if not 0 <= target < len(module.sections):
            raise gr.Error(text(lang, "trn_at_top" if step < 0 else "trn_at_bottom"))
        order = list(range(len(module.sections)))
        order[i], order[target] = order[target], order[i]
        module = module.reordered(order)
        said = text(lang, "trn_moved", title=markdown_text(module.sections[target].title), n=target + 1)
        return shown(module, lang, said, target)

    def training_move_up(data, section_value, lang):
        return move(data, section_value, lang, -1)

    def training_move_down(data, section_value, lang):
        return move(data, section_value, lang, +1)

    def training_add_note(data, section_value, note_value, lang):
        module = current(data, lang)
        i = section_index(module, section_value, lang)
        note_text = (note_value or "").strip()
        if len(note_text) > MAX_NOTE_CHARS:
            raise gr.Error(text(lang, "trn_note_long", n=MAX_NOTE_CHARS))
        module = module.with_note(i, note_text)
        title = markdown_text(module.sections[i].title)
        said = text(lang, "trn_noted" if note_text else "trn_note_cleared", title=title)
        return shown(module, lang, said, i)

    def training_save(data, lang, request: gr.Request):
        module = current(data, lang)
        user = username_of(request)
        module_id = store.save(user, module)
        return (text(lang, "trn_saved", topic=markdown_text(module.topic)),
                gr.update(choices=saved_choices(store, user, lang), value=module_id))

    def training_load(saved_value, lang, request: gr.Request):
        if not saved_value:
            raise gr.Error(text(lang, "trn_pick_saved"))
        try:
            module = store.load(username_of(request), str(saved_value))
        except ValueError:
            raise gr.Error(text(lang, "trn_unknown_saved")) from None
        return shown(module, lang, text(lang, "trn_loaded", topic=markdown_text(module.topic)),
                     0 if module.sections else None)

    def training_delete(saved_value, lang, request: gr.Request):
        if not saved_value:
            raise gr.Error(text(lang, "trn_pick_saved"))
        user = username_of(request)
        topic_of = {module_id: topic for module_id, topic, _, _ in store.list(user)}
        try:
            store.delete(user, str(saved_value))
        except ValueError:
            raise gr.Error(text(lang, "trn_unknown_saved")) from None
        said = text(lang, "trn_deleted", topic=markdown_text(topic_of.get(str(saved_value), str(saved_value))))
        return said, gr.update(choices=saved_choices(store, user, lang), value=None)

    def training_refresh(saved_value, data, lang, request: gr.Request):
        """The user's saved modules and the preview (when the page opens, or in another language)."""
        choices = saved_choices(store, username_of(request), lang)
        module = TrainingModule.from_dict(data) if data else None
        return (gr.update(choices=choices, value=saved_value if saved_value in {v for _, v in choices} else None),
                module_html(module, lang))

    # -- events ----------------------------------------------------------------------------

    outputs = [module_state, preview, message, section, point, note, *downloads]
    build.click(training_build, [topic, audience, quiz, language, lang_state], outputs,
                show_progress="full", show_progress_on=[preview], **BUILD_QUEUE)
    topic.submit(training_build, [topic, audience, quiz, language, lang_state], outputs,
                 show_progress="full", show_progress_on=[preview], **BUILD_QUEUE)
    section.input(training_pick_section, [module_state, section, lang_state], [point, note], queue=False, **PRIVATE)
    remove.click(training_remove_point, [module_state, section, point, lang_state], outputs, **PRIVATE)
    up.click(training_move_up, [module_state, section, lang_state], outputs, **PRIVATE)
    down.click(training_move_down, [module_state, section, lang_state], outputs, **PRIVATE)
    add_note.click(training_add_note, [module_state, section, note, lang_state], outputs, **PRIVATE)
    save.click(training_save, [module_state, lang_state], [message, saved], **PRIVATE)
    load.click(training_load, [saved, lang_state], outputs, **PRIVATE)
    delete.click(training_delete, [saved, lang_state], [message, saved], **PRIVATE)
    return TrainingTab(topic, audience, quiz, language, build, message, preview, module_state, section, point, note,
                       saved, downloads, store, training_refresh, [saved, module_state, lang_state], [saved, preview])
