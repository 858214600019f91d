"""The records that flow through the pipeline and out of the public API.

Plain dataclasses, so that the CLI can dump them as JSON and the UI and the
evaluation suite can read them without importing any backend.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass
class RawDocument:
    """What a loader read from one file (or one JSONL line), before cleaning."""

    path: str
    text: str
    format: str
    # Metadata that the file itself declared (JSONL fields, HTML meta tags).
    title: str | None = None
    url: str | None = None
    published: date | None = None
    source: str | None = None
    language: str | None = None
    author: str | None = None
    # A stable key when one file yields several raw documents (JSONL lines).
    part: str = ""
    # Already cleaned by the loader (HTML main-text extraction, JSONL records).
    structured: bool = False


@dataclass
class Document:
    """One cleaned article: the text that citations quote and offsets point into."""

    doc_id: str
    text: str
    path: str
    title: str | None = None
    source: str | None = None
    published: date | None = None
    language: str | None = None
    url: str | None = None
    author: str | None = None
    wire: str | None = None

    def metadata(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "url": self.url,
            "author": self.author,
            "wire": self.wire,
            "path": self.path,
        }


@dataclass
class Chunk:
    """A span of a document; ``text == document.text[start:end]``."""

    chunk_id: str
    doc_id: str
    index: int
    start: int
    end: int
    text: str
    embed_text: str
    # The sentences (pieces of a long one) the chunk was built from, relative to ``start``; a
    # chunk of several gets a vector for each at ingest (rag.index.sentence_vectors).
    sentences: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class PassageChunk:
    """One indexed chunk inside a passage (a hit is widened to its neighbours, so a passage
    spans several): where it lies in the document, and how close it is to the question.

    ``similarity`` is the cosine of the chunk's vector and the question's (None when its
    vector was not read); ``z`` is the same in standard deviations above the question's
    similarity to random passages of the index. Chunks are a sentence or two, so these
    tell a reader, across languages, which sentences of a passage bear on the question.

    Both, because they answer different questions. ``z`` says how far the chunk stands
    out in this index (answer verification's thresholds are set in it), and so it moves
    when unrelated documents are added: the random passages change. The reader weighs
    the plain cosine, which does not (see ``rag.answering.reader.features``).
    """

    chunk_id: str
    start: int
    end: int
    z: float | None = None
    # For a chunk of several sentences whose sentences were embedded at ingest: each
    # sentence's own similarity, the same way (document offsets).
    sentences: list[SentenceScore] = field(default_factory=list)
    similarity: float | None = None


@dataclass
class SentenceScore:
    """One sentence of a chunk, with its similarity to the question (as ``PassageChunk``'s)."""

    start: int
    end: int
    z: float
    similarity: float | None = None


@dataclass
class Passage:
    """A retrieved chunk with its score and its document's metadata.

    ``chunks`` are the indexed chunks the passage spans, in reading order (the hit alone
    when it was not widened), which the reader and the verifier score sentences by.
    """

    doc_id: str
    chunk_id: str
    text: str
    score: float
    start: int
    end: int
    metadata: dict[str, Any] = field(default_factory=dict)
    chunks: list[PassageChunk] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Question:
    """A question analysed once (``rag.question.analyse``), read by every later stage.

    Retrieval searches its ``words``, the reader weighs them and checks answers
    against its kind of answer, names and numbers; nobody tokenises the text again.
    """

    text: str
    language: str
    answer_type: str | None
    # Content words (folded) and names/acronyms/numbers as written.
    content_words: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    # What a "how many" question counts ("employees" in "how many X employees were summoned").
    counted: list[str] = field(default_factory=list)
    # Names as written, joined across connectors: "Corée du Sud", "Digital Markets Act".
    names: list[str] = field(default_factory=list)
    # Word tokens as the lexical index reads them (rag.lexical.words), in order.
    words: list[str] = field(default_factory=list)
    # The interrogative it asks with ("what", "who", "when", "where", "quantity", "how", "why"; None for
    # a yes/no question or a bare keyword list): what kind of phrase could answer it.
    interrogative: str | None = None


@dataclass
class Citation:
    n: int
    doc_id: str
    title: str | None
    source: str | None
    published: str | None
    language: str | None
    url: str | None
    quote: str
    start: int
    end: int
    score: float
    path: str | None = None
    verified: bool = True
    # Other outlets that carried the same wire story (rag.ingestion.duplicates), shown as "also reported by".
    also_reported_by: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, n: int, passage: Passage, quote: str, start: int, end: int, score: float, **extra: Any) -> Citation:
        """A citation carries its passage's document metadata, so a reader can check it without the index."""
        md = passage.metadata
        return cls(
            n=n,
            doc_id=passage.doc_id,
            title=md.get("title"),
            source=md.get("source"),
            published=md.get("published"),
            language=md.get("language"),
            url=md.get("url"),
            quote=quote,
            start=start,
            end=end,
            score=round(score, 4),
            path=md.get("path"),
            also_reported_by=list(md.get("also_reported_by") or []),
            **extra,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ShortAnswer:
    """The answer itself, cut from the best quoted sentence ("EUR 120 million"), for factoid questions.

    ``text == document.text[start:end]`` of the document that citation ``n`` quotes, so a
    reader can check the short answer exactly as they check a quote.
    """

    text: str
    n: int
    start: int
    end: int
    doc_id: str
    probability: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    question: str
    text: str
    citations: list[Citation]
    passages: list[Passage]
    abstained: bool
    mode: str = "extractive"
    language: str = "en"
    notice: str | None = None
    standalone_question: str | None = None
    verified_sentences: int = 0
    total_sentences: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    # The answer span for factoid questions; None when there is none (or on abstention).
    short_answer: ShortAnswer | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # Files indexed with a caveat the user should know: bad bytes replaced, a guessed encoding.
    warnings: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    chunks_embedded: int = 0
    chunks_reused: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        return (
            f"added {len(self.added)}, updated {len(self.updated)}, removed {len(self.removed)}, "
            f"unchanged {len(self.unchanged)}, skipped {len(self.skipped)}"
            f"{f', {len(self.warnings)} with warnings' if self.warnings else ''} "
            f"({self.chunks_embedded} chunks embedded, {self.chunks_reused} reused, {self.seconds:.1f}s)"
        )
