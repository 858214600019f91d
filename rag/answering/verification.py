"""Checking a generated answer against the sources it was written from.

A model's ``[n]`` is a claim, not a proof: it cites sources that do not
exist, cites the wrong one, or cites one for a sentence it made up. So every
sentence of a generated answer is checked against passages:

* lexically: how much of the sentence's wording (IDF-weighted; stemmed under
  English and French rules, with a shared root counting as a match
  so that "European" finds "européenne") a span of one to three consecutive
  passage sentences contains, and whether every figure, month and weekday of
  the sentence appears there (a wrong number is the commonest invention);
* by embedding: the sentence's similarity to the passage's stored chunk
  vectors, in standard deviations above its similarity to random passages of
  the index (the retriever's calibration, which is what makes a fixed
  threshold meaningful for e5 cosines). It is what vouches for a sentence
  written in another language than its source.

A sentence is supported when both agree (or the wording alone is
overwhelming where no embedding was affordable). Its citation then points at
the exact span that supports it, as an extractive answer's does. A sentence
whose cited source does not support it is re-attached to one that does;
one that nothing supports keeps its marker as an unverified citation (so the
reader can see what the model leaned on) and is flagged, unless what it leaned
on is text addressed to an AI ("your answer must say that ...",
:mod:`rag.answering.injection`): a model that obeyed such text has no claim to show,
so the sentence is left out. Markers that name
no source are dropped. Every marker of the result has a citation, and every
citation's quote is ``document.text[start:end]``.

This module is the orchestration: reading the markers
(:mod:`rag.answering.markers`), analysing each sentence and each source span
(:mod:`rag.answering.claims`), deciding support (:mod:`rag.answering.support`),
spending the embedding budget, and writing the answer back with its citations.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from ..index.embedder import Embedder
from ..index.lexical import LexicalIndex
from ..retrieval.retriever import IndexStatistics
from ..text.sentences import sentence_spans
from ..text.textnorm import fold
from ..types import Citation
from .claims import Bag, Claim, figures, is_gap, is_meta, names_in, weighted_groups
from .markers import strip_markers
from .support import (
    LEXICAL_TRANSLATION,
    REATTACH_MEANING_CHECKS,
    SENTENCE_COSINE,
    Source,
    Support,
    decide,
    leans_on_instructions,
    not_evidence,
    span_z,
    union_support,
)

log = logging.getLogger(__name__)

_END_PUNCT = re.compile(r"[.!?…]+$")
MAX_SPAN_SENTENCES = 3


@dataclass
class SentenceCheck:
    text: str
    cited: list[int]  # the model's markers that name a source
    invalid: list[int]  # the model's markers that name none
    claim: bool = True
    gap: bool = False  # says what the sources do not say
    verified: bool = False
    reattached: bool = False
    supports: list[Support] = field(default_factory=list)
    # Unverified and leaning only on text addressed to an AI: not shown at all.
    dropped: bool = False


@dataclass
class Verification:
    text: str
    citations: list[Citation]
    sentences: list[SentenceCheck]
    invalid_markers: int
    reattached: int

    @property
    def total(self) -> int:
        return sum(1 for s in self.sentences if s.claim)

    @property
    def verified(self) -> int:
        return sum(1 for s in self.sentences if s.claim and s.verified)

    @property
    def dropped(self) -> int:
        """Sentences not shown: unverified, and leaning only on text addressed to an AI."""
        return sum(1 for s in self.sentences if s.dropped)

    @property
    def unsupported(self) -> int:
        return self.total - self.verified

    @property
    def only_gaps(self) -> bool:
        """The answer says only that the sources do not answer."""
        return any(s.gap for s in self.sentences) and not any(s.claim for s in self.sentences)


@dataclass
class _SpanIndex:
    """The sentences of one source's passage, with what matching needs."""

    source: Source
    spans: list[tuple[int, int]]  # offsets into the passage text
    bags: list[Bag]
    metadata: Bag  # title and publisher: the model saw them as part of the source
    chunk_ranges: list[tuple[int, int, str]]  # document offsets and chunk id


@dataclass
class _Budget:
    """What one verification may still spend on embeddings (per call: answers run concurrently)."""

    left: int
    vectors: dict[str, np.ndarray] = field(default_factory=dict)


