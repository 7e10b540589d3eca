"""Pillar tags on hand-labelled passages: precision and recall per pillar, with each pillar's
threshold chosen on the dev half and measured on the test half.

    .venv/bin/python eval/pillar_tags.py [--labels eval/pillar_labels.jsonl] [--report eval/REPORT.md]
        [--current]   # measure the thresholds in settings instead of choosing new ones

Needs the embedding model (loaded offline), no index.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from assistant.documents.model import PILLARS
from assistant.index.embeddings import SentenceTransformerEmbeddings
from assistant.index.pillars import PillarTagger
from assistant.settings import get_settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
from obligation_extraction import write_section  # noqa: E402

SECTION = "## Pillar tags"


def prf(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp = float((pred & gold).sum())
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / gold.sum() if gold.sum() else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=ROOT / "eval" / "pillar_labels.jsonl")
    ap.add_argument("--report", type=Path)
    ap.add_argument("--current", action="store_true", help="measure the thresholds in settings")
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    settings = get_settings()
    embeddings = SentenceTransformerEmbeddings(settings)
    tagger = PillarTagger(embeddings, settings.pillars)
    texts = [r["text"] for r in rows]
    scores = tagger.scores(embeddings.embed_documents(texts), texts)
    gold = np.array([[p in r["pillars"] for p in PILLARS] for r in rows])
    dev = np.array([r["split"] == "dev" for r in rows])
    thresholds = dict(settings.pillars.thresholds)
    if not args.current:
        for j, pillar in enumerate(PILLARS):  # the threshold with the best F1 on dev
            candidates = np.unique(np.round(scores[dev, j], 3))
            thresholds[pillar] = float(max(candidates, key=lambda t: (prf(scores[dev, j] >= t, gold[dev, j])[2], -t)))
    lines = ["| pillar | threshold | dev precision | dev recall | test precision | test recall | test F1 | test passages with it |",
             "|---|---|---|---|---|---|---|---|"]
    for j, pillar in enumerate(PILLARS):
        pred = scores[:, j] >= thresholds[pillar]
        dp, dr, _ = prf(pred[dev], gold[dev, j])
        tp_, tr, tf = prf(pred[~dev], gold[~dev, j])
        lines.append(f"| {pillar} | {thresholds[pillar]:.3f} | {dp:.3f} | {dr:.3f} | {tp_:.3f} | {tr:.3f} | {tf:.3f} "
                     f"| {int(gold[~dev, j].sum())} of {int((~dev).sum())} |")
    table = "\n".join(lines)
    print(table)
    print("thresholds:", json.dumps({p: round(t, 3) for p, t in thresholds.items()}))
    if args.report:
        command = "python eval/pillar_tags.py " + " ".join(sys.argv[1:])
        when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        write_section(args.report, SECTION, "\n".join([
            SECTION, "", f"Produced by `{command.strip()}` on {when}, on {args.labels.name} ({len(rows)} hand-labelled "
            f"passages: corpus notes and speeches, and Pasal of regulations; half dev, half test).", "", table, "",
            "A passage carries a pillar when its embedding is at least the threshold close to that pillar's "
            "description (assistant/index/pillars.py). Each threshold was chosen for the best F1 on dev; test was "
            "not used to choose anything.", ""]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
