"""Real servers and a real browser: ``python app.py`` on a free loopback port, driven by Chromium.

One UI server per session, started cold on a private copy of the sample
corpus: its first start (indexing with progress in the page) is itself under
test, its index is then shared by every browser test, and the upload test may
add to it without touching the read-only index of the other test modules.

Chromium is Debian's (``/usr/bin/chromium``, or ``RAG_TEST_CHROMIUM``), never a
downloaded one. Without it, or without Playwright (the ``test`` extra), the browser
tests fail with the fix in the message: a browser test that cannot run is not a pass.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("RAG_TEST_CHROMIUM", "/usr/bin/chromium")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
TIMINGS = REPO / "test-artifacts" / "timings.json"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _record_timing(name: str, seconds: float, command: str) -> None:
    """Keep measured durations with how they were measured, for the closing note of the UI issue."""
    TIMINGS.parent.mkdir(exist_ok=True)
    data = json.loads(TIMINGS.read_text()) if TIMINGS.exists() else {}
    data[name] = {"seconds": round(seconds, 2), "measured": command, "at": time.strftime("%Y-%m-%d %H:%M:%S")}
    TIMINGS.write_text(json.dumps(data, indent=2))
    print(f"\n[timing] {name}: {seconds:.2f}s", file=sys.stderr)


@dataclass
class UIServer:
    url: str
    corpus: Path
    index: Path
    log: Path
    proc: subprocess.Popen
    started: float
    notes: dict[str, Any] = field(default_factory=dict)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


def start_ui(tmp: Path, *, corpus: Path, ingest: bool = True, env: dict[str, str] | None = None) -> UIServer:
    port = _free_port()
    index = tmp / "index"
    log = tmp / "server.log"
    cmd = [sys.executable, str(REPO / "app.py"), "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--corpus-dir", str(corpus), "--index-dir", str(index)]
    if not ingest:
        cmd.append("--no-ingest")
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    # Answers must not depend on an LLM configured on the developer's machine.
    full_env.update(
        {
            "RAG_USE_LLM": "false",
            "GRADIO_ANALYTICS_ENABLED": "False",
            "PYTHONUNBUFFERED": "1",
            "ANONYMIZED_TELEMETRY": "False",
            "RAG_UI_EVALS_DIR": str(REPO / "evals"),
            "RAG_UI_REPORTS_DIR": str(tmp / "eval-out"),
        }
    )
    full_env.update(env or {})
    out = log.open("wb")
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=full_env, cwd=tmp)
    out.close()
    server = UIServer(f"http://127.0.0.1:{port}", corpus, index, log, proc, started)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the UI server exited with code {proc.returncode}:\n{server.log_text()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.1)
    server.stop()
    raise TimeoutError(f"the UI server did not listen within 90 s:\n{server.log_text()}")


@pytest.fixture(scope="session")
def ui_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UIServer]:
    """The UI on a fresh copy of the sample corpus with an empty index: a genuine first start."""
    tmp = tmp_path_factory.mktemp("ui")
    corpus = tmp / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    server = start_ui(tmp, corpus=corpus)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM} (install Debian's chromium, or set RAG_TEST_CHROMIUM to its path)")
    try:
        from playwright import sync_api
    except ImportError as exc:
        pytest.fail(f"Playwright is missing ({exc}): run make install, which installs the test extra")

    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser session (its own Gradio session); fails the test if the page calls anything off this machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    context.set_default_timeout(30_000)
    pg = context.new_page()
    outside: list[str] = []

    def check(request: Any) -> None:
        url = request.url
        if not (url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:"))):
            outside.append(url)

    pg.on("request", check)
    yield pg
    context.close()
    assert not outside, f"the page made requests off this machine: {outside}"


class Driver:
    """What a person does on the page, in the page's own terms; each step can leave a screenshot."""

    def __init__(self, page: Any, server: UIServer, artifacts: Path) -> None:
        self.page = page
        self.server = server
        self.artifacts = artifacts

    def shot(self, name: str, full_page: bool = False) -> Path:
        path = self.artifacts / f"ui-{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def open(self, wait_ready: bool = True, timeout: float = 300) -> None:
        self.page.goto(self.server.url)
        self.page.wait_for_selector("#rn-status [data-state]")
        if wait_ready:
            self.page.wait_for_selector("#rn-status [data-state=ready]", timeout=timeout * 1000)

    def ask(self, question: str) -> tuple[Any, float]:
        """Submit a question; return the final answer bubble and the seconds from submit to its rendering."""
        chat = self.page.locator("#rn-chat")
        before = chat.locator(".rn-answer:not(.rn-streaming), .rn-error, .rn-info").count()
        self.page.fill("#rn-question textarea", question)
        t0 = time.monotonic()
        self.page.click("#rn-ask")
        final = chat.locator(".rn-answer:not(.rn-streaming), .rn-error, .rn-info").nth(before)
        final.wait_for(timeout=120_000)
        return final, time.monotonic() - t0

    def tab(self, name: str) -> None:
        self.page.get_by_role("tab", name=name).click()


@pytest.fixture
def driver(page: Any, ui_server: UIServer, artifacts: Path) -> Driver:
    return Driver(page, ui_server, artifacts)


@pytest.fixture
def driver_on(page: Any, artifacts: Path) -> Any:
    """A ``Driver`` for a server the test started itself (``ui_factory``)."""
    return lambda server: Driver(page, server, artifacts)


@pytest.fixture
def record_timing() -> Any:
    return _record_timing


@pytest.fixture(scope="session")
def ui_factory() -> Any:
    """``start_ui`` for tests that need a server of their own (other settings); they must ``stop()`` it."""
    return start_ui
