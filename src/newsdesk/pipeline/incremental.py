"""``newsdesk add``: process only documents the store does not hold yet, link them against the stored
linker state, and commit each batch (documents, articles, links, state) in one transaction."""
from __future__ import annotations

from pathlib import Path

from ..link.linker import Linker
from ..store import Store
from .assemble import assemble
from .runner import iter_documents, process_documents
from .stage import StageStats


def add_to_store(inputs: list[str], db: Path, cfg: dict):
    from ..api import AddResult

    store = Store(db, busy_timeout_ms=cfg["store"]["busy_timeout_ms"])
    stats: dict[str, StageStats] = {}
    new_docs = skipped = new_arts = 0
    try:
        linker: Linker = store.load_linker() or Linker(cfg["link"])

        def fresh():
            nonlocal skipped
            pending = []
            for b in iter_documents(inputs, cfg):
                pending.append(b)
                if len(pending) >= 256:
                    yield from _unknown(store, pending)
                    pending = []
            yield from _unknown(store, pending)

        def _unknown(st: Store, bundles):
            nonlocal skipped
            known = st.known_documents([b.document.id for b in bundles])
            for b in bundles:
                if b.document.id in known:
                    skipped += 1
                else:
                    yield b

        for batch in process_documents(fresh(), cfg, stats):
            sm = assemble(batch, cfg, stats, linker=linker)
            touched = {a.story for a in sm.articles}
            sm.stories = [s for s in linker.stories() if s.id in touched or not touched]
            store.commit(batch, sm, linker)
            new_docs += len(batch)
            new_arts += len(sm.articles)
    finally:
        store.close()
    return AddResult(new_documents=new_docs, skipped=skipped, new_articles=new_arts, stats=stats)
