"""A pytest plugin that makes every silent outcome a failure: skips, unexpected passes, lost tests.

A skipped test tells CI nothing while looking green: the missing browser, the
missing optional package or the test that raced its own setup all hide there.
So any skip (a ``skip``/``skipif`` mark, ``pytest.skip()``, ``importorskip``, a
module skipped at collection) is reported as a failure naming the reason. An
``xfail`` that fails as expected stays allowed, but only strictly: one that
passes is a failure too, whatever its ``strict=``. A test class pytest cannot
collect (it warns and moves on) is an error through ``filterwarnings`` in
pyproject.toml, and a collection error already stops the run.

``tests/conftest.py`` loads it for the suite; ``tests/test_strict_outcomes.py``
runs pytest on small skipping files in a subprocess to show each case fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

MESSAGE = "skipped tests fail this suite (install what is missing, or delete the test): {reason}"


def _reason(longrepr: Any) -> str:
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    xfailed = hasattr(report, "wasxfail")
    if report.skipped and not xfailed:
        report.outcome = "failed"
        report.longrepr = MESSAGE.format(reason=_reason(report.longrepr))
    elif report.passed and xfailed and call.when == "call":
        report.outcome = "failed"
        report.longrepr = f"[XPASS(strict)] {report.wasxfail}: an expected failure passed; remove the xfail mark"
        del report.wasxfail


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    outcome = yield
    report: pytest.CollectReport = outcome.get_result()
    if report.skipped:
        report.outcome = "failed"
        report.longrepr = MESSAGE.format(reason=_reason(report.longrepr))
