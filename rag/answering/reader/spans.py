"""Short answers: the phrase of the best sentence that answers, with its offsets.

Candidates are the phrases of the sentence (runs of up to ``MAX_SPAN_TOKENS``
words that neither begin nor end on a function word and do not repeat the
question's own words); gradient-boosted trees learned on SQuAD 2.0 and our
tuning questions score them on general features: length, whether the phrase
has the asked-for form (a figure for "how much", a capitalised name for "who",
a date for "when"), how rare its words are in general use of their language, the
question's interrogative (``Question.interrogative``), and where it sits: next to
the question's words (the answer is usually next to what the question already
says), on the side of them where the question has its interrogative ("Who
founded X?" is answered left of "founded X", "X was founded by whom?" right of
it), after a comma or a function word, or at the start of the sentence,
where a capital letter does not make a name.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from ...index.lexical import LexicalIndex, stopwords, terms
from ...text.lexicon import is_count_word, months
from ...text.textnorm import fold
from ..question import Question, holds_count, holds_date

MAX_SPAN_TOKENS = 8
# Words (with inner hyphens, apostrophes and figure separators), an English possessive on its own
# ("Adele" | "'s": the name answers, not the possessive), and single punctuation marks.
_TOKEN = re.compile(r"\w+(?:[-.,]\w+|['’](?![sS]\b)\w+)*|['’][sS]\b|[^\w\s]", re.UNICODE)
_CURRENCY = frozenset("€ $ £ eur euro euros usd dollar dollars pound pounds".split())
_NUMERIC_TYPES = ("money", "number", "percent", "age")
_NAME_TYPES = ("person", "organisation", "place")

SPAN_FEATURES: tuple[str, ...] = (
    "log_tokens",
    "share_of_sentence",
    "has_digit",
    "has_number_word",
    "has_month",
    "has_currency",
    "capitalised_share",
    "starts_capitalised",
    "has_comma",
    "log_distance",
    "adjacent_left",
    "adjacent_right",
    "after_question_words",
    "numeric_asked_and_numeric",
    "name_asked_and_capitalised",
    "date_asked_and_date",
    "untyped_and_capitalised",
    "untyped_and_numeric",
    "preceded_by_preposition",
    "inside_quotes",
    "cuts_a_name",
    "whole_name",
    "cuts_a_figure",
    "sentence_initial",
    "capitalised_share_inside",
    "relative_position",
    "after_boundary",
    "before_boundary",
    "after_function_word",
    "before_function_word",
    "after_article",
    "rarity_min",
    "rarity_mean",
    "wh_what",
    "wh_who",
    "wh_when",
    "wh_where",
    "wh_quantity",
    "wh_how",
    "wh_why",
    "wh_position",
    "slot_agreement",
    "slot_disagreement",
    "window_left",
    "window_right",
)
_INDEX = {n: i for i, n in enumerate(SPAN_FEATURES)}
_ARTICLES = frozenset("the a an le la les un une des l".split())
_PREPOSITIONS = frozenset(
    "in on at by of to from for with as since until after before during à au aux en de du des par pour dans sur depuis".split()
)


@dataclass
class Span:
    text: str
    start: int  # offsets in the sentence
    end: int
    features: np.ndarray


def span_candidates(
    q: Question, sentence: str, vocabulary: LexicalIndex | None = None, language: str | None = None
) -> list[Span]:
    """The phrases of ``sentence`` that could answer ``q``, with their features. ``language`` is the
    sentence's language: how rare a phrase's words are in it (a phrase of common words, "However" or
    "the other", rarely answers); ``vocabulary``, the index the sentence came from, stands in for a
    language without a frequency list."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
    if not tokens:
        return []
    stop = stopwords("en") | stopwords("fr")
    q_stems = set(terms(q.text, "en")) | set(terms(q.text, "fr")) | {fold(w) for w in re.findall(r"\w+", q.text)}
    words_ = [t[0] for t in tokens]
    is_word = [bool(re.match(r"\w", w)) for w in words_]
    in_question = [
        is_word[i] and (fold(w) in q_stems or any(s in q_stems for s in terms(w, "en") + terms(w, "fr")))
        for i, w in enumerate(words_)
    ]
    matched = [i for i, v in enumerate(in_question) if v and fold(words_[i]) not in stop]
    quotes = _quote_mask(words_)
    wh = {f"wh_{q.interrogative}"} if q.interrogative else set()
    rarity = _Rarity(vocabulary, language)
    align = _Alignment.of(q, words_, in_question, stop, rarity)
    out = []
    n = len(tokens)
    for i in range(n):
        if not is_word[i] or in_question[i] or fold(words_[i]) in stop:
            continue
        for j in range(i, min(n, i + MAX_SPAN_TOKENS)):
            if j > i and (words_[j] in ';:()[]?!"“”«»' or in_question[j]):
                break
            if not is_word[j] or fold(words_[j]) in stop:
                continue
            out.append(_span(q, sentence, tokens, i, j, matched, quotes, words_, wh, stop, rarity, align))
    return out


