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
    """Pages in, story map out. With `output`, writes storymap.json; with `db`, the run goes through
    that store batch by batch (a killed run started again with the same `db` resumes)."""
    from .export.storymap import write_storymap

    cfg = _config(config)
    if isinstance(inputs, (str, Path)):
        inputs = [str(inputs)]
    if backend == "ray":
        from .backends.ray import run_ray
        sm, stats = run_ray(list(inputs), cfg, db=db, address=ray_address)
    elif backend == "local":
        from .pipeline.session import Session
        session = Session(cfg, db, workers=workers)
        session.feed(list(inputs), progress=progress)
        sm, stats = session.close(), session.stats
    else:
        raise UsageError(f"unknown backend {backend!r} (local or ray)")
    obj = write_storymap(sm, output) if output else None
    return RunResult(sm, stats, obj)


def add(inputs: list[str] | str, *, db: str | Path, config: str | Path | dict | None = None,
        workers: int = 1) -> AddResult:
    """Add pages to a store; new articles are linked against the stored state, nothing is recomputed."""
    from .pipeline.session import Session

    cfg = _config(config)
    if isinstance(inputs, (str, Path)):
        inputs = [str(inputs)]
    session = Session(cfg, db, workers=workers)
    session.feed(list(inputs))
    session.close(storymap=False)
    return AddResult(new_documents=session.new_documents, skipped=session.skipped,
                     new_articles=session.new_articles, stats=session.stats)


def _read(db: str | Path, query, *args: Any, **kwargs: Any):
    """Run one read query on a read-only connection to the store."""
    from .store import Store

    store = Store(db, readonly=True)
    try:
        return query(store, *args, **kwargs)
    finally:
        store.close()


def search(db: str | Path, query: str, **filters: Any) -> list[dict]:
    from .store import queries

    return _read(db, queries.search, query, **filters)


def story(db: str | Path, story_id: str) -> dict:
    from .store import queries

    return _read(db, queries.story, story_id)


def entity(db: str | Path, key: str) -> dict:
    from .store import queries

    return _read(db, queries.entity, key)


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
