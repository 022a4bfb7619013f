"""The link stage: relations, stories, inferred dates, follow-ups, timelines. Incremental by design:
``Linker`` keeps the MinHash index, a numbers index and the story centroids, so each new article is
compared with what is already linked and nothing is recomputed."""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from ..model import Article, Relation, Story, TimelineEntry, content_id
from .dates import infer_day, to_date, weekday_mentions
from .dedup import NearDuplicateIndex
from .features import LinkFeatures, features
from .relations import PairVerdict, classify_pair
from .stories import StoryClusterer

log = logging.getLogger(__name__)
FAMILY = ("copy", "rewrite", "translation")


@dataclass
class Linked:
    article: Article
    feats: LinkFeatures
    order: int
    relations: list[Relation] = field(default_factory=list)


class Linker:
    def __init__(self, cfg: dict):
        self.cfg = cfg
        self.index = NearDuplicateIndex(cfg["num_perm"], cfg["lsh_threshold"])
        self.by_number: dict[float, set[str]] = defaultdict(set)
        self.items: dict[str, Linked] = {}
        self.relations: list[Relation] = []
        self.clusterer = StoryClusterer.from_config(cfg)
        self._order = 0

    # -- candidates -----------------------------------------------------------------------------
    def _candidates(self, art: Article, f: LinkFeatures, sig) -> list[str]:
        cands = set(self.index.query(sig))
        counts: dict[str, int] = defaultdict(int)
        for n in set(f.numbers):
            for other in self.by_number.get(n, ()):
                counts[other] += 1
        cands.update(k for k, c in counts.items() if c >= 3)
        cands.discard(art.id)
        return sorted(cands, key=lambda k: self.items[k].order)

    def add(self, art: Article, entity_ids: list[str]) -> None:
        """Link one article against everything linked before it."""
        if art.id in self.items:
            return
        f = features(art.text, art.title, entity_ids, self.cfg["shingle_words"], self.cfg["shingle_chars"])
        sig = self.index.signature(f.shingles)
        verdicts: list[PairVerdict] = []
        for other_id in self._candidates(art, f, sig):
            other = self.items[other_id]
            v = classify_pair(art, other.article, f, other.feats, self.cfg)
            if v:
                verdicts.append(v)
        self._order += 1
        item = Linked(art, f, self._order)
        self.items[art.id] = item
        self.index.add(art.id, sig)
        for n in set(f.numbers):
            self.by_number[n].add(art.id)
        forced = None
        for v in sorted(verdicts, key=lambda v: -v.score):
            rel = Relation(source=v.source, target=v.target, type=v.type, score=v.score)
            self.relations.append(rel)
            forced = forced or (v.target if v.target != art.id else v.source)
        day = to_date(art.published)
        art.story = self.clusterer.assign(art.id, f, art.language, day, forced, content_id("s", art.id))

    # -- after a batch ------------------------------------------------------------------------------
    def finish(self) -> None:
        """Refresh story ids, inferred dates, follow-ups and originals (cheap, per story)."""
        for aid, item in self.items.items():
            item.article.story = self.clusterer.story_of[aid]
        self._infer_dates()
        self._follow_ups()
        self._originals()

    def members(self) -> dict[str, list[Article]]:
        out: dict[str, list[Article]] = defaultdict(list)
        for item in sorted(self.items.values(), key=lambda i: i.order):
            out[item.article.story].append(item.article)
        return out

    def _family(self) -> dict[str, set[str]]:
        fam: dict[str, set[str]] = defaultdict(set)
        for r in self.relations:
            if r.type in FAMILY:
                fam[r.source].add(r.target)
                fam[r.target].add(r.source)
        return fam

    def _infer_dates(self) -> None:
        fam = self._family()
        for sid, arts in self.members().items():
            dated = [to_date(a.published) for a in arts if a.published and a.published_basis == "explicit"]
            dated = [d for d in dated if d]
            for a in arts:
                if a.published and a.published_basis == "explicit":
                    continue
                relatives = [self.items[r].article for r in fam.get(a.id, ()) if r in self.items]
                rel_dates = [a2.published for a2 in relatives if a2.published and a2.published_basis == "explicit"]
                if rel_dates:
                    a.published, a.published_basis = min(rel_dates)[:10], "inferred"
                    continue
                if not dated:
                    continue
                floor = min(dated)
                a.published = infer_day(floor, weekday_mentions(a.text, a.language)).isoformat()
                a.published_basis = "inferred"

    def _follow_ups(self) -> None:
        fam = self._family()
        have = {(r.source, r.target) for r in self.relations}
        for sid, arts in self.members().items():
            days = {a.id: to_date(a.published) for a in arts}
            for a in arts:
                da = days[a.id]
                if da is None:
                    continue
                earlier = [b for b in arts if days[b.id] and (da - days[b.id]).days >= 1
                           and b.id not in fam.get(a.id, ())]
                if not earlier:
                    continue
                fa = self.items[a.id].feats
                best = max(earlier, key=lambda b: len(set(fa.numbers) & set(self.items[b.id].feats.numbers))
                           + len(set(fa.entities) & set(self.items[b.id].feats.entities)))
                new_numbers = set(fa.numbers) - set(self.items[best.id].feats.numbers)
                if len(new_numbers) >= 2 and (a.id, best.id) not in have:
                    self.relations.append(Relation(a.id, best.id, "follow_up", 1.0))
                    have.add((a.id, best.id))

    def _originals(self) -> None:
        """Each copy/rewrite/translation family's origin: follow targets to the root."""
        parent: dict[str, str] = {}
        for r in self.relations:
            if r.type in FAMILY:
                parent.setdefault(r.source, r.target)
        for r in self.relations:
            if r.type in FAMILY:
                root, seen = r.target, {r.source}
                while root in parent and root not in seen:
                    seen.add(root)
                    root = parent[root]
                r.original = root

    # -- results --------------------------------------------------------------------------------
    def stories(self, facts_by_article: dict[str, list] | None = None,
                entities_by_article: dict[str, list[str]] | None = None) -> list[Story]:
        parent = {r.source: r.target for r in self.relations if r.type in FAMILY}
        out = []
        for sid, arts in self.members().items():
            arts = sorted(arts, key=lambda a: (a.published or "9999", self.items[a.id].order))
            titled = [a for a in arts if a.title]
            origin = [a for a in titled if a.id not in parent]
            title_art = (origin or titled or arts)[0]
            seen_facts: set = set()
            seen_ents: set = set()
            timeline = []
            for a in arts:
                facts = (facts_by_article or {}).get(a.id, [])
                keys = {(f.entity, f.kind, round(f.value, 2)) for f in facts}
                ents = [e for e in (entities_by_article or {}).get(a.id, []) if e not in seen_ents]
                timeline.append(TimelineEntry(a.id, a.published, len(keys - seen_facts), ents))
                seen_facts |= keys
                seen_ents |= set(ents)
            days = [a.published[:10] for a in arts if a.published]
            out.append(Story(
                id=sid, title=title_art.title or _first_sentence(title_art.text), articles=[a.id for a in arts],
                start=min(days) if days else None, end=max(days) if days else None,
                sources=sorted({a.publisher for a in arts if a.publisher}),
                languages=sorted({a.language for a in arts if a.language}), timeline=timeline,
                original=next((a.id for a in arts if a.id not in parent), None)))
        return out


def link_articles(articles: list[Article], entity_ids: dict[str, list[str]], cfg: dict) -> Linker:
    """Link a batch in time order (dated articles by date, undated after them in input order)."""
    linker = Linker(cfg)
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published is None,
                                                         (articles[i].published or "")[:10], i))
    for i in order:
        linker.add(articles[i], entity_ids.get(articles[i].id, []))
    linker.finish()
    return linker


def _first_sentence(text: str, limit: int = 90) -> str:
    """A stand-in title for an untitled article: its first sentence, on one line, cut at a word."""
    import re

    line = " ".join(text.split())
    m = re.match(r"(.+?[.!?。！？])(?:\s|$)", line)
    first = m.group(1) if m else line
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0] + "…"
    return first
