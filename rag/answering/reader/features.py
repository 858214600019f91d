"""Candidate sentences and the features the reader's model weighs.

The features are deliberately general: nothing in them names a corpus, a
publisher or a question wording. A near miss ("Has TikTok been fined for
X?" over articles about TikTok being investigated for X) shows up as a
*constraint* of the question (a name, a number, a rare word) that no
sentence near the candidate holds, or as an asked-for kind of answer (an
amount, a date) that the sentence does not contain.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from ...index.lexical import LexicalIndex, query_term_groups, terms, words
from ...text.lexicon import shared_root
from ...text.sentences import sentence_spans
from ...text.textnorm import fold, fold_word
from ...types import Passage
from ..names import equivalents, is_generic
from ..question import CHECKABLE_TYPES, NAME_CONNECTORS, Question, sentence_has_type

MIN_SENTENCE_WORDS = 4

FEATURES: tuple[str, ...] = (
    "coverage",
    "coverage_context",
    "coverage_gap",
    "constraint_share",
    "constraint_share_context",
    "unmatched_constraints",
    "unmatched_weight",
    "similarity",
    "similarity_gap",
    "sentence_similarity",
    "sentence_similarity_gap",
    "type_asked",
    "type_match",
    "type_missing",
    "type_in_context",
    "rank_prior",
    "passage_score",
    "lead_sentence",
    "heading",
    "log_words",
    "cross_lingual",
    "bigram_share",
    "new_word_share",
    "unknown_share",
    "question_constraints",
    "question_is_name",
)
INDEX = {name: i for i, name in enumerate(FEATURES)}


@dataclass
class TermGroup:
    """One content word of the question with its index-term variants and its weight (IDF)."""

    word: str
    variants: list[str]
    weight: float
    roots: set[str]


@dataclass
class QuestionTerms:
    """The question as the reader weighs it against one index: terms, constraints, unknown names."""

    question: Question
    groups: list[TermGroup]
    # Specific constraints: names, numbers and rare words a sentence that answers must respect.
    constraints: list[TermGroup]
    unknown_names: list[str]
    unknown_share: float
    bigrams: set[tuple[str, str]]


@dataclass
class Candidate:
    """A sentence of a retrieved passage, with its offsets in the document and its features."""

    passage: Passage
    rank: int
    start: int
    end: int
    text: str
    features: np.ndarray
    covered: set[str] = field(default_factory=set)
    heading: bool = False
    probability: float = 0.0
    position: int = 0  # index among its passage's sentences
    prev: Candidate | None = None
    next: Candidate | None = None

    def value(self, name: str) -> float:
        return float(self.features[INDEX[name]])


def question_terms(q: Question, vocab: LexicalIndex) -> QuestionTerms:
    """Weigh the question's words against the index (rare words weigh most) and find its constraints."""
    langs = vocab.languages or ["en"]
    n = max(1, len(vocab))
    groups = []
    for word, variants in query_term_groups(q.words, langs):
        known = [v for v in variants if vocab.known(v)]
        idf = max((vocab.idf(v) for v in known), default=vocab.idf("\0"))
        groups.append(TermGroup(word, variants, idf, _roots(variants)))
    entity_words = {fold(w) for e in q.entities for w in words(e)}
    numbers = {fold(x.strip(" .,")) for x in q.numbers}
    rare_df = max(1.0, 0.02 * n)
    constraints = []
    for g in groups:
        df = max((vocab.doc_freq(v) for v in g.variants), default=0)
        if fold(g.word) in entity_words or fold(g.word) in numbers or (0 < df <= rare_df):
            constraints.append(g)
    unknown = [name for name in q.names if not _mentioned(name, vocab)]
    unknown_words = sum(1 for u in unknown for w in _name_words(u) if not vocab.mentions(w)) or len(unknown)
    stems = [g.variants[0] for g in groups]
    return QuestionTerms(
        question=q,
        groups=groups,
        constraints=constraints,
        unknown_names=unknown,
        unknown_share=unknown_words / max(1, len(q.content_words)),
        bigrams=set(pairwise(stems)),
    )


