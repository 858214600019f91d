"""Login throttling against the real server: real HTTP requests from two loopback addresses, then Chromium.

After a few wrong passwords, a client and a user name are refused (429, with
Retry-After) before any password is checked, even the right one; another
client may still log in as another user; every failure is logged.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import playwright.sync_api as expect_module
import pytest

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def throttled_server(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Any]:
    start_ui = request.getfixturevalue("ui_factory")
    tmp = tmp_path_factory.mktemp("ui-throttle")
    users = tmp / "users.txt"
    users.write_text("analyst:correct horse battery\neditor:another pass\nreviewer:third pass\n", encoding="utf-8")
    (tmp / "corpus").mkdir()
    env = {"RAG_UI_AUTH": str(users), "RAG_UI_LOGIN_FAILURES": "3", "RAG_UI_LOGIN_LOCKOUT": "120"}
    server = start_ui(tmp, corpus=tmp / "corpus", ingest=False, env=env)
    yield server
    server.stop()


def _login(http: httpx.Client, url: str, user: str, password: str) -> httpx.Response:
    return http.post(f"{url}/login", data={"username": user, "password": password})


def test_wrong_passwords_lock_the_client_and_the_user(throttled_server: Any):
    url = throttled_server.url
    a = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.3"))
    b = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"))
    with a, b:
        assert [_login(a, url, "analyst", f"guess {i}").status_code for i in range(3)] == [400, 400, 400]
        # Locked: even the right password is not checked.
        refused = _login(a, url, "analyst", "correct horse battery")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 100
        assert "Too many failed logins" in refused.json()["detail"]
        # The user name is locked from another client too, and that client can still log in as someone else.
        assert _login(b, url, "analyst", "correct horse battery").status_code == 429
        assert _login(b, url, "editor", "another pass").status_code == 200
        # The first client is locked whatever user it tries.
        assert _login(a, url, "reviewer", "third pass").status_code == 429
    log = throttled_server.log_text()
    assert "failed login for user 'analyst' from 127.0.0.3" in log
    assert "login refused for user 'analyst' from 127.0.0.2" in log
    assert "another pass" not in log and "guess 1" not in log  # passwords are never logged


def test_a_throttled_login_in_the_browser(throttled_server: Any, page: Any, artifacts: Path):
    expect = expect_module.expect
    page.goto(throttled_server.url)

    def attempt(password: str) -> int:
        page.get_by_label("username").fill("reviewer")
        page.get_by_label("password").fill(password)
        with page.expect_response(lambda r: r.url.endswith("/login") and r.request.method == "POST") as info:
            page.get_by_role("button", name="Login").click()
        return info.value.status

    statuses = [attempt(f"wrong {i}") for i in range(3)]
    assert statuses == [400, 400, 400]
    expect(page.get_by_text("Incorrect Credentials")).to_be_visible()
    assert attempt("third pass") == 429  # the right password, refused unchecked
    page.wait_for_timeout(1000)
    expect(page.get_by_label("password")).to_be_visible()  # still on the login page
    expect(page.locator("#rn-status")).to_have_count(0)
    page.screenshot(path=str(artifacts / "ui-auth-3-throttled.png"))
    assert "failed login for user 'reviewer' from 127.0.0.1" in throttled_server.log_text()
