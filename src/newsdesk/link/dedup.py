"""Near-duplicate candidates: MinHash signatures in an LSH index (datasketch)."""
from __future__ import annotations

import numpy as np
from datasketch import MinHash, MinHashLSH


class NearDuplicateIndex:
    """Candidate pairs by estimated Jaccard of shingle sets; signatures can be saved and reloaded."""

    def __init__(self, num_perm: int = 128, threshold: float = 0.3):
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.sigs: dict[str, MinHash] = {}

    def signature(self, shingles: set[str]) -> MinHash:
        m = MinHash(num_perm=self.num_perm)
        if shingles:
            m.update_batch([s.encode("utf-8") for s in shingles])
        return m

    def add(self, key: str, sig: MinHash) -> None:
        if key in self.sigs:
            return
        self.sigs[key] = sig
        self.lsh.insert(key, sig)

    def query(self, sig: MinHash) -> list[str]:
        return list(self.lsh.query(sig))

    @staticmethod
    def to_bytes(sig: MinHash) -> bytes:
        return np.asarray(sig.hashvalues, dtype=np.uint64).tobytes()

    def from_bytes(self, data: bytes) -> MinHash:
        return MinHash(num_perm=self.num_perm, hashvalues=np.frombuffer(data, dtype=np.uint64).copy())
