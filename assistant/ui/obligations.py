"""The obligations tab: what the indexed regulations oblige an actor to do, grouped by regulation or
by pillar, a timeline of the dated deadlines, each user's checklist, and the selection as CSV,
DOCX and iCalendar files."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.accounts import canonical_username
from assistant.documents.model import PILLARS
from assistant.obligations.checklist import STATUSES, ChecklistItem, ChecklistStore
from assistant.obligations.actors import normalise_actor
from assistant.obligations.exports import (date_text, dated, deadline_text, is_overdue, short_text, to_csv, to_docx,
                                          to_ics)
from assistant.obligations.model import MODALITY_WORDS
from assistant.obligations.register import ObligationQuery, RegisterEntry
from assistant.ui.context import PRIVATE, UIContext
from assistant.ui.i18n import text
from assistant.ui.render import esc, markdown_text

#: The actor shown when the tab opens.
DEFAULT_ACTOR = "Pemerintah Daerah"

Items = dict[str, ChecklistItem]

_MODAL_START = re.compile(r"(?:wajib|harus|berkewajiban|diwajibkan|bertanggung\s+jawab|dilarang|tidak\s+boleh"
                          r"|tidak\s+diperbolehkan|tidak\s+diperkenankan|dapat|berwenang)\b", re.IGNORECASE)


def username_of(request: Any) -> str:
    """The logged-in user of the event ("" on an app without accounts)."""
    return canonical_username(getattr(request, "username", None) or "")


# -- choices --------------------------------------------------------------------------------


def actor_choices(ctx: UIContext, lang: str) -> list[tuple[str, str]]:
    actors = ctx.assistant.obligation_register().actors()
    if DEFAULT_ACTOR not in actors:
        actors = [DEFAULT_ACTOR, *actors]
    return [(text(lang, "obl_actor_all"), ""), *[(a, a) for a in actors]]


def regulation_choices(ctx: UIContext, lang: str) -> list[tuple[str, str]]:
    """Every regulation in the index (an uploaded Perda too), not only those with obligations."""
    names = set(ctx.assistant.obligation_register().regulations())
    names |= {r.short_name for r in ctx.assistant.documents() if r.doc_type == "regulation" and r.short_name}
    return [(text(lang, "obl_regulation_all"), ""), *[(n, n) for n in sorted(names)]]


def pillar_choices(lang: str) -> list[tuple[str, str]]:
    return [(text(lang, "obl_pillar_all"), ""), *[(text(lang, f"pillar_{p}"), p) for p in PILLARS]]


def group_choices(lang: str) -> list[tuple[str, str]]:
    return [(text(lang, "obl_group_regulation"), "regulation"), (text(lang, "obl_group_pillar"), "pillar")]


def status_choices(lang: str) -> list[tuple[str, str]]:
    return [(text(lang, f"obl_status_{s}"), s) for s in STATUSES]


def pick_choices(entries: Sequence[RegisterEntry]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out = []
    for e in entries:
        o = e.obligation
        if o.id not in seen:
            seen.add(o.id)
            out.append((f"{o.citation} — {short_text(o.action, 70)}", o.id))
    return out


def select(ctx: UIContext, actor: str | None, regulation: str | None, pillar: str | None) -> list[RegisterEntry]:
    """The register entries of the tab's filters; ``ValueError`` for an actor nobody knows."""
    query = ObligationQuery(actor=(actor or "").strip(), regulation=regulation or "", pillar=pillar or "")
    return ctx.assistant.obligations(query)


# -- HTML -----------------------------------------------------------------------------------


def _status(entry: RegisterEntry, items: Items) -> str:
    item = items.get(entry.obligation.id)
    return item.status if item else "open"


def _meta(key: str, value: str, lang: str) -> str:
    return f'<div class="pandu-meta"><b>{esc(text(lang, key))}:</b> {esc(value)}</div>' if value else ""


