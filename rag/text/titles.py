"""What to call an article that has no title.

Many scraped pages state no headline the cleaner can trust, and a list of
sources reading "(untitled)" five times tells a reader nothing. The article's
own first sentence, shortened, says what it is about; failing that the file
name at least tells where it came from. "(untitled)" is left for the case
where there is nothing at all. Shared by the CLI and the web UI.
"""

from __future__ import annotations

from functools import lru_cache

UNTITLED = "(untitled)"
TITLE_CHARS = 90
# Enough text to hold a first sentence; sentence splitting a whole article to name it would be waste.
HEAD_CHARS = 600


def shorten(text: str, limit: int = TITLE_CHARS) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",;:–—-") + "…"


@lru_cache(maxsize=4096)
def first_sentence(text: str, language: str | None = None) -> str:
    """The first sentence of the article's first non-empty paragraph, or "" when there is none."""
    head = text.lstrip()[:HEAD_CHARS]
    para = next((p for p in head.split("\n") if p.strip()), "")
    if not para:
        return ""
    from .sentences import sentence_spans

    spans = sentence_spans(para, language)
    return para[spans[0][0] : spans[0][1]] if spans else para.strip()


def file_name(path: object) -> str:
    return str(path or "").replace("\\", "/").rsplit("/", 1)[-1]


def display_title(
    title: str | None,
    text: str | None = None,
    path: object = None,
    language: str | None = None,
    limit: int = TITLE_CHARS,
) -> str:
    """The title; else the article's first sentence, shortened; else its file name; else "(untitled)"."""
    if title and title.strip():
        return " ".join(title.split())
    sentence = first_sentence(text, language) if text and text.strip() else ""
    if sentence:
        return shorten(sentence, limit)
    return file_name(path) or UNTITLED
