"""The public contract: ``rag.Assistant``.

The UI, the CLI, the evaluation suite and outside users all go through this
class, so input checks and error messages live here once.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, InstanceOf, StrictInt, StrictStr, ValidationError

from .answering.generative import GenerativeAnswerer, build_verifier
from .answering.question import QUESTION_WORDS, analyse
from .answering.relative_dates import annotate_relative_dates
from .conversation.followup import HistoryError, normalise_history, rewrite_question
from .index.embedder import Embedder, get_embedder
from .index.indexer import Progress, ingest
from .index.lexical import stopwords
from .index.store import ChromaStore, DocRecord
from .llm.client import LLM, get_llm
from .retrieval.retriever import Filters, HybridRetriever, RetrievalResult
from .settings import Settings
from .text.textnorm import fold
from .types import Answer, IngestReport, Passage

log = logging.getLogger(__name__)


class QuestionError(ValueError):
    """The question cannot be answered as asked; the message says why."""


EXAMPLE_QUESTION = '"What fines has X received under the DSA?"'
FILTERS_HELP = (
    'pass filters as a dict, e.g. {"language": "fr", "source": ["POLITICO"], "since": "2025-01-01", '
    '"until": "2025-12-31"} (each of language/source a string or a list of strings, dates as YYYY-MM-DD)'
)
# Control characters (NUL...) and invisible format characters (zero-width space, BOM) carry no words.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_LETTERS = re.compile(r"[^\W\d_]+")


class _FilterArgs(BaseModel):
    """What ``filters=`` may hold, checked before anything uses it."""

    model_config = ConfigDict(extra="forbid", strict=True)

    language: StrictStr | list[StrictStr] | None = None
    source: StrictStr | list[StrictStr] | None = None
    since: date | StrictStr | None = None
    until: date | StrictStr | None = None


class _Request(BaseModel):
    """The arguments of ask/stream/chat/retrieve, validated at the boundary."""

    question: StrictStr
    top_k: StrictInt | None = Field(default=None, ge=1)
    filters: InstanceOf[Filters] | _FilterArgs | None = None


def _validate(question: Any, top_k: Any, filters: Any) -> tuple[str, int | None, Filters | None]:
    """Type errors become QuestionError messages that say what to pass, never Python internals."""
    if isinstance(filters, dict) and not all(isinstance(k, str) for k in filters):
        raise QuestionError(f"filters keys must be strings; {FILTERS_HELP}")
    try:
        req = _Request(question=question, top_k=top_k, filters=filters)
    except ValidationError as exc:
        raise QuestionError(_explain(exc, filters)) from None
    filt = req.filters
    if isinstance(filt, _FilterArgs):
        try:
            filt = Filters.coerce(filt.model_dump(exclude_none=True))
        except ValueError as exc:
            raise QuestionError(f"{exc}; {FILTERS_HELP}") from None
    return req.question, req.top_k, filt


def _explain(exc: ValidationError, filters: Any) -> str:
    messages = []
    for err in exc.errors():
        loc = [str(x) for x in err["loc"]]
        if loc[0] == "question":
            messages.append(f"the question must be text (a str), not {type(err.get('input')).__name__}")
        elif loc[0] == "top_k" and err["type"] == "greater_than_equal":
            messages.append("top_k must be at least 1")
        elif loc[0] == "top_k":
            messages.append(f"top_k must be a whole number (an int such as 5), not {err.get('input')!r}")
        elif not isinstance(filters, dict):
            shown = repr(filters)[:60]
            messages.append(f"filters must be a dict, not {type(filters).__name__} {shown}")
        elif loc[1:2] == ["_FilterArgs"] and len(loc) > 2:
            if err["type"] == "extra_forbidden":
                messages.append(f"unknown filter {loc[2]!r} (use language, source, since, until)")
            else:
                messages.append(f"filter {loc[2]!r} has the wrong type ({filters.get(loc[2])!r})")
    text = "; ".join(dict.fromkeys(messages)) or str(exc)
    return f"{text}; {FILTERS_HELP}" if "filter" in text else text


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
        self._llm: LLM | None = None
        self._generator: GenerativeAnswerer | None = None
        self._ingest_lock = threading.Lock()
        # The components load lazily, and a server's threads may ask for them at once: one of each.
        self._parts_lock = threading.RLock()

    def variant(self, **overrides: Any) -> Assistant:
        """The same index with other answering settings (e.g. ``use_llm=False``), sharing the loaded parts.

        A server answering one request extractively and the next with the LLM
        must not load the embedding model and the search catalogs twice.
        Only settings read at answer time may differ (not the index or store).
        """
        other = Assistant(settings=self.settings.model_copy(update=overrides))
        other._embedder = self.embedder
        other._store = self.store
        other._retriever = self.retriever
        other._ingest_lock = self._ingest_lock
        other._parts_lock = self._parts_lock
        return other

    # ------------------------------------------------------------ components
    @property
    def embedder(self) -> Embedder:
        with self._parts_lock:
            if self._embedder is None:
                self._embedder = get_embedder(self.settings)
            return self._embedder

    @property
    def store(self) -> ChromaStore:
        with self._parts_lock:
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
        with self._parts_lock:
            if self._retriever is None:
                self._retriever = HybridRetriever(self.store, self.embedder, self.settings)
            return self._retriever

    @property
    def answerer(self):  # -> ExtractiveAnswerer
        if self._answerer is None:
            from .answering.extractive import ExtractiveAnswerer

            self._answerer = ExtractiveAnswerer(self.settings)
        return self._answerer

    # ---------------------------------------------------------------- ingest
    def ingest(
        self,
        paths: str | Path | Iterable[str | Path] | None = None,
        progress: Progress | None = None,
        shard: tuple[int, int] | None = None,
        workers: int | None = None,
    ) -> IngestReport:
        """Index files or directories (default: the corpus directory); only what changed is embedded.

        ``shard=(i, n)`` (0-based) ingests part ``i`` of ``n`` of the files (several processes,
        one Chroma server); ``workers`` processes load, clean and split ahead of the embedder.
        """
        if paths is None:
            paths = [self.settings.corpus_dir]
        elif isinstance(paths, (str, Path)):
            paths = [paths]
        paths = list(paths)
        for p in paths:
            if not Path(p).exists():
                raise FileNotFoundError(f"{p}: no such file or directory")
        with self._ingest_lock:
            report = ingest(paths, self.store, self.embedder, self.settings, progress, shard=shard, workers=workers)
        self.retriever.invalidate()
        if report.changed:
            # Bring the catalog snapshot beside the store up to date now (only the changes are
            # read), so the next process starts from it instead of reading every chunk.
            self.retriever.catalog()
        return report

    # ------------------------------------------------------------- retrieval
    def retrieve(
        self, question: str, top_k: int | None = None, filters: Filters | dict[str, Any] | None = None
    ) -> list[Passage]:
        return self._search(question, top_k, filters).passages

    def _search(self, question: str, top_k: int | None, filters: Filters | dict[str, Any] | None) -> RetrievalResult:
        question, top_k, filt = _validate(question, top_k, filters)
        question = self.check_question(question)
        return self.retriever.search(question, top_k, filt)

    def check_question(self, question: str, follow_up: bool = False) -> str:
        """The question, whitespace-normalised; QuestionError when it cannot be asked as is.

        A question must hold at least one word: "?", "[1]", NUL bytes or a zero-width
        space would otherwise be answered with whatever passages are nearest to
        nothing. Outside a conversation (``follow_up`` False) function words alone
        ("what is it?") are not a question either; in one they can be ("and why?").
        """
        if not isinstance(question, str):
            raise QuestionError(f"the question must be text (a str), not {type(question).__name__}")
        surrogate = next((i for i, ch in enumerate(question) if unicodedata.category(ch) == "Cs"), None)
        if surrogate is not None:
            raise QuestionError(
                f"the question holds an invalid character (a lone UTF-16 surrogate at position {surrogate}); "
                "send it as valid Unicode text"
            )
        q = " ".join(_INVISIBLE.sub(" ", question).split())
        if not q and not question.strip():
            raise QuestionError(f"the question is empty; ask something, e.g. {EXAMPLE_QUESTION}")
        limit = self.settings.max_question_chars
        if len(q) > limit:
            raise QuestionError(
                f"the question is {len(q)} characters long; the limit is {limit} (RAG_MAX_QUESTION_CHARS). "
                "Ask about one thing at a time."
            )
        found = [fold(w) for w in _LETTERS.findall(q)]
        stop = stopwords("en") | stopwords("fr") | QUESTION_WORDS
        if not found or (not follow_up and all(w in stop for w in found)):
            raise QuestionError(
                f"{question[:40]!r} holds no words to search for; ask a real question, e.g. {EXAMPLE_QUESTION}"
            )
        return q

    # ---------------------------------------------------------------- answer
    def ask(self, question: str, top_k: int | None = None, filters: Filters | dict[str, Any] | None = None) -> Answer:
        """Answer from the corpus: generated and verified when an LLM is configured
        (and ``use_llm`` is not False), extractive otherwise or when the LLM fails."""
        return _final(self._answers(question, top_k, filters, None, streaming=False))

    def stream(
        self,
        question: str,
        top_k: int | None = None,
        filters: Filters | dict[str, Any] | None = None,
        history: list[dict[str, Any]] | None = None,
    ) -> Iterator[str | Answer]:
        """Text pieces as they are produced, then exactly one Answer.

        The final Answer's text is the one to keep: its markers are verified and
        renumbered, so it can differ from the concatenated pieces. With ``history``
        the question is first made standalone (``Answer.standalone_question``).
        """
        yield from self._answers(question, top_k, filters, history, streaming=True)

    def chat(
        self,
        history: list[dict[str, Any]] | None,
        question: str,
        top_k: int | None = None,
        filters: Filters | dict[str, Any] | None = None,
    ) -> Answer:
        """Answer a question that may follow up on ``history`` ([{"role": "user"|"assistant", "content": str}])."""
        return _final(self._answers(question, top_k, filters, history if history is not None else [], streaming=False))

    @property
    def llm(self) -> LLM | None:
        """The configured LLM (None when none is), whatever ``use_llm`` says."""
        if self._llm is None and self.settings.llm_configured:
            self._llm = get_llm(self.settings)
        return self._llm

    def _answer_llm(self) -> LLM | None:
        if self.settings.use_llm is False:
            return None
        if not self.settings.llm_configured:
            if self.settings.use_llm:
                raise QuestionError(
                    "generative answers were asked for (--llm / RAG_USE_LLM=true) but no LLM is configured: "
                    "set RAG_LLM_MODEL and RAG_LLM_BASE_URL (or OPENAI_API_KEY for OpenAI); see docs/llm.md"
                )
            return None
        return self.llm

    def _generative(self, llm: LLM) -> GenerativeAnswerer:
        if self._generator is None or self._generator.llm is not llm:
            verifier = build_verifier(self.embedder, self.settings)
            self._generator = GenerativeAnswerer(llm, verifier, self.settings, self._document_text)
        return self._generator

    def _document_text(self, doc_id: str) -> str | None:
        text = self.retriever.catalog().doc_texts.get(doc_id)
        if text is None:
            rec = self.store.document(doc_id)
            text = rec.text if rec is not None else None
        return text

    def _answers(
        self,
        question: str,
        top_k: int | None,
        filters: Filters | dict[str, Any] | None,
        history: list[dict[str, Any]] | None,
        streaming: bool,
    ) -> Iterator[str | Answer]:
        t0 = time.perf_counter()
        question, top_k, filt = _validate(question, top_k, filters)
        asked = self.check_question(question, follow_up=bool(history))
        try:
            turns = normalise_history(history) if history is not None else None
        except HistoryError as exc:
            raise QuestionError(str(exc)) from exc
        llm = self._answer_llm()
        standalone, rewrite_error, rewrite_seconds, streamed = asked, None, 0.0, False
        if turns is not None:
            t = time.perf_counter()
            rewrite = rewrite_question(
                turns, asked, llm, self.settings.llm_history_turns, self.settings.max_question_chars
            )
            standalone, rewrite_error = rewrite.question, rewrite.error
            if len(standalone) > self.settings.max_question_chars:
                standalone = asked
            rewrite_seconds = time.perf_counter() - t
        q = analyse(standalone)  # once: retrieval, the reader and the generator read this
        if not self.retriever.catalog().ids:  # the catalog re-checks the store at most once a second
            answer = self.answerer.empty_index_answer(q, self.settings.corpus_dir)
        else:
            result = self.retriever.search(q, top_k or self.settings.top_k, filt)
            answer = self.answerer.answer(q, result.passages, result.statistics, filt)
            answer.timings.update(result.timings)
            if llm is not None and not answer.abstained and result.passages:
                generator = self._generative(llm)
                draft = generator.prepare(standalone, result, answer)
                if rewrite_error is not None and rewrite_error.kind in ("timeout", "unreachable"):
                    # The model just failed to answer at all; asking again would double the wait.
                    answer = generator.fallback(draft, rewrite_error, 0.0)
                elif streaming:
                    streamed = True
                    for item in generator.stream(draft):
                        if isinstance(item, Answer):
                            answer = item
                        else:
                            yield item
                else:
                    answer = generator.complete(draft)
                answer.timings.update(result.timings)
            else:
                published = {c.n: c.published for c in answer.citations}
                answer.text = annotate_relative_dates(answer.text, published, answer.language, inline=False)
        if turns is not None:
            answer.question = asked
            answer.standalone_question = standalone
            answer.timings["rewrite"] = rewrite_seconds
        answer.timings["total"] = time.perf_counter() - t0
        if streaming and not streamed:
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

        Returns the ids removed. Without ``delete_file`` the file stays where it is, so
        the next ingest of its directory indexes its articles again (unless the file
        still has other articles indexed, in which case it counts as unchanged).
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


def _final(items: Iterator[str | Answer]) -> Answer:
    answer = None
    for item in items:
        if isinstance(item, Answer):
            answer = item
    assert answer is not None, "an answer stream always ends with its Answer"
    return answer
