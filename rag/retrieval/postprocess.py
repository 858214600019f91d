"""Postprocessing the fused candidates: near-duplicates merged, hits widened, the top-k cut.

Two LlamaIndex ``BaseNodePostprocessor``s, so a LlamaIndex user can put them in a
query engine's ``node_postprocessors`` (``rag.integrations.llama_index``) while
:class:`~rag.retrieval.retriever.HybridRetriever` runs the very same code on its
typed :class:`~rag.types.Passage` values:

- :class:`DuplicateMerger`: a passage that says what a kept one says (4-word
  shingle Jaccard, or a chunk of another outlet's copy of the same wire story) is
  dropped and recorded on the kept one (``duplicates``); kept passages whose story
  other outlets also carried say which (``also_reported_by``). Evidence in the
  top-k is then distinct, and the merged passage remembers where else it appeared.
- :class:`WindowExpander`: a hit is widened to its neighbouring chunks (a chunk is
  a sentence or two, too little to read alone); a hit already inside a kept window
  of its document is dropped.

Both decide each candidate against the passages *kept so far*, so they run as a
lazy chain (:func:`postprocess`): a candidate goes through every step before the
next is looked at, and the chain stops at the top-k. That is what makes the
result independent of how the steps are split: a hit the window step drops never
becomes a passage later candidates are compared with, and candidates past the
cut record nothing. A step gets the chunk catalog it reads passed in with each
run; on its own, as a LlamaIndex postprocessor, it asks its ``index`` (a
:class:`~rag.retrieval.retriever.ChunkCatalog`, or anything with a ``catalog()``
method such as the retriever) for the current one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from llama_index.core.bridge.pydantic import Field
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import NodeWithScore, QueryBundle

from ..ingestion.duplicates import outlet
from ..text.textnorm import fold
from ..types import Passage, PassageChunk
from .nodes import node_passage, passage_node

if TYPE_CHECKING:
    from .retriever import ChunkCatalog

DUPLICATE_JACCARD = 0.6
# Share of a chunk's shingles that must be found in another copy of its wire story for the
# chunk to be that copy's paragraph (copies differ by headers, a trimmed or added paragraph).
STORY_CONTAINMENT = 0.5
_SHINGLE = 4


class PassageStep(BaseNodePostprocessor):
    """A postprocessing step that decides each candidate given the passages kept before it."""

    index: Any = Field(
        default=None,
        exclude=True,
        description="where postprocess_nodes reads the chunk catalog: a ChunkCatalog, or an object "
        "with a catalog() method (HybridRetriever)",
    )

    def stream(self, candidates: Iterable[Passage], kept: Sequence[Passage], cat: ChunkCatalog) -> Iterator[Passage]:
        """The candidates this step lets through, in order, changed as it changes them.
        ``kept`` is what the whole chain has kept so far; it grows while this runs."""
        raise NotImplementedError

    def finish(self, kept: list[Passage], cat: ChunkCatalog) -> None:
        """Annotate the final passages (after the cut)."""

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        return [passage_node(p) for p in postprocess((node_passage(n) for n in nodes), [self], _catalog(self))]


def postprocess(
    candidates: Iterable[Passage], steps: Sequence[PassageStep], cat: ChunkCatalog, top_k: int | None = None
) -> list[Passage]:
    """The candidates through ``steps``, one candidate at a time, until ``top_k`` are kept."""
    kept: list[Passage] = []
    stream: Iterable[Passage] = candidates
    for step in steps:
        stream = step.stream(stream, kept, cat)
    for p in stream:
        kept.append(p)
        if top_k is not None and len(kept) >= top_k:
            break
    for step in steps:
        step.finish(kept, cat)
    return kept


class PostprocessorChain(BaseNodePostprocessor):
    """The steps run as one postprocessor: a candidate goes through every step before the next
    is looked at, and the chain stops once ``top_k`` passages are kept (``postprocess``).

    ``HybridRetriever`` runs its chain on passages (``run``); in a LlamaIndex query engine
    the same chain turns the fused candidates (``rag.integrations.llama_index``) into
    exactly the passages the retriever returns.
    """

    steps: list[PassageStep] = Field(default_factory=list, description="the steps, in order")
    top_k: int | None = Field(default=None, ge=1, description="passages kept at most (None: all)")
    index: Any = Field(default=None, exclude=True, description="as PassageStep.index")

    @classmethod
    def class_name(cls) -> str:
        return "PostprocessorChain"

    def run(self, candidates: Iterable[Passage], cat: ChunkCatalog, top_k: int | None = None) -> list[Passage]:
        return postprocess(candidates, self.steps, cat, top_k or self.top_k)

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        return [passage_node(p) for p in self.run((node_passage(n) for n in nodes), _catalog(self))]


def _catalog(postprocessor: PassageStep | PostprocessorChain) -> ChunkCatalog:
    index = postprocessor.index
    cat = index.catalog() if hasattr(index, "catalog") else index
    if cat is None:
        raise ValueError(f"{type(postprocessor).__name__} needs an index: a ChunkCatalog or the HybridRetriever")
    return cat


class DuplicateMerger(PassageStep):
    """Drops a candidate that repeats a kept passage, recording it on that passage.

    A candidate repeats a kept passage when their hit chunks share at least
    ``DUPLICATE_JACCARD`` of their 4-word shingles, or, for a wire story other
    outlets carried too, when at least ``STORY_CONTAINMENT`` of its shingles are in
    the kept passage's document, another copy of the story.
    """

    @classmethod
    def class_name(cls) -> str:
        return "DuplicateMerger"

    def stream(self, candidates: Iterable[Passage], kept: Sequence[Passage], cat: ChunkCatalog) -> Iterator[Passage]:
        hit_shingles: dict[str, set[str]] = {}  # chunk id -> shingles of each passage let through
        doc_shingles: dict[str, set[str]] = {}
        for p in candidates:
            sh = _shingles(p.text)
            for k in kept:
                if k.chunk_id not in hit_shingles:  # kept before this step ran (postprocess_nodes)
                    hit_shingles[k.chunk_id] = _shingles(k.text)
            dup = next(
                (j for j, k in enumerate(kept) if _jaccard(sh, hit_shingles[k.chunk_id]) >= DUPLICATE_JACCARD), None
            )
            if dup is None and p.metadata.get("story") in cat.stories:
                dup = next((j for j, k in enumerate(kept) if _story_copy(cat, p, k, sh, doc_shingles)), None)
            if dup is not None:
                kept[dup].metadata.setdefault("duplicates", []).append(
                    {"doc_id": p.doc_id, "source": p.metadata.get("source"), "title": p.metadata.get("title")}
                )
                continue
            hit_shingles[p.chunk_id] = sh
            yield p

    def finish(self, kept: list[Passage], cat: ChunkCatalog) -> None:
        for p in kept:
            copies = cat.stories.get(p.metadata.get("story") or "", {})
            own = outlet(p.metadata)
            others = sorted({outlet(m) for d, m in copies.items() if d != p.doc_id} - {own})
            if others:
                p.metadata["also_reported_by"] = others


class WindowExpander(PassageStep):
    """Widens each hit by up to ``size`` neighbouring chunks on each side (offsets, text and
    ``chunks``), and drops a hit a kept window of its document already contains.

    The hit's own offsets stay in ``hit_start``/``hit_end``. Passages whose chunk or
    document the catalog does not hold (another retriever's) pass unchanged.
    """

    size: int = Field(default=1, ge=0, description="neighbouring chunks added on each side of a hit")

    @classmethod
    def class_name(cls) -> str:
        return "WindowExpander"

    def stream(self, candidates: Iterable[Passage], kept: Sequence[Passage], cat: ChunkCatalog) -> Iterator[Passage]:
        for p in candidates:
            doc_text = cat.doc_texts.get(p.doc_id) if self.size else None
            i = cat.position.get(p.chunk_id)
            if doc_text is not None and i is not None:
                start, end = p.metadata.get("hit_start", p.start), p.metadata.get("hit_end", p.end)
                if any(k.doc_id == p.doc_id and k.start <= start and end <= k.end for k in kept):
                    continue
                w_start, w_end, members = cat.window(i, self.size)
                p.metadata.update(hit_start=start, hit_end=end)
                p.chunks = [
                    PassageChunk(cat.ids[m], int(cat.metas[m]["start"]), int(cat.metas[m]["end"])) for m in members
                ]
                p.start, p.end, p.text = w_start, w_end, doc_text[w_start:w_end]
            yield p


def _story_copy(cat: ChunkCatalog, p: Passage, kept: Passage, sh: set[str], cache: dict[str, set[str]]) -> bool:
    """Whether a chunk repeats, from another outlet's copy of the same wire story, text of the
    copy a kept passage comes from: the story is then already represented, by that passage."""
    if not sh or p.doc_id == kept.doc_id or p.metadata.get("story") != kept.metadata.get("story"):
        return False
    if kept.doc_id not in cache:
        cache[kept.doc_id] = _shingles(cat.doc_texts.get(kept.doc_id, ""))
    return len(sh & cache[kept.doc_id]) / len(sh) >= STORY_CONTAINMENT


def _shingles(text: str) -> set[str]:
    toks = fold(text).split()
    if len(toks) < _SHINGLE:
        return {" ".join(toks)}
    return {" ".join(toks[i : i + _SHINGLE]) for i in range(len(toks) - _SHINGLE + 1)}


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
