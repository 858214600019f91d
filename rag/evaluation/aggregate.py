"""From per-question scores to the report's numbers, overall and by group.

Each metric is declared once (name, section, which direction is better,
unit), so the terminal table, the Markdown, the HTML and the ``--fail-under``
gate agree on what a name means and whether a rise is good news.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .stats import Statistic, mean, percentile, summarise


@dataclass(frozen=True)
class Metric:
    key: str
    section: str
    higher_is_better: bool
    description: str
    unit: str = "share"  # share (0-1) or seconds
    stat: Statistic = mean
    source: str = ""  # the per-question score (scores[...] or latency[...]) it summarises


def metric_catalog(k: int) -> list[Metric]:
    return [
        Metric(f"hit@{k}", "retrieval", True, f"a relevant passage in the top {k}", source=f"hit@{k}"),
        Metric("mrr", "retrieval", True, f"reciprocal rank of the first relevant passage (top {k})", source="mrr"),
        Metric(f"ndcg@{k}", "retrieval", True, "binary-relevance nDCG", source=f"ndcg@{k}"),
        Metric(f"recall@{k}", "retrieval", True, "share of evidence strings found", source=f"recall@{k}"),
        Metric("key_fact_recall", "answers", True, "share of key facts stated", source="key_fact_recall"),
        Metric("all_facts", "answers", True, "answers stating every key fact", source="all_facts"),
        Metric("token_f1", "answers", True, "token F1 against the reference answer", source="token_f1"),
        Metric(
            "short_answer_f1",
            "answers",
            True,
            "SQuAD token F1 of the short answer (unanswerable: 1 if abstained)",
            source="short_answer_f1",
        ),
        Metric(
            "short_answer_em",
            "answers",
            True,
            "SQuAD exact match of the short answer (unanswerable: 1 if abstained)",
            source="short_answer_em",
        ),
        Metric(
            "citation_validity", "citations", True, "quotes equal to the document at their offsets", source="validity"
        ),
        Metric("citation_relevance", "citations", True, "quotes holding evidence or a key fact", source="relevance"),
        Metric("citation_coverage", "citations", True, "claim sentences with a [n] marker", source="coverage"),
        Metric("invalid_marker_rate", "citations", False, "markers pointing at no source", source="invalid_markers"),
        Metric(
            "abstention_accuracy", "abstention", True, "unanswerable questions declined", source="abstained_correctly"
        ),
        Metric("false_refusal_rate", "abstention", False, "answerable questions declined", source="false_refusal"),
        Metric("ask_p50", "latency", False, "median ask time", "seconds", percentile(50), "ask"),
        Metric("ask_p95", "latency", False, "95th percentile ask time", "seconds", percentile(95), "ask"),
        Metric("retrieve_p50", "latency", False, "median retrieve time", "seconds", percentile(50), "retrieve"),
        Metric(
            "retrieve_p95", "latency", False, "95th percentile retrieve time", "seconds", percentile(95), "retrieve"
        ),
    ]


def metric_keys(k: int) -> list[str]:
    return [m.key for m in metric_catalog(k)]


def aggregate(records: list[dict[str, Any]], k: int) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for m in metric_catalog(k):
        if m.section == "latency":
            values = [r["latency"].get(m.source) for r in records]
        else:
            values = [r["scores"].get(m.source) for r in records]
        summary = summarise(values, m.stat)
        summary.update(
            section=m.section,
            higher_is_better=m.higher_is_better,
            unit=m.unit,
            description=m.description,
        )
        out[m.key] = summary
    return out


def breakdown(records: list[dict[str, Any]], k: int) -> dict[str, dict[str, Any]]:
    """The metrics within each group: question × evidence language, answerability, tag."""
    return {
        "language": _grouped(records, k, lambda r: [f"{r['lang']}→{r['evidence_lang']}"]),
        "answerable": _grouped(records, k, lambda r: ["answerable" if r["answerable"] else "unanswerable"]),
        "tag": _grouped(records, k, lambda r: r.get("tags") or ["(untagged)"]),
    }


def _grouped(records: list[dict[str, Any]], k: int, keys: Callable[[dict[str, Any]], Iterable[str]]) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        for key in keys(r):
            groups.setdefault(key, []).append(r)
    return {
        name: {"n_questions": len(members), "metrics": _compact(aggregate(members, k))}
        for name, members in sorted(groups.items())
    }


def _compact(metrics: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    # A group's table repeats the descriptions of the main one; keep only the numbers.
    return {key: {"value": m["value"], "n": m["n"], "ci": m["ci"]} for key, m in metrics.items() if m["n"]}
