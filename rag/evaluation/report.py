"""The report in three forms: Markdown for reviews, HTML for people, a terminal table.

All three read the same report dict (the content of report.json), so they
cannot disagree. A baseline report, usually the naive pipeline's or the
previous commit's, adds a delta to every metric it shares.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from . import svg

MAX_FAILURES_SHOWN = 200
SNIPPET = 280


# ------------------------------------------------------------------ helpers
def _fmt(value: float | None, unit: str = "share") -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}s" if unit == "seconds" else f"{value:.3f}"


def _ci(ci: list[float] | None, unit: str = "share") -> str:
    if not ci:
        return ""
    return f"{_fmt(ci[0], unit)}–{_fmt(ci[1], unit)}"


def _delta(m: dict[str, Any], base: dict[str, Any] | None) -> tuple[str, float | None]:
    if not base or base.get("value") is None or m.get("value") is None:
        return "", None
    d = m["value"] - base["value"]
    if m.get("unit") == "seconds":
        return f"{d:+.3f}s", d
    return f"{d:+.3f}", d


def _verdict(m: dict[str, Any], d: float | None) -> str:
    if d is None or abs(d) < 5e-4:
        return ""
    return "better" if (d > 0) == m.get("higher_is_better", True) else "worse"


def metric_rows(report: dict, baseline: dict | None) -> list[dict[str, Any]]:
    """One row per metric: the numbers every rendering shows, with the baseline's."""
    base_aggs = (baseline or {}).get("aggregates", {})
    rows = []
    for key, m in report["aggregates"].items():
        base = base_aggs.get(key)
        delta_text, d = _delta(m, base)
        rows.append(
            {
                "key": key,
                "section": m.get("section", ""),
                "unit": m.get("unit", "share"),
                "higher_is_better": m.get("higher_is_better", True),
                "description": m.get("description", ""),
                "value": m.get("value"),
                "ci": m.get("ci"),
                "n": m.get("n", 0),
                "baseline": base.get("value") if base else None,
                "delta": d,
                "delta_text": delta_text,
                "verdict": _verdict(m, d),
            }
        )
    return rows


def describe_run(report: dict) -> str:
    h = report["header"]
    p = h.get("pipeline") or {}
    return f"{h['dataset']['name']} · {p.get('pipeline', '?')} pipeline · k={h.get('k')}"


def _commit(h: dict) -> str:
    git = h.get("git") or {}
    if not git.get("commit"):
        return "unknown commit"
    return git["commit"][:10] + (" (uncommitted changes)" if git.get("dirty") else "")


def baseline_warnings(report: dict, baseline: dict | None) -> list[str]:
    """Reasons a delta may compare unlike things (another dataset, corpus or k)."""
    if not baseline:
        return []
    h, b = report["header"], baseline.get("header", {})
    out = []
    if h["dataset"].get("sha256") != (b.get("dataset") or {}).get("sha256"):
        out.append("the baseline was run on a different dataset")
    if h.get("index_documents_sha256") != b.get("index_documents_sha256"):
        out.append("the baseline indexed a different set of documents")
    if h.get("k") != b.get("k"):
        out.append(f"the baseline used k={b.get('k')}, this run k={h.get('k')}")
    return out


def failing(report: dict) -> list[dict[str, Any]]:
    return [q for q in report["questions"] if q["failures"]]


