"""Hand-made articles with entity mentions, for the fact, quote and event extractor tests."""
from __future__ import annotations

from newsdesk.model import Article, Entity, Mention


def article_with_mentions(text: str, ents: dict, lang: str = "en", published: str | None = "2025-02-14"):
    """ents: surface -> type, or surface -> (type, KB name); every occurrence of a surface is a mention.
    Returns (article, mentions sorted by offset, {entity id: Entity})."""
    entities, mentions = {}, []
    for surface, spec in (ents or {}).items():
        etype, name = spec if isinstance(spec, tuple) else (spec, surface)
        eid = "e:" + name
        entities[eid] = Entity(id=eid, name=name, type=etype)
        i = text.find(surface)
        while i >= 0:
            mentions.append(Mention(eid, i, i + len(surface), surface))
            i = text.find(surface, i + len(surface))
    art = Article(id="a1", document="d1", path="p", text=text, language=lang, published=published)
    return art, sorted(mentions, key=lambda m: m.start), entities
