"""The baseline: the first pipeline a user would write with LlamaIndex.

Fixed 512-token chunks (``SentenceSplitter(chunk_size=512)``, its default
200-token overlap), dense retrieval only, top-k from a Chroma collection,
with the product's own embedder and extractive answerer. Everything that is
not retrieval or chunking is shared with the default pipeline on purpose:
the same loader and cleaner (so documents, ids and citation offsets are the
same), the same answerer fed the same kind of evidence (each passage's
similarity z-score against random stored chunks, as
``HybridRetriever.annotate`` computes it), so the difference between the
two reports is what hybrid retrieval and small chunks are worth.

The index lives in ``<index dir>/naive`` and is synchronised with the corpus
chunk by chunk, so an interrupted build resumes and an unchanged corpus
costs no embedding.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..answering.question import analyse
from ..assistant import QuestionError
from ..index.embedder import Embedder, as_llama_index, get_embedder
from ..index.indexer import cleaned_documents
from ..index.lexical import LexicalIndex
from ..index.store import date_to_ts
from ..ingestion.loader import discover, load_file
from ..retrieval.retriever import NULL_SAMPLE, IndexStatistics, RetrievalResult
from ..settings import Settings
from ..types import Answer, Document, Passage, PassageChunk

log = logging.getLogger(__name__)

CHUNK_TOKENS = 512
COLLECTION = "naive512_chunks"
_PAGE = 1000

Progress = Callable[[str, int, int], None]


def load_documents(corpus: Path, settings: Settings) -> tuple[list[Document], list[tuple[str, str]]]:
    """The corpus's cleaned articles, with the ids and texts the default indexer gives them."""
    files, skipped = discover([corpus])
    docs: dict[str, Document] = {}
    for path in files:
        loaded = load_file(path, int(settings.max_file_mb * 1e6))
        skipped.extend(loaded.skipped)
        for raw in loaded.documents:
            for doc in cleaned_documents(raw, str(path)):
                # the same article twice is indexed once, as by the indexer
                docs.setdefault(doc.doc_id, doc)
    return list(docs.values()), skipped


def split_documents(docs: list[Document]) -> list[Any]:  # -> list[TextNode]
    """512-token nodes whose text is exactly ``document.text[start:end]``."""
    from llama_index.core import Document as LIDocument
    from llama_index.core.node_parser import SentenceSplitter

    splitter = SentenceSplitter(chunk_size=CHUNK_TOKENS)
    nodes = []
    for doc in docs:
        # Metadata is attached after splitting so that every chunk holds 512 tokens of text.
        parts = splitter.get_nodes_from_documents([LIDocument(text=doc.text, id_=doc.doc_id)])
        cursor = 0
        for i, node in enumerate(parts):
            text = node.get_content()
            start = node.start_char_idx
            if start is None or doc.text[start : start + len(text)] != text:
                start = doc.text.find(text, max(0, cursor - len(text)))
            if start < 0:
                log.warning("naive chunk %d of %s not found in its document; dropped", i, doc.doc_id)
                continue
            cursor = start + len(text)
            node.id_ = f"{doc.doc_id}:n{i:04d}"
            node.start_char_idx, node.end_char_idx = start, start + len(text)
            meta = {k: v for k, v in doc.metadata().items() if v is not None}
            meta.update(chunk_index=i, start=start, end=start + len(text))
            if doc.published:
                meta["published_ts"] = date_to_ts(doc.published)
            node.metadata = meta
            node.excluded_embed_metadata_keys = list(meta)  # embed the chunk's own words only
            node.excluded_llm_metadata_keys = list(meta)
            nodes.append(node)
    return nodes


