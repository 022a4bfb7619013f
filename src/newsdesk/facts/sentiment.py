"""Entity-level sentiment: a score in [-1, 1] per article × entity, with its evidence sentence.

English: a target-aware linear model (multinomial logistic regression) trained on the SEntFiN 1.0
headlines (see data/SENTIMENT.md and scripts/train_sentiment.py). A sentence is featurised with the
target mention replaced by a marker ("§", other entity mentions by "¤"): TF-IDF word 1–2-grams,
character 2–5-grams and target-window features (words next to the target, words of the target's
clause). The model ships as JSON with int8-quantised weights; inference is pure Python + numpy.

Chinese: the training data is English, so Chinese sentences are scored with a small hand-written
financial polarity lexicon (上涨/利好/超预期 vs 下跌/亏损/不及预期 …) with negation and clause proximity.

Score of a sentence = P(positive) − P(negative). An article's score for an entity is the weighted mean
over the sentences that mention it (title and lead sentences weigh more); the evidence is the sentence
with the largest weighted |score|.
"""
from __future__ import annotations

import base64
import json
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path

import numpy as np

from ..clean.zhscript import to_simplified
from ..model import Article, Entity, Mention, Sentiment
from .market import split_sentences

log = logging.getLogger(__name__)

__all__ = ["entity_sentiment", "score_target", "score_sentence", "featurize", "load_model", "SentimentModel",
           "zh_lexicon_score"]

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "sentiment_model.json"
CLASSES = ("negative", "neutral", "positive")
TARGET, OTHER = "§", "¤"

# ---------------------------------------------------------------- features (shared with training)
_WORD_RE = re.compile(r"[§¤]|[^\W_]+(?:['’][^\W_]+)?|[;:|!?,]|--?|[—–]")
_CLAUSE_PUNCT = {";", ":", "|", "!", "?", ",", "-", "--", "—", "–"}
_PUNCT_TOKENS = frozenset(_CLAUSE_PUNCT)  # the tokens of _WORD_RE that are neither words nor markers
_CLAUSE_WORDS = {"but", "while", "whereas", "though", "although", "however", "yet", "despite", "amid", "after",
                 "as", "even", "on", "vs", "versus", "than"}
_CLAUSE_BOUNDARY = frozenset(_CLAUSE_PUNCT | _CLAUSE_WORDS)
_SUBLINEAR = np.array([0.0] + [1.0 + math.log(n) for n in range(1, 64)], dtype=np.float32)
_DIGIT_RE = re.compile(r"\d")
_SPACE_RE = re.compile(r"\s+")


def mark(text: str, targets: list[tuple[int, int]], others: list[tuple[int, int]] = ()) -> str:
    """The text with target spans replaced by § and other entity spans by ¤ (overlaps: target wins)."""
    others = [(a, b) for a, b in others if not any(a < tb and ta < b for ta, tb in targets)]
    spans = sorted([(a, b, TARGET) for a, b in targets] + [(a, b, OTHER) for a, b in others],
                   key=lambda s: (s[0], s[2] != TARGET, -s[1]))
    out, pos = [], 0
    for a, b, m in spans:
        if a < pos or b <= a:
            continue
        out.append(text[pos:a])
        out.append(m)
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _normalize(marked: str) -> str:
    """The sentence as the features see it: lower case, digits as 0, runs of white space as one space."""
    return _DIGIT_RE.sub("0", _SPACE_RE.sub(" ", marked.lower())).strip()


def _normalize_many(marked: list[str]) -> list[str]:
    """``_normalize`` of each sentence, in one pass over them joined by NUL (no white space, no digit, not
    cased: nothing on either side of it changes)."""
    if len(marked) < 2 or any("\0" in m for m in marked):
        return [_normalize(m) for m in marked]
    joined = _DIGIT_RE.sub("0", _SPACE_RE.sub(" ", "\0".join(marked).lower()))
    return [t.strip() for t in joined.split("\0")]


def featurize(marked: str, ngram_chars: tuple[int, int] = (2, 5), window: int = 3) -> dict[str, Counter]:
    """Feature counts per block of a marked sentence: 'w' words 1–2-grams, 'c' char n-grams, 'x' target
    window/clause features (binary)."""
    s = _normalize(marked)
    w, x = _token_features(s, window)
    padded = " " + s + " "
    size = len(padded)
    c = Counter([padded[i:i + n] for n in range(ngram_chars[0], ngram_chars[1] + 1) for i in range(size - n + 1)])
    return {"w": w, "c": c, "x": x}


