"""The shipped reader models: logistic regressions stored as JSON, applied with numpy.

A linear model over standardised features is enough for the few dozen
general features the reader computes, its weights can be read and checked
(``sentence_model.json`` lists them by name), and applying it needs no
learning library at run time: scikit-learn is only needed to retrain
(``python -m rag.answering.reader.train``, the ``train`` extra).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).with_name("models")
MODEL_VERSION = 1


class ModelError(RuntimeError):
    """A model file is missing or does not fit the code; the message says how to rebuild it."""


@dataclass(frozen=True)
class LinearModel:
    name: str
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    # The decision threshold on the probability, chosen on validation data (see the metrics file).
    threshold: float = 0.5

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        if x.size == 0:
            return np.zeros(0, dtype=np.float64)
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "version": MODEL_VERSION,
            "features": list(self.features),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "coef": [round(float(v), 6) for v in self.coef],
            "intercept": round(float(self.intercept), 6),
            "threshold": round(float(self.threshold), 6),
        }

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        return cls(
            name=data["name"],
            features=tuple(data["features"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
            threshold=float(data.get("threshold", 0.5)),
        )


@cache
def load_model(name: str, features: tuple[str, ...]) -> LinearModel:
    """The shipped model ``name``; refuses a file whose features are not the code's."""
    path = MODEL_DIR / f"{name}.json"
    rebuild = "rebuild it with `python -m rag.answering.reader.train` (pip install -e '.[train]')"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"the reader model {path} cannot be read ({exc}); {rebuild}") from exc
    model = LinearModel.from_json(data)
    if model.features != features:
        raise ModelError(f"the reader model {path} was trained on other features than this code computes; {rebuild}")
    return model


def save_model(model: LinearModel, directory: Path = MODEL_DIR) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{model.name}.json"
    path.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    return path
