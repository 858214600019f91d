"""Text normalisation shared by matching, tokenising and scoring.

One definition, so that the lexical index, the answer scorer and the
evaluation suite agree on when two strings "say the same thing": Unicode
NFKD with accents removed, lower case, typographic quotes mapped to ASCII and
whitespace runs (non-breaking spaces included) collapsed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
    }
)
_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """Accent-free, lower-case, ASCII-quoted form with single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _WS.sub(" ", text.lower()).strip()


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """``fold`` for the short strings that hot loops fold again and again."""
    return fold(word)
