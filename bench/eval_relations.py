#!/usr/bin/env python3
"""Score newsdesk article relations (and cross-lingual story clustering) on the hand-written sets.

    python bench/eval_relations.py [--data tests/data/relation_pairs.jsonl] [--per-pair]
                                   [--cmd "newsdesk run"] [--workdir DIR] [--json]
    python bench/eval_relations.py --xling [--xling-data tests/data/xling_stories.jsonl]
                                   [--shared DIR]

Relations mode: every labelled pair in relation_pairs.jsonl (see tests/data/README.md) is written
as two .txt files (title line, "Published: DATE" line, blank line, body) in a folder of its own,
and `CMD DIR --output DIR/storymap.json` is run. Pairs are run in batches in which no two pairs
share a topic (company or index), so pairs cannot interact; --per-pair runs one pair at a time.
A predicted relation counts for a pair when it joins an article read from side a with one read
from side b; the type must match the gold type (gold `none` = no relation). Printed: precision,
recall and F1 per type, the confusion matrix (rows gold, columns predicted), "original correct"
(for directed gold pairs whose type was found: the predicted original -- Relation.original, else
Relation.target -- is the gold original), the share of pairs placed in one predicted story, and
relations predicted across pairs of one batch (a diagnostic only: such pairs are unlabelled).

--xling mode: runs the shared clustering scorer (shared/tools/eval_clustering.py) on
xling_stories.jsonl and prints BCubed, pairwise and cross-lingual pair recall, plus how many
near-miss stories (field `near_miss_of`) were kept apart from the story they resemble. Skips with
a message when the shared folder is absent. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = ["copy", "rewrite", "translation", "follow_up"]
COLS = TYPES + ["none", "other"]


def default_cmd() -> str:
    exe = ROOT / ".venv" / "bin" / "newsdesk"
    return shlex.quote(str(exe)) + " run" if exe.exists() else "newsdesk run"


def load_pairs(path: Path, limit: int = 0, types: list[str] | None = None) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if types:
        rows = [r for r in rows if r["type"] in types]
    return rows[:limit] if limit else rows


def make_batches(pairs: list[dict], per_pair: bool) -> list[list[dict]]:
    """Greedy: each pair goes to the first batch holding no pair of the same topic or group."""
    if per_pair:
        return [[p] for p in pairs]
    batches: list[tuple[set, list[dict]]] = []
    for p in pairs:
        keys = {("topic", p.get("topic"))} if p.get("topic") else set()
        keys |= {("group", g) for g in p.get("group") or []}
        keys |= {("text", hash(p[s]["text"])) for s in ("a", "b")}
        for used, members in batches:
            if not used & keys:
                used |= keys
                members.append(p)
                break
        else:
            batches.append((set(keys), [p]))
    return [m for _, m in batches]


def write_article(path: Path, art: dict) -> None:
    head = (art.get("title") or "").strip()
    if art.get("date"):
        head += "\nPublished: " + art["date"]
    path.write_text(head + "\n\n" + (art.get("text") or "").strip() + "\n", encoding="utf-8")


def run_batch(batch: list[dict], folder: Path, cmd: str, timeout: int) -> tuple[dict | None, float, str]:
    folder.mkdir(parents=True, exist_ok=True)
    for p in batch:
        sub = folder / p["id"]
        sub.mkdir(exist_ok=True)
        for side in ("a", "b"):
            write_article(sub / f"{p['id']}-{side}.txt", p[side])
    out = folder / "storymap.json"
    t0 = time.time()
    try:
        proc = subprocess.run(shlex.split(cmd) + [str(folder), "--output", str(out)],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, time.time() - t0, "timeout"
    took = time.time() - t0
    if proc.returncode != 0 or not out.exists():
        return None, took, (proc.stderr or proc.stdout or "")[-2000:]
    with open(out, encoding="utf-8") as fh:
        return json.load(fh), took, proc.stderr[-2000:]


def side_of_path(path: str) -> tuple[str, str] | None:
    """'…/rp-001-a.txt' -> ('rp-001', 'a')."""
    base = os.path.basename(path or "")
    if not base.endswith(".txt") or "-" not in base:
        return None
    stem = base[:-4]
    pid, _, side = stem.rpartition("-")
    return (pid, side) if side in ("a", "b") else None


def judge_batch(batch: list[dict], sm: dict) -> tuple[list[dict], int, list[str]]:
    """Per pair: predicted type, predicted original side, same story, missing sides."""
    where: dict[str, tuple[str, str]] = {}
    story: dict[tuple[str, str], set] = defaultdict(set)
    for art in sm.get("articles") or []:
        loc = side_of_path(art.get("path"))
        if loc:
            where[art["id"]] = loc
            story[loc].add(art.get("story"))
    best: dict[str, dict] = {}
    cross = 0
    for rel in sm.get("relations") or []:
        s, t = where.get(rel.get("source")), where.get(rel.get("target"))
        if not s or not t or s == t:
            continue
        if s[0] != t[0]:
            cross += 1
            continue
        if s[0] not in best or (rel.get("score") or 0) > (best[s[0]].get("score") or 0):
            orig = where.get(rel.get("original") or "") or t
            best[s[0]] = {"type": rel.get("type"), "score": rel.get("score"),
                          "original": orig[1] if orig[0] == s[0] else t[1]}
    results, missing = [], []
    for p in batch:
        miss = [side for side in ("a", "b") if (p["id"], side) not in story]
        missing += [f"{p['id']}-{side}" for side in miss]
        got = best.get(p["id"])
        sa, sb = story.get((p["id"], "a"), set()), story.get((p["id"], "b"), set())
        results.append({"id": p["id"], "gold": p["type"], "note": p.get("note", ""),
                        "pred": got["type"] if got else "none",
                        "pred_original": got["original"] if got else None,
                        "gold_original": p.get("original"), "missing": miss,
                        "same_story": bool((sa & sb) - {None})})
    return results, cross, missing


def metrics(results: list[dict]) -> dict:
    conf: dict[str, Counter] = {g: Counter() for g in TYPES + ["none"]}
    for r in results:
        pred = r["pred"] if r["pred"] in TYPES + ["none"] else "other"
        conf.setdefault(r["gold"], Counter())[pred] += 1
    per = {}
    for t in TYPES + ["none"]:
        tp = conf.get(t, Counter())[t]
        n_pred = sum(c[t] for c in conf.values())
        n_gold = sum(conf.get(t, Counter()).values())
        p = tp / n_pred if n_pred else None
        r = tp / n_gold if n_gold else None
        f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        per[t] = {"gold": n_gold, "predicted": n_pred, "tp": tp, "precision": p, "recall": r, "f1": f}
    directed = [r for r in results if r["gold"] in TYPES and r["pred"] == r["gold"] and r["gold_original"]]
    anyrel = [r for r in results if r["gold"] in TYPES and r["pred"] in TYPES and r["gold_original"]]
    orig = {"typed": (sum(r["pred_original"] == r["gold_original"] for r in directed), len(directed)),
            "any_relation": (sum(r["pred_original"] == r["gold_original"] for r in anyrel), len(anyrel))}
    for t in TYPES:
        of_type = [r for r in directed if r["gold"] == t]
        if of_type:
            orig[t] = (sum(r["pred_original"] == r["gold_original"] for r in of_type), len(of_type))
    same = defaultdict(lambda: [0, 0])
    for r in results:
        key = r["gold"] + (" / " + r["note"] if r["gold"] == "none" and r["note"] else "")
        same[key][0] += r["same_story"]
        same[key][1] += 1
    rel_pred = sum(1 for r in results if r["pred"] != "none")
    rel_gold = sum(1 for r in results if r["gold"] != "none")
    rel_tp = sum(1 for r in results if r["pred"] == r["gold"] != "none")
    return {"confusion": {g: dict(c) for g, c in conf.items()}, "per_type": per, "original_correct": orig,
            "same_story": {k: tuple(v) for k, v in same.items()},
            "micro": {"precision": rel_tp / rel_pred if rel_pred else None,
                      "recall": rel_tp / rel_gold if rel_gold else None}}


def fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def print_report(m: dict, n_pairs: int, n_batches: int, secs: float, cross: int, missing: list[str]) -> None:
    print(f"pairs {n_pairs}  runs {n_batches}  time {secs:.1f}s  missing articles {len(missing)}"
          f"  cross-pair relations {cross}")
    print(f"\n{'type':<12}{'gold':>6}{'pred':>6}{'tp':>5}  {'P':>6} {'R':>6} {'F1':>6}")
    for t, v in m["per_type"].items():
        print(f"{t:<12}{v['gold']:>6}{v['predicted']:>6}{v['tp']:>5}  {fmt(v['precision'])} "
              f"{fmt(v['recall'])} {fmt(v['f1'])}")
    mi = m["micro"]
    print(f"{'any relation (type must match)':<30} P {fmt(mi['precision'])}  R {fmt(mi['recall'])}")
    print("\nconfusion (rows gold, columns predicted)")
    print(f"{'':<12}" + "".join(f"{c:>12}" for c in COLS))
    for g in TYPES + ["none"]:
        row = m["confusion"].get(g, {})
        print(f"{g:<12}" + "".join(f"{row.get(c, 0):>12}" for c in COLS))
    oc = m["original_correct"]
    for k, (ok, n) in oc.items():
        print(f"\noriginal correct ({k}): {ok}/{n}" + (f" = {ok / n:.3f}" if n else ""), end="")
    print("\n\nsame predicted story (pairs)")
    for k, (ok, n) in sorted(m["same_story"].items()):
        print(f"  {k:<58} {ok:>3}/{n:<3}")
    if missing:
        print("\nsides with no article in the story map:", ", ".join(missing[:20]) + (" …" if len(missing) > 20 else ""))


def relations_mode(a: argparse.Namespace) -> int:
    pairs = load_pairs(Path(a.data), a.limit, a.types.split(",") if a.types else None)
    batches = make_batches(pairs, a.per_pair)
    work = Path(a.workdir or tempfile.mkdtemp(prefix="eval-relations-"))
    results, cross, missing, t_all = [], 0, [], 0.0
    doc_errors: list[str] = []
    for i, batch in enumerate(batches, 1):
        sm, took, err = run_batch(batch, work / f"run-{i:03d}", a.cmd, a.timeout)
        t_all += took
        if sm is None:
            print(f"run {i} failed ({len(batch)} pairs): {err.strip()}", file=sys.stderr)
            return 2
        res, c, miss = judge_batch(batch, sm)
        for d in sm.get("documents") or []:
            if d.get("status") == "error":
                e = d.get("error") or {}
                doc_errors.append(f"{os.path.basename(d.get('path') or '')}: {e.get('code')} {e.get('message')}")
        results += res
        cross += c
        missing += miss
        if not a.json:
            print(f"run {i}/{len(batches)}: {len(batch)} pairs, {took:.1f}s", file=sys.stderr)
    m = metrics(results)
    if doc_errors:
        print(f"warning: {len(doc_errors)} input documents failed in newsdesk, e.g. {doc_errors[0]}",
              file=sys.stderr)
    if a.per_pair_out:
        with open(a.per_pair_out, "w", encoding="utf-8") as fh:
            for r in results:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    if a.json:
        print(json.dumps({"pairs": len(pairs), "runs": len(batches), "seconds": round(t_all, 2),
                          "cross_pair_relations": cross, "missing": missing,
                          "document_errors": len(doc_errors), **m}, indent=2, ensure_ascii=False))
    else:
        print_report(m, len(pairs), len(batches), t_all, cross, missing)
    return 0


def near_miss_separation(data: Path, storymap: Path) -> tuple[int, int] | None:
    """Near-miss stories whose articles share no predicted story with the story they resemble."""
    with open(data, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    with open(storymap, encoding="utf-8") as fh:
        sm = json.load(fh)
    pred = {os.path.basename(x.get("path") or ""): x.get("story") for x in sm.get("articles") or []}
    by_story: dict[str, set] = defaultdict(set)
    for r in rows:
        by_story[r["story"]].add(pred.get(f"{r['id']}.txt"))
    near = {r["story"]: r["near_miss_of"] for r in rows if r.get("near_miss_of")}
    if not near:
        return None
    apart = sum(1 for s, parent in near.items() if not ((by_story[s] & by_story[parent]) - {None}))
    return apart, len(near)


def xling_mode(a: argparse.Namespace) -> int:
    shared = Path(a.shared)
    scorer = shared / "tools" / "eval_clustering.py"
    if not scorer.exists():
        print(f"skipped: the shared clustering scorer {scorer} is absent (pass --shared DIR)")
        return 0
    work = Path(a.workdir or tempfile.mkdtemp(prefix="eval-xling-"))
    proc = subprocess.run([sys.executable, str(scorer), "--data", str(a.xling_data), "--cmd", a.cmd,
                           "--workdir", str(work), "--json", "--timeout", str(a.timeout)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"scorer failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}", file=sys.stderr)
        return 2
    res = json.loads(proc.stdout)
    sep = near_miss_separation(Path(a.xling_data), work / "storymap.json")
    if sep:
        res["near_miss_kept_apart"], res["near_miss_stories"] = sep
    if a.json:
        print(json.dumps(res, indent=2, ensure_ascii=False))
        return 0
    print(f"articles {res['articles']}  gold stories {res['gold_stories']}  predicted stories "
          f"{res['pred_stories']}  unmatched {res.get('unmatched_articles')}  languages {res.get('languages')}")
    print(f"BCubed   P {res['bcubed_p']:.4f}  R {res['bcubed_r']:.4f}  F1 {res['bcubed_f1']:.4f}")
    print(f"pairwise P {res['pair_p']:.4f}  R {res['pair_r']:.4f}  F1 {res['pair_f1']:.4f}")
    if res.get("crosslingual_pair_recall") is not None:
        print(f"cross-lingual pair recall {res['crosslingual_pair_recall']:.4f} over {res['crosslingual_pairs']} pairs")
    if sep:
        print(f"near-miss stories kept apart from the story they resemble: {sep[0]}/{sep[1]}")
    if res.get("seconds") is not None:
        print(f"time {res['seconds']}s  {res.get('articles_per_s')} articles/s")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT / "tests" / "data" / "relation_pairs.jsonl"))
    ap.add_argument("--xling", action="store_true", help="score cross-lingual story clustering instead")
    ap.add_argument("--xling-data", default=str(ROOT / "tests" / "data" / "xling_stories.jsonl"))
    ap.add_argument("--shared", default=os.environ.get("NEWSDESK_SHARED", str(ROOT.parent / "shared")),
                    help="the shared folder holding tools/eval_clustering.py (xling mode)")
    ap.add_argument("--cmd", default=default_cmd(), help="command prefix; inputs and --output are appended")
    ap.add_argument("--per-pair", action="store_true", help="one run per pair instead of batches")
    ap.add_argument("--types", help="only these gold types, comma-separated")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pairs")
    ap.add_argument("--workdir", help="where to write article files and story maps (default: a temp dir)")
    ap.add_argument("--timeout", type=int, default=1800)
    ap.add_argument("--per-pair-out", help="write one JSON line per pair (gold, predicted) here")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    return xling_mode(a) if a.xling else relations_mode(a)


if __name__ == "__main__":
    sys.exit(main())
