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

TABLE_HEADERS = ["section", "metric", "value", "95% interval", "n", "baseline", "change", "verdict"]


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


def metrics_table(rows: list[dict[str, Any]]) -> list[list[Any]]:
    out = []
    for r in rows:
        ci = r.get("ci")
        out.append(
            [
                r["section"],
                r["key"],
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
    summary = gr.Markdown(elem_id="rn-eval-summary")
    table = gr.Dataframe(headers=TABLE_HEADERS, interactive=False, wrap=True, label="Metrics", elem_id="rn-eval-table")
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
            metrics_table(rows),
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
    run.click(do_run, [dataset, k, baseline], outputs, concurrency_id="evaluation", concurrency_limit=1)
    open_.click(do_open, [saved, baseline], outputs, concurrency_id="evaluation", concurrency_limit=1)
    return EvaluationTab(dataset, k, baseline, run, saved, open_, summary, table, report_view, refresh)
