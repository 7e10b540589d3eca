"""Parser coverage on real regulation files: recognised identity and Pasal found / expected.

    .venv/bin/python eval/parser_coverage.py [ROOT ...] [--details]

ROOT defaults to ../shared/regulations. Parsing and chunking only: no model, no index.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from assistant.documents.chunking import chunk_document
from assistant.documents.loaders import load_document
from assistant.documents.model import DocumentError
from assistant.evaluation.parser_coverage import measure, regulation_files, table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("roots", nargs="*", type=Path, default=[Path(__file__).resolve().parents[2] / "shared" / "regulations"])
    ap.add_argument("--details", action="store_true", help="one line per file")
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    rows = []
    started = time.perf_counter()
    for root in args.roots:
        for path in regulation_files(root):
            try:
                doc = load_document(path)
            except DocumentError as exc:
                print(f"unreadable {path}: {exc.reason}", file=sys.stderr)
                continue
            rows.append(measure(path, doc.text, chunk_document(doc)))
    if args.details:
        for r in rows:
            flag = "" if r.recognised and r.ratio >= 0.97 else "  <--"
            print(f"{r.layout:8} {r.path.name:32} {r.expected_name or '-':24} {r.found_name or '(not recognised)':26} "
                  f"{r.covered:3}/{len(r.expected):3} {r.status:10}{flag}"
                  + (f" missing {', '.join(r.missing[:8])}" if r.missing else ""))
    print(table(rows))
    print(f"{len(rows)} files in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