def build_candidates(qt: QuestionTerms, passages: list[Passage]) -> list[Candidate]:
    """Every sentence of the passages (each once), with its features; order: passage rank, reading order."""
    q = qt.question
    total = sum(g.weight for g in qt.groups) or 1.0
    c_total = sum(g.weight for g in qt.constraints) or 1.0
    out: list[Candidate] = []
    seen: set[str] = set()
    for rank, p in enumerate(passages):
        lang = p.metadata.get("language")
        cross = lang not in (None, q.language)
        spans = sentence_spans(p.text, lang)
        bags = [_bag(p.text[s:e], lang, cross) for s, e in spans]
        passage_bag = _Bag.union(bags)
        typed = [q.answer_type is not None and sentence_has_type(p.text[s:e], q.answer_type, q) for s, e in spans]
        previous: Candidate | None = None
        for k, (s, e) in enumerate(spans):
            text = p.text[s:e]
            key = fold(text)
            if len(text.split()) < MIN_SENTENCE_WORDS or key in seen:
                previous = None
                continue
            seen.add(key)
            bag = bags[k]
            context = _Bag.union(bags[max(0, k - 1) : k + 2])
            covered = {g.word for g in qt.groups if bag.has(g)}
            coverage = sum(g.weight for g in qt.groups if g.word in covered) / total
            coverage_ctx = sum(g.weight for g in qt.groups if context.has(g)) / total
            c_here = sum(g.weight for g in qt.constraints if bag.has(g)) / c_total if qt.constraints else 1.0
            c_ctx = sum(g.weight for g in qt.constraints if context.has(g)) / c_total if qt.constraints else 1.0
            missing = [g for g in qt.constraints if not passage_bag.has(g)]
            max_idf = max((g.weight for g in qt.groups), default=1.0) or 1.0
            n_words = len(text.split())
            sent_stems = bag.stems
            q_stems = {v for g in qt.groups for v in g.variants}
            new_words = [w for w in sent_stems if w not in q_stems]
            f = np.zeros(len(FEATURES), dtype=np.float32)
            f[INDEX["coverage"]] = coverage
            f[INDEX["coverage_context"]] = coverage_ctx
            f[INDEX["constraint_share"]] = c_here
            f[INDEX["constraint_share_context"]] = c_ctx
            f[INDEX["unmatched_constraints"]] = min(3, len(missing))
            f[INDEX["unmatched_weight"]] = max((g.weight for g in missing), default=0.0) / max_idf
            f[INDEX["similarity"]] = _chunk_similarity(p, p.start + s)
            f[INDEX["sentence_similarity"]] = _sentence_similarity(p, p.start + s, p.start + e)
            f[INDEX["type_asked"]] = 1.0 if q.answer_type else 0.0
            f[INDEX["type_match"]] = 1.0 if typed[k] else 0.0
            f[INDEX["type_missing"]] = 1.0 if q.answer_type and not typed[k] else 0.0
            f[INDEX["type_in_context"]] = 1.0 if any(typed[max(0, k - 1) : k + 2]) else 0.0
            f[INDEX["rank_prior"]] = 1.0 / math.sqrt(1.0 + rank)
            f[INDEX["passage_score"]] = float(p.score)
            f[INDEX["lead_sentence"]] = 1.0 if p.start + s < 400 else 0.0
            heading = (p.start + s == 0 and text == p.metadata.get("title")) or _is_heading(text)
            f[INDEX["heading"]] = 1.0 if heading else 0.0
            f[INDEX["log_words"]] = math.log(1 + n_words)
            f[INDEX["cross_lingual"]] = 1.0 if cross else 0.0
            f[INDEX["bigram_share"]] = (
                len(qt.bigrams & set(pairwise(bag.ordered))) / len(qt.bigrams) if qt.bigrams else 0.0
            )
            f[INDEX["new_word_share"]] = len(new_words) / max(1, len(sent_stems))
            f[INDEX["unknown_share"]] = qt.unknown_share
            f[INDEX["question_constraints"]] = math.log(1 + len(qt.constraints))
            f[INDEX["question_is_name"]] = 1.0 if q.answer_type is None and _asks_description(q) else 0.0
            cand = Candidate(p, rank, p.start + s, p.start + e, text, f, covered, heading, position=k, prev=previous)
            if previous is not None:
                previous.next = cand
            previous = cand
            out.append(cand)
    if out:  # features relative to the best competitor: for a figure or a date, sentences that hold one
        rivals = [c for c in out if c.value("type_match")] if q.answer_type in CHECKABLE_TYPES else out
        rivals = rivals or out
        top_chunk = max(c.value("similarity") for c in rivals)
        top_sentence = max(c.value("sentence_similarity") for c in rivals)
        top_cov = max(c.value("coverage") for c in rivals)
        for c in out:
            c.features[INDEX["similarity_gap"]] = top_chunk - c.value("similarity")
            c.features[INDEX["sentence_similarity_gap"]] = top_sentence - c.value("sentence_similarity")
            c.features[INDEX["coverage_gap"]] = top_cov - c.value("coverage")
    return out


def feature_matrix(candidates: list[Candidate]) -> np.ndarray:
    if not candidates:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    return np.stack([c.features for c in candidates])


