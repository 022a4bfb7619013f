"""The Ray backend (real Ray, 2 local CPUs) gives the same story map as the local backend."""
from __future__ import annotations

from pathlib import Path

import pytest

import newsdesk.api as api

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.mark.parametrize("config", [None, {"limits": {"batch_size": 4, "ray_window": 8}}],
                         ids=["one-dataset", "windows-of-8"])
def test_ray_equals_local(tmp_path, config):
    """The whole input as one Ray dataset, and in windows of 8 documents (two datasets in turn, each with
    its own actor pool): the same story map as the local backend."""
    ray = pytest.importorskip("ray", reason="the [ray] extra is not installed")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        on_ray = api.run([str(CORPUS)], backend="ray", config=config).storymap
    finally:
        ray.shutdown()
    local = api.run([str(CORPUS)], config=config).storymap
    assert [a.id for a in on_ray.articles] == [a.id for a in local.articles]
    assert [a.story for a in on_ray.articles] == [a.story for a in local.articles]
    assert sorted(s.id for s in on_ray.stories) == sorted(s.id for s in local.stories)
    assert sorted((r.source, r.target, r.type) for r in on_ray.relations) == \
        sorted((r.source, r.target, r.type) for r in local.relations)
    assert len(on_ray.facts) == len(local.facts)
