"""Ingest at scale: one ingest at a time on an embedded index, sharded ingests by several
processes into one real Chroma server, and worker processes for loading and splitting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from rag import Assistant
from rag.index.indexer import IngestLocked, shard_of
from tests.conftest import copy_corpus
from tests.test_ingest import ARTICLE_A, ARTICLE_B, ARTICLE_C


def rag(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rag.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, **(env or {})),
    )


def test_shards_are_a_stable_disjoint_partition(tmp_path: Path):
    root = tmp_path / "archive"
    files = []
    for i in range(60):
        f = root / f"d{i % 4}" / f"{i:03d}.txt"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x", encoding="utf-8")
        files.append(f)
    parts = [shard_of(f, [root.resolve()], 3) for f in files]
    assert set(parts) == {0, 1, 2}  # every part gets some of 60 files
    # The same archive mounted elsewhere (another machine) is cut the same way.
    moved = tmp_path / "elsewhere"
    root.rename(moved)
    assert [shard_of(moved / f.relative_to(root), [moved.resolve()], 3) for f in files] == parts


def test_a_second_ingest_is_refused_while_one_runs(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    index = tmp_path / "index"
    # Another process holds the index's ingest lock, as a running `rag ingest` does.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
                import sys, time
                from rag.index.indexer import ingest_lock
                from rag.index.store import ChromaStore
                store = ChromaStore.__new__(ChromaStore)
                store.url, store.index_dir = None, __import__("pathlib").Path({str(index)!r})
                with ingest_lock(store):
                    print("locked", flush=True)
                    time.sleep(120)
            """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        assistant = Assistant(corpus_dir=corpus, index_dir=index)
        with pytest.raises(IngestLocked, match=rf"Another ingest \(PID {holder.pid}\) is writing to the index"):
            assistant.ingest()
        cli = rag("--index-dir", str(index), "ingest", str(corpus))
        _, err = cli.communicate(timeout=120)
        assert cli.returncode == 1 and err.startswith(f"error: Another ingest (PID {holder.pid})"), err
        assert assistant.stats()["chunks"] == 0  # nothing was embedded meanwhile
    finally:
        holder.kill()  # kill -9 leaves no stale lock: the kernel drops it with the process
        holder.wait()
    report = Assistant(corpus_dir=corpus, index_dir=index).ingest()
    assert [Path(p).name for p in report.added] == ["a.txt"]


@pytest.mark.slow
def test_two_sharded_ingests_into_a_chroma_server_equal_one_ingest(chroma_server: str, tmp_path: Path):
    corpus = copy_corpus(tmp_path / "corpus")
    (corpus / "extra").mkdir()
    towns = ["Lyon", "Porto", "Graz", "Turku", "Ghent", "Brno", "Cork", "Split", "Tartu", "Kaunas"]
    for i, town in enumerate(towns):  # 15 files: both shards get some (all in one: p = 2**-14)
        text = (ARTICLE_A, ARTICLE_B, ARTICLE_C)[i % 3].replace("Zentrix", f"Zentrix {town}")
        text = text.replace("Nordavia", f"Nordavia {town}").replace("regional hospital", f"hospital in {town}")
        (corpus / "extra" / f"{town.lower()}.txt").write_text(text, encoding="utf-8")
    common = ["--chroma-url", chroma_server]
    shard_env = {"RAG_COLLECTION": "sharded"}
    procs = [
        rag(*common, "--index-dir", str(tmp_path / f"local{i}"), "ingest", "--json", "--workers", "2",
            "--shard", f"{i}/2", str(corpus), env=shard_env)
        for i in (1, 2)
    ]  # fmt: skip
    reports = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        reports.append(json.loads(out))
    added = [set(r["added"]) for r in reports]
    assert added[0] and added[1] and not added[0] & added[1]  # disjoint, both did work
    assert not any(r["removed"] for r in reports)

    single = Assistant(corpus_dir=corpus, index_dir=tmp_path / "single", chroma_url=chroma_server, collection="one")
    one = single.ingest()
    assert set(one.added) == added[0] | added[1]
    sharded = Assistant(corpus_dir=corpus, index_dir=tmp_path / "check", chroma_url=chroma_server, collection="sharded")

    def content(a: Assistant) -> tuple[list[str], list[tuple[str, str, int]]]:
        docs = sorted((d.doc_id, d.metadata["path"], d.metadata["n_chunks"]) for d in a.documents())
        return a.store.chunk_ids(), docs

    assert content(sharded) == content(single)
    # Same chunks, same vectors, same answers.
    q = "What did Paris prosecutors search?"
    assert [p.chunk_id for p in sharded.retrieve(q)] == [p.chunk_id for p in single.retrieve(q)]

    # Running one shard again touches only its own files and removes nobody else's.
    again = rag(*common, "--index-dir", str(tmp_path / "local1"), "ingest", "--json", "--shard", "1/2",
                str(corpus), env=shard_env)  # fmt: skip
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    rerun = json.loads(out)
    assert set(rerun["unchanged"]) == added[0] and not rerun["removed"] and rerun["chunks_embedded"] == 0
    sharded.retriever.invalidate()
    assert content(sharded) == content(single)


def test_bad_shard_argument_is_a_clear_error(tmp_path: Path):
    t0 = time.monotonic()
    p = rag("--index-dir", str(tmp_path / "i"), "ingest", "--shard", "3/2", str(tmp_path))
    _, err = p.communicate(timeout=60)
    assert p.returncode != 0 and "give I/N with 1 <= I <= N" in err
    assert time.monotonic() - t0 < 60
