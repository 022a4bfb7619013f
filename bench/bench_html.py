#!/usr/bin/env python3
"""Side-by-side benchmark: trafilatura alone vs newsdesk's extract_html on the same pages.

    python bench/bench_html.py [--shared DIR] [--set en|zh|both] [--limit N] [--per-doc FILE]

Both extractors get the same decoded page (newsdesk.ingest.encoding.decode_bytes) in one
process; each page is run by both, one after the other (alternating which goes first), after an
untimed warm-up on three pages; only the extractor calls are timed, so docs/s compare the extractors and not decoding or I/O. Scored with the metric
functions of shared/tools/eval_extraction.py (token 4-grams for English, character 4-grams
for Chinese), imported by path. Skips with a message when the shared folder is absent.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.clean.html import extract_html  # noqa: E402
from newsdesk.ingest.encoding import decode_bytes  # noqa: E402

SETS = {"en": "extraction", "zh": "extraction-zh"}


def load_eval(shared: Path):
    spec = importlib.util.spec_from_file_location("eval_extraction", shared / "tools" / "eval_extraction.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def run_trafilatura(html: str, url: str | None) -> dict:
    import trafilatura
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return {"text": ""}
    return {"text": doc.text or "", "title": doc.title, "authors": doc.author, "date": doc.date}


def run_newsdesk(html: str, url: str | None) -> dict:
    e = extract_html(html, url)
    return {"text": e.text, "title": e.title, "authors": e.authors, "date": e.published}


def bench_set(ev, data_dir: Path, limit: int) -> tuple[dict, dict, list, dict, dict]:
    with gzip.open(data_dir / "gold.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    if limit:
        rows = rows[:limit]
    pages = [decode_bytes(gzip.decompress((data_dir / r["html"]).read_bytes()), is_html=True)[0] for r in rows]
    outs = {"trafilatura": {}, "newsdesk": {}}
    secs = {"trafilatura": 0.0, "newsdesk": 0.0}
    fns = {"trafilatura": run_trafilatura, "newsdesk": run_newsdesk}
    for r, html in list(zip(rows, pages))[:3]:  # warm-up, untimed: lazy imports, dateparser's regex cache
        for fn in fns.values():
            try:
                fn(html, r.get("url"))
            except Exception:  # noqa: BLE001
                pass
    for i, (r, html) in enumerate(zip(rows, pages)):
        order = ("trafilatura", "newsdesk") if i % 2 == 0 else ("newsdesk", "trafilatura")
        for name in order:
            t0 = time.perf_counter()
            try:
                out = fns[name](html, r.get("url"))
            except Exception as e:  # noqa: BLE001
                print(f"warning: {name} failed on {r['id']}: {e}", file=sys.stderr)
                out = {"text": ""}
            secs[name] += time.perf_counter() - t0
            outs[name][r["id"]] = out
    metric = ev.resolve_metric("auto", rows)
    res, per = {}, {}
    for name in outs:
        res[name], per[name] = ev.score(rows, outs[name], metric)
        res[name]["docs_per_s"] = len(rows) / secs[name] if secs[name] else 0.0
        res[name]["metric"] = metric
    return res, per, rows, outs, secs


def fmt(name: str, r: dict) -> str:
    meta = "  ".join(f"{k} {r[k + '_acc']:.3f}" if f"{k}_acc" in r else f"{k}   —  " for k in ("title", "author", "date"))
    return (f"  {name:12s} F1 {r['f1']:.3f}  P {r['precision']:.3f}  R {r['recall']:.3f}  docF1 {r['doc_f1']:.3f}"
            f"  {r['docs_per_s']:6.1f} docs/s  empty {r['empty']:3d}  {meta}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("NEWSDESK_SHARED", "/work/shared"))
    ap.add_argument("--set", choices=("en", "zh", "both"), default="both")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--per-doc", help="write per-page scores of both extractors here (JSONL)")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "tools" / "eval_extraction.py").exists():
        print(f"skipped: {shared}/tools/eval_extraction.py not found (pass --shared DIR)")
        return 0
    ev = load_eval(shared)
    per_doc_f = open(args.per_doc, "w", encoding="utf-8") if args.per_doc else None
    for key in (("en", "zh") if args.set == "both" else (args.set,)):
        data_dir = shared / "data" / SETS[key]
        if not (data_dir / "gold.jsonl.gz").exists():
            print(f"skipped {key}: {data_dir} not found")
            continue
        res, per, rows, _outs, _secs = bench_set(ev, data_dir, args.limit)
        print(f"{key} set ({len(rows)} pages, metric={res['newsdesk']['metric']})")
        print(fmt("trafilatura", res["trafilatura"]))
        print(fmt("newsdesk", res["newsdesk"]))
        t, n = res["trafilatura"], res["newsdesk"]
        ratio = n["docs_per_s"] / t["docs_per_s"] if t["docs_per_s"] else 0.0
        print(f"  delta F1 {n['f1'] - t['f1']:+.3f}   docs/s ratio newsdesk/trafilatura {ratio:.2f}")
        if per_doc_f:
            for name, docs in per.items():
                for d in docs:
                    per_doc_f.write(json.dumps({"set": key, "method": name, **d}, ensure_ascii=False) + "\n")
    if per_doc_f:
        per_doc_f.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
