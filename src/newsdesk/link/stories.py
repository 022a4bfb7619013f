"""Streaming story clustering: each article joins the most similar stored story or starts one.

An article is a sparse vector of TF-IDF weighted terms (stemmed words, Han bigrams; title terms counted extra),
capitalised words (names and places), entity ids and salient numbers. The IDF blends the input's own document
frequencies with a background table of general word frequencies (``background.py``) acting as ``prior_docs``
pseudo-documents, so weights are sensible from the first article on and adapt to the stream.

A story keeps the sum of its members' vectors (its centroid) and each member's truncated vector. An article is
compared only with candidate stories found through an inverted index of its heaviest keys (bounded postings), and
scored as a mix of the cosine to the story centroid and to its best-matching members (average-link, and the mean of
its best ``member_top`` members: single-link that one loosely attached member cannot carry on its own), each a mix
of the full cosine and a names-only cosine (names, entity ids, numbers, years). A story that holds too little of the
article's name weight (another event of the same company or team) has its score cut, and so has a story none of
whose scored members shares enough of the article's salient figures when both sides quote several (another
quarter's results, another day's market report), unless the two are dated within a few days or
share most of their people and place names (sources on one event can quote different figures). A story that lacks
the article's main listed company, and whose own heaviest company the article never names, scores times
``company_conflict``. A story whose heaviest company is the article's main one is not joined when the two share
neither content words (``company_content_min``; company names are no content words, see ``features._drop_names``)
nor other names (``company_names_min``): two reports that share only the company are two of its events (results,
then a factory) -- unless the article is dated within ``follow_days`` of the story, which also skips the name cut
(a next-day follow-up names new analysts), or either side's vector holds next to no content words (a long
transcript's is all names). Such a story dated within the window is not cut for quoting other figures either
(``number_conflict``: the brokers' targets and the share move are new figures; another quarter is months away).
Vectors and centroids keep their entity ids and numbers beside their heaviest keys (a Chinese text's bigrams would
crowd out all it shares with an English one). Entity ids, numbers and capitalised names read the same in every
language, so across languages the article is compared through those keys alone; across scripts (Han vs Latin),
names that only one side can spell are left out of that comparison. When dates are known the score decays with the
gap in days and stories outside the window are not candidates. A copy/rewrite/translation relative's story is
joined when it scores at least ``forced_min``. An article close to two stories whose centroids are close merges
them, and a one-article story it scored from ``rejoin_min`` is scored again against the story the article joined
(now holding it) and merged into it from ``rejoin_threshold``: a report that rewrites several sources bridges
sources that share too little wording with each other. Without dates, a story all of whose members report events on
one weekday scores times ``weekday_conflict`` for an article that reports events on other weekdays only (the same
kind of event on another day). Numbers that are part of a name ("Nikkei 225", "Boeing 747") are no number keys:
every report on that index or model has them. Nothing already clustered is recomputed: cost per article is bounded,
memory is linear in the number of articles.

With ``[link] embeddings = true`` each article also carries a multilingual sentence embedding (``embed.py``,
float16). A story keeps the sum of its members' embeddings and the embeddings of its latest
``embed_members`` members. The embedding cosines to the story mean and to the closest kept member, rescaled
from ``embed_floor`` (``embed_xl_floor`` across languages, where cosines run lower) to 1, are mixed into the
centroid and member terms with weight ``embed_mix``. With ``embed_veto`` a story none of whose kept members
reaches the floor is not joined, and two stories whose means are below it are not merged. Candidates still
come from the sparse index. Without embeddings (the default) none of this runs and scores are unchanged.
"""
from __future__ import annotations

import heapq
import math
import sys
from array import array
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date
from functools import lru_cache
from itertools import repeat
from operator import itemgetter, mul

from .background import doc_probability
from .features import LinkFeatures, is_company


