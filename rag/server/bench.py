"""What serving costs: ``/v1/chat/completions`` against ``Assistant.ask`` in the same run, and a burst of clients.

    python -m rag.bench --server            # (or python -m rag.server.bench)

1. Overhead: the same questions asked of an in-process ``Assistant.ask`` and,
   alternately, of ``rag serve`` (a real subprocess on 127.0.0.1, the page
   mounted, extractive answers) through ``/v1/chat/completions`` with a
   keep-alive HTTP client. Each question is asked once of each, both with a
   cold question-embedding cache, so both do the same work; the ratio of the
   p50s is what HTTP, validation, the queue, the worker thread and JSON add.
   Target: at most 1.1.
2. Concurrency: ``--clients`` clients (default 20) at once, each asking
   ``--rounds`` questions (streaming and not, alternately) that the server has
   not answered before; every response must be a 200 with a complete answer.

The sample corpus is indexed once (by ``rag ingest``) under ``--cache``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _rag() -> str:
    return str(Path(sys.executable).parent / "rag")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update({"RAG_USE_LLM": "false", "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False"})
    return env


def sample_index(cache: Path) -> Path:
    root = cache / "server-sample"
    if (root / "index").is_dir() and (root / "corpus").is_dir():
        return root
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(SAMPLE, root / "corpus")
    log("indexing the sample corpus (once; cached) ...")
    subprocess.run(
        [_rag(), "--corpus-dir", str(root / "corpus"), "--index-dir", str(root / "index"), "ingest"],
        env=_env(),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return root


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root: Path, workdir: Path) -> tuple[subprocess.Popen, str]:
    import httpx

    # The server gets its own copy: two processes must not share one embedded Chroma directory.
    shutil.copytree(root / "corpus", workdir / "corpus")
    shutil.copytree(root / "index", workdir / "index")
    port = _free_port()
    cmd = [_rag(), "serve", "--port", str(port), "--corpus-dir", str(workdir / "corpus")]
    cmd += ["--index-dir", str(workdir / "index"), "--no-ingest"]
    logfile = (workdir / "server.log").open("wb")
    proc = subprocess.Popen(cmd, env=_env(), stdout=logfile, stderr=subprocess.STDOUT, cwd=workdir)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"error: rag serve exited: {(workdir / 'server.log').read_text()}")
        try:
            if httpx.get(url + "/api/health", timeout=2).json().get("status") == "ready":
                return proc, url
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.3)
    proc.terminate()
    raise SystemExit("error: rag serve was not ready within 180 s")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def ms(values: list[float], q: float) -> float:
    return round(percentile(values, q) * 1000, 1)


def overhead(root: Path, url: str, qs: list[str], warm: list[str]) -> dict[str, Any]:
    import httpx

    from ..assistant import Assistant

    assistant = Assistant(corpus_dir=root / "corpus", index_dir=root / "index", use_llm=False)
    local, served, mismatched = [], [], 0
    with httpx.Client(base_url=url, timeout=120) as http:

        def ask_server(q: str) -> dict[str, Any]:
            body = {"model": "rag-news", "messages": [{"role": "user", "content": q}]}
            r = http.post("/v1/chat/completions", json=body)
            r.raise_for_status()
            return r.json()

        for q in warm:  # load the model and the catalogs on both sides, outside the timings
            assistant.ask(q)
            ask_server(q)
        for i, q in enumerate(qs):
            order = (0, 1) if i % 2 == 0 else (1, 0)  # alternate who goes first, so drift hits both
            for side in order:
                if side == 0:
                    assistant.embedder._cache.clear()
                    t0 = time.perf_counter()
                    answer = assistant.ask(q)
                    local.append(time.perf_counter() - t0)
                else:
                    t0 = time.perf_counter()
                    reply = ask_server(q)
                    served.append(time.perf_counter() - t0)
            mismatched += reply["choices"][0]["message"]["content"] != answer.text
    return {
        "questions": len(qs),
        "ask_ms": {"p50": ms(local, 0.5), "p95": ms(local, 0.95)},
        "chat_completions_ms": {"p50": ms(served, 0.5), "p95": ms(served, 0.95)},
        "ratio_p50": round(percentile(served, 0.5) / percentile(local, 0.5), 3),
        # Per question, served over in-process: a paired measure, less sensitive to load drifting during the run.
        "paired_ratio_median": round(
            percentile([s / max(lo, 1e-9) for s, lo in zip(served, local, strict=True)], 0.5), 3
        ),
        "different_answers": mismatched,
    }


def burst(url: str, qs: list[str], clients: int, rounds: int) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client(k: int) -> None:
        with httpx.Client(base_url=url, timeout=300) as http:
            start.wait()
            for r in range(rounds):
                q = qs[(k * rounds + r) % len(qs)]
                body = {"model": "rag-news", "messages": [{"role": "user", "content": q}], "stream": bool(r % 2)}
                t0 = time.perf_counter()
                try:
                    resp = http.post("/v1/chat/completions", json=body)
                    ok = resp.status_code == 200 and (
                        resp.text.rstrip().endswith("data: [DONE]") if body["stream"] else "citations" in resp.json()
                    )
                    problem = None if ok else f"{resp.status_code} {resp.text[:200]}"
                except httpx.HTTPError as exc:
                    problem = f"{type(exc).__name__}: {exc}"
                with lock:
                    latencies.append(time.perf_counter() - t0)
                    if problem:
                        errors.append(problem)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {
        "clients": clients,
        "requests": clients * rounds,
        "errors": len(errors),
        "first_errors": errors[:3],
        "wall_s": round(wall, 2),
        "latency_ms": {"p50": ms(latencies, 0.5), "p95": ms(latencies, 0.95), "max": ms(latencies, 1.0)},
        "throughput_per_s": round(clients * rounds / wall, 2),
    }


def table(result: dict[str, Any]) -> str:
    o, b = result["overhead"], result["burst"]
    return "\n".join(
        [
            "| measure | value | baseline (same run) | ratio |",
            "|---|---|---|---|",
            f"| /v1/chat/completions p50 / p95, {o['questions']} questions | {o['chat_completions_ms']['p50']} / "
            f"{o['chat_completions_ms']['p95']} ms | {o['ask_ms']['p50']} / {o['ask_ms']['p95']} ms "
            f"(Assistant.ask in process) | **{o['ratio_p50']}** (paired median {o['paired_ratio_median']}) |",
            f"| {b['clients']} concurrent clients, {b['requests']} requests | {b['errors']} errors, "
            f"p50 / p95 / max {b['latency_ms']['p50']} / {b['latency_ms']['p95']} / {b['latency_ms']['max']} ms, "
            f"{b['throughput_per_s']} answers/s | | |",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    from ..bench import questions

    parser = argparse.ArgumentParser(prog="python -m rag.bench --server", description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="questions each concurrent client asks")
    parser.add_argument("--cache", type=Path, default=Path(".rag/bench"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    qs = questions(args.questions + 3)
    warm, qs = qs[:3], qs[3:]
    root = sample_index(args.cache)
    with tempfile.TemporaryDirectory(prefix="rag-bench-server-") as tmp:
        proc, url = start_server(root, Path(tmp))
        try:
            log(f"overhead: {len(qs)} questions, in process and through {url}/v1 ...")
            result: dict[str, Any] = {"overhead": overhead(root, url, qs, warm)}
            log(f"burst: {args.clients} clients x {args.rounds} questions ...")
            # Questions the server has not seen, so its question-embedding cache does not flatter the burst.
            seen = set(warm) | set(qs)
            fresh = [q for q in questions(100_000) if q not in seen] or qs
            result["burst"] = burst(url, fresh, args.clients, args.rounds)
        finally:
            proc.terminate()
            proc.wait(15)
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0 if result["burst"]["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
