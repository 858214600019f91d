"""The two pipelines under test, behind one small interface.

The runner only needs to retrieve, answer, and read back a document's text
(to check that a citation quotes it), so the default assistant and the naive
LlamaIndex baseline are measured by exactly the same code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from ..assistant import Assistant
from ..settings import Settings
from ..types import Answer, Passage
from .naive import CHUNK_TOKENS, NaivePipeline

PIPELINES = ("default", "naive")

IngestProgress = Callable[[str, int, int], None]


class System(Protocol):
    name: str
    settings: Settings
    corpus: Path | None

    def retrieve(self, question: str, top_k: int) -> list[Passage]: ...

    def ask(self, question: str) -> Answer: ...

    def document_text(self, doc_id: str) -> str | None: ...

    def documents(self) -> list[tuple[str, str | None]]: ...

    def describe(self) -> dict[str, Any]: ...


class AssistantSystem:
    """The product as users get it: ``rag.Assistant``."""

    name = "default"

    def __init__(
        self, assistant: Assistant, ingested: dict[str, Any] | None = None, corpus: Path | None = None
    ) -> None:
        self.assistant = assistant
        self.settings = assistant.settings
        self.ingested = ingested
        self.corpus = corpus  # the directory ingested for this run, if any
        self._texts: dict[str, str | None] = {}

    def retrieve(self, question: str, top_k: int) -> list[Passage]:
        return self.assistant.retrieve(question, top_k=top_k)

    def ask(self, question: str) -> Answer:
        return self.assistant.ask(question)

    def document_text(self, doc_id: str) -> str | None:
        if doc_id not in self._texts:
            rec = self.assistant.document(doc_id)
            self._texts[doc_id] = rec.text if rec else None
        return self._texts[doc_id]

    def documents(self) -> list[tuple[str, str | None]]:
        return [(d.doc_id, d.metadata.get("language")) for d in self.assistant.documents()]

    def describe(self) -> dict[str, Any]:
        s = self.settings
        stats = self.assistant.stats()
        return {
            "pipeline": "default",
            "description": "hybrid retrieval (dense + per-language BM25, rank fusion, neighbour windows) "
            "over sentence-bounded chunks; extractive answerer",
            "chunking": {"chunk_words": s.chunk_words, "chunk_max_words": s.chunk_max_words, "window": s.window},
            "index": stats["store"],
            "documents": stats["documents"],
            "chunks": stats["chunks"],
            "embedder": stats["embedder"],
            "ingest": self.ingested,
        }


class NaiveSystem:
    name = "naive"

    def __init__(self, pipeline: NaivePipeline) -> None:
        self.pipeline = pipeline
        self.settings = pipeline.settings
        self.corpus = pipeline.corpus

    def retrieve(self, question: str, top_k: int) -> list[Passage]:
        return self.pipeline.retrieve(question, top_k)

    def ask(self, question: str) -> Answer:
        return self.pipeline.ask(question)

    def document_text(self, doc_id: str) -> str | None:
        doc = self.pipeline.document(doc_id)
        return doc.text if doc else None

    def documents(self) -> list[tuple[str, str | None]]:
        return [(d.doc_id, d.language) for d in self.pipeline.docs.values()]

    def describe(self) -> dict[str, Any]:
        p = self.pipeline
        return {
            "pipeline": "naive",
            "description": f"LlamaIndex SentenceSplitter(chunk_size={CHUNK_TOKENS}), dense top-k from Chroma "
            "(VectorStoreIndex + ChromaVectorStore), same embedder, loader, cleaner and extractive answerer",
            "chunking": {"chunk_tokens": CHUNK_TOKENS, "chunk_overlap_tokens": 200, "tokenizer": "tiktoken cl100k"},
            "index": str(p.index_dir),
            "documents": len(p.docs),
            "chunks": p.count(),
            "embedder": p.embedder.name,
            "ingest": {"chunks_embedded": p.embedded, "skipped": [list(s) for s in p.skipped]},
        }


def default_index_dir(settings: Settings, corpus: Path) -> Path:
    """Where to index a corpus when no --index is given.

    The configured corpus uses the configured index; any other corpus gets
    its own directory under it, so evaluating over distractors never mixes
    them into the user's index, and a second run reuses the first one's work.
    """
    if corpus.resolve() == Path(settings.corpus_dir).resolve():
        return Path(settings.index_dir)
    key = hashlib.sha256(str(corpus.resolve()).encode()).hexdigest()[:8]
    return Path(settings.index_dir) / "eval" / f"{corpus.resolve().name}-{key}"


def open_system(
    pipeline: str,
    assistant: Assistant | None = None,
    corpus: Path | None = None,
    index: Path | None = None,
    settings: Settings | None = None,
    progress: IngestProgress | None = None,
) -> System:
    """Build the pipeline to evaluate, indexing the corpus first where needed.

    default: a given assistant is used as it is (and ingests ``corpus`` if one
    is given); ``index`` alone opens an existing index read-only; otherwise
    ``corpus`` (default: the configured one) is ingested into ``index``.
    naive: always built from the corpus files, into ``<index>/naive``.
    """
    if pipeline not in PIPELINES:
        raise ValueError(f"unknown pipeline {pipeline!r}; use one of {', '.join(PIPELINES)}")
    settings = assistant.settings if assistant is not None else (settings or Settings())
    if corpus is not None and not Path(corpus).is_dir():
        raise FileNotFoundError(f"{corpus}: no such corpus directory")

    if pipeline == "naive":
        corpus = Path(corpus or settings.corpus_dir)
        if index is None:
            index = Path(assistant.settings.index_dir) if assistant is not None else default_index_dir(settings, corpus)
        embedder = assistant.embedder if assistant is not None else None
        return NaiveSystem(NaivePipeline(corpus, Path(index), settings, embedder).build(progress))

    ingested = None
    if assistant is not None:
        if index is not None and Path(index).resolve() != Path(assistant.settings.index_dir).resolve():
            raise ValueError("give an assistant or an index to evaluate, not both")
        if corpus is not None:
            ingested = _ingest_summary(assistant.ingest(corpus, progress=progress).to_dict())
        return AssistantSystem(assistant, ingested, Path(corpus) if corpus is not None else None)
    if index is not None and corpus is None:
        if not Path(index).is_dir():
            raise FileNotFoundError(f"{index}: no such index directory (pass --corpus DIR to build one)")
        assistant = Assistant(index_dir=index, settings=settings)
        if assistant.store.count() == 0:
            raise ValueError(f"the index at {index} is empty; pass --corpus DIR to build it")
        return AssistantSystem(assistant, None)
    corpus = Path(corpus or settings.corpus_dir)
    if not corpus.is_dir():
        raise FileNotFoundError(f"{corpus}: no such corpus directory")
    assistant = Assistant(corpus_dir=corpus, index_dir=index or default_index_dir(settings, corpus), settings=settings)
    report = assistant.ingest(progress=progress)
    return AssistantSystem(assistant, _ingest_summary(report.to_dict()), corpus)


def _ingest_summary(report: dict[str, Any]) -> dict[str, Any]:
    # Per-file lists of a 1,000-file corpus would drown the header; counts say enough.
    return {
        "added": len(report["added"]),
        "updated": len(report["updated"]),
        "removed": len(report["removed"]),
        "unchanged": len(report["unchanged"]),
        "skipped": [list(s) for s in report["skipped"]],
        "chunks_embedded": report["chunks_embedded"],
        "seconds": round(report["seconds"], 2),
    }
