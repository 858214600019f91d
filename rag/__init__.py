"""Offline question answering over news, with every claim tied to its source."""

from .assistant import Assistant, QuestionError
from .retriever import Filters
from .settings import Settings
from .types import Answer, Citation, IngestReport, Passage

__all__ = ["Answer", "Assistant", "Citation", "Filters", "IngestReport", "Passage", "QuestionError", "Settings"]
__version__ = "0.1.0"
