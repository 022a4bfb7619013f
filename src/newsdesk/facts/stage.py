"""The facts stage: entities, market facts, quotes, scheduled events and sentiment of each article."""
from __future__ import annotations

from ..pipeline.stage import Bundle, DocumentStage, StageContext


class FactsStage(DocumentStage):
    name = "facts"

    def setup(self, ctx: StageContext) -> None:
        from .kb import KnowledgeBase

        self.kb = KnowledgeBase.load()

    def process(self, bundle: Bundle, ctx: StageContext) -> None:
        from .events import extract_events
        from .linker import link_entities
        from .market import extract_facts
        from .quotes import extract_quotes

        kb = getattr(self, "kb", None)
        if kb is None:
            self.setup(ctx)
            kb = self.kb
        for art in bundle.articles:
            mentions, ents = link_entities(art.text, art.language, kb)
            art.mentions = mentions
            for e in ents:
                bundle.entities.setdefault(e.id, e)
            emap = {e.id: e for e in ents}
            facts = extract_facts(art, mentions, emap)
            for f in facts:  # an entity the extractor resolved from context (not a mention) joins the bundle
                if f.entity and f.entity not in bundle.entities and f.entity in emap:
                    bundle.entities[f.entity] = emap[f.entity]
            bundle.facts.extend(facts)
            bundle.quotes.extend(extract_quotes(art, mentions, emap))
            bundle.events.extend(extract_events(art, mentions, emap))
            if ctx.config["facts"]["sentiment"]:
                try:
                    from .sentiment import entity_sentiment
                except ImportError:
                    continue
                targets = _sentiment_targets(mentions, emap, ctx.config["facts"])
                bundle.sentiments.extend(entity_sentiment(
                    art, mentions, {k: emap[k] for k in targets}, only=set(targets),
                    max_sentences=int(ctx.config["facts"]["sentiment_max_sentences"])))


MARKET_TYPES = ("company", "index", "instrument")


def _sentiment_targets(mentions, emap, cfg) -> list[str]:
    """The entities an article's sentiment is worth scoring for: listed companies, indices and instruments
    first, then others, each group by how often the article names them."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.entity in emap:
            counts[m.entity] = counts.get(m.entity, 0) + 1
    ranked = sorted(counts, key=lambda e: (emap[e].type not in MARKET_TYPES, -counts[e]))
    return ranked[: int(cfg["sentiment_max_entities"])]
