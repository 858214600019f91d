"""A logistic regression over a few dozen hand-built features, shipped as JSON.

The furniture detector (:mod:`rag.ingestion.furniture`) and the injection
detector (:mod:`rag.answering.injection`) each score one sentence at a time by
features their code computes; the reader's sentence model
(:mod:`rag.answering.reader.model`) scores a question's candidate sentences
together, on standardised features. The model file names the features in the
code's order (a file trained on other features is refused, with the command
that rebuilds it), and holds the weights, the intercept, the decision
threshold and, when the features were standardised, their means and scales.
``score`` is plain Python: for one row of 0/1 features it is cheaper than
numpy, and its sum runs in the same order as when the weights were chosen;
``probabilities`` scores a matrix with numpy.

:func:`train` refits a model (scikit-learn, the ``train`` extra): 5-fold
cross-validation for the reported accuracy and, when the threshold is chosen
from data, for held-out probabilities, then a fit on everything.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class LogisticModel:
    """Weights read from a model file; ``score`` and ``probabilities`` give the positive class's probability."""

    features: tuple[str, ...]
    coef: list[float]
    intercept: float
    threshold: float
    # Standardisation (x - mean) / scale applied before the weights; None: raw features.
    mean: list[float] | None = None
    scale: list[float] | None = None
    name: str = ""

    @classmethod
    def load(cls, path: Path, features: Sequence[str], rebuild: str) -> LogisticModel:
        """The model in ``path``, refused when it was trained on other ``features``
        (``rebuild``: the command that retrains it)."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["features"] != list(features):
            raise RuntimeError(f"{path} was trained on other features; rebuild it: {rebuild}")
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LogisticModel:
        return cls(
            features=tuple(data["features"]),
            coef=[float(w) for w in data["coef"]],
            intercept=float(data["intercept"]),
            threshold=float(data.get("threshold", 0.5)),
            mean=[float(v) for v in data["mean"]] if data.get("mean") is not None else None,
            scale=[float(v) for v in data["scale"]] if data.get("scale") is not None else None,
            name=data.get("name", ""),
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name} if self.name else {}
        out["features"] = list(self.features)
        if self.mean is not None and self.scale is not None:
            out["mean"] = [round(float(v), 6) for v in self.mean]
            out["scale"] = [round(float(v), 6) for v in self.scale]
        out["coef"] = [round(float(w), 6) for w in self.coef]
        out["intercept"] = round(float(self.intercept), 6)
        out["threshold"] = round(float(self.threshold), 6)
        return out

    def score(self, x: Iterable[float]) -> float:
        values = list(x)
        if self.mean is not None and self.scale is not None:
            values = [(v - m) / s for v, m, s in zip(values, self.mean, self.scale, strict=True)]
        z = self.intercept + sum(w * v for w, v in zip(self.coef, values, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """One probability per row of ``x``."""
        if x.size == 0:
            return np.zeros(0, dtype=np.float64)
        rows = np.asarray(x, dtype=np.float64)
        if self.mean is not None and self.scale is not None:
            rows = (rows - np.asarray(self.mean)) / np.asarray(self.scale)
        z = rows @ np.asarray(self.coef, dtype=np.float64) + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


# Held-out probabilities and labels -> the threshold.
ThresholdRule = Callable[[Sequence[float], Sequence[int]], float]


def train(
    path: Path,
    features: Sequence[str],
    x: list[list[float]],
    labels: list[int],
    trained_on: str,
    threshold: float | ThresholdRule = 0.5,
) -> dict[str, Any]:
    """Fit the model on ``x``/``labels``, write it to ``path`` and say so; returns what was written."""
    try:
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import cross_val_predict, cross_val_score
    except ImportError:
        sys.exit("scikit-learn is needed to rebuild the model: pip install -e '.[train]'")
    model = LogisticRegression(C=0.5, max_iter=2000, class_weight="balanced")
    scores = cross_val_score(model, x, labels, cv=5)
    if callable(threshold):
        held_out = cross_val_predict(model, x, labels, cv=5, method="predict_proba")[:, 1]
        threshold = threshold([float(p) for p in held_out], labels)
    model.fit(x, labels)
    out = {
        "features": list(features),
        "coef": [round(float(w), 4) for w in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 4),
        "threshold": threshold,
        "trained_on": trained_on,
        "cross_validation_accuracy": round(float(scores.mean()), 4),
    }
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}: {out['trained_on']}; 5-fold accuracy {out['cross_validation_accuracy']}")
    return out
