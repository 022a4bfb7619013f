"""Local parallelism: the per-document stages in N worker processes; linking stays in the parent
(single writer). Each worker builds its stages once; batches travel as pickled bundles."""
from __future__ import annotations

import atexit
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..pipeline.stage import Bundle, StageContext, StageStats, run_stage

_POOL: Any = None
_POOL_KEY: tuple | None = None
_STAGES: list | None = None
_CTX: StageContext | None = None


def _init(config: dict) -> None:
    global _STAGES, _CTX
    from ..pipeline.runner import default_stages

    # the parent links and writes the store alone (the serial part): on a busy machine it keeps its core
    nice = int(config.get("limits", {}).get("worker_nice", 0))
    if nice > 0:
        os.nice(nice)

    _CTX = StageContext(config)
    _STAGES = default_stages()
    for st in _STAGES:
        st.setup(_CTX)


def _work(chunk: list[Bundle]) -> tuple[list[Bundle], dict[str, StageStats]]:
    stats = {st.name: StageStats(st.name) for st in _STAGES}
    for st in _STAGES:
        chunk = run_stage(st, chunk, _CTX, stats[st.name])
    for b in chunk:  # do not ship the page back to the parent
        b.document.raw = None
        b.document.text = None
    return chunk, stats


def _pool(config: dict, workers: int):
    global _POOL, _POOL_KEY
    key = (workers, repr(sorted((k, repr(v)) for k, v in config.items())))
    if _POOL is None or _POOL_KEY != key:
        shutdown()
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context("spawn")
        _POOL = ctx.Pool(workers, initializer=_init, initargs=(config,))
        _POOL_KEY = key
    return _POOL


def shutdown() -> None:
    global _POOL, _POOL_KEY
    if _POOL is not None:
        _POOL.close()
        _POOL.join()
        _POOL = None
        _POOL_KEY = None


atexit.register(shutdown)


def iter_parallel(batches: Iterable[list[Bundle]], config: dict, stats: dict[str, StageStats],
                  workers: int, ahead: int = 2) -> Iterator[list[Bundle]]:
    """Each batch through the per-document stages on `workers` processes, yielded in input order, with up to
    ``ahead`` further batches in flight: the workers process the next batches while the caller links and
    commits this one and reads the one after (memory: at most ``ahead + 1`` batches of pages)."""
    pool = _pool(config, workers)
    pending: deque = deque()

    def collect(jobs: list) -> list[Bundle]:
        out: list[Bundle] = []
        for job in jobs:
            done, st = job.get()
            out.extend(done)
            for name, s in st.items():
                stats.setdefault(name, StageStats(name)).merge(s)
        return out

    for batch in batches:
        size = max(1, -(-len(batch) // (workers * 2)))
        pending.append([pool.apply_async(_work, (batch[i:i + size],)) for i in range(0, len(batch), size)])
        if len(pending) > ahead:
            yield collect(pending.popleft())
    while pending:
        yield collect(pending.popleft())