# ----------------------------------------------------------------- markdown
def render_markdown(report: dict, baseline: dict | None = None) -> str:
    h = report["header"]
    lines = [f"# Evaluation: {describe_run(report)}", ""]
    lines += [f"- {line}" for line in _header_lines(h)]
    if baseline:
        lines.append(
            f"- Baseline: {describe_run(baseline)}, {_commit(baseline['header'])}, {baseline['header']['timestamp']}"
        )
        lines += [f"- **Warning:** {w}" for w in baseline_warnings(report, baseline)]
    lines += ["", "## Metrics", ""]
    lines.append("| section | metric | value | 95% CI | n | baseline | Δ |")
    lines.append("|---|---|---:|---|---:|---:|---:|")
    for r in metric_rows(report, baseline):
        delta = r["delta_text"] + (f" ({r['verdict']})" if r["verdict"] else "")
        lines.append(
            f"| {r['section']} | {r['key']} | {_fmt(r['value'], r['unit'])} | {_ci(r['ci'], r['unit'])} | {r['n']} "
            f"| {_fmt(r['baseline'], r['unit']) if r['baseline'] is not None else ''} | {delta} |"
        )
    lines += ["", "Shares are 0–1; latency is in seconds. Lower is better for invalid_marker_rate, "]
    lines[-1] += "false_refusal_rate and latency. " + h.get("latency_note", "")
    lines += ["", "## LLM judge", "", *_judge_markdown(report.get("judge") or {})]
    for name, title in (("language", "question language → evidence language"), ("answerable", "answerability")):
        lines += ["", f"## By {title}", "", *_breakdown_markdown(report["breakdown"].get(name, {}))]
    fails = failing(report)
    lines += ["", f"## Failing questions ({len(fails)} of {len(report['questions'])})", ""]
    counts = _failure_counts(report)
    if counts:
        lines.append("Failure tags: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        lines.append("")
    for q in fails[:MAX_FAILURES_SHOWN]:
        lines += _failure_markdown(q)
    if len(fails) > MAX_FAILURES_SHOWN:
        lines.append(f"… and {len(fails) - MAX_FAILURES_SHOWN} more in report.json")
    return "\n".join(lines).rstrip() + "\n"


def _header_lines(h: dict) -> list[str]:
    d, c, p = h["dataset"], h.get("corpus"), h.get("pipeline") or {}
    out = [
        f"Dataset `{d['path']}`: {d['questions']} questions ({d['answerable']} answerable, "
        f"{d['unanswerable']} unanswerable), sha256 {d['sha256'][:12]}",
    ]
    if h.get("sample"):
        sm = h["sample"]
        out.append(f"A sample of {sm['questions']} of its {sm['of']} questions (seed {sm['seed']})")
    if c:
        out.append(f"Corpus `{c['path']}`: {c['files']} files, sha256 {c['sha256'][:12]}")
    out.append(
        f"Pipeline {p.get('pipeline')}: {p.get('description', '')}; index {p.get('documents')} documents, "
        f"{p.get('chunks')} chunks at `{p.get('index')}`"
    )
    out.append(f"Embedder {h.get('embedder')}; LLM {h.get('llm') or 'none'}; answer modes {h.get('answer_modes')}")
    out.append(f"Code {_commit(h)} (rag {h.get('rag_version')}); run {h['timestamp']}, {h.get('seconds')} s")
    return out


def _judge_markdown(judge: dict) -> list[str]:
    if judge.get("status") != "run":
        return [f"LLM-judged faithfulness and correctness were not run: {judge.get('reason', 'not requested')}."]
    out = [f"Judge model: **{judge['model']}** ({judge.get('errors', 0)} failed calls).", ""]
    out += ["| metric | value | 95% CI | n | what |", "|---|---:|---|---:|---|"]
    for key, m in judge["metrics"].items():
        out.append(f"| {key} | {_fmt(m['value'])} | {_ci(m['ci'])} | {m['n']} | {m.get('description', '')} |")
    return out


_BREAKDOWN_METRICS = (
    "hit@",
    "mrr",
    "recall@",
    "key_fact_recall",
    "all_facts",
    "short_answer_f1",
    "citation_validity",
    "citation_relevance",
    "abstention_accuracy",
    "false_refusal_rate",
    "ask_p50",
)


def _breakdown_keys(groups: dict) -> list[str]:
    keys: list[str] = []
    for g in groups.values():
        for key in g["metrics"]:
            if key not in keys and any(key.startswith(p) for p in _BREAKDOWN_METRICS):
                keys.append(key)
    return keys


def _breakdown_markdown(groups: dict) -> list[str]:
    if not groups:
        return ["(no groups)"]
    names = list(groups)
    out = ["| metric | " + " | ".join(f"{n} (n={groups[n]['n_questions']})" for n in names) + " |"]
    out.append("|---|" + "---:|" * len(names))
    for key in _breakdown_keys(groups):
        cells = []
        for n in names:
            m = groups[n]["metrics"].get(key)
            cells.append(f"{_fmt(m['value'], 'seconds' if key.startswith('ask') else 'share')}" if m else "")
        out.append(f"| {key} | " + " | ".join(cells) + " |")
    return out


def _failure_counts(report: dict) -> dict[str, int]:
    counts: dict[str, int] = {}
    for q in report["questions"]:
        for t in q["failures"]:
            counts[t] = counts.get(t, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def _snippet(text: str | None, n: int = SNIPPET) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def _failure_markdown(q: dict) -> list[str]:
    out = [f"### {q['id']}: {', '.join(q['failures'])}", "", f"**Q** ({q['lang']}): {q['question']}  "]
    if q["answerable"]:
        facts = "; ".join(" / ".join(f) for f in q["key_facts"]) or "(none)"
        out.append(f"**Expected facts:** {facts}  ")
    else:
        out.append("**Expected:** the corpus does not say (unanswerable)  ")
    ans = q["answer"]
    out.append(f"**Answer:** {_snippet(ans['text']) if ans else '(error) ' + '; '.join(q['errors'])}  ")
    if q.get("short_answer_gold") is not None and q["answerable"]:
        out.append(f"**Short answer:** {_short_answer(q)}  ")
    ranks = [str(p["rank"]) for p in q["retrieved"] if p["relevant"]]
    if q["answerable"] and q["evidence"]:
        out.append(f"**Relevant passages at ranks:** {', '.join(ranks) or 'none'}  ")
    bad = [c for c in q["citations"] if not c["valid"]]
    if bad:
        out.append(f"**Invalid citations:** {', '.join('[' + str(c['n']) + ']' for c in bad)}  ")
    out.append("")
    return out


# --------------------------------------------------------------------- html
_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1000px;color:#111827;padding:0 1rem}
h1{font-size:1.5rem}h2{margin-top:2rem;border-bottom:1px solid #e5e7eb}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
td,th{border-bottom:1px solid #e5e7eb;padding:.25rem .6rem;text-align:right}
td:first-child,th:first-child,td.l{text-align:left}
.better{color:#15803d}.worse{color:#b91c1c}.muted{color:#6b7280}
ul.meta{color:#374151;font-size:.9rem}.warn{color:#b45309}
details{margin:.4rem 0;border:1px solid #e5e7eb;border-radius:4px;padding:.3rem .6rem}
summary{cursor:pointer}.tag{background:#fee2e2;color:#991b1b;border-radius:3px;padding:0 .3rem;margin-right:.2rem;
font-size:.8rem}.q{font-size:.9rem}.q blockquote{margin:.3rem 0 .3rem 1rem;color:#374151}
"""


def render_html(report: dict, baseline: dict | None = None) -> str:
    h = report["header"]
    rows = metric_rows(report, baseline)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Evaluation: {escape(describe_run(report))}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Evaluation: {escape(describe_run(report))}</h1>",
        '<ul class="meta">' + "".join(f"<li>{_md_code(line)}</li>" for line in _header_lines(h)),
    ]
    if baseline:
        parts.append(
            f"<li>Baseline: {escape(describe_run(baseline))}, {escape(_commit(baseline['header']))}, "
            f"{escape(baseline['header']['timestamp'])}</li>"
        )
        parts += [f'<li class="warn">Warning: {escape(w)}</li>' for w in baseline_warnings(report, baseline)]
    parts.append("</ul>")

    share_rows = [
        (
            r["key"] + ("" if r["higher_is_better"] else " (lower is better)"),
            r["value"],
            tuple(r["ci"]) if r["ci"] else None,
            r["baseline"],
            r["higher_is_better"],
        )
        for r in rows
        if r["unit"] == "share"
    ]
    parts.append("<h2>Metrics</h2>")
    legend = "blue: this run with its 95% interval"
    if baseline:
        legend += f"; grey: baseline ({escape(describe_run(baseline))})"
    parts.append(f'<p class="muted">{legend}</p>')
    parts.append(svg.metric_bars(share_rows))
    parts.append(_metrics_table_html(rows, bool(baseline)))

    parts.append("<h2>Latency</h2>")
    series = [
        ("ask", _latencies(report, "ask"), svg.CURRENT),
        ("retrieve", _latencies(report, "retrieve"), "#7c3aed"),
    ]
    if baseline:
        series.append(("baseline ask", _latencies(baseline, "ask"), svg.BASELINE))
    parts.append(svg.latency_histogram(series))
    parts.append(f'<p class="muted">Dashed: median; dotted: 95th percentile. {escape(h.get("latency_note", ""))}</p>')

    parts.append("<h2>LLM judge</h2>")
    parts.append(_judge_html(report.get("judge") or {}))
    for name, title in (("language", "question language → evidence language"), ("answerable", "answerability")):
        parts.append(f"<h2>By {escape(title)}</h2>")
        parts.append(_breakdown_html(report["breakdown"].get(name, {})))

    fails = failing(report)
    parts.append(f"<h2>Failing questions ({len(fails)} of {len(report['questions'])})</h2>")
    counts = _failure_counts(report)
    if counts:
        parts.append("<p>" + " ".join(f'<span class="tag">{escape(k)} {v}</span>' for k, v in counts.items()) + "</p>")
    parts += [_failure_html(q) for q in fails[:MAX_FAILURES_SHOWN]]
    parts.append("</body></html>")
    return "\n".join(parts)


def _md_code(line: str) -> str:
    # `path` in the header lines becomes <code>path</code>.
    pieces = line.split("`")
    return "".join(f"<code>{escape(p)}</code>" if i % 2 else escape(p) for i, p in enumerate(pieces))


def _metrics_table_html(rows: list[dict[str, Any]], with_baseline: bool) -> str:
    head = "<tr><th>section</th><th>metric</th><th>value</th><th>95% CI</th><th>n</th>"
    head += "<th>baseline</th><th>Δ</th></tr>" if with_baseline else "</tr>"
    body = []
    for r in rows:
        cells = (
            f'<td class="l">{escape(r["section"])}</td><td class="l" title="{escape(r["description"])}">'
            f"{escape(r['key'])}</td><td>{_fmt(r['value'], r['unit'])}</td><td>{_ci(r['ci'], r['unit'])}</td>"
            f"<td>{r['n']}</td>"
        )
        if with_baseline:
            base = _fmt(r["baseline"], r["unit"]) if r["baseline"] is not None else ""
            cells += f'<td>{base}</td><td class="{r["verdict"]}">{escape(r["delta_text"])}</td>'
        body.append(f"<tr>{cells}</tr>")
    return "<table>" + head + "".join(body) + "</table>"


def _judge_html(judge: dict) -> str:
    if judge.get("status") != "run":
        reason = escape(judge.get("reason", "not requested"))
        return f"<p>LLM-judged faithfulness and correctness were not run: {reason}.</p>"
    rows = "".join(
        f'<tr><td class="l">{escape(k)}</td><td>{_fmt(m["value"])}</td><td>{_ci(m["ci"])}</td><td>{m["n"]}</td>'
        f'<td class="l">{escape(m.get("description", ""))}</td></tr>'
        for k, m in judge["metrics"].items()
    )
    return (
        f"<p>Judge model: <b>{escape(str(judge['model']))}</b> ({judge.get('errors', 0)} failed calls).</p>"
        f"<table><tr><th>metric</th><th>value</th><th>95% CI</th><th>n</th><th>what</th></tr>{rows}</table>"
    )


def _breakdown_html(groups: dict) -> str:
    if not groups:
        return "<p>(no groups)</p>"
    names = list(groups)
    head = "<tr><th>metric</th>" + "".join(
        f"<th>{escape(n)}<br><span class='muted'>n={groups[n]['n_questions']}</span></th>" for n in names
    )
    body = []
    for key in _breakdown_keys(groups):
        cells = []
        for n in names:
            m = groups[n]["metrics"].get(key)
            unit = "seconds" if key.startswith("ask") else "share"
            cells.append(f"<td>{_fmt(m['value'], unit)}</td>" if m else "<td></td>")
        body.append(f'<tr><td class="l">{escape(key)}</td>{"".join(cells)}</tr>')
    return "<table>" + head + "</tr>" + "".join(body) + "</table>"


def _short_answer(q: dict) -> str:
    """The short answer given, against the gold ones (reports written before short answers had none)."""
    ans = q.get("answer") or {}
    short = ans.get("short_answer")
    given = (
        f"“{short['text']}”" + ("" if short.get("valid", True) else " (not the text at its offsets)")
        if short
        else "none"
    )
    gold = " / ".join(q.get("short_answer_gold") or [])
    return f"{given} (gold: {_snippet(gold, 160)})"


def _failure_html(q: dict) -> str:
    tags = "".join(f'<span class="tag">{escape(t)}</span>' for t in q["failures"])
    ans = q["answer"]
    answer = escape(_snippet(ans["text"], 600)) if ans else "(error) " + escape("; ".join(q["errors"]))
    facts = "; ".join(" / ".join(f) for f in q["key_facts"]) if q["answerable"] else "the corpus does not say"
    ranks = [str(p["rank"]) for p in q["retrieved"] if p["relevant"]]
    passages = "".join(
        f"<li>{'<b>relevant</b> ' if p['relevant'] else ''}{escape(p.get('title') or p['doc_id'])}: "
        f"{escape(_snippet(p['text'], 200))}</li>"
        for p in q["retrieved"]
    )
    return (
        f'<details class="q"><summary><b>{escape(q["id"])}</b> {tags} {escape(q["question"])}</summary>'
        f"<p>Expected: {escape(facts)}</p><blockquote>{answer}</blockquote>"
        + (
            f"<p>Short answer: {escape(_short_answer(q))}</p>"
            if q.get("short_answer_gold") is not None and q["answerable"]
            else ""
        )
        + f"<p>Relevant passages at ranks: {', '.join(ranks) or 'none'}</p><ol>{passages}</ol></details>"
    )


def _latencies(report: dict, which: str) -> list[float]:
    return [q["latency"][which] for q in report["questions"] if q["latency"].get(which) is not None]


# ----------------------------------------------------------------- terminal
def render_terminal(report: dict, baseline: dict | None = None) -> str:
    rows = metric_rows(report, baseline)
    table = [("metric", "value", "95% CI", "n", "baseline", "Δ")]
    for r in rows:
        base = _fmt(r["baseline"], r["unit"]) if r["baseline"] is not None else ""
        table.append(
            (r["key"], _fmt(r["value"], r["unit"]), _ci(r["ci"], r["unit"]), str(r["n"]), base, r["delta_text"])
        )
    if not baseline:
        table = [row[:4] for row in table]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = [describe_run(report)]
    for j, row in enumerate(table):
        lines.append(
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        )
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    judge = report.get("judge") or {}
    if judge.get("status") == "run":
        for key, m in judge["metrics"].items():
            lines.append(f"judge ({judge['model']}) {key}: {_fmt(m['value'])} (n={m['n']})")
        if judge.get("errors"):
            lines.append(f"judge: {judge['errors']} failed calls, e.g. {judge.get('first_error')}")
    else:
        lines.append(f"LLM judge not run: {judge.get('reason', 'not requested')}")
    lines.append(f"failing questions: {len(failing(report))} of {len(report['questions'])}")
    errored = [q for q in report["questions"] if q["errors"]]
    if errored:
        lines.append(f"{len(errored)} questions raised errors, e.g. {errored[0]['id']}: {errored[0]['errors'][0]}")
    return "\n".join(lines)


# -------------------------------------------------------------------- files
def write_reports(report: dict, out: Path, baseline: dict | None = None) -> None:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "report.md").write_text(render_markdown(report, baseline), encoding="utf-8")
    (out / "report.html").write_text(render_html(report, baseline), encoding="utf-8")


def load_report(path: Path) -> dict:
    """A report.json written by ``write_reports`` (a ValueError names what is wrong)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such baseline report")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a readable report.json ({exc})") from exc
    if not isinstance(data, dict) or "aggregates" not in data or "header" not in data:
        raise ValueError(f"{path}: not a report.json from rag eval (no header/aggregates)")
    return data
