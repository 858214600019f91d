"""Shared fixtures: a real index over the sample corpus, real servers on 127.0.0.1.

Embedding the sample corpus takes tens of seconds on two cores, so it is done
once per session and shared by every test that only reads it. Tests that
change an index build their own small one.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_openai_server import fake_openai_session_fixture  # noqa: F401

# Every skip fails the run (see strict_outcomes.py): a test that cannot run here is a failure to fix.
pytest_plugins = ["strict_outcomes"]

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
ARTIFACTS = REPO / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_corpus(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in CORPUS.iterdir():
        if f.is_file():
            shutil.copyfile(f, dest / f.name)
    return dest


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def sample_assistant(sample_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    """An Assistant whose embedded index holds the sample corpus. Read-only for tests."""
    from rag import Assistant

    assistant = Assistant(corpus_dir=sample_corpus, index_dir=tmp_path_factory.mktemp("index"))
    report = assistant.ingest()
    assert not report.skipped, report.skipped
    return assistant


@pytest.fixture(scope="module")
def llm_assistant(sample_assistant, fake_openai_session):
    """The sample index, answering through the fake OpenAI-compatible server (model "good" unless scripted)."""
    from rag import Assistant

    settings = sample_assistant.settings.model_copy(update=fake_openai_session.settings(timeout=2.0, retries=0))
    return Assistant(settings=settings)


@pytest.fixture(scope="module")
def extractive(sample_assistant):
    """The sample index with the LLM switched off, whatever the environment configures."""
    from rag import Assistant

    return Assistant(settings=sample_assistant.settings.model_copy(update={"use_llm": False}))


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def wait_for_port(port: int, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port} after {timeout}s")


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    """A real Chroma server process (`chroma run`) on a free loopback port."""
    chroma = shutil.which("chroma") or str(Path(os.sys.executable).parent / "chroma")
    port = free_port()
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    log = open(tmp_path / "chroma.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(tmp_path / "chroma-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        wait_for_port(port, 60, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample corpus indexed once by ``rag ingest`` in a subprocess, for servers to copy (never served itself)."""
    from server_process import build_index

    root = tmp_path_factory.mktemp("built")
    corpus = copy_corpus(root / "corpus")
    build_index(corpus, root / "index")
    return corpus, root / "index"
