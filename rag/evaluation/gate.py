"""The ``--fail-under`` gate: a run that falls short of agreed values fails CI.

Thresholds are parsed and checked against the metric catalogue before any
ingestion, so a typo costs a second, not a thirty-second index build. For a
metric where lower is better (error rates, latencies) the value given is a
ceiling, and the message says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .aggregate import metric_catalog


class GateError(ValueError):
    """A threshold that cannot be checked (unknown metric, not a number)."""


def parse_thresholds(specs: Iterable[str], k: int) -> dict[str, float]:
    known = [m.key for m in metric_catalog(k)]
    out: dict[str, float] = {}
    for spec in specs:
        for part in spec.split():
            name, sep, value = part.partition("=")
            name = name.strip()
            if not sep or not name or not value.strip():
                raise GateError(f"--fail-under expects METRIC=VALUE, got {part!r}")
            if name not in known:
                hint = ""
                if "@" in name:
                    hint = f" (this run uses k={k}; pass --k {name.split('@', 1)[1]} for {name})"
                raise GateError(f"unknown metric {name!r} in --fail-under{hint}; known: {', '.join(known)}")
            try:
                out[name] = float(value)
            except ValueError as exc:
                raise GateError(f"--fail-under {name}: {value!r} is not a number") from exc
    return out


def check(aggregates: dict[str, dict[str, Any]], thresholds: dict[str, float]) -> list[str]:
    """One line for each threshold not met (an unmeasured metric does not pass)."""
    failures = []
    for name, limit in thresholds.items():
        m = aggregates.get(name)
        if m is None or m.get("value") is None:
            failures.append(f"{name} was not measured (n=0), required {limit:g}")
            continue
        value, higher = m["value"], m.get("higher_is_better", True)
        if higher and value < limit:
            failures.append(f"{name} = {value:.3f} < {limit:g} required")
        elif not higher and value > limit:
            failures.append(f"{name} = {value:.3f} > {limit:g} allowed (lower is better)")
    return failures
