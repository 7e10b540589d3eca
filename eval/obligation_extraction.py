"""Obligation extraction on the hand-labelled clauses: detection, modality, actor, deadline,
sanction and recurrence, per split (dev: the five regulations read while writing the extractor;
test: five regulations from external/ it was never looked at on).

    .venv/bin/python eval/obligation_extraction.py [--labels eval/obligations_labels.jsonl]
        [--root ../shared/regulations] [--report eval/REPORT_obligations.md] [--misses dev|test|all]

Parsing and extraction only: no model, no index.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime, timezone
from pathlib import Path

from assistant.evaluation.obligations import evaluate, table

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## Obligation extraction"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=ROOT / "eval" / "obligations_labels.jsonl")
    ap.add_argument("--root", type=Path, default=ROOT.parent / "shared" / "regulations")
    ap.add_argument("--report", type=Path, help="write (or replace) this section in a Markdown report")
    ap.add_argument("--misses", choices=["dev", "test", "all"], help="print the disagreements of a split")
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if not args.root.is_dir():
        print(f"no regulation texts at {args.root}", file=sys.stderr)
        return 2
    result = evaluate(args.labels, args.root)
    text = table(result)
    print(text)
    if args.misses:
        print("\n".join(result[args.misses].misses))
    if args.report:
        command = "python eval/obligation_extraction.py " + " ".join(sys.argv[1:])
        when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        section = "\n".join([
            SECTION, "", f"Produced by `{command.strip()}` on {when}, on {args.labels.name} "
            f"({result['all'].row()['clauses']} hand-labelled clauses of 10 regulations).", "", text, "",
            "Detection counts a clause as found when an obligation is extracted at its Pasal and ayat (its "
            "lettered items count for it). The other columns are over clauses both the labels and the "
            "extractor call obligations: modality; actor (the same set of canonical actors); deadline "
            "(stated or not, and the same resolved date); sanction (the same sanctioning Pasal); recurrence "
            "(stated or not). `dev` holds the five regulations read while the extractor was written, `test` "
            "the five from external/ it was never looked at on.", ""])
        write_section(args.report, SECTION, section)
    return 0


def write_section(path: Path, heading: str, section: str) -> None:
    """Replace the section under ``heading`` in ``path`` (up to the next ``## ``), or append it."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    start = old.find(heading)
    if start < 0:
        new = (old.rstrip() + "\n\n" if old else "") + section
    else:
        end = old.find("\n## ", start + len(heading))
        new = old[:start] + section + (old[end + 1:] if end >= 0 else "")
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
