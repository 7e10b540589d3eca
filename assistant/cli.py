"""`pandu`: the command line, a thin shell over ``assistant.api.Assistant``."""

from __future__ import annotations

import datetime
import json
import logging
import signal
import sys
import threading
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.cli_users import users_app

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Pandu: cited answers on SPBE and digital leadership.")
app.add_typer(users_app, name="user")


def _assistant():
    from assistant.api import Assistant
    from assistant.settings import get_settings

    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "chromadb", "sentence_transformers", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return Assistant(settings)


def _shown(text: object) -> str:
    """A file name or other outside text as one line of output: control characters (a newline in
    a file name) are shown escaped, so they cannot forge a line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def _busy(exc: Exception) -> None:
    typer.secho(f"index busy: {exc}", fg="red", err=True)
    raise typer.Exit(2)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to index.")],
    prune: Annotated[bool, typer.Option(help="Also remove indexed documents whose file is gone, and chunks "
                                        "whose document record is missing.")] = False,
    quiet: Annotated[bool, typer.Option(help="No progress bar.")] = False,
) -> None:
    """Index documents (idempotent: unchanged files cost nothing)."""
    assistant = _assistant()

    def show(result) -> None:
        if result.status == "failed":
            typer.secho(f"FAILED {_shown(result.path)}: {_shown(result.error)}", fg="red", err=True)
        elif result.warning:
            typer.secho(f"WARNING {_shown(result.path)}: {_shown(result.warning)}", fg="yellow", err=True)

    from assistant.index.write_lock import IndexBusy

    cancel = threading.Event()

    def stop(signum, frame) -> None:  # the first Ctrl-C cancels cleanly, a second one interrupts
        if cancel.is_set():
            raise KeyboardInterrupt
        typer.secho("cancelling after the current step (Ctrl-C again to interrupt)", fg="yellow", err=True)
        cancel.set()

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, stop) if main else None
    try:
        report = assistant.ingest(paths, prune=prune, progress=not quiet, on_file=show, cancel=cancel)
    except IndexBusy as exc:
        _busy(exc)
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
    for doc_id in report.pruned:
        typer.echo(f"removed {doc_id}")
    typer.echo(report.summary())
    raise typer.Exit(130 if report.cancelled else 0 if report.ok else 1)


@app.command()
def remove(doc_id: Annotated[str, typer.Argument(help="Document id (see `pandu status --documents`).")]) -> None:
    """Remove one document from the index."""
    from assistant.index.write_lock import IndexBusy

    assistant = _assistant()
    try:
        n = assistant.remove(doc_id)
    except KeyError as exc:
        typer.secho(str(exc.args[0]), fg="red", err=True)
        raise typer.Exit(1)
    except IndexBusy as exc:
        _busy(exc)
    typer.echo(f"removed {doc_id} ({n} chunks)")


@app.command()
def verify(
    doc_id: Annotated[str, typer.Argument(help="Document id of a note or speech (see `pandu status --documents`).")],
    by: Annotated[str, typer.Option("--by", help="Who vouches for it (kept with the mark).")] = "",
) -> None:
    """Mark a document verified: its passages are no longer flagged (until its file changes)."""
    from assistant.index.write_lock import IndexBusy

    assistant = _assistant()
    try:
        result = assistant.mark_verified(doc_id, by)
    except KeyError as exc:
        typer.secho(str(exc.args[0]), fg="red", err=True)
        raise typer.Exit(1)
    except ValueError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1)
    except IndexBusy as exc:
        _busy(exc)
    typer.echo(f"verified {_shown(doc_id)} ({result.status}, {result.chunks} chunks)")


@app.command()
def status(
    documents: Annotated[bool, typer.Option("--documents", help="List the indexed documents.")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    check: Annotated[bool, typer.Option("--check", help="Check that Chroma, BM25 and the records agree "
                                        "(exit 1 when they do not).")] = False,
) -> None:
    """Documents, chunks, embedding model and index location."""
    assistant = _assistant()
    if check:
        problems = assistant.check()
        for problem in problems:
            typer.secho(f"PROBLEM {_shown(problem)}", fg="red", err=True)
        typer.echo("index consistent" if not problems else f"{len(problems)} problem(s) found")
        raise typer.Exit(1 if problems else 0)
    info = assistant.status()
    if documents or as_json:
        info["documents_list"] = [d.as_dict() for d in assistant.documents()]
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    for key in ("documents", "chunks", "embedding_model", "collection", "chroma", "index_dir"):
        typer.echo(f"{key:16} {info[key]}")
    typer.echo(f"{'by type':16} " + ", ".join(f"{k}: {v}" for k, v in info["by_type"].items()))
    if documents:
        for d in info["documents_list"]:
            typer.echo(f"  {d['doc_id']:40} {d['doc_type']:10} {d['chunks']:4}  {d['short_name'] or d['title']}")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in Indonesian or English.")],
    k: Annotated[Optional[int], typer.Option("--k", help="Passages to retrieve.")] = None,
    filter: Annotated[
        Optional[list[str]],
        typer.Option("--filter", help="type=regulation, regulation='UU 27/2022', year=2022, pillar=culture"),
    ] = None,
    history: Annotated[Optional[list[str]], typer.Option("--history", help="Earlier questions, oldest first.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Answer a question with citations."""
    from assistant.retrieval import SearchFilters

    try:
        filters = SearchFilters.parse(filter)
    except ValueError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(2)
    assistant = _assistant()
    answer = assistant.ask(question, history=history, k=k, filters=filters)
    if as_json:
        typer.echo(json.dumps(answer.as_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(answer.text)


@app.command()
def obligations(
    actor: Annotated[Optional[str], typer.Option(help="Whose obligations: 'pemerintah daerah', 'bupati', "
                                                "'pengendali data pribadi', ... (with the roles it plays).")] = None,
    regulation: Annotated[Optional[str], typer.Option(help="Only this regulation: 'Perpres 132/2022', 'UU PDP'.")] = None,
    pillar: Annotated[Optional[str], typer.Option(help="structure | competence | culture")] = None,
    due_before: Annotated[Optional[datetime.datetime], typer.Option(
        "--due-before", formats=["%Y-%m-%d"], help="Only obligations with a dated deadline before this day.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """The obligations, prohibitions and powers the indexed regulations give, with deadlines,
    recurrence, sanctions and the provision that says so."""
    from assistant.obligations.register import ObligationQuery
    from assistant.obligations.render import obligation_lines

    try:
        query = ObligationQuery(actor=actor or "", regulation=regulation or "", pillar=pillar or "",
                                due_before=due_before.date() if due_before else None)
        entries = _assistant().obligations(query)
    except ValueError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(2)
    if as_json:
        typer.echo(json.dumps([{**e.obligation.as_dict(), "relation": e.relation, "via": e.via} for e in entries],
                              ensure_ascii=False, indent=2))
        return
    for line in obligation_lines(entries, datetime.date.today()):
        typer.echo(line)


@app.command(name="module")
def training_module(
    topic: Annotated[str, typer.Argument(help="The topic: 'Budaya digital bagi ASN', 'Arsitektur SPBE untuk Pemda'.")],
    audience: Annotated[str, typer.Option(help="pimpinan_daerah | asn_pelaksana | tim_spbe")] = "tim_spbe",
    quiz: Annotated[Optional[int], typer.Option(help="Quiz items (default from settings).")] = None,
    language: Annotated[str, typer.Option(help="id | en (the labels; quotes stay as written).")] = "id",
    out: Annotated[Optional[Path], typer.Option(help="Write the module to FILE.md, FILE.docx or FILE.pptx.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the module as JSON.")] = False,
) -> None:
    """A training module with a quiz, every point quoted from a cited provision or dated speech."""
    from assistant.training.exports import to_markdown, write

    if out is not None and out.suffix.lower() not in (".md", ".docx", ".pptx"):
        typer.secho(f"--out must end in .md, .docx or .pptx, not {_shown(out.suffix or out.name)}", fg="red", err=True)
        raise typer.Exit(2)
    try:
        built = _assistant().build_module(topic, audience, quiz, language)
    except ValueError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(2)
    if out is not None:
        typer.echo(f"written {_shown(write(built, out))} ({len(built.sections)} sections, {len(built.quiz)} quiz items, "
                   f"{built.seconds:.1f} s)")
    elif as_json:
        typer.echo(json.dumps(built.as_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(to_markdown(built))


@app.command(name="eval")
def evaluate(
    qa: Annotated[list[Path], typer.Option("--qa", help="QA set(s), JSON lines.")],
    k: Annotated[int, typer.Option("--k", help="Ranks scored (MRR@k).")] = 10,
    split: Annotated[Optional[str], typer.Option(help="Only items of this split (dev or test).")] = None,
    baselines: Annotated[bool, typer.Option(help="Also run BM25-only and the naive LangChain baseline.")] = False,
    report: Annotated[Optional[Path], typer.Option(help="Write a Markdown report here.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Score retrieval and answers on a QA set."""
    from assistant.evaluation.qa import load_qa
    from assistant.evaluation.runner import run_evaluation

    try:
        items = load_qa(list(qa), split)  # a broken QA file is reported before anything is loaded
    except (OSError, ValueError) as exc:
        typer.secho(f"cannot read the QA set: {exc}", fg="red", err=True)
        raise typer.Exit(2)
    if not items:
        typer.secho(f"the QA set holds no items{f' of split {split!r}' if split else ''}", fg="red", err=True)
        raise typer.Exit(2)
    assistant = _assistant()
    outcome = run_evaluation(assistant, qa, k=k, split=split, baselines=baselines)
    if report:
        from assistant.evaluation.report import write_report

        write_report(outcome, report, command=" ".join(["pandu", *sys.argv[1:]]))
    if as_json:
        typer.echo(json.dumps(outcome, ensure_ascii=False, indent=2))
    else:
        from assistant.evaluation.report import metrics_table

        typer.echo(metrics_table(outcome))


@app.command()
def serve(
    host: Annotated[Optional[str], typer.Option(help="Address to listen on.")] = None,
    port: Annotated[Optional[int], typer.Option(help="Port.")] = None,
) -> None:
    """Open the web app (builds the index from the bundled corpus if it is empty)."""
    from assistant.ui.access import UnsafeHostError
    from assistant.ui.server import launch

    try:
        launch(_assistant(), host=host, port=port)
    except UnsafeHostError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(2)


if __name__ == "__main__":
    app()
