"""``rag serve`` as a real subprocess on a free 127.0.0.1 port, over a private copy of a prebuilt index.

Embedding the sample corpus takes tens of seconds, so ``built_index`` (in
conftest) does it once per session with ``rag ingest``; each server gets its
own copy of that index and corpus, so a test that uploads or deletes touches
nobody else's.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import anyio
import httpx

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent
RAG = str(Path(sys.executable).parent / "rag")


def run_async(fn: Callable[..., Awaitable[T]], *args: Any) -> T:
    """``anyio.run`` in a thread of its own: in a full run the browser tests' Playwright keeps an event
    loop running in the main thread for the whole session, and a second one cannot start there."""
    out: dict[str, Any] = {}

    def target() -> None:
        try:
            out["value"] = anyio.run(fn, *args)
        except BaseException as exc:
            out["error"] = exc

    thread = threading.Thread(target=target, name="test-async")
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment without the developer's RAG_* settings: answers must not depend on a configured LLM."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update({"RAG_USE_LLM": "false", "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False"})
    env.update({"PYTHONUNBUFFERED": "1"})
    env.update(extra or {})
    return env


def build_index(corpus: Path, index: Path) -> None:
    run = subprocess.run(
        [RAG, "--corpus-dir", str(corpus), "--index-dir", str(index), "ingest"],
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr


@dataclass
class Server:
    url: str
    corpus: Path
    index: Path
    log: Path
    proc: subprocess.Popen

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


def start_server(
    tmp: Path, built: tuple[Path, Path], port: int, env: dict[str, str] | None = None, args: list[str] | None = None
) -> Server:
    """Copy the built corpus and index into ``tmp`` and serve them; returns once /api/health says ready."""
    corpus, index = tmp / "corpus", tmp / "index"
    shutil.copytree(built[0], corpus)
    shutil.copytree(built[1], index)
    log = tmp / "server.log"
    cmd = [RAG, "serve", "--host", "127.0.0.1", "--port", str(port), "--corpus-dir", str(corpus)]
    cmd += ["--index-dir", str(index), "--no-ingest", *(args or [])]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=clean_env(env), cwd=tmp)
    server = Server(f"http://127.0.0.1:{port}", corpus, index, log, proc)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"rag serve exited with code {proc.returncode}:\n{server.log_text()}")
        try:
            r = httpx.get(server.url + "/api/health", timeout=2)
            if r.status_code == 200 and r.json()["status"] == "ready":
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.stop()
    raise TimeoutError(f"rag serve was not ready within 120 s:\n{server.log_text()}")
