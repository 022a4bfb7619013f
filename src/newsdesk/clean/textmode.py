"""Text-mode cleaner: recover the article body from a flattened page (EN and ZH).

A flattened page is an innerText-like rendering of a whole web page, menus, cookie
notices, share buttons, related-headline lists, comments and footers included.
:func:`score_lines` gives each line a probability of belonging to the article body
(a small gradient-boosted ensemble of oblivious trees over the features of
:mod:`newsdesk.clean.line_features`, weights in ``data/textmode_model.json``, run
with numpy only); :func:`select_body` decodes those probabilities into contiguous
spans (a two-state Viterbi pass with a switching cost, which bridges short gaps and
suppresses flicker; spans are then trimmed of unlikely short lines at their ends, cut at
runs of unlikely lines, and small isolated islands are dropped); :func:`clean_text`
returns the kept lines. :func:`clean_text_file` is the entry point for
``shared/tools/eval_extraction.py --python``.

Several body spans can come back (e.g. an aggregator page carrying several full
articles one after the other): they are all kept, in page order.
"""
from __future__ import annotations

import gzip
import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from newsdesk.clean import lines as L
from newsdesk.clean.line_features import FeatureConfig, feature_names, page_features

log = logging.getLogger(__name__)

MODEL_RESOURCE = "textmode_model.json"
_NAMES = feature_names(FeatureConfig())
_COL_UNITS, _COL_CHARS, _COL_HAN_RATIO = (_NAMES.index(c) for c in ("units", "chars", "han_ratio"))
_COL_TERMINAL, _COL_COLON, _COL_URL, _COL_DATE, _COL_BYLINE = (
    _NAMES.index(c) for c in ("terminal", "colon_end", "url", "date", "byline"))
_COLS_KW = [_NAMES.index(c) for c in ("legal", "account", "social", "nav", "comment")]


@dataclass(frozen=True)
class DecodeConfig:
    """Decoder settings. select_body / clean_text use the model file's ``decode`` block
    (tuned with the model) unless a config is passed; the dataclass defaults are neutral, except
    ``plain``, ``rescue_lead`` and the ``lead_*`` rule (not in the model file: on unless a config turns
    them off)."""

    switch_cost: float = 0.5  # log-odds cost of entering / leaving the body state
    bias: float = 0.0  # added to every line's log-odds before decoding
    switch_cost_cjk: float = 0.5  # the same two for pages written mostly in Han characters
    bias_cjk: float = 0.0
    cjk_share: float = 0.3  # a page is "Han" when this share of its characters is Han
    min_span_units: float = 10.0  # drop a span with fewer word units than this ...
    island_prob: float = 0.9  # ... unless its mean probability is at least this
    max_line_chars: int = 2_000_000  # longer lines are cut before feature extraction
    fallback: bool = True  # when nothing is selected, keep the best-scoring run of lines
    edge_prob: float = 0.0  # trim lines below this probability from the ends of each span ...
    edge_max_units: float = 25.0  # ... unless they are at least this long (paragraphs stay)
    split_run: int = 0  # cut a span where >= this many lines in a row score below split_prob (0: off)
    split_prob: float = 0.5
    rescue_units: float = 0.0  # a line at least this long (word units; 0: off) ...
    rescue_prob: float = 0.3  # ... and at least this likely is kept as its own span if left out
    # (Latin-script pages only: on the Chinese tuning pages, long forum/blog lines made it hurt)
    rescue_lead: int = 20  # ... but above the first span only within this many non-blank lines of it (0: any)
    # (a lede the decoder doubted stands right above the body; a blurb far above it is a menu's or a banner's)
    lead_gap: int = 20  # drop the spans at the top of the page when at least this many non-blank lines (0: off)
    lead_units: float = 20.0  # separate them from the next span and none of their lines has this many word
    # units (a mega-menu's labels and one-line blurbs, far above the article, are no paragraphs)
    plain: bool = True  # a plain article file (a title and paragraphs, no page furniture) is kept whole ...
    plain_other: int = 2  # ... when at most max(plain_other, plain_other_share * lines) of its lines
    plain_other_share: float = 0.2  # (the first excepted) are neither sentences nor date/byline lines,
    # none of those carries boilerplate words and no URL or e-mail address stands outside a paragraph


