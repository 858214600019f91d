"""Optional login: ``RAG_UI_AUTH=user:password``, or the path of a file of such lines.

A malformed setting stops the server at start with a message, rather than
starting an app that is open to everyone or that nobody can log in to.
Passwords are compared in constant time and never echoed in errors. Failed
logins are throttled per client and per user name, and logged.
"""

from __future__ import annotations

import hmac
import json
import logging
import math
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class AuthConfigError(ValueError):
    """RAG_UI_AUTH cannot be used; the message says what to fix."""


def _pair(text: str, where: str) -> tuple[str, str]:
    user, sep, password = text.partition(":")
    user = user.strip()
    if not sep or not user or not password:
        raise AuthConfigError(f"{where}: expected user:password (both non-empty)")
    return user, password


def parse_auth(value: str | None) -> dict[str, str] | None:
    """Users and passwords from the setting; None when login is off."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    path = Path(value).expanduser()
    if path.is_file():
        users: dict[str, str] = {}
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise AuthConfigError(f"RAG_UI_AUTH file {path}: cannot read it ({exc.strerror or exc})") from exc
        for no, line in enumerate(lines, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            user, password = _pair(line, f"RAG_UI_AUTH file {path}, line {no}")
            users[user] = password
        if not users:
            raise AuthConfigError(f"RAG_UI_AUTH file {path} holds no user:password line")
        return users
    if ":" not in value:
        raise AuthConfigError(
            "RAG_UI_AUTH is neither user:password nor the path of an existing file of user:password lines"
        )
    user, password = _pair(value, "RAG_UI_AUTH")
    return {user: password}


def checker(users: dict[str, str]) -> Callable[[str, str], bool]:
    def check(user: str, password: str) -> bool:
        expected = users.get(user or "")
        # Compare even for unknown users, so timing does not reveal which names exist.
        ok = hmac.compare_digest((password or "").encode(), (expected or "\0").encode())
        return ok and expected is not None

    return check


# ------------------------------------------------------------------ throttling
class LoginThrottle:
    """Failed logins counted per client address and per user name; past a few, attempts are refused.

    After ``max_failures`` failures within ``window`` seconds, a key (a client, or
    a user name tried from anywhere) is locked for ``lockout`` seconds, doubling
    with each further failure up to ``window``. A refused attempt is not checked
    at all (so it cannot succeed and costs nothing). A success clears its user and
    client. Every failure and every refusal is logged.
    """

    def __init__(self, max_failures: int = 5, lockout: float = 30.0, window: float = 900.0) -> None:
        self.max_failures = max(1, max_failures)
        self.lockout = lockout
        self.window = window
        self._failures: dict[str, list[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _keys(client: str, user: str) -> list[str]:
        return [f"client {client}", f"user {user!r}"]

    def retry_after(self, client: str, user: str, now: float | None = None) -> float:
        """Seconds before this client may try this user again (0: it may try now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            return max([self._locked_until.get(k, 0.0) - now for k in self._keys(client, user)] + [0.0])

    def failed(self, client: str, user: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            for key in self._keys(client, user):
                recent = [t for t in self._failures.get(key, []) if now - t < self.window] + [now]
                self._failures[key] = recent
                excess = len(recent) - self.max_failures
                if excess >= 0:
                    self._locked_until[key] = now + min(self.window, self.lockout * 2**excess)
            counts = {k: len(self._failures[k]) for k in self._keys(client, user)}
        log.warning(
            "failed login for user %r from %s (%d recent failures for the client, %d for the user)",
            user,
            client,
            *counts.values(),
        )

    def succeeded(self, client: str, user: str) -> None:
        with self._lock:
            for key in self._keys(client, user):
                self._failures.pop(key, None)
                self._locked_until.pop(key, None)


class LoginThrottleMiddleware:
    """ASGI middleware in front of Gradio's ``POST /login``: refuses throttled attempts with 429
    before the password is checked, and records each attempt's outcome (Gradio answers 400 to
    a wrong password, 200 to a right one)."""

    def __init__(self, app: Any, throttle: LoginThrottle) -> None:
        self.app = app
        self.throttle = throttle

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope.get("type") != "http" or scope.get("method") != "POST" or not _is_login(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        user = await _form_user(scope, body)
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.throttle.retry_after(client, user)
        if wait > 0:
            log.warning("login refused for user %r from %s: too many failures, locked for %.0f s", user, client, wait)
            seconds = math.ceil(wait)
            payload = json.dumps(
                {"detail": f"Too many failed logins; try again in {seconds} s."}, ensure_ascii=False
            ).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 429,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"retry-after", str(seconds).encode()),
                        (b"content-length", str(len(payload)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": payload})
            return
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def watch(message: dict) -> None:
            if message["type"] == "http.response.start":
                status = int(message["status"])
                if status < 300:
                    self.throttle.succeeded(client, user)
                elif status in (400, 401, 403):
                    self.throttle.failed(client, user)
            await send(message)

        await self.app(scope, replay, watch)


async def _form_user(scope: dict, body: bytes) -> str:
    """The user name of a login form, urlencoded (HTTP clients) or multipart (Gradio's page)."""
    from starlette.requests import Request

    async def once() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(scope, once).form()
        return str(form.get("username") or "").strip()
    except Exception:  # a malformed form: Gradio will refuse it; count it under no name
        return ""


def _is_login(path: str) -> bool:
    return path.rstrip("/").endswith("/login") or path.rstrip("/") == "login"
