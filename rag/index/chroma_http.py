"""Chroma's HTTP client with every request bounded by ``RAG_CHROMA_TIMEOUT``.

``chromadb.HttpClient`` builds its ``httpx`` session with no timeout and talks
to the server while it is being constructed (user identity, tenant and
database checks), so a frozen server hangs a new process before a timeout set
on the session afterwards could apply. Chroma offers no knob for it (its API
class is chosen by a settings string it also checks against a fixed list), so
the construction runs in a daemon thread that we stop waiting for after
``timeout`` seconds; every later request is bounded by the session's timeout.
Imported only when a server is configured.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def http_client(host: str, port: int, ssl: bool, settings: Any, timeout: float):  # -> chromadb ClientAPI
    """What ``chromadb.HttpClient`` returns, with every call to the server bounded by ``timeout`` seconds."""
    import chromadb
    import httpx

    client = _within(
        lambda: chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=settings), timeout, f"{host}:{port}"
    )
    session = getattr(getattr(client, "_server", None), "_session", None)
    if session is None:  # pragma: no cover - a chromadb release that moved its session
        raise RuntimeError("cannot bound chromadb's HTTP session: unsupported chromadb version")
    session.timeout = httpx.Timeout(timeout)
    return client


def _within(fn: Callable[[], Any], timeout: float, what: str) -> Any:
    """``fn()``, or TimeoutError after ``timeout`` seconds (the call is abandoned in its daemon thread)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:
            box["error"] = exc

    worker = threading.Thread(target=run, name=f"chroma-connect {what}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"no answer from {what} within {timeout:g} s")
    if "error" in box:
        raise box["error"]
    return box["value"]
