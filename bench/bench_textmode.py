#!/usr/bin/env python3
"""Benchmark the text-mode cleaner on the extraction tuning sets (EN and ZH).

    python bench/bench_textmode.py [--shared /work/shared] [--repeat 1]

Prints, per set, F1 / P / R / docF1 with the metric of shared/tools/eval_extraction.py
(imported from there, so the numbers are the tool's) and speed on one core: docs/s of
wall time and docs per CPU-second of this process (the latter is less disturbed by other
load on the machine). Pages are decompressed in memory first; the timers cover
clean_text only, model load excluded.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.clean.textmode import clean_text, load_model  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="/work/shared")
    ap.add_argument("--repeat", type=int, default=1, help="time this many passes (best is reported)")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    tool = shared / "tools" / "eval_extraction.py"
    if not tool.exists():
        print(f"{tool} not found", file=sys.stderr)
        return 1
    spec = importlib.util.spec_from_file_location("eval_extraction", tool)
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    load_model()
    clean_text("warm up line. " * 3)
    for name in ("extraction", "extraction-zh"):
        data = shared / "data" / name
        if not (data / "gold.jsonl.gz").exists():
            print(f"{name}: not available, skipped")
            continue
        with gzip.open(data / "gold.jsonl.gz", "rt", encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        texts = [gzip.decompress((data / r["flat"]).read_bytes()).decode("utf-8", "replace") for r in rows]
        best = cpu = float("inf")
        outs: list[str] = []
        for _ in range(max(1, args.repeat)):
            t0, c0 = time.perf_counter(), time.process_time()
            outs = [clean_text(t) for t in texts]
            best = min(best, time.perf_counter() - t0)
            cpu = min(cpu, time.process_time() - c0)
        metric = ev.resolve_metric("auto", rows)
        res = ev.aggregate([ev.tp_fp_fn(r["text"], o, metric=metric) for r, o in zip(rows, outs)])
        empty = sum(1 for o in outs if not ev.tokenize(o, metric))
        print(f"{name:14s} F1 {res['f1']:.3f}  P {res['precision']:.3f}  R {res['recall']:.3f}  "
              f"docF1 {res['doc_f1']:.3f}  {len(rows) / best:7.1f} docs/s (wall)  "
              f"{len(rows) / cpu:7.1f} docs per CPU-second  n={len(rows)} "
              f"empty={empty} metric={metric}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