class NaivePipeline:
    name = "naive"

    def __init__(
        self, corpus: Path, index_dir: Path, settings: Settings | None = None, embedder: Embedder | None = None
    ) -> None:
        self.corpus = Path(corpus)
        self.index_dir = Path(index_dir) / "naive"
        self.settings = settings or Settings()
        self.embedder = embedder or get_embedder()
        self.embed_model = as_llama_index(self.embedder)
        self.docs: dict[str, Document] = {}
        self.skipped: list[tuple[str, str]] = []
        self._nodes: list[Any] = []
        self._by_id: dict[str, Any] = {}
        self._collection: Any = None
        self._index: Any = None
        self._lexical: LexicalIndex | None = None
        self._sample = np.zeros((0, 0), dtype=np.float32)
        self._answerer: Any = None
        self.embedded = 0

    # ------------------------------------------------------------- building
    def build(self, progress: Progress | None = None) -> NaivePipeline:
        """Load and split the corpus, embed the chunks the store lacks, drop those it no longer has."""
        if not self.corpus.is_dir():
            raise FileNotFoundError(f"{self.corpus}: no such corpus directory")
        docs, self.skipped = load_documents(self.corpus, self.settings)
        self.docs = {d.doc_id: d for d in docs}
        self._nodes = split_documents(docs)
        self._by_id = {n.node_id: n for n in self._nodes}
        self._collection = self._open_collection()
        self._sync(progress)
        self._index = self._vector_index()
        ids = [n.node_id for n in self._nodes]
        metas = [n.metadata for n in self._nodes]
        self._lexical = LexicalIndex.build(ids, [n.get_content() for n in self._nodes], metas)
        self._sample = self._null_sample(sorted(ids))
        from ..answering.extractive import ExtractiveAnswerer

        self._answerer = ExtractiveAnswerer(self.settings)
        return self

    def _open_collection(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self.index_dir.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(
            path=str(self.index_dir / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
        )
        from llama_index.core import __version__ as llama_index_version

        # Chunk ids are stable only for one splitter: another one (or another version) starts afresh.
        meta = {
            "embedder": self.embedder.name,
            "chunk_size": CHUNK_TOKENS,
            "splitter": "SentenceSplitter",
            "llama_index": llama_index_version,
        }
        col = client.get_or_create_collection(
            COLLECTION, configuration={"hnsw": {"space": "cosine"}}, metadata=meta, embedding_function=None
        )
        stored = col.metadata or {}
        if "llama_index" not in stored:  # written before the version was recorded: adopt it
            col.modify(metadata={**stored, "llama_index": llama_index_version})
            stored = {**stored, "llama_index": llama_index_version}
        if any(stored.get(k) != v for k, v in meta.items()):
            log.warning("naive index at %s was built differently (%s); rebuilding it", self.index_dir, stored)
            client.delete_collection(COLLECTION)
            col = client.get_or_create_collection(
                COLLECTION, configuration={"hnsw": {"space": "cosine"}}, metadata=meta, embedding_function=None
            )
        return col

    def _stored_ids(self) -> set[str]:
        ids: set[str] = set()
        offset = 0
        while True:
            page = self._collection.get(limit=_PAGE, offset=offset, include=[])
            ids.update(page["ids"])
            if len(page["ids"]) < _PAGE:
                return ids
            offset += _PAGE

    def _sync(self, progress: Progress | None) -> None:
        from llama_index.vector_stores.chroma import ChromaVectorStore

        store = ChromaVectorStore(chroma_collection=self._collection)
        stored = self._stored_ids()
        wanted = {n.node_id for n in self._nodes}
        stale = sorted(stored - wanted)
        for lo in range(0, len(stale), _PAGE):
            self._collection.delete(ids=stale[lo : lo + _PAGE])
        todo = [n for n in self._nodes if n.node_id not in stored]
        batch = max(1, self.settings.embed_batch_size)
        for lo in range(0, len(todo), batch):
            part = todo[lo : lo + batch]
            vectors = self.embed_model.get_text_embedding_batch([n.get_content() for n in part])
            for node, vec in zip(part, vectors, strict=True):
                node.embedding = vec
            store.add(part)  # written batch by batch: an interrupted build resumes here
            for node in part:
                node.embedding = None
            self.embedded += len(part)
            if progress:
                progress("embedding", lo + len(part), len(todo))

    def _vector_index(self) -> Any:
        from llama_index.core import VectorStoreIndex
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return VectorStoreIndex.from_vector_store(
            ChromaVectorStore(chroma_collection=self._collection), embed_model=self.embed_model
        )

    def _null_sample(self, ids: list[str]) -> np.ndarray:
        """Random stored vectors, drawn with the default store's seed and sample size, so that
        a question's z-score against them means the same in both pipelines."""
        if not ids:
            return np.zeros((0, 0), dtype=np.float32)
        rng = np.random.default_rng(0)
        picked = [ids[i] for i in sorted(rng.choice(len(ids), size=min(NULL_SAMPLE, len(ids)), replace=False))]
        got = self._collection.get(ids=picked, include=["embeddings"])
        return np.asarray(got["embeddings"], dtype=np.float32)

    # ------------------------------------------------------------- querying
    def _check(self, question: str) -> str:
        if not isinstance(question, str) or not question.split():
            raise QuestionError("the question is empty")
        return " ".join(question.split())

    def search(self, question: str, top_k: int) -> RetrievalResult:
        from llama_index.core.schema import QueryBundle

        if self._index is None:
            raise RuntimeError("call build() first")
        timings: dict[str, float] = {}
        t = time.perf_counter()
        qvec = self.embedder.embed_query(question)
        timings["embed"] = time.perf_counter() - t
        t = time.perf_counter()
        retriever = self._index.as_retriever(similarity_top_k=top_k)
        hits = retriever.retrieve(QueryBundle(question, embedding=qvec.tolist()))
        timings["dense"] = time.perf_counter() - t
        ids = [h.node.node_id for h in hits]
        got = self._collection.get(ids=ids, include=["embeddings"]) if ids else {"ids": [], "embeddings": []}
        vectors = {cid: np.asarray(v, dtype=np.float32) for cid, v in zip(got["ids"], got["embeddings"], strict=True)}
        null = self._sample @ qvec if self._sample.size else np.zeros(0)
        mu, sigma = (float(null.mean()), float(null.std()) or 1e-6) if len(null) > 1 else (0.8, 0.03)
        passages = []
        dense = []
        for rank, h in enumerate(hits, start=1):
            # The store is keyed by text, so metadata is read from this run's documents, not the store.
            node = self._by_id.get(h.node.node_id)
            if node is None:
                continue
            meta = node.metadata
            start, end = int(meta["start"]), int(meta["end"])
            cos = float(vectors[node.node_id] @ qvec) if node.node_id in vectors else 0.0
            md = {
                key: meta.get(key) or None
                for key in ("title", "source", "published", "language", "url", "path", "author", "wire")
            }
            md.update(
                chunk_index=meta.get("chunk_index"),
                dense_rank=rank,
                dense_score=round(cos, 4),
            )
            passages.append(
                Passage(
                    doc_id=meta["doc_id"],
                    chunk_id=node.node_id,
                    text=node.get_content(),
                    score=round(float(h.score or 0.0), 4),
                    start=start,
                    end=end,
                    metadata=md,
                    chunks=[
                        PassageChunk(node.node_id, start, end, round((cos - mu) / sigma, 3), similarity=round(cos, 4))
                    ],
                )
            )
            dense.append((node.node_id, cos))
        return RetrievalResult(passages, qvec, dense, [], timings, self.statistics(), vectors)

    def statistics(self) -> IndexStatistics:
        if self._lexical is None:
            raise RuntimeError("call build() first")
        return IndexStatistics(self._lexical, self._sample)

    def retrieve(self, question: str, top_k: int | None = None) -> list[Passage]:
        return self.search(self._check(question), top_k or self.settings.top_k).passages

    def ask(self, question: str, top_k: int | None = None) -> Answer:
        t0 = time.perf_counter()
        q = analyse(self._check(question))
        if not self._nodes:
            return self._answerer.empty_index_answer(q, self.corpus)
        result = self.search(q.text, top_k or self.settings.top_k)
        answer = self._answerer.answer(q, result.passages, result.statistics)
        answer.timings.update(result.timings)
        answer.timings["total"] = time.perf_counter() - t0
        return answer

    def document(self, doc_id: str) -> Document | None:
        return self.docs.get(doc_id)

    def count(self) -> int:
        return len(self._nodes)
