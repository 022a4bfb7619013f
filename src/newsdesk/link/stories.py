"""Streaming story clustering: each article joins the most similar active story or starts one.

Articles are vectors of TF-IDF weighted terms (words, Han bigrams), entity ids and salient numbers;
entity ids and numbers are the same in every language, so a Chinese article can join an English story
through them. Stories keep a centroid, so adding an article costs one pass over the active stories and
nothing already clustered is recomputed. When an article is close to two stories, they merge.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .features import LinkFeatures

ENTITY_WEIGHT = 2.0
NUMBER_WEIGHT = 1.5
MAX_CENTROID_TERMS = 400


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    if not dot:
        return 0.0
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _normed(v: dict[str, float]) -> dict[str, float]:
    n = math.sqrt(sum(x * x for x in v.values()))
    return {k: x / n for k, x in v.items()} if n else v


@dataclass
class StoryState:
    id: str
    members: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    xl_centroid: dict[str, float] = field(default_factory=dict)
    languages: Counter = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None

    def add(self, vec: dict[str, float], xl: dict[str, float], lang: str | None, day: date | None) -> None:
        self.members.append("")
        for target, v in ((self.centroid, vec), (self.xl_centroid, xl)):
            for k, x in v.items():
                target[k] = target.get(k, 0.0) + x
            if len(target) > MAX_CENTROID_TERMS * 2:
                keep = sorted(target.items(), key=lambda kv: -kv[1])[:MAX_CENTROID_TERMS]
                target.clear()
                target.update(keep)
        self.languages[lang or "?"] += 1
        if day:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)


class StoryClusterer:
    def __init__(self, threshold: float = 0.3, window_days: int = 7, xl_factor: float = 0.9):
        self.threshold = threshold
        self.window = window_days
        self.xl_factor = xl_factor
        self.df: Counter = Counter()
        self.n_docs = 0
        self.stories: dict[str, StoryState] = {}
        self.story_of: dict[str, str] = {}

    def vectors(self, f: LinkFeatures) -> tuple[dict[str, float], dict[str, float]]:
        keys = list(f.terms) + [f"E:{e}" for e in f.entities] + [f"N:{n:g}" for n in set(f.numbers)]
        self.n_docs += 1
        self.df.update(set(keys))
        idf = lambda k: math.log((1 + self.n_docs) / (1 + self.df[k])) + 1.0  # noqa: E731
        vec: dict[str, float] = {}
        for t, c in f.terms.items():
            vec[t] = (1 + math.log(c)) * idf(t)
        xl: dict[str, float] = {}
        for e, c in f.entities.items():
            xl[f"E:{e}"] = ENTITY_WEIGHT * (1 + math.log(c)) * idf(f"E:{e}")
        for n in set(f.numbers):
            xl[f"N:{n:g}"] = NUMBER_WEIGHT * idf(f"N:{n:g}")
        vec.update(xl)
        return _normed(vec), _normed(xl)

    def _active(self, st: StoryState, day: date | None) -> bool:
        if day is None or st.last is None:
            return True
        return (day - st.last).days <= self.window and (st.first - day).days <= self.window

    def similarity(self, vec, xl, lang: str | None, st: StoryState) -> float:
        sim = _cos(vec, st.centroid)
        if lang and lang not in st.languages:
            sim = max(sim, self.xl_factor * _cos(xl, st.xl_centroid))
        return sim

    def assign(self, article_id: str, f: LinkFeatures, lang: str | None, day: date | None,
               forced: str | None, new_id: str) -> str:
        """The story id the article joins (a forced one from a copy/translation relation, the best
        match above threshold, or a new story); merges stories it bridges."""
        vec, xl = self.vectors(f)
        if forced and forced in self.story_of:
            sid = self.story_of[forced]
        else:
            scored = sorted(((self.similarity(vec, xl, lang, st), sid) for sid, st in self.stories.items()
                             if self._active(st, day)), reverse=True)
            hits = [sid for s, sid in scored if s >= self.threshold]
            if hits:
                sid = hits[0]
                for other in hits[1:2]:
                    if self.similarity(vec, xl, lang, self.stories[other]) >= self.threshold * 1.5:
                        self._merge(sid, other)
            else:
                sid = new_id
                self.stories[sid] = StoryState(id=sid)
        st = self.stories[sid]
        st.add(vec, xl, lang, day)
        st.members[-1] = article_id
        self.story_of[article_id] = sid
        return sid

    def _merge(self, keep: str, gone: str) -> None:
        a, b = self.stories[keep], self.stories.pop(gone)
        for target, src in ((a.centroid, b.centroid), (a.xl_centroid, b.xl_centroid)):
            for k, x in src.items():
                target[k] = target.get(k, 0.0) + x
        a.members.extend(b.members)
        a.languages.update(b.languages)
        for d in (b.first, b.last):
            if d:
                a.first = min(a.first or d, d)
                a.last = max(a.last or d, d)
        for m in b.members:
            self.story_of[m] = keep
