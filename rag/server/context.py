"""What every route shares: the one engine, the queue in front of it, and how its errors read over HTTP.

Routes never call the ``Assistant`` directly: ``Engine.run`` waits for a slot
in the bounded queue, runs the (CPU-bound, synchronous) call in a worker
thread so the event loop keeps serving, and turns the engine's exceptions
into ``ApiError`` with a status and a message that says what to fix.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

import anyio
from pydantic import BeforeValidator

from ..assistant import Assistant, QuestionError
from ..index.store import StoreError
from ..retrieval.retriever import Filters
from ..settings import Settings
from ..ui.service import Service
from .security import ApiError, Gate

log = logging.getLogger(__name__)

T = TypeVar("T")
Mode = Literal["llm", "extractive"]


def _coerce_filters(value: Any) -> Any:
    # The engine's own reading: a single language as a string, unknown keys refused, dates as YYYY-MM-DD.
    return Filters.coerce(value) if isinstance(value, dict) else value


# The engine's Filters type, read from JSON the way the Python API reads a dict.
FiltersIn = Annotated[Filters, BeforeValidator(_coerce_filters)]


class Engine:
    def __init__(self, service: Service, gate: Gate | None = None) -> None:
        self.service = service
        s = service.settings
        self.gate = gate or Gate(s.ui_concurrency, s.ui_queue_size)
        self._variants: dict[str, Assistant] = {}

    @property
    def settings(self) -> Settings:
        return self.service.settings

    @property
    def assistant(self) -> Assistant:
        return self.service.assistant

    def answering(self, mode: Mode | None) -> Assistant:
        """The assistant for one request: the configured behaviour, or forced extractive or generative."""
        if mode is None:
            return self.assistant
        if mode not in self._variants:
            self._variants[mode] = self.assistant.variant(use_llm=mode == "llm")
        return self._variants[mode]

    async def run(self, fn: Callable[..., T], *args: Any, queue: bool = True, **kwargs: Any) -> T:
        """Call the engine in a worker thread (after a queue slot when ``queue``), errors as ApiError."""
        if not queue:
            return await anyio.to_thread.run_sync(lambda: guarded(fn, *args, **kwargs))
        async with self.gate.slot():
            return await anyio.to_thread.run_sync(lambda: guarded(fn, *args, **kwargs))


def guarded(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    try:
        return fn(*args, **kwargs)
    except ApiError:
        raise
    except BaseException as exc:
        raise api_error(exc) from exc


def api_error(exc: BaseException) -> ApiError:
    """The HTTP reading of an engine exception; unknown ones are logged and reported without details."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, QuestionError):
        return ApiError(400, str(exc), code="invalid_question")
    if isinstance(exc, StoreError):
        return ApiError(503, str(exc), type="server_error", code="store_unavailable")
    if isinstance(exc, KeyError):
        return ApiError(404, str(exc.args[0]) if exc.args else "not found", code="not_found")
    if isinstance(exc, PermissionError):
        return ApiError(403, str(exc), code="forbidden")
    if isinstance(exc, (ValueError, FileNotFoundError)):  # bad filters, a path that is not there
        return ApiError(400, str(exc))
    log.error("unexpected error in a request", exc_info=exc)
    return ApiError(500, f"internal error ({type(exc).__name__}); the server log has the details", type="server_error")
