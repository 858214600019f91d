"""Telling article text from site furniture, one line at a time.

Scraped pages put navigation, paywall prompts, credits and headline lists on
lines of their own, and those lines are short. So a line is judged by its
shape first (how many words, does it end like a sentence) and only a short
line is matched against the phrase list in ``data/boilerplate.txt``; prose is
never dropped because it happens to contain "subscribe". Lines of up to 40
words that read as furniture by :func:`rag.ingestion.furniture.is_furniture` (comment
and login boxes, "read more", social embeds, photo credits, whatever their
wording) are furniture too; ``is_furniture`` is re-exported here for the
answerers, which must never count such a sentence as an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .dates import find_dates
from .furniture import furniture_score, is_furniture

__all__ = ["Line", "classify_line", "furniture_score", "is_furniture", "is_headline", "split_lines"]
from ..text.lexicon import weekday_names
from ..text.textnorm import fold

PROSE_MIN_WORDS = 8
PROSE_ANY_WORDS = 20
BOILER_MAX_WORDS = 15
FURNITURE_MAX_WORDS = 40  # longer lines are judged by the prose rules alone
_DATA = Path(__file__).with_name("data") / "boilerplate.txt"

_SENTENCE_END = re.compile(r"[.!?…:;]['\"’”»)\]]*$")
_TIME = re.compile(r"^[\W_]*\d{1,2}[:h.]\d{2}(\s*(am|pm|a\.m\.|p\.m\.|cet|cest|gmt|utc|et|bst))?[\W_]*$", re.I)
_READING = re.compile(
    r"\b(\d+\s*min(ute)?s?\s*(read|de lecture)|(read|reading|reading time|lecture|temps de lecture)\s*:?\s*\d+\s*min)",
    re.I,
)
# "Aujourd'hui à 8h53", "Yesterday at 10:29": when, relative to a page view, not a date.
_RELATIVE_TIME = re.compile(r"^[\W_]*(aujourd'hui|hier|today|yesterday)\b.{0,20}\d", re.I)
_BULLETS = re.compile(r"^[\W_]+$")
# Cookie and consent notices read like prose, so they are recognised by their vocabulary.
_CONSENT = re.compile(
    r"\bcookies?\b.*\b(partners?|partenaires|consent|consentement|accept|accepte[rz]?|store|stocker|device|"
    r"appareil|navigation|browsing|personal data|donnees personnelles|personnalis)"
    r"|\b(partners?|partenaires)\b.*\bcookies?\b|\b(we|nous)\b.{0,40}\b(use|utilisons)\b.{0,20}\bcookies?\b"
    r"|\b(partners?|partenaires)\b.{0,40}\b(store|access|stockent|accedent)\b.{0,60}\b(device|appareil)\b",
    re.I,
)
# "Grace Dunmore - 31 July, 2024", "Maya Oduya | Fenwick Gazette": a byline without "By".
_NAME_SEPARATOR = re.compile(r"\s[|·•–—-]\s|\s[|·•]")
# What a credit line says besides names: when it was published or updated, and in what role.
_ROLE = re.compile(
    r"\b(reporter|correspondent|correspondant|correspondante|journaliste|staff writer|envoyee? speciale?)\b"
)
_AGENCY = re.compile(r"\((avec|with) [A-Z]")  # "Pascal Bouvier (avec AFI)"
_NUMERIC_DATE = re.compile(r"\b\d{1,4}([./-])\d{1,2}\1\d{2,4}\b")
_CREDIT_WORDS = frozenset(
    """de du des la le les l d au aux en in of the and et for with avec par by a propos recueillis correspondant correspondante
    envoye envoyee special speciale journaliste reporter redaction staff writer editor""".split()
)
_BYLINE = re.compile(
    r"^(by|par|written by|reporting by|words by|text by|auteur|author|texte|propos recueillis par|avec)\s*:?\s+\w"
)


@lru_cache(maxsize=1)
def _boiler_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(calls to action that end an article, furniture that sits inside one, phrases that
    are furniture only outside sentences)."""
    strong, inline, weak = [], [], []
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            strong.append(f"(?:{line[1:]})")
        elif line.startswith("~"):
            inline.append(f"(?:{line[1:]})")
        else:
            weak.append(f"(?:{line})")
    return tuple(re.compile("|".join(p), re.I) for p in (strong, inline, weak))  # type: ignore[return-value]


@dataclass
class Line:
    index: int
    text: str
    words: int
    kind: str  # prose | short | meta | furniture | boiler

    @property
    def score(self) -> float:
        """Contribution to a content region: prose adds its length, furniture subtracts."""
        if self.kind == "prose":
            return float(self.words)
        if self.kind == "boiler":
            return -25.0
        if self.kind == "furniture":
            # Dropped, and a box of several such lines ends an article; but one embed or
            # credit inside an article must not cut it in two.
            return -8.0
        if self.kind == "meta":
            return -1.0
        return -2.0