def _span(q, sentence, tokens, i, j, matched, quotes, words_, wh, stop, rarity, align) -> Span:
    start, end = tokens[i][1], tokens[j][2]
    text = sentence[start:end]
    span_words = [w for w in words_[i : j + 1] if re.match(r"\w", w)]
    folded = [fold(w) for w in span_words]
    n_tok = j - i + 1
    has_digit = any(ch.isdigit() for ch in text)
    has_num_word = any(is_count_word(w) for w in folded)
    has_month = any(w in months() for w in folded)
    context = {fold(w) for w in words_[max(0, i - 2) : j + 3]}
    has_currency = bool(context & _CURRENCY) or any(c in text for c in "€$£")
    caps = [w[:1].isupper() for w in span_words]
    cap_share = sum(caps) / max(1, len(caps))
    distance = min((min(abs(m - i), abs(m - j)) for m in matched), default=len(tokens))
    f = np.zeros(len(SPAN_FEATURES), dtype=np.float32)
    f[_INDEX["log_tokens"]] = math.log(1 + n_tok)
    f[_INDEX["share_of_sentence"]] = n_tok / len(tokens)
    f[_INDEX["has_digit"]] = has_digit
    f[_INDEX["has_number_word"]] = has_num_word
    f[_INDEX["has_month"]] = has_month
    f[_INDEX["has_currency"]] = has_currency
    f[_INDEX["capitalised_share"]] = cap_share
    f[_INDEX["starts_capitalised"]] = caps[0] if caps and i > 0 else 0.0
    f[_INDEX["has_comma"]] = "," in text
    f[_INDEX["log_distance"]] = math.log(1 + distance)
    f[_INDEX["adjacent_left"]] = (i - 1) in matched or (i - 2) in matched
    f[_INDEX["adjacent_right"]] = (j + 1) in matched or (j + 2) in matched
    f[_INDEX["after_question_words"]] = bool(matched) and i > min(matched)
    numeric = has_digit or has_num_word
    f[_INDEX["numeric_asked_and_numeric"]] = q.answer_type in _NUMERIC_TYPES and numeric
    f[_INDEX["name_asked_and_capitalised"]] = (q.answer_type in _NAME_TYPES) * cap_share
    f[_INDEX["date_asked_and_date"]] = q.answer_type == "date" and holds_date(text, {n.strip(" .,") for n in q.numbers})
    f[_INDEX["untyped_and_capitalised"]] = (q.answer_type is None) * cap_share
    f[_INDEX["untyped_and_numeric"]] = q.answer_type is None and numeric
    f[_INDEX["preceded_by_preposition"]] = i > 0 and fold(words_[i - 1]) in _PREPOSITIONS
    f[_INDEX["inside_quotes"]] = quotes[i]
    # Phrase boundaries: an answer rarely stops inside a name ("Léa | Seydoux") or a figure ("120 | million").
    left = words_[i - 1] if i > 0 else ""
    right = words_[j + 1] if j + 1 < len(words_) else ""
    left_cap = i > 1 and left[:1].isupper() and left[:1].isalpha()
    right_cap = right[:1].isupper() and right[:1].isalpha()
    f[_INDEX["cuts_a_name"]] = bool(caps) and ((caps[0] and left_cap) or (caps[-1] and right_cap))
    f[_INDEX["whole_name"]] = bool(caps) and all(caps) and not left_cap and not right_cap
    figure = re.compile(r"^(\d[\d.,]*|%|€|\$|£)$")
    f[_INDEX["cuts_a_figure"]] = bool(
        ((figure.match(left) or is_count_word(fold(left)) or fold(left) in _CURRENCY) and numeric)
        or ((figure.match(right) or is_count_word(fold(right)) or fold(right) in _CURRENCY) and numeric)
    )
    # Where the phrase sits: a capitalised first word of a sentence is not a name; phrases that answer
    # start and end at commas, brackets and function words more than inside a run of content words.
    inner_caps = [w[:1].isupper() for k, w in enumerate(words_[i : j + 1], start=i) if k > 0 and re.match(r"\w", w)]
    f[_INDEX["sentence_initial"]] = i == 0
    f[_INDEX["capitalised_share_inside"]] = sum(inner_caps) / len(inner_caps) if inner_caps else 0.0
    f[_INDEX["relative_position"]] = i / len(tokens)
    f[_INDEX["after_boundary"]] = i == 0 or left in ",;:(–—-"
    f[_INDEX["before_boundary"]] = j + 1 == len(words_) or right in ",.;:)–—-"
    f[_INDEX["after_function_word"]] = fold(left) in stop
    f[_INDEX["before_function_word"]] = fold(right) in stop
    f[_INDEX["after_article"]] = fold(left) in _ARTICLES
    for name in wh:
        f[_INDEX[name]] = 1.0
    rare = [rarity(w) for w in span_words if fold(w) not in stop]
    f[_INDEX["rarity_min"]] = min(rare, default=0.0)
    f[_INDEX["rarity_mean"]] = sum(rare) / len(rare) if rare else 0.0
    align.fill(f, i, j)
    return Span(text, start, end, f)


