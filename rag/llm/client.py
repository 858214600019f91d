"""Talking to any OpenAI-compatible chat-completions server (OpenAI, vLLM, Ollama, llama.cpp).

Requests go through LlamaIndex's ``OpenAILike`` (so the same configured model
also plugs into LlamaIndex query engines, see :attr:`LLM.llama_index`), which
in turn uses the ``openai`` client. Retries are ours, not the client's: the
client retries timed-out requests and honours a ``Retry-After`` of up to two
minutes, so one slow or rate-limited server could keep a user waiting for
several times ``RAG_LLM_TIMEOUT``. Here the timeout is a deadline for the
whole call: quick failures (429, 5xx, connection refused) are retried up to
``RAG_LLM_RETRIES`` times while the deadline allows, and a timeout is never
retried. When streaming, the deadline covers the wait for the first token and
each gap between tokens, so a server that keeps producing text is never cut off.

Every failure surfaces as one exception type, :class:`LLMError`, whose message
a user can act on and whose ``kind`` lets callers phrase it in their language.
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from ..settings import Settings

log = logging.getLogger(__name__)

OPENAI_URL = "https://api.openai.com/v1"
CONNECT_TIMEOUT = 10.0
MIN_ATTEMPT_SECONDS = 0.5  # not worth starting an attempt with less time than this left
ROLES = frozenset({"system", "user", "assistant"})

T = TypeVar("T")


class LLMError(RuntimeError):
    """The LLM could not produce a reply; ``str(exc)`` says why and what to check.

    ``kind`` is one of: unreachable, timeout, rate_limited, server_error, auth,
    not_found, bad_request, malformed, empty.
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class LLM:
    """A configured chat model: ``complete`` for a whole reply, ``stream`` for its pieces."""

    def __init__(self, settings: Settings) -> None:
        if not settings.llm_model:
            raise ValueError("no LLM model configured: set RAG_LLM_MODEL (e.g. gpt-4o-mini, llama3.1:8b)")
        base_url = (settings.llm_base_url or OPENAI_URL).rstrip("/")
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(
                f"RAG_LLM_BASE_URL={settings.llm_base_url!r} is not a URL; use e.g. http://127.0.0.1:8000/v1"
            )
        if settings.llm_timeout <= 0:
            raise ValueError(f"RAG_LLM_TIMEOUT must be a positive number of seconds, not {settings.llm_timeout}")
        if settings.llm_retries < 0:
            raise ValueError(f"RAG_LLM_RETRIES must be 0 or more, not {settings.llm_retries}")
        self.model: str = settings.llm_model
        self.base_url = base_url
        self.timeout = float(settings.llm_timeout)
        self.retries = int(settings.llm_retries)
        self.default_max_tokens = settings.llm_max_tokens
        # Local servers (vLLM, Ollama, llama.cpp) accept any key; the client insists on one.
        self._api_key = settings.llm_api_key or "no-key"
        self._llama_index: Any = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"LLM(model={self.model!r}, base_url={self.base_url!r})"

    # ---------------------------------------------------------------- client
    @property
    def llama_index(self) -> Any:  # -> llama_index.llms.openai_like.OpenAILike
        """The same model as a LlamaIndex LLM, for use with LlamaIndex query engines."""
        with self._lock:
            if self._llama_index is None:
                import httpx
                import openai
                from llama_index.llms.openai_like import OpenAILike

                client = openai.OpenAI(
                    api_key=self._api_key,
                    base_url=self.base_url,
                    timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, CONNECT_TIMEOUT)),
                    max_retries=0,
                )
                self._llama_index = OpenAILike(
                    model=self.model,
                    api_base=self.base_url,
                    api_key=self._api_key,
                    is_chat_model=True,
                    is_function_calling_model=False,
                    timeout=self.timeout,
                    max_retries=0,  # LlamaIndex would otherwise retry for up to a minute on its own
                    max_tokens=None,  # per call, so that callers can choose
                    openai_client=client,
                )
            return self._llama_index

    # ------------------------------------------------------------------- API
    def complete(self, messages: list[dict[str, str]], temperature: float = 0.0, max_tokens: int | None = None) -> str:
        """The whole reply to ``messages`` (OpenAI format: role and content)."""
        chat = _chat_messages(messages)
        kwargs = {"temperature": temperature, "max_tokens": max_tokens or self.default_max_tokens}

        def attempt(timeout: Any) -> str:
            response = self.llama_index.chat(chat, timeout=timeout, **kwargs)
            return response.message.content or ""

        text = _strip_thinking(self._retrying(attempt))
        if not text.strip():
            raise LLMError(f"{self.model} at {self.base_url} returned an empty reply", "empty")
        return text

    def stream(
        self, messages: list[dict[str, str]], temperature: float = 0.0, max_tokens: int | None = None
    ) -> Iterator[str]:
        """The reply in pieces as the server produces them; raises LLMError on failure, even midway."""
        chat = _chat_messages(messages)
        kwargs = {"temperature": temperature, "max_tokens": max_tokens or self.default_max_tokens}

        def attempt(timeout: Any) -> tuple[Any, Iterator[Any]]:
            gen = self.llama_index.stream_chat(chat, timeout=timeout, **kwargs)
            return next(gen, None), gen

        first, rest = self._retrying(attempt)
        thinking = _ThinkingFilter()
        produced = False
        try:
            responses = rest if first is None else _prepend(first, rest)
            for response in responses:
                piece = thinking.feed(response.delta or "")
                if piece:
                    produced = True
                    yield piece
        except LLMError:
            raise
        except Exception as exc:
            raise self._translate(exc) from exc
        if not produced:
            raise LLMError(f"{self.model} at {self.base_url} returned an empty reply", "empty")

    # -------------------------------------------------------------- failures
    def _retrying(self, attempt: Callable[[Any], T]) -> T:
        import httpx

        deadline = time.monotonic() + self.timeout
        tries = 0
        while True:
            remaining = max(deadline - time.monotonic(), MIN_ATTEMPT_SECONDS)
            try:
                return attempt(httpx.Timeout(remaining, connect=min(remaining, CONNECT_TIMEOUT)))
            except Exception as exc:
                error = self._translate(exc)
                tries += 1
                wait = _retry_wait(exc, tries)
                left = deadline - time.monotonic()
                if wait is None or tries > self.retries or wait + MIN_ATTEMPT_SECONDS > left:
                    if wait is not None and error.kind == "rate_limited" and wait + MIN_ATTEMPT_SECONDS > left:
                        error = LLMError(f"{error} (it asks to wait {wait:.0f} s)", error.kind)
                    raise error from exc
                log.info("LLM call failed (%s); retry %d/%d in %.1fs", error.kind, tries, self.retries, wait)
                time.sleep(wait)

    def _translate(self, exc: BaseException) -> LLMError:
        if isinstance(exc, LLMError):
            return exc
        import httpx
        import openai

        where = f"{self.model} at {self.base_url}"
        if isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException)):
            return LLMError(f"{where} did not answer within {self.timeout:g} s (RAG_LLM_TIMEOUT)", "timeout")
        if isinstance(exc, (openai.APIConnectionError, httpx.TransportError)):
            cause = exc.__cause__ or exc
            return LLMError(
                f"cannot reach the LLM server at {self.base_url} ({type(cause).__name__}); "
                "is it running, and is RAG_LLM_BASE_URL right?",
                "unreachable",
            )
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            detail = _server_message(exc)
            if status == 429:
                return LLMError(f"{where} is rate-limiting requests (HTTP 429){detail}", "rate_limited")
            if status in (401, 403):
                return LLMError(
                    f"{where} refused the API key (HTTP {status}); check RAG_LLM_API_KEY or OPENAI_API_KEY{detail}",
                    "auth",
                )
            if status == 404:
                return LLMError(
                    f"{self.base_url} has no chat-completions endpoint or no model {self.model!r} (HTTP 404); "
                    f"OpenAI-compatible base URLs usually end in /v1{detail}",
                    "not_found",
                )
            if 400 <= status < 500:
                return LLMError(f"{where} rejected the request (HTTP {status}){detail}", "bad_request")
            return LLMError(f"{where} failed with a server error (HTTP {status}){detail}", "server_error")
        if isinstance(exc, (json.JSONDecodeError, openai.APIResponseValidationError, ValueError, TypeError)):
            return LLMError(f"{where} sent a reply that is not valid chat-completions JSON", "malformed")
        return LLMError(f"{where} failed: {type(exc).__name__}: {exc}", "malformed")


