"""Scores for one question: pure functions over text, ranks and offsets.

Kept free of the assistant and of I/O so that each can be checked on a
hand-made case whose right answer is known. Matching follows the shared
dataset schema: normalised text (``rag.text.textnorm.fold``: NFKD without
accents, lower case, ASCII quotes, collapsed whitespace) and substring
containment, the same rule the dataset's authors checked their evidence with.
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Sequence

from ..answering.markers import MARKER, MARKER_RUN, marker_numbers
from ..text.textnorm import fold


def normalise(text: str) -> str:
    return fold(text)


def contains(text: str, needle: str) -> bool:
    n = normalise(needle)
    return bool(n) and n in normalise(text)


# ---------------------------------------------------------------- retrieval
def evidence_found(passages: Sequence[str], evidence: Sequence[str]) -> list[set[int]]:
    """For each passage (in rank order), the indexes of the evidence strings it contains."""
    wanted = [normalise(e) for e in evidence]
    out = []
    for text in passages:
        norm = normalise(text)
        out.append({i for i, e in enumerate(wanted) if e and e in norm})
    return out


def hit_at_k(found: Sequence[set[int]], k: int) -> float:
    return 1.0 if any(found[:k]) else 0.0


def reciprocal_rank(found: Sequence[set[int]], k: int) -> float:
    for rank, f in enumerate(found[:k], start=1):
        if f:
            return 1.0 / rank
    return 0.0


def recall_at_k(found: Sequence[set[int]], n_evidence: int, k: int) -> float:
    """Share of the evidence strings that some top-k passage contains."""
    if n_evidence <= 0:
        raise ValueError("recall needs at least one evidence string")
    covered = set().union(*found[:k]) if found[:k] else set()
    return len(covered) / n_evidence


def ndcg_at_k(found: Sequence[set[int]], n_evidence: int, k: int) -> float:
    """Binary-relevance nDCG@k.

    How many relevant passages exist in the whole index is unknown, so the
    ideal list holds every relevant passage that was retrieved plus one more
    for each evidence string that none of them contains: a perfect ranking
    scores 1 (even when two evidence strings share one passage, or a wire
    story appears twice), a missing piece of evidence costs what a relevant
    passage at the next rank would have brought.
    """
    if n_evidence <= 0:
        raise ValueError("nDCG needs at least one evidence string")
    top = list(found[:k])
    rel = [1.0 if f else 0.0 for f in top]
    dcg = sum(r / math.log2(i + 2) for i, r in enumerate(rel))
    covered = set().union(*top) if top else set()
    ideal = min(k, int(sum(rel)) + (n_evidence - len(covered)))
    idcg = sum(1.0 / math.log2(i + 2) for i in range(ideal))
    return dcg / idcg if idcg else 0.0


# ------------------------------------------------------------------ answers
def strip_markers(text: str) -> str:
    """The text with each citation marker (the answerers' own grammar) replaced by a space."""
    return MARKER.sub(" ", text)


def facts_stated(answer: str, key_facts: Sequence[Sequence[str]]) -> list[bool]:
    """Whether the answer states each key fact (any one of its alternatives)."""
    norm = normalise(strip_markers(answer))
    return [any((a := normalise(alt)) and a in norm for alt in fact) for fact in key_facts]


# French elisions ("l'", "qu'", "jusqu'") and articles of both languages carry no content.
_ELISION = re.compile(r"\b(?:jusqu|lorsqu|puisqu|quoiqu|presqu|qu|[cdjlmnst])'")
_NON_WORD = re.compile(r"[^\w\s]|_")
ARTICLES = frozenset({"a", "an", "the", "le", "la", "les", "l", "un", "une", "des", "du", "d"})


def f1_tokens(text: str) -> list[str]:
    t = normalise(strip_markers(text))
    t = _ELISION.sub(" ", t)
    t = _NON_WORD.sub(" ", t)
    return [w for w in t.split() if w not in ARTICLES]


def token_f1(prediction: str, reference: str) -> float:
    """SQuAD-style bag-of-tokens F1, with English and French normalisation."""
    return _f1(f1_tokens(prediction), f1_tokens(reference))


# ---------------------------------------------------------------- citations
def quote_is_valid(quote: str, start: int, end: int, document: str | None) -> bool:
    """The quote is the document's text at exactly the stated offsets."""
    if document is None or not quote or not (0 <= start < end <= len(document)):
        return False
    return document[start:end] == quote


def quote_is_relevant(quote: str, evidence: Sequence[str], key_facts: Sequence[Sequence[str]]) -> bool:
    norm = normalise(quote)
    needles = [normalise(e) for e in evidence] + [normalise(a) for fact in key_facts for a in fact]
    return any(n and n in norm for n in needles)


def invalid_marker_rate(text: str, citation_numbers: Sequence[int]) -> float | None:
    """Share of the markers that point at no citation (None when the text has no marker)."""
    found = marker_numbers(text)
    if not found:
        return None
    known = set(citation_numbers)
    return sum(1 for n in found if n not in known) / len(found)


def citation_coverage(text: str) -> float | None:
    """Share of the answer's claim sentences that carry at least one marker."""
    claims = claim_sentences(text)
    if not claims:
        return None
    return sum(1 for s in claims if MARKER.search(s)) / len(claims)


def claim_sentences(text: str) -> list[str]:
    """The answer's sentences that assert something.

    A sentence ending in a colon ("Here is what the sources say:") introduces
    what follows and claims nothing itself, so it needs no citation.
    """
    out = []
    for s in answer_sentences(text):
        bare = strip_markers(s).strip()
        if re.search(r"\w", bare) and not bare.endswith(":"):
            out.append(s)
    return out


_END = ".!?…"
_CLOSERS = "\"'”»)’]"
_OPENING = "“«\"'(‘["
_MIN_SENTENCE_WORDS = 3


def answer_sentences(text: str) -> list[str]:
    """Sentences of an answer, each with the markers that follow it.

    Line breaks end sentences; inside a line a sentence ends at ., ! or ?
    outside quotation marks, before a capital or an opening quote. A quoted
    sentence with its marker after the closing quote (“….” [1]) stays one
    sentence, and fragments under three words ("M.", "U.S.") join the next.
    """
    pieces: list[str] = []
    for para in text.split("\n"):
        pieces.extend(_split_line(para))
    merged: list[str] = []
    carry = ""
    for p in pieces:
        p = (carry + " " + p).strip() if carry else p
        carry = ""
        if len(strip_markers(p).split()) < _MIN_SENTENCE_WORDS and not strip_markers(p).strip().endswith(":"):
            if not re.search(r"\w", strip_markers(p)) and merged:  # markers alone: the previous sentence's
                merged[-1] = merged[-1] + " " + p
                continue
            carry = p
            continue
        merged.append(p)
    if carry:
        if merged and not re.search(r"\w", strip_markers(carry)):
            merged[-1] = merged[-1] + " " + carry
        else:
            merged.append(carry)
    return merged


def _split_line(line: str) -> list[str]:
    out: list[str] = []
    start, depth, straight, i, n = 0, 0, False, 0, len(line)
    while i < n:
        ch = line[i]
        if ch in "“«":
            depth += 1
        elif ch in "”»":
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = not straight
        elif ch in _END:
            j, d, s = i + 1, depth, straight
            while j < n and (line[j] in _END or line[j] in _CLOSERS):
                if line[j] in "”»":
                    d = max(0, d - 1)
                elif line[j] == '"':
                    s = not s
                j += 1
            run = MARKER_RUN.match(line, j)
            if run:
                j = run.end()
            if d == 0 and not s and (j >= n or (line[j].isspace() and _opens_sentence(line, j))):
                piece = line[start:j].strip()
                if piece:
                    out.append(piece)
                start, depth, straight, i = j, 0, False, j
                continue
            depth, straight, i = d, s, j
            continue
        i += 1
    tail = line[start:].strip()
    if tail:
        out.append(tail)
    return out


def _opens_sentence(line: str, j: int) -> bool:
    rest = line[j:].lstrip()
    return not rest or rest[0].isupper() or rest[0].isdigit() or rest[0] in _OPENING


# ---------------------------------------------------------------- shortcuts
def share(flags: Sequence[bool]) -> float | None:
    return sum(1 for f in flags if f) / len(flags) if flags else None


# ------------------------------------------------------------- short answers
# The official SQuAD 2.0 evaluation script's normalisation: lower case, ASCII punctuation
# removed, the English articles a/an/the removed, whitespace collapsed. Kept exactly, so
# short-answer numbers on SQuAD files compare with published ones.
_SQUAD_PUNCT = frozenset(string.punctuation)
_SQUAD_ARTICLES = re.compile(r"\b(a|an|the)\b", re.UNICODE)

SQUAD = "squad"  # the official script's normalisation (English)
BILINGUAL = "bilingual"  # the project's: fold, English and French articles and elisions (as token_f1)


def squad_normalize(text: str) -> str:
    text = "".join(ch for ch in text.lower() if ch not in _SQUAD_PUNCT)
    return " ".join(_SQUAD_ARTICLES.sub(" ", text).split())


def answer_tokens(text: str, style: str = SQUAD) -> list[str]:
    if style == SQUAD:
        return squad_normalize(text).split()
    if style == BILINGUAL:
        return f1_tokens(text)
    raise ValueError(f"unknown short-answer normalisation {style!r}; use {SQUAD!r} or {BILINGUAL!r}")


def _exact(pred: list[str], gold: list[str]) -> float:
    return 1.0 if pred == gold else 0.0


def _f1(pred: list[str], gold: list[str]) -> float:
    # The official script: an empty side scores 1 only when both are empty.
    if not pred or not gold:
        return 1.0 if pred == gold else 0.0
    common = sum((Counter(pred) & Counter(gold)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(gold)
    return 2 * precision * recall / (precision + recall)


def short_answer_scores(
    prediction: str | None, golds: Sequence[str], answerable: bool, abstained: bool, style: str = SQUAD
) -> tuple[float, float]:
    """(exact match, token F1) of a short answer, the maximum over the gold alternatives.

    An unanswerable question scores 1 on both when the system abstained and 0
    otherwise (SQuAD 2.0 scores the empty prediction there; here abstaining is
    the empty prediction). An answerable one scores 0 when the system abstained
    or gave no short answer.
    """
    if not answerable:
        return (1.0, 1.0) if abstained else (0.0, 0.0)
    if abstained or prediction is None or not golds:
        return 0.0, 0.0
    pred = answer_tokens(prediction, style)
    em = f1 = 0.0
    for gold in golds:
        g = answer_tokens(gold, style)
        em, f1 = max(em, _exact(pred, g)), max(f1, _f1(pred, g))
    return em, f1