Vector = dict[str, float]
Compact = tuple[tuple[str, ...], array]  # a stored article's vector: keys and float32 weights (~1 KB, not ~7)
XL_PREFIXES = ("E:", "N:", "P:", "Y:")
SCRIPT_FREE = ("E:", "N:")  # keys that read the same in any script ...
ADHOC = "E:ent:"  # ... but an ad hoc entity's id is made from its name as written (an English "Kenneth Yip")
HAN_LANGS = frozenset(("zh", "ja", "ko"))  # written in Han characters (or with them): Latin names do not show
# capitalised, but calendar words name no one: not used as names
CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec""".split())


def _is_company(key: str) -> bool:
    """A story-vector key of a listed company from the entity base, by its ticker ("E:kb:0700.HK"; not an index,
    "E:kb:idx:HSI", nor an organisation such as a news agency, "E:kb:org:reuters")."""
    return key.startswith("E:") and is_company(key[2:])


def _heaviest_company(vec: Vector) -> str | None:
    """The heaviest listed-company key of a vector (a story's centroid), or None."""
    best, w = None, 0.0
    for k, x in vec.items():
        if x > w and _is_company(k):
            best, w = k, x
    return best


def _has_content(xn: float, st: "StoryState", share: float = 0.2) -> bool:
    """Both the article (``xn``: the norm of its names part in its unit vector) and the story's centroid keep
    at least ``share`` of their weight in content words: a long text's vector can be all names, and then a low
    content similarity tells nothing."""
    return 1.0 - xn * xn >= share * share and st.norm() ** 2 - st.xl_norm() ** 2 >= (share * st.norm()) ** 2


def main_company(entities: Counter, min_mentions: int = 2) -> str | None:
    """An article's main listed company as a vector key: the company it names most, at least `min_mentions`
    times and more often than any other (a market wrap naming many companies once each has none)."""
    ranked = sorted(((c, e) for e, c in entities.items() if _is_company("E:" + e)), reverse=True)
    if not ranked or ranked[0][0] < min_mentions or len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return None
    return "E:" + ranked[0][1]


@dataclass
class StoryParams:
    """Knobs of the clusterer (config table ``[link]``, keys ``story_<name>``)."""
    threshold: float = 0.12         # score at which an article joins a story
    window_days: int = 7            # with dates on both sides, stories older/newer than this are not candidates
    title_weight: float = 1.0       # extra term frequency for a term of the title
    proper_weight: float = 2.0      # weight of capitalised words (names) as extra keys
    entity_weight: float = 1.0      # weight of entity ids
    number_weight: float = 0.5      # weight of salient numbers
    year_weight: float = 0.5        # weight of years mentioned
    number_conflict: float = 0.2    # score factor when both sides have many numbers and share none (not for a story
    # of the article's main company dated within the window) ...
    number_conflict_min: int = 10   # ... "many": at least this many distinct salient numbers each
    pair_numbers_min: int = 4       # an article and a stored one with at least this many salient numbers each (0: off)
    pair_numbers_share: float = 0.2  # "agree" when they share this share of the fewer (at least one) or ...
    pair_numbers_enough: int = 2    # ... this many; a story none of whose scored members agrees (too few numbers
    pair_numbers_factor: float = 0.1  # to tell counts as agreeing) has its score multiplied by this (another event
    # of the same company, team or place brings other figures) ...
    pair_numbers_days: int = 7      # ... unless both are dated within this many days (a running story's follow-ups
    # bring new figures every day) ...
    pair_numbers_names: float = 0.55  # ... or the cosine of their capitalised names alone reaches this (two
    # sources on one event can quote different figures; entity ids are left out: a company's events share them)
    year_conflict: float = 1.0      # score factor when article and story mention different years
    weekday_conflict: float = 1.0   # score factor when, dates unknown, the article reports events on weekdays none
    # of the story's members names (another robbery of the same kind on another day); 1 = off
    content_min: float = 0.0        # an article needs this similarity of its non-name words to join a story
    name_cover_min: float = 0.5     # share of the article's name weight the story must hold, else ...
    name_cover_factor: float = 0.5  # ... the score is multiplied by this
    company_conflict: float = 1.0   # score factor when the article's main listed company (main_company) is not
    # in the story and the story's heaviest company is not in the article (another company's results, same market day)
    company_content_min: float = 0.0  # an article and a story about the same main listed company need this similarity
    # of their content words (company names left out) ...
    company_names_min: float = 1.0  # ... or this share of the article's name weight (names, numbers, entity ids
    # other than the company) in the story: sharing only the company is another event of it
    follow_days: int = -1           # an article dated within this many days of a story whose heaviest listed company
    # is its main one (main_company) skips the name-cover and company-content checks: a next-day follow-up names
    # new people (the analysts, the brokers); -1 = off. (Any dated gap within the window skips number_conflict.)
    split_names: bool = True        # capitalised words count as names only, not also as ordinary terms
    name_mix: float = 0.5           # share of the names/entities/numbers-only cosine in a pair's similarity
    prior_docs: float = 100.0       # background frequencies count as this many documents in the IDF
    member_mix: float = 0.5         # share of the best member's similarity in the score (rest: centroid)
    member_top: int = 1             # a story of more members than this is scored on its best this many members'
    # mean similarity (those not retrieved count 0): one loosely attached member does not bridge another event
    xl_factor: float = 0.9          # cross-lingual (names/entities/numbers only) similarity is scaled by this
    xl_script_names: bool = True    # across scripts (Han vs Latin), names only one side has are left out
    decay_days: float = 10.0        # with dates known, the score is multiplied by exp(-gap_days / decay_days)
    rejoin_min: float = 0.0         # a single-article story the new article scores this much is scored again
    # against the story the article joined, and merged into it from ``rejoin_threshold`` (0 = off)
    rejoin_threshold: float = 0.0   # ... (0: the threshold)
    forced_min: float = 0.06        # a related (copy/rewrite/translation) article's story is joined from this score
    merge_threshold: float = 0.5    # two stories an article joins both merge when their centroids are this close
    max_terms: int = 80             # keys kept per article vector
    max_centroid_terms: int = 400   # keys kept per story centroid
    index_terms: int = 15           # heaviest keys of an article used to look up / index it
    max_postings: int = 200         # most recent articles kept per index key
    max_candidates: int = 60        # candidate articles scored per new article
    hot_stories: int = 1000         # most recently used stories whose centroids stay unpacked (memory only)
    # with [link] embeddings = true only (without embeddings these change nothing)
    embed_mix: float = 0.1          # share of the embedding similarity in the member and centroid terms
    embed_floor: float = 0.88       # embedding cosine that counts as unrelated (rescaled to 0; 1 stays 1)
    embed_xl_floor: float = 0.78    # ... across languages (cross-lingual cosines run lower)
    embed_veto: bool = True         # a story none of whose kept members reaches the floor is not joined
    embed_members: int = 50         # latest members whose embeddings a story keeps (single-link term)


@dataclass
class StoryState:
    """A story as the clusterer sees it. Its centroid is a dict while the story is in use ("hot") and is
    packed into a key tuple and a float64 array otherwise (~16 bytes per key instead of ~90: the centroids
    of cold stories were the largest part of the link state); packing keeps keys, order and values, so
    scores are the same either way."""
    id: str
    members: list[str] = field(default_factory=list)
    _cent: Vector | None = field(default=None, repr=False)   # the centroid while hot
    _ckeys: tuple[str, ...] = field(default=(), repr=False)  # ... and packed, in insertion order
    _cvals: array = field(default_factory=lambda: array("d"), repr=False)
    languages: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)
    _nums: set | None = field(default_factory=set, repr=False)  # the members' salient numbers while hot
    _nums_packed: array = field(default_factory=lambda: array("d"), repr=False)  # ... and packed, sorted
    weekdays: Counter | None = None  # weekdays its members report events on (None: none yet)
    first: date | None = None
    last: date | None = None
    _norm: float = 0.0
    _xl_norm: float = 0.0
    emb_sum: object = None          # float32 sum of the members' embeddings (numpy), None without embeddings
    emb_members: dict = field(default_factory=dict)  # member id -> float16 embedding bytes (latest members)

    @property
    def centroid(self) -> Vector:
        c = self._cent
        if c is None:
            c = self._cent = dict(zip(self._ckeys, self._cvals))
            self._ckeys, self._cvals = (), array("d")
        return c

    @property
    def numbers(self) -> set:
        """The members' salient numbers (a set while the story is hot; 8 bytes a number packed, where a set of
        float objects takes ~100: the sets of cold stories were ~1 KB a story of the link state)."""
        s = self._nums
        if s is None:
            s = self._nums = set(self._nums_packed)
            self._nums_packed = array("d")
        return s

    @numbers.setter
    def numbers(self, value: set) -> None:
        self._nums, self._nums_packed = set(value), array("d")

    def pack(self) -> None:
        """Keep the centroid and the numbers packed (each is unpacked again on its next use)."""
        c = self._cent
        if c is not None:
            self._ckeys, self._cvals, self._cent = tuple(c), array("d", c.values()), None
        if self._nums is not None:
            self._nums_packed, self._nums = array("d", sorted(self._nums)), None

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        c = state.pop("_cent")
        if c is not None:
            state["_ckeys"], state["_cvals"] = tuple(c), array("d", c.values())
        nums, packed = state.pop("_nums"), state.pop("_nums_packed")
        state["numbers"] = set(packed) if nums is None else set(nums)  # (the stored form: a set, as before)
        return state

    def __setstate__(self, state: dict) -> None:
        state["_ckeys"] = tuple(map(sys.intern, state["_ckeys"]))  # one copy of each key string
        nums = state.pop("numbers", ())
        self.__dict__.update(state)
        self._cent = None
        self._nums, self._nums_packed = None, array("d", sorted(nums))

    def add_embedding(self, article_id: str, emb: bytes, keep: int) -> None:
        from .embed import from_bytes
        v = from_bytes(emb)
        self.emb_sum = v if self.emb_sum is None else self.emb_sum + v
        self.emb_members[article_id] = emb
        _trim(self.emb_members, keep)

    def emb_mean(self):
        """The unit mean embedding (numpy float32), or None."""
        if self.emb_sum is None:
            return None
        import numpy as np
        n = float(np.linalg.norm(self.emb_sum))
        return self.emb_sum / n if n else None

    def emb_best_member(self, e) -> float:
        """The highest embedding cosine of ``e`` to a kept member."""
        if not self.emb_members:
            return 0.0
        from .embed import from_bytes
        return float((from_bytes(b"".join(self.emb_members.values())).reshape(len(self.emb_members), -1) @ e).max())

    def add(self, vec: Vector, lang: str | None, day: date | None, max_terms: int) -> None:
        _add_into(self.centroid, vec, max_terms)
        self._norm = self._xl_norm = 0.0
        self.languages[lang or "?"] += 1
        if day:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)

    def norm(self) -> float:
        if not self._norm:
            self._norm = math.sqrt(sum(x * x for x in self.centroid.values()))
        return self._norm

    def xl_norm(self) -> float:
        if not self._xl_norm:
            self._xl_norm = math.sqrt(sum(x * x for k, x in self.centroid.items() if k[:2] in XL_PREFIXES))
        return self._xl_norm


