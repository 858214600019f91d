"""The same code against a real Chroma server process, and against one that is not there."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rag import Assistant
from rag.index.store import StoreError
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


@pytest.fixture
def frozen_chroma_server(tmp_path: Path):
    """A real `chroma run` process, answering at first, then frozen with SIGSTOP (its port still accepts)."""
    import os
    import signal

    from tests.conftest import wait_for_port

    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    log = open(tmp_path / "chroma.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(tmp_path / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, ANONYMIZED_TELEMETRY="False"),
    )
    try:
        wait_for_port(port, 60, proc)
        url = f"http://127.0.0.1:{port}"
        Assistant(corpus_dir=tmp_path, index_dir=tmp_path / "i", chroma_url=url).stats()  # it works
        os.kill(proc.pid, signal.SIGSTOP)
        yield url
    finally:
        os.kill(proc.pid, signal.SIGCONT)
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


PROBE = """
import sys, time
from rag import Assistant
from rag.index.embedder import get_embedder
from rag.index.store import StoreError
get_embedder()  # loading the model is not the server's time
t0 = time.monotonic()
try:
    Assistant(corpus_dir=sys.argv[2], index_dir=sys.argv[3], chroma_url=sys.argv[1], chroma_timeout=2.0).stats()
except StoreError as exc:
    print(f"{time.monotonic() - t0:.2f}", exc, sep="\\n")
    sys.exit(1)
print("answered")
"""


@pytest.mark.slow
def test_a_frozen_chroma_server_fails_a_new_process_within_the_timeout(frozen_chroma_server: str, tmp_path: Path):
    # A new process: chromadb.HttpClient() talks to the server while it is being built.
    run = subprocess.run(
        [sys.executable, "-c", PROBE, frozen_chroma_server, str(tmp_path), str(tmp_path / "j")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    seconds, message = run.stdout.split("\n", 1)
    assert float(seconds) < 2.0 * 2 + 1.0, run.stdout  # bounded by the timeout, not a hang
    assert "did not answer within 2 s (RAG_CHROMA_TIMEOUT)" in message

    cli = subprocess.run(
        [sys.executable, "-m", "rag.cli", "--chroma-url", frozen_chroma_server, "stats"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "RAG_CHROMA_TIMEOUT": "2"},
    )
    assert cli.returncode == 1, cli.stderr
    assert cli.stderr.startswith("error: The Chroma server at") and "Traceback" not in cli.stderr, cli.stderr
