"""Throughput of the facts stage and of its extractors (articles per CPU-second, i.e. per core).

Default mode: the whole facts stage (entity linking, market facts, quotes, events, sentiment)
over articles produced by the real clean stage from three sets: examples/corpus, the seed pages
(/work/shared/seeds) and a fixed sample of tuning pages (/work/shared/data/extraction/html). Cleaning is
not timed; the facts stage is timed per bundle with time.process_time (CPU time: the machine is shared),
best of --repeat passes (the first pass, untimed for the result, sizes the others: a pass goes over the set as
many times as it takes to last --min-pass CPU-seconds, so a set of nine articles is not timed in milliseconds);
before each time over the set the regex cache is emptied and a warm-up (two articles made of the
gold snippets) runs, so patterns built per name are compiled as on first sight. --components times each step
(link, facts, quotes, events, sentiment); --profile prints a cProfile of one pass per set; --dump writes the
stage's output (mentions, entities, facts, quotes, events, sentiments) as JSON lines to compare two versions.

--synthetic: the extractors alone (facts, quotes, events) over articles of ~600 words assembled from the
gold-set snippets (tests/data/facts_gold.jsonl, EN and ZH separately) with their mentions.

Usage: python bench/bench_facts.py [--sets corpus,seeds,extraction] [--sample 200] [--repeat 3]
                                   [--components] [--profile] [--dump FILE]
       python bench/bench_facts.py --synthetic [--articles 300] [--words 600] [--mixed]
"""
from __future__ import annotations

import argparse
import copy
import cProfile
import dataclasses
import io
import json
import math
import pstats
import random
import re
import time
from pathlib import Path

from newsdesk.facts.events import extract_events
from newsdesk.facts.market import extract_facts
from newsdesk.facts.quotes import extract_quotes
from newsdesk.model import Article, Entity, Mention

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "facts_gold.jsonl"
SHARED = Path("/work/shared")
SETS = {
    "corpus": lambda n: [str(ROOT / "examples" / "corpus")],
    "seeds": lambda n: [str(SHARED / "seeds")],
    "extraction": lambda n: sorted(random.Random(0).sample(
        sorted(str(p) for p in (SHARED / "data" / "extraction" / "html").glob("*.html.gz")), n)),
}

# Narrative sentences without market numbers, for the --mixed mode (wire copy is mostly prose).
FILLER = {
    "en": [
        "Investors have been weighing the outlook for consumer demand as policymakers signal more support.",
        "Traders said volumes were thin ahead of the holiday, with many desks running skeleton staff.",
        "The company has been expanding its overseas business as competition at home intensifies.",
        "Analysts remain divided on whether the recovery in earnings can be sustained into next year.",
        "Regulators have stepped up scrutiny of the sector after a series of high-profile defaults.",
        "Sentiment toward technology shares improved after officials pledged to support private enterprise.",
        "Many fund managers remain underweight the market, citing geopolitical risks and weak data.",
        "The government unveiled a package of measures aimed at stabilising the property sector.",
    ],
    "zh": [
        "投资者正在评估消费需求前景，政策制定者释放更多支持信号。",
        "交易员表示，节前成交清淡，许多交易台人手不足。",
        "随着国内竞争加剧，该公司一直在扩大海外业务。",
        "分析师对盈利复苏能否持续到明年仍存在分歧。",
        "在一系列违约事件后，监管机构加强了对该行业的审查。",
        "官员承诺支持民营企业后，市场对科技股的情绪有所改善。",
    ],
}


def _article(recs: list[dict], words: int, rng: random.Random, idx: int, mixed: bool = False):
    text_parts: list[str] = []
    ents: dict[str, Entity] = {}
    mentions: list[Mention] = []
    size = 0
    lang = recs[0]["lang"]
    while size < words:
        rec = rng.choice(recs)
        offset = sum(len(p) + 2 for p in text_parts)
        t = rec["text"]
        for m in rec["mentions"]:
            eid = "e:" + m["name"]
            ents.setdefault(eid, Entity(id=eid, name=m["name"], type=m["type"]))
            i = t.find(m["surface"])
            if i >= 0:
                mentions.append(Mention(eid, offset + i, offset + i + len(m["surface"]), m["surface"]))
        if mixed:  # two narrative sentences per snippet
            extra = rng.sample(FILLER[lang], 2)
            t = " ".join([t] + extra) if lang == "en" else t + "".join(extra)
        text_parts.append(t)
        size += len(t.split()) if lang == "en" else len(t) // 1.6  # ~1.6 characters per Chinese word
    art = Article(id=f"b{idx}", document=f"b{idx}", path="bench", text="\n\n".join(text_parts), language=lang,
                  published=rng.choice(recs)["published"])
    return art, sorted(mentions, key=lambda m: m.start), ents


