"""Optional login: ``RAG_UI_AUTH=user:password``, or the path of a file of such lines.

A malformed setting stops the server at start with a message, rather than
starting an app that is open to everyone or that nobody can log in to.
Passwords are compared in constant time and never echoed in errors.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from pathlib import Path


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