def get_llm(settings: Settings) -> LLM | None:
    """The configured LLM, or None when none is (``RAG_LLM_MODEL`` plus a base URL or an API key)."""
    if not settings.llm_configured:
        return None
    return LLM(settings)


# ------------------------------------------------------------------- helpers
def _chat_messages(messages: list[dict[str, str]]) -> list[Any]:
    from llama_index.core.llms import ChatMessage

    if not isinstance(messages, list) or not messages:
        raise ValueError("messages must be a non-empty list of {'role': ..., 'content': ...} dicts")
    out = []
    for i, m in enumerate(messages):
        if not isinstance(m, dict) or m.get("role") not in ROLES or not isinstance(m.get("content"), str):
            raise ValueError(
                f"message {i} must be a dict with role in {sorted(ROLES)} and text content, got {str(m)[:80]!r}"
            )
        out.append(ChatMessage(role=m["role"], content=m["content"]))
    return out


def _retry_wait(exc: BaseException, tries: int) -> float | None:
    """Seconds to wait before retrying, or None when retrying cannot help."""
    import httpx
    import openai

    if isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException)):
        return None  # the deadline is spent; waiting again would double the user's wait
    backoff = min(0.5 * 2 ** (tries - 1), 4.0) * (0.75 + 0.5 * random.random())
    if isinstance(exc, (openai.APIConnectionError, httpx.ConnectError)):
        return backoff
    if isinstance(exc, openai.APIStatusError) and (exc.status_code == 429 or exc.status_code >= 500):
        asked = _retry_after(exc.response)
        return asked if asked is not None else backoff
    return None