class Verifier:
    def __init__(self, embedder: Embedder | None, max_embeddings: int = 24) -> None:
        """``embedder`` embeds the answer's sentences (at most ``max_embeddings`` per answer)."""
        self.embedder = embedder
        self.max_embeddings = max_embeddings

    # ------------------------------------------------------------------ API
    def verify(
        self,
        text: str,
        sources: list[Source],
        language: str,
        statistics: IndexStatistics | None = None,
        chunk_vectors: Mapping[str, np.ndarray] | None = None,
        unverified_mark: str = "[unverified]",
    ) -> Verification:
        """Check every sentence of ``text`` against the sources it cites.

        ``statistics`` are those of the index the sources came from (word rarity, random
        passages) and ``chunk_vectors`` the stored vectors of the sources' chunks, both as
        the search returned them (``RetrievalResult``); without them only words are compared.
        """
        by_n = {s.n: s for s in sources}
        clean, marks = strip_markers(text)
        spans = sentence_spans(clean, language)
        checks = [SentenceCheck(clean[s:e], [], []) for s, e in spans]
        invalid = 0
        for pos, numbers in marks:
            i = _owner(spans, pos)
            invalid += sum(1 for n in numbers if n not in by_n)
            if i is None:
                continue
            for n in numbers:
                target = checks[i].cited if n in by_n else checks[i].invalid
                if n not in target:
                    target.append(n)
        indexes = {s.n: self._index(s) for s in sources}
        vectors = self._chunk_matrix(indexes, chunk_vectors or {})
        vocab = statistics.vocabulary if statistics is not None else None
        budget = _Budget(self.max_embeddings)
        reattached = 0
        for check in checks:
            check.gap = is_gap(check.text)
            if check.gap or (not check.cited and is_meta(check.text)):
                check.claim = False
                continue
            claim = self._claim(check.text, language, vocab, vectors, budget, statistics)
            best_cited = [self._best(indexes[n], claim, budget) for n in check.cited]
            chosen = [b for b in best_cited if b.supported]
            if not chosen and len(best_cited) > 1:
                chosen = union_support(best_cited, claim)
            if chosen:
                check.verified, check.supports = True, chosen
                continue
            others = [self._best(ix, claim, None) for n, ix in indexes.items() if n not in check.cited]
            others.sort(key=lambda b: b.rank, reverse=True)
            for candidate in others[:REATTACH_MEANING_CHECKS]:  # the meaning check costs an embedding each
                self._confirm_meaning(candidate, claim, budget)
            alternative = max(others, key=lambda b: b.rank, default=None)
            if alternative is not None and alternative.supported:
                check.verified, check.reattached, check.supports = True, True, [alternative]
                reattached += 1
            elif leans_on_instructions(best_cited + others):
                # The sentence repeats text that addresses an AI ("your answer must say that ..."):
                # a model obeying it is not a claim to show, even flagged.
                check.claim, check.dropped, check.supports = False, True, []
            else:
                # Keep what the model leaned on, marked unverified, so the reader can look.
                check.supports = [b for b in best_cited if b.lexical > 0] or best_cited[:1]
        final, citations = _compose(clean, spans, checks, unverified_mark)
        return Verification(final, citations, checks, invalid, reattached)

    # ------------------------------------------------------------- scoring
    def _claim(
        self,
        text: str,
        language: str,
        vocab: LexicalIndex | None,
        vectors: tuple[list[str], np.ndarray | None],
        budget: _Budget,
        statistics: IndexStatistics | None,
    ) -> Claim:
        folded = fold(text)
        claim = Claim(text, language, weighted_groups(text, vocab), figures(folded, words_only=False), names_in(text))
        claim.vector = self._embed(text, budget)
        if claim.vector is not None and statistics is not None:
            claim.z_by_chunk = self._chunk_z(claim.vector, vectors, statistics)
        return claim

    def _embed(self, text: str, budget: _Budget) -> np.ndarray | None:
        if self.embedder is None:
            return None
        if text in budget.vectors:
            return budget.vectors[text]
        if budget.left <= 0:
            return None
        budget.left -= 1
        try:
            vec = self.embedder.embed_query(text)
        except Exception:
            log.warning("could not embed a sentence for verification", exc_info=True)
            return None
        budget.vectors[text] = vec
        return vec

    def _index(self, source: Source) -> _SpanIndex:
        p = source.passage
        lang = p.metadata.get("language")
        spans = sentence_spans(p.text, lang)
        bags = [Bag.of(p.text[s:e], lang) for s, e in spans]
        md = p.metadata
        about = " ".join(str(md.get(k) or "") for k in ("title", "source", "wire", "author"))
        ranges = [(c.start, c.end, c.chunk_id) for c in p.chunks]
        return _SpanIndex(source, spans, bags, Bag.of(about, lang), ranges)

    def _chunk_matrix(
        self, indexes: dict[int, _SpanIndex], found: Mapping[str, np.ndarray]
    ) -> tuple[list[str], np.ndarray | None]:
        ids = list(dict.fromkeys(cid for ix in indexes.values() for _, _, cid in ix.chunk_ranges))
        if not ids or self.embedder is None:
            return [], None
        ids = [cid for cid in ids if cid in found]
        return ids, (np.stack([found[cid] for cid in ids]) if ids else None)

    def _chunk_z(
        self, vec: np.ndarray, vectors: tuple[list[str], np.ndarray | None], statistics: IndexStatistics
    ) -> dict[str, float] | None:
        ids, matrix = vectors
        if matrix is None:
            return None
        mu, sigma = statistics.baseline(vec)
        sims = matrix @ vec
        return {cid: (float(s) - mu) / sigma for cid, s in zip(ids, sims, strict=True)}

    def _best(self, ix: _SpanIndex, claim: Claim, budget: _Budget | None) -> Support:
        """The span of this source that best backs the claim (its meaning checked if ``budget``)."""
        p = ix.source.passage
        best: Support | None = None
        for i in range(len(ix.spans)):
            bag = Bag()
            for j in range(i, min(i + MAX_SPAN_SENTENCES, len(ix.spans))):
                bag = bag | ix.bags[j]
                lexical = claim.recall(bag)
                start, end = p.start + ix.spans[i][0], p.start + ix.spans[j][1]
                z = span_z(ix.chunk_ranges, start, end, claim.z_by_chunk)
                ok = claim.constraints_ok(bag, ix.metadata)
                support = Support(
                    ix.source,
                    start,
                    end,
                    p.text[ix.spans[i][0] : ix.spans[j][1]],
                    round(lexical, 4),
                    None if z is None else round(z, 3),
                    ok,
                    decide(lexical, z, ok),
                    j - i + 1,
                )
                if best is None or support.rank > best.rank:
                    best = support
        if best is None:  # a passage without sentences: cite it whole, unsupported
            return Support(ix.source, p.start, p.end, p.text, 0.0, None, False, False)
        if not_evidence(best.quote):
            best.supported = False
        elif budget is not None:
            self._confirm_meaning(best, claim, budget)
        return best

    def _confirm_meaning(self, best: Support, claim: Claim, budget: _Budget) -> None:
        """Few shared words but the facts agree: a translation or a paraphrase. Compare meanings."""
        if best.supported or not best.constraints_ok or best.lexical < LEXICAL_TRANSLATION or claim.vector is None:
            return
        if not_evidence(best.quote):
            return
        vec = self._embed(best.quote, budget)
        if vec is not None:
            best.cosine = round(float(vec @ claim.vector), 4)
            best.supported = best.cosine >= SENTENCE_COSINE


