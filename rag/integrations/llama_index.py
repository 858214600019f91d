"""LlamaIndex entry point: this project's retriever, postprocessors and reader as LlamaIndex components.

A LlamaIndex user keeps their own query engine and gets this project's
retrieval (dense and BM25 fused, near-duplicates merged, hits widened to a
window) and its reader (quoted, cited sentences, and "the corpus does not say"
when nothing answers)::

    from llama_index.core.query_engine import RetrieverQueryEngine

    from rag.integrations.llama_index import components

    parts = components()  # from rag.Settings: the RAG_* variables, or keyword overrides
    engine = RetrieverQueryEngine(retriever=parts.retriever, response_synthesizer=parts.synthesizer)
    response = engine.query("What fines has X received under the DSA?")
    print(response)  # the answer: its short answer, then quoted sentences with [n] markers
    for source in response.source_nodes:  # the passages cited, [1] first
        node = source.node
        print(node.ref_doc_id, node.start_char_idx, node.end_char_idx, node.metadata["title"])

    # The same answer with the postprocessing in the engine: the fused candidates, then
    # near-duplicates merged, hits widened and the top-k cut (a reranker may go first).
    engine = RetrieverQueryEngine(
        retriever=parts.candidates,
        node_postprocessors=[parts.postprocessor],
        response_synthesizer=parts.synthesizer,
    )

``retriever.retrieve(question)`` alone returns ``NodeWithScore``s whose ``TextNode`` is a
passage: its id the chunk id, its source the document id, its offsets into the
document's cleaned text, its metadata the passage's (title, source, published,
language, url...). ``response.metadata["answer"]`` is the full :class:`rag.types.Answer`
(citations with their quotes and offsets, the short answer, whether it abstained).

``parts.postprocessor`` is a :class:`~rag.retrieval.postprocess.PostprocessorChain` of
:class:`~rag.retrieval.postprocess.DuplicateMerger` and
:class:`~rag.retrieval.postprocess.WindowExpander` (``parts.postprocessor.steps``; each a
``BaseNodePostprocessor`` usable alone), the very objects the retriever runs.

All come from one :class:`rag.Assistant`, the one place the components are
assembled from settings; no LLM is called (a LlamaIndex synthesizer wants one
for prompt sizing only, so it gets LlamaIndex's offline ``MockLLM``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from llama_index.core.base.response.schema import Response
from llama_index.core.llms.mock import MockLLM
from llama_index.core.prompts.mixin import PromptDictType
from llama_index.core.response_synthesizers import BaseSynthesizer
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from ..answering.extractive import ExtractiveAnswerer
from ..answering.question import analyse
from ..assistant import Assistant
from ..retrieval.nodes import node_passage, passage_node
from ..retrieval.postprocess import PostprocessorChain
from ..retrieval.retriever import HybridRetriever, IndexStatistics
from ..settings import Settings
from ..text.language import detect_document_language
from ..types import Passage, PassageChunk

__all__ = ["Components", "ExtractiveSynthesizer", "FusedCandidates", "components"]


class Components(NamedTuple):
    """What ``components()`` assembles, all over one index and one ``Assistant``."""

    # Fused, deduplicated, widened and cut: the passages rag.Assistant answers from.
    retriever: HybridRetriever
    # The extractive reader.
    synthesizer: ExtractiveSynthesizer
    # The fused candidates alone (hit chunks, best first), for a query engine's own postprocessing.
    candidates: FusedCandidates
    # DuplicateMerger then WindowExpander and the top-k cut: candidates -> the retriever's passages.
    postprocessor: PostprocessorChain


def components(settings: Settings | None = None, **overrides: Any) -> Components:
    """The retriever, the reader and the postprocessors over the index ``settings`` names
    (``Settings()``: the RAG_* variables)."""
    assistant = Assistant(settings=settings, **overrides)
    retriever = assistant.retriever
    return Components(
        retriever,
        ExtractiveSynthesizer(assistant.answerer, retriever),
        FusedCandidates(retriever),
        retriever.postprocessor,
    )


class FusedCandidates(BaseRetriever):
    """``retriever``'s dense and lexical hits fused by reciprocal rank, before postprocessing:
    every candidate as its hit chunk, best first. Its postprocessor (``Components.postprocessor``)
    turns them into exactly the passages ``retriever.retrieve()`` returns; a reranker or
    filter of your own can go before it in ``node_postprocessors``."""

    def __init__(self, retriever: HybridRetriever) -> None:
        super().__init__()
        self._hybrid = retriever

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return [passage_node(p) for p in self._hybrid.search(query_bundle.query_str, postprocess=False).passages]


class ExtractiveSynthesizer(BaseSynthesizer):
    """The extractive reader as a LlamaIndex response synthesizer.

    It reads nodes as passages (offsets and all, when they come from
    :class:`HybridRetriever`; another retriever's nodes are embedded and scored
    against the question first), weighs the question's words by the index's
    statistics, which ``retriever`` hands over, and answers as ``rag.Assistant``
    does without an LLM.
    """

    def __init__(self, answerer: ExtractiveAnswerer, retriever: HybridRetriever) -> None:
        super().__init__(llm=MockLLM())
        self._answerer = answerer
        self._retriever = retriever

    def _get_prompts(self) -> PromptDictType:
        return {}  # an extractive reader has no prompt

    def _update_prompts(self, prompts_dict: PromptDictType) -> None:
        pass

    def synthesize(
        self,
        query: str | QueryBundle,
        nodes: list[NodeWithScore],
        additional_source_nodes: Sequence[NodeWithScore] | None = None,
        **response_kwargs: Any,
    ) -> Response:
        question = query.query_str if isinstance(query, QueryBundle) else query
        statistics = self._retriever.statistics()
        passages = [node_passage(n) for n in nodes]
        self._score(question, passages, statistics)
        answer = self._answerer.answer(analyse(question), passages, statistics)
        cited = []
        for c in answer.citations:
            i = next((i for i, p in enumerate(passages) if p.doc_id == c.doc_id and p.start <= c.start < p.end), None)
            if i is not None and nodes[i] not in cited:
                cited.append(nodes[i])
        return Response(
            answer.text, source_nodes=cited + list(additional_source_nodes or []), metadata={"answer": answer}
        )

    def _score(self, question: str, passages: list[Passage], statistics: IndexStatistics) -> None:
        """Give every chunk its similarity to the question, which the reader weighs sentences by.

        Our retriever's passages carry it, except for chunks a postprocessor added (a
        window's neighbours, when ``Components.postprocessor`` ran in the query engine):
        those are scored as the retriever scores them. Passages from another retriever
        carry no chunks and maybe no language: they are embedded and scored against
        the question as our retriever does, and their language detected as ingestion does.
        """
        unscored = [p for p in passages if any(c.z is None for c in p.chunks)]
        foreign = [p for p in passages if not p.chunks]
        if not unscored and not foreign:
            return
        embedder = self._retriever.embedder
        qvec = embedder.embed_query(question)
        if unscored:
            self._retriever.annotate(unscored, qvec)
        if not foreign:
            return
        mu, sigma = statistics.baseline(qvec)
        for p, vec in zip(foreign, embedder.embed_passages([p.text for p in foreign]), strict=True):
            if not p.metadata.get("language"):
                p.metadata["language"] = detect_document_language(p.text)
            cos = float(vec @ qvec)
            p.chunks = [
                PassageChunk(p.chunk_id, p.start, p.end, round((cos - mu) / sigma, 3), similarity=round(cos, 4))
            ]

    async def asynthesize(
        self,
        query: str | QueryBundle,
        nodes: list[NodeWithScore],
        additional_source_nodes: Sequence[NodeWithScore] | None = None,
        **response_kwargs: Any,
    ) -> Response:
        return self.synthesize(query, nodes, additional_source_nodes, **response_kwargs)

    def get_response(self, query_str: str, text_chunks: Sequence[str], **response_kwargs: Any) -> str:
        """Bare texts, each read as a passage of its own. Without a title, a source or a date the
        reader has less to go on than with nodes, and refuses more often: prefer ``synthesize``."""
        nodes = [NodeWithScore(node=TextNode(text=t, start_char_idx=0, end_char_idx=len(t))) for t in text_chunks]
        return str(self.synthesize(query_str, nodes).response)

    async def aget_response(self, query_str: str, text_chunks: Sequence[str], **response_kwargs: Any) -> str:
        return self.get_response(query_str, text_chunks, **response_kwargs)
