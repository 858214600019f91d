"""Metadata that an article's own text states: publisher, wire, byline, date.

Everything here reads evidence from the page and returns ``None`` when there
is none; users check dates and sources, so an invented one is worse than a
blank. The publisher list (``data/publishers.txt``) only helps recognise a
name the text already gives, for instance a site header or "told POLITICO".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..text.textnorm import fold
from .dates import find_dates

_DATA = Path(__file__).with_name("data") / "publishers.txt"


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    wire: bool


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    out = []
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        wire = line.startswith("wire:")
        names = [n.strip() for n in line.removeprefix("wire:").split("|") if n.strip()]
        out.append(Outlet(names[0], tuple(names), wire))
    return tuple(out)


def _alias_pattern(outlet: Outlet) -> re.Pattern[str]:
    alts = "|".join(re.escape(a) for a in sorted(outlet.aliases, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alts})(?![\w])")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[Outlet, re.Pattern[str]], ...]:
    return tuple((o, _alias_pattern(o)) for o in outlets())


def outlet_in_header(line: str) -> Outlet | None:
    """A header line that *is* an outlet's name ("The Independent UK", "POLITICO Europe")."""
    folded = fold(line)
    for outlet in outlets():
        for alias in outlet.aliases:
            fa = fold(alias)
            if folded == fa or (folded.startswith(fa + " ") and len(folded.split()) <= len(fa.split()) + 2):
                return outlet
    return None


_SELF_REF = re.compile(r"\b(?:told|tells|to|with|by|à|a|par|auprès de|selon|pour)\s+$", re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:by|par|written by|auteur\s*:|author\s*:)\s+(?P<name>[^\d,;:|()]{3,60}?)\s*(?:[,;|(]|\d|$)", re.I
)


def publisher_from_self_reference(text: str) -> Outlet | None:
    """An outlet that the text speaks to by name at least twice ("a indiqué à POLITICO").

    Reporters name their own outlet when they quote whom they spoke to; an
    outlet that is merely cited ("reports Bloomberg") does not take this form.
    """
    best: tuple[int, Outlet] | None = None
    for outlet, pattern in _patterns():
        if outlet.wire:
            continue
        hits = 0
        for m in pattern.finditer(text):
            if _SELF_REF.search(text[max(0, m.start() - 30) : m.start()]):
                hits += 1
        if hits >= 2 and (best is None or hits > best[0]):
            best = (hits, outlet)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _wire_credit() -> re.Pattern[str]:
    aliases = sorted((a for o in outlets() if o.wire for a in o.aliases), key=len, reverse=True)
    alts = "|".join(re.escape(a) for a in aliases)
    return re.compile(rf"(?:\bvia\s+(?:the\s+)?|\()(?P<wire>{alts})(?:\)|(?!\w))")


def wire_credit(text: str) -> Outlet | None:
    """A news agency the text credits for the story: "... via Reuters", "(AP)"."""
    m = _wire_credit().search(text)
    if not m:
        return None
    return next((o for o in outlets() if o.wire and m.group("wire") in o.aliases), None)


def wire_in_lines(lines: list[str]) -> Outlet | None:
    """A news agency credited in the page furniture (a credit line, "(AP)")."""
    for line in lines:
        for outlet, pattern in _patterns():
            if outlet.wire and pattern.search(line):
                return outlet
    return None


def byline(lines: list[str]) -> str | None:
    for line in lines:
        m = _BYLINE.match(line.strip())
        if m:
            return m.group("name").strip()
    return None


_PRESS = Path(__file__).with_name("data") / "press_words.txt"
_ARTICLES = frozenset("the a le la les l de du des d of".split())


@lru_cache(maxsize=1)
def _press_words() -> frozenset[str]:
    words = set()
    for line in _PRESS.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


def masthead(header: list[str], page_text: str) -> str | None:
    """A publication name in the page header that the page names again.

    "The Lakeland Dispatch" above the headline is a masthead when it is a short
    capitalised name made of press words and appears a second time in the page
    (a repeated masthead, "told The Lakeland Dispatch", "© 2025 The Lakeland
    Dispatch"): a section name or a headline does not pass both tests.
    """
    press = _press_words()
    folded_page = fold(page_text)
    for line in header:
        name = line.strip(" •|-–—·:")
        words_ = name.split()
        if not 2 <= len(words_) <= 6 or any(ch in name for ch in "0123456789/:|>()") or name.endswith((".", "?", "!")):
            continue
        capitals = [w for w in words_ if w[:1].isupper()]
        if len(capitals) < max(2, len(words_) - 2):
            continue
        parts = [w.strip("'’") for w in re.split(r"[\s'’-]+", fold(name)) if w]
        # A press word and a proper name: "The Lakeland Dispatch", not the section "Local News".
        if not any(w in press for w in parts) or all(w in press or w in _ARTICLES for w in parts):
            continue
        folded = fold(name)
        if folded_page.count(folded) >= 2:
            return name.title() if name.isupper() else name
    return None


_PUBLISHED_WORDS = re.compile(r"\b(published|posted|publie|publiee|date)\b")
_UPDATED_WORDS = re.compile(r"\b(updated|modified|mis a jour|modifie)\b")


def published_date(
    lines: list[str], first_paragraph: str | None, languages: tuple[str, ...] | None, day_first: bool | None = None
) -> date | None:
    """The publication date stated in the header lines or the opening dateline."""
    plain: list[date] = []
    updated: list[date] = []
    for line in lines:
        if len(line.split()) > 15:
            continue
        found = find_dates(line, languages, day_first)
        if not found:
            continue
        folded = fold(line)
        if _PUBLISHED_WORDS.search(folded):
            return found[0][2]
        (updated if _UPDATED_WORDS.search(folded) else plain).append(found[0][2])
    if plain:
        return plain[0]
    if first_paragraph:
        head = first_paragraph[:90]
        for _start, end, d in find_dates(head, languages):
            if re.match(r"\s*(?:\([^)]*\))?\s*[—–:-]", head[end:]):
                return d
    return updated[0] if updated else None
