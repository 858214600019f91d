"""Checking a generated answer against the sources it was written from.

A model's ``[n]`` is a claim, not a proof: it cites sources that do not
exist, cites the wrong one, or cites one for a sentence it made up. So every
sentence of a generated answer is checked against passages:

* lexically: how much of the sentence's wording (IDF-weighted; stemmed under
  English and French rules, with a shared 6-letter prefix counting as a match
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
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..index.embedder import Embedder
from ..index.lexical import LexicalIndex, query_term_groups, stopwords, terms, words
from ..ingestion.furniture import is_furniture
from ..text.sentences import sentence_spans
from ..text.textnorm import fold
from ..types import Citation, Passage
from .injection import looks_like_injection

log = logging.getLogger(__name__)

# "[3]", "[1, 4]", "[2-3]", "[Source 2]", "[^1]", "【1】".
MARKER = re.compile(
    r"[ \t]*(?:\[\^?\s*(?:(?:sources?|src|réf\.?|ref\.?)\s*)?"
    r"(?P<list>\d{1,4}(?:\s*(?:[,;]|-|–|and|et)\s*(?:sources?\s*)?\d{1,4})*)\s*\]|【(?P<cjk>\d{1,4})】)",
    re.IGNORECASE,
)
_RANGE = re.compile(r"(\d+)\s*[-–]\s*(\d+)")
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+)?")
_END_PUNCT = re.compile(r"[.!?…]+$")

_MONTH_NAMES = "january february march april may june july august september october november december"
_MONTH_NAMES_FR = "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre"
_MONTHS = {m: f"m{i}" for names in (_MONTH_NAMES, _MONTH_NAMES_FR) for i, m in enumerate(names.split(), 1)}
_WEEKDAYS = {
    d: f"d{i}"
    for names in (
        "monday tuesday wednesday thursday friday saturday sunday",
        "lundi mardi mercredi jeudi vendredi samedi dimanche",
    )
    for i, d in enumerate(names.split(), 1)
}
_NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
    "hundred": "100", "thousand": "1000", "dozen": "12", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5",
    "sept": "7", "huit": "8", "neuf": "9", "dix": "10", "onze": "11", "douze": "12", "vingt": "20",
    "trente": "30", "cent": "100", "centaine": "100", "mille": "1000", "douzaine": "12",
}  # fmt: skip
# Sentences that say what the corpus lacks are not claims about the world.
_GAP = re.compile(
    r"^(the corpus (does not|doesn't|do not)|the sources? (does not|doesn't|do not|don't)|none of the sources"
    r"|no source|le corpus ne|les sources ne|la source ne|aucune (des )?sources?)\b"
)

MIN_CLAIM_WORDS = 3
MAX_SPAN_SENTENCES = 3
# Acronyms that change between English and French sources.
_ALIASES = {"eu": {"ue", "union"}, "ue": {"eu", "union"}, "us": {"usa", "etats"}, "un": {"onu"}, "onu": {"un"}}

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
class _Bag:
    """The words of some text as matching needs them."""

    terms: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)  # 6-letter: cognates across languages
    stems: set[str] = field(default_factory=set)  # 5-letter: names across languages (France, française)
    numbers: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, text: str, language: str | None) -> _Bag:
        folded_words = {fold(w) for w in words(text)}
        f = fold(text)
        return cls(
            set(terms(text, language)) | folded_words,
            {w[:6] for w in folded_words if len(w) >= 6},
            {w[:5] for w in folded_words if len(w) >= 5},
            _numbers(f, words_only=False) | _numbers(f, words_only=True),
        )

    def __or__(self, other: _Bag) -> _Bag:
        return _Bag(
            self.terms | other.terms,
            self.prefixes | other.prefixes,
            self.stems | other.stems,
            self.numbers | other.numbers,
        )

    def has_name(self, name: str) -> bool:
        return (
            name in self.terms
            or (len(name) >= 5 and name[:5] in self.stems)
            or any(a in self.terms for a in _ALIASES.get(name, ()))
        )


@dataclass
class _Claim:
    """One sentence of the answer, analysed once."""

    text: str
    language: str
    groups: list[tuple[list[str], float]]
    numbers: set[str]
    names: list[list[str]]  # proper names, each as its folded words ("digital services act")
    z_by_chunk: dict[str, float] | None = None
    vector: np.ndarray | None = None

    def recall(self, bag: _Bag) -> float:
        total = sum(w for _, w in self.groups) or 1.0
        return sum(w for variants, w in self.groups if _matches(variants, bag)) / total

    def constraints_ok(self, bag: _Bag, metadata: _Bag) -> bool:
        both = bag | metadata
        return self.numbers <= bag.numbers and all(_name_found(name, both) for name in self.names)


@dataclass
class _SpanIndex:
    """The sentences of one source's passage, with what matching needs."""

    source: Source
    spans: list[tuple[int, int]]  # offsets into the passage text
    bags: list[_Bag]
    metadata: _Bag  # title and publisher: the model saw them as part of the source
    chunk_ranges: list[tuple[int, int, str]]  # document offsets and chunk id


