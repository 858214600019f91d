"""The Evaluation tab: run a question set from ``evals/`` on this index, or open a saved report.

It shows what ``rag eval`` writes, rendered by the evaluation suite itself
(its metrics table and SVG charts), so the page and the report files cannot
disagree. The suite's HTML is shown in a sandboxed frame: it quotes corpus
text and answers, and nothing in it may run or reach the page around it.
Each run is saved like ``rag eval --out`` does, so it can be reopened later
or used as the baseline of the next run.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from .service import Service

log = logging.getLogger(__name__)

TABLE_HEADERS = ["section", "metric", "what it measures", "value", "95% interval", "n", "baseline", "change", "verdict"]

# What each metric means for someone reading the table, in the words of evals/README.md
# (where the exact definitions are). "{k}" is the number of passages scored.
METRIC_HELP: dict[str, str] = {
    "hit@k": "Questions where a passage holding the evidence is among the first {k} retrieved.",
    "mrr": "How high the first passage holding the evidence ranks: 1 when first, 0.5 when second, 0 when not "
    "in the first {k}.",
    "ndcg@k": "Ranking quality of the first {k} passages: 1 when every passage holding evidence comes before "
    "the others.",
    "recall@k": "Share of the expected evidence found in the first {k} passages.",
    "key_fact_recall": "Share of the expected key facts (names, amounts, dates) the answer states.",
    "all_facts": "Answers that state every expected key fact.",
    "token_f1": "Word overlap between the answer and a reference answer (0 to 1).",
    "short_answer_f1": "Word overlap between the short answer put first and the expected one (0 to 1); "
    "a question the corpus cannot answer scores 1 when the assistant said so.",
    "short_answer_em": "Short answers that are exactly the expected one (after removing case, punctuation and "
    "articles); a question the corpus cannot answer counts when the assistant said so.",
    "citation_validity": "Quotes that are exactly the article's text at the cited place (1 = every quote checks).",
    "citation_relevance": "Quotes that hold the evidence or a key fact; an on-topic but unneeded quote counts "
    "against, so good answers score well below 1.",
    "citation_coverage": "Claim sentences of the answer that carry a [n] citation.",
    "invalid_marker_rate": "Citation markers that point at no source. Lower is better.",
    "abstention_accuracy": "Questions the corpus cannot answer on which the assistant said so.",
    "false_refusal_rate": "Questions the corpus does answer on which the assistant said it could not. Lower is better.",
    "ask_p50": "Median time to answer a question, in seconds. Lower is better.",
    "ask_p95": "Time within which 95% of questions were answered, in seconds. Lower is better.",
    "retrieve_p50": "Median time to find the passages for a question, in seconds. Lower is better.",
    "retrieve_p95": "Time within which 95% of searches finished, in seconds. Lower is better.",
    "faithfulness": "LLM judge: share of the answer's claims supported by its passages.",
    "correctness": "LLM judge: whether the answer gives the reference answer's information (or rightly declines).",
}


def metric_help(key: str, k: int | None, fallback: str = "") -> str:
    """The plain-words meaning of a metric key such as ``hit@5``; the report's own short text otherwise."""
    family = key.split("@", 1)[0] + "@k" if "@" in key else key
    text = METRIC_HELP.get(family)
    if text is None:
        return fallback
    shown_k = key.split("@", 1)[1] if "@" in key else (str(k) if k else "k")
    return text.replace("{k}", shown_k)


def metrics_help_markdown() -> str:
    """The legend under the table: every metric, what it measures, and where the exact definitions are."""
    lines = [
        "Every value is a share between 0 and 1 unless it says seconds; higher is better unless it says lower. "
        "**k** is the number of passages scored, **n** how many questions a metric applies to, and the **95% interval** is the range the value "
        "would likely fall in on other questions of the same kind.",
        "",
    ]
    for key in METRIC_HELP:
        lines.append(f"- **{key}**: {metric_help(key, None)}")
    lines.append("")
    lines.append("Exact definitions: `evals/README.md`, section *What is measured*.")
    return "\n".join(lines)


