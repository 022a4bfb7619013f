"""The same stages on Ray Data: documents are read in the driver, a window of them at a time
(``limits.ray_window``), the per-document stages run in ``map_batches`` over a Ray cluster (a local one when
no address is given), and the link stage consumes the stream in input order in the driver (single writer),
exactly as the local backend does."""
from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..model import StoryMap
from ..pipeline.stage import StageContext, StageStats, run_stage

log = logging.getLogger(__name__)


class _StagesActor:
    """Builds the per-document stages once per Ray worker and runs them over each batch."""

    def __init__(self, config: dict):
        from ..pipeline.runner import default_stages

        self.ctx = StageContext(config)
        self.stages = default_stages()
        for st in self.stages:
            st.setup(self.ctx)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        bundles = [pickle.loads(x) for x in batch["bundle"]]
        stats = {st.name: StageStats(st.name) for st in self.stages}
        for st in self.stages:
            bundles = run_stage(st, bundles, self.ctx, stats[st.name])
        for b in bundles:  # do not ship the page back to the driver
            b.document.raw = None
            b.document.text = None
        return {"bundle": np.array([pickle.dumps(b) for b in bundles], dtype=object),
                "stats": np.array([pickle.dumps(stats)] + [b""] * (len(bundles) - 1), dtype=object)}


def _run_window(ray, items: list[dict], config: dict, session, size: int, workers: int) -> None:
    """One window of documents through the per-document stages on Ray Data, linked in input order as it
    comes back. A run holds at most one window of pages (``limits.ray_window``): Ray Data starts its actor
    pool per dataset, so a window costs one pool start (each actor loading the models, ~8 s here)."""
    # one block per batch: a block split across two batches makes a tiny batch beside a full one, and the
    # in-order output then waits on both
    ds = ray.data.from_items(items, override_num_blocks=-(-len(items) // size))
    items.clear()  # the blocks are in the object store now: the caller's list of pickles is let go here
    ds = ds.map_batches(_StagesActor, fn_constructor_args=(config,), batch_size=None, batch_format="numpy",
                        compute=ray.data.ActorPoolStrategy(size=workers))
    for out in ds.iter_batches(batch_size=None, batch_format="numpy"):  # each block as it comes
        batch = [pickle.loads(x) for x in out["bundle"]]
        for blob in out["stats"]:
            if blob:
                for name, st in pickle.loads(blob).items():
                    session.stats.setdefault(name, StageStats(name)).merge(st)
        for b in batch:
            b.document.raw = None
        session.consume(batch)


def run_ray(inputs: list[str], config: dict, *, db: str | Path | None = None,
            address: str | None = None) -> tuple[StoryMap, dict[str, StageStats]]:
    try:
        import ray
    except ImportError as exc:
        raise UsageError("the Ray backend needs the [ray] extra", hint="pip install 'newsdesk[ray]'") from exc
    from ..pipeline.session import Session

    started = False
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True,
                 configure_logging=False)
        started = True
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        session = Session(config, db)
        from ..pipeline.runner import iter_documents

        read_stats = session.stats.setdefault("read", StageStats("read"))
        size = int(config["limits"]["batch_size"])
        window = max(size, int(config["limits"]["ray_window"]))
        workers = max(1, int(ray.available_resources().get("CPU", 1)))
        items: list[dict] = []
        for b in session.fresh(iter_documents(inputs, config)):
            read_stats.docs_in += 1
            if b.document.status == "ok":
                read_stats.docs_out += 1
            items.append({"bundle": pickle.dumps(b)})  # the pickle only: the bundle itself is let go
            if len(items) >= window:
                _run_window(ray, items, config, session, size, workers)  # (empties `items`)
        if items:
            _run_window(ray, items, config, session, size, workers)
        return session.close(), session.stats
    finally:
        if started:
            ray.shutdown()
