"""Question sets: JSONL files in the schema of the shared eval README.

A malformed set must fail before thirty seconds of ingestion, with the file
and line that is wrong, so everything is checked when the file is read.
"""

from __future__ import annotations

import hashlib
import json
import random
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
    # Gold short answers (SQuAD's answer spans). None: derived from the key facts and the
    # reference for factoid questions (see ``short_answer_gold``).
    short_answers: list[str] | None = None
    # How short answers are normalised before matching: "squad" (the official script's,
    # for SQuAD files) or "bilingual" (fold, English and French articles and elisions).
    answer_style: str = "bilingual"


# Questions whose answer is a name, a number or a date: the ones a short answer is expected for.
FACTOID_TAGS = frozenset({"name", "number", "date"})


def short_answer_gold(item: EvalItem) -> list[str] | None:
    """What a short answer to ``item`` is scored against; None when none is expected.

    Explicit gold (SQuAD) wins. Otherwise an unanswerable question expects no
    answer at all (an empty list: abstaining scores 1); an answerable one is
    scored only when it is tagged as factoid (name, number, date), against every
    alternative of its key fact when it has exactly one, and its reference answer
    (which states every part of a multi-part question). Untagged questions and
    questions asking why or how expect no short answer and are not scored.
    """
    if item.short_answers is not None:
        return list(item.short_answers)
    if not item.answerable:
        return []
    if not FACTOID_TAGS & set(item.tags):
        return None
    golds = [alt for alt in item.key_facts[0]] if len(item.key_facts) == 1 else []
    if item.reference:
        golds.append(item.reference)
    return golds or None


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


def load_datasets(paths: list[Path]) -> list[EvalItem]:
    """Several JSONL sets as one (the test part is two files); an id may appear only once."""
    items: list[EvalItem] = []
    where: dict[str, Path] = {}
    for path in paths:
        for item in load_dataset(path):
            if item.id in where:
                raise DatasetError(f"{path}: id {item.id!r} is also in {where[item.id]}; ids must be unique")
            where[item.id] = Path(path)
            items.append(item)
    return items


def sample_items(items: list[EvalItem], n: int, seed: int) -> list[EvalItem]:
    """``n`` questions drawn at random (seeded: the same sample every run), in their file order."""
    if n < 1:
        raise DatasetError("--sample must be at least 1")
    if n >= len(items):
        return list(items)
    keep = set(random.Random(seed).sample(range(len(items)), n))
    return [item for i, item in enumerate(items) if i in keep]
