#!/usr/bin/env python3
"""Throughput and memory of the link stage (Linker: relations + story clustering) at scale.

    python bench/bench_link.py [--sizes 5000 50000] [--seed 1]

Generates synthetic articles from the shared clustering tuning texts: a generated story takes one tuning
article, gives it a few invented names and its own numbers, and each of its 1-8 articles keeps a random
60-90% of the sentences in shuffled order. Entity ids are left out (entity linking is the facts stage).
Each size runs in a fresh subprocess and prints articles per CPU-second of the two parts of the link stage:
``prepare`` (the per-document link record: features, MinHash signature; it runs in the workers beside clean
and facts) and the single-writer part (``Linker.add_prepared`` + ``finish``: candidates, relations, story
assignment), plus the peak RSS of that process (resource.getrusage) and the growth of the resident set while
linking ("linker MB": what the link state costs; the generated texts are in memory before it starts). With
``--workers N`` (default 2, 0 to skip) each size runs a second time as the pipeline runs the stage: records
prepared by N forked workers while this process links them as they arrive; that line's articles/s is wall-clock
for the whole stage. Skips with a message when the shared folder is absent.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SHARED = Path(os.environ.get("NEWSDESK_SHARED", "/work/shared"))
SOURCES = [SHARED / "data/clustering/tuning.jsonl", SHARED / "data/clustering/tuning-ecbplus.jsonl"]
SENT = re.compile(r"(?<=[.!?])\s+")
NUM = re.compile(r"\d+(?:\.\d+)?")
SYLL = ["ka", "ro", "ven", "tal", "mi", "dor", "za", "qu", "lin", "bre", "sho", "ta", "nex", "vi", "lum", "gar"]


def pseudo_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLL) for _ in range(rng.randint(2, 4))).capitalize()


def generate(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    base = [json.loads(line) for p in SOURCES for line in open(p, encoding="utf-8") if line.strip()]
    out: list[dict] = []
    g = 0
    while len(out) < n:
        src = rng.choice(base)
        names = [pseudo_name(rng) + " " + pseudo_name(rng) for _ in range(3)]
        offset = rng.randint(1, 997)
        sents = [s for s in SENT.split(src["text"]) if s.strip()] or [src["text"]]
        day = "2024-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))
        for j in range(rng.randint(1, 8)):
            keep = [s for s in sents if rng.random() < rng.uniform(0.6, 0.9)] or sents[:1]
            rng.shuffle(keep)
            keep = [NUM.sub(lambda m: str(int(float(m.group(0))) + offset), s) for s in keep]
            for name in names:
                keep.insert(rng.randrange(len(keep) + 1), "%s said so on the day." % name)
            out.append({"id": "g%d-%d" % (g, j), "lang": src.get("lang"), "date": day, "story": "g%d" % g,
                        "title": "%s: %s" % (names[0], (src.get("title") or "")[:80]), "text": " ".join(keep)})
            if len(out) >= n:
                break
        g += 1
    return out


_ARTS: list = []  # the generated articles, inherited by forked workers
_CFG: dict = {}


def _prepare_range(span: tuple[int, int]) -> list:
    """Worker: the link records of articles [start, stop) (as the pipeline's workers prepare theirs)."""
    from newsdesk.link.record import prepare
    return [prepare(a, [], _CFG) for a in _ARTS[span[0]:span[1]]]


def run_one(n: int, seed: int, workers: int = 0) -> dict:
    global _ARTS, _CFG
    from newsdesk.config import load_config
    from newsdesk.link.linker import Linker
    from newsdesk.link.record import prepare
    from newsdesk.model import Article
    from newsdesk.pipeline.memory import release_free_memory

    rows = generate(n, seed)
    arts = [Article(id=r["id"], document=r["id"], path=r["id"] + ".txt", text=r["text"], title=r["title"],
                    language=r["lang"], published=r["date"], published_basis="explicit") for r in rows]
    del rows
    cfg = load_config()["link"]
    linker = Linker(cfg)
    base_mb = _rss_mb()
    if workers:
        _ARTS, _CFG = arts, cfg
        return _run_parallel(linker, n, workers, base_mb)
    prep_cpu = link_cpu = 0.0
    t0 = time.perf_counter()
    for i in range(0, len(arts), 1000):  # batches, as the pipeline feeds them
        c0 = time.process_time()
        batch = [prepare(a, [], cfg) for a in arts[i:i + 1000]]
        c1 = time.process_time()
        for p in batch:
            linker.add_prepared(p)
        link_cpu += time.process_time() - c1
        prep_cpu += c1 - c0
    c1 = time.process_time()
    linker.finish()
    link_cpu += time.process_time() - c1
    dt = time.perf_counter() - t0
    del batch
    gc.collect()
    release_free_memory()  # as the pipeline does between batches: freed heap is not the link state's
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {"articles": n, "seconds": round(dt, 1), "articles_per_s": round(n / dt, 1),
            "articles_per_cpu_s": round(n / (prep_cpu + link_cpu), 1),
            "prepare_per_cpu_s": round(n / prep_cpu, 1), "link_per_cpu_s": round(n / link_cpu, 1),
            "peak_rss_mb": round(rss_mb, 1), "linker_mb": round(_rss_mb() - base_mb, 1),
            "stories": len(linker.clusterer.stories), "relations": len(linker.relations)}


def _run_parallel(linker, n: int, workers: int, base_mb: float) -> dict:
    """The link stage as the pipeline runs it on this machine: records prepared by ``workers`` forked
    processes at the pipeline's worker priority (``[limits] worker_nice``), batches of 1,000 (at most two more in
    flight), linked by this process (the single writer) as they arrive. Wall time is the stage's; CPU is this process's (linking plus unpickling the records)."""
    import multiprocessing as mp
    from collections import deque

    spans = [(i, min(i + 500, n)) for i in range(0, n, 500)]
    from newsdesk.config import load_config
    nice = int(load_config()["limits"].get("worker_nice", 0))  # as the pipeline's workers (backends/local.py)
    with mp.get_context("fork").Pool(workers, initializer=os.nice, initargs=(nice,)) as pool:
        pending: deque = deque()
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(0, len(spans), 2):
            pending.append([pool.apply_async(_prepare_range, (sp,)) for sp in spans[i:i + 2]])
            if len(pending) > 2:
                for job in pending.popleft():
                    for p in job.get():
                        linker.add_prepared(p)
        while pending:
            for job in pending.popleft():
                for p in job.get():
                    linker.add_prepared(p)
        linker.finish()
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {"articles": n, "workers": workers, "seconds": round(dt, 1), "articles_per_s": round(n / dt, 1),
            "writer_per_cpu_s": round(n / cpu, 1), "peak_rss_mb": round(rss_mb, 1),
            "linker_mb": round(_rss_mb() - base_mb, 1), "stories": len(linker.clusterer.stories),
            "relations": len(linker.relations)}


def _rss_mb() -> float:
    """Current resident set of this process (the articles' texts are in it before linking starts)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="*", type=int, default=[5000, 50000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2,
                    help="also run each size with records prepared by this many worker processes (0: skip)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if not all(p.exists() for p in SOURCES):
        print("skipped: shared clustering data not found under %s" % SHARED)
        return 0
    if a.one:
        print(json.dumps(run_one(a.one, a.seed, a.workers)))
        return 0
    for n in a.sizes:
        for workers in (0, a.workers) if a.workers else (0,):
            proc = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(a.seed),
                                   "--workers", str(workers)], capture_output=True, text=True)
            if proc.returncode:
                print(proc.stderr, file=sys.stderr)
                return proc.returncode
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            if workers:
                print("link %6d articles, prepare on %d workers: %7.1f articles/s wall (%.1fs), single writer %.1f "
                      "per CPU second, writer peak RSS %.0f MB, linker %.0f MB, stories %d, relations %d"
                      % (r["articles"], workers, r["articles_per_s"], r["seconds"], r["writer_per_cpu_s"],
                         r["peak_rss_mb"], r["linker_mb"], r["stories"], r["relations"]))
                continue
            print("link %6d articles: %7.1f articles/s wall (%.1fs), %7.1f per CPU second (prepare, per document: "
                  "%.1f; link, single writer: %.1f), peak RSS %.0f MB, linker %.0f MB, stories %d, relations %d"
                  % (r["articles"], r["articles_per_s"], r["seconds"], r["articles_per_cpu_s"], r["prepare_per_cpu_s"],
                     r["link_per_cpu_s"], r["peak_rss_mb"], r["linker_mb"], r["stories"], r["relations"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