class Forest:
    """Oblivious-tree ensemble (depth D): each tree tests D (feature, threshold) pairs, the
    bits index one of 2**D leaf values; base + the sum of the leaves is a log-odds."""

    def __init__(self, spec: dict) -> None:
        self.base = float(spec["base"])
        trees = spec["trees"]
        self.depth = int(spec["depth"])
        nt, d = len(trees), self.depth
        feat = np.asarray([t["f"] for t in trees], dtype=np.int64).reshape(nt, d)
        thr = np.asarray([t["t"] for t in trees], dtype=float).reshape(nt, d)
        leaf = np.asarray([t["v"] for t in trees], dtype=float).reshape(nt, 2 ** d)
        self._cols = feat.ravel()
        self._thr = thr.ravel()
        self._ntrees = nt
        self._offset = (np.arange(nt) * 2 ** d).astype(np.int64)
        self._leaf_flat = leaf.ravel()

    def logits(self, x: np.ndarray, chunk: int = 2048) -> np.ndarray:
        """Log-odds per row of the feature matrix (in chunks of rows: bounded memory)."""
        if x.shape[0] > chunk:
            return np.concatenate([self.logits(x[i:i + chunk], chunk) for i in range(0, x.shape[0], chunk)])
        if x.shape[0] == 0:
            return np.zeros(0)
        xt = np.ascontiguousarray(x.T)
        bits = (xt[self._cols] > self._thr[:, None]).reshape(self._ntrees, self.depth, x.shape[0])
        leaf = np.zeros((self._ntrees, x.shape[0]), dtype=np.int64)
        for d in range(self.depth):
            leaf <<= 1
            leaf |= bits[:, d]
        leaf += self._offset[:, None]
        return self.base + self._leaf_flat.take(leaf).sum(axis=0)


class TextModel:
    """The line classifier: a :class:`Forest` over :func:`page_features`, plus the decoder
    settings tuned with it."""

    def __init__(self, spec: dict) -> None:
        self.spec = spec
        if spec["features"] != feature_names(FeatureConfig()):
            raise ValueError("textmode model was trained on a different feature set")
        self.forest = Forest(spec)
        dec = spec.get("decode", {})
        self.decode = DecodeConfig(**{k: v for k, v in dec.items() if k in DecodeConfig.__annotations__})

    def logits(self, x: np.ndarray) -> np.ndarray:
        """Log-odds per row of the feature matrix of one page."""
        return self.forest.logits(x)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> TextModel:
    """The trained model (packaged JSON by default), loaded once."""
    if path is None:
        raw = resources.files("newsdesk").joinpath("data", MODEL_RESOURCE).read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    model = TextModel(json.loads(raw))
    log.debug("text-mode model loaded: %d trees of depth %d", model.forest._ntrees, model.forest.depth)
    return model


def _prepare(lines: list[str], max_line_chars: int) -> list[str]:
    return [ln if len(ln) <= max_line_chars else ln[:max_line_chars] for ln in lines]


def line_logits(lines: list[str], title: str | None = None, model: TextModel | None = None,
                max_line_chars: int = DecodeConfig.max_line_chars
                ) -> tuple[np.ndarray, list[int], np.ndarray]:
    """Log-odds of the non-blank lines, their indices, and the feature matrix."""
    model = model or load_model()
    x, idx = page_features(_prepare(lines, max_line_chars), title)
    return model.logits(x), idx, x


