"""Cleaned documents to chunks that end on sentence boundaries.

Chunks are small (about a paragraph) because retrieval is judged on whether
the passage that states a fact ranks high, and a long chunk dilutes one fact
among many. Each chunk keeps its character offsets into the document, so a
citation can point at the exact words. The text that is embedded carries a
short context header (title, publisher, date) because a paragraph from the
middle of an article often never names what it is about; the header is never
part of the chunk's own text, so it is never quoted.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..text.sentences import sentence_spans
from ..types import Chunk, Document

_CLAUSE_BREAK = re.compile(r"[;,:—–]\s+")


def _words(text: str) -> int:
    return len(text.split())


def split_document(doc: Document, target_words: int, max_words: int) -> list[Chunk]:
    spans = list(_bounded_spans(doc.text, doc.language, max_words))
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    size = 0
    for span in spans:
        n = _words(doc.text[span[0] : span[1]])
        paragraph_break = bool(current) and "\n" in doc.text[current[-1][1] : span[0]]
        full = size + n > target_words
        if current and (full or (paragraph_break and size >= 0.6 * target_words)):
            groups.append(current)
            current, size = [], 0
        current.append(span)
        size += n
    if current:
        # A short tail reads better merged into the chunk before it.
        if groups and size < 0.3 * target_words and _group_words(doc.text, groups[-1]) + size <= max_words:
            groups[-1].extend(current)
        else:
            groups.append(current)
    chunks = []
    for i, group in enumerate(groups):
        start, end = group[0][0], group[-1][1]
        text = doc.text[start:end]
        chunks.append(
            Chunk(
                chunk_id=f"{doc.doc_id}:{i:04d}",
                doc_id=doc.doc_id,
                index=i,
                start=start,
                end=end,
                text=text,
                embed_text=context_header(doc, include_title=start > 0) + text,
                sentences=[(s - start, e - start) for s, e in group],
            )
        )
    return chunks


def _group_words(text: str, group: list[tuple[int, int]]) -> int:
    return _words(text[group[0][0] : group[-1][1]])


def _bounded_spans(text: str, language: str | None, max_words: int) -> Iterator[tuple[int, int]]:
    """Sentence spans; a sentence over ``max_words`` is cut at clause breaks, then by words."""
    for start, end in sentence_spans(text, language):
        if _words(text[start:end]) <= max_words:
            yield start, end
            continue
        bounds = [start] + [start + m.end() for m in _CLAUSE_BREAK.finditer(text[start:end])] + [end]
        piece = start
        for prev, cut in itertools.pairwise(bounds):
            if prev > piece and _words(text[piece:cut]) > max_words:
                yield from _word_windows(text, piece, prev, max_words)
                piece = prev
        yield from _word_windows(text, piece, end, max_words)


def _word_windows(text: str, start: int, end: int, max_words: int) -> Iterator[tuple[int, int]]:
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    for k in range(0, len(words), max_words):
        yield words[k][0], words[min(k + max_words, len(words)) - 1][1]


def context_header(doc: Document, include_title: bool = True) -> str:
    parts = []
    if include_title and doc.title:
        parts.append(doc.title)
    meta = ", ".join(x for x in (doc.source, doc.published.isoformat() if doc.published else None) if x)
    if meta:
        parts.append(f"({meta})")
    return (" ".join(parts) + "\n") if parts else ""
