"""Start the web app: check the access rule, index the bundled corpus if needed, warm up, serve."""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

import gradio as gr

from assistant.api import Assistant
from assistant.settings import Settings, UISettings
from assistant.ui.access import AccessPolicy, access_policy
from assistant.ui.render import CSS

log = logging.getLogger(__name__)

THEME = gr.themes.Default(primary_hue="blue", secondary_hue="sky")


def prepare(assistant: Assistant, progress: bool = True, background: bool = True) -> threading.Thread | None:
    """Index the bundled corpus when the index is empty, then load the model and indexes.

    With an existing index the loading runs in the background (``background``), so the page is
    served while the model loads (importing it takes most of a cold start); a question asked
    before it is ready simply waits for it. Returns that thread, if any."""
    started = time.perf_counter()
    report = assistant.ensure_corpus_indexed(progress=progress)
    if report is not None:
        log.info("bundled corpus indexed: %s", report.summary())
        for failure in report.failed:
            log.warning("not indexed: %s: %s", failure.path, failure.error)

    def warm_up() -> None:
        assistant.warm_up()
        log.info("assistant ready in %.1f s", time.perf_counter() - started)

    if not background:
        warm_up()
        return None
    thread = threading.Thread(target=warm_up, name="pandu-warm-up", daemon=True)
    thread.start()
    return thread


def model_threads(settings: Settings) -> int | None:
    """Threads of the embedding model when serving: with ``embedding.threads`` unset, the cores are
    shared among the questions answered at once, so that they do not fight over them (on 2 cores
    with 2 at once, 1 thread each answered 20 sessions' questions about a quarter faster, p95, than 2
    threads each: benchmarks/load.py). None when the setting decides."""
    if settings.embedding.threads is not None:
        return None
    return max(1, (os.cpu_count() or 1) // settings.ui.chat_concurrency)


def launch_options(ui: UISettings, policy: AccessPolicy, host: str, port: int, block: bool = True) -> dict[str, Any]:
    """Keyword arguments for ``gr.Blocks.launch``: login when the policy asks for it (with
    accounts: the throttled check of ``assistant.accounts``), the upload size limit, no
    telemetry, nothing shared."""
    return {
        "server_name": host,
        "server_port": port,
        "auth": policy.app_auth,
        "auth_message": "Pandu" if policy.app_auth else None,
        "max_file_size": ui.max_upload_mb * 2**20,
        "prevent_thread_lock": not block,
        "theme": THEME,
        "css": CSS,
        "footer_links": [],
        "ssr_mode": False,
        "mcp_server": False,
        "pwa": False,
        "run_history": False,
        "enable_monitoring": False,
        "quiet": True,
        "inbrowser": False,
        "share": False,
    }


def launch(
    assistant: Assistant,
    host: str | None = None,
    port: int | None = None,
    *,
    block: bool = True,
    prepare_index: bool = True,
) -> gr.Blocks:
    """Serve the app on ``host:port`` (defaults from ``settings.ui``).

    Raises ``UnsafeHostError`` before any work when the host is not loopback and there is no
    account. With ``block=False`` the server runs in a background thread.
    """
    from assistant.ui.app import build_app

    ui = assistant.settings.ui
    host = host or ui.host
    port = port or ui.port
    threads = model_threads(assistant.settings)
    if threads is not None:
        import torch

        torch.set_num_threads(threads)
    policy = access_policy(assistant.settings, host)
    if prepare_index:
        prepare(assistant)
    app = build_app(assistant, policy)
    app.queue(default_concurrency_limit=1)
    log.info("serving on http://%s:%d%s", host, port, " (login required)" if policy.app_auth else "")
    app.launch(**launch_options(ui, policy, host, port, block))
    return app