def decode_page(idx: list[int], z: np.ndarray, x: np.ndarray, cfg: DecodeConfig) -> list[tuple[int, int]]:
    """Body spans from the log-odds and feature matrix of a page's non-blank lines."""
    if not idx:
        return []
    units = np.expm1(x[:, _COL_UNITS])
    chars = np.expm1(x[:, _COL_CHARS])
    if cfg.plain and is_plain_page(x, units, cfg):
        return [(idx[0], idx[-1] + 1)]
    han = float((x[:, _COL_HAN_RATIO] * chars).sum())
    cjk = han >= cfg.cjk_share * max(float(chars.sum()), 1.0)
    return decode_spans(idx, z, units, cfg, cjk)


def is_plain_page(x: np.ndarray, units: np.ndarray, cfg: DecodeConfig = DecodeConfig()) -> bool:
    """A plain article file, not a flattened web page: a title line, then paragraphs or sentences, maybe
    a date or byline line. Every line after the first is a sentence (ends with sentence punctuation or a
    colon and has >= 3 word units) or a long line, except at most max(plain_other, plain_other_share *
    lines) short other lines (subheadings, list items); none of those carries boilerplate vocabulary (a
    flattened page always has a few: "Share", "Sign in", "Related", "Comments", "Privacy") and no link or
    e-mail address stands outside a paragraph. Such a file has nothing to strip, and the line model
    (trained on whole pages, where the last lines are footers) would cut real paragraphs from it."""
    n = x.shape[0]
    if n < 2 or (x[0, _COL_URL] > 0 and units[0] < 3):
        return False
    rest = x[1:]
    u = units[1:]
    sentence = ((rest[:, _COL_TERMINAL] > 0) | (rest[:, _COL_COLON] > 0)) & (u >= 3) | (u >= 20)
    if (rest[:, _COL_URL] > 0)[~sentence | (u < 12)].any():
        return False  # a link or address outside a paragraph ("JD.com" inside a paragraph is a name)
    meta = ((rest[:, _COL_DATE] > 0) | (rest[:, _COL_BYLINE] > 0)) & (u <= 16)
    other = ~(sentence | meta)
    if int(other.sum()) > max(cfg.plain_other, cfg.plain_other_share * n):
        return False
    return not rest[other][:, _COLS_KW].any()


def score_lines(lines: list[str], title: str | None = None) -> list[float]:
    """Probability, per line, that the line belongs to the article body (blank lines get 0.0)."""
    z, idx, _ = line_logits(lines, title)
    out = [0.0] * len(lines)
    if idx:
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        for i, v in zip(idx, p.tolist()):
            out[i] = v
    return out


