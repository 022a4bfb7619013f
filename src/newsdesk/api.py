"""The Python API. The CLI and the web app are thin wrappers over these functions.

    import newsdesk
    sm = newsdesk.run(["pages/"]).storymap           # in memory
    newsdesk.run(["pages/"], output="storymap.json", db="newsdesk.db")
    newsdesk.add(["more/"], db="newsdesk.db")       # incremental
    newsdesk.search("newsdesk.db", "Tencent")
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import load_config
from .errors import UsageError
from .model import StoryMap
from .pipeline.stage import StageStats


@dataclass
class RunResult:
    storymap: StoryMap
    stats: dict[str, StageStats] = field(default_factory=dict)
    json: dict[str, Any] | None = None


@dataclass
class AddResult:
    new_documents: int
    skipped: int
    new_articles: int
    stats: dict[str, StageStats]


def _config(config: str | Path | dict | None) -> dict:
    if isinstance(config, dict):
        return load_config(overrides=config)
    return load_config(config)


def run(inputs: list[str] | str, *, config: str | Path | dict | None = None, output: str | Path | None = None,
        db: str | Path | None = None, workers: int = 1, backend: str = "local", ray_address: str | None = None,
        progress: bool = False) -> RunResult:
    """Pages in, story map out. With `output`, writes storymap.json; with `db`, also a fresh store."""
    from .export.storymap import write_storymap
    from .pipeline.runner import iter_documents, process_documents
    from .pipeline.assemble import assemble

    cfg = _config(config)
    if isinstance(inputs, (str, Path)):
        inputs = [str(inputs)]
    stats: dict[str, StageStats] = {}
    if backend == "ray":
        from .backends.ray import run_ray_documents
        bundles = run_ray_documents(list(inputs), cfg, stats, address=ray_address)
    elif backend == "local":
        bundles = []
        docs = iter_documents(inputs, cfg)
        if progress:
            from .report import progress_iter
            docs = progress_iter(docs)
        for batch in process_documents(docs, cfg, stats, workers=workers):
            bundles.extend(batch)
    else:
        raise UsageError(f"unknown backend {backend!r} (local or ray)")
    sm = assemble(bundles, cfg, stats)
    obj = None
    if db:
        from .store import Store
        p = Path(db)
        for suffix in ("", "-wal", "-shm"):
            q = Path(str(p) + suffix)
            if q.exists():
                q.unlink()
        store = Store(p, busy_timeout_ms=cfg["store"]["busy_timeout_ms"])
        try:
            store.commit(bundles, sm, getattr(sm, "linker", None))
        finally:
            store.close()
    if output:
        obj = write_storymap(sm, output)
    return RunResult(sm, stats, obj)


def add(inputs: list[str] | str, *, db: str | Path, config: str | Path | dict | None = None) -> AddResult:
    """Add pages to a store; new articles are linked against the stored state, nothing is recomputed."""
    from .pipeline.incremental import add_to_store

    cfg = _config(config)
    if isinstance(inputs, (str, Path)):
        inputs = [str(inputs)]
    return add_to_store(list(inputs), Path(db), cfg)


def search(db: str | Path, query: str, **filters: Any) -> list[dict]:
    from .store.queries import search as _search
    from .store import Store

    store = Store(db, readonly=True)
    try:
        return _search(store, query, **filters)
    finally:
        store.close()


def story(db: str | Path, story_id: str) -> dict:
    from .store.queries import story as _story
    from .store import Store

    store = Store(db, readonly=True)
    try:
        return _story(store, story_id)
    finally:
        store.close()


def entity(db: str | Path, key: str) -> dict:
    from .store.queries import entity as _entity
    from .store import Store

    store = Store(db, readonly=True)
    try:
        return _entity(store, key)
    finally:
        store.close()


def export(db: str | Path, fmt: str, output: str | Path) -> list[Path]:
    from .export.tables import export_store

    return export_store(Path(db), fmt, Path(output))


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, config: str | Path | None = None) -> None:
    try:
        import uvicorn

        from .web.app import create_app
    except ImportError as exc:
        raise UsageError(f"the web server needs the [api] extra ({exc})",
                         hint="pip install 'newsdesk[api]'") from exc
    uvicorn.run(create_app(Path(db), _config(config)), host=host, port=port, log_level="warning")