def _cleaned(inputs: list[str], config: dict) -> list:
    """Bundles with the articles of the real clean stage (documents it dropped are left out)."""
    from newsdesk.clean.stage import CleanStage
    from newsdesk.pipeline.runner import iter_documents
    from newsdesk.pipeline.stage import StageContext

    ctx = StageContext(config)
    clean = CleanStage()
    clean.setup(ctx)
    out = [b for b in clean.process_batch(list(iter_documents(inputs, config)), ctx)
           if b.document.status == "ok" and b.articles]
    for b in out:
        b.document.raw = None
    return out


def _fresh(bundles: list) -> list:
    """Copies of the cleaned bundles, as the facts stage receives them (nothing found yet)."""
    from newsdesk.pipeline.stage import Bundle

    return [Bundle(b.document, articles=[copy.copy(a) for a in b.articles]) for b in bundles]


def _record(b) -> dict:
    asd = dataclasses.asdict
    return {"doc": b.document.path,
            "mentions": [[asd(m) for m in a.mentions] for a in b.articles],
            "entities": sorted((asd(e) for e in b.entities.values()), key=lambda e: e["id"]),
            "facts": [asd(f) for f in b.facts], "quotes": [asd(q) for q in b.quotes],
            "events": [asd(e) for e in b.events], "sentiments": [asd(s) for s in b.sentiments]}


def _warm_up(stage, ctx) -> None:
    """One pass over two articles assembled from the gold snippets (EN, ZH): lazy imports, compiled regexes
    and loaded tables are in place before the timed passes; no article of the timed sets is seen."""
    from newsdesk.pipeline.stage import Bundle
    from newsdesk.model import Document

    recs = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    rng = random.Random(1)
    for lang in ("en", "zh"):
        art = _article([r for r in recs if r["lang"] == lang], 400, rng, 0, mixed=True)[0]
        stage.process(Bundle(Document(id="warm", path="warm"), articles=[art]), ctx)


def _components(stage, bundles, ctx) -> dict[str, float]:
    """CPU seconds of each step of FactsStage.process (same calls, same order), over fresh bundles."""
    from newsdesk.facts.events import extract_events
    from newsdesk.facts.linker import link_entities
    from newsdesk.facts.market import extract_facts
    from newsdesk.facts.quotes import extract_quotes
    from newsdesk.facts.sentiment import entity_sentiment
    from newsdesk.facts.stage import _sentiment_targets

    cfg = ctx.config["facts"]
    spent = dict.fromkeys(("link", "facts", "quotes", "events", "sentiment"), 0.0)
    clock = time.process_time
    for b in _fresh(bundles):
        for art in b.articles:
            t0 = clock()
            mentions, ents = link_entities(art.text, art.language, stage.kb)
            t1 = clock()
            emap = {e.id: e for e in ents}
            extract_facts(art, mentions, emap)
            t2 = clock()
            extract_quotes(art, mentions, emap)
            t3 = clock()
            extract_events(art, mentions, emap)
            t4 = clock()
            if cfg["sentiment"]:
                targets = _sentiment_targets(mentions, emap, cfg)
                entity_sentiment(art, mentions, {k: emap[k] for k in targets}, only=set(targets),
                                 max_sentences=int(cfg["sentiment_max_sentences"]))
            t5 = clock()
            for k, a, z in (("link", t0, t1), ("facts", t1, t2), ("quotes", t2, t3), ("events", t3, t4),
                            ("sentiment", t4, t5)):
                spent[k] += z - a
    return spent


