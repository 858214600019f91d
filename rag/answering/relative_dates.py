"""Relative dates in an answer made absolute: "on Tuesday" as the date it was for the cited article.

News articles date events relative to their own publication ("on Tuesday",
"in January last year"). An answer read weeks later needs the absolute date,
and the reader needs to know what it was computed from, so the date is
resolved from the cited article's publication date (dateparser with that
date as ``RELATIVE_BASE``) and the annotation names the source; when the
article has no date the phrase is left exactly as written. Applied to
answers (extractive and generated) once their citation markers are final.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..text.lexicon import month_names, number_value, weekday_names
from ..text.textnorm import fold
from .markers import MARKER, parse_marker
from .templates import messages

_WEEKDAY_EN = [d.lower() for d in weekday_names("en")]
_WEEKDAY_FR = list(weekday_names("fr"))
_MONTH_EN = [m.lower() for m in month_names("en")]
_MONTH_FR = list(month_names("fr"))  # "février", "août": as a French date is written
_UNIT_FR = {"jour": "day", "jours": "day", "semaine": "week", "semaines": "week", "mois": "month", "an": "year"}
_UNIT_FR |= {"ans": "year", "année": "year", "années": "year", "annee": "year", "annees": "year"}
# "a week ago": the English article counts one here ("un", "une" are read by the lexicon).
_ARTICLE_ONE = {"a": 1, "an": 1}
_REL_FR = {"dernier": "last", "dernière": "last", "derniere": "last", "passé": "last", "passée": "last"}
_REL_FR |= {"prochain": "next", "prochaine": "next", "ce": "this", "cette": "this", "cet": "this"}

_WD = "|".join(_WEEKDAY_EN + _WEEKDAY_FR)
_MO = "|".join(_MONTH_EN + _MONTH_FR + [f for f in map(fold, _MONTH_FR) if f not in _MONTH_FR])
_NUM = r"\d{1,2}|[^\W\d_]+"  # a figure or a number word ("two", "trois"), checked when resolved
_APOS = "['’]"
_RELATIVE = re.compile(
    rf"""\b(?:
      (?P<wd_rel>(?P<rel1>last|next|this)\s+(?P<wd1>{_WD}))
    | (?P<wd_rel_fr>(?P<wd2>{_WD})\s+(?P<rel2>dernier|prochain))
    | (?P<month_year>(?:in\s+|en\s+)?(?P<mo1>{_MO})\s+(?:of\s+)?(?P<rel3>last|this|next)\s+year)
    | (?P<month_year_fr>(?:en\s+)?(?P<mo2>{_MO})\s+(?:de\s+)?l{_APOS}(?:année|annee|an)\s+(?P<rel4>dernière|derniere|dernier|passée|passé|prochaine|prochain))
    | (?P<month_last>(?:in\s+|en\s+)?(?:(?P<rel5>last|next)\s+(?P<mo3>{_MO})|(?P<mo4>{_MO})\s+(?P<rel6>dernier|prochain)))
    | (?P<period>(?:earlier\s+|later\s+)?(?P<rel7>last|next|this)\s+(?P<unit1>week|month|year))
    | (?P<period_fr>(?:la\s+semaine|le\s+mois|l{_APOS}an|l{_APOS}année|l{_APOS}annee)\s+(?P<rel8>dernière|derniere|dernier|passée|passé|prochaine|prochain)
        |(?:cette\s+(?:semaine|année|annee))|(?:ce\s+mois(?:-ci)?))
    | (?P<ago>(?P<n1>{_NUM})\s+(?P<unit2>day|week|month|year)s?\s+ago)
    | (?P<ago_fr>il\s+y\s+a\s+(?P<n2>{_NUM})\s+(?P<unit3>jours?|semaines?|mois|ans|années?|annees?))
    | (?P<dayword>the\s+day\s+before\s+yesterday|yesterday|today|tomorrow|avant-hier|hier|aujourd{_APOS}hui|après-demain|apres-demain|demain)
    | (?P<wd_bare>(?:on\s+)?(?P<wd3>{_WD}))
    )\b(?!\s*,?\s*(?:\d|le\s+\d|(?:{_MO})\b))""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass
class RelativeDate:
    start: int
    end: int
    phrase: str
    value: date
    granularity: str  # day, week, month, year


def find_relative_dates(text: str, published: date) -> list[RelativeDate]:
    """Relative date phrases in ``text`` and the dates they mean for an article published on ``published``."""
    base = datetime.combine(published, datetime.min.time())
    out = []
    for m in _RELATIVE.finditer(text):
        resolved = _resolve(m, base)
        if resolved is not None:
            value, granularity = resolved
            out.append(RelativeDate(m.start(), m.end(), m.group(0), value, granularity))
    return out


def _parse(phrase: str, base: datetime, prefer: str = "past") -> date | None:
    import dateparser

    parsed = dateparser.parse(phrase, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer})
    return parsed.date() if parsed else None


def _weekday_en(name: str) -> str:
    f = fold(name)
    return _WEEKDAY_EN[_WEEKDAY_FR.index(f)] if f in _WEEKDAY_FR else f


def _month_index(name: str) -> int:
    f = fold(name)
    folded_fr = [fold(m) for m in _MONTH_FR]
    return (_MONTH_EN.index(f) if f in _MONTH_EN else folded_fr.index(f)) + 1


def _rel(word: str) -> str:
    w = word.lower()
    return _REL_FR.get(w, w)