def _token_features(s: str, window: int) -> tuple[Counter, Counter]:
    """The 'w' (word 1–2-grams) and 'x' (target window/clause) blocks of a normalised sentence."""
    toks = _WORD_RE.findall(s)
    words = [t for t in toks if t not in _PUNCT_TOKENS]  # words and markers (a word starts alphanumeric)
    w = Counter(words)
    w.update(map(" ".join, zip(words, words[1:])))
    x: Counter = Counter()
    if TARGET in words:
        n = len(words)
        tpos = [i for i, t in enumerate(words) if t == TARGET]
        for i in tpos:
            for k in range(1, window + 1):
                x["L%d=" % k + (words[i - k] if i - k >= 0 else "<s>")] = 1
                x["R%d=" % k + (words[i + k] if i + k < n else "</s>")] = 1
                if i - k < 0 or i + k >= n:
                    break
            x["R12=" + (words[i + 1] if i + 1 < n else "</s>") + " " + (words[i + 2] if i + 2 < n else "</s>")] = 1
            x["L12=" + (words[i - 2] if i >= 2 else "<s>") + " " + (words[i - 1] if i >= 1 else "<s>")] = 1
        # the target's clause: tokens between clause boundaries around the first target occurrence
        clause: list[str] = []
        cur: list[str] = []
        found = False
        for t in toks:
            if t in _CLAUSE_BOUNDARY:
                if found:
                    break
                cur = [] if t in _CLAUSE_PUNCT else [t]
                continue
            cur.append(t)
            if t == TARGET:
                found = True
            clause = cur
        for t in clause:
            if t != TARGET:
                x["C=" + t] = 1
        for a, b in zip(clause, clause[1:]):
            x["CB=" + a + " " + b] = 1
        first = tpos[0]
        rel = first / max(1, n - 1)
        x["pos=%s" % ("start" if first == 0 else "end" if first == n - 1 else "early" if rel < 0.5 else "late")] = 1
    else:
        x["notarget"] = 1
    x["others=%d" % min(words.count(OTHER), 2)] = 1
    return w, x


def _stable_argsort(a: np.ndarray, bits: int) -> np.ndarray:
    """``np.argsort(a, kind="stable")`` of non-negative integers below 2**bits: least significant 16 bits
    first, each pass a stable sort of 16-bit keys (numpy radix-sorts those)."""
    perm = None
    for shift in range(0, max(bits, 1), 16):
        part = a if perm is None else a[perm]
        order = np.argsort(((part >> shift) & 0xFFFF).astype(np.uint16), kind="stable")
        perm = order if perm is None else perm[order]
    return perm


_HASH_MULT = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing (_first_occurrences)


def _first_occurrences(a: np.ndarray) -> np.ndarray:
    """For non-negative int64 keys: rep[i] = the smallest j with a[j] == a[i].

    Without sorting them all: each key hashes to a slot of a scratch table, which keeps the smallest index
    hashed to it (np.minimum.at): the first occurrence of every key whose own value sits there. The keys that
    share a slot with an earlier different key (all their occurrences alike) are resolved by a stable sort."""
    n = len(a)
    if not n:
        return np.empty(0, dtype=np.int64)
    hb = max(8, (4 * n).bit_length())
    h = ((a.view(np.uint64) * _HASH_MULT) >> np.uint64(64 - hb)).view(np.int64)
    scratch = np.empty(1 << hb, dtype=np.int64)
    scratch[h] = n
    np.minimum.at(scratch, h, np.arange(n))
    rep = scratch[h]
    bad = np.flatnonzero(a[rep] != a)
    if len(bad):
        sub = a[bad]
        perm = np.argsort(sub, kind="stable")  # runs of equal keys, each in index order
        srt = sub[perm]
        head = np.empty(len(srt), dtype=bool)
        head[:1] = True
        np.not_equal(srt[1:], srt[:-1], out=head[1:])
        starts = np.flatnonzero(head)
        rep[bad[perm]] = np.repeat(bad[perm[starts]], np.diff(np.append(starts, len(srt))))
    return rep


