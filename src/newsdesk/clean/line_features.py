"""Per-line features of a flattened page (EN and ZH) for the text-mode cleaner.

A flattened page is an innerText-like rendering: one block element per line, blank
lines between paragraphs. :func:`page_features` turns the page's lines into a numpy
matrix with one row per *non-blank* line; the columns are named by
:func:`feature_names`. Everything here is general (shape, punctuation, boilerplate
wording, position, neighbourhood); nothing refers to particular sites.

Cost is linear in the size of the page: character classes are counted for the whole
page at once with numpy (one code-point array, a lookup table and a bincount per
line), the per-line Python work is a few string methods on lines of bounded length,
and the window features use cumulative sums.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .zhscript import to_simplified


_WORD_RE = re.compile(r"[^\W\d_]+")
_ASCII_WORD_RE = re.compile(r"[a-z]+")
_CLOSERS = "\"'”’)）」』】》]*"
_TERMINAL = frozenset(".!?。！？…;；")
_BULLETS = frozenset("•·●○■□◆◇►▶▸»›«‹>*-–—+✓✔→")
_EN_STOP = frozenset(
    "the of and to a in is that for it was on with as he she they be by at this are "
    "from his her have has had an not but or which were their its been will would "
    "who we you there can said one all also more than when about after into could "
    "them these our out up if so what some other only may over new most such".split())

# boilerplate vocabulary (single lowercase words; a line "hits" a group if any word matches)
_KW = {
    "legal": "cookie cookies consent privacy terms rights reserved copyright policy gdpr disclaimer",
    "account": "sign login logout register subscribe subscription subscribers newsletter account "
               "password join signup download app premium",
    "social": "share shares tweet facebook twitter linkedin pinterest whatsapp reddit instagram "
              "youtube email print copy link follow telegram",
    "nav": "read more related recommended popular trending skip menu search home next previous "
           "view see advertisement advertising sponsored tags tag filed category categories "
           "click loading top back latest recent posts stories sections contact about careers sitemap",
    "comment": "comment comments reply replies like likes report posted wrote ago reactions",
}
_KW_GROUPS: dict[str, list[int]] = {}
for _j, _words in enumerate(_KW.values()):
    for _w in _words.split():
        _KW_GROUPS.setdefault(_w, []).append(_j)
_KW_ALL = frozenset(_KW_GROUPS)
_ZH_KW = {
    "legal": "版权|免责|隐私|备案|公网安备|违法和不良|举报|许可证|icp",
    "account": "登录|注册|订阅|客户端|下载|扫一扫|二维码|关注我们|会员",
    "social": "分享|收藏|打印|转发|微信|微博|点赞|复制链接",
    "nav": "相关|推荐|上一篇|下一篇|上一页|下一页|首页|返回|更多|热点|排行|导航|频道|专题|广告|关闭窗口|点击|责任编辑|编辑|来源|标签",
    "comment": "评论|回复|网友|跟帖|发表|楼主|发帖|顶|踩",
}
_ZH_RE = {k: re.compile(v) for k, v in _ZH_KW.items()}
_DATE_RE = re.compile(
    r"\b(?:19|20)\d\d[-/.年]\s?\d{1,2}|\d{1,2}[-/.月]\s?\d{1,2}|\b\d{1,2}:\d\d\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"\b\d+ ?(?:[smhdwy]|mo|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\b|[分小]?[钟时天]前", re.I)
_BYLINE_EN = ("by ", "written by", "author", "photo", "image", "credit", "source", "posted by")
_BYLINE_ZH = re.compile(r"记者|作者|摄影|图片|图/|编辑|通讯员")
_PAT_MAX = 240  # boilerplate patterns are only looked for on lines up to this length

# character classes (mutually exclusive), counted per line with numpy
_C = {name: i for i, name in enumerate(
    ("other", "space", "digit", "upper", "lower", "alpha", "hanf", "han", "term", "dot",
     "comma", "sep", "tab", "at"))}
_NC = len(_C)


@lru_cache(maxsize=1)
def _class_table() -> np.ndarray:
    """Lookup table code point (BMP) -> class id; built once."""
    tab = np.zeros(65536, dtype=np.uint8)
    for i in range(65536):
        c = chr(i)
        if c == "\t":
            k = "tab"
        elif c.isspace():
            k = "space"
        elif c.isdigit():
            k = "digit"
        elif "A" <= c <= "Z":
            k = "upper"
        elif "a" <= c <= "z":
            k = "lower"
        elif 0x3400 <= i <= 0x4DBF or 0x4E00 <= i <= 0x9FFF or 0xF900 <= i <= 0xFAFF:
            k = "hanf" if to_simplified(c) in "的了是在和也就都而与对这那为所以但并其被从把将于之着过" else "han"
        elif c.isalpha():
            k = "alpha"
        elif c in "!?。！？…":
            k = "term"
        elif c == ".":
            k = "dot"
        elif c in ",，、;；":
            k = "comma"
        elif c in "|·•»›｜>/":
            k = "sep"
        elif c == "@":
            k = "at"
        else:
            k = "other"
        tab[i] = _C[k]
    tab[0xFFFF] = _C["other"]
    return tab


def _char_counts(lines: list[str], idx: list[int]) -> np.ndarray:
    """Per non-blank line: counts of each character class (columns 0.._NC-1), then of word
    starts, letter word starts, capitalised word starts and ". " sentence breaks."""
    text = "\n".join(lines[i] for i in idx)
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    cls = _class_table().take(np.minimum(cp, 0xFFFF))
    nl = cp == 10
    line_id = np.cumsum(nl, dtype=np.int64)
    line_id -= nl  # a newline belongs to the line it ends
    n = len(idx)
    k = _NC + 4
    spacey = (cls == _C["space"]) | (cls == _C["tab"])
    starts = ~spacey
    starts[1:] &= spacey[:-1]
    up = cls == _C["upper"]
    letter = up | (cls == _C["lower"]) | (cls == _C["alpha"])
    dot_sp = np.zeros_like(spacey)
    dot_sp[:-1] = (cls[:-1] == _C["dot"]) & spacey[1:]
    base = line_id * k
    codes = np.concatenate([base + cls, base[starts] + _NC, base[starts & letter] + _NC + 1,
                            base[starts & up] + _NC + 2, base[dot_sp] + _NC + 3])
    counts = np.bincount(codes, minlength=n * k).reshape(n, k).astype(float)
    counts[:-1, _C["space"]] -= 1  # the joining newlines
    return counts


def _kw_hits(low: str, han: float) -> list[float]:
    """Boilerplate vocabulary groups hit by a short lower-cased line
    (legal, account, social, nav, comment)."""
    out = [0.0] * 5
    hits = _KW_ALL.intersection(_ASCII_WORD_RE.findall(low))
    for w in hits:
        for j in _KW_GROUPS[w]:
            out[j] = 1.0
    if han:
        for j, rx in enumerate(_ZH_RE.values()):
            if not out[j] and rx.search(low):
                out[j] = 1.0
    return out


@dataclass(frozen=True)
class FeatureConfig:
    """Constants of the feature extractor (the model was trained with the defaults)."""

    prose_units: float = 12.0  # a "prose" line: at least this many units and terminal punctuation
    windows: tuple[int, ...] = (1, 3, 8)  # half-widths of the neighbourhood windows


_RAW = ("units", "han", "chars", "han_ratio", "terminal", "colon_end", "sent_marks", "commas",
        "cap_ratio", "stop_ratio", "zh_func", "digit_ratio", "alnum_ratio", "upper_ratio",
        "bullet", "seps", "tabs", "url", "legal", "account", "social", "nav", "comment", "date",
        "byline", "repeat", "title_sim", "title_eq", "prev_blank", "next_blank")
_CTX = ("rel_pos", "prose_before", "prose_after", "dist_prose_prev", "dist_prose_next",
        "block_lines", "block_units", "block_terminal", "units_rel_max", "has_title", "n_lines",
        "dist_kw_head", "under_kw_head", "dist_head")
_NEIGH = ("units", "terminal", "stop_ratio", "cap_ratio", "nav", "comment", "date", "han_ratio",
          "bullet", "repeat")


def feature_names(cfg: FeatureConfig = FeatureConfig()) -> list[str]:
    """Column names of the matrix returned by :func:`page_features`."""
    names = list(_RAW) + list(_CTX)
    for d in (-2, -1, 1, 2):
        names += [f"{f}@{d:+d}" for f in _NEIGH]
    for k in cfg.windows:
        names += [f"{f}~{k}" for f in _NEIGH]
    return names


def _window_mean(x: np.ndarray, k: int) -> np.ndarray:
    """Mean of x over rows [i-k, i+k] (clipped at the ends); linear time."""
    n = x.shape[0]
    c = np.concatenate([np.zeros((1, x.shape[1])), np.cumsum(x, axis=0)])
    i = np.arange(n)
    lo = np.clip(i - k, 0, n)
    hi = np.clip(i + k + 1, 0, n)
    return (c[hi] - c[lo]) / (hi - lo)[:, None]


def _shift(x: np.ndarray, d: int, fill: float) -> np.ndarray:
    """Row i of the result is row i-d of x (d > 0: the line d before), padded with fill."""
    out = np.full_like(x, fill)
    if d > 0:
        out[d:] = x[:-d]
    elif d < 0:
        out[:d] = x[-d:]
    else:
        out[:] = x
    return out


def _title_tokens(title: str | None) -> set[str]:
    if not title:
        return set()
    t = title.lower()
    return set(_WORD_RE.findall(t)) | {c for c in t if "\u4e00" <= c <= "\u9fff"}


def _line_py(s: str, han: float, digits: float, title_toks: set[str], title_norm: str
             ) -> tuple[list[float], str]:
    """The features that need Python string work for one stripped non-blank line, and the
    line's normalised form (to count repeats)."""
    end = s.rstrip(_CLOSERS)
    last = end[-1:] if end else ""
    terminal = 1.0 if last in _TERMINAL and last else 0.0
    colon = 1.0 if last in (":", "：") else 0.0
    bullet = 1.0 if s[0] in _BULLETS else 0.0
    if len(s) <= _PAT_MAX:
        if han:  # (features only: the line is read in simplified characters, by the patterns as written)
            s = to_simplified(s)
        low = s.lower()
        toks = low.split()
        stop = sum(map(_EN_STOP.__contains__, toks))
        url = 1.0 if ("http" in low or "www." in low or ".com" in low) else 0.0
        kw = _kw_hits(low, han)
        date = 1.0 if (len(s) <= 120 and (digits or han) and _DATE_RE.search(s)) else 0.0
        byline = 1.0 if (low.startswith(_BYLINE_EN) or (han and _BYLINE_ZH.search(s))) else 0.0
        tsim = teq = 0.0
        if title_toks:
            lt = set(_WORD_RE.findall(low))
            if han:  # han counts every character of U+4E00..U+9FFF on the line
                lt |= {c for c in low if "\u4e00" <= c <= "\u9fff"}
            if lt:
                tsim = len(lt & title_toks) / max(len(lt), len(title_toks))
        key = " ".join(toks)
        if title_toks:
            teq = 1.0 if key == title_norm else 0.0
    else:
        key = s
        toks = s[:20000].lower().split()
        stop = sum(map(_EN_STOP.__contains__, toks))
        url = 0.0
        kw = [0.0] * 5
        date = byline = tsim = teq = 0.0
    return [terminal, colon, bullet, float(stop), url, *kw, date, byline, tsim, teq], key


