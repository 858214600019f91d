"""Claim features: what a sentence of an answer asserts, and what a span of a source holds.

A sentence is reduced to what checking it needs: its content words with
every language's stem and weighted by rarity in the corpus, the figures,
months and weekdays it states (a wrong number is the commonest invention) and
the names it is about. A span of source text is reduced to a :class:`Bag` of
the same things, so that :mod:`rag.answering.support` can ask how much of the
claim a span contains. Words sharing a root (:func:`rag.text.lexicon.shared_root`)
count as the same word ("European" finds "européenne", "France" finds
"française"). Month, weekday and number words come from :mod:`rag.text.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ..index.lexical import LexicalIndex, query_term_groups, stopwords, terms, words
from ..text.lexicon import is_count_word, months, number_value, shared_root, weekdays
from ..text.textnorm import fold

_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+)?")

# "May" and "mars" are words too ("may be", "the Mars mission"): never a month a claim must get right.
_NOT_ONLY_MONTHS = frozenset({"may", "mars"})
# Sentences that say what the corpus lacks are not claims about the world.
_GAP = re.compile(
    r"^(the corpus (does not|doesn't|do not)|the sources? (does not|doesn't|do not|don't)|none of the sources"
    r"|no source|le corpus ne|les sources ne|la source ne|aucune (des )?sources?)\b"
)

MIN_CLAIM_WORDS = 3
# Acronyms that change between English and French sources.
_ALIASES = {"eu": {"ue", "union"}, "ue": {"eu", "union"}, "us": {"usa", "etats"}, "un": {"onu"}, "onu": {"un"}}
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_NAME_JOINERS = frozenset("de du des le la of van von der den al el bin ibn".split())


@dataclass
class Bag:
    """The words of some text as matching needs them."""

    terms: set[str] = field(default_factory=set)
    roots: set[str] = field(default_factory=set)  # shared roots: cognates and names across languages
    numbers: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, text: str, language: str | None) -> Bag:
        folded_words = {fold(w) for w in words(text)}
        f = fold(text)
        return cls(
            set(terms(text, language)) | folded_words,
            {r for w in folded_words if (r := shared_root(w))},
            figures(f, words_only=False) | figures(f, words_only=True),
        )

    def __or__(self, other: Bag) -> Bag:
        return Bag(
            self.terms | other.terms,
            self.roots | other.roots,
            self.numbers | other.numbers,
        )

    def has_name(self, name: str) -> bool:
        return (
            name in self.terms
            or name in self.roots  # "Paris" in "Parisian"
            or shared_root(name) in self.roots  # "France" in "française"
            or any(a in self.terms for a in _ALIASES.get(name, ()))
        )


@dataclass
class Claim:
    """One sentence of the answer, analysed once."""

    text: str
    language: str
    groups: list[tuple[list[str], float]]
    numbers: set[str]
    names: list[list[str]]  # proper names, each as its folded words ("digital services act")
    z_by_chunk: dict[str, float] | None = None
    vector: np.ndarray | None = None

    def recall(self, bag: Bag) -> float:
        total = sum(w for _, w in self.groups) or 1.0
        return sum(w for variants, w in self.groups if _matches(variants, bag)) / total

    def constraints_ok(self, bag: Bag, metadata: Bag) -> bool:
        both = bag | metadata
        return self.numbers <= bag.numbers and all(_name_found(name, both) for name in self.names)


def is_gap(sentence: str) -> bool:
    """The sentence says what the sources do not say: not a claim about the world."""
    return bool(_GAP.match(fold(sentence)))


def is_meta(sentence: str) -> bool:
    """A lead-in ("Here is what the sources say:") or a fragment, not a claim."""
    stripped = sentence.strip()
    return stripped.endswith(":") or len(words(stripped)) < MIN_CLAIM_WORDS


def names_in(sentence: str) -> list[list[str]]:
    """Runs of capitalised words and acronyms past the first word: the names a claim is about."""
    stop = stopwords("en") | stopwords("fr")
    names: list[list[str]] = []
    current: list[str] = []
    previous_end = -1
    for i, m in enumerate(_NAME_TOKEN.finditer(sentence)):
        tok = re.split(r"['’]", m.group(0))[-1] or m.group(0)
        is_name = (
            bool(tok)
            and fold(tok) not in months()
            and fold(tok) not in weekdays()
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


def _name_found(name: list[str], bag: Bag) -> bool:
    """A one-word name must be there; a person's surname must; a long name may go by its acronym."""
    if len(name) == 1:
        return bag.has_name(name[0])
    if "".join(w[0] for w in name) in bag.terms:
        return True
    if len(name) == 2:
        return bag.has_name(name[-1])
    return sum(bag.has_name(w) for w in name) * 2 >= len(name)


def weighted_groups(sentence: str, vocab: LexicalIndex | None) -> list[tuple[list[str], float]]:
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


def _matches(variants: list[str], bag: Bag) -> bool:
    return any(v in bag.terms or shared_root(v) in bag.roots for v in variants)


def figures(folded: str, words_only: bool) -> set[str]:
    """Figures, months and weekdays: what a sentence must not get wrong."""
    tokens = re.findall(r"[a-z]+", folded)
    if words_only:
        return {str(number_value(t)) for t in tokens if is_count_word(t)}
    out = {re.sub(r"[.,\u00a0\u202f ](?=\d{3}\b)", "", n).replace(",", ".") for n in _NUMBER.findall(folded)}
    out |= {f"m{months()[t]}" for t in tokens if t in months() and t not in _NOT_ONLY_MONTHS}
    out |= {f"d{weekdays()[t]}" for t in tokens if t in weekdays()}
    return out
