"""The LSH band index (newsdesk.link.dedup): sorted arrays merged from recent entries answer exactly like
plain per-band bucket lists that keep their most recent keys."""
from __future__ import annotations

import random
import zlib
from collections import Counter

import numpy as np
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.link.dedup import NearDuplicateIndex, jaccard_estimate, jaccard_estimates, signature


class _Buckets:
    """The reference: one dict per band, each bucket a list of its ``cap`` most recent keys."""

    def __init__(self, b: int, r: int, cap: int):
        self.b, self.r, self.cap = b, r, cap
        self.tables: list[dict[int, list[str]]] = [{} for _ in range(b)]

    def _bands(self, sig: bytes) -> list[int]:
        w = 4 * self.r
        return [zlib.crc32(sig[i * w:(i + 1) * w]) for i in range(self.b)]

    def add(self, key: str, sig: bytes) -> None:
        for t, h in zip(self.tables, self._bands(sig)):
            t.setdefault(h, []).append(key)
            del t[h][:-self.cap]

    def query(self, sig: bytes) -> Counter:
        out: Counter = Counter()
        for t, h in zip(self.tables, self._bands(sig)):
            out.update(t.get(h, []))
        return out


def test_merged_index_answers_like_bucket_lists_across_merges():
    rng = random.Random(7)
    idx = NearDuplicateIndex(128, 0.3, max_bucket=4, merge_every=5)  # many merges, crowded buckets
    ref = _Buckets(idx.b, idx.r, 4)
    pool = [{f"w{rng.randint(0, 40)}" for _ in range(6)} for _ in range(25)]
    asked = 0
    for i in range(600):
        sig = signature(rng.choice(pool) | {f"x{rng.randint(0, 9)}"})
        if i % 2:
            got, want = idx.query(sig), ref.query(sig)
            assert list(got.items()) == list(want.items())  # same keys, counts and order (ties in most_common)
            asked += bool(want)
        idx.add(f"k{i}", sig)
        ref.add(f"k{i}", sig)
    assert asked > 250 and len(idx._keys) > 0 and idx._n_recent < 5


def test_near_duplicates_share_bands_and_unrelated_texts_do_not():
    words = [f"w{i}" for i in range(300)]
    a = {" ".join(words[i:i + 3]) for i in range(290)}
    b = {" ".join(words[i:i + 3]) for i in range(10, 298)}
    c = {f"other {i}" for i in range(290)}
    idx = NearDuplicateIndex()
    idx.add("a", signature(a))
    idx.add("c", signature(c))
    hits = idx.query(signature(b))
    assert hits["a"] >= 1 and "c" not in hits
    assert jaccard_estimate(signature(a), signature(b)) > 0.8


@settings(max_examples=200, deadline=None)
@given(st.sets(st.text(min_size=1, max_size=12), max_size=60), st.sampled_from([16, 64, 128]))
def test_signature_is_datasketchs_minhash(shingles: set[str], num_perm: int) -> None:
    """The signature computed in one product is datasketch's own MinHash of the UTF-8 shingles (stored
    signatures and the LSH bands depend on the exact values)."""
    m = MinHash(num_perm=num_perm, hashfunc=zlib.crc32)
    if shingles:
        m.update_batch([s.encode("utf-8") for s in shingles])
    assert signature(shingles, num_perm) == np.asarray(m.hashvalues, dtype=np.uint32).tobytes()


def test_batched_jaccard_estimates_are_the_pairwise_ones():
    """The link step estimates an article's Jaccard with all its candidates at once; each value is the pair's
    own estimate."""
    rng = random.Random(3)
    words = ["w%d" % i for i in range(400)]
    sigs = [signature(set(rng.sample(words, 120)), 128) for _ in range(12)]
    assert jaccard_estimates(sigs[0], sigs[1:]) == [jaccard_estimate(sigs[0], s) for s in sigs[1:]]
    assert max(jaccard_estimates(sigs[0], sigs[1:])) > 0 and jaccard_estimates(sigs[0], []) == []
