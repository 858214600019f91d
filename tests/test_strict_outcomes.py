"""A skipped test fails the suite: pytest runs small files in a subprocess under ``strict_outcomes``.

Each way a test can step aside (a skip mark, ``pytest.skip()``, ``skipif``,
``importorskip`` in a fixture, a module skipped at collection, an ``xfail`` that
passes, a test class pytest cannot collect) must make the run fail; an expected
failure marked ``xfail(strict=True)`` is the one allowed way to not pass.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent

CASES = {
    "test_marks.py": """
import pytest

@pytest.mark.skip(reason="not today")
def test_skip_mark():
    pass

@pytest.mark.skipif(True, reason="condition met")
def test_skipif_mark():
    pass

def test_skip_call():
    pytest.skip("skipped from inside")

@pytest.fixture
def missing():
    return pytest.importorskip("no_such_module_for_strict_outcomes")

def test_importorskip_in_fixture(missing):
    pass

@pytest.mark.xfail(reason="known bug", strict=False)
def test_xfail_that_passes():
    pass

@pytest.mark.xfail(reason="known bug", strict=True)
def test_xfail_strict_that_fails():
    raise AssertionError("the known bug")

def test_plain_pass():
    pass
""",
    "test_module_skip.py": """
import pytest

pytest.skip("the whole module steps aside", allow_module_level=True)

def test_never_runs():
    pass
""",
    "test_uncollectable.py": """
class TestWithInit:
    def __init__(self):
        pass

    def test_lost(self):
        pass
""",
}


def run_pytest(tmp_path: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """pytest in a subprocess with this repository's pytest settings and the plugin, on ``files`` only."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "strict_outcomes", "-p", "no:cacheprovider", "-p", "no:randomly"]
        + ["-c", str(REPO / "pyproject.toml"), "--rootdir", str(tmp_path), "-rA", "-q"]
        + [str(tmp_path / f) for f in files],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={"PYTHONPATH": str(TESTS), "PATH": "/usr/bin:/bin", "COLUMNS": "400"},
    )


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    for name, text in CASES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_every_kind_of_skip_fails_the_run(cases: Path):
    run = run_pytest(cases, "test_marks.py")
    out = run.stdout
    assert run.returncode == 1, out + run.stderr
    # A skip decided at setup (marks, fixtures) is reported as an error there, one in the test as a failure.
    for name in ("test_skip_mark", "test_skipif_mark", "test_importorskip_in_fixture"):
        assert f"ERROR test_marks.py::{name} - skipped tests fail this suite" in out, out
    assert "FAILED test_marks.py::test_skip_call - skipped tests fail this suite" in out, out
    assert "not today" in out and "condition met" in out and "no_such_module_for_strict_outcomes" in out
    assert "FAILED test_marks.py::test_xfail_that_passes - [XPASS(strict)] known bug" in out, out
    assert "XFAIL test_marks.py::test_xfail_strict_that_fails" in out, out
    assert "PASSED test_marks.py::test_plain_pass" in out, out
    assert "2 failed, 1 passed, 1 xfailed, 3 errors" in out and "skipped" not in out.splitlines()[-1], out


def test_a_module_skipped_at_collection_fails_the_run(cases: Path):
    run = run_pytest(cases, "test_module_skip.py")
    assert run.returncode != 0, run.stdout
    assert "ERROR test_module_skip.py" in run.stdout and "the whole module steps aside" in run.stdout, run.stdout


def test_a_test_class_pytest_cannot_collect_fails_the_run(cases: Path):
    run = run_pytest(cases, "test_uncollectable.py")
    assert run.returncode != 0, run.stdout
    assert "cannot collect test class 'TestWithInit'" in run.stdout, run.stdout


def test_an_expected_failure_alone_passes_the_run(tmp_path: Path):
    (tmp_path / "test_known.py").write_text(
        "import pytest\n\n@pytest.mark.xfail(reason='known', strict=True)\ndef test_known():\n    assert False\n",
        encoding="utf-8",
    )
    run = run_pytest(tmp_path, "test_known.py")
    assert run.returncode == 0 and "1 xfailed" in run.stdout, run.stdout


def test_this_suite_runs_under_the_plugin(request: pytest.FixtureRequest):
    assert request.config.pluginmanager.has_plugin("strict_outcomes")
    assert request.config.getini("xfail_strict") is True
