"""RAG_UI_AUTH: one user:password, or a file of them; anything else stops the server at start."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.ui.auth import AuthConfigError, checker, parse_auth


@pytest.mark.parametrize("value", [None, "", "   "])
def test_no_setting_means_no_login(value: str | None):
    assert parse_auth(value) is None


def test_a_single_pair_and_a_password_with_colons():
    assert parse_auth("analyst:s3cret") == {"analyst": "s3cret"}
    assert parse_auth("analyst:a:b:c") == {"analyst": "a:b:c"}


@pytest.mark.parametrize("value", ["justaname", ":password", "user:", " :x"])
def test_a_malformed_pair_is_refused(value: str):
    with pytest.raises(AuthConfigError):
        parse_auth(value)


def test_a_file_of_users_with_comments_and_blank_lines(tmp_path: Path):
    users = tmp_path / "users.txt"
    users.write_text("# team\n\nalice:one\n  bob:two:three  \n", encoding="utf-8")
    assert parse_auth(str(users)) == {"alice": "one", "bob": "two:three"}


def test_a_bad_line_names_the_line_but_not_the_password(tmp_path: Path):
    users = tmp_path / "users.txt"
    users.write_text("alice:one\nbob-without-password-hunter2\n", encoding="utf-8")
    with pytest.raises(AuthConfigError) as err:
        parse_auth(str(users))
    assert "line 2" in str(err.value) and "hunter2" not in str(err.value)


def test_a_file_without_users_is_refused(tmp_path: Path):
    users = tmp_path / "users.txt"
    users.write_text("# nobody yet\n", encoding="utf-8")
    with pytest.raises(AuthConfigError, match="no user:password"):
        parse_auth(str(users))


def test_a_missing_file_is_not_mistaken_for_a_password(tmp_path: Path):
    with pytest.raises(AuthConfigError, match="neither"):
        parse_auth(str(tmp_path / "users.txt"))


def test_checker_accepts_only_the_right_pair():
    check = checker({"alice": "one", "bob": "two"})
    assert check("alice", "one") and check("bob", "two")
    assert not check("alice", "two")
    assert not check("carol", "one")
    assert not check("", "")
    assert not check("alice", "")


def test_throttle_locks_after_a_few_failures_doubles_and_clears_on_success():
    from rag.ui.auth import LoginThrottle

    t = LoginThrottle(max_failures=3, lockout=10.0, window=900.0)
    for i in range(2):
        t.failed("10.0.0.1", "alice", now=100.0 + i)
    assert t.retry_after("10.0.0.1", "alice", now=102.0) == 0.0
    t.failed("10.0.0.1", "alice", now=102.0)
    assert t.retry_after("10.0.0.1", "alice", now=102.0) == 10.0
    assert t.retry_after("10.0.0.9", "alice", now=102.0) == 10.0  # the user, from anywhere
    assert t.retry_after("10.0.0.1", "bob", now=102.0) == 10.0  # the client, whoever it tries
    assert t.retry_after("10.0.0.9", "bob", now=102.0) == 0.0
    assert t.retry_after("10.0.0.1", "alice", now=112.5) == 0.0  # the lock ends
    t.failed("10.0.0.1", "alice", now=113.0)
    assert t.retry_after("10.0.0.1", "alice", now=113.0) == 20.0  # and doubles with the next failure
    t.succeeded("10.0.0.1", "alice")
    assert t.retry_after("10.0.0.1", "alice", now=113.0) == 0.0
    t.failed("10.0.0.1", "alice", now=2000.0)  # old failures fall out of the window
    assert t.retry_after("10.0.0.1", "alice", now=2000.0) == 0.0