def _add_into(target: Vector, v: Vector, max_terms: int) -> None:
    for k, x in v.items():
        target[k] = target.get(k, 0.0) + x
    if len(target) > max_terms * 2:
        keep = _heaviest(target, max_terms)
        target.clear()
        target.update(keep)


def _heaviest(vec: Vector, n: int) -> list[tuple[str, float]]:
    """The ``n`` heaviest keys of a vector, heaviest first, then up to ``n // 4`` more of its entity ids and
    numbers: they are all a text shares with a report in another script, and a Chinese text's hundreds of
    character bigrams would crowd them out."""
    top = heapq.nlargest(n, vec.items(), key=itemgetter(1))
    kept = {k for k, _ in top}
    return top + heapq.nlargest(n // 4, [(k, x) for k, x in vec.items() if _script_free(k) and k not in kept],
                                key=itemgetter(1))


def _script_free(key: str) -> bool:
    """An entity id of the entity base or a number: the same key whatever the script of the text."""
    return key[:2] in SCRIPT_FREE and not key.startswith(ADHOC)


def _trim(d: dict, keep: int) -> None:
    """Drop the oldest entries of an insertion-ordered dict beyond ``keep``."""
    for k in list(d)[:max(0, len(d) - keep)]:
        del d[k]


def append_recent(index: dict, key, item: str, cap: int) -> None:
    """Append to ``index[key]``, keeping its ``cap`` most recent items. Plain lists: most keys hold one or
    two items, and a list of one is 64 bytes where a bounded deque is ~600 (tracemalloc at 5,000 articles:
    the postings' deques were 7 of the link state's 76 MB; bench_link's linker growth 95 -> 88 MB)."""
    q = index.get(key)
    if q is None:
        index[key] = [item]
        return
    q.append(item)
    if len(q) > cap:
        del q[0]


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum([v * b[k] for k, v in a.items() if k in b])