def _resolve(m: re.Match[str], base: datetime) -> tuple[date, str] | None:
    g = m.groupdict()
    if g["wd_rel"] or g["wd_rel_fr"]:
        rel = _rel(g["rel1"] or g["rel2"])
        d = _parse(f"{rel} {_weekday_en(g['wd1'] or g['wd2'])}", base)
        return (d, "day") if d else None
    if g["month_year"] or g["month_year_fr"]:
        rel = _rel(g["rel3"] or g["rel4"])
        year = _parse(f"{rel} year", base)
        return (date(year.year, _month_index(g["mo1"] or g["mo2"]), 1), "month") if year else None
    if g["month_last"]:
        month = _month_index(g["mo3"] or g["mo4"])
        rel = _rel(g["rel5"] or g["rel6"])
        if rel == "last":
            year = base.year if month < base.month else base.year - 1
        else:
            year = base.year if month > base.month else base.year + 1
        return date(year, month, 1), "month"
    if g["period"]:
        unit = g["unit1"].lower()
        d = _parse(f"{g['rel7'].lower()} {unit}", base)
        return (d, unit) if d else None
    if g["period_fr"]:
        phrase = fold(g["period_fr"])
        unit = "week" if "semaine" in phrase else "month" if "mois" in phrase else "year"
        rel = "this" if phrase.startswith(("cette", "ce ")) else _rel(fold(g["rel8"] or ""))
        rel = {"derniere": "last", "passee": "last", "passe": "last", "prochaine": "next"}.get(rel, rel)
        d = _parse(f"{rel} {unit}", base)
        return (d, unit) if d else None
    if g["ago"] or g["ago_fr"]:
        n_word = (g["n1"] or g["n2"]).lower()
        n = int(n_word) if n_word.isdigit() else _ARTICLE_ONE.get(n_word) or number_value(fold(n_word))
        if not n:
            return None  # "several days ago": no date to give
        unit = (g["unit2"] or "").lower() or _UNIT_FR.get((g["unit3"] or "").lower(), "day")
        d = _parse(f"{n} {unit}s ago", base)
        return (d, unit) if d else None
    if g["dayword"]:
        word = fold(g["dayword"]).replace("’", "'")
        english = {
            "hier": "yesterday",
            "avant-hier": "the day before yesterday",
            "aujourd'hui": "today",
            "demain": "tomorrow",
            "apres-demain": "the day after tomorrow",
        }.get(word, word)
        d = (
            (base + timedelta(days=2)).date()
            if english == "the day after tomorrow"
            else _parse(" ".join(english.split()), base)
        )
        return (d, "day") if d else None
    if g["wd_bare"]:
        # In news copy a bare weekday is the most recent one, the publication day included.
        d = _parse(_weekday_en(g["wd3"]), base, prefer="current_period")
        if d is None:
            return None
        if d > base.date():
            d -= timedelta(days=7)
        return d, "day"
    return None


def format_date(value: date, granularity: str, language: str) -> str:
    months = _MONTH_FR if language == "fr" else [m.capitalize() for m in _MONTH_EN]
    if granularity == "year":
        return str(value.year)
    if granularity == "month":
        return f"{months[value.month - 1]} {value.year}"
    if granularity == "week":
        monday = value - timedelta(days=value.weekday())
        day = "1er" if language == "fr" and monday.day == 1 else str(monday.day)
        week = messages(language).get("week_of", "the week of {date}")
        return week.format(date=f"{day} {months[monday.month - 1]} {monday.year}")
    day = "1er" if language == "fr" and value.day == 1 else str(value.day)
    return f"{day} {months[value.month - 1]} {value.year}"


def annotate_relative_dates(text: str, published_by_n: dict[int, str | None], language: str, inline: bool) -> str:
    """Add the absolute date after each relative date phrase of a cited sentence.

    A phrase counts from the publication date of the first source its sentence
    cites that has one; a sentence whose sources have no date is left as is.
    ``inline`` puts the date right after the phrase (generated prose); otherwise it
    follows the markers, so that a quotation stays verbatim (extractive answers).
    """
    template = messages(language).get(
        "relative_date", "{absolute}, counting from the publication date of [{n}], {published}"
    )
    out: list[str] = []
    pos = 0
    for start, end, numbers in _marker_groups(text):
        segment = text[pos:start]
        dated = [(n, d) for n in numbers if (d := _as_date(published_by_n.get(n))) is not None]
        found = find_relative_dates(segment, dated[0][1]) if dated else []
        notes = []
        if found:
            n, published = dated[0]
            pieces, cursor = [], 0
            for r in found:
                note = template.format(
                    absolute=format_date(r.value, r.granularity, language),
                    n=n,
                    published=format_date(published, "day", language),
                )
                if inline:
                    pieces.append(f"{segment[cursor : r.end]} ({note})")
                    cursor = r.end
                else:
                    notes.append(f"“{r.phrase.strip()}”: {note}")
            if inline:
                segment = "".join(pieces) + segment[cursor:]
        out.append(segment + text[start:end] + (f" ({'; '.join(notes)})" if notes else ""))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _marker_groups(text: str) -> list[tuple[int, int, list[int]]]:
    """Runs of adjacent markers ("[1][3]") as one: (start, end, source numbers)."""
    groups: list[tuple[int, int, list[int]]] = []
    for m in MARKER.finditer(text):
        numbers = parse_marker(m)
        if groups and not text[groups[-1][1] : m.start()].strip():
            start, _, before = groups[-1]
            groups[-1] = (start, m.end(), before + [n for n in numbers if n not in before])
        else:
            groups.append((m.start(), m.end(), numbers))
    return groups


def _as_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