def _body(entry: RegisterEntry, items: Items, lang: str, today: dt.date) -> str:
    """What a row opens to: who, when, how often, the ayat, its Penjelasan, sanctions, the note."""
    o = entry.obligation
    who = o.actor_label
    if entry.relation in ("peran", "jabatan") and entry.via:
        who = f"{who} ({text(lang, f'obl_via_{entry.relation}', via=entry.via)})"
    recurrence = o.recurrence
    if recurrence and o.recurrence_source == "penjelasan":
        recurrence += f" ({text(lang, 'obl_from_penjelasan')})"
    parts = [
        _meta("obl_who", who, lang),
        _meta("obl_deadline", deadline_text(entry, lang, today, items), lang),
        _meta("obl_recurrence", recurrence, lang),
        _meta("obl_pillar", ", ".join(text(lang, f"pillar_{p}") for p in o.pillars if p in PILLARS), lang),
        _meta("obl_amended_by", o.amended_by, lang),
        f'<div class="pandu-meta pandu-muted">{esc(text(lang, "obl_quote"))}:</div>',
        f'<div class="pandu-passage pandu-obl-quote">{esc(o.quote)}</div>',
    ]
    if o.penjelasan:
        parts.append(f'<div class="pandu-meta pandu-muted">{esc(text(lang, "obl_penjelasan"))}:</div>')
        parts.append(f'<div class="pandu-passage pandu-obl-penjelasan">{esc(o.penjelasan)}</div>')
    if o.sanctions:
        parts.append(f'<div class="pandu-meta"><b>{esc(text(lang, "obl_sanctions"))}:</b></div>')
        parts.append('<ul class="pandu-obl-sanctions">')
        parts.extend(f"<li>{esc(s.text)} ({esc(s.citation)})</li>" for s in o.sanctions)
        parts.append("</ul>")
    item = items.get(o.id)
    if item and item.note:
        parts.append(_meta("obl_note", item.note, lang))
    return "".join(parts)


def _overdue_word(lang: str) -> str:
    return f'<span class="pandu-overdue-word">{esc(text(lang, "obl_overdue"))}</span>'


def entry_html(entry: RegisterEntry, items: Items, lang: str, today: dt.date) -> str:
    """One obligation: its citation, modality, action, deadline and status in the summary line;
    the rest (``_body``) when opened. Every text from a document is escaped."""
    o = entry.obligation
    status = _status(entry, items)
    late = is_overdue(entry, items, today)
    classes = f"pandu-obl pandu-status-{status}" + (" pandu-overdue" if late else "")
    modality = MODALITY_WORDS.get(lang, MODALITY_WORDS["id"])[o.modality]
    # "wajib: wajib memasang ..." says it twice; the English word is kept ("must: wajib memasang ...")
    said = f'<span class="pandu-obl-modality">{esc(modality)}</span>: '
    if lang == "id" and _MODAL_START.match(o.action):
        said = ""
    due = ""
    if o.deadline_date:
        due = f' · <span class="pandu-obl-due">{esc(date_text(o.deadline_date, lang))}</span>'
    return (
        f'<details class="{classes}" data-obligation="{esc(o.id)}" data-status="{esc(status)}">'
        f'<summary><span class="pandu-obl-cite">{esc(o.citation)}</span> · '
        f'{said}{esc(short_text(o.action, 160))}{due}'
        f'{_overdue_word(lang) if late else ""}'
        f'<span class="pandu-obl-status">{esc(text(lang, f"obl_status_{status}"))}</span></summary>'
        f"{_body(entry, items, lang, today)}</details>"
    )


def _groups(entries: Sequence[RegisterEntry], group_by: str, lang: str) -> list[tuple[str, list[RegisterEntry]]]:
    if group_by == "pillar":
        out = [(text(lang, f"pillar_{p}"), [e for e in entries if p in e.obligation.pillars]) for p in PILLARS]
        out.append((text(lang, "obl_no_pillar"), [e for e in entries if not set(e.obligation.pillars) & set(PILLARS)]))
        return [(name, group) for name, group in out if group]
    by_regulation: dict[str, list[RegisterEntry]] = {}
    for e in entries:
        by_regulation.setdefault(e.obligation.regulation, []).append(e)
    return list(by_regulation.items())


