"""Finding and parsing the dates that texts state.

Only full dates (day, month and year) count: a publication date is never
guessed from a bare month or a weekday, and an all-numeric date whose day and
month could be swapped (``04/05/2025``) is left unknown rather than invented.
dateparser knows the month names of ~200 languages; a regex only proposes
candidate spans so that dateparser never sees free prose (where it finds
"dates" such as "3 min").
"""

from __future__ import annotations

import contextlib
import re
from datetime import date
from functools import lru_cache

_WORD = r"[^\W\d_]{3,12}\.?"
_DAY = r"\d{1,2}(?:er|st|nd|rd|th|º)?"
_CANDIDATES = re.compile(
    rf"""
    (?P<iso>\b\d{{4}}-\d{{2}}-\d{{2}}(?=\b|T\d))
  | (?P<num>\b\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}\b)
  | (?P<dmy>\b{_DAY}\s+(?:de\s+)?{_WORD},?\s+(?:de\s+)?\d{{4}}\b)
  | (?P<mdy>\b{_WORD}\s+{_DAY},?\s+\d{{4}}\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def parse_date_string(
    text: str, languages: tuple[str, ...] | None = None, day_first: bool | None = None
) -> date | None:
    """Parse one date expression; ``None`` when it is not a full, unambiguous date.

    ``04/05/2025`` is 4 May or 5 April; ``day_first`` says which convention the page
    uses (known from its language or from another date on it), else it stays unknown.
    """
    text = text.strip()
    m = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", text)
    if m:
        a, b, y = (int(g) for g in m.groups())
        options: dict[str, date] = {}
        for order, (day, month) in (("dmy", (a, b)), ("mdy", (b, a))):
            with contextlib.suppress(ValueError):
                options[order] = date(y, month, day)
        if len(set(options.values())) == 1:
            return next(iter(options.values()))
        if day_first is not None:
            return options.get("dmy" if day_first else "mdy")
        return None
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=list(languages) if languages else None,
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True},
    )
    return parsed.date() if parsed else None


def find_dates(
    text: str, languages: tuple[str, ...] | None = None, day_first: bool | None = None
) -> list[tuple[int, int, date]]:
    """Every full date stated in ``text``: (start, end, date)."""
    found = []
    for m in _CANDIDATES.finditer(text):
        d = parse_date_string(m.group(0), languages, day_first if m.group("num") else None)
        if d is not None and 1900 <= d.year <= 2100:
            found.append((m.start(), m.end(), d))
    return found


def numeric_order(texts: list[str], language: str | None) -> bool | None:
    """Whether the all-numeric dates of a page put the day first.

    Only American English puts the month first, so any other language settles it;
    an English page settles it when one of its numeric dates can only be read one way.
    """
    if language and language != "en":
        return True
    for text in texts:
        for m in re.finditer(r"\b(\d{1,2})[./-](\d{1,2})[./-]\d{4}\b", text):
            a, b = int(m.group(1)), int(m.group(2))
            if a > 12 >= b:
                return True
            if b > 12 >= a:
                return False
    return None