class _CharGrams:
    """The char n-gram block without Python strings, for many sentences at once.

    Each n-gram becomes an integer key: its characters as digits 1..B-1 of a base-B number (B a power of
    two), so n-grams of different lengths never share a key; the sentence's index in the batch goes in the
    bits above. All keys of a batch are counted at once (``_first_occurrences``) and looked up in an
    open-addressing table of the vocabulary's keys. Per sentence this gives exactly what ``Counter`` over the
    n-gram strings gives: the distinct n-grams in order of first occurrence (n-major, then position) with their
    counts, mapped to vocabulary rows (``unk`` for unknown ones).

    Characters of the vocabulary have fixed digits; the other characters get digits of their own above those,
    numbered in the batch, or per sentence when the batch has too many (they are in no vocabulary n-gram: only
    their identity within a sentence matters for the counts). A sentence with too many such characters makes ``lookup_many`` give
    None; ``lookup_each`` then splits the batch, and such a sentence alone gives None (the caller then
    counts strings)."""

    _MULT = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing of the keys into the table

    def __init__(self, vocab: dict[str, int], ngram: tuple[int, int], unk: int):
        self.lo, self.hi = ngram
        self.unk = unk
        chars = sorted({ch for f in vocab for ch in f})
        self.n_known = len(chars)
        # digits of (n_known + 1).bit_length() bits at least, wider while 20 bits stay for the sentence index
        self.bits = max((self.n_known + 1).bit_length() + 1, (62 - 20) // max(1, self.hi))
        self.base = 1 << self.bits
        self.key_bits = self.bits * self.hi
        self.ok = bool(vocab) and 1 <= self.lo <= self.hi and self.key_bits <= 62 - 8 \
            and all(self.lo <= len(f) <= self.hi for f in vocab)
        if not self.ok:
            return
        self.sid_bits = 62 - self.key_bits  # sentence index bits of a batch key
        top = max(ord(ch) for ch in chars) + 1
        self.table = np.zeros(top, dtype=np.int64)  # code point -> digit (0: not in the vocabulary)
        for d, ch in enumerate(chars, start=1):
            self.table[ord(ch)] = d
        digit = {ch: d for d, ch in enumerate(chars, start=1)}
        keys = []
        for f in vocab:
            k = 0
            for ch in f:
                k = (k << self.bits) + digit[ch]
            keys.append(k)
        # open addressing with linear probing, at most a quarter full (most keys sit in their first slot);
        # a slot holds key << 20 | row (-1: empty; keys are >= 0, rows < 2**20). Keys two slots or more from
        # their first one are looked up in the sorted keys instead.
        self.hbits = max(4, (4 * len(keys)).bit_length())
        size = 1 << self.hbits
        slots = ((np.asarray(keys, dtype=np.int64).astype(np.uint64) * self._MULT)
                 >> np.uint64(64 - self.hbits)).astype(np.int64).tolist()
        table = [-1] * size
        rows = list(vocab.values())
        self.ok = self.ok and self.key_bits + 20 <= 62 and (not rows or max(rows) < (1 << 20)) and unk < (1 << 20)
        if not self.ok:
            return
        for k, h, r in zip(keys, slots, rows):
            while table[h] != -1:
                h = (h + 1) & (size - 1)
            table[h] = (k << 20) | r
        self.table_kr = np.asarray(table, dtype=np.int64)
        order = np.argsort(np.asarray(keys, dtype=np.int64), kind="stable")
        self.keys = np.asarray(keys, dtype=np.int64)[order]
        self.rows = np.asarray(rows, dtype=np.int64)[order]

    def _rows(self, keys: np.ndarray) -> np.ndarray:
        """Vocabulary rows of keys (``unk`` when absent)."""
        mask = (1 << self.hbits) - 1
        h = ((keys.astype(np.uint64) * self._MULT) >> np.uint64(64 - self.hbits)).astype(np.int64)
        found = self.table_kr[h]
        hit = (found >> 20) == keys
        out = np.where(hit, found & 0xFFFFF, self.unk)
        rest = np.flatnonzero(~hit & (found != -1))  # the slot holds another key: look further
        if len(rest):
            k2 = keys[rest]
            found2 = self.table_kr[(h[rest] + 1) & mask]
            hit2 = (found2 >> 20) == k2
            out[rest[hit2]] = found2[hit2] & 0xFFFFF
            rest = rest[~hit2 & (found2 != -1)]
            if len(rest):  # rare: by binary search
                k3 = keys[rest]
                pos = np.searchsorted(self.keys, k3)
                pos[pos >= len(self.keys)] = 0
                out[rest] = np.where(self.keys[pos] == k3, self.rows[pos], self.unk)
        return out

    def lookup_many(self, padded: list[str]) -> tuple[np.ndarray, np.ndarray, list[int]] | None:
        """(rows, counts, cuts): sentence i's distinct n-grams are rows[cuts[i]:cuts[i + 1]] (counts alike);
        None when the batch does not fit the scheme (see ``lookup_each``)."""
        n_sent = len(padded)
        if not n_sent or n_sent >= (1 << self.sid_bits):
            return None
        cp = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        sid = np.repeat(np.arange(n_sent, dtype=np.int64), np.fromiter(map(len, padded), np.int64, n_sent))
        top = len(self.table)
        d = self.table[np.minimum(cp, top - 1)]
        d[cp >= top] = 0
        other = np.flatnonzero(d == 0)
        if len(other):  # characters no vocabulary n-gram has: digits of their own above the vocabulary's
            oc = cp[other]
            u = np.unique(oc)
            if self.n_known + len(u) < self.base:  # one digit per such character of the batch
                d[other] = self.n_known + 1 + np.searchsorted(u, oc)
            else:  # numbered per sentence (only their identity within a sentence matters)
                u, inv = np.unique((sid[other] << 21) | oc, return_inverse=True)  # code points < 2**21
                usid = u >> 21
                rank = np.arange(len(u)) - np.searchsorted(usid, usid)  # 0, 1, ... within each sentence
                if self.n_known + 1 + int(rank.max()) >= self.base:
                    return None
                d[other] = self.n_known + 1 + rank[inv.ravel()]
        # keys of the n-grams at every position (those running into the next sentence are dropped), the
        # sentence's index in the bits above: n-major, then position in the batch, so that within a sentence
        # the order is Counter's (n-major, then position)
        hi_sid = sid << self.key_bits
        parts = []
        k = d
        for n in range(1, self.hi + 1):
            if n > 1:
                k = (k[:-1] << self.bits) + d[n - 1:]
            if n < self.lo:
                continue
            if n > 1:
                keep = sid[:-(n - 1)] == sid[n - 1:]
                parts.append((hi_sid[:-(n - 1)] + k)[keep])
            else:
                parts.append(hi_sid + k)
        comp = np.concatenate(parts)
        rep = _first_occurrences(comp)
        firsts = np.flatnonzero(rep == np.arange(len(comp)))  # the distinct n-grams, first occurrences
        counts = np.bincount(rep, minlength=len(comp))[firsts]
        fc = comp[firsts]
        fs = fc >> self.key_bits
        order = _stable_argsort(fs, n_sent.bit_length())  # sentence by sentence, each in the order above
        fc, counts, fs = fc[order], counts[order], fs[order]
        rows = self._rows(fc & ((1 << self.key_bits) - 1))
        return rows, counts, np.searchsorted(fs, np.arange(n_sent + 1)).tolist()

    def lookup_each(self, padded: list[str]) -> list[tuple[np.ndarray, np.ndarray] | None]:
        """(rows, counts) per sentence, or None for a sentence that does not fit the scheme."""
        got = self.lookup_many(padded)
        if got is None:
            if len(padded) <= 1:
                return [None] * len(padded)
            half = len(padded) // 2
            return self.lookup_each(padded[:half]) + self.lookup_each(padded[half:])
        rows, counts, cuts = got
        return [(rows[cuts[i]:cuts[i + 1]], counts[cuts[i]:cuts[i + 1]]) for i in range(len(padded))]


# ---------------------------------------------------------------- model
@dataclass
class SentimentModel:
    vocab: dict[str, dict[str, int]]  # block -> feature -> row of ``weights``
    idf: np.ndarray  # (n,)
    weights: np.ndarray  # (n, 3) float32
    bias: np.ndarray  # (3,)
    block_weights: dict[str, float]
    params: dict

    def __post_init__(self) -> None:
        # one extra all-zero row: the index of unknown features, so lookups need no filtering
        self._unk = len(self.idf)
        self._idf0 = np.append(self.idf, np.float32(0.0)).astype(np.float32)
        self._w0 = np.vstack([self.weights, np.zeros((1, self.weights.shape[1]), np.float32)])
        self._ngram = tuple(self.params.get("ngram_chars", (2, 5)))
        self._window = int(self.params.get("window", 3))
        self._chars: _CharGrams | None = None  # built on first use

    def _char_grams(self) -> _CharGrams:
        chars = self._chars
        if chars is None:
            chars = self._chars = _CharGrams(self.vocab.get("c", {}), self._ngram, self._unk)
        return chars

    def _vectors(self, marked: list[str]) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """The TF-IDF vectors of marked sentences, sentence after sentence: sentence i's indices and values
        are idx[cuts[i]:cuts[i + 1]] (and val alike), each exactly the one-sentence ``vectorize`` result.

        Counting and element-wise arithmetic run over the whole batch; the sums (the block norms) run per
        sentence on fresh arrays equal to those of the sentence alone, so the float results are the same."""
        norm = _normalize_many(marked)
        n_sent = len(norm)
        if not n_sent:
            return np.zeros(0, np.int64), np.zeros(0, np.float32), [0]
        tokens = [_token_features(s, self._window) for s in norm]
        unk = self._unk
        lo, hi = self._ngram
        js, vs, cut_rows = [], [], []  # per block: rows, values, where each sentence's part starts
        weights = []
        for block in ("w", "c", "x"):
            bw = self.block_weights.get(block, 0.0)
            voc = self.vocab.get(block)
            if not bw or not voc:
                continue
            j = n = None
            if block == "c":
                chars = self._char_grams()
                got = chars.lookup_many([" " + s + " " for s in norm]) if chars.ok else None
                if got is not None:
                    j, n, cuts = got
                else:  # per sentence, strings for a sentence that does not fit
                    each = chars.lookup_each([" " + s + " " for s in norm]) if chars.ok else [None] * n_sent
                    counters = []
                    for s, c in zip(norm, each):
                        if c is None:
                            padded = " " + s + " "
                            c = Counter([padded[p:p + k] for k in range(lo, hi + 1)
                                         for p in range(len(padded) - k + 1)])
                            c = (np.fromiter(map(voc.get, c, repeat(unk)), dtype=np.int64, count=len(c)),
                                 np.fromiter(c.values(), dtype=np.int64, count=len(c)))
                        counters.append(c)
                    cuts = [0]
                    for c in counters:
                        cuts.append(cuts[-1] + len(c[0]))
                    j = np.concatenate([c[0] for c in counters])
                    n = np.concatenate([c[1] for c in counters])
            else:
                counters = [t[0 if block == "w" else 1] for t in tokens]
                cuts = [0]
                for c in counters:
                    cuts.append(cuts[-1] + len(c))
                j = np.fromiter(map(voc.get, chain.from_iterable(counters), repeat(unk)), dtype=np.int64,
                                count=cuts[-1])
                n = np.fromiter(chain.from_iterable(c.values() for c in counters), dtype=np.int64, count=cuts[-1])
            js.append(j)
            vs.append(_SUBLINEAR[np.minimum(n, len(_SUBLINEAR) - 1)] * self._idf0[j])
            cut_rows.append(cuts)
            weights.append(bw)
        n_blocks = len(js)
        # block norms, one sum per sentence and block on a fresh copy (as a lone sentence's array)
        sq = np.zeros((n_sent, n_blocks), dtype=np.float32)
        for b in range(n_blocks):
            v, cuts = vs[b], cut_rows[b]
            for i in range(n_sent):
                x, y = cuts[i], cuts[i + 1]
                if y > x:
                    part = v[x:y].copy()
                    sq[i, b] = part @ part
        norms = np.sqrt(sq)  # float32, element-wise: as np.sqrt of each sum
        # segments (sentence-major, block order within a sentence) of the blocks that count (norm > 0)
        seg_start, seg_len, seg_scale = [], [], []
        offsets = [0]
        for b in range(n_blocks):
            offsets.append(offsets[-1] + len(js[b]))
        cuts_out = [0]
        norms_l = norms.tolist()
        for i in range(n_sent):
            total = cuts_out[-1]
            for b in range(n_blocks):
                x, y = cut_rows[b][i], cut_rows[b][i + 1]
                nv = norms_l[i][b]
                if y > x and nv > 0:
                    seg_start.append(offsets[b] + x)
                    seg_len.append(y - x)
                    seg_scale.append(weights[b] / nv)  # float64, as bw / float(norm)
                    total += y - x
            cuts_out.append(total)
        if not seg_len:
            return np.zeros(0, np.int64), np.zeros(0, np.float32), cuts_out
        lens = np.asarray(seg_len, dtype=np.int64)
        ends = np.cumsum(lens)
        perm = np.repeat(np.asarray(seg_start, dtype=np.int64) - (ends - lens), lens) + np.arange(ends[-1])
        all_j = np.concatenate(js)[perm]
        scale = np.repeat(np.asarray(seg_scale, dtype=np.float64).astype(np.float32), lens)
        all_v = np.concatenate(vs)[perm] * scale  # float32 × float32, element-wise: as v * np.float32(...)
        return all_j, all_v, cuts_out

    def vectorize_many(self, marked: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """``vectorize`` of each marked sentence."""
        idx, val, cuts = self._vectors(marked)
        return [(idx[cuts[i]:cuts[i + 1]].copy(), val[cuts[i]:cuts[i + 1]].copy()) for i in range(len(marked))]

    def vectorize(self, marked: str) -> tuple[np.ndarray, np.ndarray]:
        """Indices and values of the TF-IDF vector (sublinear tf, per-block L2 norm × block weight);
        unknown features map to an all-zero row."""
        return self.vectorize_many([marked])[0]

    def _proba(self, idx: np.ndarray, val: np.ndarray) -> np.ndarray:
        z = self.bias + (val @ np.take(self._w0, idx, axis=0) if len(idx) else 0.0)
        z = z - z.max()
        e = np.exp(z)
        return e / e.sum()

    def proba(self, marked: str) -> np.ndarray:
        """Class probabilities (negative, neutral, positive) of a marked sentence."""
        return self._proba(*self.vectorize(marked))

    def proba_many(self, marked: list[str]) -> np.ndarray:
        """``proba`` of each marked sentence, as rows. One product per sentence, on fresh arrays as for one
        sentence alone; the soft-max (element-wise and per row) runs over the batch."""
        idx, val, cuts = self._vectors(marked)
        z = np.zeros((len(marked), len(self.bias)), dtype=np.float32)
        w0 = self._w0
        for i in range(len(marked)):
            x, y = cuts[i], cuts[i + 1]
            if y > x:
                z[i] = val[x:y].copy() @ np.take(w0, idx[x:y], axis=0)  # (take: the rows, as w0[...] but faster)
        z = self.bias + z
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def load_model(path: str | Path | None = None) -> SentimentModel:
    """Load the shipped model (cached for the default path)."""
    return _load(str(path or MODEL_PATH))


@lru_cache(maxsize=4)
def _load(path: str) -> SentimentModel:
    with open(path, encoding="utf-8") as fh:
        d = json.load(fh)
    vocab: dict[str, dict[str, int]] = {}
    n = 0
    for block in d["blocks"]:
        feats = d["vocab"][block]
        vocab[block] = {f: n + i for i, f in enumerate(feats)}
        n += len(feats)
    q = np.frombuffer(base64.b64decode(d["weights_int8"]), dtype=np.int8).reshape(n, len(d["classes"]))
    weights = q.astype(np.float32) * np.float32(d["weight_scale"])
    idf = np.frombuffer(base64.b64decode(d["idf_uint8"]), dtype=np.uint8).astype(np.float32) * d["idf_scale"]
    if tuple(d["classes"]) != CLASSES:
        raise ValueError(f"unexpected classes in sentiment model: {d['classes']}")
    log.debug("sentiment model: %d features from %s", n, path)
    return SentimentModel(vocab, idf, weights, np.asarray(d["bias"], dtype=np.float32), d["block_weights"],
                          d.get("params", {}))


# ---------------------------------------------------------------- Chinese lexicon fallback
# Hand-written (not learned): financial polarity words with weights; longest match wins.
_ZH_POS = {
    "上涨": 1.0, "上升": 0.8, "上扬": 1.0, "走高": 1.0, "攀升": 1.0, "大涨": 1.5, "飙升": 1.5, "暴涨": 1.5, "涨停": 1.5,
    "收涨": 1.0, "高开": 0.8, "反弹": 0.8, "回升": 0.8, "创新高": 1.5, "新高": 1.0, "利好": 1.2, "超预期": 1.5,
    "好于预期": 1.5, "优于预期": 1.5, "增长": 0.8, "增长强劲": 1.5, "大增": 1.2, "扭亏": 1.2, "盈利": 0.6,
    "净利润增长": 1.2, "盈利增长": 1.2, "增持": 1.0, "上调": 1.0, "买入": 0.8, "看好": 1.0, "看涨": 1.0,
    "强劲": 1.0, "稳健": 0.6, "提振": 1.0, "受益": 1.0, "突破": 0.8, "领涨": 1.2, "走强": 1.0, "回暖": 1.0,
    "复苏": 0.8, "分红": 0.6, "回购": 0.8, "获批": 0.8, "中标": 0.8, "翻倍": 1.2, "升级": 0.6, "乐观": 1.0,
    "上漲": 1.0, "大漲": 1.5, "飆升": 1.5, "利多": 1.2, "增長": 0.8, "收漲": 1.0, "漲停": 1.5, "看漲": 1.0,
    # the move verbs the facts stage reads ("腾讯控股则逆市微升0.3%" scored 0)
    "微升": 0.6, "微涨": 0.6, "小幅上涨": 0.8, "急升": 1.2, "劲升": 1.2, "高涨": 1.0, "累涨": 0.8, "涨幅": 0.6,
}
_ZH_NEG = {
    "下跌": 1.0, "下降": 0.8, "下滑": 1.0, "走低": 1.0, "回落": 0.8, "大跌": 1.5, "暴跌": 1.5, "重挫": 1.5,
    "跳水": 1.5, "跌停": 1.5, "收跌": 1.0, "低开": 0.8, "下挫": 1.2, "失守": 1.0, "新低": 1.0, "创新低": 1.5,
    "亏损": 1.2, "巨亏": 1.5, "净亏损": 1.2, "利空": 1.2, "不及预期": 1.5, "低于预期": 1.5, "逊于预期": 1.5,
    "减持": 1.0, "下调": 1.0, "卖出": 0.8, "看空": 1.0, "看跌": 1.0, "疲软": 1.0, "承压": 1.0, "拖累": 1.0,
    "暴雷": 1.5, "违约": 1.2, "爆仓": 1.5, "罚款": 1.0, "处罚": 1.0, "调查": 0.6, "诉讼": 0.8, "裁员": 1.0,
    "下行": 0.8, "萎缩": 1.0, "放缓": 0.8, "领跌": 1.2, "走弱": 1.0, "退市": 1.5, "风险": 0.5, "担忧": 0.8,
    "虧損": 1.2, "減持": 1.0, "下調": 1.0, "疲軟": 1.0, "違約": 1.2, "裁員": 1.0, "領跌": 1.2, "擔憂": 0.8,
    "微跌": 0.6, "小幅下跌": 0.8, "急跌": 1.2, "急挫": 1.2, "累跌": 0.8, "跌幅": 0.6,
}
_ZH_LEX = sorted([(w, s) for w, s in _ZH_POS.items()] + [(w, -s) for w, s in _ZH_NEG.items()],
                 key=lambda p: -len(p[0]))
_ZH_LEX_RE = re.compile("|".join(re.escape(w) for w, _ in _ZH_LEX))
_ZH_LEX_MAP = dict(_ZH_LEX)
_ZH_NEGATION = ("并未", "並未", "没有", "沒有", "未能", "未", "没", "沒", "不", "无", "無", "难", "難", "非")
_ZH_CLAUSE = re.compile(r"[，,；;：:。！？!?]")
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def is_chinese(text: str, min_share: float = 0.3) -> bool:
    """True when at least ``min_share`` of the non-space characters are Han characters."""
    if text.isascii() and min_share > 0:  # no Han character at all
        return False
    t = "".join(text.split())
    return bool(t) and len(_CJK_RE.findall(t)) / len(t) >= min_share


def zh_lexicon_score(text: str, target_spans: list[tuple[int, int]], far_weight: float = 0.5) -> float:
    """Lexicon score in (−1, 1): polarity words (negated when 未/不/没有… precede them) summed, words in the
    target's clause at full weight, elsewhere at ``far_weight``. The text is read in simplified characters
    (the same length: the spans hold), so the lexicon's words match in either script."""
    text = to_simplified(text)
    clauses = [0] + [m.end() for m in _ZH_CLAUSE.finditer(text)] + [len(text) + 1]
    bounds = list(zip(clauses, clauses[1:]))

    def clause_of(pos: int) -> int:
        return next((k for k, (a, b) in enumerate(bounds) if a <= pos < b), len(bounds) - 1)

    tclauses = {clause_of(a) for a, _ in target_spans}
    raw = 0.0
    for m in _ZH_LEX_RE.finditer(text):
        pol = _ZH_LEX_MAP[m.group(0)]
        before = text[max(0, m.start() - 2):m.start()]
        if any(before.endswith(n) for n in _ZH_NEGATION):
            pol = -pol
        prox = 1.0 if not tclauses or clause_of(m.start()) in tclauses else far_weight
        raw += pol * prox
    return raw / (1.0 + abs(raw))


# ---------------------------------------------------------------- scoring
def _label(score: float, p_neutral: float | None, threshold: float) -> str:
    if p_neutral is not None:  # model: argmax of the three probabilities
        p_pos, p_neg = (score + (1 - p_neutral)) / 2, ((1 - p_neutral) - score) / 2
        best = max((p_neg, "negative"), (p_neutral, "neutral"), (p_pos, "positive"))
        return best[1]
    return "positive" if score >= threshold else "negative" if score <= -threshold else "neutral"


def score_sentence(text: str, targets: list[tuple[int, int]], others: list[tuple[int, int]] = (),
                   model: SentimentModel | None = None, zh_threshold: float = 0.25) -> tuple[str, float]:
    """(label, score) for the target spans of one sentence; other entity spans are masked as such."""
    if not text.strip():
        return "neutral", 0.0
    if is_chinese(text):
        s = zh_lexicon_score(text, list(targets))
        return _label(s, None, zh_threshold), s
    p = (model or load_model()).proba(mark(text, list(targets), list(others)))
    score = float(p[2] - p[0])
    return _label(score, float(p[1]), zh_threshold), score


# the only non-ASCII characters that re.IGNORECASE matches with ASCII ones (İ, ı, ſ, the Kelvin sign)
_ASCII_FOLDING = ("\u0130", "\u0131", "\u017f", "\u212a")


def _find_spans(text: str, target: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if target:  # the non-overlapping exact occurrences, left to right
        i = text.find(target)
        while i >= 0:
            spans.append((i, i + len(target)))
            i = text.find(target, i + len(target))
    if not spans and target:
        words = target.split()
        if words and target.isascii() and not any(c in text for c in _ASCII_FOLDING):
            # an ASCII word matches case-insensitively only ASCII text here: each must be in text.lower()
            low = text.lower()
            if not all(w.lower() in low for w in words):
                return spans
        pat = r"\s+".join(re.escape(p) for p in words)
        spans = [(m.start(), m.end()) for m in re.finditer(pat, text, re.I)]
    return spans


def score_target(text: str, target: str, model: SentimentModel | None = None) -> tuple[str, float]:
    """('positive'|'negative'|'neutral', score in [-1, 1]) for one entity name inside a headline/sentence.
    The name is found exactly, else case-insensitively; if absent, the whole text is scored untargeted."""
    return score_sentence(text, _find_spans(text, target), model=model)


def entity_sentiment(article: Article, mentions: list[Mention], entities: dict[str, Entity],
                     lead_sentences: int = 3, lead_weight: float = 2.0, title_weight: float = 3.0,
                     max_sentences: int = 30, model: SentimentModel | None = None,
                     only: set[str] | None = None) -> list[Sentiment]:
    """Per article × entity: a score in [-1, 1] and the evidence sentence (the sentence that weighs most).

    Each sentence that mentions the entity is scored with its mentions masked as the target (other
    entities' mentions masked as others); the title counts when it contains one of the entity's surfaces.
    Scores are averaged with weights ``title_weight`` (title), ``lead_weight`` (first ``lead_sentences``
    sentences) and 1 (others); at most ``max_sentences`` sentences per entity are scored. ``only``: the
    entities to score (default: every entity mentioned; the others' mentions are still masked as others)."""
    text = article.text or ""
    if not text.strip() or not mentions:
        return []
    model = model or load_model()
    sents = split_sentences(text, article.language)
    by_sent: dict[int, list[Mention]] = {}
    k = 0
    for m in sorted(mentions, key=lambda m: m.start):
        while k < len(sents) and sents[k].end <= m.start:
            k += 1
        if k < len(sents) and sents[k].start <= m.start < sents[k].end:
            by_sent.setdefault(k, []).append(m)
    order: list[str] = []  # the entities to score, in mention order
    for m in mentions:
        if m.entity not in order and (only is None or m.entity in only):
            order.append(m.entity)
    title = (article.title or "").strip()
    title_in_text = bool(title) and bool(sents) and sents[0].text.strip() == title
    # first the sentences to score per entity, then all of them scored at once (the model vectorises the
    # batch), then the averages: the same scores as scoring one sentence at a time
    plan: list[tuple[str, list[tuple[float, int]]]] = []  # (entity, [(weight, job)])
    jobs: list[tuple[str, list[tuple[int, int]], list[tuple[int, int]]]] = []
    sent_order = sorted(by_sent)
    ents_at = {si: {m.entity for m in ms} for si, ms in by_sent.items()}
    surfaces_of: dict[str, set[str]] = {}  # each entity's surfaces, added in mention order
    if title and not title_in_text:
        for m in mentions:
            surfaces_of.setdefault(m.entity, set()).add(m.surface)
    for eid in order:
        picked: list[tuple[float, int]] = []
        ent = entities.get(eid)
        if title and not title_in_text:
            names = sorted(surfaces_of[eid] | ({ent.name} if ent else set()), key=len, reverse=True)
            spans = next((sp for sp in (_find_spans(title, n) for n in names) if sp), [])
            if spans:
                picked.append((title_weight, len(jobs)))
                jobs.append((title, spans, []))
        for si in sent_order:
            if eid not in ents_at[si]:
                continue
            ms = by_sent[si]
            s = sents[si]
            tg = [(m.start - s.start, min(m.end, s.end) - s.start) for m in ms if m.entity == eid]
            ot = [(m.start - s.start, min(m.end, s.end) - s.start) for m in ms if m.entity != eid]
            w = lead_weight if si < lead_sentences else 1.0
            picked.append((w, len(jobs)))
            jobs.append((s.text, tg, ot))
            if len(picked) >= max_sentences:
                break
        plan.append((eid, picked))
    scores = _score_jobs(jobs, model)
    out: list[Sentiment] = []
    for eid, picked in plan:
        scored = [(w, scores[j], jobs[j][0]) for w, j in picked]  # (weight, score, sentence)
        if not scored:
            continue
        total = sum(w for w, _, _ in scored)
        score = max(-1.0, min(1.0, sum(w * sc for w, sc, _ in scored) / total))
        evidence = max(scored, key=lambda t: t[0] * abs(t[1]))[2]
        out.append(Sentiment(article=article.id, entity=eid, score=round(score, 4), evidence=evidence))
    return out


def _score_jobs(jobs: list[tuple[str, list[tuple[int, int]], list[tuple[int, int]]]],
                model: SentimentModel) -> list[float]:
    """``score_sentence(text, targets, others)[1]`` of each job; the model's sentences go in one batch."""
    scores: list[float] = [0.0] * len(jobs)
    batch: list[int] = []
    marked: list[str] = []
    chinese: dict[str, bool] = {}
    for k, (text, targets, others) in enumerate(jobs):
        if not text.strip():
            continue
        zh = chinese.get(text)
        if zh is None:
            zh = chinese[text] = is_chinese(text)
        if zh:
            scores[k] = zh_lexicon_score(text, list(targets))
            continue
        batch.append(k)
        marked.append(mark(text, list(targets), list(others)))
    if batch:
        first: dict[str, int] = {}  # a marked sentence scored twice (as one alone) is scored once
        for m in marked:
            first.setdefault(m, len(first))
        p = model.proba_many(list(first) if len(first) < len(marked) else marked)
        got = (p[:, 2] - p[:, 0]).tolist()
        for k, m in zip(batch, marked):
            scores[k] = got[first[m]]
    return scores
