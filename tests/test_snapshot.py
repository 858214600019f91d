"""Fast start: the chunk catalog persisted beside the store (rag.index.snapshot) is what a new
process loads, it follows changes made by other processes by fetching only those, and it
gives exactly the retrieval a catalog read from the store gives."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rag import Assistant
from rag.index.store import ChromaStore
from tests.test_ingest import ARTICLE_A, ARTICLE_B, ARTICLE_C

QUESTIONS = ["Zentrix inquiry moderation", "amende Nordavia tribunal", "scanner trial hospital"]


def ranking(a: Assistant) -> list[list[tuple[str, int, int, float]]]:
    return [[(p.chunk_id, p.start, p.end, p.score) for p in a.retrieve(q)] for q in QUESTIONS]


def from_store_only(a: Assistant, tmp_path: Path) -> list[list[tuple[str, int, int, float]]]:
    """The same store read row by row, with no snapshot or lexical cache."""
    fresh = tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}"
    fresh.mkdir()
    settings = a.settings.model_copy(update={"index_dir": fresh})
    other = Assistant(settings=settings)
    other._store = a.store  # same records; the caches go to an empty directory
    return ranking(other)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    c.mkdir()
    (c / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (c / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return c


def test_a_new_process_starts_from_the_snapshot(corpus: Path, tmp_path: Path, monkeypatch):
    index = tmp_path / "index"
    Assistant(corpus_dir=corpus, index_dir=index).ingest()
    assert list((index / "catalog").rglob("vectors.npy")), "ingest wrote the snapshot"

    def no_full_read(*args, **kwargs):
        raise AssertionError("read every chunk from Chroma")

    with monkeypatch.context() as m:
        m.setattr(ChromaStore, "all_chunks", no_full_read)
        m.setattr(ChromaStore, "documents", no_full_read)
        starter = Assistant(corpus_dir=corpus, index_dir=index)
        got = ranking(starter)
        cat = starter.retriever.catalog()
        assert isinstance(cat.vectors, np.memmap)  # searched in place, not copied into memory
    assert got == from_store_only(starter, tmp_path)


@pytest.mark.slow
def test_changes_by_another_process_are_fetched_alone(corpus: Path, tmp_path: Path, chroma_server: str, monkeypatch):
    reader = Assistant(corpus_dir=corpus, index_dir=tmp_path / "reader", chroma_url=chroma_server)
    reader.ingest()
    before = reader.retriever.catalog()
    # Another process (its own index directory, as on another machine) adds one file and removes one.
    (corpus / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
    (corpus / "b.txt").unlink()
    run = subprocess.run(
        [sys.executable, "-m", "rag.cli", "--index-dir", str(tmp_path / "writer"), "--chroma-url", chroma_server,
         "ingest", str(corpus)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    fetched: list[str] = []
    real = ChromaStore.chunks_by_ids

    def spy(self, ids):
        fetched.extend(ids)
        return real(self, ids)

    monkeypatch.setattr(ChromaStore, "chunks_by_ids", spy)
    monkeypatch.setattr(ChromaStore, "all_chunks", lambda *a, **k: pytest.fail("read every chunk"))
    reader.retriever.invalidate()  # as a second passing would: the generation changed
    after = reader.retriever.catalog()
    assert after is not before
    new_ids = set(after.ids) - set(before.ids)
    assert new_ids and set(fetched) == new_ids  # only the added chunks were read
    assert not any(
        i.startswith(tuple(m["doc_id"] for m in before.metas if m["path"].endswith("b.txt"))) for i in after.ids
    )
    monkeypatch.undo()
    assert ranking(reader) == from_store_only(reader, tmp_path)
    assert reader.retrieve("scanner trial hospital")[0].metadata["path"].endswith("c.txt")


def test_a_damaged_snapshot_is_rebuilt(corpus: Path, tmp_path: Path):
    index = tmp_path / "index"
    Assistant(corpus_dir=corpus, index_dir=index).ingest()
    for rows in (index / "catalog").rglob("rows.json"):
        rows.write_text("{not json", encoding="utf-8")
    again = Assistant(corpus_dir=corpus, index_dir=index)
    assert again.retrieve("amende Nordavia tribunal")[0].metadata["path"].endswith("b.txt")
    shutil.rmtree(tmp_path / "corpus")
