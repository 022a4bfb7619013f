"""Scores a story map against tests/fixtures/examples_expected.json (the sample corpus' truth).

The fixture has the shape of the seed golden file; this is the project's own, smaller scorer so that
the integration test needs nothing outside the repository.
"""
from __future__ import annotations

import os
import re
import unicodedata
from itertools import combinations

QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "}


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    for a, b in QUOTES.items():
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().casefold()


def match_articles(gold: dict, out: dict) -> dict[str, dict | None]:
    by_file: dict[str, list[dict]] = {}
    for art in out["articles"]:
        by_file.setdefault(os.path.basename(art["path"]), []).append(art)
    found = {}
    for gid, g in gold["articles"].items():
        first = norm(g["first"])[:60]
        cands = [a for a in by_file.get(g["file"], []) if first in norm(a["text"])]
        same = [a for a in cands if (a.get("language") or "")[:2] == g["language"]]
        found[gid] = min(same or cands, key=lambda a: len(a["text"]), default=None)
    return found


def score(gold: dict, out: dict) -> dict[str, list[tuple[bool, str]]]:
    arts = match_articles(gold, out)
    card: dict[str, list[tuple[bool, str]]] = {}

    def check(section: str, ok: bool, what: str) -> None:
        card.setdefault(section, []).append((bool(ok), what))

    for gid, g in gold["articles"].items():
        a = arts[gid] or {}
        text = norm(a.get("text"))
        check("articles", bool(a), f"{gid} found")
        check("cleaning", bool(a) and norm(g["last"]) in text, f"{gid} runs to its last sentence")
        leaks = [m for m in g.get("must_not_contain", []) if norm(m) in text]
        check("cleaning", bool(a) and not leaks, f"{gid} no boilerplate {leaks}")
        check("metadata", (a.get("language") or "")[:2] == g["language"], f"{gid} language")
        if "title" in g:
            check("metadata", norm(a.get("title")) == norm(g["title"]), f"{gid} title {a.get('title')!r}")
        if g.get("publisher"):
            check("metadata", norm(a.get("publisher")) == norm(g["publisher"]), f"{gid} publisher {a.get('publisher')!r}")
        if g.get("authors"):
            check("metadata", sorted(map(norm, a.get("authors") or [])) == sorted(map(norm, g["authors"])),
                  f"{gid} authors {a.get('authors')!r}")
        if "published" in g:
            check("dates", (a.get("published") or "")[:10] == g["published"], f"{gid} published {a.get('published')}")
        if "published_basis" in g:
            check("dates", a.get("published_basis") == g["published_basis"], f"{gid} basis {a.get('published_basis')}")
    story_of = {gid: (a or {}).get("story") for gid, a in arts.items()}
    gold_story = {gid: i for i, members in enumerate(gold["stories"]) for gid in members}
    for x, y in combinations(sorted(gold_story), 2):
        same = story_of[x] is not None and story_of[x] == story_of[y]
        if gold_story[x] == gold_story[y]:
            check("stories", same, f"{x} and {y} together")
        else:
            check("stories", arts[x] is not None and arts[y] is not None and not same, f"{x} and {y} apart")
    rels = {(r["source"], r["target"], r["type"]) for r in out["relations"]}
    for r in gold["relations"]:
        a, b = arts.get(r["a"]), arts.get(r["b"])
        ok = bool(a and b) and ((a["id"], b["id"], r["type"]) in rels or
                                (r["type"] in ("copy", "follow_up") and (b["id"], a["id"], r["type"]) in rels))
        if r["type"] == "follow_up" and a:
            story = next((m for m in gold["stories"] if r["b"] in m), [])
            ok = any((a["id"], arts[m]["id"], "follow_up") in rels for m in story if arts.get(m) and m != r["a"])
        check("relations", ok, f"{r['a']} {r['type']} of {r['b']}")
    for r in gold.get("not_relations", []):
        a, b = arts.get(r["a"]), arts.get(r["b"])
        bad = [t for t in r["types"] if a and b and ((a["id"], b["id"], t) in rels or (b["id"], a["id"], t) in rels)]
        check("relations", bool(a and b) and not bad, f"{r['a']} and {r['b']} not {bad}")
    ents = {e["id"]: e for e in out["entities"]}
    for f in gold["facts"]:
        a = arts.get(f["article"])
        hits = [x for x in out["facts"] if a and x["article"] == a["id"] and x["kind"] == f["kind"]
                and abs(x["value"] - f["value"]) <= 0.005 * max(1, abs(f["value"]))
                and _ent_ok(f, ents.get(x["entity"]))]
        check("facts", bool(hits), f"{f['article']} {f['entity']} {f['kind']} {f['value']}")
        if f.get("when"):
            check("fact dates", any((x.get("when") or "")[:10] == f["when"] for x in hits), f"... on {f['when']}")
    for q in gold["quotes"]:
        a = arts.get(q["article"])
        hits = [x for x in out["quotes"] if a and x["article"] == a["id"] and norm(q["starts"])[:30] in norm(x["text"])]
        check("quotes", any(x.get("speaker") and norm(q["speaker"]).split()[-1] in norm(x["speaker"]) for x in hits),
              f"{q['article']} quote of {q['speaker']}")
    for c in gold["conflicts"]:
        a, b = arts.get(c["a"]), arts.get(c["b"])
        ids = {x["id"] for x in (a, b) if x}
        check("conflicts", len(ids) == 2 and any(ids <= set(x["articles"]) for x in out["conflicts"]),
              f"{c['a']} vs {c['b']}")
    return card


def _ent_ok(f: dict, ent: dict | None) -> bool:
    if not ent:
        return False
    names = [ent["name"], *ent.get("aliases", [])]
    if any(norm(f["entity"]) in norm(n) or norm(n) == norm(f["entity"]) for n in names):
        return True
    return bool(f.get("ticker")) and f["ticker"] in ent.get("tickers", [])


def totals(card: dict) -> tuple[int, int]:
    rows = [ok for items in card.values() for ok, _ in items]
    return sum(rows), len(rows)
