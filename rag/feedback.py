"""Thumbs up and down on answers, kept so real questions become evaluation cases.

The chat appends one JSON line per rating to ``Settings.feedback_file`` (by
default ``<index dir>/feedback.jsonl``): the question, the answer, its
citations, the rating and when. Appending a line is the whole write, so a
crash loses at most the rating being written and never an earlier one; a
later rating of the same answer (a changed mind, or a thumb taken back) is a
new line, and the last one counts.

``rag feedback export`` turns the ratings into question-set lines in the
schema of ``evals/README.md``. What a rating proves is limited, and the
export says so instead of guessing: a thumbs-up on an abstention is a
complete unanswerable case; a thumbs-up on an answer gives its quotes as
evidence, but only the reader's short answer, when there is one, is a key
fact; a thumbs-down says the answer was wrong, not what the right one is.
Cases a person must finish carry ``"review"`` (what to do) and the tag
``needs_key_facts``; see ``REVIEW_HOWTO``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from .types import Answer

log = logging.getLogger(__name__)

Rating = Literal["up", "down", "cleared"]
RATINGS: tuple[str, ...] = ("up", "down", "cleared")
NEEDS_KEY_FACTS = "needs_key_facts"
REVIEW_HOWTO = (
    "Cases tagged needs_key_facts were rated without a key fact the rating can prove. For each: write "
    'key_facts (e.g. [["120 million", "120 millions"]]) and evidence (a sentence copied from the article '
    "that states it), or set answerable to false with both lists empty if the corpus does not answer; then "
    "delete the review field and the needs_key_facts tag. `rag eval` scores only what those fields say."
)

_write_lock = threading.Lock()


@dataclass
class FeedbackRecord:
    """One rating of one answer, as stored (one JSON object per line)."""

    answer_id: str
    rating: Rating
    question: str
    answer: str
    citations: list[dict[str, Any]]
    timestamp: str
    abstained: bool = False
    mode: str = "extractive"
    language: str = "en"
    searched_as: str | None = None
    filters: str | None = None
    short_answer: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(
        cls, answer: Answer, rating: Rating, answer_id: str, filters: str | None = None, now: datetime | None = None
    ) -> FeedbackRecord:
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {', '.join(RATINGS)}, not {rating!r}")
        cited = [
            {k: c.to_dict()[k] for k in ("n", "doc_id", "title", "source", "published", "url", "quote", "start", "end")}
            for c in answer.citations
        ]
        standalone = answer.standalone_question
        return cls(
            answer_id=answer_id,
            rating=rating,
            question=answer.question,
            answer=answer.text,
            citations=cited,
            timestamp=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
            abstained=answer.abstained,
            mode=answer.mode,
            language=answer.language,
            searched_as=standalone if standalone and standalone.strip() != answer.question.strip() else None,
            filters=filters or None,
            short_answer=answer.short_answer.to_dict() if answer.short_answer else None,
        )


def append(path: Path, record: FeedbackRecord) -> None:
    """Add one rating to the file (created with its folder if needed)."""
    line = json.dumps(asdict(record), ensure_ascii=False)
    path = Path(path)
    with _write_lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def load(path: Path) -> tuple[list[FeedbackRecord], list[str]]:
    """Every readable rating in file order, and one message per line that could not be read."""
    records: list[FeedbackRecord] = []
    problems: list[str] = []
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    names = set(FeedbackRecord.__dataclass_fields__)
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict) or data.get("rating") not in RATINGS:
                raise ValueError("not a rating record")
            known = {k: v for k, v in data.items() if k in names}
            known["extra"] = {k: v for k, v in data.items() if k not in names}
            records.append(FeedbackRecord(**known))
        except (ValueError, TypeError) as exc:
            problems.append(f"{path} line {lineno}: skipped ({exc})")
    return records, problems


def latest(records: list[FeedbackRecord]) -> list[FeedbackRecord]:
    """The last rating of each question (ratings taken back are dropped), oldest first."""
    by_question: dict[str, FeedbackRecord] = {}
    for r in records:
        key = " ".join((r.searched_as or r.question).lower().split())
        by_question.pop(key, None)  # re-insert, so the order follows the last rating
        by_question[key] = r
    return [r for r in by_question.values() if r.rating != "cleared"]


def case_id(record: FeedbackRecord) -> str:
    key = " ".join((record.searched_as or record.question).lower().split())
    return "fb-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


def to_case(record: FeedbackRecord) -> dict[str, Any]:
    """One question-set line (``evals/README.md`` schema) from a rating; see the module docstring."""
    question = record.searched_as or record.question  # a follow-up is evaluated as the question it stood for
    quotes = [c["quote"] for c in record.citations if c.get("quote")]
    case: dict[str, Any] = {
        "id": case_id(record),
        "question": question,
        "lang": record.language or "en",
        "key_facts": [],
        "evidence": [],
        "answerable": True,
        "tags": ["feedback"],
    }
    if record.rating == "up" and record.abstained:
        case["answerable"] = False  # the reader agrees the corpus does not say: a complete case
        return case
    if record.rating == "up":
        case["evidence"] = quotes
        short = (record.short_answer or {}).get("text")
        if short and short.strip():
            case["key_facts"] = [[short.strip()]]
            case["reference"] = short.strip()
            return case
        case["review"] = (
            "rated up: the quotes are the evidence; write the key facts the answer states (names, amounts, dates)"
        )
    elif record.abstained:
        case["review"] = (
            "rated down on a refusal: the reader thinks the corpus answers; write the key facts and the evidence "
            "sentence, or set answerable to false if it does not"
        )
    else:
        case["review"] = (
            "rated down: this answer was judged wrong; write the key facts a right answer states and the evidence "
            "sentence, or set answerable to false if the corpus does not say"
        )
        case["rated_answer"] = record.answer
    case["tags"].append(NEEDS_KEY_FACTS)
    return case


@dataclass
class ExportResult:
    added: list[dict[str, Any]]
    kept: int
    out: Path
    problems: list[str]

    @property
    def need_review(self) -> int:
        return sum(NEEDS_KEY_FACTS in c.get("tags", []) for c in self.added)


def export(source: Path, out: Path) -> ExportResult:
    """Write the rated questions to ``out`` as evaluation cases.

    An existing ``out`` is kept as it is (a person may have filled in key facts
    there): only questions whose id it does not hold yet are appended.
    """
    source, out = Path(source), Path(out)
    if not source.is_file():
        raise FileNotFoundError(f"no feedback at {source}: rate answers in the chat first (thumbs up or down)")
    records, problems = load(source)
    existing: set[str] = set()
    kept = 0
    if out.exists():
        for lineno, line in enumerate(out.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                existing.add(str(json.loads(line)["id"]))
                kept += 1
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{out} line {lineno} is not a question-set line ({exc}); fix or move it") from exc
    added = [c for c in (to_case(r) for r in latest(records)) if c["id"] not in existing]
    if added:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("a", encoding="utf-8") as fh:
            for case in added:
                fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    return ExportResult(added, kept, out, problems)
