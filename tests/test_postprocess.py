"""The retrieval postprocessors (rag.retrieval.postprocess) on a small hand-made catalog.

Deduplication and windows decide each candidate against the passages kept so
far, so the chain runs them one candidate at a time: these tests pin what that
order means, and that each postprocessor also works alone as a LlamaIndex
``BaseNodePostprocessor``.
"""

from __future__ import annotations

from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import NodeWithScore, TextNode

from rag.index.lexical import LexicalIndex
from rag.retrieval.fusion import Ranking, fuse
from rag.retrieval.nodes import node_passage, passage_node
from rag.retrieval.postprocess import DuplicateMerger, PostprocessorChain, WindowExpander
from rag.retrieval.retriever import ChunkCatalog

A0 = "The regulator opened formal proceedings against the platform on Monday morning."
A1 = "Investigators will examine how the recommender system amplifies illegal content."
A2 = "The company has three weeks to answer the preliminary findings in writing."
# Another outlet's chunk repeating A2 almost word for word (and nothing of A1).
B0 = "The company has three weeks to answer the preliminary findings in writing, it said."
C0 = "A separate inquiry concerns advertising transparency and the public ad repository."


def catalog() -> ChunkCatalog:
    doc_a = " ".join([A0, A1, A2])
    chunks = [("a0", "A", 0, A0), ("a1", "A", 1, A1), ("a2", "A", 2, A2), ("b0", "B", 0, B0), ("c0", "C", 0, C0)]
    ids, texts, metas = [], [], []
    for cid, doc, index, text in chunks:
        start = doc_a.index(text) if doc == "A" else 0
        meta = {"doc_id": doc, "chunk_index": index, "start": start, "end": start + len(text)}
        ids.append(cid)
        texts.append(text)
        metas.append({**meta, "title": f"Article {doc}", "source": f"outlet-{doc}", "language": "en"})
    docs = {"A": doc_a, "B": B0, "C": C0}
    return ChunkCatalog(ids, texts, metas, LexicalIndex.build(ids, texts, metas), 1, doc_texts=docs)


def candidates(cat: ChunkCatalog, order: list[str]):
    return fuse(cat, [Ranking("dense", 1.0, [(cid, 1.0 - i / 10) for i, cid in enumerate(order)])], 60)


def chain(cat: ChunkCatalog, top_k: int | None = None) -> PostprocessorChain:
    steps = [DuplicateMerger(index=cat), WindowExpander(index=cat, size=1)]
    return PostprocessorChain(steps=steps, top_k=top_k, index=cat)


def test_fusion_ranks_candidates_as_hit_chunks() -> None:
    cat = catalog()
    got = list(candidates(cat, ["a1", "c0", "gone"]))  # "gone": written after the catalog loaded
    assert [p.chunk_id for p in got] == ["a1", "c0"]
    assert got[0].text == A1 and got[0].score > got[1].score
    assert got[0].metadata["dense_rank"] == 1 and [c.chunk_id for c in got[0].chunks] == ["a1"]


def test_a_hit_inside_a_kept_window_is_not_what_later_candidates_are_deduplicated_against() -> None:
    """a2 falls inside a1's window and is dropped; b0 repeats a2 only, so it is new evidence
    (one candidate at a time). Merging duplicates over the whole list first would have
    folded b0 into a2 and lost it with a2."""
    cat = catalog()
    kept = chain(cat).run(candidates(cat, ["a1", "a2", "b0"]), cat)
    assert [p.chunk_id for p in kept] == ["a1", "b0"]
    a1 = kept[0]
    assert (a1.start, a1.end) == (0, len(cat.doc_texts["A"])) and a1.text == cat.doc_texts["A"]
    assert [c.chunk_id for c in a1.chunks] == ["a0", "a1", "a2"]
    assert (a1.metadata["hit_start"], a1.metadata["hit_end"]) == (len(A0) + 1, len(A0) + 1 + len(A1))
    assert "duplicates" not in a1.metadata
    # The two steps one after the other over the whole list lose b0, as the docstring says.
    nodes = [passage_node(p) for p in candidates(cat, ["a1", "a2", "b0"])]
    merged = DuplicateMerger(index=cat).postprocess_nodes(nodes)
    assert [n.node.node_id for n in WindowExpander(index=cat, size=1).postprocess_nodes(merged)] == ["a1"]


def test_a_near_duplicate_is_merged_into_the_kept_passage_until_the_cut() -> None:
    cat = catalog()
    kept = chain(cat).run(candidates(cat, ["a2", "b0", "c0"]), cat)
    assert [p.chunk_id for p in kept] == ["a2", "c0"]
    assert kept[0].metadata["duplicates"] == [{"doc_id": "B", "source": "outlet-B", "title": "Article B"}]
    # Past the cut nothing is looked at: b0 is not recorded on the one passage kept.
    kept = chain(cat, top_k=1).run(candidates(cat, ["a2", "b0", "c0"]), cat)
    assert [p.chunk_id for p in kept] == ["a2"] and "duplicates" not in kept[0].metadata


def test_each_postprocessor_works_alone_on_nodes() -> None:
    cat = catalog()
    nodes = [passage_node(p) for p in candidates(cat, ["a2", "b0", "c0"])]
    merger, window = DuplicateMerger(index=cat), WindowExpander(index=cat, size=1)
    assert isinstance(merger, BaseNodePostprocessor) and isinstance(window, BaseNodePostprocessor)
    merged = merger.postprocess_nodes(nodes)
    assert [n.node.node_id for n in merged] == ["a2", "c0"]
    assert node_passage(merged[0]).metadata["duplicates"][0]["doc_id"] == "B"
    widened = window.postprocess_nodes(merged)
    assert widened[0].node.get_content() == f"{A1} {A2}" and widened[0].node.metadata["hit_start"] > 0
    # Widening twice changes nothing; another retriever's node (not in the catalog) passes as it is.
    foreign = NodeWithScore(node=TextNode(id_="elsewhere", text="Some other text entirely."), score=0.5)
    again = window.postprocess_nodes([*widened, foreign])
    assert [node_passage(n) for n in again] == [node_passage(n) for n in widened] + [node_passage(foreign)]