# ----------------------------------------------------------------- helpers
class _Bag:
    """A sentence's words as the matcher sees them: folded words, stems, cognate roots."""

    __slots__ = ("ordered", "roots", "stems", "words")

    def __init__(self, words_: set[str], stems: set[str], roots: set[str], ordered: list[str]) -> None:
        self.words = words_
        self.stems = stems
        self.roots = roots
        self.ordered = ordered

    def has(self, g: TermGroup) -> bool:
        return any(v in self.stems or v in self.words for v in g.variants) or bool(self.roots and g.roots & self.roots)

    @staticmethod
    def union(bags: list[_Bag]) -> _Bag:
        if len(bags) == 1:
            return bags[0]
        return _Bag(
            set().union(*(b.words for b in bags)),
            set().union(*(b.stems for b in bags)),
            set().union(*(b.roots for b in bags)),
            [w for b in bags for w in b.ordered],
        )


def _bag(text: str, lang: str | None, cross_lingual: bool) -> _Bag:
    folded_words = {fold_word(w) for w in words(text)}
    ordered = terms(text, lang)
    stems = set(ordered) | folded_words
    roots = _roots(folded_words) if cross_lingual else set()
    return _Bag(folded_words, stems, roots, ordered)


def _roots(words_: set[str] | list[str]) -> set[str]:
    """Shared-root keys for English/French cognates: the first letters of longer words.

    Crude next to a bilingual dictionary, but the two languages share most of their
    Latin vocabulary (sensitive/sensible, communicate/communiquer, platform/plateforme),
    and it only ranks sentences of passages retrieval already chose."""
    return {r for w in words_ if (r := shared_root(w))}


# The similarity features are plain e5 cosines, not the retriever's z-scores against random passages
# of the index: those move when unrelated documents join the index (mixed with 694 encyclopedia
# paragraphs, the sample corpus's sentences rose by 2.7 standard deviations on average, and 10 of the
# 116 tuning questions changed best sentence). With cosines the same sentence scores the same in any
# index, and on validation questions abstention rose (SQuAD 0.064 -> 0.160 at the same 5.5% false
# refusals) with sentence choice unchanged (0.667). A chunk whose vector was not read scores 0.


def _chunk_similarity(p: Passage, offset: int) -> float:
    """The cosine of the question and the chunk of ``p`` that holds ``offset``."""
    for c in p.chunks:
        if c.similarity is not None and c.start <= offset < c.end:
            return float(c.similarity)
    return 0.0


def _sentence_similarity(p: Passage, start: int, end: int) -> float:
    """The cosine of the question and the sentence at ``start:end`` itself: the stored sentence of
    its chunk that overlaps it most (rag.index.sentence_vectors), or the chunk's own when the chunk
    is that one sentence or its sentences were not embedded."""
    for c in p.chunks:
        if c.start <= start < c.end:
            best = max(c.sentences, key=lambda x: min(end, x.end) - max(start, x.start), default=None)
            if best is not None and best.similarity is not None and min(end, best.end) > max(start, best.start):
                return float(best.similarity)
            return float(c.similarity) if c.similarity is not None else 0.0
    return 0.0


def _is_heading(text: str) -> bool:
    """A headline or sub-heading line: short and not ended like a sentence."""
    return len(text.split()) < 12 and not re.search(r"[.!?…:;]['\"’”»)]*$", text)


def _asks_description(q: Question) -> bool:
    """'Who is Linda Yaccarino?': a description of a named subject, not a name."""
    return bool(re.match(r"^(who|qui)\b", fold(q.text))) and bool(q.entities)


def _name_words(name: str) -> list[str]:
    parts = [p for w in name.split() for p in re.split(r"[-'’]", w) if p]
    return [w for w in parts if w.lower() not in NAME_CONNECTORS and not is_generic(w)]


def _mentioned(name: str, vocab: LexicalIndex) -> bool:
    """Whether the corpus speaks of ``name``, in any inflection, as an acronym, or,
    for a country, under its name in another language."""
    if is_generic(name) or vocab.is_source_name(name):
        return True
    return any(
        _mentioned_as(words_, vocab) for words_ in [_name_words(name)] + [_name_words(e) for e in equivalents(name)]
    )


def _mentioned_as(words_: list[str], vocab: LexicalIndex) -> bool:
    if not words_:
        return True
    if not all(vocab.mentions(w) for w in words_):
        return False
    # Initials known only as initials ("J.D." for "JD") have no postings to intersect.
    indexed = [w for w in words_ if vocab.matching_terms(w)]
    return len(indexed) <= 1 or vocab.cooccur(indexed)