def list_html(entries: Sequence[RegisterEntry], items: Items, lang: str, today: dt.date, group_by: str = "regulation") -> str:
    """The obligations grouped by regulation (or by pillar: an obligation of two pillars is under both)."""
    if not entries:
        return f'<div class="pandu-obligations pandu-muted">{esc(text(lang, "obl_none"))}</div>'
    parts = ['<div class="pandu-obligations">']
    for name, group in _groups(entries, group_by, lang):
        parts.append(f'<details class="pandu-group" open><summary><b>{esc(name)}</b> '
                     f'<span class="pandu-muted">({len(group)})</span></summary>')
        parts.extend(entry_html(e, items, lang, today) for e in group)
        parts.append("</details>")
    parts.append("</div>")
    return "".join(parts)


def timeline_html(entries: Sequence[RegisterEntry], items: Items, lang: str, today: dt.date) -> str:
    """The dated deadlines, soonest first, with a "today" mark between the past and the future;
    an overdue one (not done or not applicable) is highlighted and says so."""
    rows = dated(entries)
    if not rows:
        return f'<div class="pandu-muted" id="pandu-obl-timeline-empty">{esc(text(lang, "obl_timeline_empty"))}</div>'
    now = f'<li class="pandu-today">{esc(text(lang, "obl_today"))}: {esc(date_text(today.isoformat(), lang))}</li>'
    parts = ['<ol class="pandu-timeline">']
    marked = False
    for e in rows:
        o = e.obligation
        if not marked and o.deadline_date >= today.isoformat():
            parts.append(now)
            marked = True
        late = is_overdue(e, items, today)
        status = _status(e, items)
        parts.append(
            f'<li class="pandu-due pandu-status-{status}{" pandu-overdue" if late else ""}" data-obligation="{esc(o.id)}">'
            f'<details><summary><span class="pandu-due-date">{esc(date_text(o.deadline_date, lang))}</span>'
            f'<span class="pandu-obl-cite">{esc(o.citation)}</span>: {esc(short_text(o.action, 120))}'
            f'{_overdue_word(lang) if late else ""}'
            f'<span class="pandu-obl-status">{esc(text(lang, f"obl_status_{status}"))}</span></summary>'
            f"{_body(e, items, lang, today)}</details></li>"
        )
    if not marked:
        parts.append(now)
    parts.append("</ol>")
    return "".join(parts)


def summary_markdown(entries: Sequence[RegisterEntry], items: Items, lang: str, today: dt.date, user: str) -> str:
    rows = dated(entries)
    counts = text(
        lang, "obl_count", n=len({e.obligation.id for e in entries}),
        m=len({e.obligation.regulation for e in entries}), dated=len(rows),
        overdue=sum(is_overdue(e, items, today) for e in rows),
    )
    who = text(lang, "obl_user", user=markdown_text(user)) if user else text(lang, "obl_user_shared")
    return f"{counts} {who}"


# -- files ----------------------------------------------------------------------------------


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:40] or "semua"


def export_files(ctx: UIContext, entries: Sequence[RegisterEntry], items: Items, actor: str, lang: str,
                 today: dt.date) -> list[str]:
    """The selection as CSV, DOCX and ICS files in a fresh export folder."""
    folder = ctx.export_folder()
    stem = f"{'pandu-kewajiban' if lang == 'id' else 'pandu-obligations'}-{_slug(actor)}-{today:%Y%m%d}"
    return [
        str(to_csv(entries, folder / f"{stem}.csv", items, lang)),
        str(to_docx(entries, folder / f"{stem}.docx", actor, items, lang, today)),
        str(to_ics(entries, folder / f"{stem}.ics", lang)),
    ]


