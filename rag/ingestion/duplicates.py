"""Wire stories: one article republished near-verbatim by several outlets.

News archives are full of them (an AP or AFP story on dozens of sites, each with
its own headline, furniture and a trimmed or added paragraph). Found at ingest
with MinHash signatures of each article's word 5-shingles and locality-sensitive
hashing (``datasketch``), so finding the copies of a new article costs a few hash
lookups, not a comparison with every stored article. Articles whose estimated
Jaccard similarity reaches ``RAG_DUPLICATE_THRESHOLD`` share a *story* label
(the id of the first copy indexed); the retriever then returns one passage for
the copies and names the other outlets ("also reported by").

Only near-verbatim copies qualify. Two wires' own reports of one event are
different texts (the sample corpus's AP and Reuters stories of the Paris search
share 5.5% of their word 4-shingles), each with facts the other lacks, so they
stay two stories: merging them would drop evidence.

A signature is stored with its document (in Chroma's metadata), so every process
sharing a Chroma server finds copies ingested by the others.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from ..backends import MissingBackend
from ..text.textnorm import fold

NUM_PERM = 128
SHINGLE = 5
_SEED = 1
# Stored signatures must be compared with signatures of the same permutation scheme.
_SCHEME = "affine32"


def _import_datasketch():  # -> module
    try:
        import datasketch
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise MissingBackend("datasketch is not installed: pip install datasketch (or pip install -e .)") from exc
    return datasketch


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Word ``size``-grams of the accent-folded, lower-cased text (punctuation ignored)."""
    toks = fold(text).split()
    if len(toks) < size:
        return {" ".join(toks).encode("utf-8")} if toks else set()
    return {" ".join(toks[i : i + size]).encode("utf-8") for i in range(len(toks) - size + 1)}


@lru_cache(maxsize=1)
def _permutations():  # shared by every signature: building them costs more than hashing a short article
    return _import_datasketch().MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def signature(text: str):  # -> datasketch.MinHash
    ds = _import_datasketch()
    m = ds.MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations(), scheme=_SCHEME)
    m.update_batch(list(shingles(text)))
    return m


def encode(m) -> str:
    """A signature as a string for Chroma's metadata (which holds scalars only)."""
    return base64.b64encode(np.asarray(m.hashvalues, dtype=np.uint32).tobytes()).decode("ascii")


def decode(value: str):  # -> datasketch.MinHash | None
    ds = _import_datasketch()
    try:
        values = np.frombuffer(base64.b64decode(value), dtype=np.uint32)
    except (ValueError, TypeError):
        return None
    if len(values) != NUM_PERM:
        return None
    return ds.MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=values, permutations=_permutations(), scheme=_SCHEME)


class StoryFinder:
    """Assigns each article a story: that of an indexed near-copy, else its own id."""

    def __init__(self, threshold: float) -> None:
        ds = _import_datasketch()
        self.threshold = threshold
        self._lsh = ds.MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._story: dict[str, str] = {}
        self._sig: dict[str, object] = {}

    def add_indexed(self, records: Iterable[tuple[str, str | None, str | None]]) -> None:
        """Stored articles: (doc id, encoded signature, story)."""
        for doc_id, encoded, story in records:
            sig = decode(encoded) if encoded else None
            if sig is not None and doc_id not in self._sig:
                self._insert(doc_id, sig, story or doc_id)

    def assign(self, doc_id: str, text: str) -> tuple[str, str]:
        """(story, encoded signature) of a new article; it joins the finder."""
        sig = signature(text)
        if doc_id in self._sig:
            return self._story[doc_id], encode(sig)
        # LSH candidates are probable; the estimate decides, and the closest copy wins.
        best: tuple[float, str] | None = None
        for other in self._lsh.query(sig):
            j = float(sig.jaccard(self._sig[other]))
            if j >= self.threshold and (best is None or (j, other) > best):
                best = (j, other)
        story = self._story[best[1]] if best else doc_id
        self._insert(doc_id, sig, story)
        return story, encode(sig)

    def _insert(self, doc_id: str, sig, story: str) -> None:
        self._lsh.insert(doc_id, sig)
        self._sig[doc_id] = sig
        self._story[doc_id] = story


def outlet(meta: dict) -> str:
    """How a citation names where an article appeared: its publisher, else its file."""
    source = meta.get("source")
    if source:
        return str(source)
    path = str(meta.get("path") or "")
    return path.rsplit("/", 1)[-1] or "unknown publisher"
