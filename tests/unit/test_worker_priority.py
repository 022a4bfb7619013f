"""Local worker processes run ``[limits] worker_nice`` nicer than the parent, whose linking and store writes are
the serial part of a run (bench_link.py: the link stage at 50k articles with 2 workers, 487-489 -> 547-638
articles/s wall; 1,000 pages end to end with 2 workers 38.3 -> 42.8 docs/s)."""
from __future__ import annotations

import os

from newsdesk.backends import local
from newsdesk.config import load_config


def _worker_niceness(_: int) -> int:
    return os.nice(0)


def test_pool_workers_run_nicer_than_the_parent():
    cfg = load_config()
    assert cfg["limits"]["worker_nice"] > 0
    try:
        pool = local._pool(cfg, 2)
        seen = set(pool.map(_worker_niceness, range(4)))
    finally:
        local.shutdown()
    parent = os.nice(0)
    assert seen == {min(19, parent + cfg["limits"]["worker_nice"])}


def test_same_priority_when_switched_off():
    cfg = load_config()
    cfg["limits"]["worker_nice"] = 0
    try:
        seen = set(local._pool(cfg, 2).map(_worker_niceness, range(4)))
    finally:
        local.shutdown()
    assert seen == {os.nice(0)}
