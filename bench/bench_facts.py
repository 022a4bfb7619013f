"""Throughput of the fact, quote and event extractors (articles per second on one core).

Articles of ~600 words are assembled from the gold-set snippets (tests/data/facts_gold.jsonl, EN and ZH
separately) with their mentions, so the extractors see realistic density of numbers, quotes and dates.
Usage: python bench/bench_facts.py [--articles 300] [--words 600]
"""
from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from newsdesk.facts.events import extract_events
from newsdesk.facts.market import extract_facts
from newsdesk.facts.quotes import extract_quotes
from newsdesk.model import Article, Entity, Mention

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "facts_gold.jsonl"

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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--mixed", action="store_true", help="add two narrative sentences per snippet")
    args = ap.parse_args()
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