def compact(v: Vector) -> Compact:
    """Keys heaviest first (so the index keys are a prefix, read without sorting when a store reloads)."""
    items = sorted(v.items(), key=itemgetter(1), reverse=True)
    return tuple(k for k, _ in items), array("f", [x for _, x in items])


def _cdot(a: Vector, b: Compact) -> float:
    return sum(map(mul, b[1], map(a.get, b[0], repeat(0.0))))  # ~15% faster than a comprehension


def _story_numbers(f: LinkFeatures) -> list[float]:
    """The salient numbers that become keys of the article's vector: without those that are part of a name
    ("Nikkei 225"). (The pair and story number checks keep all salient numbers: a coincidence of such a number
    is a weak agreement, and removing it there split a seed follow-up from its story.)"""
    return f.numbers if f.story_numbers is None else f.story_numbers


def _xl_items(vec: Compact, xn: float) -> tuple[list[str], list[float]]:
    """The language-independent part of a stored article's vector (keys and weights, renormalised by its norm
    ``xn``): not stored a second time, it is read off the vector when needed (a second key tuple and weight
    array per article, with its salient numbers as keys, were ~1.2 KB an article, 15% of the link state)."""
    keys, vals = [], []
    if xn:
        for k, x in zip(vec[0], vec[1]):
            if k[:2] in XL_PREFIXES:
                keys.append(k)
                vals.append(x / xn)
    return keys, vals


def _names_part(v: Vector) -> tuple[Vector, float]:
    """The capitalised names (``P:`` keys) of a vector and their norm."""
    part = {k: x for k, x in v.items() if k[:2] == "P:"}
    return part, math.sqrt(sum([x * x for x in part.values()]))


def _names_cosine(mine: tuple[Vector, float], other: Compact) -> float:
    """Cosine of names (from :func:`_names_part`) and the names of a compact vector (the cosine does not
    depend on the scale of either: the whole vector serves as well as its language-independent part)."""
    part, norm = mine
    if not norm:
        return 0.0
    get = part.get
    dot = sq = 0.0
    for k, x in zip(other[0], other[1]):
        if k[:2] == "P:":
            dot += x * get(k, 0.0)
            sq += x * x
    return dot / (norm * math.sqrt(sq)) if sq else 0.0


def _shared_norm(v: Vector, other_keys, other_vals) -> float:
    """Norm of ``other`` without its names (``P:`` keys) that ``v`` lacks (``other`` given as keys and
    values, e.g. a compact vector's; both language-independent parts)."""
    return math.sqrt(sum([x * x for k, x in zip(other_keys, other_vals) if k[:2] != "P:" or k in v])) or 1.0


def _xl(v: Vector) -> tuple[Vector, float]:
    """The language-independent part of a unit vector, renormalised, and its norm before that."""
    part = {k: x for k, x in v.items() if k[:2] in XL_PREFIXES}
    n = math.sqrt(sum([x * x for x in part.values()]))
    return ({k: x / n for k, x in part.items()} if n else {}), n


@lru_cache(maxsize=1 << 18)
def _term(t: str, lang: str | None) -> tuple[str, float]:
    """A term's key (its stem) and its background document probability (Han bigrams have none)."""
    return sys.intern(stem(t)), (doc_probability(t, lang) if len(t) > 2 else 1e-3)


def stem(word: str) -> str:
    """A light plural/inflection stripper for Latin-script words (leaves Han bigrams alone)."""
    if len(word) <= 4 or not word.isascii():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def _story_kw(cfg: dict) -> dict:
    """The clusterer's knobs set in the ``[link]`` table (``story_<param>`` keys)."""
    names = {f.name for f in fields(StoryParams)}
    return {k[6:]: v for k, v in cfg.items() if k.startswith("story_") and k[6:] in names}


def story_params(cfg: dict) -> StoryParams:
    """The knobs as a StoryParams (``prepare`` asks once per article: built once per set of values)."""
    return _params(tuple(sorted(_story_kw(cfg).items())))


@lru_cache(maxsize=8)
def _params(items: tuple) -> StoryParams:
    return StoryParams(**dict(items))


def term_weights(f: LinkFeatures, lang: str | None, p: StoryParams) -> tuple[dict[str, float], dict[str, float]]:
    """An article's keys with their weights before IDF (log term counts, title terms counted extra, names,
    entity ids, numbers, years) and each key's background document probability. Pure: ``prepare`` runs it beside
    the other per-document work, so the single writer only adds the stream's document frequencies."""
    weights: dict[str, float] = {}
    prior: dict[str, float] = {}
    names = f.proper if p.split_names else ()
    for t, c in f.terms.items():
        if t in names or t[-2:] in ("'s", "’s") and t[:-2] in names:
            continue
        k, pr = _term(t, lang)
        weights[k] = weights.get(k, 0.0) + c
        if pr > prior.get(k, 0.0):
            prior[k] = pr
    log = math.log
    for k, c in weights.items():
        weights[k] = 1.0 + log(c)
    for t in f.title_terms:
        k = _term(t, lang)[0]
        if k in weights:
            weights[k] += p.title_weight
    for w, c in f.proper.items():
        if w in CALENDAR:
            continue
        k = "P:" + w
        weights[k] = p.proper_weight * (1.0 + log(c))
        prior[k] = doc_probability(w, lang)
    for e, c in f.entities.items():
        k = "E:" + e
        weights[k] = p.entity_weight * (1.0 + log(c))
        prior[k] = 1e-3
    for n in set(_story_numbers(f)):
        k = "N:%g" % n
        weights[k] = p.number_weight
        prior[k] = 1e-3
    for y, c in f.years.items():
        k = "Y:%d" % y
        weights[k] = p.year_weight * (1.0 + log(c))
        prior[k] = 1e-2
    return weights, prior


