"""The link stage: relations, stories, inferred dates, follow-ups, timelines. Incremental by design:
``Linker`` keeps the MinHash index, a numbers index and the story centroids, so each new article is
compared with what is already linked and nothing is recomputed."""
from __future__ import annotations

import logging
import sys
from collections import Counter, defaultdict

from ..model import Article, Relation, Story, TimelineEntry, content_id
from .dates import infer_day, time_order, to_date
from .dedup import NearDuplicateIndex, jaccard_estimates
from .record import PLACED, LinkRecord, Prepared, is_cjk, prepare
from .relations import PairVerdict, classify_pair
from .stories import StoryClusterer, append_recent

log = logging.getLogger(__name__)
FAMILY = ("copy", "rewrite", "translation")


def _share_strings(rec: LinkRecord) -> None:
    """One copy of the strings that many records repeat: a record arrives pickled (from a worker or the store)
    with its own copy of its language, date basis, outlet and entity ids (~50 bytes each, per record)."""
    intern = sys.intern
    for name in ("language", "basis", "publisher", "attribution"):
        v = getattr(rec, name)
        if v:
            setattr(rec, name, intern(v))
    if rec.entities:
        rec.entities = tuple(map(intern, rec.entities))


class Linker:
    def __init__(self, cfg: dict):
        self.cfg = cfg
        self.index = NearDuplicateIndex(cfg["num_perm"], cfg["lsh_threshold"], int(cfg.get("lsh_max_bucket", 50)))
        self.by_number: dict[float, list[str]] = {}
        self.items: dict[str, LinkRecord] = {}
        self.relations: list[Relation] = []
        self.clusterer = StoryClusterer.from_config(cfg)
        self._order = 0
        self.new: list[LinkRecord] = []  # records added since the last save
        self.saved_relations = 0  # relations[:saved_relations] are saved
        self.changed_relations: list[Relation] = []  # relations whose original the last finish changed

    # -- candidates -----------------------------------------------------------------------------
    def _candidates(self, rec: LinkRecord) -> list[str]:
        """The most similar earlier articles: by LSH bands shared, and by salient numbers shared (at least
        3, or across scripts 2 when the article states two figures, one of them more than once), at most
        ``relation_candidates`` of each, in link order."""
        k = int(self.cfg.get("relation_candidates", 50))
        bands = self.index.query(rec.sig) if rec.n_shingles else Counter()
        counts: Counter = Counter()
        for n in set(rec.numbers):
            counts.update(self.by_number.get(n, ()))
        cands = {a for a, _ in bands.most_common(k)}
        # three figures shared; across scripts (a translation: no shingles to share) also both the text's
        # figures when it states only two, some of them twice: the pair classifier counts figures with their
        # repeats ("13 … 13 … 7,414" in both is three)
        two = len(set(rec.numbers)) < 3 <= len(rec.numbers)
        cjk = is_cjk(rec.language)
        cands.update(a for a, c in counts.most_common(k)
                     if c >= 3 or two and c >= 2 and is_cjk(self.items[a].language) != cjk)
        cands.discard(rec.id)
        return sorted(cands, key=lambda a: self.items[a].order)

    def _remember(self, rec: LinkRecord) -> None:
        """Index a record for later candidates (numbers: most recent ``number_postings`` per value)."""
        _share_strings(rec)
        self.items[rec.id] = rec
        if rec.n_shingles:
            self.index.add(rec.id, rec.sig)
        cap = int(self.cfg.get("number_postings", 100))
        for n in set(rec.numbers):
            append_recent(self.by_number, n, rec.id, cap)

    def add(self, art: Article, entity_ids: list[str]) -> None:
        """Link one article against everything linked before it."""
        if art.id not in self.items:
            self.add_prepared(prepare(art, entity_ids, self.cfg))
        art.story = self.items[art.id].story

    def add_prepared(self, prep: Prepared) -> str:
        """Link one prepared article (see record.py); returns its story id."""
        rec = prep.record
        if rec.id in self.items:
            return self.items[rec.id].story
        verdicts: list[PairVerdict] = []
        counts = Counter(rec.numbers)
        others = [self.items[o] for o in self._candidates(rec)]
        jacs = jaccard_estimates(rec.sig, [o.sig for o in others])
        for other, jac in zip(others, jacs):
            v = classify_pair(rec, other, self.cfg, counts, jac)
            if v:
                verdicts.append(v)
        self._order += 1
        rec.order = self._order
        self._remember(rec)
        forced, forced_copy = None, False
        touched = []
        # the closest relatives only: in a family of n syndicated copies each new one points at its best
        # matches (the family's root is still found through them), not at all n - 1 earlier ones
        for v in sorted(verdicts, key=lambda v: -v.score)[:int(self.cfg.get("max_relations", 3))]:
            self.relations.append(Relation(source=v.source, target=v.target, type=v.type, score=v.score))
            other = v.target if v.target != rec.id else v.source
            if forced is None:
                forced, forced_copy = other, v.type == "copy"
            touched.append(other)
        # an inferred day (the latest past day the text states, see dates.stated_day) is a lower bound, not the
        # day to weigh gaps from: only a day read from the page places the article in the stream
        day = to_date(rec.published) if rec.basis in PLACED else None
        rec.story = self.clusterer.assign(rec.id, prep.feats, rec.language, day, forced, content_id("s", rec.id),
                                          rec.numbers, bridge=not forced_copy)
        for other in touched:  # a relative in another story: that story's family changed too (and is
            sid = self.clusterer.story_of[other]  # saved as pending, so a killed run still finishes it)
            self.clusterer.dirty.add(sid)
            self.clusterer.changed.add(sid)
        self.new.append(rec)
        return rec.story

    def mark_saved(self) -> None:
        """Forget what changed since the last save (a store has written it, or there is no store)."""
        cl = self.clusterer
        self.new = []
        self.saved_relations = len(self.relations)
        cl.changed.clear()
        cl.gone.clear()
        cl.df_delta.clear()

    # -- after a batch ------------------------------------------------------------------------------
    def finish(self, stories: set[str] | None = None) -> None:
        """Refresh story ids, inferred dates, follow-ups and originals of the given stories (default: the
        stories changed since the last save; cheap, per story)."""
        # in a fixed order: follow-up relations are appended story by story (a set's order of strings
        # changes with the interpreter's hash seed, and so did the order of the relations in the output)
        sids = sorted(self.clusterer.dirty if stories is None else stories)
        for sid in sids:
            for aid in self.clusterer.stories[sid].members:
                self.items[aid].story = sid
        fam = self._family()
        self.changed_relations = []
        self._infer_dates(sids, fam)
        self._follow_ups(sids, fam)
        self._originals()

    def members(self, sid: str) -> list[LinkRecord]:
        return sorted((self.items[a] for a in self.clusterer.stories[sid].members), key=lambda r: r.order)

    def _family(self) -> dict[str, set[str]]:
        fam: dict[str, set[str]] = defaultdict(set)
        for r in self.relations:
            if r.type in FAMILY:
                fam[r.source].add(r.target)
                fam[r.target].add(r.source)
        return fam

    def _infer_dates(self, sids, fam: dict[str, set[str]]) -> None:
        for sid in sids:
            arts = self.members(sid)
            dated = [to_date(a.published) for a in arts if a.published and a.basis in PLACED]
            dated = [d for d in dated if d]
            for a in arts:
                if a.published and a.basis in PLACED:
                    continue
                relatives = [self.items[r] for r in fam.get(a.id, ()) if r in self.items]
                rel_dates = [a2.published for a2 in relatives if a2.published and a2.basis in PLACED]
                if rel_dates:
                    a.published, a.basis = min(rel_dates)[:10], "inferred"
                    continue
                if not dated:
                    continue
                a.published = infer_day(min(dated), list(a.weekdays)).isoformat()
                a.basis = "inferred"

    def _follow_ups(self, sids, fam: dict[str, set[str]]) -> None:
        have = {(r.source, r.target) for r in self.relations}
        for sid in sids:
            arts = self.members(sid)
            days = {a.id: to_date(a.published) for a in arts}
            nums = {a.id: set(a.numbers) for a in arts}
            ents = {a.id: set(a.entities) for a in arts}
            for a in arts:
                da = days[a.id]
                if da is None:
                    continue
                earlier = [b for b in arts if days[b.id] and (da - days[b.id]).days >= 1
                           and b.id not in fam.get(a.id, ())]
                if not earlier:
                    continue
                best = max(earlier, key=lambda b: len(nums[a.id] & nums[b.id]) + len(ents[a.id] & ents[b.id]))
                # a development brings figures of its own, more than it restates: an article that mostly
                # repeats the earlier one's figures (a next-day report in another time zone) is another report
                new = len(nums[a.id] - nums[best.id])
                if new >= 2 and new > len(nums[a.id] & nums[best.id]) and (a.id, best.id) not in have:
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
                if r.original != root:
                    self.changed_relations.append(r)
                r.original = root

    # -- results --------------------------------------------------------------------------------
    def stories(self, facts_by_article: dict[str, list] | None = None,
                entities_by_article: dict[str, list[str]] | None = None,
                only: set[str] | None = None) -> list[Story]:
        """Story summaries (all stories, or those in ``only``), each with its timeline."""
        parent = {r.source: r.target for r in self.relations if r.type in FAMILY}
        out = []
        # in the order the stories were made (not a set's order, which changes with the string hash seed: two
        # runs over the same pages wrote their stories in different orders)
        sids = self.clusterer.stories if only is None else [s for s in self.clusterer.stories if s in only]
        for sid in sids:
            arts = sorted(self.members(sid), key=lambda a: (time_order(a.published), a.order))
            # the title: the most central headline (the titled member closest to the story's centroid)
            titled = [a.id for a in arts if a.title]
            head = self.clusterer.central(sid, titled)
            title_art = next((a for a in arts if a.id == head), arts[0])
            seen_facts: set = set()
            seen_ents: set = set()
            timeline = []
            for a in arts:
                facts = (facts_by_article or {}).get(a.id, [])
                keys = {(f.entity, f.kind, round(f.value, 2)) for f in facts}
                # the entities this article names first in the story, once each (the list has one per mention)
                ents = [e for e in dict.fromkeys((entities_by_article or {}).get(a.id, ())) if e not in seen_ents]
                timeline.append(TimelineEntry(a.id, a.published, len(keys - seen_facts), ents))
                seen_facts |= keys
                seen_ents |= set(ents)
            days = [a.published[:10] for a in arts if a.published]
            out.append(Story(
                id=sid, title=title_art.title or title_art.fallback_title, articles=[a.id for a in arts],
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
