"""Precision/recall of the fact, quote and event extractors on the hand-written gold set.

tests/data/facts_gold.jsonl: one snippet per line with its language, publication date, the entity
mentions (surface, type, KB name) and the expected items. Mentions are rebuilt here by finding the
surfaces in the text, so the test does not depend on the entity linker.
Lines carry a "split": "dev" (417 lines written before any rule), "heldout" (91, written after the first
rules and scored once before tuning on them), "heldout2" (55, written after that and scored once before the
last round of changes) and "heldout3" (45, written in session 13 and scored once before the changes it led to:
price_change when 0.955, price R 0.90, valuation R 0.75, yield R 0.75, events R 0.78, quotes 6/6; two of its
gold items were first written against the set's conventions and corrected to them before any change: a market
value is a valuation, a yield with no time phrase has no date), "heldout4" (13 quote lines, session 13, scored
once before the changes they led to: P 0.917 R 0.786 after three gold items were set to the conventions of
the set: a speaker in the entity base by its base name, a quoted two-word fragment is not a direct quote, a
second quoted sentence after the attribution is a second quote) and "heldout5" (20 lines of two-sentence
reports, anaphora and schedules, session 13, scored once before the changes they led to: price_change R 0.88,
events R 0.75 with when 0.83) and "heldout6" (12 lines of periods, comparisons and non-price figures,
session 13, scored once before the change it led to: price_change R 0.78, the comparison "the index's 24%
advance" / "恒生指数24%的涨幅" missed).
"s19" (44 lines, session 19, written together with the rules they test, so not held
out: moves given as an amount and a percentage, pence, a bare 元 for a Hong Kong stock, a move or price in
another subject's clause ("…, while X", "… as X", "… after consumer prices rose", "…，国指跌1.5%"), signed
moves after a name ("Tencent +3.2%"), names and figures listed in pairs ("X and Y rose 3% and 2%,
respectively"), a weekday with its date ("on Wednesday, April 29", "3月25日（周三）"), trading updates,
forecasts that are no events, a bare 公司 for the company named before, speakers' roles in apposition
("Citigroup's chief executive", "the central bank's governor"), "analysts at X led by Y", "who manages a fund
at X", "the company said", currencies (a move of the quote currency is one of its pair with the sign turned, a
rate is the pair's price, "较上一交易日" does not date the move), and the kind yield_change, a yield's move in
basis points (or percentage points), also added then to the five older lines that state one).
Each line is scored only for its own task family (fact / quote / event).
"s20" (47 lines, session 20, written with the rules they test): a bare tenor after another bond ("the 2-year
Treasury … , while the 10-year yield …"), another country's bond ("Italy's 10-year yield"), "yield was 0.9%",
what a security yields (no date), prices in francs, crowns and rupees, a time inside a ", which …," aside, a
broker's target before another clause's move, a valuation on a year's earnings, a share class opening a Chinese
clause ("；A股涨2.1%": the company's other line; not "A股三大指数"), "秘书长" of an association, "3月下旬", a change of a market value ("fell by $200
billion", "蒸发5890亿美元") that is no value, a distance from a peak, "the yen hit 151.97 per dollar", a central bank that "meets next week", "X strategists, led by Y,", a price or level crossed ("topped $2,400",
"fell below HK$300", "一度突破2400美元", "失守17000点"), a fund's name that is no person ("SPDR Gold Shares"), a day of the month alone as Chinese wires date ("9日收涨",
"将于20日公布"; not "连续3日", "30日均线"), a listing on an exchange that is itself a listed company ("在港交所挂牌上市"), moves said in words ("halved", "more than
doubled since January", "were unchanged", "翻倍", "收平"; not a market value's "tripled"), reported speech credited
after the words (", Jane Doe, an analyst at X, said."; "its chief economist X said"), an organisation before the
sentence's full stop ("at ING."), a move's calendar span ("gained 24% in 2023": as of 2023-12-31), an economic release as an event
(data_release: "CPI data on Wednesday", "将于4月16日公布一季度GDP数据"; not "The CPI rose 0.4%"), an index level under 100
written with decimals ("The VIX jumped 15% to 18.5").
Convention for dates: a price move, price or level stated with no time phrase (and not a forecast) is
about the article's own trading day, so its gold "when" is the publication date (132 gold items were
changed to this convention after the set was written; nothing else in the gold was changed). Session 20
extended it to a market's yield (a bond's, not a dividend yield or what a security yields: 25 gold items
changed), and named the base's bond where the extractor reads it from a bare tenor and a country (26 gold
items had no entity because the scoring named only the line's own mentions), and read a move said in words as one
(flat, unchanged, little changed: 0%; doubled: +100%; halved, "lost half its value": -50%): six older lines gained
that move.
Run as a script to print the per-kind table: python tests/unit/test_facts_gold.py [dev|heldout|...|heldout6] [-v]
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from newsdesk.facts.events import extract_events
from newsdesk.facts.market import extract_facts
from newsdesk.facts.quotes import extract_quotes
from newsdesk.model import Article, Entity, Mention

GOLD = Path(__file__).resolve().parents[1] / "data" / "facts_gold.jsonl"
FACT_KINDS = ("price_change", "price", "level", "valuation", "yield")
SCORED_KINDS = FACT_KINDS + ("yield_change",)  # (yield_change: a kind of session 19, too few lines for the floors)

# Floors just below what the rules reach on the whole file (dev + held-out lines; every kind measured 1.00
# precision and recall when this was written): one or two slips per kind are tolerated, not more.
FLOORS = {kind: (0.98, 0.97) for kind in SCORED_KINDS + ("quote", "event")}
WHEN_FLOOR = 0.97  # share of matched facts/events whose resolved date is right


def load_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def in_traditional(recs: list[dict], config: str) -> list[dict]:
    """The Chinese lines written in traditional characters (OpenCC ``config``: "s2hk" Hong Kong, "s2tw"
    Taiwan): text, mention surfaces and names, and the gold's speakers, organisations and roles."""
    import opencc

    conv = opencc.OpenCC(config).convert
    out = []
    for r in recs:
        if r["lang"] != "zh":
            continue
        r = json.loads(json.dumps(r))
        r["text"] = conv(r["text"])
        for m in r["mentions"]:
            m["surface"], m["name"] = conv(m["surface"]), conv(m["name"])
        for g in r["gold"]:
            for k in ("speaker", "org", "role"):
                if g.get(k):
                    g[k] = conv(g[k])
        out.append(r)
    return out


