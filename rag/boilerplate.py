"""Telling article text from site furniture, one line at a time.

Scraped pages put navigation, paywall prompts, credits and headline lists on
lines of their own, and those lines are short. So a line is judged by its
shape first (how many words, does it end like a sentence) and only a short
line is matched against the phrase list in ``data/boilerplate.txt``; prose is
never dropped because it happens to contain "subscribe".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .dates import find_dates
from .textnorm import fold

PROSE_MIN_WORDS = 8
PROSE_ANY_WORDS = 20
BOILER_MAX_WORDS = 15
_DATA = Path(__file__).with_name("data") / "boilerplate.txt"

_SENTENCE_END = re.compile(r"[.!?…:;]['\"’”»)\]]*$")
_TIME = re.compile(r"^[\W_]*\d{1,2}[:h.]\d{2}(\s*(am|pm|a\.m\.|p\.m\.|cet|cest|gmt|utc|et|bst))?[\W_]*$", re.I)
_READING = re.compile(
    r"\b(\d+\s*min(ute)?s?\s*(read|de lecture)|(reading|lecture|temps de lecture)\s*:?\s*\d+\s*min)", re.I
)
_META_LABEL = re.compile(
    r"^[\W_]*(?:(?:published|updated|last updated|posted|modified|publie|publiee|mis a jour|modifie|le|on|at|a|"
    r"the|et|and|,)[\W_]*)*$",
    re.I,
)
_BULLETS = re.compile(r"^[\W_]+$")
_BYLINE = re.compile(r"^(by|par|written by|auteur|author|texte)\s*:?\s+\w")


@lru_cache(maxsize=1)
def _boiler_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(unambiguous calls to action, phrases that are furniture only outside sentences)."""
    strong, weak = [], []
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            strong.append(f"(?:{line[1:]})")
        else:
            weak.append(f"(?:{line})")
    return re.compile("|".join(strong), re.I), re.compile("|".join(weak), re.I)


@dataclass
class Line:
    index: int
    text: str
    words: int
    kind: str  # prose | short | meta | boiler

    @property
    def score(self) -> float:
        """Contribution to a content region: prose adds its length, furniture subtracts."""
        if self.kind == "prose":
            return float(self.words)
        if self.kind == "boiler":
            return -25.0
        if self.kind == "meta":
            return -1.0
        return -2.0


def word_count(text: str) -> int:
    """Words, not tokens: a lone bullet or dash is not a word."""
    return sum(1 for tok in text.split() if any(ch.isalnum() for ch in tok))


def classify_line(text: str) -> str:
    words = word_count(text)
    folded = fold(text)
    if _BULLETS.match(text) or _TIME.match(text) or _READING.search(folded):
        return "meta"
    if words <= 6 and _META_LABEL.match(folded):
        return "meta"
    if words <= 12 and _is_date_line(text, folded):
        return "meta"
    if words <= 14 and _BYLINE.match(folded):
        return "meta"
    sentence_like = words >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(text))
    if words <= BOILER_MAX_WORDS:
        strong, weak = _boiler_patterns()
        if strong.search(folded) or (not sentence_like and weak.search(folded)):
            return "boiler"
    if words >= PROSE_ANY_WORDS or sentence_like:
        return "prose"
    return "short"


def _is_date_line(text: str, folded: str) -> bool:
    dates = find_dates(text)
    if not dates:
        return False
    rest = text
    for start, end, _ in reversed(dates):
        rest = rest[:start] + " " + rest[end:]
    rest = fold(_TIME_ANYWHERE.sub(" ", rest))
    return bool(_META_LABEL.match(rest))


_TIME_ANYWHERE = re.compile(r"\b\d{1,2}[:h]\d{2}\b")


def split_lines(text: str) -> list[Line]:
    """Non-empty lines, whitespace-normalised, with their kinds."""
    out = []
    for i, raw in enumerate(text.splitlines()):
        s = " ".join(raw.split())
        if s:
            out.append(Line(i, s, word_count(s), classify_line(s)))
    return out


def is_headline(line: Line) -> bool:
    """A line that could be an article title: a short, non-furniture line of several words."""
    return line.kind == "short" and 3 <= line.words <= 30 and not line.text.endswith(":")
