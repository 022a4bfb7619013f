"""Store-scale benchmark (issue 7, item 6): a 100k-article store, search / page latency, and ``add`` throughput.

    .venv/bin/python bench/bench_store.py [--articles 100000] [--add-sizes 1000,10000] [--work DIR]

How the store is built (no pipeline over 100k pages, which would take hours):

1. Templates: one real run (``Session`` without a store) over examples/corpus and, when /work/shared is
   present, a sample of its tuning pages (clustering JSONL as .txt, extraction HTML, Chinese extraction
   text). Each processed Bundle gives an article with its mentions, facts, events, quotes, sentiments.
2. Variations: story groups of 2-10 articles are drawn from one template each (sometimes with one member
   from a template of the other language, as a translation). A group swaps the template's company
   mentions for knowledge-base companies (Zipf-weighted, so a few entities are very busy) and its people
   for generated names, scales its numbers, moves its dates (2024-2026) and gives each member its own
   publisher, date offset and sentence order. Mention offsets, facts, events, quotes and sentiments are
   carried over to the new text.
3. Writing: ``Store.commit(bundles)`` in batches of 1000 documents, then one ``commit([], storymap, None)``
   with the stories, relations and conflicts. ``Store.commit`` deletes a document's old articles with
   ``DELETE FROM articles WHERE document = ?``, which has no index (a full scan per document, quadratic
   over a build), so the build adds a temporary index on ``articles(document)`` and drops it afterwards:
   the measured store has exactly the library's schema.

The add benchmark runs each case in a fresh subprocess with a timeout; a case that does not finish is
reported as such, never extrapolated. Writes bench/results/store-<date>.json and prints a Markdown table.
A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import cProfile
import csv
import gzip
import io
import json
import os
import pickle
import pstats
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
RESULTS = ROOT / "bench" / "results"
SHARED = Path("/work/shared")

from newsdesk.config import load_config  # noqa: E402
from newsdesk.model import (Article, Conflict, Document, Entity, Event, Fact, Mention, Quote, Relation,  # noqa: E402
                            Sentiment, Story, StoryMap, TimelineEntry, content_id)
from newsdesk.pipeline.stage import Bundle  # noqa: E402

HAN = re.compile(r"[\u4e00-\u9fff]")
NUM = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?")
EN_DATE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
                     r" (\d{1,2})\b")
ZH_DATE = re.compile(r"(\d{1,2})月(\d{1,2})日")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SENT = re.compile(r"(?s).*?(?:[.!?]+(?=\s|$)|[。！？]+|\n+|$)\s*")
FIRST = ["Alex", "Brian", "Chloe", "Daniel", "Emma", "Felix", "Grace", "Henry", "Irene", "Jason", "Karen", "Leo",
         "Mia", "Nathan", "Olivia", "Peter", "Queenie", "Ryan", "Sophie", "Tom", "Una", "Victor", "Wendy", "Yuki"]
LAST = ["Au", "Bauer", "Chan", "Dixon", "Evans", "Fong", "Garcia", "Ho", "Ito", "Jensen", "Kwok", "Lam", "Morris",
        "Ng", "Ortiz", "Park", "Quinn", "Rossi", "Sato", "Tang", "Usman", "Varga", "Wong", "Yip"]
ZH_SURNAME = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高"
ZH_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
PUB_A = ["Northgate", "Bayline", "Summit", "Meridian", "Crescent", "Atlas", "Beacon", "Granite", "Keystone",
         "Riverside"]
PUB_B = ["Wire", "Times", "Post", "Journal", "Markets", "Review", "Daily", "Herald"]
ZH_PUB_A = ["东方", "环球", "财经", "金融", "证券", "市场"]
ZH_PUB_B = ["日报", "快讯", "时报", "观察", "周刊"]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))] if s else float("nan")


def summary_ms(xs: list[float]) -> dict[str, float]:
    return {"n": len(xs), "p50_ms": round(pct(xs, 50) * 1000, 2), "p95_ms": round(pct(xs, 95) * 1000, 2),
            "max_ms": round(max(xs) * 1000, 2) if xs else float("nan")}


# ------------------------------------------------------------------------------------------ templates

def template_inputs(work: Path, rng: random.Random) -> list[str]:
    """examples/corpus plus, when /work/shared is present, a sample of tuning pages."""
    inputs = [str(ROOT / "examples" / "corpus")]
    if not SHARED.is_dir():
        return inputs
    tdir = work / "tuning-pages"
    tdir.mkdir(parents=True, exist_ok=True)
    clus = SHARED / "data" / "clustering" / "tuning.jsonl"
    if clus.exists():
        rows = [json.loads(line) for line in clus.read_text(encoding="utf-8").splitlines() if line.strip()]
        for r in rng.sample(rows, min(40, len(rows))):
            p = tdir / f"clus-{r['id']}.txt"
            p.write_text(f"{r.get('title') or ''}\n\n{r['text']}\n", encoding="utf-8")
            inputs.append(str(p))
    for sub, n in (("extraction/html", 25), ("extraction-zh/text", 30)):
        d = SHARED / "data" / sub
        if d.is_dir():
            files = sorted(d.iterdir())
            for f in rng.sample(files, min(n, len(files))):
                p = tdir / f"{sub.split('/')[0]}-{f.name[:-3] if f.suffix == '.gz' else f.name}"
                p.write_bytes(gzip.decompress(f.read_bytes()) if f.suffix == ".gz" else f.read_bytes())
                inputs.append(str(p))
    return inputs


@dataclass
class Template:
    article: Article
    entities: dict[str, Entity]
    facts: list[Fact]
    events: list[Event]
    quotes: list[Quote]
    sentiments: list[Sentiment]


def load_templates(work: Path, rng: random.Random, max_chars: int = 5000) -> tuple[list[Template], dict[str, Any]]:
    """Articles of one real run (cached in `work`)."""
    cache = work / "templates.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from newsdesk.pipeline.session import Session

    inputs = template_inputs(work, rng)
    t0 = time.perf_counter()
    s = Session(load_config(), None)
    s.feed(inputs)
    secs = time.perf_counter() - t0
    out = []
    for b in s.bundles:
        for a in b.articles:
            if len(a.text) < 200:
                continue
            if len(a.text) > max_chars:  # cut long blog pages to news length, at a sentence end
                cut = max(a.text.rfind(". ", 0, max_chars), a.text.rfind("。", 0, max_chars))
                a.text = a.text[:cut + 1 if cut > 0 else max_chars]
                a.mentions = [m for m in a.mentions if m.end <= len(a.text)]
            out.append(Template(a, b.entities, [f for f in b.facts if f.article == a.id],
                                [e for e in b.events if e.article == a.id], [q for q in b.quotes if q.article == a.id],
                                [x for x in b.sentiments if x.article == a.id]))
    info = {"inputs": len(inputs), "documents": len(s.bundles), "templates": len(out),
            "templates_zh": sum(t.article.language == "zh" for t in out), "run_seconds": round(secs, 1)}
    cache.write_bytes(pickle.dumps((out, info)))
    return out, info


# ------------------------------------------------------------------------------------------ entity pool

@dataclass
class Co:
    entity: Entity
    en: str
    zh: str | None


def company_pool() -> list[Co]:
    """Knowledge-base companies (HK, CN, then US, largest first) with an English and a Chinese surface."""
    data = ROOT / "src" / "newsdesk" / "data"
    out = []
    for name in ("entities_hk.tsv", "entities_cn.tsv", "entities_us.tsv"):
        lines = [ln for ln in (data / name).read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
        for r in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"):
            if r["type"] != "company":
                continue
            aliases = [a.strip("?") for a in r["aliases"].split(";") if a.strip("?")]
            latin = [a for a in aliases if not HAN.search(a) and len(a) >= 3] or [r["name"]]
            zh = next((a for a in aliases if HAN.search(a)), None)
            e = Entity(r["id"], r["name"], "company", [t for t in r["tickers"].split(";") if t], aliases)
            out.append(Co(e, min(latin, key=len), zh))
    return out


# ------------------------------------------------------------------------------------------ generator

@dataclass
class Member:
    bundle: Bundle
    day: date
    shuffled: bool
    own_numbers: bool
    lang: str


@dataclass
class Generator:
    templates: list[Template]
    pool: list[Co]
    rng: random.Random
    zh_share: float = 0.25
    n: int = 0
    groups: int = 0
    stories: list[Story] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.en = [t for t in self.templates if t.article.language != "zh"]
        self.zh = [t for t in self.templates if t.article.language == "zh"] or self.en
        self.weights = [1.0 / (i + 1) for i in range(len(self.pool))]
        self.people = [f"{f} {ln}" for f in FIRST for ln in LAST]
        self.zh_people = [s + g + h for s in ZH_SURNAME for g in ZH_GIVEN[:8] for h in ZH_GIVEN[8:12]]
        self.pubs = [f"{a} {b}" for a in PUB_A for b in PUB_B]
        self.zh_pubs = [a + b for a in ZH_PUB_A for b in ZH_PUB_B]

    def _company(self) -> Co:
        return self.rng.choices(self.pool, weights=self.weights)[0]

    def group(self, size: int) -> list[Bundle]:
        """One story: `size` variations of one template (plus maybe a translation from the other language)."""
        rng = self.rng
        zh = rng.random() < self.zh_share
        main = rng.choice(self.zh if zh else self.en)
        other = rng.choice(self.en if zh else self.zh) if size >= 3 and rng.random() < 0.15 else None
        swap: dict[str, tuple[Entity, str, str]] = {}  # old entity id -> (new entity, en surface, zh surface)
        for t in (main, other) if other else (main,):
            for eid, e in t.entities.items():
                if eid in swap:
                    continue
                if e.type == "company" and eid.startswith("kb:"):
                    co = self._company()
                    swap[eid] = (co.entity, co.en, co.zh or co.en)
                elif e.type == "person":
                    i = rng.randrange(len(self.people))
                    name = self.people[i]
                    swap[eid] = (Entity(content_id("ent:", name), name, "person"), name,
                                 self.zh_people[i % len(self.zh_people)])
        factor = rng.uniform(0.6, 1.5)
        base = date(2024, 1, 1) + timedelta(days=rng.randrange(900))
        self.groups += 1
        sid = content_id("s", "bench", str(self.groups))
        members: list[Member] = []
        for i in range(size):
            t = other if (other and i == size - 1) else main
            day = base + timedelta(days=0 if i == 0 else rng.randrange(4))
            own = i > 0 and rng.random() < 0.2
            shuffled = i > 0 and rng.random() < 0.6
            b = self._variation(t, swap, factor * (rng.uniform(0.9, 1.1) if own else 1.0), day, shuffled, sid)
            members.append(Member(b, day, shuffled, own, t.article.language or "en"))
        self._link(sid, members)
        return [m.bundle for m in members]

    def _variation(self, t: Template, swap: dict, factor: float, day: date, shuffled: bool, sid: str) -> Bundle:
        rng = self.rng
        self.n += 1
        lang = t.article.language or "en"
        zh = lang == "zh"
        aid = content_id("a", "bench", str(self.n))
        did = content_id("d", "bench", str(self.n))

        def plain(s: str) -> str:
            s = NUM.sub(lambda m: _scale(m.group(0), factor), s)
            if zh:
                return ZH_DATE.sub(f"{day.month}月{day.day}日", s)
            return EN_DATE.sub(f"{MONTHS[day.month - 1]} {day.day}", s)

        def surface(eid: str, old: str) -> str:
            if eid not in swap:
                return old
            return swap[eid][2] if zh else swap[eid][1]

        text = t.article.text
        sents = [(m.start(), m.end()) for m in SENT.finditer(text) if m.end() > m.start()]
        order = list(range(len(sents)))
        if shuffled and len(order) > 2:
            rest = order[1:]
            rng.shuffle(rest)
            order = order[:1] + rest
        out: list[str] = []
        pos = 0
        mentions: list[Mention] = []
        ms = sorted(t.article.mentions, key=lambda m: (m.start, -m.end))
        for k in order:
            s0, s1 = sents[k]
            cur = s0
            for m in ms:
                if m.start < cur or m.end > s1 or m.start < s0:
                    continue
                piece = plain(text[cur:m.start])
                out.append(piece)
                pos += len(piece)
                sf = surface(m.entity, m.surface)
                mentions.append(Mention(swap[m.entity][0].id if m.entity in swap else m.entity, pos, pos + len(sf), sf))
                out.append(sf)
                pos += len(sf)
                cur = m.end
            piece = plain(text[cur:s1])
            if piece and not piece[-1].isspace() and not zh:
                piece += " "
            out.append(piece)
            pos += len(piece)
        new_text = "".join(out)
        title = t.article.title
        names = {m.surface: surface(m.entity, m.surface) for m in t.article.mentions}
        if title:
            for old, new in names.items():
                title = title.replace(old, new)
            title = plain(title)

        def ent(eid: str | None) -> str | None:
            return swap[eid][0].id if eid in swap else eid

        def txt(s: str) -> str:
            for old, new in names.items():
                s = s.replace(old, new)
            return s

        when = day.isoformat()
        pub = rng.choice(self.zh_pubs if zh else self.pubs)
        art = Article(id=aid, document=did, path=f"bench/gen/{self.n:06d}.txt", text=new_text, title=title,
                      language=lang, authors=[], publisher=pub,
                      published=f"{when}T{rng.randrange(7, 22):02d}:{rng.randrange(60):02d}:00+08:00",
                      published_basis="explicit", url=f"https://example.com/news/{self.n}", story=sid,
                      mentions=mentions)
        doc = Document(id=did, path=art.path, kind="text", status="ok", articles=[aid])
        ents = {}
        for eid, e in t.entities.items():
            e2 = swap[eid][0] if eid in swap else e
            ents[e2.id] = e2
        facts = [replace(f, article=aid, entity=ent(f.entity), value=round(f.value * (factor if f.kind != "price_change"
                                                                                         else 1.0), 2),
                         when=when if f.when else None, text=txt(f.text)) for f in t.facts]
        events = [replace(e, article=aid, entity=ent(e.entity), when=when if e.when else None, text=txt(e.text))
                  for e in t.events]
        quotes = [replace(q, article=aid, speaker=txt(q.speaker) if q.speaker else None, text=txt(q.text))
                  for q in t.quotes]
        seen: set[str] = set()
        sents_out = []
        for x in t.sentiments:
            e2 = ent(x.entity) or x.entity
            if e2 not in seen:
                seen.add(e2)
                sents_out.append(Sentiment(aid, e2, x.score, txt(x.evidence)))
        return Bundle(doc, [art], ents, facts, events, quotes, sents_out)

    def _link(self, sid: str, members: list[Member]) -> None:
        """The story, its relations (copy/rewrite/translation/follow_up to the first member) and conflicts."""
        first = members[0].bundle.articles[0]
        arts = [m.bundle.articles[0] for m in members]
        for m in members[1:]:
            a = m.bundle.articles[0]
            if m.lang != members[0].lang:
                typ = "translation"
            elif m.day > members[0].day and m.own_numbers:
                typ = "follow_up"
            else:
                typ = "rewrite" if m.shuffled else "copy"
            self.relations.append(Relation(a.id, first.id, typ, round(self.rng.uniform(0.5, 0.99), 3),
                                           first.id if typ != "follow_up" else None))
            if m.own_numbers and typ != "follow_up":
                f = next((f for f in m.bundle.facts if f.entity), None)
                if f:
                    self.conflicts.append(Conflict([first.id, a.id], f.entity, f.kind,
                                                   f"{f.kind} differs between the two reports"))
        timeline, seen_e, seen_f = [], set(), set()
        for m in sorted(members, key=lambda m: m.bundle.articles[0].published or ""):
            a = m.bundle.articles[0]
            keys = {(f.entity, f.kind, round(f.value, 2)) for f in m.bundle.facts}
            new_e = [x.entity for x in a.mentions if x.entity not in seen_e]
            timeline.append(TimelineEntry(a.id, a.published, len(keys - seen_f), sorted(set(new_e))))
            seen_f |= keys
            seen_e |= set(new_e)
        days = sorted(a.published[:10] for a in arts if a.published)
        self.stories.append(Story(sid, first.title or first.text[:80], [a.id for a in arts], days[0], days[-1],
                                  sorted({a.publisher for a in arts if a.publisher}),
                                  sorted({a.language for a in arts if a.language}), timeline, first.id))


def _scale(tok: str, factor: float) -> str:
    """Scale a number token, leaving years and small counts (days, ranks) alone; keep its format."""
    v = float(tok.replace(",", ""))
    if "." not in tok and (v <= 31 or 1900 <= v <= 2100):
        return tok
    decimals = len(tok.split(".")[1]) if "." in tok else 0
    nv = v * factor
    s = f"{nv:,.{decimals}f}" if "," in tok else f"{nv:.{decimals}f}"
    return s


def build_store(path: Path, n: int, templates: list[Template], seed: int, batch: int = 1000) -> dict[str, Any]:
    """Write `n` generated articles through Store.commit (see the module docstring)."""
    from newsdesk.store import Store

    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)
    rng = random.Random(seed)
    gen = Generator(templates, company_pool(), rng)
    st = Store(path)
    st.conn.execute("CREATE INDEX bench_tmp_articles_document ON articles(document)")
    t0 = time.perf_counter()
    pending: list[Bundle] = []
    written = 0
    while written + len(pending) < n:
        size = min(rng.randint(2, 10), n - written - len(pending))
        pending.extend(gen.group(size) if size >= 2 else gen.group(2)[:1])
        if len(pending) >= batch:
            st.commit(pending)
            written += len(pending)
            pending = []
            if written % 20000 < batch:
                log(f"  {written} articles written ({time.perf_counter() - t0:.0f} s)")
    if pending:
        st.commit(pending)
        written += len(pending)
    t_arts = time.perf_counter() - t0
    sm = StoryMap(stories=gen.stories, relations=gen.relations, conflicts=gen.conflicts)
    st.commit([], sm, None)
    st.conn.execute("DROP INDEX bench_tmp_articles_document")
    st.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    secs = time.perf_counter() - t0
    counts = {t: st.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("documents", "articles", "mentions", "entities", "facts", "events", "quotes", "sentiments",
                        "relations", "stories", "conflicts")}
    counts["articles_zh"] = st.conn.execute("SELECT COUNT(*) FROM articles WHERE language='zh'").fetchone()[0]
    st.close()
    return {"seconds": round(secs, 1), "articles_seconds": round(t_arts, 1), "counts": counts,
            "bytes": path.stat().st_size}


# ------------------------------------------------------------------------------------------ read benchmarks

def busiest_entities(db: Path, k: int) -> list[tuple[str, int]]:
    c = sqlite3.connect(db)
    rows = c.execute("SELECT entity, COUNT(*) n FROM mentions GROUP BY entity ORDER BY n DESC LIMIT ?", (k,)).fetchall()
    c.close()
    return rows


def make_queries(db: Path, rng: random.Random, n_per_class: int) -> list[dict[str, Any]]:
    """Queries drawn from the store's own text: English words, phrases, Chinese 2- and 3-4-character terms;
    half of each class with a filter (entity ticker, a 30-day window, or language)."""
    c = sqlite3.connect(db)
    sample = [r[0] for r in c.execute("SELECT text FROM articles WHERE rowid IN (SELECT abs(random()) % "
                                      "(SELECT MAX(rowid) FROM articles) FROM articles LIMIT 400)")]
    tickers = [json.loads(r[0])[0] for r in c.execute(
        "SELECT e.tickers FROM entities e JOIN (SELECT entity, COUNT(*) n FROM mentions GROUP BY entity "
        "ORDER BY n DESC LIMIT 40) m ON m.entity = e.id WHERE e.tickers != '[]'")]
    c.close()
    en = [s for s in sample if not HAN.search(s[:200])]
    zh = [s for s in sample if HAN.search(s[:200])]
    words = [w for s in en for w in re.findall(r"[A-Za-z]{4,}", s)]
    han_runs = [r for s in zh for r in re.findall(r"[\u4e00-\u9fff]{4,}", s)]

    def phrase() -> str:
        s = rng.choice(en)
        toks = re.findall(r"[A-Za-z]+", s)
        i = rng.randrange(max(1, len(toks) - 3))
        return '"' + " ".join(toks[i:i + rng.choice((2, 3))]) + '"'

    def han(k: int) -> str:
        r = rng.choice(han_runs)
        i = rng.randrange(len(r) - k + 1)
        return r[i:i + k]

    makers = {"en_word": lambda: rng.choice(words), "en_two_words": lambda: f"{rng.choice(words)} {rng.choice(words)}",
              "en_phrase": phrase, "zh_2char": lambda: han(2), "zh_3to4char": lambda: han(rng.choice((3, 4)))}
    out = []
    for cls, make in makers.items():
        if cls.startswith("zh") and not han_runs:
            continue
        for i in range(n_per_class):
            q: dict[str, Any] = {"class": cls, "q": make(), "filters": {}}
            if i % 2:
                kind = ("entity", "dates", "language")[(i // 2) % 3]
                if kind == "entity" and tickers:
                    q["filters"] = {"entity": rng.choice(tickers)}
                elif kind == "dates":
                    d = date(2024, 1, 1) + timedelta(days=rng.randrange(870))
                    q["filters"] = {"since": d.isoformat(), "until": (d + timedelta(days=30)).isoformat()}
                else:
                    q["filters"] = {"language": "zh" if cls.startswith("zh") else "en"}
            out.append(q)
    rng.shuffle(out)
    return out


def bench_search(db: Path, queries: list[dict[str, Any]]) -> dict[str, Any]:
    from newsdesk.store import Store
    from newsdesk.store import queries as Q

    st = Store(db, readonly=True)
    Q.search(st, "market")  # warm the page cache a little
    by_class: dict[str, list[float]] = {}
    hits: dict[str, list[int]] = {}
    allt: list[float] = []
    slow = []
    for q in queries:
        key = q["class"] + ("+" + "+".join(sorted(q["filters"])) if q["filters"] else "")
        t0 = time.perf_counter()
        rows = Q.search(st, q["q"], **q["filters"])
        dt = time.perf_counter() - t0
        allt.append(dt)
        by_class.setdefault(q["class"], []).append(dt)
        by_class.setdefault(key, []).append(dt) if q["filters"] else None
        hits.setdefault(q["class"], []).append(len(rows))
        slow.append((dt, q["q"], q["filters"], len(rows)))
    st.close()
    slow.sort(key=lambda x: -x[0])
    return {"all": summary_ms(allt),
            "by_class": {k: summary_ms(v) | {"mean_hits": round(statistics.mean(hits[k]), 1)} if k in hits
                         else summary_ms(v) for k, v in sorted(by_class.items())},
            "slowest": [{"ms": round(s[0] * 1000, 1), "q": s[1], "filters": s[2], "hits": s[3]} for s in slow[:8]]}


def search_checks(db: Path) -> dict[str, Any]:
    """Plans of the hot queries, the cost of the unindexed writes at this size, and a mixed-length Chinese
    query (a 2-character term beside a longer one) against a LIKE count."""
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out: dict[str, Any] = {}
    probes = {
        "delete_articles_by_document": ("SELECT COUNT(*) FROM articles WHERE document = ?", ("x",)),
        "update_fact_when (per fact, Session.close)":
            ('SELECT COUNT(*) FROM facts WHERE article=? AND kind=? AND text=? AND value=?', ("x", "x", "x", 0)),
        "story_facts_by_article": ("SELECT COUNT(*) FROM facts WHERE article IN (?)", ("x",)),
        "story_relations_by_target": ("SELECT COUNT(*) FROM relations WHERE source IN (?) OR target IN (?)",
                                      ("x", "x")),
        "story_conflicts_full_read": ("SELECT COUNT(*) FROM (SELECT * FROM conflicts)", ()),
        "list_stories_home": ("SELECT COUNT(*) FROM (SELECT s.id, (SELECT COUNT(DISTINCT publisher) FROM articles "
                              "WHERE story = s.id) FROM stories s ORDER BY COALESCE(s.\"end\", s.start, '') DESC, "
                              "s.n_articles DESC LIMIT 50)", ()),
    }
    for name, (sql, args) in probes.items():
        plan = [r[-1] for r in c.execute("EXPLAIN QUERY PLAN " + sql, args)]
        t0 = time.perf_counter()
        c.execute(sql, args).fetchall()
        out[name] = {"ms": round((time.perf_counter() - t0) * 1000, 1), "plan": plan}
    row = c.execute("SELECT text FROM articles WHERE language='zh' LIMIT 1").fetchone()
    if row:
        run = max(re.findall(r"[\u4e00-\u9fff]{5,}", row[0]) or [""], key=len)
        if run:
            two, three = run[:2], run[2:5]
            from newsdesk.store import Store
            from newsdesk.store import queries as Q
            st = Store(db, readonly=True)
            got = len(Q.search(st, f"{two} {three}", limit=1000))
            st.close()
            like = c.execute("SELECT COUNT(*) FROM articles WHERE (text LIKE ? OR title LIKE ?) AND "
                             "(text LIKE ? OR title LIKE ?)", (f"%{two}%",) * 2 + (f"%{three}%",) * 2).fetchone()[0]
            out["mixed_zh_query"] = {"query": f"{two} {three}", "search_hits": got, "like_count": like}
    c.close()
    return out


def storymap_read(db: Path) -> dict[str, Any]:
    """``Store.storymap()`` on this store: what every ``add`` call re-reads in ``Session.close``."""
    import resource

    from newsdesk.store import Store

    st = Store(db, readonly=True)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    sm = st.storymap()
    secs = time.perf_counter() - t0
    out = {"seconds": round(secs, 2), "articles": len(sm.articles), "facts": len(sm.facts),
           "peak_rss_growth_mb": round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024)}
    st.close()
    return out


def bench_pages(db: Path, rng: random.Random, n_stories: int, n_entities: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from newsdesk.web.app import create_app

    app = create_app(db, load_config())
    client = TestClient(app)
    c = sqlite3.connect(db)
    ids = [r[0] for r in c.execute("SELECT id FROM stories")]
    c.close()
    picks = rng.sample(ids, min(n_stories, len(ids)))
    out: dict[str, Any] = {}
    for name, prefix in (("story_html", "/stories/"), ("story_api", "/api/stories/")):
        ts = []
        for sid in picks:
            t0 = time.perf_counter()
            r = client.get(prefix + sid)
            ts.append(time.perf_counter() - t0)
            assert r.status_code == 200, (r.status_code, r.text[:300])
        out[name] = summary_ms(ts)
    for name, url in (("home", "/"), ("home_page_20", "/?offset=1000"), ("api_stories", "/api/stories")):
        ts = []
        for _ in range(20):
            t0 = time.perf_counter()
            r = client.get(url)
            ts.append(time.perf_counter() - t0)
            assert r.status_code == 200, r.text[:300]
        out[name] = summary_ms(ts)
    ents = []
    for eid, n in busiest_entities(db, n_entities):
        row = {"entity": eid, "mentions": n}
        for name, prefix in (("html", "/entities/"), ("api", "/api/entities/")):
            ts = []
            for _ in range(2):
                t0 = time.perf_counter()
                r = client.get(prefix + eid)
                ts.append(time.perf_counter() - t0)
                assert r.status_code == 200, r.text[:300]
            row[f"{name}_ms"] = round(min(ts) * 1000, 1)
            row[f"{name}_bytes"] = len(r.content)
        ents.append(row)
    out["entities"] = ents
    return out


# ------------------------------------------------------------------------------------------ add benchmark

def write_pages(dirpath: Path, templates: list[Template], n: int, seed: int) -> list[str]:
    """`n` fresh pages to add: generated variations written as text pages (title, blank line, body)."""
    dirpath.mkdir(parents=True, exist_ok=True)
    gen = Generator(templates, company_pool(), random.Random(seed))
    gen.n = 10_000_000  # ids apart from the store's
    paths = []
    while len(paths) < n:
        for b in gen.group(2):
            a = b.articles[0]
            p = dirpath / f"page-{len(paths):04d}.txt"
            p.write_text(f"{a.title or ''}\n\n{a.publisher} | {a.published[:10]}\n\n{a.text}\n", encoding="utf-8")
            paths.append(str(p))
    return paths[:n]


def linked_store(base: Path, n: int, templates: list[Template], seed: int) -> dict[str, Any]:
    """A store of `n` generated articles, linked as a run would have linked them: the stored articles fed to
    a fresh linker (``Session`` does this for a store without link state), its state written to the link
    tables, then every story finished and written like ``Session.close`` does."""
    from newsdesk.pipeline.session import Session

    info = build_store(base, n, templates, seed)
    cfg = load_config()
    t0 = time.perf_counter()
    s = Session(cfg, base)
    info["linker_seconds"] = round(time.perf_counter() - t0, 1)
    t0 = time.perf_counter()
    s.close(storymap=False)
    info["first_close_seconds"] = round(time.perf_counter() - t0, 1)
    import sqlite3
    con = sqlite3.connect(base)
    info["link_state_bytes"] = con.execute(
        "SELECT (SELECT COALESCE(SUM(length(state)), 0) FROM link_items) + "
        "(SELECT COALESCE(SUM(length(state)), 0) FROM link_stories) + "
        "(SELECT COALESCE(SUM(length(term)) + 8 * COUNT(*), 0) FROM link_df)").fetchone()[0]
    con.close()
    return info


def add_worker(args: argparse.Namespace) -> None:
    """One add case in this (fresh) process; prints one JSON line."""
    import logging
    logging.disable(logging.WARNING)
    from newsdesk import api

    pages = json.loads(Path(args.pages).read_text())
    db = Path(args.db)
    out: dict[str, Any] = {"mode": args.mode, "pages": len(pages)}
    api.run(json.loads(Path(args.pages).with_name("warm.json").read_text()))  # load models: calls are warm
    t0 = time.perf_counter()
    if args.mode == "single":
        calls = []
        for p in pages:  # stop early (the count says how many) so a big store stays inside the timeout
            c0 = time.perf_counter()
            api.add([p], db=db)
            calls.append(time.perf_counter() - c0)
            if time.perf_counter() - t0 > 150:
                break
        out["call_s"] = summary_ms(calls)
        out["pages"] = len(calls)
    elif args.mode == "batch50":
        for i in range(0, len(pages), 50):
            api.add(pages[i:i + 50], db=db)
    elif args.mode == "run":
        api.run(pages, db=db)
    elif args.mode == "profile":
        prof = cProfile.Profile()
        prof.enable()
        api.add(pages[:1], db=db)
        prof.disable()
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(30)
        out["profile"] = s.getvalue()
    elif args.mode == "close_parts":
        out |= close_parts(db, pages[:1])
    secs = time.perf_counter() - t0
    out["seconds"] = round(secs, 2)
    out["docs_per_s"] = round(len(pages) / secs, 3) if args.mode != "profile" else None
    print("RESULT " + json.dumps(out), flush=True)


def close_parts(db: Path, pages: list[str]) -> dict[str, Any]:
    """The phases of one `add` of one page, timed one by one (what Session does, step by step)."""
    from newsdesk.link.state import take_delta
    from newsdesk.pipeline.assemble import finish
    from newsdesk.pipeline.session import Session

    cfg = load_config()
    t: dict[str, float] = {}
    t0 = time.perf_counter()
    s = Session(cfg, db)
    t["open_and_load_linker"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    s.feed(pages)
    t["feed_process_link_commit"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    cl = s.linker.clusterer
    changed = {aid for sid in cl.dirty for aid in cl.stories[sid].members}
    sm = s.store.storymap(changed)
    t["store_storymap_of_changed_stories"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    sm = finish(sm, s.linker, s.stats)
    t["finish"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    s.store.commit([], sm, take_delta(s.linker), relations=s.linker.changed_relations)
    t["commit_link"] = time.perf_counter() - t0
    s.store.close()
    return {"parts_s": {k: round(v, 3) for k, v in t.items()}}


def run_case(db: Path, pages_file: Path, mode: str, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--_add-worker", mode, "--db", str(db), "--pages", str(pages_file)]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"mode": mode, "timeout_s": timeout, "finished": False}
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:]) | {"finished": True}
    return {"mode": mode, "finished": False, "error": (p.stderr or p.stdout)[-1500:],
            "seconds": round(time.perf_counter() - t0, 1)}


def bench_add(work: Path, templates: list[Template], sizes: list[int], n_pages: int, n_single: int,
              seed: int, timeout: float, deadline: float) -> dict[str, Any]:
    pages = write_pages(work / "add-pages", templates, n_pages + 2, seed + 99)
    pages, warm = pages[:n_pages], pages[n_pages:]
    out: dict[str, Any] = {"pages": n_pages, "single_calls": n_single, "sizes": {}}
    for n in sizes:
        if time.time() > deadline:
            out["sizes"][str(n)] = {"skipped": "over the time budget"}
            continue
        base = work / f"add-base-{n}.db"
        log(f"add: building a linked store of {n} articles")
        info = linked_store(base, n, templates, seed + n)
        res: dict[str, Any] = {"store": info}
        for mode, k in (("close_parts", 1), ("single", n_single), ("batch50", n_pages), ("run", n_pages),
                        ("profile", 1)):
            if time.time() > deadline and mode != "profile":
                res[mode] = {"skipped": "over the time budget"}
                continue
            db = work / f"add-{n}-{mode}.db"
            shutil.copyfile(base, db)
            pf = work / f"pages-{mode}.json"
            pf.write_text(json.dumps(pages[:k]))
            (work / "warm.json").write_text(json.dumps(warm))
            log(f"add: N={n} mode={mode} pages={k}")
            res[mode] = run_case(db, pf, mode, timeout)
            db.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            log(f"   -> {json.dumps({k2: v for k2, v in res[mode].items() if k2 != 'profile'})[:300]}")
        out["sizes"][str(n)] = res
    return out


# ------------------------------------------------------------------------------------------ report

def table(res: dict[str, Any]) -> str:
    L = ["| measure | value |", "|---|---|"]
    b = res["store"]
    L.append(f"| store | {b['counts']['articles']:,} articles ({b['counts']['articles_zh']:,} zh), "
             f"{b['counts']['stories']:,} stories, {b['counts']['facts']:,} facts, {b['counts']['mentions']:,} "
             f"mentions, {b['counts']['conflicts']:,} conflicts; built in {b['seconds']} s |")
    L.append(f"| db size | {res['db_bytes'] / 1e6:,.0f} MB (FTS share {res.get('fts_share', '?')}) |")
    s = res["search"]
    L.append(f"| search, all {s['all']['n']} queries | p50 {s['all']['p50_ms']} ms, p95 {s['all']['p95_ms']} ms |")
    for k, v in s["by_class"].items():
        L.append(f"| search {k} (n={v['n']}) | p50 {v['p50_ms']} ms, p95 {v['p95_ms']} ms"
                 + (f", {v['mean_hits']} hits avg |" if "mean_hits" in v else " |"))
    p = res["pages"]
    for k in ("story_html", "story_api", "home", "home_page_20", "api_stories"):
        L.append(f"| GET {k} (n={p[k]['n']}) | p50 {p[k]['p50_ms']} ms, p95 {p[k]['p95_ms']} ms |")
    for e in p["entities"]:
        L.append(f"| entity page {e['entity']} ({e['mentions']:,} mentions) | HTML {e['html_ms']} ms "
                 f"({e['html_bytes'] / 1e6:.1f} MB), API {e['api_ms']} ms ({e['api_bytes'] / 1e6:.1f} MB) |")
    for n, r in res.get("add", {}).get("sizes", {}).items():
        if "store" not in r:
            continue
        L.append(f"| add N={n}: linker build / first close / link state | {r['store']['linker_seconds']} s / "
                 f"{r['store']['first_close_seconds']} s / {r['store']['link_state_bytes'] / 1e6:.1f} MB |")
        for mode in ("single", "batch50", "run"):
            m = r.get(mode, {})
            val = (f"{m['docs_per_s']} docs/s ({m['pages']} pages, {m['seconds']} s)" if m.get("finished")
                   else f"not finished ({m.get('timeout_s') or m.get('skipped') or m.get('error', '')[-200:]})")
            L.append(f"| add N={n} {mode} | {val} |")
        cp = r.get("close_parts", {})
        if cp.get("finished"):
            L.append(f"| add N={n} one page, phases (s) | " + ", ".join(f"{k} {v}" for k, v in cp["parts_s"].items())
                     + " |")
    return "\n".join(L)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", default="/tmp/newsdesk-bench-store")
    ap.add_argument("--queries-per-class", type=int, default=60)
    ap.add_argument("--stories", type=int, default=300)
    ap.add_argument("--entities", type=int, default=5)
    ap.add_argument("--add-sizes", default="1000,10000")
    ap.add_argument("--add-pages", type=int, default=50)
    ap.add_argument("--single-calls", type=int, default=10)
    ap.add_argument("--add-timeout", type=float, default=240)
    ap.add_argument("--budget-min", type=float, default=20)
    ap.add_argument("--skip-add", action="store_true")
    ap.add_argument("--reuse", action="store_true", help="reuse the 100k store in --work when present")
    ap.add_argument("--_add-worker", dest="worker", default=None)
    ap.add_argument("--db")
    ap.add_argument("--out", help="results file (default bench/results/store-DATE.json)")
    ap.add_argument("--pages")
    args = ap.parse_args()
    if args.worker:
        args.mode = args.worker
        add_worker(args)
        return
    start = time.time()
    deadline = start + args.budget_min * 60
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    res: dict[str, Any] = {"date": date.today().isoformat(), "loadavg_start": os.getloadavg(),
                           "cpus": os.cpu_count(), "sqlite": sqlite3.sqlite_version, "args": vars(args)}
    rng = random.Random(args.seed)
    log("templates: one real run over the example corpus and tuning pages")
    templates, res["templates"] = load_templates(work, rng)
    log(f"  {res['templates']}")
    db = work / f"store-{args.articles}.db"
    if args.reuse and db.exists() and (work / "build.json").exists():
        res["store"] = json.loads((work / "build.json").read_text())
    else:
        log(f"building a {args.articles:,}-article store")
        res["store"] = build_store(db, args.articles, templates, args.seed)
        (work / "build.json").write_text(json.dumps(res["store"]))
    log(f"  {res['store']}")
    res["db_bytes"] = db.stat().st_size
    try:
        c = sqlite3.connect(db)
        fts = c.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'").fetchone()[0]
        res["fts_share"] = f"{fts / res['db_bytes']:.0%}"
        c.close()
    except sqlite3.Error:
        pass
    log("search")
    res["search"] = bench_search(db, make_queries(db, rng, args.queries_per_class))
    res["checks"] = search_checks(db)
    res["checks"]["store_storymap_read"] = storymap_read(db)
    log(f"  {res['search']['all']}")
    log("pages")
    res["pages"] = bench_pages(db, rng, args.stories, args.entities)
    log(f"  story {res['pages']['story_html']}")
    if not args.skip_add:
        sizes = [int(x) for x in args.add_sizes.split(",") if x]
        res["add"] = bench_add(work, templates, sizes, args.add_pages, args.single_calls, args.seed,
                               args.add_timeout, deadline)
    res["loadavg_end"] = os.getloadavg()
    res["wall_seconds"] = round(time.time() - start, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = Path(args.out) if args.out else RESULTS / f"store-{res['date']}.json"
    out.write_text(json.dumps(res, indent=1, ensure_ascii=False))
    print()
    print(table(res))
    print(f"\nload average start {res['loadavg_start']}, end {res['loadavg_end']}; wall {res['wall_seconds']} s; "
          f"results in {out}")


if __name__ == "__main__":
    main()