def _weekday_alternatives() -> str:
    """English weekdays, wide and abbreviated ("Monday", "Mon"), and French ones, as regex alternatives."""
    names = weekday_names("en") + weekday_names("en", "abbreviated") + weekday_names("fr")
    return "|".join(fold(n) for n in names)


@lru_cache(maxsize=1)
def _meta_label() -> re.Pattern[str]:
    return re.compile(
        r"^[\W_]*(?:(?:published|updated|last updated|last modified|first published|originally published|posted|"
        r"modified|publie|publiee|mis a jour|modifie|publie pour la premiere fois|premiere publication|publication|"
        rf"date|le|on|at|a|the|et|and|{_weekday_alternatives()})[\W_]*)*$",
        re.I,
    )


@lru_cache(maxsize=1)
def _credit_labels() -> re.Pattern[str]:
    return re.compile(
        r"(?<!\w)(last (updated|modified)|first published|published|updated|modified|posted|mis [àa] jour|publi[ée]e?"
        rf"|modifi[ée]e?|today|yesterday|aujourd['’]hui|hier|on|at|le|[àa]|{_weekday_alternatives()})(?!\w)",
        re.I,
    )


def word_count(text: str) -> int:
    """Words, not tokens: a lone bullet or dash is not a word."""
    return sum(1 for tok in text.split() if any(ch.isalnum() for ch in tok))


def classify_line(text: str) -> str:
    words = word_count(text)
    folded = fold(text)
    if _is_menu(text):
        return "meta"
    if _BULLETS.match(text) or _TIME.match(text) or _READING.search(folded) or _RELATIVE_TIME.match(folded):
        return "meta"
    if words <= 6 and _meta_label().match(folded):
        return "meta"
    if words <= 12 and _is_date_line(text, folded):
        return "meta"
    if words <= 14 and _BYLINE.match(folded):
        return "meta"
    if words <= 60 and _CONSENT.search(folded):
        return "boiler"
    if words <= 24 and _is_credit_line(text):
        return "meta"
    sentence_like = words >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(text))
    if words <= BOILER_MAX_WORDS:
        strong, inline, weak = _boiler_patterns()
        if inline.search(folded):
            return "meta"
        if strong.search(folded) or (not sentence_like and weak.search(folded)):
            return "boiler"
    if words <= FURNITURE_MAX_WORDS and is_furniture(text):
        return "furniture"
    if words >= PROSE_ANY_WORDS or sentence_like:
        return "prose"
    return "short"


def _is_menu(text: str) -> bool:
    """A navigation or sharing bar: three or more items of a word or three between separators
    ("Abonnés | Sports | Santé", "Sauvegarder · Imprimer · Offrir l'article")."""
    items = [i for i in re.split(r"\s[|·•]\s|\s\|", text) if i.strip()]
    return len(items) >= 3 and all(word_count(i) <= 3 for i in items)


def _is_credit_line(text: str) -> bool:
    """A byline or credit made of names, roles, separators and at most a date or time:
    "Ann Lee | The Record - May 6, 2026", "Hugo Vasseur (avec AFI) - Mis à jour le 6 décembre 2025 à 09h45"."""
    dates = find_dates(text)
    labelled = bool(_credit_labels().search(text) or _ROLE.search(fold(text)))
    if not (
        _NAME_SEPARATOR.search(text)
        or _AGENCY.search(text)
        or ("," in text and (dates or labelled or _NUMERIC_DATE.search(text)))
    ):
        return False
    rest = text
    for start, end, _ in reversed(dates):
        rest = rest[:start] + " " + rest[end:]
    rest = _credit_labels().sub(" ", _TIME_ANYWHERE.sub(" ", _NUMERIC_DATE.sub(" ", _ISO_TIME.sub(" ", rest))))
    tokens = [t for t in re.split(r"[\s|·•–—,:/()'’-]+", rest) if t]
    return 0 < len(tokens) <= 10 and all(t[0].isupper() or t.isdigit() or fold(t) in _CREDIT_WORDS for t in tokens)


def _is_date_line(text: str, folded: str) -> bool:
    # Any reading of an all-numeric date will do here: the question is the line's shape.
    dates = find_dates(text, day_first=True)
    if not dates:
        return False
    rest = text
    for start, end, _ in reversed(dates):
        rest = rest[:start] + " " + rest[end:]
    rest = fold(_TIME_ANYWHERE.sub(" ", _ISO_TIME.sub(" ", rest)))
    return bool(_meta_label().match(rest))


_ISO_TIME = re.compile(r"T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_TIME_ANYWHERE = re.compile(r"\b\d{1,2}\s?[:h.]\s?\d{2}\b(\s?(am|pm|a\.m\.|p\.m\.|gmt|utc|cet|cest|bst))?", re.I)


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
