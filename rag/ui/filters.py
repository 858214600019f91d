"""The filter controls' values, checked and turned into the engine's filter dict.

Dates are typed or picked by people, so a bad one is reported in words before
any search runs, instead of silently matching nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..retrieval.retriever import Filters


class FilterError(ValueError):
    """A filter value the user has to correct; the message says how."""


@dataclass(frozen=True)
class UIFilters:
    language: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def engine(self) -> dict[str, Any] | None:
        if self.empty:
            return None
        return {
            "language": list(self.language) or None,
            "source": list(self.source) or None,
            "since": self.since,
            "until": self.until,
        }

    @property
    def empty(self) -> bool:
        return not (self.language or self.source or self.since or self.until)

    def describe(self) -> str:
        return Filters(list(self.language), list(self.source), self.since, self.until).describe()


def parse_date(value: object, label: str) -> date | None:
    """Accept what the date picker or a person gives: a date, a timestamp, ``YYYY-MM-DD[ time]``."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value).date()
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise FilterError(f"{label}: {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-12-05") from None


def from_controls(language: object, source: object, since: object, until: object) -> UIFilters:
    def as_tuple(v: object) -> tuple[str, ...]:
        if not v:
            return ()
        items = v if isinstance(v, (list, tuple)) else [v]
        return tuple(str(x) for x in items if str(x).strip())

    lo = parse_date(since, "published from")
    hi = parse_date(until, "published until")
    if lo and hi and lo > hi:
        raise FilterError(f"the date range is empty: {lo.isoformat()} is after {hi.isoformat()}")
    return UIFilters(as_tuple(language), as_tuple(source), lo, hi)