def bench_stage(args) -> None:
    from newsdesk.config import load_config
    from newsdesk.facts.sentiment import load_model
    from newsdesk.facts.stage import FactsStage
    from newsdesk.pipeline.stage import StageContext

    config = load_config()
    ctx = StageContext(config)
    stage = FactsStage()
    stage.setup(ctx)  # knowledge base and its compiled matchers: built once per process, not timed
    load_model()
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    print(f"facts stage, CPU time (time.process_time), best of {max(1, args.repeat - 1)} timed passes of at least "
          f"{args.min_pass} CPU-s; before each time over a set the regex cache is emptied and a warm-up runs (so a "
          f"name-specific pattern is compiled as on first sight)")
    for name in args.sets.split(","):
        bundles = _cleaned(SETS[name](args.sample), config)
        n_art = sum(len(b.articles) for b in bundles)
        chars = sum(len(a.text or "") for b in bundles for a in b.articles)
        best = float("inf")
        rounds = 1  # a pass goes over the set `rounds` times so that it lasts --min-pass CPU-seconds
        for rep in range(args.repeat):
            cpu = 0.0
            for r in range(rounds):
                re.purge()
                _warm_up(stage, ctx)
                work = _fresh(bundles)
                for b in work:
                    t0 = time.process_time()
                    stage.process(b, ctx)
                    cpu += time.process_time() - t0
                if rep == 0 and r == 0 and dump:
                    for b in work:
                        dump.write(json.dumps(_record(b), ensure_ascii=False, sort_keys=True) + "\n")
            if rep == 0 and args.repeat > 1:  # the first pass sizes the others (a few articles take milliseconds)
                rounds = max(1, math.ceil(args.min_pass / max(cpu, 1e-6)))
                continue
            best = min(best, cpu / rounds)
        print(f"{name}: {len(bundles)} documents, {n_art} articles, {chars / max(1, n_art):,.0f} chars/article: "
              f"{best:.3f} CPU-s per pass over the set ({rounds} per timed pass, best of {max(1, args.repeat - 1)}) "
              f"= {n_art / best:.0f} articles per CPU-second")
        if args.components:
            best_c: dict[str, float] | None = None
            for _ in range(args.repeat):
                re.purge()
                _warm_up(stage, ctx)
                got = _components(stage, bundles, ctx)
                if best_c is None or sum(got.values()) < sum(best_c.values()):
                    best_c = got
            print("    " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in best_c.items()))
        if args.profile:
            re.purge()
            _warm_up(stage, ctx)
            prof = cProfile.Profile()
            work = _fresh(bundles)
            prof.enable()
            for b in work:
                stage.process(b, ctx)
            prof.disable()
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(args.profile_lines)
            print(buf.getvalue())
    if dump:
        dump.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--synthetic", action="store_true", help="the extractors alone on assembled gold snippets")
    ap.add_argument("--sets", default="corpus,seeds,extraction", help="comma-separated: " + ",".join(SETS))
    ap.add_argument("--sample", type=int, default=200, help="tuning pages drawn from the extraction set")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per set (the best counts)")
    ap.add_argument("--min-pass", type=float, default=0.5,
                    help="CPU-seconds a timed pass lasts at least: a short set is gone over several times a pass "
                         "(each time with the regex cache emptied and the warm-up run first)")
    ap.add_argument("--components", action="store_true", help="CPU time per step: link, facts, quotes, events, "
                    "sentiment")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of one pass per set")
    ap.add_argument("--profile-lines", type=int, default=30)
    ap.add_argument("--dump", help="write the stage's output per document as JSON lines (first pass)")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--mixed", action="store_true", help="add two narrative sentences per snippet")
    args = ap.parse_args()
    if not args.synthetic:
        bench_stage(args)
        return
    recs = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    rng = random.Random(7)
    for lang in ("en", "zh"):
        pool = [r for r in recs if r["lang"] == lang]
        arts = [_article(pool, args.words, rng, i, args.mixed) for i in range(args.articles)]
        counts = {fn.__name__: [0, 0.0] for fn in (extract_facts, extract_quotes, extract_events)}
        t0 = time.process_time()
        for x in arts:  # per article, in pipeline order (the extractors share per-article lookups)
            for fn in (extract_facts, extract_quotes, extract_events):
                a = time.process_time()
                counts[fn.__name__][0] += len(fn(*x))
                counts[fn.__name__][1] += time.process_time() - a
        total = time.process_time() - t0
        detail = ", ".join(f"{k}: {args.articles / v[1]:.0f}/s ({v[0]} items)" for k, v in counts.items())
        mode = "mixed" if args.mixed else "dense"
        print(f"{lang} ({mode}): {args.articles} articles x ~{args.words} words: all three extractors "
              f"{args.articles / total:.0f} articles/s per core ({detail})")


if __name__ == "__main__":
    main()
