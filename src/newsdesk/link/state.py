"""The linker's state as rows, so a store keeps it in tables and writes only what changed.

Per article one row (its link record and story vector; written once), per story one row (written when
the story changes), document frequencies as counters (incremented per batch), the linker's counters, and
the stories whose summaries wait for the finish step. ``take_delta`` hands over what changed since the
last save and resets the change sets; ``restore`` rebuilds a linker from all rows (indexes are rebuilt
from the records in the order they were linked).
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..model import Relation
from .linker import Linker
from .stories import StoryState

PROTOCOL = pickle.HIGHEST_PROTOCOL


@lru_cache(maxsize=1)
def link_state_version() -> str:
    """A fingerprint of the link code: a stored link state is reused only by the code that wrote it."""
    h = hashlib.sha1()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class LinkDelta:
    items: list[tuple[str, int, bytes]] = field(default_factory=list)   # (article id, order, state)
    stories: list[tuple[str, bytes]] = field(default_factory=list)      # (story id, state)
    gone: list[str] = field(default_factory=list)                      # stories merged into others
    df: list[tuple[str, int]] = field(default_factory=list)             # (term, documents added)
    relations: list[Relation] = field(default_factory=list)            # relations found since the last save
    meta: dict[str, str] = field(default_factory=dict)


def take_delta(linker: Linker) -> LinkDelta:
    cl = linker.clusterer
    d = LinkDelta()
    for rec in linker.new:
        aid = rec.id
        state = (rec, cl.vecs[aid], cl.xl_norms[aid])
        d.items.append((aid, rec.order, pickle.dumps(state, PROTOCOL)))
    d.stories = [(sid, pickle.dumps(cl.stories[sid], PROTOCOL)) for sid in sorted(cl.changed) if sid in cl.stories]
    d.gone = sorted(cl.gone)
    d.df = list(cl.df_delta.items())
    d.relations = linker.relations[linker.saved_relations:]
    d.meta = {"version": link_state_version(), "n_docs": str(cl.n_docs), "order": str(linker._order)}
    linker.mark_saved()
    return d


def restore(cfg: dict, items, stories, df, relations: list[Relation], meta: dict[str, str],
            pending: list[str]) -> Linker:
    """A linker from stored rows: ``items`` (state blobs in link order), ``stories`` (id, state blob),
    ``df`` (term, n), the stored relations, the counters and the stories waiting for the finish step."""
    linker = Linker(cfg)
    cl = linker.clusterer
    for sid, blob in stories:
        cl.stories[sid] = st = pickle.loads(blob)
        assert isinstance(st, StoryState)
    story_of = {aid: sid for sid, st in cl.stories.items() for aid in st.members}
    for blob in items:
        rec, vec, xn = pickle.loads(blob)
        rec.story = story_of.get(rec.id, rec.story)
        linker._remember(rec)
        cl.restore(rec.id, rec.story, vec, xn, rec.language, rec.numbers)
    cl.df.update(dict(df))
    cl.n_docs = int(meta.get("n_docs", 0))
    linker._order = int(meta.get("order", 0))
    linker.relations = list(relations)
    linker.saved_relations = len(linker.relations)
    cl.dirty = {s for s in pending if s in cl.stories}
    return linker
