"""What makes the server safe to expose: API keys, request limits, a bounded queue, JSON errors.

The rules, in one place:

- The APIs (``/v1``, ``/api``, ``/mcp``) take a key as ``Authorization: Bearer
  <key>`` (what the ``openai`` client and MCP clients send) or ``X-API-Key``.
  Keys come from ``RAG_API_KEYS`` (comma-separated) and/or ``RAG_API_KEYS_FILE``
  (one a line). Beyond loopback they are always required; on loopback they are
  required whenever some are configured (unless ``RAG_API_KEYS_ON_LOOPBACK=false``).
- ``rag serve`` refuses to bind beyond loopback unless both the APIs (keys) and
  the page (``RAG_UI_AUTH``) are protected: a half-open server is the one
  people forget about.
- Bodies are limited before they are read (``RAG_SERVER_MAX_REQUEST_KB``;
  uploads ``RAG_UI_MAX_UPLOAD_MB``); questions wait in a bounded queue shared
  by the APIs (``RAG_UI_CONCURRENCY`` at once, ``RAG_UI_QUEUE_SIZE`` waiting),
  and a full queue answers 503 at once rather than letting requests pile up.
- Every error is JSON in the OpenAI shape ``{"error": {"message", "type",
  "param", "code"}}`` with a message that says what to fix; never a traceback.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
from fastapi import Security
from fastapi.security import HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..settings import Settings

API_PREFIXES = ("/v1", "/api", "/mcp")
# Open without a key: a load balancer's probe, and the API's description (a browser cannot send a
# bearer key for a page); neither reveals anything about the corpus.
OPEN_PATHS = frozenset({"/api/health", "/api/docs", "/api/openapi.json"})
OPEN_PREFIXES = ("/api/docs/static/",)
UPLOAD_PATH = "/api/documents"
# Checked by the Guard, not by FastAPI; declared on the routes so the docs page offers an "Authorize" button.
API_KEY = Security(HTTPBearer(auto_error=False, description="an API key from RAG_API_KEYS / RAG_API_KEYS_FILE"))


class KeyConfigError(ValueError):
    """The API key settings cannot be used; the message says what to fix."""


class ApiError(Exception):
    """An error the client can act on; rendered as OpenAI-style JSON with ``status``."""

    def __init__(
        self,
        status: int,
        message: str,
        type: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.code = code
        self.param = param
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return error_body(self.message, self.type, self.code, self.param)


class RequestTooLarge(ApiError):
    def __init__(self, limit: int, what: str) -> None:
        super().__init__(
            413,
            f"the request body is larger than {_size(limit)}, the limit for {what}; send less "
            "(questions are limited to RAG_MAX_QUESTION_CHARS characters anyway)",
            code="request_too_large",
        )


class Busy(ApiError):
    def __init__(self, waiting: int) -> None:
        super().__init__(
            503,
            f"the server is busy: {waiting} requests are already waiting (RAG_UI_QUEUE_SIZE); retry in a few seconds",
            type="server_busy",
            code="queue_full",
            headers={"Retry-After": "2"},
        )


def error_body(message: str, type: str = "invalid_request_error", code: str | None = None, param: str | None = None):
    return {"error": {"message": message, "type": type, "param": param, "code": code}}


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} KB"


# ---------------------------------------------------------------- keys, hosts
def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def load_api_keys(settings: Settings) -> frozenset[str]:
    """The configured keys (empty when none); a key file that cannot be used stops the server."""
    keys = {k.strip() for k in (settings.api_keys or "").split(",") if k.strip()}
    path = settings.api_keys_file
    if path is not None:
        path = Path(path).expanduser()
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise KeyConfigError(f"RAG_API_KEYS_FILE {path}: cannot read it ({exc.strerror or exc})") from exc
        found = {line.strip() for line in lines if line.strip() and not line.strip().startswith("#")}
        if not found:
            raise KeyConfigError(f"RAG_API_KEYS_FILE {path} holds no key (one a line; # starts a comment)")
        keys |= found
    for k in keys:
        if len(k) < 16 or any(ch.isspace() for ch in k):
            raise KeyConfigError(
                "every API key must be at least 16 characters with no spaces (one is not); "
                'make one with: python -c "import secrets; print(secrets.token_urlsafe(32))"'
            )
    return frozenset(keys)


def exposure_problem(host: str, keys: frozenset[str], ui_login: bool) -> str | None:
    """Why serving on ``host`` with this protection would be unsafe; None when it is fine."""
    if is_loopback(host):
        return None
    missing = []
    if not keys:
        missing.append("API keys for /v1, /api and /mcp (RAG_API_KEYS or RAG_API_KEYS_FILE)")
    if not ui_login:
        missing.append("a login for the web page (RAG_UI_AUTH=user:password)")
    if not missing:
        return None
    return (
        f"refusing to serve on {host}, reachable from other machines, without "
        + " and ".join(missing)
        + "; set them, or serve on 127.0.0.1 (the default) behind your own proxy"
    )


def keys_required(host: str, keys: frozenset[str], on_loopback: bool) -> bool:
    return bool(keys) and (on_loopback or not is_loopback(host))


def presented_key(headers: dict[bytes, bytes]) -> str | None:
    auth = headers.get(b"authorization", b"").decode("latin-1").strip()
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    key = headers.get(b"x-api-key", b"").decode("latin-1").strip()
    return key or None


def key_ok(presented: str | None, keys: frozenset[str]) -> bool:
    ok = False
    given = (presented or "").encode()
    for k in keys:  # compare against every key, so timing does not tell which one nearly matched
        ok |= hmac.compare_digest(given, k.encode())
    return ok and presented is not None


# ------------------------------------------------------------------- the guard
class Guard:
    """ASGI middleware on the API paths: the key, then the body size; everything else passes through.

    The Gradio page keeps its own login and upload limit; this never touches it.
    """

    def __init__(
        self, app: ASGIApp, *, keys: frozenset[str], require_keys: bool, max_body: int, max_upload: int
    ) -> None:
        self.app = app
        self.keys = keys
        self.require_keys = require_keys
        self.max_body = max_body
        self.max_upload = max_upload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_api(scope["path"]):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":  # CORS preflight carries no credentials by design
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if self.require_keys and not _is_open(scope["path"]):
            given = presented_key(headers)
            if not key_ok(given, self.keys):
                message = (
                    "this API needs a key: send 'Authorization: Bearer <key>' (or 'X-API-Key: <key>') "
                    "with one of the keys in RAG_API_KEYS / RAG_API_KEYS_FILE"
                    if given is None
                    else "the API key is not valid; use one of the keys in RAG_API_KEYS / RAG_API_KEYS_FILE"
                )
                err = ApiError(401, message, type="authentication_error", code="invalid_api_key")
                await _send_error(send, err, {"WWW-Authenticate": "Bearer"})
                return
        upload = scope["path"].rstrip("/") == UPLOAD_PATH and scope["method"] == "POST"
        limit = self.max_upload if upload else self.max_body
        what = "uploads (RAG_UI_MAX_UPLOAD_MB)" if upload else "API requests (RAG_SERVER_MAX_REQUEST_KB)"
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > limit
            except ValueError:
                await _send_error(send, ApiError(400, "the Content-Length header is not a number"))
                return
            if too_big:
                await _send_error(send, RequestTooLarge(limit, what))
                return
        received = 0
        too_large: RequestTooLarge | None = None
        replaced = False

        async def counted() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:  # a chunked body with no Content-Length, or one that lied
                    too_large = RequestTooLarge(limit, what)
                    raise too_large
            return message

        async def answer(message: Message) -> None:
            # Whatever the app makes of a body cut short (FastAPI calls it a parse error), the client
            # learns the real reason.
            nonlocal replaced
            if too_large is not None:
                if not replaced:
                    replaced = True
                    await _send_error(send, too_large)
                return
            await send(message)

        await self.app(scope, counted, answer)


def _is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def _is_api(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") for p in API_PREFIXES)


async def _send_error(send: Send, err: ApiError, headers: dict[str, str] | None = None) -> None:
    import json

    body = json.dumps(err.body()).encode()
    all_headers = {**err.headers, **(headers or {})}
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in all_headers.items()]
    await send({"type": "http.response.start", "status": err.status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


# -------------------------------------------------------------------- the gate
class Gate:
    """At most ``concurrency`` questions at once and ``queue_size`` waiting; beyond that, 503 at once.

    One engine answers every request; letting a thousand requests wait on it
    would only turn a burst into timeouts for everyone.
    """

    def __init__(self, concurrency: int, queue_size: int) -> None:
        self.concurrency = concurrency
        self.queue_size = queue_size
        self.waiting = 0
        self.running = 0
        self._sem: anyio.Semaphore | None = None

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self._sem is None:  # created in the server's event loop
            self._sem = anyio.Semaphore(self.concurrency)
        try:
            self._sem.acquire_nowait()  # a free slot: no waiting (acquire() would yield even then)
        except anyio.WouldBlock:
            if self.waiting >= self.queue_size:
                raise Busy(self.waiting) from None
            self.waiting += 1
            try:
                await self._sem.acquire()
            finally:
                self.waiting -= 1
        self.running += 1
        try:
            yield
        finally:
            self.running -= 1
            self._sem.release()