def decode_spans(idx: list[int], z: np.ndarray, units: np.ndarray,
                 cfg: DecodeConfig = DecodeConfig(), cjk: bool = False) -> list[tuple[int, int]]:
    """Contiguous body spans [start, end) of page lines from the non-blank lines' log-odds
    (``idx``: their line numbers, ``units``: their lengths in word units).

    Two-state Viterbi over the non-blank lines (emissions: +-half the log-odds, a cost
    ``switch_cost`` for each change of state), then spans with fewer than
    ``min_span_units`` word units are dropped unless their mean probability is at least
    ``island_prob``; spans are trimmed of unlikely short lines at both ends and cut at
    runs of ``split_run`` unlikely lines; a group of short-lined spans far above the rest
    is dropped (``lead_gap``: a mega-menu); long, fairly likely lines left out are added
    back as their own spans (``rescue_units``; above the body only near it). ``cjk``: use the settings for Han-script
    pages."""
    n = len(idx)
    if n == 0:
        return []
    e = (np.clip(z, -30, 30) + (cfg.bias_cjk if cjk else cfg.bias)).tolist()
    u = units.tolist()
    c = cfg.switch_cost_cjk if cjk else cfg.switch_cost
    # states: 0 = boilerplate, 1 = body; scores are log-odds-like (body gets +e/2, other -e/2)
    s0, s1 = -e[0] / 2, e[0] / 2 - c  # entering the body at the start costs a switch too
    back = bytearray(2 * n)
    for i in range(1, n):
        h = e[i] / 2
        a0, a1 = s0, s1 - c  # to state 0 from 0 / from 1
        b0, b1 = s0 - c, s1  # to state 1 from 0 / from 1
        if a0 >= a1:
            n0 = a0 - h
        else:
            n0, back[2 * i] = a1 - h, 1
        if b1 >= b0:
            n1, back[2 * i + 1] = b1 + h, 1
        else:
            n1 = b0 + h
        s0, s1 = n0, n1
    state = 1 if s1 - c > s0 else 0  # leaving the body at the end costs a switch
    states = bytearray(n)
    for i in range(n - 1, -1, -1):
        states[i] = state
        state = back[2 * i + state] if i else state
    p = (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).tolist()  # without the bias
    spans: list[tuple[int, int]] = []
    for i, j in _runs(states, p, u, cfg):
        span_units = sum(u[i:j + 1])
        mean_p = sum(p[i:j + 1]) / (j - i + 1)
        if span_units >= cfg.min_span_units or mean_p >= cfg.island_prob:
            spans.append((idx[i], idx[j] + 1))
    if cfg.lead_gap > 0:
        spans = _drop_lead(spans, idx, u, cfg)
    if cfg.rescue_units > 0 and not cjk:
        spans = _rescue(spans, idx, p, u, cfg)
    if not spans and cfg.fallback:
        spans = [_best_run(idx, e)]
    return spans


