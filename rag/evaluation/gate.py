"""The ``--fail-under`` gate: a run that falls short of agreed values fails CI.

Thresholds are parsed and checked against the metric catalogue before any
ingestion, so a typo costs a second, not a thirty-second index build. For a
metric where lower is better (error rates, latencies) the value given is a
ceiling, and the message says so.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable
from pathlib import Path
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


def floors(aggregates: dict[str, dict[str, Any]], include_latency: bool = False) -> dict[str, float]:
    """``--fail-under`` values from a report's bootstrap 95% intervals.

    A floor is the interval's lower bound rounded down to two decimals (a
    ceiling, for a lower-is-better rate, its upper bound rounded up): the
    score a run of the same code could show by the luck of which questions
    the set holds. A gate at today's exact score fails when one question flips
    on another machine; a gate at the bound fails on a real regression.
    Latencies depend on the machine, so they are left out unless asked for.
    """
    out: dict[str, float] = {}
    for name, m in aggregates.items():
        ci = m.get("ci")
        if m.get("value") is None or not ci:
            continue
        if m.get("unit") == "seconds" and not include_latency:
            continue
        if m.get("higher_is_better", True):
            out[name] = math.floor(ci[0] * 100 + 1e-9) / 100
        else:
            out[name] = math.ceil(ci[1] * 100 - 1e-9) / 100
    return out


def format_floors(values: dict[str, float]) -> str:
    """The ``--fail-under`` arguments, ready for a Makefile variable or a command line."""
    return "--fail-under " + " ".join(f"{name}={value:g}" for name, value in values.items())


def main(argv: list[str] | None = None) -> int:
    """``python -m rag.evaluation.gate --floors REPORT.json [--latency]``: print the floors of a report."""
    import argparse

    from .report import load_report

    parser = argparse.ArgumentParser(
        prog="python -m rag.evaluation.gate",
        description="Print --fail-under floors (ceilings for lower-is-better metrics) from the bootstrap "
        "95 percent intervals of a rag eval report.",
    )
    parser.add_argument("--floors", type=Path, required=True, metavar="REPORT.json", help="a report.json")
    parser.add_argument("--latency", action="store_true", help="include latency ceilings (machine-dependent)")
    args = parser.parse_args(argv)
    if not args.floors.is_file():
        print(f"error: {args.floors}: no such report", file=sys.stderr)
        return 1
    try:
        report = load_report(args.floors)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(format_floors(floors(report["aggregates"], args.latency)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
