"""Measure the UI as a user meets it: a cold first start on the sample corpus, then questions in the page.

    python tests/e2e/measure.py [--index DIR] [--port N]

Starts ``python app.py`` on ./corpus with an empty index (a fresh temporary
directory unless ``--index`` names one, which is then reused warm), and
drives Debian's Chromium headless: the time until the server listens, until
the page's banner says the index is ready, and from a click on Ask to the
final answer rendered, for a handful of questions from evals/dev.jsonl. The
machine's load is printed too, because on two cores it moves every number.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, this file's folder is on sys.path: the browser set-up is the tests' own.
from conftest import BROWSER_ARGS, CHROMIUM, REPO

QUESTIONS = [
    "What fines has X received under the DSA?",
    "Who is Linda Yaccarino?",
    "What charges does Pavel Durov face in France?",
    "How many experts did the European Commission recruit to enforce the DSA?",
    "Quand le parquet de Nice a-t-il ouvert ses enquêtes sur le Lokal ?",
    "What are South Korean police investigating Telegram for?",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, help="index directory (default: a fresh one, i.e. a cold start)")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    index = args.index or Path(tempfile.mkdtemp(prefix="rag-measure-")) / "index"
    port = args.port or _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update({"RAG_USE_LLM": "false", "GRADIO_ANALYTICS_ENABLED": "False"})
    load = os.getloadavg()[0]
    log = Path(tempfile.mkdtemp(prefix="rag-measure-log-")) / "server.log"
    t0 = time.monotonic()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "app.py", "--port", str(port), "--index-dir", str(index)],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"the server exited:\n{log.read_text()}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        listening = time.monotonic() - t0
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}")
            page.wait_for_selector("#rn-status [data-state=ready]", timeout=900_000)
            ready = time.monotonic() - t0
            times = []
            for i, q in enumerate(QUESTIONS):
                page.fill("#rn-question textarea", q)
                start = time.monotonic()
                page.click("#rn-ask")
                page.locator("#rn-chat .rn-answer:not(.rn-streaming)").nth(i).wait_for(timeout=120_000)
                times.append(time.monotonic() - start)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(15)
    print(f"load average at start: {load:.1f} on {os.cpu_count()} cores")
    print(f"server listening after {listening:.1f} s; index ready in the page after {ready:.1f} s ({index})")
    print(
        "question, click to final answer rendered: "
        + ", ".join(f"{t:.2f}" for t in times)
        + f" s (median {statistics.median(times):.2f} s, first {times[0]:.2f} s)"
    )


if __name__ == "__main__":
    main()
