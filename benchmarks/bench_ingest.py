"""Ingest throughput against the raw encode speed of the same model, measured in one run.

    .venv/bin/python benchmarks/bench_ingest.py [--docs PATH ...] [--baseline-sample N]

    # the 63 regulations converted from the official PDFs (issue: any regulation, parsed right)
    .venv/bin/python benchmarks/bench_ingest.py --docs ../shared/regulations/external/bpk-md --baseline-sample 600

Default documents: the bundled corpus plus ../shared/regulations/*.txt when present. Builds a
fresh index in a temporary folder, then re-ingests the unchanged files, and encodes the same
chunk texts with the bare model (same batch size) as the baseline.
"""

from __future__ import annotations

import argparse
import logging
import random
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", nargs="*", type=Path)
    parser.add_argument("--baseline-sample", type=int, default=0,
                        help="encode only this many chunks (seeded sample) for the raw-encode baseline")
    args = parser.parse_args()
    docs = args.docs or [ROOT / "corpus", *sorted((ROOT.parent / "shared" / "regulations").glob("*.txt"))]
    logging.basicConfig(level=logging.WARNING)

    from assistant.api import Assistant
    from assistant.settings import Settings

    with tempfile.TemporaryDirectory(prefix="pandu-bench-") as tmp:
        assistant = Assistant(Settings(index_dir=Path(tmp), cache_dir=ROOT / ".cache"))
        t0 = time.perf_counter()
        assistant.warm_up()  # model load is not ingest throughput
        load_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        report = assistant.ingest(docs)
        ingest_s = time.perf_counter() - t0
        chunks = assistant.index.chunk_count()

        t0 = time.perf_counter()
        again = assistant.ingest(docs)
        reingest_s = time.perf_counter() - t0

        texts = [f"{c.metadata.get('breadcrumb', '')}\n{c.text}" for c in assistant.index.chunks().values()]
        if 0 < args.baseline_sample < len(texts):
            texts = random.Random(0).sample(texts, args.baseline_sample)
        emb = assistant.index.embeddings
        t0 = time.perf_counter()
        emb.embed_documents(texts)
        encode_s = time.perf_counter() - t0

    print(f"documents            {len(report.files)} files ({len(report.failed)} failed, "
          f"{len(report.warned)} regulations parsed in part or as text)")
    for f in report.failed + report.warned:
        print(f"  {Path(f.path).name}: {f.error or f.warning}")
    print(f"chunks               {chunks}")
    print(f"model load           {load_s:6.2f} s")
    print(f"ingest (fresh)       {ingest_s:6.2f} s  -> {chunks / ingest_s:6.1f} chunks/s")
    print(f"raw encode baseline  {encode_s:6.2f} s  -> {len(texts) / encode_s:6.1f} chunks/s  (same texts, same batch size)")
    overhead = ingest_s / chunks - encode_s / len(texts)
    print(f"ingest overhead      {100 * overhead / (encode_s / len(texts)):+6.1f} % over raw encoding (per chunk)")
    print(f"re-ingest unchanged  {reingest_s:6.2f} s  ({again.count('unchanged')} unchanged, {again.chunks_added} chunks embedded)")


if __name__ == "__main__":
    main()
