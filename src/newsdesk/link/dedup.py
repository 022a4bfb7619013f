"""Near-duplicate candidates: MinHash signatures (datasketch) in a banded LSH index.

Signatures are datasketch MinHashes over the shingles, hashed with CRC-32 (stable across processes, and
3x faster than datasketch's default SHA-1 per shingle). The banding (b bands of r rows) is datasketch's own
optimum for the threshold; the band tables are kept here as plain ``dict[int, id | list[id]]``: measured
with tracemalloc over 5,000 signatures, datasketch's ``MinHashLSH`` takes 10.6-11.2 KB per entry (a bytes
key and a set per band) against 2.2 KB here, which decides whether 50k articles fit the memory goal.
"""
from __future__ import annotations

import zlib
from collections import Counter
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param


def signature(shingles: set[str], num_perm: int = 128) -> bytes:
    """The MinHash signature of a shingle set, as bytes (num_perm uint32 values)."""
    m = MinHash(num_perm=num_perm, hashfunc=zlib.crc32)
    if shingles:
        m.update_batch([s.encode("utf-8") for s in shingles])
    return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()


def jaccard_estimate(a: bytes, b: bytes) -> float:
    va, vb = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.count_nonzero(va == vb)) / max(1, len(va))


@lru_cache(maxsize=8)
def _bands_rows(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's optimal (bands, rows) for the threshold (a numerical integration: 0.1-0.4 s, so once)."""
    return _optimal_param(threshold, num_perm, 0.5, 0.5)


class NearDuplicateIndex:
    """Candidate keys whose estimated Jaccard with a query signature is likely above ``threshold``."""

    def __init__(self, num_perm: int = 128, threshold: float = 0.3, max_bucket: int = 50):
        self.num_perm = num_perm
        self.max_bucket = max_bucket  # a bucket keeps its most recent keys: templated pages fill one fast
        self.b, self.r = _bands_rows(threshold, num_perm)
        self.tables: list[dict[int, object]] = [{} for _ in range(self.b)]

    def _bands(self, sig: bytes) -> list[int]:
        w = 4 * self.r
        return [zlib.crc32(sig[i * w:(i + 1) * w]) for i in range(self.b)]

    def add(self, key: str, sig: bytes) -> None:
        for table, h in zip(self.tables, self._bands(sig)):
            v = table.get(h)
            if v is None:
                table[h] = key
            elif isinstance(v, list):
                v.append(key)
                if len(v) > self.max_bucket:
                    del v[0]
            else:
                table[h] = [v, key]

    def query(self, sig: bytes) -> Counter:
        """Candidate keys with the number of bands they share with ``sig`` (more bands: more similar)."""
        out: Counter = Counter()
        for table, h in zip(self.tables, self._bands(sig)):
            v = table.get(h)
            if v is None:
                continue
            if isinstance(v, list):
                out.update(v)
            else:
                out[v] += 1
        return out
