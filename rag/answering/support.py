"""Support policy: when a span of a source backs a claim, and what never does.

Two kinds of evidence are weighed: how much of the claim's wording a span
contains (lexical recall, see :mod:`rag.answering.claims`) and how far the
span's stored chunk is above random passages in similarity to the claim (z,
the retriever's calibration). The tiers trade one for the other; a claim whose
figures or names are missing from the span is never supported; a translation
with few shared words needs its meaning checked sentence to sentence. Text
addressed to an AI or site furniture never backs anything. The thresholds are
calibrated on the sample corpus (tests/test_generative_verification.py holds
the cases).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ingestion.furniture import is_furniture
from ..text.sentences import sentence_spans
from ..types import Passage
from .claims import Bag, Claim
from .injection import looks_like_injection

# Decision thresholds, calibrated on the sample corpus (tests/test_generative_verification.py holds the cases):
# the less wording a span shares with the sentence, the more its meaning has to vouch for it.
TIERS = (
    # (least share of the sentence's weighted wording in the span, least z of the span's chunk)
    (0.75, 1.5),
    (0.5, 2.0),
    (0.3, 3.5),
)
LEXICAL_TRANSLATION = 0.2  # below the tiers, a translation keeps at least names and figures ...
SENTENCE_COSINE = 0.87  # ... and must mean the same as the span (e5 cosine, both embedded as queries)
LEXICAL_ALONE = 0.75  # when no embedding was affordable
REATTACH_MEANING_CHECKS = 2  # uncited sources whose meaning is compared when looking for a better citation
LEANS_ON_LEXICAL = 0.3  # how much of a sentence's wording a span must hold to count as what it leaned on


@dataclass
class Source:
    """A passage as the model saw it: under its number ``n``."""

    n: int
    passage: Passage


@dataclass
class Support:
    """How well a span of a source's passage backs a sentence."""

    source: Source
    start: int  # offsets into the document
    end: int
    quote: str
    lexical: float
    z: float | None
    constraints_ok: bool  # every figure, date and name of the sentence is in the span
    supported: bool
    sentences: int = 1
    cosine: float | None = None

    @property
    def rank(self) -> tuple[bool, bool, float]:
        # Supported first, then the spans that get the facts right, then the shortest that says most.
        return (
            self.supported,
            self.constraints_ok,
            self.lexical - 0.03 * (self.sentences - 1) + 0.1 * (self.z or 0.0),
        )


def decide(lexical: float, z: float | None, constraints_ok: bool) -> bool:
    if not constraints_ok:
        return False
    if z is None:
        return lexical >= LEXICAL_ALONE
    return any(lexical >= min_lexical and z >= min_z for min_lexical, min_z in TIERS)


def span_z(ranges: list[tuple[int, int, str]], start: int, end: int, z: dict[str, float] | None) -> float | None:
    if z is None:
        return None
    found = [z[cid] for s, e, cid in ranges if s < end and start < e and cid in z]
    return max(found) if found else None


def union_support(best: list[Support], claim: Claim) -> list[Support]:
    """A sentence that joins facts from several cited sources: supported by them together."""
    bag, metadata = Bag(), Bag()
    for b in best:
        lang = b.source.passage.metadata.get("language")
        bag = bag | Bag.of(b.quote, lang)
        md = b.source.passage.metadata
        metadata = metadata | Bag.of(" ".join(str(md.get(k) or "") for k in ("title", "source")), lang)
    zs = [b.z for b in best if b.z is not None]
    if not decide(claim.recall(bag), max(zs) if zs else None, claim.constraints_ok(bag, metadata)):
        return []
    return [b for b in best if b.lexical > 0]


def not_evidence(quote: str) -> bool:
    """Text that never backs a claim: addressed to an AI, or site furniture addressed to the visitor."""
    return looks_like_injection(quote) or any(is_furniture(quote[s:e]) for s, e in sentence_spans(quote))


def leans_on_instructions(candidates: list[Support]) -> bool:
    """True when the span that shares most of a sentence's wording is addressed to an AI."""
    best = max(candidates, key=lambda b: b.lexical, default=None)
    return best is not None and best.lexical >= LEANS_ON_LEXICAL and looks_like_injection(best.quote)
