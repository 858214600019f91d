"""Text in the corpus that addresses an AI instead of readers.

Articles are data. A scraped page can still carry "ignore previous
instructions", a fake system prompt or a fake closing delimiter; such a span
must never vouch for a claim (a model repeating it has obeyed it) and is
never worth quoting as an answer.
"""

from __future__ import annotations

import re

INJECTION = re.compile(
    r"\b(ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}\b(previous|prior|above|earlier|all|any|your|these)\b"
    r"[^.\n]{0,20}\b(instructions?|prompts?|rules?|directions?|guidelines?)"
    r"|\b(system|developer)\s+(prompt|message|notice|instructions?)\b|\byou are now\b|\bmaintenance mode\b"
    r"|\b(reply|respond|answer)\s+only\s+with\b|<\|?\s*(im_start|im_end|system|assistant)\b|</?source[-\s>]"
    r"|\b(ignore[rz]?|oublie[rz]?)\b[^.\n]{0,40}\b(instructions|consignes|r[eè]gles)\b|\br[ée]ponds uniquement\b",
    re.IGNORECASE,
)


def looks_like_injection(text: str) -> bool:
    return bool(INJECTION.search(text))
