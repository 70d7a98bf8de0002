"""Exact and near-duplicate detection of article bodies (syndicated wire copies).

Exact: a hash of the body with white space and punctuation removed. Near: MinHash over
character 5-grams of that same normalised text, indexed with LSH (datasketch); a candidate is
confirmed by its estimated Jaccard similarity.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np

_STRIP = re.compile(r"[\W_]+", re.UNICODE)
SHINGLE = 5
SCHEME = "affine32"  # stored signatures must be read back with the scheme that made them


def normalise(body: str) -> str:
    return _STRIP.sub("", body).lower()


def fingerprint(body: str) -> str:
    return hashlib.sha1(normalise(body).encode("utf-8")).hexdigest()


def content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def minhash(body: str, num_perm: int = 64):
    from datasketch import MinHash

    norm = normalise(body)
    grams = {norm[i:i + SHINGLE] for i in range(max(1, len(norm) - SHINGLE + 1))}
    m = MinHash(num_perm=num_perm, seed=1, scheme=SCHEME)
    m.update_batch([g.encode("utf-8") for g in grams])
    return m


def minhash_bytes(m) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()


def minhash_from_bytes(b: bytes, num_perm: int):
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(b, dtype=np.uint32))


class NearDuplicateIndex:
    """LSH over stored bodies; `match` returns (article_id, similarity) of the closest earlier copy."""

    def __init__(self, threshold: float = 0.7, num_perm: int = 64):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[int, object] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, article_id: int, m) -> None:
        if article_id in self._sigs:
            return
        self._lsh.insert(article_id, m)
        self._sigs[article_id] = m

    def match(self, m) -> tuple[int, float] | None:
        best = None
        for cand in self._lsh.query(m):
            sim = m.jaccard(self._sigs[cand])
            if sim >= self.threshold and (best is None or sim > best[1] or (sim == best[1] and cand < best[0])):
                best = (cand, sim)
        return best

    def remove(self, article_id: int) -> None:
        if article_id in self._sigs:
            self._lsh.remove(article_id)
            del self._sigs[article_id]
