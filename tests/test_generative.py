"""Generative answers over the sample corpus, against a real OpenAI-compatible server.

Each test scripts what the "model" replies and asserts what the user gets:
which sentences stand, which citations back them (quotes that are exactly
document text), which are flagged, and, when the model fails, the extractive
answer with a notice, on time.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from fake_openai_server import FakeOpenAIServer, Reply, fake_openai_fixture, fake_openai_session_fixture  # noqa: F401

from rag import Answer, Assistant, QuestionError
from rag.answering.markers import marker_numbers

pytestmark = pytest.mark.slow

SEARCH = "Why did Paris prosecutors search X's offices?"


def sources_in_prompt(request: dict[str, Any]) -> dict[int, str]:
    from fake_openai_server import sources

    return sources(request)


def assert_citations_hold(assistant: Assistant, answer: Answer) -> None:
    """Every citation quotes its document exactly; every marker in the text has a citation."""
    numbers = {c.n for c in answer.citations}
    for c in answer.citations:
        doc = assistant.document(c.doc_id)
        assert doc is not None
        assert doc.text[c.start : c.end] == c.quote
    assert set(marker_numbers(answer.text)) <= numbers
    assert len(numbers) == len(answer.citations)


def sentence_of(text: str, fragment: str) -> str:
    for line in re.split(r"(?<=[.!?])\s+", text):
        if fragment in line:
            return line
    raise AssertionError(f"{fragment!r} not in {text!r}")


# -------------------------------------------------------------- good answers
def test_a_good_answer_is_kept_verified_and_quoted(llm_assistant: Assistant, fake_openai: FakeOpenAIServer) -> None:
    answer = llm_assistant.ask(SEARCH)
    assert answer.mode == "llm:good"
    assert not answer.abstained and answer.notice is None
    reply = fake_openai.chat_requests()[0]["_reply"]
    assert marker_numbers(reply)  # the model cited its sources
    assert answer.total_sentences == answer.verified_sentences >= 2
    assert all(c.verified for c in answer.citations)
    assert_citations_hold(llm_assistant, answer)
    # the model's sentences are what the user reads
    first = re.sub(r"\s*\[\d+\]", "", reply.split("].")[0])
    assert first[:60] in answer.text


def test_prompt_numbers_sources_with_title_publisher_date(
    llm_assistant: Assistant, fake_openai: FakeOpenAIServer
) -> None:
    llm_assistant.ask(SEARCH)
    request = fake_openai.chat_requests()[0]
    system, user = request["messages"][0]["content"], request["messages"][1]["content"]
    assert "[2]" in system and "English" in system
    assert "The corpus does not say." in system
    opening = re.findall(r'<source-([0-9a-f]{8}) n="(\d+)" title="([^"]*)" publisher="([^"]*)" date="([^"]*)"', user)
    assert [int(n) for _, n, *_ in opening] == list(range(1, len(opening) + 1))
    tag = opening[0][0]
    assert f"<source-{tag}" in system  # the system prompt names the real delimiter
    assert user.count(f"</source-{tag}>") == len(opening)
    assert any(date == "2026-02-03" for _, _, _, pub, date in opening)
    assert "<question>Why did Paris prosecutors search X's offices?</question>" in user


def test_a_french_question_gets_the_french_prompt(llm_assistant: Assistant, fake_openai: FakeOpenAIServer) -> None:
    answer = llm_assistant.ask("Quelle enquête le parquet de Paris a-t-il ouverte sur Kick ?")
    system = fake_openai.chat_requests()[0]["messages"][0]["content"]
    assert "Écris en français" in system
    assert answer.language == "fr"


# ------------------------------------------------------- markers and claims
def test_bad_markers_are_dropped_or_reattached(llm_assistant: Assistant, fake_openai: FakeOpenAIServer) -> None:
    fake_openai.push("bad-markers")
    answer = llm_assistant.ask(SEARCH)
    request = fake_openai.chat_requests()[0]
    n_sources = len(sources_in_prompt(request))
    raw = request["_reply"]
    assert any(n > n_sources or n == 0 for n in marker_numbers(raw))  # the model cited sources that do not exist
    assert_citations_hold(llm_assistant, answer)
    assert answer.timings["verify_invalid_markers"] >= 3
    # "Moreover, the sources agree on this [9, 0]." has no source left: flagged, not cited
    flagged = sentence_of(answer.text, "Moreover")
    assert "[unverified]" in flagged and not re.search(r"\[\d+\]", flagged)
    assert answer.verified_sentences == answer.total_sentences - 1
    assert answer.notice and "not supported" in answer.notice


def test_a_true_sentence_cited_to_the_wrong_source_is_reattached(
    llm_assistant: Assistant, fake_openai: FakeOpenAIServer
) -> None:
    def wrong_source(request: dict[str, Any]) -> Reply:
        src = sources_in_prompt(request)
        linkedin = next(n for n, t in src.items() if "LinkedIn and Instagram" in t)
        other = next(n for n in src if n != linkedin)
        return Reply(
            f"The prosecutor's office said it was leaving X and would communicate on LinkedIn and Instagram [{other}]."
        )

    fake_openai.push(wrong_source)
    answer = llm_assistant.ask(SEARCH)
    assert answer.verified_sentences == answer.total_sentences == 1
    assert answer.timings["verify_reattached"] == 1
    (c,) = answer.citations
    assert "LinkedIn and Instagram" in c.quote
    assert_citations_hold(llm_assistant, answer)


def test_uncited_claims_are_cited_when_supported_and_flagged_when_invented(
    llm_assistant: Assistant, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.push("uncited")
    answer = llm_assistant.ask(SEARCH)
    invented = sentence_of(answer.text, "900 billion")
    assert "[unverified]" in invented
    supported = answer.text.split(invented)[0]
    assert re.search(r"\[\d+\]", supported)  # the true sentence got the citation the model forgot
    assert (answer.verified_sentences, answer.total_sentences) == (1, 2)
    assert_citations_hold(llm_assistant, answer)


def test_wrong_figures_are_not_verified(llm_assistant: Assistant, fake_openai: FakeOpenAIServer) -> None:
    def wrong_date(request: dict[str, Any]) -> Reply:
        src = sources_in_prompt(request)
        n = next((n for n, t in src.items() if "April 20" in t), 1)
        return Reply(
            f"Prosecutors asked Elon Musk and Linda Yaccarino for voluntary interviews on April 20 [{n}]. "
            f"Prosecutors asked Elon Musk and Linda Yaccarino for voluntary interviews on May 5 [{n}]."
        )

    fake_openai.push(wrong_date)
    answer = llm_assistant.ask("Who is Linda Yaccarino?")
    assert "[unverified]" in sentence_of(answer.text, "May 5")
    assert "[unverified]" not in sentence_of(answer.text, "April 20")
    assert (answer.verified_sentences, answer.total_sentences) == (1, 2)


def test_an_answer_with_nothing_verifiable_falls_back(
    llm_assistant: Assistant, extractive: Assistant, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.push("invented")
    answer = llm_assistant.ask(SEARCH)
    assert answer.mode == "extractive"
    assert answer.notice and "could be checked against the sources" in answer.notice
    assert "Greenpeace" not in answer.text
    assert answer.text == extractive.ask(SEARCH).text


def test_the_model_saying_the_corpus_does_not_say_is_an_abstention(
    llm_assistant: Assistant, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.push("abstain")
    answer = llm_assistant.ask(SEARCH)
    assert answer.abstained and answer.text == "The corpus does not say."
    assert answer.citations == [] and answer.passages
    assert answer.notice == "abstained:model"


# --------------------------------------------------------------- abstention
def test_no_model_call_when_the_corpus_cannot_answer(llm_assistant: Assistant, fake_openai: FakeOpenAIServer) -> None:
    answer = llm_assistant.ask("What is the maximum fine under the GDPR?")
    assert answer.abstained
    assert answer.text.startswith("The corpus does not say")
    assert fake_openai.chat_requests() == []


def test_no_llm_mode_never_calls_the_model(extractive: Assistant, fake_openai: FakeOpenAIServer) -> None:
    answer = extractive.ask(SEARCH)
    assert answer.mode == "extractive"
    assert fake_openai.requests == []


def test_asking_for_the_llm_without_one_is_a_clear_error(sample_assistant: Assistant) -> None:
    settings = sample_assistant.settings.model_copy(update={"use_llm": True, "llm_model": None})
    with pytest.raises(QuestionError, match="RAG_LLM_MODEL"):
        Assistant(settings=settings).ask(SEARCH)


# ---------------------------------------------------------------- streaming
def test_stream_yields_text_as_it_arrives_then_the_verified_answer(
    llm_assistant: Assistant, fake_openai: FakeOpenAIServer
) -> None:
    items = list(llm_assistant.stream(SEARCH))
    *pieces, final = items
    assert all(isinstance(p, str) for p in pieces) and isinstance(final, Answer)
    assert len(pieces) > 3
    assert "".join(pieces) == fake_openai.chat_requests()[0]["_reply"]
    assert fake_openai.chat_requests()[0]["stream"] is True
    assert final.mode == "llm:good" and final.verified_sentences == final.total_sentences
    assert_citations_hold(llm_assistant, final)


def test_stream_pieces_arrive_before_the_reply_is_complete(
    llm_assistant: Assistant, fake_openai: FakeOpenAIServer
) -> None:
    def slow_good(request: dict[str, Any]) -> Reply:
        from fake_openai_server import good

        reply = good(request)
        reply.chunk_delay = 0.3
        return reply

    fake_openai.push(slow_good)
    stream = llm_assistant.stream(SEARCH)
    t0 = time.monotonic()
    first = next(stream)
    first_at = time.monotonic() - t0
    rest = list(stream)
    total = time.monotonic() - t0
    assert isinstance(first, str) and isinstance(rest[-1], Answer)
    assert total - first_at > 1.0  # the first piece came well before the last


def test_stream_without_llm_yields_the_text_then_the_answer(extractive: Assistant) -> None:
    items = list(extractive.stream(SEARCH))
    assert len(items) == 2 and isinstance(items[1], Answer) and items[0] == items[1].text


# ------------------------------------------------------------------- faults
FAULTS = ["error-500", "error-429", "malformed", "empty", "slow"]


@pytest.mark.parametrize("streaming", [False, True])
@pytest.mark.parametrize("fault", FAULTS)
def test_faults_give_the_extractive_answer_with_a_notice(
    llm_assistant: Assistant, extractive: Assistant, fake_openai: FakeOpenAIServer, fault: str, streaming: bool
) -> None:
    expected = extractive.ask(SEARCH)
    fake_openai.push(fault)
    t0 = time.monotonic()
    if streaming:
        *pieces, answer = list(llm_assistant.stream(SEARCH))
        assert all(isinstance(p, str) for p in pieces) and expected.text in "".join(pieces)
    else:
        answer = llm_assistant.ask(SEARCH)
    elapsed = time.monotonic() - t0
    assert isinstance(answer, Answer)
    assert answer.mode == "extractive"
    assert answer.text == expected.text
    assert answer.notice and answer.notice.startswith("The language model could not be used")
    assert_citations_hold(llm_assistant, answer)
    assert elapsed < 2.0 + 3.0  # the 2 s timeout, plus retrieval and verification


def test_timeout_notice_says_how_long_it_waited(llm_assistant: Assistant, fake_openai: FakeOpenAIServer) -> None:
    fake_openai.push("slow")
    answer = llm_assistant.ask(SEARCH)
    assert "did not answer within 2 s" in (answer.notice or "")


def test_a_server_that_is_down_gives_the_extractive_answer(sample_assistant: Assistant, extractive: Assistant) -> None:
    settings = sample_assistant.settings.model_copy(
        update={"llm_base_url": "http://127.0.0.1:9/v1", "llm_model": "m", "llm_timeout": 2.0, "llm_retries": 1}
    )
    answer = Assistant(settings=settings).ask(SEARCH)
    assert answer.mode == "extractive"
    assert answer.text == extractive.ask(SEARCH).text
    assert "cannot be reached" in (answer.notice or "")


def test_a_french_question_gets_a_french_notice(llm_assistant: Assistant, fake_openai: FakeOpenAIServer) -> None:
    fake_openai.push("error-500")
    answer = llm_assistant.ask("Quelle enquête le parquet de Paris a-t-il ouverte sur Kick ?")
    assert answer.notice and answer.notice.startswith("Le modèle de langue n’a pas pu être utilisé")
