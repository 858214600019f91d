"""Loading the user-facing phrases and LLM prompts kept as files in ``prompts/``.

One file per language, next to the code that fills them (as RAGFlow does),
so a translator or a prompt engineer edits text, not Python.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

PROMPTS = Path(__file__).with_name("prompts")
DEFAULT_LANGUAGE = "en"


def _pick(stem: str, suffix: str, language: str) -> Path:
    path = PROMPTS / f"{stem}_{language}{suffix}"
    return path if path.is_file() else PROMPTS / f"{stem}_{DEFAULT_LANGUAGE}{suffix}"


@cache
def messages(language: str) -> dict[str, Any]:
    return json.loads(_pick("messages", ".json", language).read_text(encoding="utf-8"))


@cache
def prompt(name: str, language: str) -> str:
    return _pick(name, ".txt", language).read_text(encoding="utf-8")
