"""Generative answers: an LLM writes from numbered sources, then every sentence is checked.

The model only ever sees passages the retriever found and only after the
extractive answerer has decided the corpus can answer (so a question the
corpus cannot answer never reaches the model, and its answer is "the corpus
does not say", at no cost). What it writes is verified sentence by sentence
(:mod:`rag.answering.verification`) before anyone relies on it; when the model fails
(down, slow, rate-limited, malformed or empty reply) or writes nothing that
the sources support, the user gets the extractive answer, with a notice
saying why, rather than an error.

Sources are given to the model as quoted data: each sits between an opening
and a closing tag that carry a random per-request token, which article text
cannot guess, and the text is escaped so that nothing in it can look like a
tag, a role marker or one of our citation markers.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..index.embedder import Embedder
from ..llm.client import LLM, LLMError
from ..retrieval.retriever import RetrievalResult
from ..settings import Settings
from ..types import Answer
from .injection import looks_like_injection
from .relative_dates import annotate_relative_dates
from .support import Source
from .templates import messages, prompt
from .verification import Verification, Verifier

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BRACKETED_NUMBER = re.compile(r"\[(\s*\d{1,4}(?:\s*[,;–-]\s*\d{1,4})*\s*)\]")


@dataclass
class Draft:
    """Everything needed to ask the model, and to fall back without it."""

    question: str
    language: str
    sources: list[Source]
    messages: list[dict[str, str]]
    extractive: Answer
    # What the search returned with the passages: the index's statistics and the chunks' vectors.
    retrieval: RetrievalResult


class GenerativeAnswerer:
    def __init__(
        self, llm: LLM, verifier: Verifier, settings: Settings, document_text: Callable[[str], str | None]
    ) -> None:
        """``document_text(doc_id)`` returns a document's cleaned text, which quotes must equal."""
        self.llm = llm
        self.verifier = verifier
        self.settings = settings
        self.document_text = document_text

    @property
    def mode(self) -> str:
        return f"llm:{self.llm.model}"

    # ----------------------------------------------------------------- prompt
    def prepare(self, question: str, result: RetrievalResult, extractive: Answer) -> Draft:
        language = extractive.language
        sources = [Source(n, p) for n, p in enumerate(result.passages, start=1)]
        messages_ = self.build_messages(question, language, sources)
        return Draft(question, language, sources, messages_, extractive, result)

    def build_messages(self, question: str, language: str, sources: list[Source]) -> list[dict[str, str]]:
        msg = messages(language)
        texts = [s.passage.text for s in sources] + [question]
        tag = secrets.token_hex(4)
        while any(tag in t for t in texts):  # vanishingly unlikely, but an article must never hold the tag
            tag = secrets.token_hex(4)
        unknown = msg.get("unknown", "unknown")
        blocks = []
        for s in sources:
            md = s.passage.metadata
            blocks.append(
                prompt("source", language)
                .format(
                    tag=tag,
                    n=s.n,
                    title=quote_attribute(md.get("title") or unknown),
                    publisher=quote_attribute(md.get("source") or unknown),
                    date=quote_attribute(md.get("published") or unknown),
                    language=quote_attribute(md.get("language") or unknown),
                    warning=f' warning="{quote_attribute(msg["injection_warning"])}"'
                    if looks_like_injection(s.passage.text)
                    else "",
                    text=quote_text(s.passage.text),
                )
                .strip()
            )
        fields = {
            "language_name": msg["language_name"],
            "abstain": msg["abstain"],
            "max_sentences": self.settings.llm_answer_sentences,
            "tag": tag,
        }
        system = prompt("answer_system", language).format(**fields)
        user = prompt("answer_user", language).format(
            **fields, count=len(sources), sources="\n\n".join(blocks), question=quote_text(question)
        )
        return [{"role": "system", "content": system.strip()}, {"role": "user", "content": user.strip()}]

    # ------------------------------------------------------------- generation
    def complete(self, draft: Draft) -> Answer:
        t0 = time.perf_counter()
        try:
            raw = self.llm.complete(
                draft.messages, temperature=self.settings.llm_temperature, max_tokens=self.settings.llm_max_tokens
            )
        except LLMError as exc:
            return self.fallback(draft, exc, time.perf_counter() - t0)
        return self.finish(draft, raw, time.perf_counter() - t0)

    def stream(self, draft: Draft) -> Iterator[str | Answer]:
        """Text as the model writes it, then the verified Answer (whose text is the one to keep)."""
        t0 = time.perf_counter()
        pieces: list[str] = []
        try:
            for piece in self.llm.stream(
                draft.messages, temperature=self.settings.llm_temperature, max_tokens=self.settings.llm_max_tokens
            ):
                pieces.append(piece)
                yield piece
        except LLMError as exc:
            answer = self.fallback(draft, exc, time.perf_counter() - t0)
            # A reader who only concatenates the pieces still learns what happened.
            yield ("\n\n— " + (answer.notice or "") + "\n\n" + answer.text) if pieces else answer.text
            yield answer
            return
        answer = self.finish(draft, "".join(pieces), time.perf_counter() - t0)
        if answer.mode != self.mode:  # nothing verifiable: the extractive answer replaces what was shown
            yield "\n\n— " + (answer.notice or "") + "\n\n" + answer.text
        yield answer

    # ----------------------------------------------------------- verification
    def finish(self, draft: Draft, raw: str, llm_seconds: float) -> Answer:
        msg = messages(draft.language)
        t0 = time.perf_counter()
        r = draft.retrieval
        v = self.verifier.verify(
            raw, draft.sources, draft.language, r.statistics, r.chunk_vectors, msg["unverified_mark"]
        )
        timings = {
            "llm": llm_seconds,
            "verify": time.perf_counter() - t0,
            "verify_invalid_markers": float(v.invalid_markers),
            "verify_reattached": float(v.reattached),
            "verify_unsupported": float(v.unsupported),
            "verify_dropped": float(v.dropped),
        }
        log.info(
            "verified %d/%d sentences; %d invalid markers dropped, %d citations re-attached",
            v.verified,
            v.total,
            v.invalid_markers,
            v.reattached,
        )
        passages = [s.passage for s in draft.sources]
        if v.only_gaps:
            # The model found no answer in the sources: its words, in the user's language.
            return Answer(
                draft.question,
                v.text,
                [],
                passages,
                True,
                self.mode,
                draft.language,
                notice="abstained:model",
                timings=timings,
            )
        if v.total == 0:  # nothing but fragments ("PWNED.")
            return self.fallback(
                draft, LLMError("the reply holds no sentence to check", "unverifiable"), llm_seconds, timings
            )
        if v.verified == 0:
            error = LLMError(f"none of the {v.total} sentences of the model's answer is supported", "unverifiable")
            return self.fallback(draft, error, llm_seconds, timings)
        self._check_quotes(v)
        published = {c.n: c.published for c in v.citations}
        text = annotate_relative_dates(v.text, published, draft.language, inline=True)
        notice = msg["unverified_notice"].format(n=v.unsupported, total=v.total) if v.unsupported else None
        return Answer(
            question=draft.question,
            text=text,
            citations=v.citations,
            passages=passages,
            abstained=False,
            mode=self.mode,
            language=draft.language,
            notice=notice,
            verified_sentences=v.verified,
            total_sentences=v.total,
            timings=timings,
        )

    def fallback(
        self, draft: Draft, error: LLMError, llm_seconds: float, timings: dict[str, float] | None = None
    ) -> Answer:
        """The extractive answer, saying why the model's could not be used."""
        log.warning("LLM answer not used, falling back to the extractive answer: %s", error)
        msg = messages(draft.language)
        reason = msg["llm_errors"].get(error.kind, str(error)).format(timeout=self.llm.timeout)
        answer = dataclasses.replace(draft.extractive, timings=dict(draft.extractive.timings))
        published = {c.n: c.published for c in answer.citations}
        answer.text = annotate_relative_dates(answer.text, published, draft.language, inline=False)
        answer.notice = msg["llm_fallback"].format(reason=reason)
        answer.timings.update(timings or {})
        answer.timings["llm"] = llm_seconds
        return answer

    def _check_quotes(self, v: Verification) -> None:
        """Quotes are document text by construction; re-read them from the document to be sure."""
        for c in v.citations:
            text = self.document_text(c.doc_id)
            if text is not None and text[c.start : c.end] != c.quote:
                log.error("citation %d of %s did not match its document; re-read from the document", c.n, c.doc_id)
                c.quote = text[c.start : c.end]


def quote_text(text: str) -> str:
    """Article text made inert inside the prompt: no tags, role markers or citation markers."""
    text = _CONTROL.sub(" ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BRACKETED_NUMBER.sub(r"(\1)", text)


def quote_attribute(value: str) -> str:
    return quote_text(" ".join(str(value).split())).replace('"', "&quot;")


def build_verifier(embedder: Embedder, settings: Settings) -> Verifier:
    """A verifier embedding answer sentences with the index's own model; what it checks them
    against (the index's statistics, the chunks' vectors) comes with each search's result."""
    return Verifier(embedder=embedder, max_embeddings=settings.llm_verify_embeddings)
