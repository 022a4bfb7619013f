#!/usr/bin/env python3
"""Fast story-clustering harness: newsdesk's Linker vs a TF-IDF single-pass baseline, in one process.

    python bench/eval_clustering.py [--data FILE.jsonl ...] [--dates] [--set k=v ...] [--baseline] [--halves]
                                    [--embeddings [--embed-cache FILE.npz]]

Builds Articles straight from the shared clustering jsonl (title/text/lang; dates only with --dates, as the
CLI sees only the .txt files), links entities with ``newsdesk.facts.linker.link_entities``, runs
``Linker.add`` in line order and scores with the functions of shared/tools/eval_clustering.py (imported by
path). ``--baseline`` adds the README's reference: TF-IDF over word unigrams + character 2-4-grams (IDF from
the whole input), single-pass centroid clustering at thresholds 0.30/0.35/0.40. ``--set key=value``
overrides ``[link]`` config keys. ``--halves`` also scores the even and the odd half of the stories (tune on
one, check the other): a story's number is the first number in its id ("ecb-24-ecbplus" 24, so both events of
an ECB+ topic fall in one half; "xl-002" 2), else its rank in line order (hash-like ids such as Wikinews').
``--embeddings`` switches ``[link] embeddings`` on (needs the ``embed`` extra) and prints the model's cost;
``--embed-cache`` keeps the article vectors in an .npz between runs (tuning).
Confirm figures with the real CLI run of the shared scorer. Skips with a
message when the shared folder is absent.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.config import load_config  # noqa: E402
from newsdesk.facts.linker import link_entities  # noqa: E402
from newsdesk.link.features import STOP  # noqa: E402
from newsdesk.link.linker import Linker  # noqa: E402
from newsdesk.model import Article  # noqa: E402

SHARED = Path(os.environ.get("NEWSDESK_SHARED", "/work/shared"))
DEFAULT_SETS = [SHARED / "data/clustering/tuning.jsonl", SHARED / "data/clustering/tuning-ecbplus.jsonl"]


def scorer():
    spec = importlib.util.spec_from_file_location("eval_clustering_shared", SHARED / "tools/eval_clustering.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def articles(rows: list[dict], dates: bool) -> list[Article]:
    out = []
    for r in rows:
        out.append(Article(id=r["id"], document=r["id"], path=r["id"] + ".txt", text=(r.get("text") or "").strip(),
                           title=(r.get("title") or "").strip() or None, language=r.get("lang"),
                           published=r.get("date") if dates else None,
                           published_basis="explicit" if dates and r.get("date") else None))
    return out


def run_linker(arts: list[Article], cfg: dict, ents: dict[str, list[str]]) -> tuple[list[str], float]:
    linker = Linker(cfg)
    t0 = time.perf_counter()
    for a in arts:
        linker.add(a, ents[a.id])
    linker.finish()
    dt = time.perf_counter() - t0
    return [linker.clusterer.story_of[a.id] for a in arts], dt


# -- baseline -------------------------------------------------------------------------------------------
WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> list[str]:
    return [w for w in WORD.findall(text.casefold()) if w not in STOP]


def _chars(text: str) -> list[str]:
    s = " ".join(_words(text))
    return [s[i:i + n] for n in (2, 3, 4) for i in range(len(s) - n + 1)]


def _tfidf(docs: list[str], analyse) -> list[dict[str, float]]:
    """Sublinear-tf TF-IDF (smooth IDF over the input), L2-normalised."""
    tfs = [Counter(analyse(d)) for d in docs]
    df: Counter = Counter()
    for tf in tfs:
        df.update(tf.keys())
    n = len(tfs)
    out = []
    for tf in tfs:
        v = {k: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[k])) + 1) for k, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({k: x / norm for k, x in v.items()})
    return out


def baseline(rows: list[dict], thresholds: tuple[float, ...]) -> dict[float, list[int]]:
    """The README's reference: word unigrams (stop words out) and character 2-4-grams, each TF-IDF and
    L2-normalised, joined with equal weight; single pass, an article joins the story whose centroid (sum of
    member vectors) has the highest cosine when it reaches the threshold."""
    docs = [(r.get("title") or "") + "\n" + (r.get("text") or "") for r in rows]
    vecs = []
    for w, c in zip(_tfidf(docs, _words), _tfidf(docs, _chars)):
        v = {"w" + k: x / math.sqrt(2) for k, x in w.items()}
        v.update({"c" + k: x / math.sqrt(2) for k, x in c.items()})
        vecs.append(v)
    out = {}
    for th in thresholds:
        cents: list[dict] = []
        norms: list[float] = []
        labels = []
        for v in vecs:
            best, best_s = -1, th
            for i, c in enumerate(cents):
                s = sum(x * c.get(k, 0.0) for k, x in v.items()) / norms[i]
                if s >= best_s:
                    best, best_s = i, s
            if best < 0:
                cents.append(dict(v))
                norms.append(1.0)
                labels.append(len(cents) - 1)
            else:
                c = cents[best]
                for k, x in v.items():
                    c[k] = c.get(k, 0.0) + x
                norms[best] = math.sqrt(sum(x * x for x in c.values()))
                labels.append(best)
        out[th] = labels
    return out


def story_half(story: str, rank: int) -> int:
    """0 for the even half of the stories, 1 for the odd: the first number in the story id, else its rank."""
    m = re.search(r"\d+", story)
    return (int(m.group(0)) if m and not re.fullmatch(r"[a-z]+-[0-9a-f]{6,}", story) else rank) % 2


def fmt(name: str, res: dict) -> str:
    s = "%-22s BCubed P %.3f R %.3f F1 %.3f | pair P %.3f R %.3f F1 %.3f | stories %d" % (
        name, res["bcubed_p"], res["bcubed_r"], res["bcubed_f1"], res["pair_p"], res["pair_r"], res["pair_f1"],
        res["pred_stories"])
    if res.get("crosslingual_pair_recall") is not None:
        s += " | xl recall %.2f/%d" % (res["crosslingual_pair_recall"], res["crosslingual_pairs"])
    return s


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", nargs="*", type=Path)
    ap.add_argument("--dates", action="store_true", help="give articles the gold dates (the CLI cannot see them)")
    ap.add_argument("--set", nargs="*", default=[], help="[link] overrides, key=value")
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--halves", action="store_true", help="also score the even and the odd half of the stories")
    ap.add_argument("--embeddings", action="store_true", help="[link] embeddings = true (needs newsdesk[embed])")
    ap.add_argument("--embed-cache", type=Path, help="with --embeddings: reuse/keep article vectors in this .npz")
    a = ap.parse_args(argv)
    sets = a.data or DEFAULT_SETS
    if not all(p.exists() for p in sets) or not (SHARED / "tools/eval_clustering.py").exists():
        print("skipped: shared clustering data or scorer not found under %s" % SHARED)
        return 0
    sc = scorer()
    overrides = {}
    for kv in a.set:
        k, v = kv.split("=", 1)
        overrides[k] = json.loads(v) if v not in ("true", "false") else v == "true"
    if a.embeddings:
        overrides["embeddings"] = True
    cfg = load_config(overrides={"link": overrides} if overrides else None)["link"]
    memo = None
    if cfg.get("embeddings"):
        import numpy as np

        from newsdesk.errors import NewsdeskError
        from newsdesk.link import embed
        try:
            embed.require()
        except NewsdeskError as exc:
            print("%s\nhint: %s" % (exc, exc.hint))
            return 2
        if a.embed_cache:
            memo = {}
            if a.embed_cache.exists():
                with np.load(a.embed_cache) as z:
                    memo = {k: z[k] for k in z.files}
            embed.use_memo(memo)
    out = {}
    for path in sets:
        rows = load_rows(path)
        items = [{"id": r["id"], "lang": r.get("lang"), "story": r["story"]} for r in rows]
        arts = articles(rows, a.dates)
        for x in arts:  # as the pipeline does: the link stage reads the mentions (company names are no content)
            x.mentions = link_entities(x.text, x.language)[0]
        ents = {x.id: [m.entity for m in x.mentions] for x in arts}
        pred, dt = run_linker(arts, cfg, ents)
        res = sc.score(items, pred)
        res["link_articles_per_s"] = round(len(arts) / dt, 1)
        out[path.name] = {"newsdesk": res}
        print("== %s (%d articles, link %.0f art/s)" % (path.name, len(arts), res["link_articles_per_s"]))
        print(fmt("newsdesk", res))
        if a.halves:
            rank = {s: i for i, s in enumerate(dict.fromkeys(it["story"] for it in items))}
            for h, label in ((0, "even"), (1, "odd")):
                sel = [i for i, it in enumerate(items) if story_half(it["story"], rank[it["story"]]) == h]
                if sel:
                    rh = sc.score([items[i] for i in sel], [pred[i] for i in sel])
                    out[path.name]["newsdesk_" + label] = rh
                    print(fmt("newsdesk, %s half" % label, rh))
        if cfg.get("embeddings"):
            st = dict(embed.stats)
            if st["texts"]:
                print("embeddings: %d passages embedded, %.2f art/s CPU (%.0f ms/article), %.2f art/s wall"
                      % (st["texts"], st["texts"] / st["cpu_s"], 1e3 * st["cpu_s"] / st["texts"],
                         st["texts"] / st["wall_s"]))
            else:
                print("embeddings: all %d vectors from the cache" % len(arts))
            res["embed_stats"] = st
            embed.stats.update(texts=0, cpu_s=0.0, wall_s=0.0)
        if a.baseline:
            for th, labels in baseline(rows, (0.30, 0.35, 0.40)).items():
                r2 = sc.score(items, labels)
                out[path.name]["tfidf@%.2f" % th] = r2
                print(fmt("tfidf baseline @%.2f" % th, r2))
    if memo is not None:
        np.savez(a.embed_cache, **memo)
    if a.json:
        print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
