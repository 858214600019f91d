"""Summaries of per-question scores: value, n and a bootstrap 95% interval.

A question set of a hundred items moves by several points when one answer
changes, so every number is shown with how sure we can be of it. The
bootstrap is seeded: the same scores always give the same interval.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

BOOTSTRAP_SAMPLES = 1000
SEED = 20240601

Statistic = Callable[[np.ndarray], float]


def mean(values: np.ndarray) -> float:
    return float(np.mean(values))


def percentile(q: float) -> Statistic:
    def stat(values: np.ndarray) -> float:
        return float(np.percentile(values, q))

    return stat


def bootstrap_ci(
    values: Sequence[float], stat: Statistic = mean, samples: int = BOOTSTRAP_SAMPLES, seed: int = SEED
) -> tuple[float, float] | None:
    """Percentile interval of ``stat`` over resamples of the questions."""
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return None
    if data.size == 1 or np.all(data == data[0]):
        v = stat(data)
        return (v, v)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, data.size, size=(samples, data.size))
    stats = np.array([stat(data[row]) for row in idx])
    lo, hi = np.percentile(stats, [2.5, 97.5])
    return (float(lo), float(hi))


def summarise(values: Sequence[float | None], stat: Statistic = mean) -> dict[str, Any]:
    """{"value", "n", "ci"} over the values that apply (None = not applicable to that question)."""
    kept = [float(v) for v in values if v is not None]
    if not kept:
        return {"value": None, "n": 0, "ci": None}
    ci = bootstrap_ci(kept, stat)
    return {"value": stat(np.asarray(kept)), "n": len(kept), "ci": list(ci) if ci else None}
