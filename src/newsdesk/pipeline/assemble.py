"""The corpus part of a run: link each processed batch as it arrives, then finish (inferred dates,
follow-ups, originals, re-resolved fact dates, conflicts, story summaries) and gather one StoryMap."""
from __future__ import annotations

import time

from ..facts.conflicts import fact_conflicts, translation_conflicts
from ..link.linker import Linker
from ..link.record import out_basis
from ..model import Article, Entity, Event, Fact, StoryMap
from .stage import Bundle, StageStats


def link_batch(bundles: list[Bundle], linker: Linker, stats: dict[str, StageStats]) -> list[Article]:
    """Add the batch's articles to the linker (dated first, by date; then undated in input order)."""
    t0 = time.perf_counter()
    link_stats = stats.setdefault("link", StageStats("link"))
    articles = [a for b in bundles for a in b.articles]
    prepared = {p.record.id: p for b in bundles for p in b.link}
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published is None,
                                                         (articles[i].published or "")[:10], i))
    for i in order:
        a = articles[i]
        p = prepared.pop(a.id, None)
        if p is not None:
            a.story = linker.add_prepared(p)
        else:
            linker.add(a, [m.entity for m in a.mentions])
    for b in bundles:  # the prepared features are not needed once linked (memory stays flat)
        b.link = []
    link_stats.docs_in += len(articles)
    link_stats.docs_out += len(articles)
    link_stats.seconds += time.perf_counter() - t0
    return articles


def finish(sm: StoryMap, linker: Linker, stats: dict[str, StageStats], only: set[str] | None = None) -> StoryMap:
    """Complete a story map whose documents, articles, entities, facts, events and quotes are filled: the
    stories changed since the linker was last finished (with a store: only those, and ``sm`` holds their
    articles; without one: all of them). With ``only``, the linker is already finished and ``sm`` holds
    the articles of those stories (and their relatives): a store finishes its stories part by part."""
    t0 = time.perf_counter()
    if only is None:
        sids = set(linker.clusterer.dirty)
        linker.finish(sids)
    else:
        sids = only
    by_id = {a.id: a for a in sm.articles}
    for a in sm.articles:  # the linker's record is authoritative for story and inferred date
        rec = linker.items.get(a.id)
        if rec is not None:
            a.story, a.published, a.published_basis = rec.story, rec.published, out_basis(rec.basis)
    _reresolve(by_id, sm.facts, sm.events)
    facts_by_article: dict[str, list[Fact]] = {}
    for f in sm.facts:
        facts_by_article.setdefault(f.article, []).append(f)
    entity_ids = {a.id: [m.entity for m in a.mentions] for a in sm.articles}
    sm.stories = linker.stories(facts_by_article, entity_ids, only=sids)
    sm.relations = [r for r in linker.relations if r.source in by_id or r.target in by_id]
    ents = {e.id: e for e in sm.entities}
    sm.conflicts = fact_conflicts(by_id, sm.facts, ents, sm.relations) + translation_conflicts(by_id, sm.relations, ents)
    if only is not None:  # relatives from other stories were read for the relations, not to be finished
        sm.conflicts = [c for c in sm.conflicts if any(by_id[a].story in sids for a in c.articles if a in by_id)]
    link_stats = stats.setdefault("link", StageStats("link"))
    link_stats.items_out = len(linker.clusterer.stories)
    link_stats.seconds += time.perf_counter() - t0
    return sm


def storymap_of(bundles: list[Bundle]) -> StoryMap:
    """The per-document part of a story map, gathered from processed bundles."""
    entities: dict[str, Entity] = {}
    for b in bundles:
        for e in b.entities.values():
            entities.setdefault(e.id, e)
    articles = [a for b in bundles for a in b.articles]
    facts = [f for b in bundles for f in b.facts]
    events: list[Event] = [e for b in bundles for e in b.events]
    used = {m.entity for a in articles for m in a.mentions} | {f.entity for f in facts if f.entity} \
        | {e.entity for e in events if e.entity}
    return StoryMap(documents=[b.document for b in bundles], articles=articles,
                    entities=[e for k, e in entities.items() if k in used], facts=facts, events=events,
                    quotes=[q for b in bundles for q in b.quotes],
                    sentiments=[s for b in bundles for s in b.sentiments])


def _reresolve(by_id: dict, facts: list, events: list) -> None:
    """Fill `when` of facts and events whose article's date was only inferred by the link stage."""
    try:
        from ..facts.dates import reresolve
    except ImportError:
        return
    inferred = {aid for aid, a in by_id.items() if a.published_basis == "inferred" and a.published}
    if not inferred:
        return
    for items in (facts, events):
        groups: dict[str, list] = {}
        for it in items:
            if it.article in inferred:
                groups.setdefault(it.article, []).append(it)
        for aid, group in groups.items():
            reresolve(group, by_id[aid].published, by_id[aid].language or "en")
