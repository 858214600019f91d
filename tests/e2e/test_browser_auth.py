"""Login in Chromium: with RAG_UI_AUTH set, a wrong password is refused and the right one lets you in.

Its own server, with an empty index and no indexing: the login does not need one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def auth_server(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Any]:
    start_ui = request.getfixturevalue("ui_factory")
    tmp = tmp_path_factory.mktemp("ui-auth")
    users = tmp / "users.txt"
    users.write_text("# analysts\nanalyst:correct horse battery\neditor:another:pass\n", encoding="utf-8")
    (tmp / "corpus").mkdir()
    server = start_ui(tmp, corpus=tmp / "corpus", ingest=False, env={"RAG_UI_AUTH": str(users)})
    yield server
    server.stop()


def _login(page: Any, user: str, password: str) -> None:
    page.get_by_label("username").fill(user)
    page.get_by_label("password").fill(password)
    page.get_by_role("button", name="Login").click()


def test_login_refuses_a_wrong_password_and_accepts_the_right_one(auth_server: Any, page: Any, artifacts: Path):
    page.goto(auth_server.url)
    expect(page.get_by_label("password")).to_be_visible()
    expect(page.locator("#rn-status")).to_have_count(0)
    _login(page, "analyst", "wrong password")
    expect(page.get_by_text("Incorrect Credentials")).to_be_visible()
    expect(page.locator("#rn-status")).to_have_count(0)
    page.screenshot(path=str(artifacts / "ui-auth-1-login-refused.png"))

    # The app's API is closed too, not only the page.
    assert page.request.get(f"{auth_server.url}/config").status in (401, 403)

    _login(page, "editor", "another:pass")  # passwords may contain ':'
    expect(page.locator("#rn-status [data-state]")).to_be_visible(timeout=60_000)
    expect(page.locator("#rn-status")).to_contain_text("The index is empty")
    page.screenshot(path=str(artifacts / "ui-auth-2-logged-in.png"))
