"""Chroma as the one store of record: chunks with their vectors, and documents.

Two collections. ``<name>_chunks`` holds one record per chunk: its vector, its
own text and the metadata that filters need. ``<name>_docs`` holds one record
per cleaned document: the full text that citation offsets point into, its
metadata, the file it came from and that file's hash (so re-ingesting an
unchanged file costs nothing). Keeping the manifest inside Chroma means a
Chroma server shared by several processes needs nothing else on disk.

The embedded ``PersistentClient`` is the default; ``RAG_CHROMA_URL`` points the
same code at a server. Telemetry is always off.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from ..types import Chunk, Document
from .sentence_vectors import ChunkVectors, SentenceVectors

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_PAGE = 2000
_OPENING = threading.Lock()


class StoreError(RuntimeError):
    """The vector store cannot be used; the message says how to fix it."""


@dataclass
class DocRecord:
    doc_id: str
    text: str
    metadata: dict[str, Any]


def date_to_ts(d: date) -> int:
    return int(datetime.combine(d, time(), tzinfo=UTC).timestamp())


class ChromaStore:
    def __init__(
        self,
        index_dir: Path,
        collection: str,
        embedder_name: str,
        dim: int,
        url: str | None = None,
        timeout: float = 10.0,
    ) -> None:
        self.url = url
        self.index_dir = index_dir
        self.location = url or str(index_dir / "chroma")
        self._client = _connect(index_dir, url, timeout)
        meta = {"embedder": embedder_name, "dim": dim, "schema": SCHEMA_VERSION}
        try:
            self.chunks = self._client.get_or_create_collection(
                f"{collection}_chunks",
                configuration={"hnsw": {"space": "cosine", "ef_search": EF_SEARCH}},
                metadata=meta,
                embedding_function=None,
            )
            _raise_ef_search(self.chunks)
            self.docs = self._client.get_or_create_collection(
                f"{collection}_docs",
                configuration={"hnsw": {"space": "cosine"}},
                metadata=meta,
                embedding_function=None,
            )
        except Exception as exc:
            raise _unavailable(url, exc) from exc
        stored = self.chunks.metadata or {}
        if stored.get("embedder") not in (None, embedder_name) or stored.get("dim") not in (None, dim):
            raise StoreError(
                f"The index at {self.location} was built with the embedder {stored.get('embedder')} "
                f"({stored.get('dim')} dims), not {embedder_name} ({dim} dims): their vectors cannot be "
                "mixed. Re-index: delete the index (or choose another RAG_INDEX_DIR / RAG_COLLECTION) and "
                "run `rag ingest` again, or set RAG_EMBED_* back to the embedder that built it."
            )

    # ---------------------------------------------------------------- writes
    def add_document(
        self,
        doc: Document,
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        file_sha: str,
        story: str | None = None,
        minhash: str | None = None,
        sentences: Sequence[SentenceVectors | None] | None = None,
    ) -> None:
        """Write a document and its chunks; chunks first, so a crash leaves no doc without chunks.

        ``story`` labels the copies of one wire story (rag.ingestion.duplicates); ``minhash`` is the
        document's signature, kept so later ingests, in any process, find its copies; ``sentences``
        the vectors of each chunk's sentences (rag.index.sentence_vectors), None for a chunk of one."""
        base, metas = _chunk_metadatas(doc, chunks, story)
        for meta, sv in zip(metas, sentences or (), strict=False):
            if sv is not None:
                meta.update(sv.to_metadata())
        try:
            for lo in range(0, len(chunks), _PAGE):
                hi = lo + _PAGE
                self.chunks.upsert(
                    ids=[c.chunk_id for c in chunks[lo:hi]],
                    embeddings=vectors[lo:hi],
                    documents=[c.text for c in chunks[lo:hi]],
                    metadatas=metas[lo:hi],
                )
            # Re-split under other rules, a document may now have fewer chunks: drop the rest.
            self.chunks.delete(where={"$and": [{"doc_id": doc.doc_id}, {"chunk_index": {"$gte": len(chunks)}}]})
            doc_vec = vectors.mean(axis=0) if len(vectors) else np.zeros(vectors.shape[1], dtype=np.float32)
            norm = float(np.linalg.norm(doc_vec)) or 1.0
            dmeta = dict(base)
            dmeta.update({"file_sha": file_sha, "n_chunks": len(chunks), WRITTEN: _stamp()})
            if minhash:
                dmeta["minhash"] = minhash
            self.docs.upsert(ids=[doc.doc_id], embeddings=[doc_vec / norm], documents=[doc.text], metadatas=[dmeta])
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc

    def add_new_documents(self, items: Sequence[tuple[Document, Sequence[Chunk], np.ndarray]], file_sha: str) -> None:
        """Write many documents the store does not hold yet, a page of rows per call instead
        of three calls a document (the benchmark's stand-in archive)."""
        ids, vecs, texts, metas = [], [], [], []
        d_ids, d_vecs, d_texts, d_metas = [], [], [], []
        for doc, chunks, vectors in items:
            base, chunk_metas = _chunk_metadatas(doc, chunks, None)
            ids += [c.chunk_id for c in chunks]
            vecs += list(vectors)
            texts += [c.text for c in chunks]
            metas += chunk_metas
            doc_vec = vectors.mean(axis=0)
            d_ids.append(doc.doc_id)
            d_vecs.append(doc_vec / (float(np.linalg.norm(doc_vec)) or 1.0))
            d_texts.append(doc.text)
            d_metas.append({**base, "file_sha": file_sha, "n_chunks": len(chunks), WRITTEN: _stamp()})
        try:
            for lo in range(0, len(ids), _PAGE):
                hi = lo + _PAGE
                self.chunks.upsert(
                    ids=ids[lo:hi], embeddings=vecs[lo:hi], documents=texts[lo:hi], metadatas=metas[lo:hi]
                )
            for lo in range(0, len(d_ids), _PAGE):
                hi = lo + _PAGE
                self.docs.upsert(
                    ids=d_ids[lo:hi], embeddings=d_vecs[lo:hi], documents=d_texts[lo:hi], metadatas=d_metas[lo:hi]
                )
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        ids = list(doc_ids)
        if not ids:
            return
        try:
            self.chunks.delete(where={"doc_id": {"$in": ids}})
            self.docs.delete(ids=ids)
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc

    def set_file_sha(self, doc_ids: Iterable[str], file_sha: str) -> None:
        """Remember a file's new raw hash when its articles did not change."""
        ids = list(doc_ids)
        if not ids:
            return
        try:
            got = self.docs.get(ids=ids, include=["metadatas"])
            metas = [{**(m or {}), "file_sha": file_sha} for m in got["metadatas"]]
            self.docs.update(ids=got["ids"], metadatas=metas)
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc

    def bump_generation(self) -> None:
        """Tell other processes sharing this store that its content changed.

        A fresh random value, not a count: two writers bumping at once (shards) would both
        write "n + 1", and a reader that saw the first would miss the second's rows."""
        import secrets

        try:
            meta = dict(self._client.get_collection(self.chunks.name).metadata or {})
            meta["generation"] = secrets.randbits(52) or 1
            self.chunks.modify(metadata=meta)
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc

    def generation(self) -> int:
        try:
            return int((self._client.get_collection(self.chunks.name).metadata or {}).get("generation", 0))
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc

    # ----------------------------------------------------------------- reads
    def documents(self, include_text: bool = False) -> list[DocRecord]:
        include = ["metadatas", "documents"] if include_text else ["metadatas"]
        out = []
        for page in self._pages(self.docs, include):
            texts = page.get("documents") or [""] * len(page["ids"])
            out.extend(
                DocRecord(i, t or "", m or {}) for i, t, m in zip(page["ids"], texts, page["metadatas"], strict=False)
            )
        return out

    def document(self, doc_id: str) -> DocRecord | None:
        try:
            got = self.docs.get(ids=[doc_id], include=["metadatas", "documents"])
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc
        if not got["ids"]:
            return None
        return DocRecord(got["ids"][0], got["documents"][0], got["metadatas"][0] or {})

    def all_chunks(
        self, with_vectors: bool = False
    ) -> tuple[list[str], list[str], list[dict[str, Any]], np.ndarray | None]:
        """Every chunk (id, text, metadata and, if asked, vector), in id order."""
        ids: list[str] = []
        texts: list[str] = []
        metas: list[dict[str, Any]] = []
        vectors: list[Any] = []
        include = ["documents", "metadatas", *(["embeddings"] if with_vectors else [])]
        for page in self._pages(self.chunks, include):
            ids.extend(page["ids"])
            texts.extend(page["documents"])
            metas.extend(page["metadatas"])
            if with_vectors:
                vectors.extend(page["embeddings"])
        # In id order, not storage order: a file written again moves its chunks to the end
        # of the collection, and the lexical index's tie-breaking and the calibration sample
        # must depend on what is indexed, not on the order it was indexed in.
        order = sorted(range(len(ids)), key=ids.__getitem__)
        matrix = np.asarray(vectors, dtype=np.float32)[order] if with_vectors and ids else None
        return [ids[i] for i in order], [texts[i] for i in order], [metas[i] for i in order], matrix

    def chunks_by_ids(self, ids: Sequence[str]) -> tuple[list[str], list[str], list[dict[str, Any]], np.ndarray]:
        """Some chunks (id, text, metadata, vector), in the order asked; missing ones left out
        (the catalog snapshot fetches only what other writers added)."""
        rows: dict[str, tuple[str, dict[str, Any], Any]] = {}
        wanted = list(ids)
        try:
            for lo in range(0, len(wanted), _PAGE):
                got = self.chunks.get(ids=wanted[lo : lo + _PAGE], include=["documents", "metadatas", "embeddings"])
                for cid, text, meta, vec in zip(
                    got["ids"], got["documents"], got["metadatas"], got["embeddings"], strict=False
                ):
                    rows[cid] = (text, meta or {}, vec)
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc
        found = [cid for cid in wanted if cid in rows]
        matrix = np.asarray([rows[c][2] for c in found], dtype=np.float32)
        if not found:
            matrix = np.zeros((0, 0), dtype=np.float32)
        return found, [rows[c][0] for c in found], [rows[c][1] for c in found], matrix

    def document_texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        wanted = list(doc_ids)
        out: dict[str, str] = {}
        try:
            for lo in range(0, len(wanted), _PAGE):
                got = self.docs.get(ids=wanted[lo : lo + _PAGE], include=["documents"])
                out.update(zip(got["ids"], (t or "" for t in got["documents"]), strict=False))
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc
        return out

    def chunk_ids(self) -> list[str]:
        ids: list[str] = []
        for page in self._pages(self.chunks, []):
            ids.extend(page["ids"])
        return sorted(ids)

    def vectors_by_content(self, shas: Sequence[str]) -> dict[str, ChunkVectors]:
        """Stored vectors of chunks whose embedded text is identical (renamed or copied files)."""
        found: dict[str, ChunkVectors] = {}
        wanted = list(dict.fromkeys(shas))
        try:
            for lo in range(0, len(wanted), 500):
                got = self.chunks.get(
                    where={"content_sha": {"$in": wanted[lo : lo + 500]}}, include=["embeddings", "metadatas"]
                )
                for vec, meta in zip(got["embeddings"], got["metadatas"], strict=False):
                    found[meta["content_sha"]] = ChunkVectors.from_row(vec, meta)
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc
        return found

    def vectors_by_story_text(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], ChunkVectors]:
        """Stored vectors of chunks of a story (rag.ingestion.duplicates) by their own text's hash."""
        found: dict[tuple[str, str], ChunkVectors] = {}
        wanted = set(keys)
        stories = sorted({s for s, _ in wanted})
        shas = sorted({t for _, t in wanted})
        try:
            for lo in range(0, len(shas), 500):
                got = self.chunks.get(
                    where={"$and": [{"story": {"$in": stories}}, {"text_sha": {"$in": shas[lo : lo + 500]}}]},
                    include=["embeddings", "metadatas"],
                )
                for vec, meta in zip(got["embeddings"], got["metadatas"], strict=False):
                    key = (meta["story"], meta["text_sha"])
                    if key in wanted:
                        found[key] = ChunkVectors.from_row(vec, meta)
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc
        return found

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        try:
            got = self.chunks.get(ids=list(ids), include=["embeddings"])
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc
        return {cid: np.asarray(v, dtype=np.float32) for cid, v in zip(got["ids"], got["embeddings"], strict=False)}

    def chunk_vectors(self, ids: Sequence[str]) -> dict[str, ChunkVectors]:
        """Stored vectors of some chunks with their sentences' (an ingest reusing them)."""
        if not ids:
            return {}
        try:
            got = self.chunks.get(ids=list(ids), include=["embeddings", "metadatas"])
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc
        rows = zip(got["ids"], got["embeddings"], got["metadatas"], strict=False)
        return {cid: ChunkVectors.from_row(v, m) for cid, v, m in rows}

    def query(self, vector: np.ndarray, n: int, where: dict[str, Any] | None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first. ``n`` must not exceed the number of chunks."""
        if n <= 0:
            return []
        try:
            res = self.chunks.query(query_embeddings=[vector], n_results=n, where=where or None, include=["distances"])
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=False)]

    def count(self) -> int:
        try:
            return self.chunks.count()
        except Exception as exc:
            raise _unavailable(self.url, exc) from exc

    def _pages(self, collection: Any, include: list[str]) -> Iterable[dict[str, Any]]:
        offset = 0
        while True:
            try:
                page = collection.get(limit=_PAGE, offset=offset, include=include)
            except Exception as exc:
                raise _unavailable(self.url, exc) from exc
            if not page["ids"]:
                return
            yield page
            if len(page["ids"]) < _PAGE:
                return
            offset += _PAGE


def _doc_metadata(doc: Document) -> dict[str, Any]:
    m: dict[str, Any] = {"doc_id": doc.doc_id, "path": doc.path}
    for key in ("title", "source", "language", "url", "author", "wire"):
        value = getattr(doc, key)
        if value:
            m[key] = value
    if doc.published:
        m["published"] = doc.published.isoformat()
        m["published_ts"] = date_to_ts(doc.published)
    return m


def _chunk_metadatas(
    doc: Document, chunks: Sequence[Chunk], story: str | None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The document's metadata, and each chunk's: the document's plus where the chunk is."""
    base = _doc_metadata(doc)
    if story:
        base["story"] = story
    metas = []
    for c in chunks:
        m = dict(base)
        m.update(
            {
                "start": c.start,
                "end": c.end,
                "chunk_index": c.index,
                "content_sha": _sha(c.embed_text),
                "text_sha": _sha(c.text),
            }
        )
        metas.append(m)
    return base, metas


# A document's metadata field that changes every time its chunks are written: a process that
# keeps the chunks in memory (rag.index.snapshot) reads again the chunks of a document whose
# stamp changed, since a document written again keeps its ids (they derive from its content).
WRITTEN = "written"


def _stamp() -> str:
    return uuid.uuid4().hex[:16]


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


# HNSW candidates explored per query, used only past RAG_EXACT_SEARCH_MAX_CHUNKS (below it
# the retriever searches the vectors exactly). On the 108-chunk sample index, whose graph
# holds the deleted nodes of re-written documents and is rebuilt at load by several threads,
# a true top neighbour went missing in about one process in twelve at 200, and still in one
# in twenty at 1000; on 10,304 chunks 1000 costs about 1 ms a query (4.3 -> 5.4 ms p50,
# recall@50 0.995 at both).
EF_SEARCH = 1000


def _raise_ef_search(collection: Any) -> None:
    """Indexes created with a smaller search breadth get this one (it is a query-time setting)."""
    try:
        current = (collection.configuration_json or {}).get("hnsw", {}).get("ef_search") or 0
        if current < EF_SEARCH:
            collection.modify(configuration={"hnsw": {"ef_search": EF_SEARCH}})
    except Exception:  # an older server without configuration support still answers, less exactly
        log.warning("could not raise ef_search on %s", getattr(collection, "name", "?"), exc_info=True)


def _connect(index_dir: Path, url: str | None, timeout: float):  # -> chromadb ClientAPI
    try:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
    except ImportError as exc:  # pragma: no cover
        raise StoreError("chromadb is not installed: pip install chromadb (or pip install -e .)") from exc
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if url:
        parsed = urlparse(url if "://" in url else f"http://{url}")
        if not parsed.hostname:
            raise StoreError(f"RAG_CHROMA_URL={url!r} is not a URL like http://127.0.0.1:8000")
        try:
            from .chroma_http import http_client

            # Bounded from the first request: HttpClient() itself talks to the server.
            client = http_client(
                parsed.hostname,
                parsed.port or (443 if parsed.scheme == "https" else 8000),
                parsed.scheme == "https",
                settings,
                timeout,
            )
            client.heartbeat()
        except Exception as exc:
            raise _unavailable(url, exc, timeout) from exc
        return client
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        # Chroma keeps one system per path in a class-level cache that it fills without a lock: two
        # threads opening the same index at once (the UI's first page load while startup indexing
        # opens it) can each find it half-built ("'RustBindingsAPI' object has no attribute
        # 'bindings'", "Could not connect to tenant default_tenant").
        with _OPENING:
            return chromadb.PersistentClient(path=str(index_dir / "chroma"), settings=settings)
    except Exception as exc:
        raise StoreError(f"Cannot open the index at {index_dir / 'chroma'}: {exc}") from exc


def _unavailable(url: str | None, exc: Exception, timeout: float | None = None) -> StoreError:
    if isinstance(exc, StoreError):
        return exc
    if url and _is_timeout(exc):
        waited = f" within {timeout:g} s" if timeout else ""
        return StoreError(
            f"The Chroma server at {url} did not answer{waited} (RAG_CHROMA_TIMEOUT): it is running but stuck "
            "or overloaded. Restart it, or raise RAG_CHROMA_TIMEOUT if it is only slow."
        )
    if url:
        return StoreError(
            f"Cannot reach the Chroma server at {url} ({type(exc).__name__}: {exc}). "
            "Start it (chroma run --path .rag/server --host 127.0.0.1 --port 8000) "
            "or unset RAG_CHROMA_URL to use the embedded index."
        )
    return StoreError(f"The index failed: {type(exc).__name__}: {exc}")


def _is_timeout(exc: BaseException | None) -> bool:
    import httpx

    while exc is not None:
        if isinstance(exc, (httpx.TimeoutException, TimeoutError)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False
