"""Reciprocal rank fusion: the dense and lexical rankings to one ranked list of candidates.

Reciprocal rank fusion needs no score calibration between the lists, which matters
because e5 cosines and BM25 scores live on unrelated scales. The candidates are
the hit chunks alone, best first; merging near-duplicates and widening hits to
their neighbours is the postprocessors' job (:mod:`rag.retrieval.postprocess`),
and they consume the candidates lazily, so a passage is built only for the chunks
they get to before the top-k is full.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..types import Passage, PassageChunk

if TYPE_CHECKING:
    from .retriever import ChunkCatalog

# The document metadata a passage carries (the rest of a chunk's metadata stays in the catalog).
PASSAGE_KEYS = ("title", "source", "published", "language", "url", "path", "author", "wire", "story")


@dataclass
class Ranking:
    """One ranked list of (chunk id, score): the dense hits, or one language's BM25 hits."""

    label: str
    weight: float
    hits: list[tuple[str, float]]


def fuse(cat: ChunkCatalog, rankings: list[Ranking], rrf_k: int) -> Iterator[Passage]:
    """The chunks of ``rankings`` as passages, best fused score first.

    A passage's score is its fused score over the best any chunk could get (first
    in every kind of list); its metadata records its rank and score in each list.
    Chunks written after the catalog was loaded are left out.
    """
    fused: dict[str, float] = {}
    info: dict[str, dict[str, Any]] = {}
    for ranking in rankings:
        for rank, (cid, score) in enumerate(ranking.hits, start=1):
            fused[cid] = fused.get(cid, 0.0) + ranking.weight / (rrf_k + rank)
            info.setdefault(cid, {}).update({f"{ranking.label}_rank": rank, f"{ranking.label}_score": round(score, 4)})
    # One list per kind at most counts towards a chunk (it is in one language only).
    best_possible = sum({r.label: r.weight for r in rankings}.values()) / (rrf_k + 1)
    for cid in sorted(fused, key=lambda c: -fused[c]):
        i = cat.position.get(cid)
        if i is None:
            continue
        meta = cat.metas[i]
        md = {key: meta.get(key) for key in PASSAGE_KEYS}
        md.update(info[cid])
        md["chunk_index"] = meta.get("chunk_index")
        start, end = int(meta["start"]), int(meta["end"])
        yield Passage(
            doc_id=meta["doc_id"],
            chunk_id=cid,
            text=cat.texts[i],
            score=round(fused[cid] / best_possible, 4),
            start=start,
            end=end,
            metadata=md,
            chunks=[PassageChunk(cid, start, end)],
        )
