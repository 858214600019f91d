"""Vectors of the sentences of a chunk that holds several, stored with the chunk.

The reader chooses the sentence that answers, and the best evidence it has across
languages is the embedder's similarity of that sentence to the question. A chunk's
own vector stands for its only sentence when it has one (most chunks); a chunk of
several sentences also gets one vector per sentence, embedded at ingest, so that
reading costs a dot product and no embedding.

They travel in the chunk's row in Chroma (two metadata strings, float16 in base64:
about 1 KB a sentence), so every path a chunk takes (wire-story copies, renamed
files, sharded ingests, the catalog snapshot and its catch-up) carries them without
another collection to keep in step. Offsets are relative to the chunk's start, so a
copy of the same text elsewhere (another outlet, a renamed file) can reuse them.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import numpy as np

from ..types import Chunk

SPANS_KEY = "sentence_spans"
VECTORS_KEY = "sentence_vectors"
KEYS = (SPANS_KEY, VECTORS_KEY)


def sentence_texts(chunk: Chunk) -> list[str]:
    """What is embedded for each sentence of ``chunk``: the sentence alone; none for a chunk of
    one sentence, whose own vector (with its context header) stands for it.

    Without the header: on the reader's validation questions, plain sentences chose the
    answering sentence more often than sentences behind the header (SQuAD 0.670 against
    0.665, news 0.647 against 0.588; 0.650 and 0.588 with the chunk's similarity alone)."""
    if len(chunk.sentences) < 2:
        return []
    return [chunk.text[s:e] for s, e in chunk.sentences]


def texts_embedded(chunk: Chunk) -> int:
    """How many texts ingest embeds for ``chunk``: its own, and its sentences' when it has several."""
    return 1 + (len(chunk.sentences) if len(chunk.sentences) > 1 else 0)


@dataclass(frozen=True)
class SentenceVectors:
    """One chunk's sentences: ``spans`` relative to the chunk's start, row i of ``matrix`` for span i."""

    spans: tuple[tuple[int, int], ...]
    matrix: np.ndarray

    def to_metadata(self) -> dict[str, str]:
        packed = np.ascontiguousarray(self.matrix, dtype="<f2").tobytes()
        return {
            SPANS_KEY: " ".join(f"{s}-{e}" for s, e in self.spans),
            VECTORS_KEY: base64.b64encode(packed).decode("ascii"),
        }

    @classmethod
    def from_metadata(cls, meta: dict | None, dim: int | None = None) -> SentenceVectors | None:
        """The sentences stored in a chunk's metadata; None when it has none (one sentence,
        or written before sentences were embedded) or they are unreadable."""
        if not meta or SPANS_KEY not in meta or VECTORS_KEY not in meta:
            return None
        try:
            spans = tuple((int(a), int(b)) for a, b in (part.split("-") for part in str(meta[SPANS_KEY]).split()))
            flat = np.frombuffer(base64.b64decode(str(meta[VECTORS_KEY])), dtype="<f2").astype(np.float32)
        except (ValueError, TypeError):
            return None
        if not spans or flat.size % len(spans) or (dim is not None and flat.size != dim * len(spans)):
            return None
        return cls(spans, flat.reshape(len(spans), -1))

    def fits(self, chunk: Chunk) -> bool:
        """Whether these are the vectors of ``chunk``'s sentences (a stored copy's, say)."""
        return self.spans == tuple(chunk.sentences)


def pop_packed(meta: dict) -> str | None:
    """Remove the sentence fields from a chunk's metadata (which passages and citations carry
    on) and return them packed as one string for :func:`unpack`; None when there are none."""
    spans, vectors = meta.pop(SPANS_KEY, None), meta.pop(VECTORS_KEY, None)
    return f"{spans}|{vectors}" if spans and vectors else None


def unpack(packed: str | None) -> SentenceVectors | None:
    if not packed:
        return None
    spans, _, vectors = packed.partition("|")
    return SentenceVectors.from_metadata({SPANS_KEY: spans, VECTORS_KEY: vectors})


@dataclass(frozen=True)
class ChunkVectors:
    """What ingest embeds for one chunk: its vector, and its sentences' when it has several."""

    vector: np.ndarray
    sentences: SentenceVectors | None = None

    def serves(self, chunk: Chunk) -> bool:
        """Whether ``chunk`` can take these as its own (a stored row written before sentences
        were embedded cannot serve a chunk of several sentences)."""
        return len(chunk.sentences) < 2 or (self.sentences is not None and self.sentences.fits(chunk))

    @classmethod
    def from_row(cls, vector: object, meta: dict | None) -> ChunkVectors:
        vec = np.asarray(vector, dtype=np.float32)
        return cls(vec, SentenceVectors.from_metadata(meta, dim=vec.shape[-1]))

    @classmethod
    def embedded(cls, chunk: Chunk, rows: np.ndarray) -> ChunkVectors:
        """From the rows an embedder returned for ``[chunk.embed_text, *sentence_texts(chunk)]``."""
        if len(rows) == 1:
            return cls(rows[0])
        return cls(rows[0], SentenceVectors(tuple(chunk.sentences), np.asarray(rows[1:], dtype=np.float32)))
