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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .cleaner import clean
from .embedder import Embedder
from .loader import check_loaders, discover, load_file
from .settings import Settings
from .splitter import split_document
from .store import ChromaStore, _sha
from .types import Chunk, Document, IngestReport, RawDocument

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


# Bump when the loader, cleaner or splitter would turn an unchanged file into different
# documents or chunks: files are then processed again (identical chunks keep their vectors).
PIPELINE_VERSION = "3"


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


def ingest(
    paths: Iterable[str | Path],
    store: ChromaStore,
    embedder: Embedder,
    settings: Settings,
    progress: Progress | None = None,
) -> IngestReport:
    t0 = time.perf_counter()
    paths = [Path(p) for p in paths]
    report = IngestReport()
    files, problems = discover(paths)
    check_loaders(files)  # a loader that cannot work fails the run once, not every file silently
    report.skipped.extend(problems)
    roots = [p.resolve() for p in paths if p.is_dir()]

    existing: dict[str, list[dict]] = {}
    for rec in store.documents():
        existing.setdefault(rec.metadata.get("path", ""), []).append(rec.metadata)
    known_doc_ids = {m["doc_id"]: path for path, ms in existing.items() for m in ms}

    pending: list[_Pending] = []
    claimed: dict[str, str] = {}  # doc_id -> path that provides it in this run
    max_bytes = int(settings.max_file_mb * 1e6)
    for n, path in enumerate(files, start=1):
        if progress:
            progress("reading", n, len(files))
        key = str(path)
        old = existing.get(key, [])
        loaded = load_file(path, max_bytes)
        if old and not loaded.documents:  # unreadable now, but it was fine before: keep what we had
            loaded.skipped = [(w, f"{r}; kept the previously indexed version") for w, r in loaded.skipped]
        report.skipped.extend(loaded.skipped)
        for note in loaded.notes:
            log.warning("%s: %s", key, note)
            report.warnings.append((key, note))
        key_now = processing_key(loaded.sha, settings) if loaded.sha else None
        if old and key_now and all(m.get("file_sha") == key_now for m in old):
            report.unchanged.append(key)
            for m in old:
                claimed[m["doc_id"]] = key
            continue
        if not loaded.documents:
            for m in old:
                claimed[m["doc_id"]] = key
            continue
        item = _Pending(key, "updated" if old else "added", key_now or "", old_ids={m["doc_id"] for m in old})
        for raw in loaded.documents:
            for doc in cleaned_documents(raw, key):
                owner = claimed.get(doc.doc_id) or (
                    known_doc_ids.get(doc.doc_id) if known_doc_ids.get(doc.doc_id) not in (None, key) else None
                )
                if owner and owner != key and Path(owner).exists():
                    report.skipped.append((_where(raw), f"same text as {owner}, indexed once"))
                    continue
                if any(d.doc_id == doc.doc_id for d in item.docs):
                    continue
                claimed[doc.doc_id] = key
                item.docs.append(doc)
                item.chunks[doc.doc_id] = split_document(doc, settings.chunk_words, settings.chunk_max_words)
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
        pending.append(item)

    _embed_and_write(pending, store, embedder, settings, report, progress)

    present = {str(f) for f in files}
    for path, metas in existing.items():
        if path in present or not any(_under(path, r) for r in roots):
            continue
        if Path(path).exists() and not _ignored_or_unsupported(path, present):
            continue
        store.delete_documents({m["doc_id"] for m in metas})
        report.removed.append(path)
    if report.changed:
        store.bump_generation()
    report.documents = len(store.documents())
    report.seconds = time.perf_counter() - t0
    return report


def _embed_and_write(
    pending: list[_Pending],
    store: ChromaStore,
    embedder: Embedder,
    settings: Settings,
    report: IngestReport,
    progress: Progress | None,
) -> None:
    all_chunks = [c for item in pending for d in item.docs for c in item.chunks[d.doc_id]]
    if not all_chunks:
        return
    shas = [_sha(c.embed_text) for c in all_chunks]
    reused = store.vectors_by_content(shas)
    vectors: dict[str, np.ndarray] = {}
    todo = [c for c, s in zip(all_chunks, shas, strict=False) if s not in reused]
    report.chunks_reused = len(all_chunks) - len(todo)
    for c, s in zip(all_chunks, shas, strict=False):
        if s in reused:
            vectors[c.chunk_id] = reused[s]
    batch = max(1, settings.embed_batch_size)
    done = 0
    written: set[int] = set()
    for lo in range(0, len(todo), batch):
        part = todo[lo : lo + batch]
        embedded = embedder.embed_passages([c.embed_text for c in part])
        for c, v in zip(part, embedded, strict=False):
            vectors[c.chunk_id] = v
        done += len(part)
        report.chunks_embedded += len(part)
        if progress:
            progress("embedding", done, len(todo))
        # Write each file as soon as all its vectors exist: an interrupted
        # ingest keeps what it finished.
        for k, item in enumerate(pending):
            if k not in written and all(c.chunk_id in vectors for d in item.docs for c in item.chunks[d.doc_id]):
                _write(item, store, vectors, report)
                written.add(k)
    for k, item in enumerate(pending):
        if k not in written:
            _write(item, store, vectors, report)


def _write(item: _Pending, store: ChromaStore, vectors: dict[str, np.ndarray], report: IngestReport) -> None:
    for doc in item.docs:
        chunks = item.chunks[doc.doc_id]
        store.add_document(doc, chunks, np.stack([vectors[c.chunk_id] for c in chunks]), item.file_sha)
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


def _ignored_or_unsupported(path: str, present: set[str]) -> bool:
    # The file exists but discovery no longer lists it: .ragignore'd or hidden.
    return path not in present