def page_features(lines: list[str], title: str | None = None,
                  cfg: FeatureConfig = FeatureConfig()) -> tuple[np.ndarray, list[int]]:
    """Feature matrix (one row per non-blank line, columns :func:`feature_names`) and the
    indices of those lines in ``lines``."""
    idx = [i for i, ln in enumerate(lines) if ln and not ln.isspace()]
    names = feature_names(cfg)
    if not idx:
        return np.zeros((0, len(names))), idx
    n = len(idx)
    counts = _char_counts(lines, idx)
    stripped = [lines[i].strip() for i in idx]
    title_toks = _title_tokens(title)
    title_norm = " ".join((title or "").lower().split())
    han = counts[:, _C["han"]] + counts[:, _C["hanf"]]
    digit = counts[:, _C["digit"]]
    # a line's Python features depend on its text alone (its Han and digit counts are the
    # text's), so a line repeated on the page (menus, share rows) is read once
    memo: dict[str, tuple[list[float], str]] = {}
    res = []
    for s, h, d in zip(stripped, han.tolist(), digit.tolist()):
        r = memo.get(s)
        if r is None:
            r = memo[s] = _line_py(s, h, d, title_toks, title_norm)
        res.append(r)
    py = np.asarray([r[0] for r in res], dtype=float).reshape(n, 14)
    keys = [r[1] for r in res]
    rep = Counter(keys)
    repeat = np.log([rep[k] for k in keys])
    chars = counts.sum(axis=1) - counts[:, _C["space"]] - counts[:, _C["tab"]]
    chars = np.maximum(chars, 1)
    words, lw, caps, dots = counts[:, _NC:].T
    units = words - 0 + 0.5 * han  # whitespace tokens (a Han run counts once) + Han chars / 2
    letters = counts[:, _C["upper"]] + counts[:, _C["lower"]]
    terminal = py[:, 0]
    ia = np.asarray(idx)
    blank_before = np.ones(n)
    blank_before[1:] = (ia[1:] - ia[:-1]) > 1
    blank_after = np.ones(n)
    blank_after[:-1] = blank_before[1:]
    raw = np.column_stack([
        np.log1p(units), np.log1p(han), np.log1p(chars), han / chars, terminal, py[:, 1],
        np.log1p(dots + counts[:, _C["term"]] + terminal), np.log1p(counts[:, _C["comma"]]),
        caps / np.maximum(lw, 1), py[:, 3] / np.maximum(lw, 1), counts[:, _C["hanf"]] / np.maximum(han, 1),
        counts[:, _C["digit"]] / chars, (letters + counts[:, _C["alpha"]] + han + counts[:, _C["digit"]]) / chars,
        counts[:, _C["upper"]] / np.maximum(letters, 1), py[:, 2], np.minimum(counts[:, _C["sep"]], 20),
        np.minimum(counts[:, _C["tab"]], 20), np.maximum(py[:, 4], counts[:, _C["at"]] > 0),
        py[:, 5], py[:, 6], py[:, 7], py[:, 8], py[:, 9], py[:, 10], py[:, 11], repeat,
        py[:, 12], py[:, 13], blank_before, blank_after,
    ])
    # page context: position, prose mass before/after, distance to prose lines, block shape
    prose = units * ((units >= cfg.prose_units) & (terminal > 0))
    tot = prose.sum()
    cum = np.cumsum(prose) - prose
    before = cum / tot if tot > 0 else np.zeros(n)
    after = (tot - cum - prose) / tot if tot > 0 else np.zeros(n)
    pos = np.arange(n)
    last = np.maximum.accumulate(np.where(prose > 0, pos, -1))
    dprev = np.where(last >= 0, pos - last, n)
    nxt = np.minimum.accumulate(np.where(prose > 0, pos, 2 * n)[::-1])[::-1]
    dnext = np.where(nxt < 2 * n, nxt - pos, n)
    bi = (np.cumsum(blank_before) - 1).astype(np.int64)
    b_lines = np.bincount(bi)
    b_units = np.bincount(bi, weights=units)
    b_term = np.bincount(bi, weights=terminal)
    # section state: the nearest short heading-like line above that carries boilerplate words
    # ("Related", "More from", "Comments", ...) and whether no prose line came after it
    head = (units <= 8) & (terminal == 0)
    kw_any = py[:, 5:10].max(axis=1) > 0
    last_kw = np.maximum.accumulate(np.where(head & kw_any, pos, -1))
    last_head = np.maximum.accumulate(np.where(head, pos, -1))
    dkw = np.where(last_kw >= 0, pos - last_kw, n)
    under = ((last_kw >= 0) & (last_kw > last)).astype(float)
    dhead = np.where(last_head >= 0, pos - last_head, n)
    ctx = np.column_stack([
        ia / max(len(lines) - 1, 1), before, after, np.log1p(dprev), np.log1p(dnext),
        np.log1p(b_lines[bi]), np.log1p(b_units[bi] / b_lines[bi]), b_term[bi] / b_lines[bi],
        units / max(units.max(), 1.0), np.full(n, 1.0 if title_toks else 0.0), np.full(n, np.log1p(n)),
        np.log1p(dkw), under, np.log1p(dhead),
    ])
    col = {name: j for j, name in enumerate(_RAW)}
    neigh = raw[:, [col[f] for f in _NEIGH]]
    parts = [raw, ctx]
    for d in (-2, -1, 1, 2):
        parts.append(_shift(neigh, -d, fill=-1.0))
    for k in cfg.windows:
        parts.append(_window_mean(neigh, k))
    return np.hstack(parts), idx

