"""Running a question set through a pipeline and scoring every answer.

The result is the content of report.json: a header that says exactly what
was measured (code version, data and corpus hashes, settings), the
aggregates with their intervals, the breakdowns, and one record per
question with what was retrieved, what was answered and why it failed.
"""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..answering.markers import marker_numbers
from ..assistant import Assistant
from ..ingestion.loader import discover
from ..settings import Settings
from ..types import Answer, Passage, ShortAnswer
from . import metrics as M
from .aggregate import aggregate, breakdown
from .datasets import EvalItem, file_sha256, load_dataset, short_answer_gold
from .judge import run_judge
from .squad import default_corpus_dir, prepare_squad
from .systems import System, open_system

REPORT_SCHEMA = 1
Progress = Callable[[int, int], None]
_SECRET_SETTINGS = ("llm_api_key", "ui_auth")
_WARM_UP = "warm-up question for the evaluation"
LATENCY_NOTE = (
    "ask is timed first, then retrieve(question, k); the embedder caches a question's vector, so the "
    "retrieve time adds the query-embedding time that ask measured. One untimed warm-up query runs first."
)


def run_evaluation(
    dataset: Path,
    assistant: Assistant | None = None,
    *,
    corpus: Path | None = None,
    index: Path | None = None,
    pipeline: str = "default",
    k: int = 5,
    judge: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Evaluate ``dataset`` and return the report (the content of report.json).

    With an ``assistant`` its index is evaluated as it is (``corpus``, if given,
    is ingested into it first); without one, ``index`` alone is evaluated
    read-only, and otherwise ``corpus`` (default: the configured corpus) is
    ingested into ``index`` (see ``systems.open_system``). ``progress(done,
    total)`` is called after each question.

    A SQuAD 2.0 ``.json`` file brings its own corpus: its articles are written
    into ``corpus`` (default: a directory under the index directory named after
    the file) and ingested like any corpus.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    dataset = Path(dataset)
    if is_squad_path(dataset):
        settings = assistant.settings if assistant is not None else Settings()
        corpus = Path(corpus) if corpus is not None else default_corpus_dir(dataset, Path(settings.index_dir))
        items = prepare_squad(dataset, corpus)
    else:
        items = load_dataset(dataset)
    system = open_system(pipeline, assistant, corpus, index)
    return evaluate(items, system, dataset=dataset, k=k, judge=judge, progress=progress)


def is_squad_path(path: Path) -> bool:
    """A ``.json`` question set is read as SQuAD 2.0 (JSONL sets end in ``.jsonl``)."""
    return Path(path).suffix.lower() == ".json"


def evaluate(
    items: list[EvalItem],
    system: System,
    *,
    dataset: Path | list[Path],
    k: int = 5,
    judge: bool = False,
    progress: Progress | None = None,
) -> dict[str, Any]:
    started = time.perf_counter()
    doc_texts = _document_texts(system)
    ev_langs = {item.id: evidence_language(item, doc_texts) for item in items}
    with contextlib.suppress(Exception):  # loads catalogs and caches outside the timed calls
        system.retrieve(_WARM_UP, 1)
    records = []
    for i, item in enumerate(items, start=1):
        records.append(score_item(item, system, k, ev_langs[item.id]))
        if progress:
            progress(i, len(items))
    report: dict[str, Any] = {
        "header": header(items, system, dataset, k, doc_texts),
        "aggregates": aggregate(records, k),
        "breakdown": breakdown(records, k),
        "judge": run_judge(records, items, system.settings, judge),
        "questions": records,
    }
    modes = sorted({r["answer"]["mode"] for r in records if r["answer"]})
    report["header"]["answer_modes"] = modes
    report["header"]["seconds"] = round(time.perf_counter() - started, 2)
    return report


# ---------------------------------------------------------------- one item
def score_item(item: EvalItem, system: System, k: int, evidence_lang: str) -> dict[str, Any]:
    errors: list[str] = []
    answer: Answer | None = None
    passages: list[Passage] = []
    latency: dict[str, float | None] = {"ask": None, "retrieve": None}
    t0 = time.perf_counter()
    try:
        answer = system.ask(item.question)
        latency["ask"] = time.perf_counter() - t0
    except Exception as exc:
        errors.append(f"ask: {type(exc).__name__}: {exc}")
    t1 = time.perf_counter()
    try:
        passages = system.retrieve(item.question, k)
        latency["retrieve"] = time.perf_counter() - t1 + (answer.timings.get("embed", 0.0) if answer else 0.0)
    except Exception as exc:
        errors.append(f"retrieve: {type(exc).__name__}: {exc}")

    found = M.evidence_found([p.text for p in passages], item.evidence)
    scores: dict[str, float | None] = {}
    has_evidence = item.answerable and bool(item.evidence)
    scores[f"hit@{k}"] = M.hit_at_k(found, k) if has_evidence else None
    scores["mrr"] = M.reciprocal_rank(found, k) if has_evidence else None
    scores[f"ndcg@{k}"] = M.ndcg_at_k(found, len(item.evidence), k) if has_evidence else None
    scores[f"recall@{k}"] = M.recall_at_k(found, len(item.evidence), k) if has_evidence else None

    text = answer.text if answer else ""
    abstained = answer.abstained if answer else False
    failed = answer is None  # an error is a failure on every metric it enters
    facts: list[bool] = []
    if item.answerable and item.key_facts:
        facts = [False] * len(item.key_facts) if (abstained or failed) else M.facts_stated(text, item.key_facts)
        scores["key_fact_recall"] = M.share(facts)
        scores["all_facts"] = 1.0 if all(facts) else 0.0
    else:
        scores["key_fact_recall"] = scores["all_facts"] = None
    scores["token_f1"] = M.token_f1(text, item.reference) if item.reference else None
    short = answer.short_answer if answer is not None and not abstained else None
    gold = short_answer_gold(item)
    if gold is None:
        scores["short_answer_em"] = scores["short_answer_f1"] = None
    else:
        em, f1 = M.short_answer_scores(
            short.text if short else None, gold, item.answerable, abstained and not failed, item.answer_style
        )
        scores["short_answer_em"], scores["short_answer_f1"] = em, f1

    citations = []
    for c in answer.citations if answer else []:
        valid = M.quote_is_valid(c.quote, c.start, c.end, system.document_text(c.doc_id))
        relevant = (
            M.quote_is_relevant(c.quote, item.evidence, item.key_facts)
            if item.answerable and (item.evidence or item.key_facts)
            else None
        )
        citations.append(
            {
                "n": c.n,
                "doc_id": c.doc_id,
                "title": c.title,
                "source": c.source,
                "published": c.published,
                "language": c.language,
                "start": c.start,
                "end": c.end,
                "quote": c.quote,
                "valid": valid,
                "relevant": relevant,
            }
        )
    scores["validity"] = M.share([c["valid"] for c in citations])
    rel_flags = [c["relevant"] for c in citations if c["relevant"] is not None]
    scores["relevance"] = M.share(rel_flags)
    scores["coverage"] = M.citation_coverage(text) if answer and not abstained else None
    scores["invalid_markers"] = M.invalid_marker_rate(text, [c["n"] for c in citations])
    if item.answerable:
        scores["false_refusal"] = 1.0 if (abstained or failed) else 0.0
        scores["abstained_correctly"] = None
    else:
        scores["abstained_correctly"] = 1.0 if (abstained and not failed) else 0.0
        scores["false_refusal"] = None

    return {
        "id": item.id,
        "question": item.question,
        "lang": item.lang,
        "evidence_lang": evidence_lang,
        "answerable": item.answerable,
        "tags": item.tags,
        "key_facts": item.key_facts,
        "evidence": item.evidence,
        "reference": item.reference,
        "retrieved": [
            _passage_record(p, rank, f) for rank, (p, f) in enumerate(zip(passages, found, strict=True), start=1)
        ],
        "answer": _answer_record(answer, system) if answer else None,
        "short_answer_gold": gold,
        "facts_stated": facts,
        "citations": citations,
        "markers": marker_numbers(text),
        "scores": scores,
        "latency": latency,
        "failures": failure_tags(item, scores, citations, errors, k, short, system),
        "errors": errors,
    }


def failure_tags(
    item: EvalItem,
    scores: dict[str, float | None],
    citations: list[dict[str, Any]],
    errors: list[str],
    k: int,
    short: ShortAnswer | None = None,
    system: System | None = None,
) -> list[str]:
    tags = []
    if errors:
        tags.append("error")
    if scores.get(f"hit@{k}") == 0.0:
        tags.append("missed_retrieval")
    if scores.get("key_fact_recall") is not None and scores["key_fact_recall"] < 1.0:
        tags.append("missing_fact")
    short_invalid = short is not None and system is not None and not short_answer_is_valid(short, system)
    if any(not c["valid"] for c in citations) or (scores.get("invalid_markers") or 0.0) > 0 or short_invalid:
        tags.append("bad_citation")
    if item.answerable and scores.get("short_answer_em") == 0.0:
        tags.append("wrong_short_answer")
    if scores.get("relevance") == 0.0:
        tags.append("irrelevant_citation")
    if scores.get("coverage") is not None and scores["coverage"] < 1.0:
        tags.append("uncited_claim")
    if scores.get("false_refusal") == 1.0:
        tags.append("false_refusal")
    if scores.get("abstained_correctly") == 0.0:
        tags.append("missed_abstention")
    return tags


def _passage_record(p: Passage, rank: int, found: set[int]) -> dict[str, Any]:
    md = p.metadata
    return {
        "rank": rank,
        "doc_id": p.doc_id,
        "chunk_id": p.chunk_id,
        "start": p.start,
        "end": p.end,
        "score": p.score,
        "title": md.get("title"),
        "source": md.get("source"),
        "published": md.get("published"),
        "language": md.get("language"),
        "relevant": bool(found),
        "evidence_found": sorted(found),
        "text": p.text,
    }


def short_answer_is_valid(short: ShortAnswer, system: System) -> bool:
    """The short answer is its document's text at its offsets, like a quote."""
    return M.quote_is_valid(short.text, short.start, short.end, system.document_text(short.doc_id))


def _answer_record(a: Answer, system: System) -> dict[str, Any]:
    short = a.short_answer
    return {
        "text": a.text,
        "short_answer": (
            {**short.to_dict(), "valid": short_answer_is_valid(short, system)} if short is not None else None
        ),
        "abstained": a.abstained,
        "mode": a.mode,
        "language": a.language,
        "notice": a.notice,
        "timings": {key: round(v, 4) for key, v in a.timings.items()},
    }


# ------------------------------------------------------------- languages
def _document_texts(system: System) -> dict[str, tuple[str | None, str]]:
    """doc_id -> (language, normalised text), for telling which language the evidence is in."""
    out = {}
    for doc_id, lang in system.documents():
        text = system.document_text(doc_id)
        if text is not None:
            out[doc_id] = (lang, M.normalise(text))
    return out


def evidence_language(item: EvalItem, doc_texts: dict[str, tuple[str | None, str]]) -> str:
    """The language of the documents holding the evidence: en, fr, mixed, none, or unknown."""
    if not item.answerable or not item.evidence:
        return "none"
    wanted = [M.normalise(e) for e in item.evidence]
    langs = {lang or "unknown" for lang, text in doc_texts.values() if any(e in text for e in wanted)}
    if not langs:
        return "unknown"
    return langs.pop() if len(langs) == 1 else "mixed"


# ----------------------------------------------------------------- header
def header(
    items: list[EvalItem],
    system: System,
    dataset: Path | list[Path],
    k: int,
    doc_texts: dict[str, tuple[str | None, str]],
) -> dict[str, Any]:
    settings = system.settings
    described = system.describe()
    corpus = getattr(system, "corpus", None)
    dumped = settings.model_dump(mode="json")
    for key in _SECRET_SETTINGS:
        if dumped.get(key):
            dumped[key] = "(set)"
    return {
        "schema": REPORT_SCHEMA,
        "tool": "rag eval",
        "rag_version": __version__,
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": git_state(),
        "dataset": {
            **dataset_identity(dataset),
            "questions": len(items),
            "answerable": sum(1 for i in items if i.answerable),
            "unanswerable": sum(1 for i in items if not i.answerable),
        },
        "corpus": corpus_fingerprint(Path(corpus)) if corpus else None,
        "index_documents_sha256": hashlib.sha256("\n".join(sorted(doc_texts)).encode()).hexdigest(),
        "pipeline": described,
        "k": k,
        "embedder": described.get("embedder"),
        "llm": settings.llm_model if settings.llm_configured else None,
        "settings": dumped,
        "latency_note": LATENCY_NOTE,
    }


def dataset_identity(dataset: Path | list[Path]) -> dict[str, Any]:
    """Path, name and hash of the question set; several files (the test part) are named and hashed together."""
    paths = [Path(p) for p in dataset] if isinstance(dataset, list) else [Path(dataset)]
    if len(paths) == 1:
        return {"path": str(paths[0]), "name": paths[0].stem, "sha256": file_sha256(paths[0])}
    hashes = [file_sha256(p) for p in paths]
    return {
        "path": ", ".join(str(p) for p in paths),
        "name": "+".join(p.stem for p in paths),
        "sha256": hashlib.sha256("\n".join(hashes).encode()).hexdigest(),
        "files": [{"path": str(p), "sha256": h} for p, h in zip(paths, hashes, strict=True)],
    }


def corpus_fingerprint(corpus: Path) -> dict[str, Any]:
    """A hash over the corpus files (relative names and bytes) that ingestion would read."""
    files, _ = discover([corpus])
    root = corpus.resolve()
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(str(f.relative_to(root)).encode())
        h.update(b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return {"path": str(corpus), "sha256": h.hexdigest(), "files": len(files)}


def git_state() -> dict[str, Any]:
    repo = Path(__file__).resolve().parents[2]
    try:
        commit = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit or None, "dirty": bool(dirty)}