# -- the tab --------------------------------------------------------------------------------


@dataclass
class ObligationsTab:
    actor: Any
    regulation: Any
    pillar: Any
    group: Any
    summary: Any
    listing: Any
    timeline: Any
    pick: Any
    status: Any
    note: Any
    message: Any
    downloads: list[Any]
    checklists: ChecklistStore
    refresh: Any  # the handler that reads the register again (page load, after the index changed)
    refresh_inputs: list[Any]
    refresh_outputs: list[Any]

    def follow_language(self, language: Any) -> None:
        """Redraw the tab in the language picked on ``language`` (the app's language radio)."""
        inputs = [*self.refresh_inputs[:-1], language]
        language.change(self.refresh, inputs, self.refresh_outputs, **PRIVATE)


def build_obligations_tab(ctx: UIContext, lang_state: Any, checklists: ChecklistStore | None = None) -> ObligationsTab:
    """Lay out the obligations tab inside the current ``gr.Tab`` and wire its events."""
    labels = ctx.labels
    checklists = checklists or ChecklistStore.for_settings(ctx.settings)
    labels.add(gr.Markdown(text("id", "obl_intro"), elem_id="pandu-obl-intro"), value="obl_intro")
    with gr.Row():
        actor = labels.add(
            gr.Dropdown(choices=[(text("id", "obl_actor_all"), ""), (DEFAULT_ACTOR, DEFAULT_ACTOR)], value=DEFAULT_ACTOR,
                        allow_custom_value=True, label=text("id", "obl_actor"), elem_id="pandu-obl-actor"),
            label="obl_actor",
        )
        regulation = labels.add(
            gr.Dropdown(choices=[(text("id", "obl_regulation_all"), "")], value="", label=text("id", "obl_regulation"),
                        elem_id="pandu-obl-regulation"),
            label="obl_regulation",
        )
        pillar = labels.add(
            gr.Dropdown(choices=pillar_choices("id"), value="", label=text("id", "obl_pillar"), elem_id="pandu-obl-pillar"),
            label="obl_pillar",
            choices=pillar_choices,
        )
        group = labels.add(
            gr.Radio(choices=group_choices("id"), value="regulation", label=text("id", "obl_group"), elem_id="pandu-obl-group"),
            label="obl_group",
            choices=group_choices,
        )
    summary = gr.Markdown("", elem_id="pandu-obl-summary")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            labels.add(gr.Markdown(f"### {text('id', 'obl_list')}"), value=lambda lang: f"### {text(lang, 'obl_list')}")
            listing = gr.HTML("", elem_id="pandu-obl-list", js_on_load=None)
        with gr.Column(scale=2):
            labels.add(gr.Markdown(f"### {text('id', 'obl_timeline')}"), value=lambda lang: f"### {text(lang, 'obl_timeline')}")
            timeline = gr.HTML("", elem_id="pandu-obl-timeline", js_on_load=None)
            with labels.add(gr.Accordion(text("id", "obl_checklist"), open=True), label="obl_checklist"):
                pick = labels.add(
                    gr.Dropdown(choices=[], value=None, label=text("id", "obl_pick"), elem_id="pandu-obl-pick"),
                    label="obl_pick",
                )
                status = labels.add(
                    gr.Radio(choices=status_choices("id"), value="open", label=text("id", "obl_status"),
                             elem_id="pandu-obl-status"),
                    label="obl_status",
                    choices=status_choices,
                )
                note = labels.add(
                    gr.Textbox(label=text("id", "obl_note"), lines=1, max_length=2000, elem_id="pandu-obl-note"),
                    label="obl_note",
                )
                save = labels.add(gr.Button(text("id", "obl_save"), size="sm", variant="primary", elem_id="pandu-obl-save"),
                                  value="obl_save")
                message = gr.Markdown("", elem_id="pandu-obl-message")
            with labels.add(gr.Accordion(text("id", "obl_downloads"), open=True), label="obl_downloads"):
                downloads = labels.download_buttons([("obl_dl_csv", "pandu-obl-dl-csv"), ("obl_dl_docx", "pandu-obl-dl-docx"),
                                                     ("obl_dl_ics", "pandu-obl-dl-ics")])

    def render_selection(actor_value, regulation_value, pillar_value, group_value, picked, lang, user) -> tuple:
        """summary, list, timeline, pick, three downloads."""
        today = dt.date.today()
        try:
            entries = select(ctx, actor_value, regulation_value, pillar_value)
        except ValueError:
            missing = text(lang, "obl_bad_actor", actor=markdown_text((actor_value or "").strip()))
            none = f'<div class="pandu-muted">{esc(text(lang, "obl_none"))}</div>'
            return (missing, none, none, gr.update(choices=[], value=None),
                    *[gr.update(value=None, interactive=False)] * 3)
        items = checklists.get(user)
        choices = pick_choices(entries)
        ids = {value for _, value in choices}
        actor_name = normalise_actor(actor_value or "") or (actor_value or "").strip()
        files = export_files(ctx, entries, items, actor_name, lang, today)
        return (
            summary_markdown(entries, items, lang, today, user),
            list_html(entries, items, lang, today, group_value or "regulation"),
            timeline_html(entries, items, lang, today),
            gr.update(choices=choices, value=picked if picked in ids else None),
            *[gr.update(value=f, interactive=True) for f in files],
        )

    def show_obligations(actor_value, regulation_value, pillar_value, group_value, picked, lang, request: gr.Request):
        return render_selection(actor_value, regulation_value, pillar_value, group_value, picked, lang,
                                username_of(request))

    def refresh_obligations(actor_value, regulation_value, pillar_value, group_value, picked, lang, request: gr.Request):
        """The actor and regulation lists read again from the index, then the selection."""
        actors = actor_choices(ctx, lang)
        regs = regulation_choices(ctx, lang)
        reg_value = regulation_value if regulation_value in {v for _, v in regs} else ""
        return (
            gr.update(choices=actors),
            gr.update(choices=regs, value=reg_value),
            *render_selection(actor_value, reg_value, pillar_value, group_value, picked, lang, username_of(request)),
        )

    def load_item(picked, request: gr.Request):
        """The status and note the user gave the picked obligation."""
        if not picked:
            return "open", ""
        item = checklists.get(username_of(request)).get(picked)
        return (item.status, item.note) if item else ("open", "")

    def save_item(picked, status_value, note_value, actor_value, regulation_value, pillar_value, group_value, lang,
                  request: gr.Request):
        user = username_of(request)
        skip = gr.skip()
        if not picked:
            return (text(lang, "obl_pick_none"), *[skip] * 7)
        try:
            checklists.set(user, picked, status_value or "open", note_value or "")
        except ValueError as exc:
            return (markdown_text(str(exc)), *[skip] * 7)
        citation = next((o.citation for o in ctx.assistant.obligation_register().obligations if o.id == picked), picked)
        saved = text(lang, "obl_saved", citation=markdown_text(citation),
                     status=text(lang, f"obl_status_{status_value or 'open'}"))
        return (saved, *render_selection(actor_value, regulation_value, pillar_value, group_value, picked, lang, user))

    filters = [actor, regulation, pillar, group, pick, lang_state]
    shown = [summary, listing, timeline, pick, *downloads]
    for component in (actor, regulation, pillar, group):
        component.change(show_obligations, filters, shown, **PRIVATE)
    pick.change(load_item, pick, [status, note], queue=False, **PRIVATE)
    save.click(save_item, [pick, status, note, actor, regulation, pillar, group, lang_state], [message, *shown], **PRIVATE)
    refresh_outputs = [actor, regulation, *shown]
    return ObligationsTab(actor, regulation, pillar, group, summary, listing, timeline, pick, status, note, message,
                          downloads, checklists, refresh_obligations, filters, refresh_outputs)
