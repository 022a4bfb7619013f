"""One run of newsdesk over some inputs, with or without a store.

Batches are cut from the whole input list before anything is skipped, so a run that was killed and is
started again with the same store meets the same batches: documents the store already holds are
skipped, the others are processed, linked against the stored linker state, and committed batch by batch
(documents, articles and linker state in one transaction). At the end the link stage finishes (inferred
dates, follow-ups, originals, conflicts) and the story map is read back from the store, or gathered in
memory when there is no store.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..link.linker import Linker
from ..link.state import take_delta
from ..model import StoryMap
from .assemble import finish, link_batch, storymap_of
from .memory import limit_heap_fragmentation, release_free_memory
from .runner import batched, iter_documents, process_documents
from .stage import Bundle, StageStats


class Session:
    def __init__(self, config: dict, db: str | Path | None = None, *, workers: int = 1):
        self.config = config
        self.workers = workers
        self.stats: dict[str, StageStats] = {}
        limit_heap_fragmentation(int(config["limits"].get("mmap_threshold_kb", 0)))
        self.store = None
        self.skipped = 0
        self.new_documents = 0
        self.new_articles = 0
        if db is not None:
            from ..store import Store
            self.store = Store(db, busy_timeout_ms=config["store"]["busy_timeout_ms"])
        self.linker: Linker = (self.store.load_linker(config["link"]) if self.store else None) \
            or self._rebuild_linker()
        self.bundles: list[Bundle] = []
        self._since_trim = 0

    def _rebuild_linker(self) -> Linker:
        """A fresh linker; over a store whose link state is missing or stale, the stored articles are
        linked again in the order they were added (once, after an upgrade), and every story is finished
        again at the end."""
        linker = Linker(self.config["link"])
        if self.store:
            arts = self.store.stored_articles()
            if arts:
                self.store.reset_link_state()
            for a in arts:
                linker.add(a, [m.entity for m in a.mentions])
            if arts:
                self.store.commit([], delta=take_delta(linker))
        return linker

    def fresh(self, docs: Iterable[Bundle]) -> Iterator[Bundle]:
        for batch in batched(docs, int(self.config["limits"]["batch_size"])):
            known = self.store.known_documents([b.document.id for b in batch]) if self.store else set()
            for b in batch:
                if b.document.id in known:
                    self.skipped += 1
                else:
                    yield b

    def feed(self, inputs: list[str], progress: bool = False) -> None:
        docs: Iterable[Bundle] = iter_documents(inputs, self.config)
        if progress:
            from ..report import progress_iter
            docs = progress_iter(docs)
        for batch in process_documents(self.fresh(docs), self.config, self.stats, workers=self.workers):
            self.consume(batch)

    def consume(self, batch: list[Bundle]) -> None:
        """Link one processed batch and commit it with what changed in the link state (or keep it,
        without a store)."""
        arts = link_batch(batch, self.linker, self.stats)
        self.new_documents += len(batch)
        self.new_articles += len(arts)
        if self.store:
            self.store.commit(batch, delta=take_delta(self.linker))
            self._since_trim += len(batch)
            if self._since_trim >= 500:  # a few ms per call on a large heap: not after every batch
                release_free_memory()
                self._since_trim = 0
        else:
            self.bundles.extend(batch)
            self.linker.mark_saved()  # nothing to save: do not keep a second copy of the changes

    def _finish_stored(self) -> None:
        """Finish the changed stories in parts of ``limits.finish_stories``: each part's articles (and their
        relatives in other stories) are read, finished and written, so memory does not grow with the run."""
        cl = self.linker.clusterer
        dirty = sorted(cl.dirty)
        self.linker.finish(set(dirty))
        changed_relations = self.linker.changed_relations
        partners: dict[str, set[str]] = {}
        for r in self.linker.relations:
            partners.setdefault(r.source, set()).add(r.target)
            partners.setdefault(r.target, set()).add(r.source)
        for i, sids in enumerate(self._finish_parts(dirty)):
            ids = {aid for sid in sids for aid in cl.stories[sid].members}
            ids |= {p for aid in ids for p in partners.get(aid, ())}
            part = finish(self.store.storymap(ids), self.linker, self.stats, only=sids)
            self.store.commit([], part, take_delta(self.linker), relations=changed_relations if i == 0 else [])
            del part
            release_free_memory()
        if not dirty:
            self.store.commit([], delta=take_delta(self.linker))
        cl.dirty.clear()

    def _finish_parts(self, dirty: list[str]) -> Iterator[set[str]]:
        """The stories in parts of at most ``limits.finish_stories`` stories and about
        ``limits.finish_articles`` member articles (a story is never split): what one part reads back from
        the store is bounded, however large the stories of a long run grew."""
        limits = self.config["limits"]
        max_stories = max(1, int(limits.get("finish_stories", 500)))
        max_articles = max(1, int(limits.get("finish_articles", 2000)))
        stories = self.linker.clusterer.stories
        part: set[str] = set()
        n = 0
        for sid in dirty:
            m = len(stories[sid].members)
            if part and (len(part) >= max_stories or n + m > max_articles):
                yield part
                part, n = set(), 0
            part.add(sid)
            n += m
        if part:
            yield part

    def close(self, storymap: bool = True) -> StoryMap | None:
        """Finish the stories that changed and return the whole story map (of the store, when there is
        one; with ``storymap=False`` a store is only finished, which costs what the changed stories cost)."""
        try:
            if self.store:
                self._finish_stored()
                return self.store.storymap() if storymap else None
            sm = finish(storymap_of(self.bundles), self.linker, self.stats)
            self.linker.clusterer.dirty.clear()
            return sm
        finally:
            if self.store:
                self.store.close()
