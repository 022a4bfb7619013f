"""The Stage protocol: a stage takes a batch of bundles and returns a batch of bundles.

Per-document stages are pure functions of one bundle and the config, so any executor (local loop,
process pool, Ray Data) can run them. A stage never drops a bundle silently: it marks the document
``empty`` with a ``Drop`` reason or ``error`` with a code, and the stats count it.
"""
from __future__ import annotations

import logging
import signal
import threading
import time
from contextlib import contextmanager
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..errors import NewsdeskError, TimeBudgetExceeded
from ..model import Article, Document, Entity, ErrorInfo, Event, Fact, Quote, Sentiment


@dataclass
class Drop:
    reason: str


@dataclass
class Bundle:
    """One document and everything the per-document stages found in it."""

    document: Document
    articles: list[Article] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sentiments: list[Sentiment] = field(default_factory=list)
    link: list = field(default_factory=list)  # link.record.Prepared per article (the link stage's input)

    def fail(self, exc: BaseException) -> None:
        if isinstance(exc, NewsdeskError):
            info = ErrorInfo(exc.code, exc.message, exc.hint)
        else:
            info = ErrorInfo("ND500", f"{type(exc).__name__}: {exc}"[:500],
                             "This is a bug in newsdesk; please report it with the input that caused it.")
        self.document.status = "error"
        self.document.error = info
        self.clear()

    def drop(self, reason: str) -> None:
        self.document.status = "empty"
        self.document.drop_reason = reason
        self.clear()

    def clear(self) -> None:
        """Forget everything found in the document (a failed document contributes nothing)."""
        self.articles, self.facts, self.events, self.quotes, self.sentiments, self.link = [], [], [], [], [], []
        self.entities = {}
        self.document.articles = []


@dataclass
class StageStats:
    name: str
    docs_in: int = 0
    docs_out: int = 0
    items_out: int = 0
    drops: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def merge(self, other: "StageStats") -> None:
        self.docs_in += other.docs_in
        self.docs_out += other.docs_out
        self.items_out += other.items_out
        self.drops.update(other.drops)
        self.errors.update(other.errors)
        self.seconds += other.seconds

    def as_dict(self) -> dict[str, Any]:
        return {"stage": self.name, "docs_in": self.docs_in, "docs_out": self.docs_out,
                "items_out": self.items_out, "drops": dict(self.drops), "errors": dict(self.errors),
                "seconds": round(self.seconds, 4)}


@dataclass
class StageContext:
    config: dict[str, Any]
    logger: logging.Logger = field(default_factory=lambda: logging.getLogger("newsdesk"))
    clock: Any = time.perf_counter


@runtime_checkable
class Stage(Protocol):
    name: str

    def setup(self, ctx: StageContext) -> None: ...

    def process_batch(self, batch: list[Bundle], ctx: StageContext) -> list[Bundle]: ...

    def teardown(self, ctx: StageContext) -> None: ...


@contextmanager
def time_budget(seconds: float, what: str):
    """Raise TimeBudgetExceeded when the block runs longer than `seconds` (main thread only: elsewhere,
    e.g. inside a web server's worker thread, the block simply runs)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum, frame):
        raise TimeBudgetExceeded(f"{what}: over the time budget of {seconds:g} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class DocumentStage:
    """Base for per-document stages: implement ``process(bundle, ctx)``; errors and drops are counted."""

    name = "stage"

    def setup(self, ctx: StageContext) -> None:
        pass

    def teardown(self, ctx: StageContext) -> None:
        pass

    def process(self, bundle: Bundle, ctx: StageContext) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def process_batch(self, batch: list[Bundle], ctx: StageContext) -> list[Bundle]:
        for bundle in batch:
            if bundle.document.status != "ok":
                continue
            budget = float(ctx.config.get("limits", {}).get("document_seconds", 0) or 0)
            try:
                with time_budget(budget, f"{self.name} on {bundle.document.path}"):
                    self.process(bundle, ctx)
            except Exception as exc:  # one bad document never stops the batch
                ctx.logger.debug("stage %s failed on %s", self.name, bundle.document.path, exc_info=True)
                bundle.fail(exc)
        return batch


def run_stage(stage: Stage, batch: list[Bundle], ctx: StageContext, stats: StageStats) -> list[Bundle]:
    """Run one stage over one batch and account for it in `stats`."""
    live_before = {id(b) for b in batch if b.document.status == "ok"}
    stats.docs_in += len(live_before)
    t0 = ctx.clock()
    out = stage.process_batch(batch, ctx)
    stats.seconds += ctx.clock() - t0
    for b in out:
        if id(b) not in live_before:
            continue
        doc = b.document
        if doc.status == "ok":
            stats.docs_out += 1
            stats.items_out += len(b.articles)
        elif doc.status == "empty":
            stats.drops[doc.drop_reason or "empty"] += 1
        elif doc.status == "error" and doc.error:
            stats.errors[doc.error.code] += 1
    return out
