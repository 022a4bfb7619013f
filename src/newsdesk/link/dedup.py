"""Near-duplicate candidates: MinHash signatures (datasketch) in a banded LSH index.

Signatures are datasketch MinHashes over the shingles, hashed with CRC-32 (stable across processes, and
3x faster than datasketch's default SHA-1 per shingle). The banding (b bands of r rows) is datasketch's own
optimum for the threshold; the band tables are kept here as sorted numpy arrays (``NearDuplicateIndex``):
measured with tracemalloc over 5,000 signatures, datasketch's ``MinHashLSH`` takes 10.6-11.2 KB per entry
(a bytes key and a set per band), int-keyed dicts 2.2 KB, these arrays ~0.3 KB.
"""
from __future__ import annotations

import zlib
from collections import Counter
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param


@lru_cache(maxsize=8)
def _template(num_perm: int) -> MinHash:
    """A MinHash with the default seed: its permutations are drawn once, not per signature."""
    return MinHash(num_perm=num_perm, hashfunc=zlib.crc32)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (datasketch's pre-mix of each input hash in its affine32 scheme)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h = h * np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def signature(shingles: set[str], num_perm: int = 128) -> bytes:
    """The MinHash signature of a shingle set, as bytes (num_perm uint32 values).

    The values are datasketch's (``MinHash.update_batch`` over the UTF-8 shingles, CRC-32, its default
    affine32 scheme and seed; a test holds the two equal), computed as one (num_perm x n) product: 3.7x
    faster than ``update_batch`` (1.62 -> 0.44 ms for 2,000 shingles, the bench corpus's mean), which builds
    the hashes through a list of Python ints and multiplies in the other layout.
    """
    t = _template(num_perm)
    if t.scheme != "affine32":  # another datasketch default: let datasketch compute it
        m = MinHash(num_perm=num_perm, hashfunc=zlib.crc32, permutations=t.permutations, scheme=t.scheme)
        if shingles:
            m.update_batch(list(map(str.encode, shingles)))
        return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()
    if not shingles:
        return t.hashvalues.astype(np.uint32).tobytes()
    a, b = t.permutations
    hv = _fmix32(np.fromiter(map(zlib.crc32, map(str.encode, shingles)), dtype=np.uint32, count=len(shingles)))
    x = np.multiply.outer(a, hv)
    x += b[:, None]
    return x.min(axis=1).tobytes()


def jaccard_estimate(a: bytes, b: bytes) -> float:
    va, vb = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.count_nonzero(va == vb)) / max(1, len(va))


def jaccard_estimates(sig: bytes, others: list[bytes]) -> list[float]:
    """``jaccard_estimate(sig, o)`` for each of ``others`` in one array operation (an article is compared
    with dozens of candidates; per pair, numpy's call overhead was most of the cost)."""
    if not others:
        return []
    va = np.frombuffer(sig, dtype=np.uint32)
    m = np.frombuffer(b"".join(others), dtype=np.uint32).reshape(len(others), len(va))
    return (np.count_nonzero(m == va, axis=1) / max(1, len(va))).tolist()


@lru_cache(maxsize=8)
def _bands_rows(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's optimal (bands, rows) for the threshold (a numerical integration: 0.1-0.4 s, so once)."""
    return _optimal_param(threshold, num_perm, 0.5, 0.5)


class NearDuplicateIndex:
    """Candidate keys whose estimated Jaccard with a query signature is likely above ``threshold``.

    Each article puts one entry per band: (band number << 32 | CRC-32 of the band's rows) -> the article's
    ordinal. Entries go to a small dict first and are merged every ``merge_every`` articles into one sorted
    numpy array of keys beside an array of ordinals: 12 bytes an entry, where a dict of Python ints took
    ~70 (the band tables were the largest single part of the link state, ~1.8 KB per article). A bucket
    (the entries of one key) keeps its ``max_bucket`` most recent articles: templated pages fill one fast.
    """

    def __init__(self, num_perm: int = 128, threshold: float = 0.3, max_bucket: int = 50, merge_every: int = 512):
        self.num_perm = num_perm
        self.max_bucket = max_bucket
        self.b, self.r = _bands_rows(threshold, num_perm)
        self.ids: list[str] = []                         # ordinal -> key
        self._keys = np.empty(0, dtype=np.uint64)        # merged entries, sorted by (key, ordinal)
        self._ords = np.empty(0, dtype=np.uint32)
        self._recent: dict[int, list[int]] = {}          # entries since the last merge: key -> ordinals
        self._n_recent = 0
        self._merge_every = max(1, merge_every)

    def _band_keys(self, sig: bytes) -> list[int]:
        w = 4 * self.r
        return [(i << 32) | zlib.crc32(sig[i * w:(i + 1) * w]) for i in range(self.b)]

    def add(self, key: str, sig: bytes) -> None:
        o = len(self.ids)
        self.ids.append(key)
        recent = self._recent
        for k in self._band_keys(sig):
            v = recent.get(k)
            if v is None:
                recent[k] = [o]
            else:
                v.append(o)
        self._n_recent += 1
        if self._n_recent >= self._merge_every:
            self._merge()

    def _merge(self) -> None:
        if not self._recent:
            return
        n = sum(len(v) for v in self._recent.values())
        new_k = np.fromiter((k for k, v in self._recent.items() for _ in v), dtype=np.uint64, count=n)
        new_o = np.fromiter((o for v in self._recent.values() for o in v), dtype=np.uint32, count=n)
        order = np.lexsort((new_o, new_k))
        new_k, new_o = new_k[order], new_o[order]
        # the new ordinals are all larger: each goes after the entries of its key already merged
        at = np.searchsorted(self._keys, new_k, "right")
        keys, ords = np.insert(self._keys, at, new_k), np.insert(self._ords, at, new_o)
        # keep the max_bucket most recent entries of each key: only the keys just added can have grown past it,
        # so only their runs are looked at (temporaries over the whole table were ~4x its size at 50k articles)
        uk = np.unique(new_k)
        lo, hi = np.searchsorted(keys, uk, "left"), np.searchsorted(keys, uk, "right")
        over = hi - lo > self.max_bucket
        if over.any():
            drop = np.concatenate([np.arange(a, b - self.max_bucket) for a, b in zip(lo[over], hi[over])])
            keys, ords = np.delete(keys, drop), np.delete(ords, drop)
        self._keys, self._ords = keys, ords
        self._recent = {}
        self._n_recent = 0

    def query(self, sig: bytes) -> Counter:
        """Candidate keys with the number of bands they share with ``sig`` (more bands: more similar),
        counted band by band, each bucket oldest first."""
        out: Counter = Counter()
        qk = self._band_keys(sig)
        merged = len(self._keys) > 0
        if merged:
            q = np.array(qk, dtype=np.uint64)
            lo = np.searchsorted(self._keys, q, "left").tolist()
            hi = np.searchsorted(self._keys, q, "right").tolist()
        ids, cap = self.ids, self.max_bucket
        for j, k in enumerate(qk):
            ords = self._ords[max(lo[j], hi[j] - cap):hi[j]].tolist() if merged and hi[j] > lo[j] else []
            r = self._recent.get(k)
            if r:
                ords = (ords + r)[-cap:]
            if ords:
                out.update([ids[o] for o in ords])
        return out
