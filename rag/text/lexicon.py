"""Month, weekday and number words, and the shared-root rule: one lexicon for every stage.

The cleaner (dates in credit lines), question analysis (does a sentence hold a
date or a count), the reader's span features, the verifier (a claim's figures)
and relative dates all need the same words, so they read them here instead of
keeping lists of their own. Month and weekday names come from the Unicode CLDR
tables that Babel ships (no download; :mod:`rag.answering.names` reads country
names from the same tables). A word's numeric value comes from ``text2num``,
the parser of number words in English and French ("vingt", "thousands");
collective counts ("a dozen", "une centaine") are not numbers to it, so
:data:`COUNT_NOUNS` adds them.
"""

from __future__ import annotations

from functools import cache, lru_cache

from .textnorm import fold

# The languages the assistant answers in.
LANGUAGES = ("en", "fr")
# Collective nouns that state a count; a plural "s" is accepted too ("dozens", "milliers").
COUNT_NOUNS = {"dozen": 12, "douzaine": 12, "dizaine": 10, "centaine": 100, "millier": 1000}
# Letters of the root English and French cognates share ("sensitive" / "sensible",
# "European" / "européenne", "France" / "française"): a word longer than this is
# also known by its first ROOT_LETTERS letters.
ROOT_LETTERS = 5
# Indefinite articles that text2num reads as "1".
_ARTICLES = frozenset({"un", "une"})


@cache
def month_names(language: str, width: str = "wide") -> tuple[str, ...]:
    """The twelve month names as CLDR writes them in ``language``, January first ("janv." as "janv")."""
    from babel import Locale

    table = Locale(language).months["format"][width]
    return tuple(str(table[i]).rstrip(".") for i in range(1, 13))


@cache
def weekday_names(language: str, width: str = "wide") -> tuple[str, ...]:
    """The seven weekday names as CLDR writes them in ``language``, Monday first."""
    from babel import Locale

    table = Locale(language).days["format"][width]
    return tuple(str(table[i]).rstrip(".") for i in range(7))


# Words CLDR uses in the names of units of account and funds ("Bolivian Mvdol", "Chilean Unit of
# Account", "Gold"), which are ordinary nouns, not currencies.
_NOT_CURRENCIES = frozenset(
    "account unit units value gold or nouveau nouveaux unite unites coupon coupons cupon sum sums".split()
)


@cache
def currency_words(languages: tuple[str, ...] = LANGUAGES) -> frozenset[str]:
    """Folded head nouns of the world's currency names, singular and plural, as CLDR writes them
    ("franc", "rupees", "yuan", "livres", "roupies"): the noun English puts last ("Swiss francs")
    and French first ("francs suisses"). Codes beginning with X (gold, funds, test codes) are left out."""
    import re

    from babel import Locale
    from babel.numbers import get_currency_name

    out: set[str] = set()
    for code in Locale("en").currencies:
        if code.startswith("X"):
            continue
        for lang in languages:
            for count in (1, 2):
                name = re.sub(r"\s*\(.*?\)", "", get_currency_name(code, count=count, locale=lang)).split()
                if name:
                    out.add(fold(name[-1] if lang == "en" else name[0]))
    return frozenset(out - _NOT_CURRENCIES)


@cache
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes ("EUR", "CHF"), but those beginning with X (gold, funds, test codes)."""
    from babel import Locale

    return frozenset(c for c in Locale("en").currencies if not c.startswith("X"))


@cache
def currency_signs() -> frozenset[str]:
    """The signs in the symbols CLDR gives currencies in English and French ("€", "₹", "¥" of "CN¥",
    "$" of "R$"): characters that are neither letters, figures nor spaces."""
    from babel import Locale

    return frozenset(
        ch
        for lang in LANGUAGES
        for sym in Locale(lang).currency_symbols.values()
        for ch in sym
        if not ch.isalnum() and not ch.isspace() and ch not in ".,'’-"
    )


@cache
def months(widths: tuple[str, ...] = ("wide",), languages: tuple[str, ...] = LANGUAGES) -> dict[str, int]:
    """Folded month name -> month number (1 to 12), in every language and width asked for."""
    return {fold(n): i for lang in languages for w in widths for i, n in enumerate(month_names(lang, w), 1)}


@cache
def weekdays(widths: tuple[str, ...] = ("wide",), languages: tuple[str, ...] = LANGUAGES) -> dict[str, int]:
    """Folded weekday name -> weekday number (Monday 0 to Sunday 6), in every language and width asked for."""
    return {fold(n): i for lang in languages for w in widths for i, n in enumerate(weekday_names(lang, w))}


@lru_cache(maxsize=65536)
def number_value(word: str) -> int | None:
    """The number one folded word states ("two", "vingt", "millions", "dozens"), or None."""
    from text_to_num import text2num

    w = word.lower()
    if not w.isalpha():  # figures are read as figures, not as words
        return None
    for noun, value in COUNT_NOUNS.items():
        if w in (noun, noun + "s"):
            return value
    for lang in LANGUAGES:
        try:
            return int(text2num(w, lang))
        except ValueError:
            continue
    return None


def is_count_word(word: str) -> bool:
    """A folded word that states a count. Not "un"/"une": in French nearly always an article (and
    ordinals such as "first" or "premier" are not counts), so a sentence holding only those answers
    no "how many"."""
    return word not in _ARTICLES and number_value(word) is not None


def shared_root(word: str) -> str | None:
    """The root a folded word shares with its cognates in the other language, or None when too short."""
    return word[:ROOT_LETTERS] if len(word) > ROOT_LETTERS and not word.isdigit() else None
