"""The rag.Assistant contract, on the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag import Answer, Assistant, Passage, QuestionError
from rag.text.textnorm import fold

FLAGSHIP = "What fines has X received under the DSA?"


def answer_text(answer: Answer) -> str:
    return fold(answer.text + " " + " ".join(c.quote for c in answer.citations))


def test_retrieve_returns_scored_passages_with_metadata(sample_assistant: Assistant):
    passages = sample_assistant.retrieve(FLAGSHIP, top_k=5)
    assert 1 <= len(passages) <= 5
    assert all(isinstance(p, Passage) for p in passages)
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)
    for p in passages:
        doc = sample_assistant.document(p.doc_id)
        assert doc is not None and doc.text[p.start : p.end] == p.text
        assert {"title", "source", "published", "language", "url"} <= set(p.metadata)
    # The fine is reported only in French; an English question must still reach it.
    assert any("amende de 120 millions" in fold(p.text) for p in passages)


def test_flagship_answer_states_the_fine_with_exact_citations(sample_assistant: Assistant):
    answer = sample_assistant.ask(FLAGSHIP)
    assert not answer.abstained
    assert "120 millions" in answer_text(answer)
    assert answer.citations and answer.passages
    for c in answer.citations:
        assert f"[{c.n}]" in answer.text
        doc = sample_assistant.document(c.doc_id)
        assert doc.text[c.start : c.end] == c.quote
    fine = next(c for c in answer.citations if "120 millions" in c.quote)
    assert fine.source == "POLITICO" and fine.language == "fr"
    assert fine.title == "L’Union européenne inflige une amende de 120 millions d’euros à la plateforme X"
    assert fine.published is None  # the page states no date; none is invented


def test_french_question_finds_english_evidence(sample_assistant: Assistant):
    answer = sample_assistant.ask("Quel président sud-coréen a qualifié les deepfakes de crime ?")
    assert not answer.abstained
    assert "yoon" in answer_text(answer)
    assert answer.language == "fr" and "Voici ce que disent les sources" in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The English sentence shares only roots with the question: "sensitive personal data".
        (
            "Quelles données personnelles sensibles LinkedIn est-il soupçonné d'exploiter pour le ciblage publicitaire ?",
            ["sexual orientation"],
        ),
        (
            "Sur quels réseaux sociaux le parquet de Paris communiquera-t-il après avoir quitté X ?",
            ["linkedin", "instagram"],
        ),
        # "French" names a language, not the subject: the names asked for are in a French sentence about Grok.
        pytest.param(
            "Which two French MPs referred the Grok sexual deepfakes to the Paris prosecutor?",
            ["delaporte", "bothorel"],
            marks=pytest.mark.xfail(
                strict=True,
                reason="known regression of the learned reader (issue 9): the French sentence naming the MPs "
                "shares no word with the English question and ranks below two sentences about Grok",
            ),
        ),
    ],
)
def test_cross_lingual_answers_quote_the_sentence_that_answers(sample_assistant, question, expected):
    answer = sample_assistant.ask(question)
    assert not answer.abstained
    quotes = fold(" ".join(c.quote for c in answer.citations))
    assert all(e in quotes for e in expected), answer.text


def test_a_name_written_with_dotted_initials_in_the_corpus_is_known(sample_assistant: Assistant):
    # The corpus writes "J.D. Vance"; a user types "JD Vance".
    answer = sample_assistant.ask("How did JD Vance react to the EU's fine on X?")
    assert answer.notice != "abstained:unknown_terms"
    assert "vance" in answer_text(answer)


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("How much was Telegram fined in South Korea?", "amount"),
        ("What is the maximum fine under the GDPR?", "GDPR"),
    ],
)
def test_unanswerable_questions_abstain_and_still_list_closest_passages(sample_assistant, question, reason):
    answer = sample_assistant.ask(question)
    assert answer.abstained
    assert answer.text.startswith("The corpus does not say")
    assert reason in answer.text
    assert answer.citations == []
    assert answer.passages  # the closest passages, for the reader to check


def test_dense_search_is_exact_and_large_indexes_fall_back_to_chroma(sample_assistant: Assistant):
    question = "Quelle amende la Commission a-t-elle infligée à X ?"
    result = sample_assistant.retriever.search(question, top_k=5, filters={"language": "fr"})
    # The exact top 15 by cosine among French chunks, computed here from the stored vectors.
    ids, _, metas, _ = sample_assistant.store.all_chunks()
    french = [cid for cid, m in zip(ids, metas, strict=True) if m["language"] == "fr"]
    stored = sample_assistant.store.vectors(french)
    qvec = sample_assistant.embedder.embed_query(question)
    expected = sorted(french, key=lambda cid: (-float(stored[cid] @ qvec), cid))[:15]
    assert [cid for cid, _ in result.dense[:15]] == expected
    # Beyond the configured size, Chroma's HNSW index answers the same question.
    approximate = Assistant(
        corpus_dir=sample_assistant.settings.corpus_dir,
        index_dir=sample_assistant.settings.index_dir,
        exact_search_max_chunks=0,
    )
    assert approximate.retriever.catalog().vectors is None
    hits = approximate.retriever.search(question, top_k=5, filters={"language": "fr"}).dense
    assert hits and all(metas[ids.index(cid)]["language"] == "fr" for cid, _ in hits)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_filters_restrict_what_is_retrieved(sample_assistant: Assistant):
    fr = sample_assistant.retrieve(FLAGSHIP, filters={"language": "fr"})
    assert fr and all(p.metadata["language"] == "fr" for p in fr)
    en = sample_assistant.retrieve(FLAGSHIP, filters={"language": ["en"]})
    assert en and all(p.metadata["language"] == "en" for p in en)
    politico = sample_assistant.retrieve("enquête", filters={"source": "POLITICO"})
    assert politico and all(p.metadata["source"] == "POLITICO" for p in politico)
    dated = sample_assistant.retrieve("search of X offices", filters={"since": "2026-01-01", "until": "2026-12-31"})
    assert dated and all(p.metadata["published"] == "2026-02-03" for p in dated)
    assert sample_assistant.retrieve("search", filters={"since": "2030-01-01"}) == []
    answer = sample_assistant.ask(FLAGSHIP, filters={"since": "2030-01-01"})
    assert answer.abstained and "since 2030-01-01" in answer.text
    with pytest.raises(ValueError, match="unknown filter"):
        sample_assistant.retrieve("x", filters={"lang": "fr"})
    with pytest.raises(ValueError, match="not a date"):
        sample_assistant.retrieve("x", filters={"since": "last week"})


@pytest.mark.parametrize("bad", ["", "   \n\t ", "x" * 5000])
def test_empty_or_huge_question_is_a_clear_error(sample_assistant: Assistant, bad: str):
    with pytest.raises(QuestionError) as info:
        sample_assistant.ask(bad)
    assert "empty" in str(info.value) or "limit is" in str(info.value)


def test_ask_on_an_empty_index_says_how_to_ingest(tmp_path: Path):
    answer = Assistant(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index").ask(FLAGSHIP)
    assert answer.abstained and "rag ingest" in answer.text and answer.notice == "empty_index"


def test_sources_and_stats_describe_the_index(sample_assistant: Assistant):
    docs = sample_assistant.documents()
    assert len(docs) == 9  # four single-article pages and a tag page of five
    stats = sample_assistant.stats()
    assert stats["documents"] == 9 and stats["files"] == 5
    assert stats["languages"] == {"fr": 5, "en": 4}
    assert stats["published_range"] == ["2026-02-03", "2026-02-03"]


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"filters": 123}, "filters must be a dict"),
        ({"filters": ["language"]}, "filters must be a dict"),
        ({"filters": "language=fr"}, "filters must be a dict"),
        ({"filters": {"language": 5}}, "filter 'language' has the wrong type"),
        ({"filters": {"lang": "fr"}}, "unknown filter 'lang'"),
        ({"top_k": "5"}, "top_k must be a whole number"),
        ({"top_k": 2.5}, "top_k must be a whole number"),
        ({"top_k": True}, "top_k must be a whole number"),
        ({"top_k": 0}, "top_k must be at least 1"),
    ],
)
def test_wrong_typed_arguments_say_what_to_pass(sample_assistant: Assistant, kwargs: dict, says: str):
    for call in (sample_assistant.ask, sample_assistant.retrieve, sample_assistant.stream):
        with pytest.raises(QuestionError) as info:
            result = call(FLAGSHIP, **kwargs)
            list(result) if call == sample_assistant.stream else None
        assert says in str(info.value)
        if "filter" in says:
            assert '{"language": "fr"' in str(info.value)  # an example of what to pass


@pytest.mark.parametrize("bad", [b"What fines?", 42, None, ["What fines?"]])
def test_a_question_that_is_not_text_is_refused(sample_assistant: Assistant, bad: object):
    with pytest.raises(QuestionError, match="must be text"):
        sample_assistant.ask(bad)  # type: ignore[arg-type]


def test_a_lone_surrogate_is_refused_before_the_embedder(sample_assistant: Assistant):
    with pytest.raises(QuestionError, match="lone UTF-16 surrogate at position 5"):
        sample_assistant.ask("What \ud800fines has X received?")


@pytest.mark.parametrize("bad", ["?", "[1]", "\x00\x00", "\u200b", "... !!! ???", "42", "what is it?", "quel est-il ?"])
def test_a_question_without_content_words_asks_for_a_real_question(sample_assistant: Assistant, bad: str):
    with pytest.raises(QuestionError, match="ask a real question"):
        sample_assistant.ask(bad)


def test_a_short_follow_up_in_a_conversation_is_still_a_question(sample_assistant: Assistant):
    assert sample_assistant.check_question("and why?", follow_up=True) == "and why?"
    assert sample_assistant.check_question("X?") == "X?"
    assert sample_assistant.check_question("DSA\u200b fines\x00") == "DSA fines"
