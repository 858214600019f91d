"""The rag command: JSON for scripts, one-line errors with non-zero exits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rag import Assistant


def rag(*args: str, env_index: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "rag.cli"]
    if env_index is not None:
        cmd += ["--index-dir", str(env_index)]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=timeout)


def test_ask_json_and_sources_on_a_built_index(sample_assistant: Assistant):
    index = sample_assistant.settings.index_dir
    run = rag("ask", "--json", "--top-k", "5", "What fines has X received under the DSA?", env_index=index)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert set(data) >= {"text", "citations", "passages", "abstained", "mode"}
    assert data["abstained"] is False and len(data["passages"]) <= 5
    assert any("120 millions" in c["quote"] for c in data["citations"])
    human = rag("ask", "--language", "fr", "Qui est Tibo Inshape ?", env_index=index)
    assert human.returncode == 0 and "Sources:" in human.stdout and "[1]" in human.stdout
    sources = json.loads(rag("sources", "--json", env_index=index).stdout)
    assert len(sources) == 9 and {s["language"] for s in sources} == {"en", "fr"}
    stats = json.loads(rag("stats", "--json", env_index=index).stdout)
    assert stats["documents"] == 9


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ask", ""), "the question is empty"),
        (("ask", "x" * 2500), "limit is 2000"),
        (("ask", "--since", "yesterday", "q"), "Invalid value for '--since'"),
        (("--corpus-dir", "/nonexistent/corpus", "ingest"), "no such file or directory"),
    ],
)
def test_errors_are_one_line_with_non_zero_exit(tmp_path: Path, args, message):
    run = rag(*args, env_index=tmp_path / "index")
    assert run.returncode != 0
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def test_ingest_reports_what_it_did(tmp_path: Path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Council approves new bus lanes\nThe city council approved three new bus lanes on Tuesday after a long "
        "debate about traffic in the historic centre, the mayor's office said.\n",
        encoding="utf-8",
    )
    (corpus / "b.bin").write_bytes(b"\x00\x01")
    run = rag("--corpus-dir", str(corpus), "ingest", "--json", env_index=tmp_path / "index")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert len(report["added"]) == 1 and report["skipped"][0][1].startswith("unsupported file type")


MISSING_LXML_HTML_CLEAN = """
import sys
sys.modules["lxml_html_clean"] = None  # as in an environment where the package is not installed
from rag.cli import main
sys.argv = ["rag", "--index-dir", sys.argv[1], "ingest", sys.argv[2]]
main()
"""


def test_a_loader_that_cannot_work_fails_the_ingest_once_and_loudly(tmp_path: Path):

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    page = (
        "<html><body><article><p>"
        + "The regulator fined the platform on Friday. " * 10
        + "</p></article></body></html>"
    )
    for i in range(3):
        (corpus / f"page{i}.html").write_text(page.replace("Friday", f"day {i}"), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", MISSING_LXML_HTML_CLEAN, str(tmp_path / "index"), str(corpus)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot load html files: importing lxml_html_clean failed")
    assert "pip install lxml_html_clean" in lines[0]
    assert "added" not in run.stdout  # nothing half-done


def test_only_the_formats_present_are_checked(tmp_path: Path):
    from rag.ingestion.loader import check_loaders, loader_problem

    check_loaders([tmp_path / "a.txt", tmp_path / "b.html", tmp_path / "c.pdf", tmp_path / "d.md"])
    assert loader_problem("html") is None and loader_problem("pdf") is None
