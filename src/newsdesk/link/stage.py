"""The per-document half of the link stage: each article's link record (features, MinHash signature),
computed beside clean and facts (in the workers, or in Ray tasks), so the single-writer half only looks up
candidates, types relations and assigns stories."""
from __future__ import annotations

from ..pipeline.stage import Bundle, DocumentStage, StageContext
from .record import prepare


class PrepareLinkStage(DocumentStage):
    name = "prepare_link"

    def process(self, bundle: Bundle, ctx: StageContext) -> None:
        cfg = ctx.config["link"]
        bundle.link = [prepare(a, [m.entity for m in a.mentions], cfg) for a in bundle.articles]
