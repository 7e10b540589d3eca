"""The library tab: indexed documents, a search box, and each document's structure and text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import gradio as gr
import pandas as pd

from assistant.index.registry import DocumentRecord
from assistant.ui import render
from assistant.ui.context import PRIVATE, UIContext
from assistant.ui.i18n import text

COLUMNS = ("col_type", "col_name", "col_title", "col_legal", "col_chunks", "col_indexed", "col_verified", "col_id")


def matches(record: DocumentRecord, query: str) -> bool:
    """Every word of ``query`` occurs in the record's names, type, year or id (case-insensitive)."""
    hay = " ".join(
        [record.doc_id, record.doc_type, record.short_name, record.title, record.tahun, record.date, record.pillars,
         record.legal_status]
    ).lower()
    return all(word in hay for word in (query or "").lower().split())


def documents_table(records: Sequence[DocumentRecord], query: str, lang: str) -> pd.DataFrame:
    rows = [
        [
            text(lang, f"type_{r.doc_type}") if r.doc_type in ("regulation", "speech", "article", "note") else r.doc_type,
            r.short_name,
            r.title,
            r.legal_status,
            r.chunks,
            r.indexed_at.replace("T", " ")[:16],
            text(lang, "yes") if r.verified else text(lang, "no"),
            r.doc_id,
        ]
        for r in records
        if matches(r, query)
    ]
    return pd.DataFrame(rows, columns=[text(lang, c) for c in COLUMNS])


def document_choices(records: Sequence[DocumentRecord]) -> list[tuple[str, str]]:
    return [(f"{r.short_name or r.title} ({r.doc_id})", r.doc_id) for r in records]


def status_line(ctx: UIContext, lang: str) -> str:
    info = ctx.assistant.status()
    return text(lang, "status_line", documents=info["documents"], chunks=info["chunks"], model=info["embedding_model"])


@dataclass
class LibraryTab:
    status: Any
    search: Any
    table: Any
    pick: Any
    tree: Any


def build_library_tab(ctx: UIContext, lang_state: Any) -> LibraryTab:
    labels = ctx.labels
    records = ctx.assistant.documents()
    status = gr.Markdown(status_line(ctx, "id"), elem_id="pandu-library-status")
    search = labels.add(
        gr.Textbox(
            label=text("id", "library_search"),
            placeholder=text("id", "library_search_placeholder"),
            elem_id="pandu-library-search",
        ),
        label="library_search",
        placeholder="library_search_placeholder",
    )
    table = labels.add(
        gr.Dataframe(
            value=documents_table(records, "", "id"),
            label=text("id", "library_documents"),
            interactive=False,
            wrap=False,
            max_height=360,
            column_widths=["9%", "24%", "30%", "7%", "12%", "7%", "11%"],
            elem_id="pandu-library-table",
        ),
        label="library_documents",
    )
    pick = labels.add(
        gr.Dropdown(choices=document_choices(records), value=None, label=text("id", "library_pick"), elem_id="pandu-library-pick"),
        label="library_pick",
    )
    tree = gr.HTML(render.document_tree_html(None, [], "id"), elem_id="pandu-library-tree", js_on_load=None)
    tab = LibraryTab(status, search, table, pick, tree)

    def filter_table(query: str, lang: str) -> pd.DataFrame:
        return documents_table(ctx.assistant.documents(), query, lang)

    search.change(filter_table, [search, lang_state], table, queue=False, **PRIVATE)

    def on_select(evt: gr.SelectData) -> Any:
        row = evt.row_value or []
        return row[-1] if row else gr.skip()

    table.select(on_select, None, pick, queue=False, **PRIVATE)
    pick.change(lambda doc_id, lang: show_document(ctx, doc_id, lang), [pick, lang_state], tree, **PRIVATE)
    return tab


def show_document(ctx: UIContext, doc_id: str | None, lang: str) -> str:
    record = next((r for r in ctx.assistant.documents() if r.doc_id == doc_id), None) if doc_id else None
    chunks = ctx.assistant.document_chunks(doc_id) if record else []
    return render.document_tree_html(record, chunks, lang)