_WH_WORD = re.compile(
    r"\b(?:what|which|who|whom|whose|when|where|why|how|quel|quelle|quels|quelles|lequel|laquelle|qui|quand|où|pourquoi|comment|combien|que|quoi)\b",
    re.IGNORECASE,
)
_WINDOW = 4


@dataclass
class _Alignment:
    """Where the phrase sits against the question's words, the way the question's interrogative sits
    against them: "Who founded X?" is answered left of "founded X" in "Y founded X", "X was founded by
    whom?" right of it. Per sentence token: the rarity of a question word matched there (0 elsewhere)
    and which side of the interrogative that word has in the question."""

    weight: list[float]
    before_wh: list[bool | None]  # None: not a question word, or one on neither side
    wh_position: float
    total: float

    @classmethod
    def of(cls, q: Question, words_: list[str], in_question: list[bool], stop: frozenset[str], rarity) -> _Alignment:
        m = _WH_WORD.search(q.text)
        wh_char = m.start() if m else len(q.text)
        q_positions: dict[str, int] = {}
        for w in re.finditer(r"\w+", q.text):
            q_positions.setdefault(fold(w.group()), w.start())
        weight, before = [], []
        for k, w in enumerate(words_):
            if in_question[k] and fold(w) not in stop:
                weight.append(rarity(w))
                pos = q_positions.get(fold(w))
                before.append(None if pos is None else pos < wh_char)
            else:
                weight.append(0.0)
                before.append(None)
        return cls(weight, before, wh_char / max(1, len(q.text)), sum(weight) or 1.0)

    def fill(self, f: np.ndarray, i: int, j: int) -> None:
        agree = disagree = 0.0
        for k, w in enumerate(self.weight):
            side = self.before_wh[k]
            if not w or side is None or i <= k <= j:
                continue
            if (k < i) == side:
                agree += w
            else:
                disagree += w
        f[_INDEX["wh_position"]] = self.wh_position
        f[_INDEX["slot_agreement"]] = agree / self.total
        f[_INDEX["slot_disagreement"]] = disagree / self.total
        f[_INDEX["window_left"]] = sum(self.weight[max(0, i - _WINDOW) : i]) / self.total
        f[_INDEX["window_right"]] = sum(self.weight[j + 1 : j + 1 + _WINDOW]) / self.total


