"""Offline question answering over news, with every claim tied to its source.

The public names load on first use, so that ``rag --help`` or importing a
single module does not pay for LlamaIndex, Chroma and the embedding model.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .assistant import Assistant, QuestionError
    from .retrieval.retriever import Filters
    from .settings import Settings
    from .types import Answer, Citation, IngestReport, Passage, ShortAnswer

_EXPORTS = {
    "Assistant": ".assistant",
    "QuestionError": ".assistant",
    "Filters": ".retrieval.retriever",
    "Settings": ".settings",
    "Answer": ".types",
    "Citation": ".types",
    "IngestReport": ".types",
    "Passage": ".types",
    "ShortAnswer": ".types",
}
__all__ = [
    "Answer",
    "Assistant",
    "Citation",
    "Filters",
    "IngestReport",
    "Passage",
    "QuestionError",
    "Settings",
    "ShortAnswer",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module 'rag' has no attribute {name!r}")
