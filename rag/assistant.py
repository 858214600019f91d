"""The public contract: ``rag.Assistant``.

The UI, the CLI, the evaluation suite and outside users all go through this
class, so input checks and error messages live here once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .embedder import Embedder, get_embedder
from .indexer import Progress, ingest
from .retriever import Filters, HybridRetriever, RetrievalResult
from .settings import Settings
from .store import ChromaStore, DocRecord
from .types import Answer, IngestReport, Passage

log = logging.getLogger(__name__)


class QuestionError(ValueError):
    """The question cannot be answered as asked; the message says why."""


class Assistant:
    def __init__(
        self,
        corpus_dir: str | Path | None = None,
        index_dir: str | Path | None = None,
        settings: Settings | None = None,
        **overrides: Any,
    ) -> None:
        base = settings or Settings()
        updates = dict(overrides)
        if corpus_dir is not None:
            updates["corpus_dir"] = Path(corpus_dir)
        if index_dir is not None:
            updates["index_dir"] = Path(index_dir)
        self.settings = base.model_copy(update=updates) if updates else base
        self._embedder: Embedder | None = None
        self._store: ChromaStore | None = None
        self._retriever: HybridRetriever | None = None
        self._answerer = None
        self._llm = None
        self._ingest_lock = threading.Lock()

    # ------------------------------------------------------------ components
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder()
        return self._embedder

    @property
    def store(self) -> ChromaStore:
        if self._store is None:
            s = self.settings
            self._store = ChromaStore(
                s.index_dir,
                s.collection,
                self.embedder.name,
                self.embedder.dim,
                url=s.chroma_url,
                timeout=s.chroma_timeout,
            )
        return self._store

    @property
    def retriever(self) -> HybridRetriever:
        if self._retriever is None:
            self._retriever = HybridRetriever(self.store, self.embedder, self.settings)
        return self._retriever

    @property
    def answerer(self):  # -> ExtractiveAnswerer
        if self._answerer is None:
            from .extractive import ExtractiveAnswerer

            self._answerer = ExtractiveAnswerer(lambda: self.retriever.catalog().lexical, self.settings)
        return self._answerer

    # ---------------------------------------------------------------- ingest
    def ingest(
        self, paths: str | Path | Iterable[str | Path] | None = None, progress: Progress | None = None
    ) -> IngestReport:
        """Index files or directories (default: the corpus directory); only what changed is embedded."""
        if paths is None:
            paths = [self.settings.corpus_dir]
        elif isinstance(paths, (str, Path)):
            paths = [paths]
        paths = list(paths)
        for p in paths:
            if not Path(p).exists():
                raise FileNotFoundError(f"{p}: no such file or directory")
        with self._ingest_lock:
            report = ingest(paths, self.store, self.embedder, self.settings, progress)
        self.retriever.invalidate()
        return report

    # ------------------------------------------------------------- retrieval
    def retrieve(
        self, question: str, top_k: int | None = None, filters: Filters | dict[str, Any] | None = None
    ) -> list[Passage]:
        return self._search(question, top_k, filters).passages

    def _search(self, question: str, top_k: int | None, filters: Filters | dict[str, Any] | None) -> RetrievalResult:
        question = self.check_question(question)
        if top_k is not None and top_k < 1:
            raise QuestionError("top_k must be at least 1")
        return self.retriever.search(question, top_k, filters)

    def check_question(self, question: str) -> str:
        if not isinstance(question, str):
            raise QuestionError("the question must be text")
        q = " ".join(question.split())
        if not q:
            raise QuestionError('the question is empty; ask something, e.g. "What fines has X received under the DSA?"')
        limit = self.settings.max_question_chars
        if len(q) > limit:
            raise QuestionError(
                f"the question is {len(q)} characters long; the limit is {limit} (RAG_MAX_QUESTION_CHARS). "
                "Ask about one thing at a time."
            )
        return q

    # ---------------------------------------------------------------- answer
    def ask(self, question: str, top_k: int | None = None, filters: Filters | dict[str, Any] | None = None) -> Answer:
        t0 = time.perf_counter()
        question = self.check_question(question)
        if self.store.count() == 0:
            return self.answerer.empty_index_answer(question, self.settings.corpus_dir)
        result = self.retriever.search(question, top_k or self.settings.top_k, filters)
        answer = self.answerer.answer(question, result, Filters.coerce(filters))
        answer.timings.update(result.timings)
        answer.timings["total"] = time.perf_counter() - t0
        return answer

    def stream(self, question: str, **kwargs: Any) -> Iterator[str | Answer]:
        answer = self.ask(question, **kwargs)
        yield answer.text
        yield answer

    # --------------------------------------------------------------- corpus
    def documents(self) -> list[DocRecord]:
        return self.store.documents()

    def document(self, doc_id: str) -> DocRecord | None:
        return self.store.document(doc_id)

    def remove_document(self, doc_id: str, delete_file: bool = False) -> list[str]:
        """Drop a document from the index; with ``delete_file``, also delete its file
        (only inside the corpus directory) and the other documents it held.

        Returns the ids removed. Without ``delete_file`` the file stays, and since it
        is unchanged a later ingest does not bring the document back.
        """
        rec = self.store.document(doc_id)
        if rec is None:
            raise KeyError(f"no document {doc_id!r} in the index")
        ids = [doc_id]
        path = Path(rec.metadata.get("path", ""))
        if delete_file:
            corpus = self.settings.corpus_dir.resolve()
            if not path.resolve().is_relative_to(corpus):
                raise PermissionError(f"{path} is outside the corpus directory {corpus}; not deleting it")
            ids = [d.doc_id for d in self.store.documents() if d.metadata.get("path") == str(path)]
            path.unlink(missing_ok=True)
        with self._ingest_lock:
            self.store.delete_documents(ids)
            self.store.bump_generation()
        self.retriever.invalidate()
        return ids

    def stats(self) -> dict[str, Any]:
        docs = self.store.documents()
        langs: dict[str, int] = {}
        sources: dict[str, int] = {}
        for d in docs:
            langs[d.metadata.get("language") or "unknown"] = langs.get(d.metadata.get("language") or "unknown", 0) + 1
            sources[d.metadata.get("source") or "unknown"] = sources.get(d.metadata.get("source") or "unknown", 0) + 1
        dates = sorted(d.metadata["published"] for d in docs if d.metadata.get("published"))
        return {
            "documents": len(docs),
            "files": len({d.metadata.get("path") for d in docs}),
            "chunks": self.store.count(),
            "languages": langs,
            "sources": sources,
            "published_range": [dates[0], dates[-1]] if dates else None,
            "undated_documents": sum(1 for d in docs if not d.metadata.get("published")),
            "store": self.store.location,
            "embedder": self.embedder.name,
            "llm": self.settings.llm_model if self.settings.llm_configured else None,
        }
