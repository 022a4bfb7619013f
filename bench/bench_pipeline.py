"""End-to-end throughput of `newsdesk run` on the sample corpus and the seed pages, beside trafilatura alone.

    .venv/bin/python bench/bench_pipeline.py [--repeat 5]

Prints docs/s and peak RSS per input set, the per-stage seconds, and the ratio of newsdesk's end-to-end
throughput to trafilatura's extraction alone on the same HTML pages, all measured in this process.
Writes bench/results/pipeline-<date>.json. A benchmark, not a test: nothing here asserts a time.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import newsdesk.api as api  # noqa: E402
from newsdesk.config import load_config  # noqa: E402
from newsdesk.ingest.encoding import decode_bytes  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_set(name: str, paths: list[str], repeat: int) -> dict:
    api.run(paths)  # warm-up: models and the entity base load once per process
    t0 = time.perf_counter()
    stats = None
    for _ in range(repeat):
        res = api.run(paths)
        stats = res.stats
    secs = time.perf_counter() - t0
    n = len(paths) * repeat
    return {"set": name, "docs": len(paths), "repeat": repeat, "seconds": round(secs, 3),
            "docs_per_s": round(n / secs, 1), "peak_rss_mb": round(peak_rss_mb(), 1),
            "stages": {k: round(v.seconds / repeat, 4) for k, v in stats.items()}}


def bench_trafilatura(paths: list[str], repeat: int) -> dict:
    import trafilatura

    pages = [decode_bytes(Path(p).read_bytes(), is_html=True)[0] for p in paths]
    trafilatura.extract(pages[0])
    t0 = time.perf_counter()
    for _ in range(repeat):
        for html in pages:
            trafilatura.extract(html, with_metadata=True)
    secs = time.perf_counter() - t0
    return {"docs": len(pages), "docs_per_s": round(len(pages) * repeat / secs, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    corpus = sorted(str(p) for p in (ROOT / "examples" / "corpus").iterdir())
    html = [p for p in corpus if p.endswith(".html")]
    results = [bench_set("examples/corpus", corpus, args.repeat),
               bench_set("examples/corpus (html only)", html, args.repeat)]
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        results.append(bench_set("../shared/seeds", sorted(str(p) for p in seeds.glob("*.txt")), args.repeat))
    traf = bench_trafilatura(html, args.repeat)
    html_rate = results[1]["docs_per_s"]
    print(f"{'set':32} {'docs':>5} {'docs/s':>8} {'peak RSS MB':>12}")
    for r in results:
        print(f"{r['set']:32} {r['docs']:5} {r['docs_per_s']:8.1f} {r['peak_rss_mb']:12.1f}   stages: {r['stages']}")
    print(f"{'trafilatura alone (same html)':32} {traf['docs']:5} {traf['docs_per_s']:8.1f}")
    print(f"newsdesk end to end / trafilatura alone on the same HTML pages: {html_rate / traf['docs_per_s']:.2f}x")
    out = ROOT / "bench" / "results" / f"pipeline-{date.today().isoformat()}.json"
    out.write_text(json.dumps({"results": results, "trafilatura": traf, "config": load_config()["limits"]}, indent=1))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