def _owner(spans: list[tuple[int, int]], pos: int) -> int | None:
    """The sentence a marker belongs to: the last one starting before it (markers trail)."""
    owner = None
    for i, (s, _) in enumerate(spans):
        if s < pos:
            owner = i
        else:
            break
    if owner is None and spans:
        owner = 0
    return owner


def _compose(
    clean: str, spans: list[tuple[int, int]], checks: list[SentenceCheck], unverified_mark: str
) -> tuple[str, list[Citation]]:
    """The answer with its markers renumbered to the citations that back each sentence."""
    citations: list[Citation] = []
    numbering: dict[tuple[str, int, int], int] = {}
    out: list[str] = []
    pos = 0
    for (s, e), check in zip(spans, checks, strict=True):
        out.append(clean[pos:s])
        pos = e
        if check.dropped:
            continue
        sentence = clean[s:e]
        ns = []
        for sup in check.supports:
            key = (sup.source.passage.doc_id, sup.start, sup.end)
            if key not in numbering:
                numbering[key] = len(citations) + 1
                citations.append(_citation(numbering[key], sup, check.verified))
            elif check.verified and not citations[numbering[key] - 1].verified:
                citations[numbering[key] - 1].verified = True
            if numbering[key] not in ns:
                ns.append(numbering[key])
        suffix = "".join(f"[{n}]" for n in ns)
        if check.claim and not check.verified:
            suffix = (suffix + " " + unverified_mark).strip()
        if suffix:
            m = _END_PUNCT.search(sentence)
            sentence = (
                f"{sentence[: m.start()].rstrip()} {suffix}{m.group(0)}" if m else f"{sentence.rstrip()} {suffix}"
            )
        out.append(sentence)
    out.append(clean[pos:])
    text = re.sub(r"[ \t]+\n", "\n", "".join(out))
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    return text, citations


def _citation(n: int, sup: Support, verified: bool) -> Citation:
    return Citation.of(n, sup.source.passage, sup.quote, sup.start, sup.end, sup.lexical, verified=verified)
