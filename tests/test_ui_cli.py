"""``rag serve`` / ``python app.py``: options, and configuration errors before anything starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from rag.ui.cli import serve_command

REPO = Path(__file__).resolve().parent.parent


def test_help_lists_the_options():
    result = CliRunner().invoke(serve_command, ["--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--corpus-dir", "--index-dir", "--no-ingest"):
        assert option in result.output
    assert "127.0.0.1" in result.output


def test_a_malformed_login_setting_stops_the_server_with_one_line(tmp_path: Path):
    env = {"RAG_UI_AUTH": "no-colon-here", "RAG_INDEX_DIR": str(tmp_path / "index")}
    result = CliRunner().invoke(serve_command, ["--no-ingest"], env=env)
    assert result.exit_code == 1
    assert "error: RAG_UI_AUTH is neither user:password" in result.output
    assert not (tmp_path / "index").exists()  # failed before opening anything


def test_app_py_is_the_same_command():
    run = subprocess.run([sys.executable, str(REPO / "app.py"), "--help"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "--no-ingest" in run.stdout