def build(rec: dict, idx: int) -> tuple[Article, list[Mention], dict[str, Entity]]:
    text = rec["text"]
    ents: dict[str, Entity] = {}
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(rec["mentions"], key=lambda m: -len(m["surface"])):
        eid = "e:" + m["name"]
        ents.setdefault(eid, Entity(id=eid, name=m["name"], type=m["type"], tickers=m.get("tickers", []),
                                    meta=m.get("meta", {})))
        start = text.find(m["surface"])
        while start >= 0:
            end = start + len(m["surface"])
            if not any(a < end and start < b for a, b in taken):
                taken.append((start, end))
                mentions.append(Mention(entity=eid, start=start, end=end, surface=m["surface"]))
            start = text.find(m["surface"], end)
    mentions.sort(key=lambda m: m.start)
    art = Article(id=f"g{idx}", document=f"d{idx}", path="gold", text=text, language=rec["lang"],
                  published=rec["published"])
    return art, mentions, ents


def _norm(s: str | None) -> str | None:
    if s is None:
        return None
    s = s.strip().lower()
    for p in ("a ", "an ", "the "):
        if s.startswith(p):
            s = s[len(p):]
    return s


def _family(kind: str) -> str:
    return kind if kind in ("quote", "event") else "fact"


def evaluate(split: str | None = None, traditional: str | None = None) -> dict:
    """Scores per kind; ``split`` restricts to "dev" (rules written against it) or "heldout"; ``traditional``
    (an OpenCC config) scores the Chinese lines rewritten in traditional characters (see in_traditional)."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    when_ok: Counter = Counter()
    when_n: Counter = Counter()
    attr_ok: Counter = Counter()
    errors: dict[str, list] = defaultdict(list)
    recs = load_gold()
    for i, rec in enumerate(in_traditional(recs, traditional) if traditional else recs):
        if split is not None and rec.get("split", "dev") != split:
            continue
        art, mentions, ents = build(rec, i)
        name = {k: e.name for k, e in ents.items()}
        pred: list[tuple[str, tuple, object]] = []
        for f in extract_facts(art, mentions, ents):  # (it may add the base's bond a bare tenor is about)
            pred.append((f.kind, (ents[f.entity].name if f.entity in ents else None, round(f.value, 4), f.unit),
                         f.when))
        for q in extract_quotes(art, mentions, ents):
            pred.append(("quote", (_norm(q.speaker), q.direct), (_norm(q.org), _norm(q.role))))
        for e in extract_events(art, mentions, ents):
            pred.append(("event", (e.event, name.get(e.entity, e.entity)), e.when))
        gold: list[tuple[str, tuple, object]] = []
        for g in rec["gold"]:
            if g["kind"] in SCORED_KINDS:
                gold.append((g["kind"], (g["entity"], round(g["value"], 4), g["unit"]), g["when"]))
            elif g["kind"] == "quote":
                gold.append(("quote", (_norm(g["speaker"]), g["direct"]), (_norm(g["org"]), _norm(g["role"]))))
            else:
                gold.append(("event", (g["event"], g["entity"]), g["when"]))
        # each line is annotated for its own task family only (a fact line is not checked for quotes)
        fams = {_family(t) for t in rec["tags"]}
        pred = [p for p in pred if _family(p[0]) in fams]
        remaining = list(gold)
        for kind, key, extra in pred:
            hit = next((g for g in remaining if g[0] == kind and g[1] == key), None)
            if hit is None:
                fp[kind] += 1
                errors[kind].append(("FP", rec["text"][:90], key))
                continue
            remaining.remove(hit)
            tp[kind] += 1
            if kind == "quote":
                when_n[kind] += 1
                attr_ok[kind] += extra == hit[2]
                if extra != hit[2]:
                    errors[kind].append(("ATTR", rec["text"][:60], extra, hit[2]))
            else:
                when_n[kind] += 1
                when_ok[kind] += extra == hit[2]
                if extra != hit[2]:
                    errors[kind].append(("WHEN", rec["text"][:60], key, extra, hit[2]))
        for kind, key, _ in remaining:
            fn[kind] += 1
            errors[kind].append(("FN", rec["text"][:200], key))
    table = {}
    for kind in SCORED_KINDS + ("quote", "event"):
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 1.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 1.0
        extra = (attr_ok[kind] if kind == "quote" else when_ok[kind]) / when_n[kind] if when_n[kind] else 1.0
        table[kind] = {"tp": tp[kind], "fp": fp[kind], "fn": fn[kind], "precision": p, "recall": r,
                       ("attr_acc" if kind == "quote" else "when_acc"): extra}
    return {"table": table, "errors": errors}


@pytest.fixture(scope="module")
def result() -> dict:
    return evaluate()


def test_gold_set_size() -> None:
    recs = load_gold()
    per_kind = Counter()
    for r in recs:
        for k in set(g["kind"] for g in r["gold"]) | set(r["tags"]):
            per_kind[k] += 1
    for k in FACT_KINDS + ("quote", "event"):
        assert per_kind[k] >= 60, k
    zh = sum(r["lang"] == "zh" for r in recs)
    assert 0.25 <= zh / len(recs) <= 0.45
    assert sum(not r["gold"] for r in recs) >= 40  # negatives


@pytest.mark.parametrize("kind", FACT_KINDS + ("quote", "event"))
def test_precision_recall_floor(result: dict, kind: str) -> None:
    row = result["table"][kind]
    p_floor, r_floor = FLOORS[kind]
    assert row["precision"] >= p_floor, (kind, row, result["errors"][kind][:10])
    assert row["recall"] >= r_floor, (kind, row, result["errors"][kind][:10])


@pytest.mark.parametrize("kind", FACT_KINDS + ("event",))
def test_when_accuracy(result: dict, kind: str) -> None:
    assert result["table"][kind]["when_acc"] >= WHEN_FLOOR, result["errors"][kind][:10]


@pytest.mark.parametrize("config", ["s2hk", "s2tw"])
def test_traditional_chinese_reads_as_well_as_simplified(config: str) -> None:
    """Hong Kong and Taiwan write traditional characters: the Chinese lines rewritten so score as the
    simplified ones do (before the rules read both scripts, price moves reached recall 0.52 and quotes 0.73)."""
    zh = evaluate(traditional=config)["table"]
    for kind, row in zh.items():
        p_floor, r_floor = FLOORS[kind]
        assert row["tp"] > 0 and row["precision"] >= p_floor and row["recall"] >= r_floor, (config, kind, row)
        extra = row.get("when_acc", row.get("attr_acc"))
        assert extra >= (0.95 if kind == "quote" else WHEN_FLOOR), (config, kind, row)


def test_quote_attribution(result: dict) -> None:
    assert result["table"]["quote"]["attr_acc"] >= 0.95, result["errors"]["quote"][:10]


if __name__ == "__main__":  # pragma: no cover - a report for humans
    import sys

    res = evaluate(sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "-v" else None)
    for k, row in res["table"].items():
        print(f"{k:13s} " + " ".join(f"{a}={b:.3f}" if isinstance(b, float) else f"{a}={b}" for a, b in row.items()))
    if "-v" in sys.argv:
        for k, errs in res["errors"].items():
            for e in errs:
                print(k, *e)


def test_with_entity_linker() -> None:
    """End to end with the real linker (skipped when newsdesk.facts.linker is not importable)."""
    linker = pytest.importorskip("newsdesk.facts.linker")
    text = ("Tencent Holdings fell 2.3% to HK$410.20 on Friday, while the Hang Seng Index slipped 0.5%.\n\n"
            "\"The selloff looks overdone,\" said Mark Ellison, an analyst at Harbourview Securities.\n\n"
            "Alibaba is scheduled to report earnings on Thursday.")
    mentions, ents = linker.link_entities(text, "en")
    emap = {e.id: e for e in ents}
    art = Article(id="x", document="x", path="x", text=text, language="en", published="2025-02-14")
    facts = {(f.kind, emap[f.entity].type, f.value, f.unit, f.when) for f in extract_facts(art, mentions, emap)}
    assert ("price_change", "company", -2.3, "%", "2025-02-14") in facts
    assert ("price", "company", 410.2, "HKD", "2025-02-14") in facts
    assert ("price_change", "index", -0.5, "%", "2025-02-14") in facts
    quotes = extract_quotes(art, mentions, emap)
    assert [(q.speaker, q.role, q.direct) for q in quotes] == [("Mark Ellison", "analyst", True)]
    events = extract_events(art, mentions, emap)
    assert [(e.event, emap[e.entity].type, e.when) for e in events] == [("earnings", "company", "2025-02-20")]