class _Rarity:
    """How rare a word is in general use of its language, from 0 (the commonest words) to 1 (a word
    no frequency list holds: names, codes): one minus its Zipf frequency over 8, from wordfreq's
    lists, which ship inside that package (nothing is fetched).

    General frequencies rather than the index's own: document frequencies move with whatever else
    the index holds. Mixed with 694 unrelated encyclopedia paragraphs, the sample corpus's French
    words all became "rare", and short answers on the tuning questions fell from 0.339 to 0.275
    token F1; with general frequencies the same mix costs 0.331 -> 0.319. A language wordfreq has no
    list for falls back on the index's inverse document frequency."""

    def __init__(self, vocabulary: LexicalIndex | None, language: str | None) -> None:
        self.vocabulary = vocabulary
        self.language = language or "en"
        self.general = self.language in _general_languages()
        self.top = vocabulary.idf("\0") if vocabulary is not None and len(vocabulary) else 0.0
        self.cache: dict[str, float] = {}

    def __call__(self, word: str) -> float:
        if word in self.cache:
            return self.cache[word]
        if self.general:
            from wordfreq import zipf_frequency

            value = min(1.0, max(0.0, 1.0 - zipf_frequency(word, self.language) / 8.0))
        elif self.vocabulary is None or self.top <= 0:
            value = 0.5
        else:
            stems = terms(word, self.language)
            value = max((self.vocabulary.idf(t) for t in stems), default=self.top) / self.top
        self.cache[word] = value
        return value


@cache
def _general_languages() -> frozenset[str]:
    """The languages wordfreq has a frequency list for (empty without wordfreq)."""
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - a dependency of the package
        return frozenset()
    # Chinese, Japanese and Korean need word segmenters wordfreq does not install (jieba, MeCab).
    return frozenset(wordfreq.available_languages()) - {"zh", "ja", "ko"}


def best_span(q: Question, spans: list[Span], probs: np.ndarray) -> int:
    """The most likely phrase; for a question asking for a figure (an amount, a count, a share, an
    age) or a date, the most likely phrase that holds one, as only sentences stating one compete for
    such a question. The model weighs whether a phrase holds a figure but can still prefer a word
    next to it ("plateforme" in "une amende de 120 millions d'euros à la plateforme X"). A count is
    held as sentences hold one: a year is a date, not a count ("2025" does not answer "how many").
    When no phrase holds one, the model's pick stands."""
    if q.answer_type == "number":
        typed = [k for k, sp in enumerate(spans) if holds_count(sp.text, q)]
    elif q.answer_type in _FORM_ASKED:
        typed = [k for k, sp in enumerate(spans) if sp.features[_INDEX[_FORM_ASKED[q.answer_type]]]]
    else:
        typed = []
    if typed:
        return max(typed, key=lambda k: float(probs[k]))
    return int(probs.argmax())


# The feature that marks a phrase of the form a question asks for, by answer type.
_FORM_ASKED = {t: "numeric_asked_and_numeric" for t in _NUMERIC_TYPES} | {"date": "date_asked_and_date"}


def span_matrix(spans: list[Span]) -> np.ndarray:
    if not spans:
        return np.zeros((0, len(SPAN_FEATURES)), dtype=np.float32)
    return np.stack([s.features for s in spans])


def _quote_mask(words_: list[str]) -> list[bool]:
    inside, out = False, []
    for w in words_:
        if w in '"“”«»':
            inside = not inside
        out.append(inside)
    return out
