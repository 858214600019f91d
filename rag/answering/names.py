"""Names that change across languages: countries, months, weekdays, languages.

"Corée du Sud" and "South Korea" are the same place; a French question about
an English article must not be told the corpus never mentions it. The Unicode
CLDR tables that Babel ships (no download) give every country's name in
every language, and the month, weekday and language names that capitalise
in English ("February", "English") without naming anything a corpus could
lack.
"""

from __future__ import annotations

from functools import lru_cache

from ..text.textnorm import fold

# Languages whose CLDR names are consulted: the answer languages and the usual
# languages of European news.
LOCALES = ("en", "fr", "de", "es", "it", "nl", "pt")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, set[str]], dict[str, list[str]], frozenset[str]]:
    from babel import Locale

    by_name: dict[str, set[str]] = {}
    by_code: dict[str, list[str]] = {}
    generic: set[str] = set()
    for loc in LOCALES:
        locale = Locale(loc)
        for code, name in locale.territories.items():
            if code.isalpha():  # skip numeric regions ("150" = Europe)
                by_name.setdefault(fold(name), set()).add(code)
                by_code.setdefault(code, []).append(name)
        for table in (locale.months["format"]["wide"], locale.days["format"]["wide"]):
            generic.update(fold(v) for v in table.values())
        generic.update(fold(v) for v in locale.languages.values())
    return by_name, by_code, frozenset(generic)


def is_generic(name: str) -> bool:
    """A month, weekday or language name: capitalised, but never a subject a corpus could lack."""
    return fold(name) in _tables()[2]


def equivalents(name: str) -> list[str]:
    """The same country's name in other languages ("Corée du Sud" -> "South Korea", ...)."""
    by_name, by_code, _ = _tables()
    out: list[str] = []
    for code in by_name.get(fold(name), ()):
        out.extend(n for n in by_code[code] if fold(n) != fold(name))
    return list(dict.fromkeys(out))
