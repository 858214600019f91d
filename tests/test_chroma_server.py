"""The same code against a real Chroma server process, and against one that is not there."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rag import Assistant
from rag.store import StoreError
from tests.conftest import CORPUS, free_port


@pytest.mark.slow
def test_ingest_and_ask_through_a_chroma_server(chroma_server: str, tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copyfile(CORPUS / "002_34d42bea131d745b.txt", corpus / "tag-page.txt")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "local", chroma_url=chroma_server)
    report = assistant.ingest()
    assert len(report.added) == 1 and report.chunks_embedded > 0
    answer = assistant.ask("What fines has X received under the DSA?")
    assert not answer.abstained and any("120 millions" in c.quote for c in answer.citations)

    # A second process sees the same index through the server and embeds nothing.
    other = Assistant(corpus_dir=corpus, index_dir=tmp_path / "other-local", chroma_url=chroma_server)
    assert len(other.documents()) == 5
    assert other.ingest().chunks_embedded == 0
    assert not (tmp_path / "local" / "chroma").exists()  # nothing stored locally but caches


def test_unreachable_chroma_server_is_a_clear_error(tmp_path: Path):
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match=r"Cannot reach the Chroma server at .*\(chroma run"):
        Assistant(corpus_dir=tmp_path, index_dir=tmp_path / "i", chroma_url=url).ask("anything")
    run = subprocess.run(
        [sys.executable, "-m", "rag.cli", "--chroma-url", url, "ask", "anything"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert run.stderr.startswith("error: Cannot reach the Chroma server") and "Traceback" not in run.stderr
