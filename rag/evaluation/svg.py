"""Charts as inline SVG strings.

The HTML report must open on a machine with no network, so charts are drawn
here as plain SVG elements: no JavaScript, no CDN, nothing to fetch.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

CURRENT = "#2563eb"
BASELINE = "#9ca3af"
GOOD = "#15803d"
BAD = "#b91c1c"
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def metric_bars(
    rows: Sequence[tuple[str, float | None, tuple[float, float] | None, float | None, bool]],
    width: int = 840,
) -> str:
    """Horizontal 0-1 bars: (label, value, ci, baseline value, higher is better) per row.

    The run's value is the thick bar with its 95% interval as a whisker; the
    baseline is the thin grey bar under it, so a gain reads as a longer blue bar.
    """
    label_w, right_w, row_h = 250, 130, 34
    plot_w = width - label_w - right_w
    height = row_h * len(rows) + 40
    out = [_open(width, height, "Metrics against the baseline")]
    for t in range(0, 11, 2):
        x = label_w + plot_w * t / 10
        out.append(f'<line x1="{x:.1f}" y1="20" x2="{x:.1f}" y2="{height - 20}" stroke="#e5e7eb"/>')
        out.append(f'<text x="{x:.1f}" y="14" text-anchor="middle" {FONT} fill="#6b7280">{t / 10:.1f}</text>')
    for i, (label, value, ci, base, higher) in enumerate(rows):
        y = 24 + i * row_h
        out.append(f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end" {FONT}>{escape(label)}</text>')
        if value is not None:
            w = plot_w * _clip(value)
            out.append(
                f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="14" fill="{CURRENT}">'
                f"<title>{escape(label)}: {value:.3f}</title></rect>"
            )
            if ci:
                x1, x2 = label_w + plot_w * _clip(ci[0]), label_w + plot_w * _clip(ci[1])
                out.append(f'<line x1="{x1:.1f}" y1="{y + 11}" x2="{x2:.1f}" y2="{y + 11}" stroke="#111827"/>')
                for x in (x1, x2):
                    out.append(f'<line x1="{x:.1f}" y1="{y + 7}" x2="{x:.1f}" y2="{y + 15}" stroke="#111827"/>')
        if base is not None:
            out.append(
                f'<rect x="{label_w}" y="{y + 21}" width="{plot_w * _clip(base):.1f}" height="6" fill="{BASELINE}">'
                f"<title>baseline: {base:.3f}</title></rect>"
            )
        text = "n/a" if value is None else f"{value:.3f}"
        if value is not None and base is not None:
            delta = value - base
            better = (delta > 0) == higher
            colour = "#374151" if abs(delta) < 5e-4 else (GOOD if better else BAD)
            text_el = f'{text} <tspan fill="{colour}">({delta:+.3f})</tspan>'
        else:
            text_el = text
        out.append(f'<text x="{label_w + plot_w + 8}" y="{y + 16}" {FONT}>{text_el}</text>')
    out.append("</svg>")
    return "\n".join(out)


def latency_histogram(
    series: Sequence[tuple[str, Sequence[float], str]],
    width: int = 760,
    height: int = 220,
    bins: int = 24,
) -> str:
    """Overlaid histograms of seconds per call, one outline per (label, values, colour),
    with dashed lines at each series' median and 95th percentile."""
    values = [v for _, vs, _ in series for v in vs]
    if not values:
        return _open(width, 40, "Latency") + f'<text x="8" y="24" {FONT}>no latency measured</text></svg>'
    left, bottom, top = 48, 36, 28
    plot_w, plot_h = width - left - 16, height - bottom - top
    hi = max(values) * 1.05 or 1.0
    step = hi / bins
    counts = [[0] * bins for _ in series]
    for s, (_, vs, _) in enumerate(series):
        for v in vs:
            counts[s][min(bins - 1, int(v / step))] += 1
    peak = max(max(c) for c in counts) or 1
    out = [_open(width, height, "Latency distribution")]
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#6b7280"/>')
    for t in range(0, 5):
        x = left + plot_w * t / 4
        out.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle" {FONT} fill="#6b7280">'
            f"{hi * t / 4:.2f}s</text>"
        )
    out.append(f'<text x="8" y="{top - 10}" {FONT} fill="#6b7280">questions (max {peak})</text>')
    for s, (label, vs, colour) in enumerate(series):
        points = []
        for b, c in enumerate(counts[s]):
            x0, x1 = left + plot_w * b / bins, left + plot_w * (b + 1) / bins
            y = top + plot_h - plot_h * c / peak
            points += [f"{x0:.1f},{y:.1f}", f"{x1:.1f},{y:.1f}"]
        base_y = top + plot_h
        path = f"{left},{base_y} " + " ".join(points) + f" {left + plot_w},{base_y}"
        out.append(f'<polygon points="{path}" fill="{colour}" fill-opacity="0.18" stroke="{colour}"/>')
        for q, dash in ((50, "4 3"), (95, "1 3")):
            if vs:
                p = _percentile(sorted(vs), q)
                x = left + plot_w * p / hi
                out.append(
                    f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="{colour}" '
                    f'stroke-dasharray="{dash}"><title>{escape(label)} p{q}: {p:.3f}s</title></line>'
                )
        out.append(
            f'<rect x="{left + 150 + 160 * s}" y="{top - 22}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{left + 164 + 160 * s}" y="{top - 13}" {FONT}>{escape(label)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _open(width: int, height: int, title: str) -> str:
    return (
        f'<svg width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    )


def _clip(v: float) -> float:
    return 0.0 if math.isnan(v) else min(1.0, max(0.0, v))


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    if len(sorted_values) == 1:
        return sorted_values[0]
    pos = (len(sorted_values) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)
