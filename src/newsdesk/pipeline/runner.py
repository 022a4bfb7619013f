"""The local runner: read inputs in bounded batches and run the per-document stages over them.

``session.Session`` drives it for ``newsdesk run`` and ``newsdesk add`` and links each finished batch.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..clean.stage import CleanStage
from ..facts.stage import FactsStage
from ..ingest.readers import expand_inputs, read_path
from ..link.stage import PrepareLinkStage
from .stage import Bundle, StageContext, StageStats, run_stage

log = logging.getLogger(__name__)


def default_stages() -> list:
    return [CleanStage(), FactsStage(), PrepareLinkStage()]


def iter_documents(inputs: Iterable[str], config: dict) -> Iterator[Bundle]:
    seen: dict[str, str] = {}
    for path in expand_inputs(inputs):
        for doc in read_path(path, config):
            if doc.status == "ok" and doc.id in seen:
                doc.status, doc.drop_reason = "empty", f"duplicate of {seen[doc.id]}"
                doc.id = f"{doc.id}-{len(seen)}"
            seen.setdefault(doc.id, doc.path)
            yield Bundle(doc)


def batched(items: Iterable[Bundle], size: int) -> Iterator[list[Bundle]]:
    batch: list[Bundle] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def process_documents(bundles: Iterable[Bundle], config: dict, stats: dict[str, StageStats],
                      on_batch: Callable[[list[Bundle]], Any] | None = None,
                      workers: int = 1) -> Iterator[list[Bundle]]:
    """Run the per-document stages over bounded batches; yields each finished batch."""
    stages = default_stages()
    ctx = StageContext(config)
    for st in stages:
        st.setup(ctx)
        stats.setdefault(st.name, StageStats(st.name))
    read_stats = stats.setdefault("read", StageStats("read"))

    def counted(batches: Iterable[list[Bundle]]) -> Iterator[list[Bundle]]:
        for batch in batches:
            for b in batch:
                read_stats.docs_in += 1
                if b.document.status == "ok":
                    read_stats.docs_out += 1
                elif b.document.status == "error" and b.document.error:
                    read_stats.errors[b.document.error.code] += 1
                else:
                    read_stats.drops[b.document.drop_reason or "empty"] += 1
            yield batch

    def local(batches: Iterable[list[Bundle]]) -> Iterator[list[Bundle]]:
        for batch in batches:
            for st in stages:
                batch = run_stage(st, batch, ctx, stats[st.name])
            yield batch

    try:
        source = counted(batched(bundles, int(config["limits"]["batch_size"])))
        if workers > 1:
            from ..backends.local import iter_parallel
            done = iter_parallel(source, config, stats, workers)
        else:
            done = local(source)
        for batch in done:
            for b in batch:  # the page itself is not needed once its articles are out (memory stays flat)
                b.document.raw = None
                b.document.text = None
            if on_batch:
                on_batch(batch)
            yield batch
    finally:
        for st in stages:
            st.teardown(ctx)
