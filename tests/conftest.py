"""Shared fixtures: paths to the project's sample corpus and to ../shared (skips when absent)."""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
SHARED = Path(os.environ.get("NEWSDESK_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def bench_module():
    """Loads a script of bench/ by name as a module (the scripts are not a package)."""
    def load(name: str):
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
        mod = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        sys.modules.setdefault(name, mod)  # (dataclasses in the script look their module up there)
        spec.loader.exec_module(mod)
        return mod
    return load


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"../shared is not next to the project (looked in {SHARED}); seed and tuning-set tests need it")
    return SHARED


@pytest.fixture(scope="session")
def examples_run(tmp_path_factory):
    """One run of the whole pipeline over examples/corpus, with a store (shared by several tests)."""
    import newsdesk.api as api

    out = tmp_path_factory.mktemp("examples")
    res = api.run([str(EXAMPLES)], output=out / "storymap.json", db=out / "newsdesk.db")
    return res, out