@dataclass
class EvaluationTab:
    dataset: gr.Dropdown
    k: gr.Slider
    baseline: gr.Dropdown
    run: gr.Button
    saved: gr.Dropdown
    open: gr.Button
    summary: gr.Markdown
    table: gr.Dataframe
    report: gr.HTML
    refresh: Callable[[], tuple[Any, Any]]  # new choices for the saved-report lists (reports written elsewhere)


def _suite() -> Any:
    """The evaluation suite, or None in a build without it (the tab then says so)."""
    try:
        from ..evaluation import report, runner
    except ImportError:
        return None
    return runner, report


def list_datasets(evals_dir: Path) -> list[str]:
    return sorted(p.name for p in evals_dir.glob("*.jsonl") if p.is_file()) if evals_dir.is_dir() else []


def list_reports(reports_dir: Path) -> list[tuple[str, str]]:
    if not reports_dir.is_dir():
        return []
    found = sorted(reports_dir.glob("**/report.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    return [(str(p.parent.relative_to(reports_dir)), str(p.relative_to(reports_dir))) for p in found]


def inside(base: Path, name: str) -> Path:
    """``base/name``, refusing names that climb out of ``base`` (the choice comes from the browser)."""
    path = (base / name).resolve()
    if not path.is_relative_to(base.resolve()):
        raise gr.Error(f"{name!r} is not inside {base}")
    return path


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f} s" if unit == "seconds" else f"{value:.3f}"


def metrics_table(rows: list[dict[str, Any]], k: int | None = None) -> list[list[Any]]:
    out = []
    for r in rows:
        ci = r.get("ci")
        out.append(
            [
                r["section"],
                r["key"],
                metric_help(r["key"], k, r.get("description", "")),
                _fmt(r["value"], r["unit"]),
                f"{_fmt(ci[0], r['unit'])} – {_fmt(ci[1], r['unit'])}" if ci else "",
                r["n"],
                _fmt(r["baseline"], r["unit"]) if r["baseline"] is not None else "",
                r["delta_text"],
                r["verdict"],
            ]
        )
    return out


def framed(report_html: str) -> str:
    # sandbox without allow-scripts: nothing in it runs, no forms, no navigation of the page around it.
    # allow-same-origin (safe without scripts) keeps it in the page's process, so it paints like the page.
    return (
        '<iframe class="rn-report" sandbox="allow-same-origin" title="evaluation report" '
        f'srcdoc="{html.escape(report_html, quote=True)}" '
        'style="width:100%;height:900px;border:1px solid var(--border-color-primary);border-radius:6px;background:#fff">'
        "</iframe>"
    )


def summary_markdown(report: dict[str, Any], saved_to: Path | None) -> str:
    h = report.get("header", {})
    ds = h.get("dataset", {})
    modes = ", ".join(h.get("answer_modes") or []) or "?"
    lines = [
        f"**{ds.get('name', '?')}**: {ds.get('questions', '?')} questions "
        f"({ds.get('answerable', '?')} answerable, {ds.get('unanswerable', '?')} not), k={h.get('k')}, "
        f"answers: {modes}, run {h.get('timestamp', '?')}"
        + (f" in {h['seconds']:.1f} s" if isinstance(h.get("seconds"), (int, float)) else "")
    ]
    if saved_to is not None:
        lines.append(f"Saved to `{saved_to}` (report.json, report.md, report.html).")
    return "  \n".join(lines)


def build_evaluation_tab(service: Service) -> EvaluationTab | None:
    settings = service.settings
    evals_dir = Path(settings.ui_evals_dir)
    reports_dir = Path(settings.ui_reports_dir)
    suite = _suite()
    if suite is None:
        gr.Markdown("The evaluation suite (`rag.evaluation`) is not part of this build.")
        return None
    runner, report_mod = suite

    gr.Markdown(
        "Run a question set on the index this page serves, or open a report saved earlier. "
        f"Question sets are the `.jsonl` files in `{evals_dir.resolve()}`; "
        f"reports are saved under `{reports_dir.resolve()}`."
    )
    datasets = list_datasets(evals_dir)
    with gr.Row():
        dataset = gr.Dropdown(
            datasets, value=datasets[0] if datasets else None, label="Question set", elem_id="rn-eval-dataset"
        )
        k = gr.Slider(1, 20, value=5, step=1, label="k (passages scored for retrieval)", elem_id="rn-eval-k")
        baseline = gr.Dropdown(
            list_reports(reports_dir),
            value=None,
            label="Compare with a saved report (optional)",
            elem_id="rn-eval-base",
        )
    with gr.Row():
        run = gr.Button("Run the evaluation", variant="primary", elem_id="rn-eval-run")
        saved = gr.Dropdown(list_reports(reports_dir), value=None, label="Saved report", elem_id="rn-eval-saved")
        open_ = gr.Button("Open the saved report", elem_id="rn-eval-open")
    # The run's one progress bar: without a place of its own Gradio draws it over every output.
    progress_box = gr.HTML("", elem_id="rn-eval-progress", min_height=64)
    summary = gr.Markdown(elem_id="rn-eval-summary")
    table = gr.Dataframe(
        headers=TABLE_HEADERS,
        interactive=False,
        wrap=True,
        label="Metrics",
        elem_id="rn-eval-table",
        column_widths=["8%", "11%", "33%", "8%", "12%", "5%", "8%", "8%", "7%"],
    )
    with gr.Accordion("What the metrics mean", open=False, elem_id="rn-eval-help"):
        gr.Markdown(metrics_help_markdown())
    report_view = gr.HTML(elem_id="rn-eval-report", js_on_load=None)

    def load_baseline(name: str | None) -> dict[str, Any] | None:
        if not name:
            return None
        try:
            return report_mod.load_report(inside(reports_dir, name))
        except (OSError, ValueError) as exc:
            raise gr.Error(f"Cannot read the baseline: {exc}") from exc

    def show(report: dict[str, Any], base: dict[str, Any] | None, saved_to: Path | None) -> tuple[Any, ...]:
        rows = report_mod.metric_rows(report, base)
        choices = list_reports(reports_dir)
        return (
            summary_markdown(report, saved_to),
            metrics_table(rows, report.get("header", {}).get("k")),
            framed(report_mod.render_html(report, base)),
            gr.Dropdown(choices=choices),
            gr.Dropdown(choices=choices),
        )

    def do_run(name: str | None, k_value: float, base_name: str | None, progress: gr.Progress = gr.Progress()):  # noqa: B008
        if not name:
            raise gr.Error(f"No question set chosen (none found in {evals_dir}).")
        path = inside(evals_dir, name)
        status = service.status()
        if status.empty:
            raise gr.Error("The index is empty: index the corpus before evaluating.")
        base = load_baseline(base_name)
        progress((0, None), desc="starting")
        try:
            report = runner.run_evaluation(
                path,
                service.assistant,
                k=int(k_value),
                progress=lambda done, total: progress((done, total), desc="questions", unit="questions"),
            )
        except (ValueError, FileNotFoundError) as exc:
            raise gr.Error(str(exc)) from exc
        except Exception as exc:
            log.exception("evaluation failed")
            raise gr.Error(f"The evaluation failed: {type(exc).__name__}: {exc}") from exc
        out = reports_dir / f"{time.strftime('%Y%m%d-%H%M%S')}-{Path(name).stem}-ui"
        try:
            report_mod.write_reports(report, out, base)
        except OSError as exc:
            log.warning("could not save the report to %s: %s", out, exc)
            out = None
        return show(report, base, out)

    def do_open(name: str | None, base_name: str | None):
        if not name:
            raise gr.Error("Pick a saved report first.")
        try:
            report = report_mod.load_report(inside(reports_dir, name))
        except (OSError, ValueError) as exc:
            raise gr.Error(str(exc)) from exc
        return show(report, load_baseline(base_name), None)

    def refresh() -> tuple[Any, Any]:
        choices = list_reports(reports_dir)
        return gr.Dropdown(choices=choices), gr.Dropdown(choices=choices)

    outputs = [summary, table, report_view, saved, baseline]
    once = {"concurrency_id": "evaluation", "concurrency_limit": 1, "show_progress_on": [progress_box]}
    run.click(do_run, [dataset, k, baseline], outputs, **once)
    open_.click(do_open, [saved, baseline], outputs, **once)
    return EvaluationTab(dataset, k, baseline, run, saved, open_, summary, table, report_view, refresh)