class StoryClusterer:
    """Single-pass incremental story clustering (see the module docstring)."""

    def __init__(self, threshold: float = 0.12, window_days: int = 7, **params: float) -> None:
        self.p = StoryParams(threshold=threshold, window_days=window_days, **params)
        self.df: Counter = Counter()
        self.n_docs = 0
        self.stories: dict[str, StoryState] = {}
        self.story_of: dict[str, str] = {}
        self.vecs: dict[str, Vector] = {}
        self.xl_norms: dict[str, float] = {}  # norm of the language-independent part of each article's vector
        self.numbers_of: dict[str, array] = {}  # each article's salient numbers (its link record's array)
        self.lang_of: dict[str, str | None] = {}
        self.postings: dict[str, list[str]] = {}
        self.dirty: set[str] = set()      # stories changed since the last finish (summaries to redo)
        self.changed: set[str] = set()    # stories changed since the last save (states to write)
        self.gone: set[str] = set()       # stories merged into others since the last save
        self.df_delta: Counter = Counter()  # document frequencies added since the last save
        self._hot: dict[str, None] = {}   # stories with unpacked centroids, least recently used first

    @classmethod
    def from_config(cls, cfg: dict) -> "StoryClusterer":
        """Build from the ``[link]`` table: ``story_threshold``, ``story_window_days`` and ``story_<param>``.
        With ``embeddings = true`` the optional model package must be installed (ND402 otherwise)."""
        if cfg.get("embeddings"):
            from .embed import require
            require()
        return cls(**_story_kw(cfg))

    # -- vectors --------------------------------------------------------------------------------------------
    def vector(self, f: LinkFeatures, lang: str | None) -> Vector:
        """The article's normalised, truncated vector; updates document frequencies."""
        p = self.p
        weights, prior = f.weights or term_weights(f, lang, p)
        log = math.log
        self.n_docs += 1
        df = self.df
        df.update(weights.keys())
        self.df_delta.update(weights.keys())
        m = p.prior_docs
        total = self.n_docs + m
        vec = {}
        for k, w in weights.items():
            x = w * log(total / (df[k] + m * prior[k]))
            if x > 0:
                vec[k] = x
        if len(vec) > p.max_terms:
            vec = dict(_heaviest(vec, p.max_terms))
        n = math.sqrt(sum([x * x for x in vec.values()]))
        intern = sys.intern
        return {intern(k): x / n for k, x in vec.items()} if n else vec

    # -- candidates -----------------------------------------------------------------------------------------
    def _index_keys(self, vec: Vector) -> list[str]:
        return self._top_keys([k for k, _ in sorted(vec.items(), key=itemgetter(1), reverse=True)])

    def _top_keys(self, ranked: tuple[str, ...] | list[str]) -> list[str]:
        """The heaviest keys, plus the heaviest language-independent ones, of keys ranked by weight, plus
        the heaviest entity-base ids and numbers (names in Latin letters can crowd those out, and across scripts
        they are all an article has; ad hoc entity ids are names, see :func:`_script_free`)."""
        n = self.p.index_terms
        keys = list(ranked[:n])
        keys += [k for k in ranked if k[:2] in XL_PREFIXES][:n // 2]
        keys += [k for k in ranked if _script_free(k)][:n // 4]
        return list(dict.fromkeys(keys))

    def _candidates(self, vec: Vector) -> list[str]:
        score: Counter = Counter()
        for k in self._index_keys(vec):
            for aid in self.postings.get(k, ()):
                score[aid] += vec[k]
        return [aid for aid, _ in score.most_common(self.p.max_candidates)]

    def _index(self, article_id: str, vec: Compact) -> None:
        for k in self._top_keys(vec[0]):
            append_recent(self.postings, k, article_id, self.p.max_postings)

    # -- hot stories ----------------------------------------------------------------------------------------
    def _touch(self, sid: str) -> None:
        hot = self._hot
        hot.pop(sid, None)
        hot[sid] = None

    def _cool(self) -> None:
        """Pack the centroids of the least recently used stories beyond ``hot_stories``."""
        hot, cap = self._hot, max(1, int(self.p.hot_stories))
        while len(hot) > cap:
            sid = next(iter(hot))
            del hot[sid]
            st = self.stories.get(sid)
            if st is not None:
                st.pack()

    def central(self, sid: str, ids: list[str]) -> str | None:
        """Of the story's members ``ids``, the one whose vector is closest to the story's centroid (its most
        central article; the first of equals), or None when ``ids`` is empty."""
        st = self.stories.get(sid)
        if st is None or not ids:
            return ids[0] if ids else None
        self._touch(sid)
        cent = st.centroid
        best, top = ids[0], -1.0
        for aid in ids:
            v = self.vecs.get(aid)
            x = _cdot(cent, v) if v is not None else 0.0
            if x > top + 1e-12:
                best, top = aid, x
        self._cool()
        return best

    # -- scoring --------------------------------------------------------------------------------------------
    def _gap(self, st: StoryState, day: date | None) -> int | None:
        if day is None or st.last is None:
            return None
        if day > st.last:
            return (day - st.last).days
        if day < st.first:
            return (st.first - day).days
        return 0

    def _pair(self, vec: Vector, xl: Vector, xn: float, lang: str | None, other: str) -> tuple[float, float]:
        """(score, content similarity) of the article against one stored article."""
        ovec = self.vecs[other]
        oxn = self.xl_norms.get(other, 0.0)
        # (the article's xl holds language-independent keys only: against the whole stored vector, scaled to
        # its language-independent part, the dot is the same)
        names = _cdot(xl, ovec) / oxn if xl and oxn else 0.0
        olang = self.lang_of.get(other)
        if lang and olang and lang != olang:
            if self.p.xl_script_names and names and (lang in HAN_LANGS) != (olang in HAN_LANGS):
                # across scripts a name written in Latin letters has no counterpart to match: compare
                # through entity ids, numbers, years and the names both sides spell alike
                okeys, ovals = _xl_items(ovec, oxn)
                names /= _shared_norm(xl, okeys, ovals) * _shared_norm(dict(zip(okeys, ovals)), xl, xl.values())
            return self.p.xl_factor * min(1.0, names), 1.0
        full = _cdot(vec, ovec)
        rest = math.sqrt(max(0.0, (1.0 - xn * xn) * (1.0 - oxn * oxn)))
        content = (full - names * xn * oxn) / rest if rest > 1e-6 else 0.0
        return (1.0 - self.p.name_mix) * full + self.p.name_mix * names, content

    def _numbers_agree(self, nums: frozenset, other: str, names: dict | None = None) -> bool:
        """The article and a stored one do not contradict each other's figures: one of them has fewer than
        ``pair_numbers_min`` salient numbers, or they share at least ``pair_numbers_share`` of the fewer (at
        least one; ``pair_numbers_enough`` shared figures are always enough),
        or (``names``: a dict holding the article's language-independent part under "xl", where its names
        are cached under "part") the cosine of their capitalised names alone
        (``P:`` keys: the people and places; not the entity ids, which a company's other events share too)
        is at least ``pair_numbers_names``: two sources on one event can quote different figures."""
        k = self.p.pair_numbers_min
        theirs = frozenset(self.numbers_of.get(other, ()))
        m = min(len(nums), len(theirs))
        need = max(1.0, min(float(self.p.pair_numbers_enough), self.p.pair_numbers_share * m))
        if not k or m < k or len(nums & theirs) >= need:
            return True
        ovec = self.vecs.get(other)
        if names is None or not ovec or not self.xl_norms.get(other):
            return False
        if "part" not in names:
            names["part"] = _names_part(names["xl"])
        return _names_cosine(names["part"], ovec) >= self.p.pair_numbers_names

    def _figures_cut(self, nums: frozenset, members: list[str], names: dict, gap: int | None) -> float:
        """``pair_numbers_factor`` when none of the scored ``members`` of a story agrees with the article's
        figures (``nums``: its salient numbers; see :meth:`_numbers_agree`) and the two are not dated within
        ``pair_numbers_days`` of each other; else 1."""
        p = self.p
        if not p.pair_numbers_min or (gap is not None and gap <= p.pair_numbers_days):
            return 1.0
        return 1.0 if any(self._numbers_agree(nums, m, names) for m in members) else p.pair_numbers_factor

    def _story_score(self, vec: Vector, xl: Vector, xn: float, lang: str | None, st: StoryState,
                     best_member: tuple[float, float], day: date | None, years: Counter | None = None,
                     numbers: set | None = None, emb=None, weekdays: frozenset | None = None,
                     company: str | None = None) -> float:
        """(``company``: the article's main listed company, see :func:`main_company`)"""
        member = best_member[0]
        if emb is not None and st.emb_sum is not None:
            mean = st.emb_mean()
            ec = float(mean @ emb) if mean is not None else 0.0
            same_lang = not lang or lang in st.languages
            fl = self.p.embed_floor if same_lang else self.p.embed_xl_floor
            em = st.emb_best_member(emb)
            if self.p.embed_veto and em < fl:
                return 0.0
        self._touch(st.id)
        dx = _dot(xl, st.centroid) if xl else 0.0
        names = dx / (st.xl_norm() or 1.0)
        if lang and lang in st.languages or not lang:
            d = _dot(vec, st.centroid)
            full = d / (st.norm() or 1.0)
            cent = (1.0 - self.p.name_mix) * full + self.p.name_mix * names
            rest = math.sqrt(max(0.0, (1.0 - xn * xn) * (st.norm() ** 2 - st.xl_norm() ** 2)))
            content = (d - dx * xn) / rest if rest > 1e-6 else 0.0
        else:
            same = _dot(vec, st.centroid) / (st.norm() or 1.0) if len(st.languages) > 1 else 0.0
            if self.p.xl_script_names and dx and (lang in HAN_LANGS) != any(k in HAN_LANGS for k in st.languages):
                c = st.centroid
                part = {k: x for k, x in c.items() if k[:2] in XL_PREFIXES}
                names = min(1.0, dx / (_shared_norm(xl, part, part.values()) * _shared_norm(part, xl, xl.values())))
            cent, content = max(same, self.p.xl_factor * names), 1.0
        content = max(content, best_member[1])
        if content < self.p.content_min:
            return 0.0
        gap = self._gap(st, day)
        # the story's main company is the article's: a follow-up within ``follow_days`` skips the name cut and
        # the content floor; otherwise the two must share content or names beyond the company (see StoryParams)
        ours = company is not None and company in st.centroid and company == _heaviest_company(st.centroid)
        near = ours and gap is not None and gap <= self.p.follow_days
        if ours and not near and content < self.p.company_content_min and _has_content(xn, st) \
                and sum([x * x for k, x in xl.items() if k != company and k in st.centroid]) < self.p.company_names_min:
            return 0.0  # nothing shared but the company
        if emb is not None and st.emb_sum is not None:
            mix = self.p.embed_mix
            cent = (1.0 - mix) * cent + mix * max(0.0, (ec - fl) / (1.0 - fl))
            member = (1.0 - mix) * member + mix * max(0.0, (em - fl) / (1.0 - fl))
        if self.p.name_cover_min and len(xl) >= 3 and not near:
            cover = sum([x * x for k, x in xl.items() if k in st.centroid])
            if cover < self.p.name_cover_min:
                s_pen = self.p.name_cover_factor
            else:
                s_pen = 1.0
        else:
            s_pen = 1.0
        s = s_pen * ((1.0 - self.p.member_mix) * cent + self.p.member_mix * member)
        if company and self.p.company_conflict < 1.0 and company not in st.centroid:
            other = _heaviest_company(st.centroid)
            if other and other not in vec:
                s *= self.p.company_conflict
        if weekdays and st.weekdays and self.p.weekday_conflict < 1.0 and gap is None \
                and len(st.weekdays) == 1 and weekdays.isdisjoint(st.weekdays):
            s *= self.p.weekday_conflict
        if years and st.years and self.p.year_conflict < 1.0:
            top = max(years, key=years.get)
            stop_ = max(st.years, key=st.years.get)
            if top not in st.years and stop_ not in years:
                s *= self.p.year_conflict
        if (self.p.number_conflict < 1.0 and numbers and not (ours and gap is not None) and len(numbers) >= self.p.number_conflict_min
                and len(st.numbers) >= self.p.number_conflict_min and not numbers & st.numbers):
            s *= self.p.number_conflict
        if gap:
            s *= math.exp(-gap / self.p.decay_days)
        return s

    def score_stories(self, vec: Vector, lang: str | None, day: date | None, years: Counter | None = None,
                      numbers: set | None = None, emb=None, weekdays: frozenset | None = None,
                      company: str | None = None, lone: bool = False) -> list[tuple[float, str]]:
        """(score, story id) of candidate stories, best first (``emb``: the article's unit embedding). The
        figures of the scored members (``pair_numbers_*``) are compared only for stories that reach the
        threshold otherwise: below it the cut could not change anything. ``lone``: one-article stories only."""
        xl, xn = _xl(vec)
        best: dict[str, tuple[float, float]] = {}
        seen: dict[str, list[str]] = {}
        stories = self.stories
        k = self.p.member_top
        tops: dict[str, list[float]] = {}  # (k > 1) the best k pair scores of each story so far
        for aid in self._candidates(vec):
            sid = self.story_of[aid]
            if lone and len(stories[sid].members) != 1:
                continue
            s = self._pair(vec, xl, xn, lang, aid)
            b = best.get(sid)
            best[sid] = s if b is None else (max(s[0], b[0]), max(s[1], b[1]))
            seen.setdefault(sid, []).append(aid)
            if k > 1:
                t = tops.setdefault(sid, [])
                t.append(s[0])
                if len(t) > k:
                    t.sort(reverse=True)
                    t.pop()
        for sid, t in tops.items():
            if len(stories[sid].members) > k:
                best[sid] = (sum(t) / k, best[sid][1])
        out = []
        nums, names = None, {"xl": xl}
        for sid, bm in best.items():
            st = self.stories[sid]
            gap = self._gap(st, day)
            if gap is not None and gap > self.p.window_days:
                continue
            s = self._story_score(vec, xl, xn, lang, st, bm, day, years, numbers, emb, weekdays=weekdays,
                                  company=company)
            if s >= self.p.threshold:
                if nums is None:
                    nums = frozenset(numbers or ())
                s *= self._figures_cut(nums, seen[sid], names, gap)
            out.append((s, sid))
        out.sort(reverse=True)
        return out

    # -- assignment -----------------------------------------------------------------------------------------
    def assign(self, article_id: str, f: LinkFeatures, lang: str | None, day: date | None,
               forced: str | None, new_id: str, numbers: array | None = None, bridge: bool = True) -> str:
        """The story id the article joins (a forced one from a copy/translation relation, the best match at
        or above the threshold, or a new story); merges two stories it bridges. (``numbers``: ``f.numbers`` as
        the link record keeps them, so that the clusterer refers to that array instead of a copy; ``bridge``:
        whether an article joined through ``forced`` is still scored against one-article stories it may bridge
        to its relative's, not worth it for a copy, whose relative had the same text to bridge with.)"""
        vec = self.vector(f, lang)
        company = main_company(f.entities) if self.p.company_conflict < 1.0 or self.p.follow_days >= 0 else None
        emb_b = getattr(f, "embedding", None)  # set by record.prepare with [link] embeddings = true
        emb = None
        if emb_b is not None:
            from .embed import from_bytes
            emb = from_bytes(emb_b)
        sid = None
        if forced and forced in self.story_of:
            # a copy/rewrite/translation relation is a strong hint, not an override: boilerplate pages and
            # sibling events can share enough text to be typed "copy"
            fsid = self.story_of[forced]
            xl, xn = _xl(vec)
            fst = self.stories[fsid]
            fscore = self._story_score(vec, xl, xn, lang, fst, self._pair(vec, xl, xn, lang, forced), day,
                                       f.years, set(f.numbers), emb, f.weekdays, company)
            fscore *= self._figures_cut(frozenset(f.numbers), [forced], {"xl": xl}, self._gap(fst, day))
            if fscore >= self.p.forced_min:
                sid = fsid
        scored: list[tuple[float, str]] = []
        if sid is None or (self.p.rejoin_min and bridge):
            # (joined through a relation, the article is still scored against the one-article stories: one it
            # bridges to its relative's is merged below, as for any article)
            scored = self.score_stories(vec, lang, day, f.years, set(f.numbers), emb,
                                        f.weekdays, company, lone=sid is not None)
        if sid is None:
            hits = [sid for s, sid in scored if s >= self.p.threshold]
            if hits:
                sid = hits[0]
                for other in hits[1:3]:
                    if other in self.stories and sid in self.stories and self._close(sid, other):
                        self._merge(sid, other)
            else:
                sid = new_id
                self.stories[sid] = StoryState(id=sid)
        st = self.stories[sid]
        self._touch(sid)
        st.add(vec, lang, day, self.p.max_centroid_terms)
        st.members.append(article_id)
        st.years.update(f.years)
        st.numbers.update(f.numbers)
        if f.weekdays:
            if st.weekdays is None:
                st.weekdays = Counter()
            st.weekdays.update(f.weekdays)
        if emb_b is not None:
            st.add_embedding(article_id, emb_b, self.p.embed_members)
        self.dirty.add(sid)
        self.changed.add(sid)
        self.restore(article_id, sid, compact(vec), _xl(vec)[1], lang,
                     array("d", f.numbers) if numbers is None else numbers)
        if self.p.rejoin_min and scored:
            self._rejoin(sid, [o for x, o in scored if o != sid and x >= self.p.rejoin_min][:3])
        self._cool()
        return sid

    def _rejoin(self, sid: str, others: list[str]) -> None:
        """Single-article stories the new article scored from ``rejoin_min`` are scored again against the story
        it joined, now that it holds the article: one that reaches the threshold is merged into it (a report
        that rewrites several sources bridges sources that share too little wording with each other)."""
        st = self.stories[sid]
        p = self.p
        for o in others:
            ost = self.stories.get(o)
            if ost is None or len(ost.members) != 1:
                continue
            b = ost.members[0]
            keys, vals = self.vecs[b]
            vec = dict(zip(keys, map(float, vals)))
            xl, xn = _xl(vec)
            lang = self.lang_of.get(b)
            best = (0.0, 0.0)
            members = st.members[-p.max_candidates:]
            for m in members:
                ps = self._pair(vec, xl, xn, lang, m)
                best = (max(best[0], ps[0]), max(best[1], ps[1]))
            day = ost.last
            x = self._story_score(vec, xl, xn, lang, st, best, day, ost.years, ost.numbers, None,
                                  weekdays=frozenset(ost.weekdays or ()))
            need = p.rejoin_threshold or p.threshold
            if x >= need:
                x *= self._figures_cut(frozenset(self.numbers_of.get(b, ())), members, {"xl": xl},
                                       self._gap(st, day))
            if x >= need:
                self._merge(sid, o)

    def restore(self, article_id: str, sid: str, vec: Compact, xn: float, lang: str | None,
                numbers=()) -> None:
        """Put an article's stored vector back (and index it); its story state is restored separately.
        ``xn``: the norm of the vector's language-independent part; ``numbers``: its salient numbers (for
        ``pair_numbers_*``; the link record's array, kept by reference)."""
        self.story_of[article_id] = sid
        intern = sys.intern  # one copy of each key string (a reloaded store would hold one per article)
        vec = (tuple(map(intern, vec[0])), vec[1])
        self.vecs[article_id] = vec
        self.xl_norms[article_id] = xn
        if self.p.pair_numbers_min and len(numbers) >= self.p.pair_numbers_min:
            self.numbers_of[article_id] = numbers  # (fewer never disagree: not kept)
        self.lang_of[article_id] = lang
        self._index(article_id, vec)

    def _close(self, a: str, b: str) -> bool:
        sa, sb = self.stories[a], self.stories[b]
        self._touch(a)
        self._touch(b)
        sim = _dot(sa.centroid, sb.centroid) / ((sa.norm() or 1.0) * (sb.norm() or 1.0))
        if sim >= self.p.merge_threshold and self.p.embed_veto and sa.emb_sum is not None \
                and sb.emb_sum is not None and float(sa.emb_mean() @ sb.emb_mean()) < (
                    self.p.embed_floor if set(sa.languages) & set(sb.languages) else self.p.embed_xl_floor):
            return False
        return sim >= self.p.merge_threshold

    def _merge(self, keep: str, gone: str) -> None:
        a, b = self.stories[keep], self.stories.pop(gone)
        self.dirty.add(keep)
        self.changed.add(keep)
        self.dirty.discard(gone)
        self.changed.discard(gone)
        self.gone.add(gone)
        self._touch(keep)
        _add_into(a.centroid, b.centroid, self.p.max_centroid_terms)
        a._norm = a._xl_norm = 0.0
        a.members.extend(b.members)
        a.languages.update(b.languages)
        a.years.update(b.years)
        a.numbers.update(b.numbers)
        if b.weekdays:
            a.weekdays = (a.weekdays or Counter()) + b.weekdays
        if b.emb_sum is not None:
            a.emb_sum = b.emb_sum if a.emb_sum is None else a.emb_sum + b.emb_sum
            a.emb_members.update(b.emb_members)
            _trim(a.emb_members, self.p.embed_members)
        for d in (b.first, b.last):
            if d:
                a.first = min(a.first or d, d)
                a.last = max(a.last or d, d)
        for m in b.members:
            self.story_of[m] = keep
