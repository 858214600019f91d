"""LLM-judged faithfulness and correctness: an optional extra, reported apart.

String matching cannot tell a paraphrase that is right from one that is
wrong, so with an LLM configured a judge grades each answer. Its numbers
depend on the judge model, which is why they sit in their own section that
names the model, and never feed the deterministic metrics or the gate.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..settings import Settings
from .datasets import EvalItem
from .stats import summarise

MAX_PASSAGE_CHARS = 1500
MAX_PASSAGES = 5

FAITHFULNESS_PROMPT = """You check whether an answer is supported by its sources.
Sources:
{sources}

Answer:
{answer}

Is every factual claim of the answer stated or directly implied by the sources? Sources may be in another
language than the answer. Score 1 if all claims are supported, 0 if the main claim is not, and a value in
between for partial support. Reply with JSON only: {{"score": <number from 0 to 1>, "reason": "<one sentence>"}}"""

CORRECTNESS_PROMPT = """You grade an answer to a question about a news corpus.
Question: {question}
What a correct answer says: {expected}

Answer to grade:
{answer}

Score 1 if the answer gives the expected information (in any language or wording), 0 if it does not or
contradicts it, and a value in between if it is partly right. Reply with JSON only:
{{"score": <number from 0 to 1>, "reason": "<one sentence>"}}"""

UNANSWERABLE_EXPECTATION = (
    "The corpus does not contain the answer; a correct reply says that the sources do not say, without inventing one."
)


def not_run(reason: str) -> dict[str, Any]:
    return {"status": "not_run", "model": None, "reason": reason, "metrics": {}}


def run_judge(records: list[dict[str, Any]], items: list[EvalItem], settings: Settings, enabled: bool) -> dict:
    if not enabled:
        return not_run("not requested (run with --judge and an LLM configured)")
    try:
        from ..llm.client import get_llm
    except ImportError:
        return not_run("no LLM client in this installation (rag.llm.client is missing)")
    llm = get_llm(settings)
    if llm is None:
        return not_run("no LLM configured (set RAG_LLM_MODEL and RAG_LLM_BASE_URL or RAG_LLM_API_KEY)")
    by_id = {i.id: i for i in items}
    errors: list[str] = []
    for rec in records:
        rec["judge"] = judge_record(rec, by_id[rec["id"]], llm, errors)
    faithfulness = [r["judge"]["faithfulness"] for r in records]
    correctness = [r["judge"]["correctness"] for r in records]
    return {
        "status": "run",
        "model": llm.model,
        "reason": None,
        "metrics": {
            "faithfulness": {
                **summarise(faithfulness),
                "description": "answers whose claims the cited or retrieved passages support (judged)",
            },
            "correctness": {
                **summarise(correctness),
                "description": "answers that give the expected information (judged)",
            },
        },
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
    }


def judge_record(rec: dict[str, Any], item: EvalItem, llm: Any, errors: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"faithfulness": None, "correctness": None, "reasons": {}}
    answer = rec.get("answer")
    if answer is None:
        return out
    if not answer["abstained"]:
        sources = [f"[{c['n']}] {c['quote']}" for c in rec["citations"]]
        sources += [p["text"][:MAX_PASSAGE_CHARS] for p in rec["retrieved"][:MAX_PASSAGES]]
        prompt = FAITHFULNESS_PROMPT.format(sources="\n\n".join(sources) or "(none)", answer=answer["text"])
        out["faithfulness"], out["reasons"]["faithfulness"] = _grade(llm, prompt, errors, rec["id"])
    expected = _expectation(item)
    prompt = CORRECTNESS_PROMPT.format(question=item.question, expected=expected, answer=answer["text"])
    out["correctness"], out["reasons"]["correctness"] = _grade(llm, prompt, errors, rec["id"])
    return out


def _expectation(item: EvalItem) -> str:
    if not item.answerable:
        return UNANSWERABLE_EXPECTATION
    facts = "; ".join(" / ".join(f) for f in item.key_facts)
    if item.reference and facts:
        return f"{item.reference} (key facts: {facts})"
    return item.reference or facts or "(no reference given)"


def _grade(llm: Any, prompt: str, errors: list[str], item_id: str) -> tuple[float | None, str | None]:
    try:
        reply = llm.complete([{"role": "user", "content": prompt}], temperature=0.0, max_tokens=200)
    except Exception as exc:  # one failed call must not sink the run; it is counted
        errors.append(f"{item_id}: {type(exc).__name__}: {exc}")
        return None, None
    parsed = parse_grade(reply)
    if parsed is None:
        errors.append(f"{item_id}: unreadable judge reply {reply[:80]!r}")
        return None, None
    return parsed


def parse_grade(reply: str) -> tuple[float, str | None] | None:
    """(score in 0-1, reason) from a judge's reply, tolerating prose or code fences around the JSON."""
    match = re.search(r"\{.*\}", reply or "", re.DOTALL)
    if match:
        try:
            data = json.loads(match.group(0))
            score = float(data["score"])
            return min(1.0, max(0.0, score)), str(data.get("reason") or "") or None
        except (ValueError, KeyError, TypeError):
            pass
    loose = re.search(r"score\"?\s*[:=]\s*([01](?:\.\d+)?)", reply or "")
    if loose:
        return float(loose.group(1)), None
    return None
