"""SQuAD 2.0 files as a corpus and a question set.

SQuAD 2.0 (Rajpurkar et al., 2018) pairs Wikipedia paragraphs with crowd-written
questions, a third of them written to look answerable from the paragraph beside
them while it does not answer them. That makes it the public yardstick for the
two things the reader must get right on questions nobody tuned it for: picking
the sentence that holds the answer, and refusing near misses.

An article becomes one ``.txt`` document (title line, then its paragraphs
separated by blank lines), so the product ingests it like any news article.
Each question becomes an :class:`EvalItem`: its gold answers are one key fact
(any alternative counts), its evidence is the sentence that holds the first
gold answer, and unanswerable questions have neither.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..text.sentences import sentence_spans
from .datasets import DatasetError, EvalItem


@dataclass(frozen=True)
class SquadArticle:
    title: str
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return self.title + "\n\n" + "\n\n".join(self.paragraphs) + "\n"

    @property
    def filename(self) -> str:
        return re.sub(r"[^\w.-]+", "_", self.title).strip("_")[:80] + ".txt"


@dataclass
class SquadSet:
    articles: list[SquadArticle]
    items: list[EvalItem]
    # Gold short answers by question id (empty for unanswerable questions).
    answers: dict[str, list[str]] = field(default_factory=dict)
    # The article (title) each question was written beside.
    article_of: dict[str, str] = field(default_factory=dict)


def load_squad(path: Path, titles: list[str] | None = None) -> SquadSet:
    """Read a SQuAD 2.0 JSON file; ``titles`` keeps only those articles."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DatasetError(f"{path}: cannot read it as SQuAD JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise DatasetError(f"{path}: not SQuAD 2.0 JSON (no top-level 'data' list)")
    out = SquadSet([], [])
    for a_index, art in enumerate(data["data"]):
        title = _title(art, a_index)
        if titles is not None and title not in titles and art.get("title") not in titles:
            continue
        paragraphs = [_clean(p.get("context", "")) for p in art.get("paragraphs", [])]
        out.articles.append(SquadArticle(title, [p for p in paragraphs if p]))
        for para in art.get("paragraphs", []):
            context = _clean(para.get("context", ""))
            spans = sentence_spans(context, "en")
            for qa in para.get("qas", []):
                out.items.append(_item(qa, context, spans, path))
                out.answers[out.items[-1].id] = list(out.items[-1].key_facts[0]) if out.items[-1].key_facts else []
                out.article_of[out.items[-1].id] = title
    if not out.items:
        raise DatasetError(f"{path}: no questions" + (f" in articles {titles}" if titles else ""))
    return out


def write_corpus(squad: SquadSet, directory: Path) -> list[Path]:
    """One text file per article; an existing identical file is left untouched (so ingest reuses it)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for art in squad.articles:
        p = directory / art.filename
        if not p.is_file() or p.read_text(encoding="utf-8") != art.text:
            p.write_text(art.text, encoding="utf-8")
        paths.append(p)
    return paths


def default_corpus_dir(path: Path, index_dir: Path) -> Path:
    """Where a SQuAD file's articles are written when no corpus directory is given.

    Under the index directory, named after the file and its content, so a
    second run of the same file reuses the first one's files (and embeddings)
    and two different files never share a corpus.
    """
    path = Path(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    return Path(index_dir) / "squad" / f"{path.stem}-{digest}"


def prepare_squad(path: Path, corpus_dir: Path) -> list[EvalItem]:
    """Read a SQuAD 2.0 file and write its articles into ``corpus_dir``: the question set of an evaluation."""
    squad = load_squad(path)
    write_corpus(squad, corpus_dir)
    return squad.items


def _title(art: dict[str, Any], index: int) -> str:
    raw = str(art.get("title") or f"article-{index}")
    return raw.replace("_", " ")


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def _item(qa: dict[str, Any], context: str, spans: list[tuple[int, int]], path: Path) -> EvalItem:
    qid = str(qa.get("id") or "")
    question = str(qa.get("question") or "").strip()
    if not qid or not question:
        raise DatasetError(f"{path}: a question without id or text")
    impossible = bool(qa.get("is_impossible"))
    answers: list[str] = []
    evidence: list[str] = []
    if not impossible:
        for ans in qa.get("answers", []):
            text = " ".join(str(ans.get("text", "")).split())
            if text and text not in answers:
                answers.append(text)
        first = (qa.get("answers") or [{}])[0]
        start = _locate(context, str(first.get("text", "")), first.get("answer_start"))
        if start is not None:
            for s, e in spans:
                if s <= start < e:
                    evidence.append(context[s:e])
                    break
        if not evidence and answers:
            evidence.append(answers[0])
    return EvalItem(
        id=qid,
        question=question,
        lang="en",
        key_facts=[answers] if answers else [],
        evidence=evidence,
        answerable=not impossible and bool(answers),
        reference=answers[0] if answers else None,
        tags=["squad"] + (["unanswerable"] if impossible else []),
        short_answers=answers,
        answer_style="squad",
    )


def _locate(context: str, answer: str, hint: Any) -> int | None:
    """The answer's offset in the whitespace-collapsed context (SQuAD's offsets are in the raw one)."""
    answer = " ".join(answer.split())
    if not answer:
        return None
    positions = [m.start() for m in re.finditer(re.escape(answer), context)]
    if not positions:
        return None
    if isinstance(hint, int):
        return min(positions, key=lambda p: abs(p - hint))
    return positions[0]
