"""The shipped reader models: a logistic regression for sentences, gradient-boosted trees for phrases.

Which sentence answers is weighed by a logistic regression over standardised
features (``rag.learning.logistic``: JSON, weights readable by name): trees fitted
on the same data picked the right sentence no more often on validation
SQuAD articles and less often on validation news questions (they learn the
few news questions by heart). Which phrase of the sentence is the short
answer depends on interactions a linear model cannot weigh (a capitalised
word is a name except at the start of a sentence; a figure answers "how
many", not "who"): there LightGBM trees pick better phrases on validation
(both numbers are in ``models/metrics.json``). A tree model is LightGBM's
own text format plus a JSON sidecar naming the features in the code's order
and holding the threshold chosen on validation data. Retraining needs
scikit-learn (``python -m rag.answering.reader.train``, the ``train`` extra).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ...learning.logistic import LogisticModel

MODEL_DIR = Path(__file__).with_name("models")
MODEL_VERSION = 2


class ModelError(RuntimeError):
    """A model file is missing or does not fit the code; the message says how to rebuild it."""


class TreeModel:
    """A LightGBM binary classifier: ``probabilities`` of the positive class, and its ``threshold``."""

    def __init__(self, name: str, features: tuple[str, ...], booster: Any, threshold: float = 0.5) -> None:
        self.name = name
        self.features = features
        self.booster = booster
        # The decision threshold on the probability, chosen on validation data (see the metrics file).
        self.threshold = threshold

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        if x.size == 0:
            return np.zeros(0, dtype=np.float64)
        # One thread: the matrices are a few dozen rows, and a server answers several questions at once.
        return np.asarray(self.booster.predict(x, num_threads=1), dtype=np.float64)

    def with_threshold(self, threshold: float) -> TreeModel:
        return TreeModel(self.name, self.features, self.booster, threshold)


Model = LogisticModel | TreeModel
_REBUILD = "rebuild it with `python -m rag.answering.reader.train` (pip install -e '.[train]')"


@cache
def load_model(name: str, features: tuple[str, ...]) -> Model:
    """The shipped model ``name``; refuses a file whose features are not the code's."""
    meta_path = MODEL_DIR / f"{name}.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"the reader model {meta_path} cannot be read ({exc}); {_REBUILD}") from exc
    model: Model = _load_tree(name, meta) if meta.get("kind") == "lightgbm" else LogisticModel.from_json(meta)
    if model.features != features:
        raise ModelError(
            f"the reader model {meta_path} was trained on other features than this code computes; {_REBUILD}"
        )
    return model


def _load_tree(name: str, meta: dict) -> TreeModel:
    try:
        import lightgbm
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise ModelError("the reader needs lightgbm: pip install lightgbm (or pip install -e .)") from exc
    path = MODEL_DIR / f"{name}.lgb.txt"
    try:
        booster = lightgbm.Booster(model_str=path.read_text(encoding="utf-8"))
    except (OSError, lightgbm.basic.LightGBMError) as exc:
        raise ModelError(f"the reader model {path} cannot be read ({exc}); {_REBUILD}") from exc
    return TreeModel(name, tuple(meta["features"]), booster, float(meta.get("threshold", 0.5)))


def save_model(model: Model, directory: Path = MODEL_DIR) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{model.name}.json"
    if isinstance(model, LogisticModel):
        data = model.to_json()
        meta = {"name": data.pop("name", model.name), "version": MODEL_VERSION, **data}
    else:
        (directory / f"{model.name}.lgb.txt").write_text(model.booster.model_to_string(), encoding="utf-8")
        meta = {
            "name": model.name,
            "version": MODEL_VERSION,
            "kind": "lightgbm",
            "features": list(model.features),
            "threshold": round(float(model.threshold), 6),
        }
    path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return path
