"""The one engine a UI process shares between its browser sessions.

Gradio runs handlers in worker threads for every open page. They must share a
single ``Assistant`` (one embedding model in memory, one Chroma client) and a
single account of what the indexer is doing, so that a page opened during the
first start, or while somebody else's upload is being embedded, shows the same
progress. Stats are cached and recomputed only when the index changes: the
page polls them every second and reading Chroma that often would be waste.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from ..assistant import Assistant
from ..index.indexer import Progress
from ..index.store import DocRecord
from ..text.titles import HEAD_CHARS
from ..types import IngestReport
from .terminal import TerminalProgress, say

log = logging.getLogger(__name__)

_STORE_POLL_SECONDS = 5.0


@dataclass(frozen=True)
class IndexStatus:
    busy: bool = False
    task: str = ""
    stage: str = ""
    done: int = 0
    total: int = 0
    loaded: bool = False
    documents: int = 0
    files: int = 0
    chunks: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    published_range: tuple[str, str] | None = None
    undated: int = 0
    # Bumped whenever the index content changes, so each page knows when to
    # reload its document table and filter choices.
    version: int = 0
    last: str = ""
    error: str | None = None
    mode: str = "extractive"

    @property
    def empty(self) -> bool:
        return self.chunks == 0


class Service:
    def __init__(self, assistant: Assistant, echo: TextIO | None = sys.stderr) -> None:
        self.assistant = assistant
        self.echo = echo
        self._status = IndexStatus()
        self._status_lock = threading.Lock()
        # One indexing job at a time, so the shared progress describes one job.
        self._work_lock = threading.Lock()
        self._docs: tuple[int, list[DocRecord]] | None = None
        self._texts: OrderedDict[tuple[int, str], DocRecord | None] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._store_generation: int | None = None
        self._last_poll = 0.0
        self._thread: threading.Thread | None = None
        # Where the page is served, for the terminal's "ready" line; set by whoever starts the server.
        self.url: str | None = None

    @property
    def settings(self):
        return self.assistant.settings

    # ---------------------------------------------------------------- status
    def status(self) -> IndexStatus:
        with self._status_lock:
            return self._status

    def _update(self, **changes: object) -> IndexStatus:
        with self._status_lock:
            self._status = replace(self._status, **changes)
            return self._status

    def refresh(self, changed: bool = True, last: str | None = None) -> IndexStatus:
        """Re-read the index statistics; ``changed`` tells open pages to reload their lists."""
        stats = self.assistant.stats()
        generation = self.assistant.store.generation()
        llm = stats.get("llm")
        with self._status_lock:
            self._store_generation = generation
            self._status = replace(
                self._status,
                loaded=True,
                documents=stats["documents"],
                files=stats["files"],
                chunks=stats["chunks"],
                languages=dict(stats["languages"]),
                sources=dict(stats["sources"]),
                published_range=tuple(stats["published_range"]) if stats["published_range"] else None,
                undated=stats["undated_documents"],
                version=self._status.version + (1 if changed else 0),
                last=last if last is not None else self._status.last,
                mode=f"llm:{llm}" if llm else "extractive",
            )
            return self._status

    def poll(self) -> IndexStatus:
        """Notice changes made by another process (``rag ingest`` next to a running UI)."""
        now = time.monotonic()
        status = self.status()
        if status.busy or not status.loaded or now - self._last_poll < _STORE_POLL_SECONDS:
            return status
        self._last_poll = now
        try:
            if self.assistant.store.generation() != self._store_generation:
                return self.refresh(changed=True)
        except Exception as exc:  # a Chroma server gone away: say so, keep serving
            log.warning("cannot read the index generation: %s", exc)
        return status

    # ------------------------------------------------------------- indexing
    def ingest(
        self, paths: Iterable[str | Path] | None = None, *, task: str, progress: Progress | None = None
    ) -> IngestReport:
        """Index paths (default: the corpus folder), reporting to the terminal, every page and ``progress``."""
        terminal = TerminalProgress(self.echo, label=task) if self.echo else None

        def report(stage: str, done: int, total: int) -> None:
            self._update(stage=stage, done=done, total=total)
            if terminal:
                terminal(stage, done, total)
            if progress:
                progress(stage, done, total)

        with self._work_lock:
            self._update(busy=True, task=task, stage="starting", done=0, total=0, error=None)
            if progress:
                progress("starting", 0, 0)
            try:
                result = self.assistant.ingest(None if paths is None else list(paths), progress=report)
            except Exception as exc:
                self._update(busy=False, error=f"{task} failed: {exc}")
                if terminal:
                    terminal.finish(f"failed: {exc}")
                raise
            if terminal:
                terminal.finish(result.summary(), timed=False)  # the summary states its own duration
            self.refresh(changed=result.changed or not self.status().loaded, last=result.summary())
            self._update(busy=False, stage="", done=0, total=0)
        if result.changed:
            self._warm()
        return result

    def _warm(self) -> None:
        """Build the search catalogs now, so the first question after an index change is not the slow one."""
        if self.status().empty:
            return
        s = self.settings
        try:
            if s.use_llm is False or not s.llm_configured:
                self.assistant.ask("warm-up")  # loads the answerer too, not only the catalogs
            else:
                self.assistant.retrieve("warm-up", top_k=1)  # never spend an LLM call on it
        except Exception as exc:  # only a head start; a real question will report any real problem
            log.info("warm-up search failed: %s", exc)

    def remove(self, doc_id: str, delete_file: bool) -> list[str]:
        with self._work_lock:
            removed = self.assistant.remove_document(doc_id, delete_file=delete_file)
            self.refresh(changed=True, last=f"removed {len(removed)} document(s)")
        self._warm()
        return removed

    def start(self, ingest: bool = True) -> threading.Thread:
        """Load the model and the index stats, then index the corpus folder, without blocking the server."""
        self._update(busy=True, task="starting", stage="loading the embedding model")
        thread = threading.Thread(target=self._startup, args=(ingest,), name="rag-ui-startup", daemon=True)
        self._thread = thread
        thread.start()
        return thread

    def _startup(self, ingest: bool) -> None:
        try:
            self.refresh(changed=True)
            self._update(busy=False, stage="")
            corpus = self.settings.corpus_dir
            if ingest and not corpus.is_dir():
                msg = f"corpus folder {corpus} does not exist; upload articles in the Corpus tab"
                self._update(error=msg)
                say(self.echo, f"note: {msg}")
            elif ingest:
                report = self.ingest(task=f"indexing {corpus}")
                if not report.changed:
                    self._warm()
            else:
                self._warm()
        except Exception as exc:
            log.exception("startup indexing failed")
            self._update(busy=False, error=f"indexing failed: {exc}")
            say(self.echo, f"error: indexing failed: {exc}; the page says so and serves what is indexed")
        self._announce()

    def _announce(self) -> None:
        """Tell the terminal, in words, that questions can be asked now (or why not)."""
        s = self.status()
        where = f" at {self.url}" if self.url else ""
        if not s.loaded:
            return
        if s.empty:
            say(
                self.echo,
                f"ready, but the index is empty: add articles in the Corpus tab{where}, "
                f"or put files in {self.settings.corpus_dir} and re-index",
            )
            return
        files = f"{s.files} file{'s' if s.files != 1 else ''}"
        say(
            self.echo,
            f"ready: {s.documents} article{'s' if s.documents != 1 else ''} from {files} "
            f"({s.chunks} passages) indexed; ask questions{where}",
        )

    def wait_started(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    # ---------------------------------------------------------------- reads
    def documents(self) -> list[DocRecord]:
        version = self.status().version
        cached = self._docs
        if cached is None or cached[0] != version:
            cached = (version, [self._with_head(d) for d in self.assistant.documents()])
            self._docs = cached
        return cached[1]

    def _with_head(self, rec: DocRecord) -> DocRecord:
        """The listing carries no text; an untitled article gets its opening, which names it in the lists."""
        if rec.text or rec.metadata.get("title"):
            return rec
        full = self.assistant.document(rec.doc_id)
        return DocRecord(rec.doc_id, full.text[:HEAD_CHARS] if full else "", rec.metadata)

    def document(self, doc_id: str) -> DocRecord | None:
        """The cleaned text that citation offsets point into, cached because every answer re-reads it."""
        key = (self.status().version, doc_id)
        with self._cache_lock:
            if key in self._texts:
                self._texts.move_to_end(key)
                return self._texts[key]
        rec = self.assistant.document(doc_id)
        with self._cache_lock:
            self._texts[key] = rec
            while len(self._texts) > 64:
                self._texts.popitem(last=False)
        return rec