@dataclass
class _Budget:
    """What one verification may still spend on embeddings (per call: answers run concurrently)."""

    left: int
    vectors: dict[str, np.ndarray] = field(default_factory=dict)


class Verifier:
    def __init__(
        self,
        embedder: Embedder | None,
        vocabulary: Callable[[], LexicalIndex | None],
        chunk_vectors: Callable[[list[str]], dict[str, np.ndarray]],
        chunk_range: Callable[[str], tuple[int, int] | None],
        null_similarities: Callable[[np.ndarray], np.ndarray],
        max_embeddings: int = 24,
    ) -> None:
        """``chunk_vectors`` and ``chunk_range`` read stored chunks (their vectors were paid
        for at ingest), ``null_similarities`` gives a vector's similarity to random passages."""
        self.embedder = embedder
        self.vocabulary = vocabulary
        self.chunk_vectors = chunk_vectors
        self.chunk_range = chunk_range
        self.null_similarities = null_similarities
        self.max_embeddings = max_embeddings

    # ------------------------------------------------------------------ API
    def verify(
        self, text: str, sources: list[Source], language: str, unverified_mark: str = "[unverified]"
    ) -> Verification:
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
        vectors = self._chunk_matrix(indexes)
        vocab = self.vocabulary()
        budget = _Budget(self.max_embeddings)
        reattached = 0
        for check in checks:
            check.gap = bool(_GAP.match(fold(check.text)))
            if check.gap or (not check.cited and _is_meta(check.text)):
                check.claim = False
                continue
            claim = self._claim(check.text, language, vocab, vectors, budget)
            best_cited = [self._best(indexes[n], claim, budget) for n in check.cited]
            chosen = [b for b in best_cited if b.supported]
            if not chosen and len(best_cited) > 1:
                chosen = _union_support(best_cited, claim)
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
            elif _leans_on_instructions(best_cited + others):
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
    ) -> _Claim:
        folded = fold(text)
        claim = _Claim(text, language, _weighted_groups(text, vocab), _numbers(folded, words_only=False), _names(text))
        claim.vector = self._embed(text, budget)
        if claim.vector is not None:
            claim.z_by_chunk = self._chunk_z(claim.vector, vectors)
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
        bags = [_Bag.of(p.text[s:e], lang) for s, e in spans]
        md = p.metadata
        about = " ".join(str(md.get(k) or "") for k in ("title", "source", "wire", "author"))
        ranges = []
        for cid in md.get("window_chunks") or [p.chunk_id]:
            r = self.chunk_range(cid)
            if r is not None:
                ranges.append((r[0], r[1], cid))
        return _SpanIndex(source, spans, bags, _Bag.of(about, lang), ranges)

    def _chunk_matrix(self, indexes: dict[int, _SpanIndex]) -> tuple[list[str], np.ndarray | None]:
        ids = list(dict.fromkeys(cid for ix in indexes.values() for _, _, cid in ix.chunk_ranges))
        if not ids or self.embedder is None:
            return [], None
        try:
            found = self.chunk_vectors(ids)
        except Exception:  # the store is optional for verification; lexical checks still run
            log.warning("could not read chunk vectors for verification", exc_info=True)
            return [], None
        ids = [cid for cid in ids if cid in found]
        return ids, (np.stack([found[cid] for cid in ids]) if ids else None)

    def _chunk_z(self, vec: np.ndarray, vectors: tuple[list[str], np.ndarray | None]) -> dict[str, float] | None:
        ids, matrix = vectors
        if matrix is None:
            return None
        null = self.null_similarities(vec)
        mu, sigma = (float(null.mean()), float(null.std()) or 1e-6) if len(null) > 1 else (0.8, 0.03)
        sims = matrix @ vec
        return {cid: (float(s) - mu) / sigma for cid, s in zip(ids, sims, strict=True)}

    def _best(self, ix: _SpanIndex, claim: _Claim, budget: _Budget | None) -> Support:
        """The span of this source that best backs the claim (its meaning checked if ``budget``)."""
        p = ix.source.passage
        best: Support | None = None
        for i in range(len(ix.spans)):
            bag = _Bag()
            for j in range(i, min(i + MAX_SPAN_SENTENCES, len(ix.spans))):
                bag = bag | ix.bags[j]
                lexical = claim.recall(bag)
                start, end = p.start + ix.spans[i][0], p.start + ix.spans[j][1]
                z = _span_z(ix.chunk_ranges, start, end, claim.z_by_chunk)
                ok = claim.constraints_ok(bag, ix.metadata)
                support = Support(
                    ix.source,
                    start,
                    end,
                    p.text[ix.spans[i][0] : ix.spans[j][1]],
                    round(lexical, 4),
                    None if z is None else round(z, 3),
                    ok,
                    _decide(lexical, z, ok),
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

    def _confirm_meaning(self, best: Support, claim: _Claim, budget: _Budget) -> None:
        """Few shared words but the facts agree: a translation or a paraphrase. Compare meanings."""
        if best.supported or not best.constraints_ok or best.lexical < LEXICAL_TRANSLATION or claim.vector is None:
            return
        if not_evidence(best.quote):
            return
        vec = self._embed(best.quote, budget)
        if vec is not None:
            best.cosine = round(float(vec @ claim.vector), 4)
            best.supported = best.cosine >= SENTENCE_COSINE


# ----------------------------------------------------------------- markers
def parse_marker(match: re.Match[str]) -> list[int]:
    if match.group("cjk"):
        return [int(match.group("cjk"))]
    out: list[int] = []
    body = match.group("list")
    for m in _RANGE.finditer(body):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b <= a + 10:
            out.extend(range(a, b + 1))
    body = _RANGE.sub(" ", body)
    out.extend(int(x) for x in re.findall(r"\d+", body))
    return list(dict.fromkeys(out))


def strip_markers(text: str) -> tuple[str, list[tuple[int, list[int]]]]:
    """The text without its citation markers, and where each marker was in that text."""
    pieces: list[str] = []
    marks: list[tuple[int, list[int]]] = []
    pos = 0
    length = 0
    for m in MARKER.finditer(text):
        pieces.append(text[pos : m.start()])
        length += m.start() - pos
        marks.append((length, parse_marker(m)))
        pos = m.end()
    pieces.append(text[pos:])
    return "".join(pieces), marks


def marker_numbers(text: str) -> list[int]:
    """Every source number cited in ``text``, in order, repeats included."""
    return [n for m in MARKER.finditer(text) for n in parse_marker(m)]


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


# ------------------------------------------------------------------ helpers
def not_evidence(quote: str) -> bool:
    """Text that never backs a claim: addressed to an AI, or site furniture addressed to the visitor."""
    return looks_like_injection(quote) or any(is_furniture(quote[s:e]) for s, e in sentence_spans(quote))


LEANS_ON_LEXICAL = 0.3  # how much of a sentence's wording a span must hold to count as what it leaned on


def _leans_on_instructions(candidates: list[Support]) -> bool:
    """True when the span that shares most of a sentence's wording is addressed to an AI."""
    best = max(candidates, key=lambda b: b.lexical, default=None)
    return best is not None and best.lexical >= LEANS_ON_LEXICAL and looks_like_injection(best.quote)


def _is_meta(sentence: str) -> bool:
    """A lead-in ("Here is what the sources say:") or a fragment, not a claim."""
    stripped = sentence.strip()
    return stripped.endswith(":") or len(words(stripped)) < MIN_CLAIM_WORDS


_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_NAME_JOINERS = frozenset("de du des le la of van von der den al el bin ibn".split())


def _names(sentence: str) -> list[list[str]]:
    """Runs of capitalised words and acronyms past the first word: the names a claim is about."""
    stop = stopwords("en") | stopwords("fr")
    names: list[list[str]] = []
    current: list[str] = []
    previous_end = -1
    for i, m in enumerate(_NAME_TOKEN.finditer(sentence)):
        tok = re.split(r"['’]", m.group(0))[-1] or m.group(0)
        is_name = (
            bool(tok)
            and fold(tok) not in _MONTHS
            and fold(tok) not in _WEEKDAYS
            and (
                (len(tok) >= 2 and tok.isupper())
                or (len(tok) == 1 and tok.isupper() and i > 0)
                or (i > 0 and tok[0].isupper() and tok.lower() not in stop)
                or any(ch.isupper() for ch in tok[1:])
            )
        )
        adjacent = sentence[previous_end : m.start()].strip() == ""
        if is_name and current and adjacent:
            current.append(fold(tok))
        elif is_name:
            if current:
                names.append(current)
            current = [fold(tok)]
        elif tok.lower() in _NAME_JOINERS and current and adjacent:
            pass  # "Yoon Suk Yeol", "Court of Justice", "Ursula von der Leyen"
        elif current:
            names.append(current)
            current = []
        previous_end = m.end()
    if current:
        names.append(current)
    return names


def _name_found(name: list[str], bag: _Bag) -> bool:
    """A one-word name must be there; a person's surname must; a long name may go by its acronym."""
    if len(name) == 1:
        return bag.has_name(name[0])
    if "".join(w[0] for w in name) in bag.terms:
        return True
    if len(name) == 2:
        return bag.has_name(name[-1])
    return sum(bag.has_name(w) for w in name) * 2 >= len(name)


def _weighted_groups(sentence: str, vocab: LexicalIndex | None) -> list[tuple[list[str], float]]:
    """Each content word's variants (every language's stem), weighted by rarity in the corpus."""
    out = []
    unknown = vocab.idf("\0") if vocab is not None else 1.0
    for _word, variants in query_term_groups(sentence, ["en", "fr"]):
        if vocab is None:
            weight = 1.0
        else:
            known = [v for v in variants if vocab.known(v)]
            weight = max((vocab.idf(v) for v in known), default=unknown)
        out.append((variants, weight))
    return out


def _matches(variants: list[str], bag: _Bag) -> bool:
    return any(v in bag.terms or (len(v) >= 6 and v[:6] in bag.prefixes) for v in variants)


def _numbers(folded: str, words_only: bool) -> set[str]:
    """Figures, months and weekdays: what a sentence must not get wrong."""
    tokens = re.findall(r"[a-z]+", folded)
    if words_only:
        return {_NUMBER_WORDS[t] for t in tokens if t in _NUMBER_WORDS}
    out = {re.sub(r"[.,\u00a0\u202f ](?=\d{3}\b)", "", n).replace(",", ".") for n in _NUMBER.findall(folded)}
    out |= {_MONTHS[t] for t in tokens if t in _MONTHS and t not in {"may", "mars"}}
    out |= {_WEEKDAYS[t] for t in tokens if t in _WEEKDAYS}
    return out


def _span_z(ranges: list[tuple[int, int, str]], start: int, end: int, z: dict[str, float] | None) -> float | None:
    if z is None:
        return None
    found = [z[cid] for s, e, cid in ranges if s < end and start < e and cid in z]
    return max(found) if found else None


def _decide(lexical: float, z: float | None, constraints_ok: bool) -> bool:
    if not constraints_ok:
        return False
    if z is None:
        return lexical >= LEXICAL_ALONE
    return any(lexical >= min_lexical and z >= min_z for min_lexical, min_z in TIERS)


def _union_support(best: list[Support], claim: _Claim) -> list[Support]:
    """A sentence that joins facts from several cited sources: supported by them together."""
    bag, metadata = _Bag(), _Bag()
    for b in best:
        lang = b.source.passage.metadata.get("language")
        bag = bag | _Bag.of(b.quote, lang)
        md = b.source.passage.metadata
        metadata = metadata | _Bag.of(" ".join(str(md.get(k) or "") for k in ("title", "source")), lang)
    zs = [b.z for b in best if b.z is not None]
    if not _decide(claim.recall(bag), max(zs) if zs else None, claim.constraints_ok(bag, metadata)):
        return []
    return [b for b in best if b.lexical > 0]


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