def _retry_after(response: Any) -> float | None:
    headers = getattr(response, "headers", None) or {}
    with contextlib.suppress(TypeError, ValueError):
        return float(headers.get("retry-after-ms")) / 1000
    with contextlib.suppress(TypeError, ValueError):
        return max(0.0, float(headers.get("retry-after")))
    return None


def _server_message(exc: Any) -> str:
    body = getattr(exc, "body", None)
    message = None
    if isinstance(body, dict):
        err = body.get("error", body)
        message = err.get("message") if isinstance(err, dict) else err
    return f": {str(message)[:200]}" if message else ""


def _prepend(first: T, rest: Iterator[T]) -> Iterator[T]:
    yield first
    yield from rest


def _strip_thinking(text: str) -> str:
    """Drop a leading <think>...</think> block (reasoning models served by Ollama or vLLM)."""
    f = _ThinkingFilter()
    return f.feed(text) + f.flush()


class _ThinkingFilter:
    """Holds back a leading <think> block of a streamed reply, passes the rest through."""

    OPEN, CLOSE = "<think>", "</think>"

    def __init__(self) -> None:
        self.buffer = ""
        self.state = "start"  # start -> (thinking ->) passing

    def feed(self, piece: str) -> str:
        if self.state == "passing":
            return piece
        self.buffer += piece
        if self.state == "start":
            head = self.buffer.lstrip()
            if len(head) < len(self.OPEN) and self.OPEN.startswith(head):
                return ""  # could still become "<think>"
            if not head.startswith(self.OPEN):
                self.state = "passing"
                out, self.buffer = self.buffer, ""
                return out
            self.state = "thinking"
        end = self.buffer.find(self.CLOSE)
        if end < 0:
            return ""
        out = self.buffer[end + len(self.CLOSE) :].lstrip()
        self.buffer = ""
        self.state = "passing"
        return out

    def flush(self) -> str:
        out = self.buffer if self.state == "start" else ""
        self.buffer = ""
        return out
