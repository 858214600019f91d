"""Language identification for documents and questions.

py3langid ships its model inside the wheel (no download) and is fast enough
to run on every document at ingest. Questions are short, where a 97-language
model often answers Latin or Shona for plain English; for them the choice is
restricted to the languages the assistant can answer in.
"""

from __future__ import annotations

import threading
from functools import lru_cache

ANSWER_LANGUAGES = ("en", "fr")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _full():  # -> py3langid LanguageIdentifier
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=8)
def _restricted(langs: tuple[str, ...]):
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    ident.set_languages(list(langs))
    return ident


def detect_document_language(text: str) -> str | None:
    """ISO 639-1 code of a document, or None when there is too little text to tell."""
    sample = text[:4000]
    if sum(ch.isalpha() for ch in sample) < 40:
        return None
    with _lock:
        lang, prob = _full().classify(sample)
    return lang if prob >= 0.5 else None


def detect_question_language(text: str, choices: tuple[str, ...] = ANSWER_LANGUAGES) -> str:
    """The answer language for a question: one of ``choices`` (default English)."""
    if sum(ch.isalpha() for ch in text) < 3:
        return choices[0]
    with _lock:
        lang, _ = _restricted(tuple(choices)).classify(text)
    return lang if lang in choices else choices[0]
