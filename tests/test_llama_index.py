"""The LlamaIndex entry point over a real index: our retriever and reader inside a ``RetrieverQueryEngine``.

A LlamaIndex user builds the engine as the README shows; the nodes must be our
passages (document id, offsets into the cleaned text, metadata) and the
response our extractive answer, citing exactly those nodes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.query_engine import RetrieverQueryEngine
from llama_index.core.response_synthesizers import BaseSynthesizer
from llama_index.core.schema import NodeWithScore, TextNode

from rag import Assistant
from rag.integrations.llama_index import ExtractiveSynthesizer, components
from rag.retrieval.nodes import node_passage, passage_node

REPO = Path(__file__).resolve().parent.parent
FLAGSHIP = "What fines has X received under the DSA?"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def engine_parts(sample_assistant: Assistant):
    return components(settings=sample_assistant.settings.model_copy(update={"use_llm": False}))


def test_retrieve_returns_our_passages_as_nodes(engine_parts, sample_assistant: Assistant) -> None:
    retriever = engine_parts.retriever
    assert isinstance(retriever, BaseRetriever)
    nodes = retriever.retrieve(FLAGSHIP)
    passages = sample_assistant.retrieve(FLAGSHIP)
    assert [n.node.node_id for n in nodes] == [p.chunk_id for p in passages]
    for n, p in zip(nodes, passages, strict=True):
        assert isinstance(n, NodeWithScore) and isinstance(n.node, TextNode)
        node = n.node
        assert node.ref_doc_id == p.doc_id == node.metadata["doc_id"]
        assert (node.start_char_idx, node.end_char_idx, n.score) == (p.start, p.end, p.score)
        assert sample_assistant.document(p.doc_id).text[node.start_char_idx : node.end_char_idx] == node.text
        assert {"title", "source", "published", "language"} <= set(node.metadata)
        # What an LLM would be shown: the text and where it comes from, not ranks and offsets.
        shown = node.get_content(metadata_mode="llm")
        assert p.metadata["title"] in shown and "dense_rank" not in shown and "chunks" not in shown
        # The node round-trips to the same passage, chunks and their scores included.
        assert node_passage(n) == p and node_passage(passage_node(p)) == p


def test_query_engine_answers_with_the_extractive_reader(engine_parts, sample_assistant: Assistant) -> None:
    retriever, synthesizer = engine_parts.retriever, engine_parts.synthesizer
    assert isinstance(synthesizer, BaseSynthesizer)
    engine = RetrieverQueryEngine(retriever=retriever, response_synthesizer=synthesizer)
    response = engine.query(FLAGSHIP)
    expected = sample_assistant.variant(use_llm=False).ask(FLAGSHIP)
    assert str(response) == expected.text and "120 millions" in str(response)
    answer = response.metadata["answer"]
    assert [c.to_dict() for c in answer.citations] == [c.to_dict() for c in expected.citations]
    # The source nodes are the passages cited, in citation order, each holding its quote.
    assert len(response.source_nodes) == len({(c.doc_id, c.start) for c in answer.citations}) > 0
    for c, n in zip(answer.citations, response.source_nodes, strict=False):
        assert n.node.ref_doc_id == c.doc_id and n.node.start_char_idx <= c.start < c.end <= n.node.end_char_idx


def test_the_postprocessors_in_a_query_engine_give_the_retrievers_passages(engine_parts) -> None:
    """The fused candidates through ``Components.postprocessor`` (in ``node_postprocessors``) are
    the retriever's passages, duplicates and windows included, and the answer is the same."""
    assert isinstance(engine_parts.candidates, BaseRetriever)
    assert all(
        isinstance(s, BaseNodePostprocessor) for s in [engine_parts.postprocessor, *engine_parts.postprocessor.steps]
    )
    for question in [FLAGSHIP, "Which platforms did the Commission investigate under the DSA?"]:
        candidates = engine_parts.candidates.retrieve(question)
        expected = [node_passage(n) for n in engine_parts.retriever.retrieve(question)]
        assert len(candidates) > len(expected) and all(len(node_passage(n).chunks) == 1 for n in candidates)
        got = [node_passage(n) for n in engine_parts.postprocessor.postprocess_nodes(candidates)]
        # Chunk (and sentence) similarities are the reader's to compute for the neighbours a window added.
        for p in got + expected:
            for c in p.chunks:
                c.z, c.similarity, c.sentences = None, None, []
        assert got == expected
    plain = RetrieverQueryEngine(retriever=engine_parts.retriever, response_synthesizer=engine_parts.synthesizer)
    composed = RetrieverQueryEngine(
        retriever=engine_parts.candidates,
        node_postprocessors=[engine_parts.postprocessor],
        response_synthesizer=engine_parts.synthesizer,
    )
    a, b = plain.query(FLAGSHIP), composed.query(FLAGSHIP)
    assert str(a) == str(b) and "120 millions" in str(b)
    assert [c.to_dict() for c in a.metadata["answer"].citations] == [
        c.to_dict() for c in b.metadata["answer"].citations
    ]
    assert [n.node.node_id for n in a.source_nodes] == [n.node.node_id for n in b.source_nodes]


def test_a_question_the_corpus_cannot_answer_gets_no_sources(engine_parts) -> None:
    engine = RetrieverQueryEngine(retriever=engine_parts.retriever, response_synthesizer=engine_parts.synthesizer)
    response = engine.query("What did the Bank of Japan decide about interest rates in 1998?")
    assert response.metadata["answer"].abstained and response.source_nodes == []


def test_nodes_from_another_retriever_are_scored_and_read(engine_parts, sample_assistant: Assistant) -> None:
    """Nodes without our chunk scores (another retriever's, over the same articles) are embedded
    and scored against the question before reading: the reader answers from them as from ours."""
    synthesizer = engine_parts.synthesizer
    assert isinstance(synthesizer, ExtractiveSynthesizer)
    foreign = []
    for p in sample_assistant.retrieve(FLAGSHIP):
        meta = {k: p.metadata[k] for k in ("title", "source", "published", "language")}
        node = TextNode(text=p.text, metadata=meta, start_char_idx=p.start, end_char_idx=p.end)
        foreign.append(NodeWithScore(node=node, score=p.score))
    response = synthesizer.synthesize(FLAGSHIP, foreign)
    assert "120 millions" in str(response)
    assert response.source_nodes and all(n in foreign for n in response.source_nodes)


def test_the_readme_snippet_runs_as_written(sample_assistant: Assistant) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### From LlamaIndex") :]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(RAG_INDEX_DIR=str(sample_assistant.settings.index_dir), RAG_USE_LLM="false")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env, cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert "120 millions" in run.stdout, run.stdout
    doc_ids = {d.doc_id for d in sample_assistant.documents()}
    cited = [line.split()[0] for line in run.stdout.splitlines() if line.split() and line.split()[0] in doc_ids]
    assert cited, run.stdout
