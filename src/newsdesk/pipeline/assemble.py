"""The corpus part of a run: link the articles, infer dates, re-resolve fact dates, find conflicts,
and gather everything into one StoryMap."""
from __future__ import annotations

from ..facts.conflicts import fact_conflicts, translation_conflicts
from ..link.linker import Linker
from ..model import Entity, StoryMap
from .stage import Bundle, StageStats


def assemble(bundles: list[Bundle], config: dict, stats: dict[str, StageStats],
             linker: Linker | None = None) -> StoryMap:
    import time

    t0 = time.perf_counter()
    link_stats = stats.setdefault("link", StageStats("link"))
    articles = [a for b in bundles for a in b.articles]
    link_stats.docs_in += len(articles)
    entity_ids = {a.id: [m.entity for m in a.mentions] for a in articles}
    linker = linker or Linker(config["link"])
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published is None,
                                                         (articles[i].published or "")[:10], i))
    for i in order:
        linker.add(articles[i], entity_ids[articles[i].id])
    linker.finish()
    by_id = {a.id: a for a in articles}
    facts = [f for b in bundles for f in b.facts]
    events = [e for b in bundles for e in b.events]
    _reresolve(by_id, facts, events)
    entities: dict[str, Entity] = {}
    for b in bundles:
        for e in b.entities.values():
            entities.setdefault(e.id, e)
    facts_by_article: dict[str, list] = {}
    for f in facts:
        facts_by_article.setdefault(f.article, []).append(f)
    stories = linker.stories(facts_by_article, entity_ids)
    conflicts = fact_conflicts(by_id, facts, entities) + translation_conflicts(by_id, linker.relations, entities)
    used = {m.entity for a in articles for m in a.mentions} | {f.entity for f in facts if f.entity} \
        | {e.entity for e in events if e.entity}
    link_stats.docs_out += len(articles)
    link_stats.items_out += len(stories)
    link_stats.seconds += time.perf_counter() - t0
    sm = StoryMap(
        documents=[b.document for b in bundles], articles=articles, relations=linker.relations,
        stories=stories, entities=[e for k, e in entities.items() if k in used], facts=facts, events=events,
        quotes=[q for b in bundles for q in b.quotes], conflicts=conflicts,
        sentiments=[s for b in bundles for s in b.sentiments])
    sm.linker = linker  # kept for the store (its state) and for incremental adds
    return sm


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
            reresolve(group, by_id[aid].published)
