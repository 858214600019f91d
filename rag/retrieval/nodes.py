"""Passages as LlamaIndex nodes and back: the one place the two shapes meet.

Inside the project a retrieved passage is the typed :class:`rag.types.Passage`;
LlamaIndex components (our retriever's ``retrieve()``, the postprocessors of
:mod:`rag.retrieval.postprocess`, the synthesizer of
:mod:`rag.integrations.llama_index`) hand each other ``NodeWithScore``. These two
functions convert at that boundary, losslessly for our own passages.
"""

from __future__ import annotations

from llama_index.core.schema import NodeRelationship, NodeWithScore, RelatedNodeInfo, TextNode

from ..types import Passage, PassageChunk, SentenceScore

# Node metadata a LlamaIndex LLM or embedding model has no use for: ranks, offsets, ids.
_TECHNICAL = [
    "doc_id", "chunk_index", "chunks", "path", "story", "hit_start", "hit_end", "duplicates",
    "dense_rank", "dense_score", "lexical_rank", "lexical_score",
]  # fmt: skip


def passage_node(p: Passage) -> NodeWithScore:
    """A passage as a LlamaIndex node: id the chunk id, source the document, offsets into
    the document's cleaned text, the passage's metadata and its chunks."""
    metadata = {**p.metadata, "doc_id": p.doc_id}
    metadata["chunks"] = [
        [c.chunk_id, c.start, c.end, c.z, [[x.start, x.end, x.z, x.similarity] for x in c.sentences], c.similarity]
        for c in p.chunks
    ]
    node = TextNode(
        id_=p.chunk_id,
        text=p.text,
        metadata=metadata,
        start_char_idx=p.start,
        end_char_idx=p.end,
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=p.doc_id)},
        excluded_llm_metadata_keys=_TECHNICAL,
        excluded_embed_metadata_keys=_TECHNICAL,
    )
    return NodeWithScore(node=node, score=p.score)


def node_passage(n: NodeWithScore) -> Passage:
    """The passage a node stands for: exactly the one ``passage_node`` made, or, for another
    retriever's node, its text as a passage of its own document."""
    node = n.node
    metadata = dict(node.metadata)
    doc_id = str(metadata.pop("doc_id", None) or node.ref_doc_id or node.node_id)
    chunks = [_chunk(c) for c in metadata.pop("chunks", [])]
    text = node.get_content()
    start = node.start_char_idx if node.start_char_idx is not None else 0
    end = node.end_char_idx if node.end_char_idx is not None else start + len(text)
    score = float(n.score) if n.score is not None else 0.0
    return Passage(doc_id, node.node_id, text, score, start, end, metadata, chunks)


def _chunk(c: list) -> PassageChunk:
    """A chunk as ``passage_node`` wrote it: id, offsets, z-score, then (if scored) its sentences
    and its cosine."""
    sentences = [SentenceScore(int(x[0]), int(x[1]), float(x[2]), *x[3:4]) for x in c[4]] if len(c) > 4 else []
    return PassageChunk(str(c[0]), int(c[1]), int(c[2]), c[3], sentences, c[5] if len(c) > 5 else None)
