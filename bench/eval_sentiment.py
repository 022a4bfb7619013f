#!/usr/bin/env python3
"""Evaluate the entity-sentiment model: held-out and cross-validated accuracy / macro-F1, and speed.

    python bench/eval_sentiment.py [--data PATH] [--folds 5] [--no-cv] [--speed-only]

* held-out: the model is fitted on the 80% "dev" part of sentfin-train.jsonl with the shipped
  model's settings and scored on the other 20% (split by a hash of the normalised headline);
* cv-dev: k-fold cross-validation grouped by headline on the dev part (the part used for tuning);
* cv-all: the same over the whole file, comparable with the data README's baseline
  (majority 0.381 / TF-IDF + LR 0.816 accuracy, 0.814 macro-F1);
* speed: sentences per second of the shipped model on one core (score_target over the headlines).

All figures go through the quantised model and the run-time inference code. Needs /work/shared.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import train_sentiment as T  # noqa: E402

from newsdesk.facts.sentiment import load_model, score_target  # noqa: E402


def speed(rows: list[tuple[str, str]]) -> tuple[float, float]:
    """(sentences per wall-clock second, sentences per CPU second of this process) for score_target.
    On a shared machine the CPU figure is the per-core throughput."""
    load_model()
    t0, c0 = time.perf_counter(), time.process_time()
    for text, name in rows:
        score_target(text, name)
    return len(rows) / (time.perf_counter() - t0), len(rows) / max(1e-9, time.process_time() - c0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.DATA)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-cv", action="store_true", help="held-out figure and speed only")
    ap.add_argument("--speed-only", action="store_true")
    a = ap.parse_args(argv)
    if not a.data.exists():
        print(f"missing {a.data}", file=sys.stderr)
        return 2
    shipped = json.loads(T.OUT.read_text(encoding="utf-8"))
    params = {k: shipped["params"][k] for k in ("C", "prune", "window", "ngram_chars", "min_df", "mask_others")}
    params["block_weights"] = shipped["block_weights"]
    samples = T.load_samples(a.data, params["mask_others"])
    rows = [(s["headline"], s["entity"]) for s in samples]
    print(f"shipped model: {T.OUT.stat().st_size:,} bytes, features "
          f"{ {b: len(v) for b, v in shipped['vocab'].items()} }, params {params}")
    wall, cpu = speed(rows[:3000])
    print(f"speed: {cpu:,.0f} sentences per CPU-second ({wall:,.0f}/s wall clock; score_target, one process)")
    if a.speed_only:
        return 0
    dev = [s for s in samples if not T.is_holdout(s["headline"])]
    held = [s for s in samples if T.is_holdout(s["headline"])]
    print(f"samples {len(samples)} (dev {len(dev)}, held-out {len(held)})")
    major = T.scores([s["label"] for s in held], [1] * len(held))
    print(f"held-out majority (neutral): accuracy {major['accuracy']:.4f} macro-F1 {major['macro_f1']:.4f}")
    r = T.scores([s["label"] for s in held], T.predict(T.as_model(T.train(dev, params)), held))
    print(f"held-out 20%: accuracy {r['accuracy']:.4f} macro-F1 {r['macro_f1']:.4f} per-class F1 {r['f1']}")
    if not a.no_cv:
        for name, part in (("cv-dev", dev), ("cv-all", samples)):
            r = T.cross_validate(part, params, a.folds)
            print(f"{name} ({a.folds}-fold grouped by headline, n={r['n']}): accuracy {r['accuracy']:.4f} "
                  f"macro-F1 {r['macro_f1']:.4f} per-class F1 {r['f1']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
