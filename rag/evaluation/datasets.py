"""Question sets: JSONL files in the schema of the shared eval README.

A malformed set must fail before thirty seconds of ingestion, with the file
and line that is wrong, so everything is checked when the file is read.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class DatasetError(ValueError):
    """The question set cannot be used as it is; the message names the file and line."""


@dataclass(frozen=True)
class EvalItem:
    id: str
    question: str
    lang: str
    key_facts: list[list[str]]
    evidence: list[str]
    answerable: bool
    reference: str | None = None
    tags: list[str] = field(default_factory=list)


_REQUIRED = ("id", "question", "lang", "key_facts", "evidence", "answerable")


def load_dataset(path: Path) -> list[EvalItem]:
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"{path}: no such dataset file")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path}: cannot read the dataset ({exc})") from exc
    items: list[EvalItem] = []
    seen: set[str] = set()
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path} line {lineno}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
        item = parse_item(data, where)
        if item.id in seen:
            raise DatasetError(f"{where}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise DatasetError(f"{path}: the dataset holds no questions")
    return items


def parse_item(data: Any, where: str) -> EvalItem:
    if not isinstance(data, dict):
        raise DatasetError(f"{where}: expected a JSON object, got {type(data).__name__}")
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise DatasetError(f"{where}: missing field(s) {', '.join(missing)}")
    item_id, question, lang = data["id"], data["question"], data["lang"]
    if not isinstance(item_id, (str, int)) or not str(item_id).strip():
        raise DatasetError(f"{where}: 'id' must be a non-empty string")
    if not isinstance(question, str) or not question.strip():
        raise DatasetError(f"{where}: 'question' must be a non-empty string")
    if not isinstance(lang, str) or not lang.strip():
        raise DatasetError(f"{where}: 'lang' must be a language code such as en or fr")
    if not isinstance(data["answerable"], bool):
        raise DatasetError(f"{where}: 'answerable' must be true or false")
    facts = data["key_facts"]
    if not isinstance(facts, list) or not all(
        isinstance(f, list) and f and all(isinstance(a, str) and a.strip() for a in f) for f in facts
    ):
        raise DatasetError(f"{where}: 'key_facts' must be a list of non-empty lists of strings")
    evidence = data["evidence"]
    if not isinstance(evidence, list) or not all(isinstance(e, str) and e.strip() for e in evidence):
        raise DatasetError(f"{where}: 'evidence' must be a list of non-empty strings")
    reference = data.get("reference")
    if reference is not None and not isinstance(reference, str):
        raise DatasetError(f"{where}: 'reference' must be a string")
    tags = data.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise DatasetError(f"{where}: 'tags' must be a list of strings")
    return EvalItem(
        id=str(item_id),
        question=question,
        lang=lang.strip().lower(),
        key_facts=[list(f) for f in facts],
        evidence=list(evidence),
        answerable=data["answerable"],
        reference=(reference.strip() or None) if isinstance(reference, str) else None,
        tags=list(tags),
    )


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