def _runs(states: bytearray, p: list[float], u: list[float], cfg: DecodeConfig) -> list[tuple[int, int]]:
    """Inclusive [i, j] runs of body state, cut at runs of >= split_run low-probability
    lines (which are dropped) and trimmed of low-probability lines at both ends."""
    n = len(states)
    out: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if not states[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and states[j + 1]:
            j += 1
        pieces = [(i, j)]
        if cfg.split_run > 0:
            pieces, a, k = [], i, i
            while k <= j:
                if p[k] < cfg.split_prob:
                    m = k
                    while m + 1 <= j and p[m + 1] < cfg.split_prob:
                        m += 1
                    if m - k + 1 >= cfg.split_run:
                        if k > a:
                            pieces.append((a, k - 1))
                        a = m + 1
                    k = m + 1
                else:
                    k += 1
            if a <= j:
                pieces.append((a, j))
        for a, b in pieces:
            while a <= b and p[a] < cfg.edge_prob and u[a] < cfg.edge_max_units:
                a += 1
            while b >= a and p[b] < cfg.edge_prob and u[b] < cfg.edge_max_units:
                b -= 1
            if a <= b:
                out.append((a, b))
        i = j + 1
    return out


def _rescue(spans: list[tuple[int, int]], idx: list[int], p: list[float], u: list[float],
            cfg: DecodeConfig) -> list[tuple[int, int]]:
    """Add long, fairly likely paragraphs that the decoder left out as one-line spans
    (e.g. the last of several stacked articles on an aggregator page); above the first span only
    within ``rescue_lead`` non-blank lines of it (a lede the decoder doubted)."""
    covered = bytearray(len(idx))
    pos = {line: k for k, line in enumerate(idx)}
    for a, b in spans:
        for line in range(a, b):
            k = pos.get(line)
            if k is not None:
                covered[k] = 1
    low = pos[spans[0][0]] - cfg.rescue_lead if spans and cfg.rescue_lead > 0 else 0
    extra = [(idx[k], idx[k] + 1) for k in range(max(0, low), len(idx))
             if not covered[k] and u[k] >= cfg.rescue_units and p[k] >= cfg.rescue_prob]
    return sorted(spans + extra) if extra else spans


def _drop_lead(spans: list[tuple[int, int]], idx: list[int], u: list[float],
               cfg: DecodeConfig) -> list[tuple[int, int]]:
    """Drop the group of spans at the top of the page (spans less than ``lead_gap`` non-blank lines
    apart) when ``lead_gap`` or more non-blank lines separate it from the next span and none of its
    lines is as long as ``lead_units`` word units: the labels and one-line blurbs of a mega-menu, far
    above the article, not its text. Repeated while it applies; the last group always stays."""
    if len(spans) < 2:
        return spans
    pos = {line: k for k, line in enumerate(idx)}

    def k_of(line: int) -> int:  # the non-blank line at or after `line`
        while line not in pos:
            line += 1
        return pos[line]

    while len(spans) >= 2:
        g = 1
        while g < len(spans) and k_of(spans[g][0]) - k_of(spans[g - 1][1] - 1) - 1 < cfg.lead_gap:
            g += 1
        if g >= len(spans):
            break
        longest = max(u[k] for a, b in spans[:g] for k in range(k_of(a), k_of(b - 1) + 1))
        if longest >= cfg.lead_units:
            break
        spans = spans[g:]
    return spans


def _best_run(idx: list[int], e: list[float]) -> tuple[int, int]:
    """The maximum-sum run of lines, scores shifted so that the best line counts +1."""
    shift = max(e) - 1.0
    best, best_ab = -math.inf, (0, 0)
    cur, start = 0.0, 0
    for k, v in enumerate(e):
        if cur <= 0:
            cur, start = 0.0, k
        cur += v - shift
        if cur > best:
            best, best_ab = cur, (start, k)
    return idx[best_ab[0]], idx[best_ab[1]] + 1


def select_body(lines: list[str], title: str | None = None,
                cfg: DecodeConfig | None = None) -> list[tuple[int, int]]:
    """The body as one or more contiguous [start, end) line spans (decoded from the
    line scores: smoothed, short gaps bridged, isolated islands dropped)."""
    model = load_model()
    cfg = cfg or model.decode
    z, idx, x = line_logits(lines, title, model, cfg.max_line_chars)
    return _after_list_head(lines, decode_page(idx, z, x, cfg))


def _after_list_head(lines: list[str], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop the last span when it is a single paragraph below the heading of a list of other stories
    ("You may also like", "Related"; a heading alone on its line between it and the span before): below
    the article, that paragraph is a teaser of the list or the site's blurb, not the article's last
    paragraph (an article goes on after a related box in its middle with more than one paragraph)."""
    if len(spans) < 2:
        return spans
    a, b = spans[-1]
    if sum(1 for i in range(a, b) if lines[i].strip()) != 1:
        return spans
    if any(L.LIST_HEAD.match(lines[i]) for i in range(spans[-2][1], a)):
        return spans[:-1]
    return spans


def spans_to_text(lines: list[str], spans: list[tuple[int, int]]) -> str:
    """Kept lines; a blank line between paragraphs (and between spans)."""
    paras: list[str] = []
    for a, b in spans:
        cur: list[str] = []
        for ln in lines[a:b]:
            s = ln.strip()
            if s:
                cur.append(s)
            elif cur:
                paras.append("\n".join(cur))
                cur = []
        if cur:
            paras.append("\n".join(cur))
    return "\n\n".join(paras)


def split_lines(text: str) -> list[str]:
    """Lines of a flattened page (\\r\\n, \\r and \\n all end a line)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def clean_text(text: str, title: str | None = None, cfg: DecodeConfig | None = None) -> str:
    """The article body of a flattened page: kept lines, paragraphs separated by a blank line."""
    if not text or text.isspace():
        return ""
    lines = split_lines(text)
    return spans_to_text(lines, select_body(lines, title, cfg))


def clean_text_file(path: str) -> str:
    """clean_text over a UTF-8 text file (``.gz`` allowed); for the evaluation tool."""
    p = Path(path)
    data = gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()
    return clean_text(data.decode("utf-8", errors="replace"))
