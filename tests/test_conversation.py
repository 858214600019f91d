"""Conversations: follow-ups made standalone, relative dates made absolute from the article's date."""

from __future__ import annotations

import re
import time
from datetime import date
from typing import Any

import pytest
from fake_openai_server import (  # noqa: F401
    FakeOpenAIServer,
    Reply,
    fake_openai_fixture,
    fake_openai_session_fixture,
    sources,
)

from rag import Answer, Assistant, QuestionError
from rag.answering.relative_dates import annotate_relative_dates, find_relative_dates, format_date
from rag.conversation.followup import rule_rewrite

PUBLISHED = date(2026, 2, 3)  # a Tuesday: the Reuters story's date for the search of X's offices
HISTORY = [
    {"role": "user", "content": "What fines has X received under the DSA?"},
    {"role": "assistant", "content": "The European Commission fined X 120 million euros [1]."},
]


# ------------------------------------------------------------ relative dates
@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("A search was underway on Tuesday at X's offices.", "on Tuesday", "3 February 2026"),
        ("It was announced last Tuesday.", "last Tuesday", "27 January 2026"),
        ("The probe was opened in January last year.", "in January last year", "January 2025"),
        ("Prosecutors spoke yesterday.", "yesterday", "2 February 2026"),
        ("The law passed three days ago.", "three days ago", "31 January 2026"),
        ("The Commission acted last year.", "last year", "2025"),
        ("It met last week.", "last week", "the week of 26 January 2026"),
        ("L’enquête a été ouverte en janvier de l’année dernière.", "en janvier de l’année dernière", "January 2025"),
        ("La perquisition a eu lieu mardi dernier.", "mardi dernier", "27 January 2026"),
        ("La plateforme a été condamnée l’an dernier.", "l’an dernier", "2025"),
        ("Le parquet a annoncé hier l’ouverture d’une enquête.", "hier", "2 February 2026"),
    ],
)
def test_relative_dates_count_from_the_publication_date(text: str, phrase: str, expected: str) -> None:
    (found,) = find_relative_dates(text, PUBLISHED)
    assert found.phrase.strip() == phrase
    assert format_date(found.value, found.granularity, "en") == expected


def test_a_weekday_next_to_a_full_date_is_left_alone() -> None:
    assert find_relative_dates("The search took place on Tuesday, 3 February 2026.", PUBLISHED) == []
    assert find_relative_dates("It happened in January 2025.", PUBLISHED) == []


def test_annotation_names_the_article_it_counts_from() -> None:
    text = "The investigation was opened in January last year [1]. A search was underway on Tuesday [2]."
    out = annotate_relative_dates(text, {1: None, 2: "2026-02-03"}, "en", inline=True)
    # the undated article's phrase stays exactly as written
    assert "in January last year [1]." in out
    assert "on Tuesday (3 February 2026, counting from the publication date of [2], 3 February 2026) [2]." in out


def test_annotation_keeps_quotations_verbatim() -> None:
    text = "“Une perquisition a eu lieu mardi au siège de X.” [1]"
    out = annotate_relative_dates(text, {1: "2026-02-03"}, "fr", inline=False)
    assert out.startswith(text)
    assert "(“mardi”: 3 février 2026, par rapport à la date de publication de [1], le 3 février 2026)" in out


# ------------------------------------------------------------------ rewriting
def test_rule_rewrite_adds_the_previous_subject_to_a_follow_up() -> None:
    standalone = rule_rewrite(HISTORY, "And when was it announced?")
    assert standalone.startswith("And when was it announced?")
    assert "X" in standalone and "DSA" in standalone


def test_rule_rewrite_leaves_a_standalone_question_alone() -> None:
    assert rule_rewrite(HISTORY, "Who is Linda Yaccarino?") == "Who is Linda Yaccarino?"


@pytest.mark.parametrize(
    "question",
    [
        "Quelle amende la Commission européenne a-t-elle infligée à X ?",  # "-t-elle" repeats its own subject
        "Combien de plaintes Google a-t-il reçues ?",
        "How many platforms did Brussels question about TikTok?",
    ],
)
def test_a_question_that_names_its_subject_is_never_rewritten(question: str) -> None:
    assert rule_rewrite(HISTORY, question) == question


def test_a_follow_up_reads_as_a_question() -> None:
    """The line shown as "searched as" is the follow-up and the question it follows, not a keyword list."""
    standalone = rule_rewrite(HISTORY, "And who welcomed it?")
    previous = next(m["content"] for m in reversed(HISTORY) if m["role"] == "user")
    assert standalone == f"And who welcomed it? (about {previous})"


def test_rule_rewrite_in_french() -> None:
    history = [{"role": "user", "content": "Quelle enquête le parquet de Paris a-t-il ouverte sur Kick ?"}]
    standalone = rule_rewrite(history, "Et quand l’a-t-il ouverte ?")
    assert "Kick" in standalone and "à propos de" in standalone


# ---------------------------------------------------------- chat end to end
@pytest.mark.slow
def test_chat_without_llm_rewrites_by_rule(extractive: Assistant) -> None:
    answer = extractive.chat(HISTORY, "And how much was it?")
    assert answer.question == "And how much was it?"
    assert answer.standalone_question and "DSA" in answer.standalone_question
    assert not answer.abstained
    assert any("120" in c.quote for c in answer.citations)


@pytest.mark.slow
def test_chat_rewrites_with_the_llm(llm_assistant: Assistant, fake_openai: FakeOpenAIServer) -> None:
    standalone = "How much was the fine the EU imposed on X under the DSA?"
    fake_openai.push(Reply(f"Standalone question: {standalone}"), "good")
    answer = llm_assistant.chat(HISTORY, "And how much was it?")
    rewrite, generate = fake_openai.chat_requests()
    prompt = rewrite["messages"][1]["content"]
    assert (
        "What fines has X received under the DSA?" in prompt and "<question>And how much was it?</question>" in prompt
    )
    assert re.search(r"<conversation-[0-9a-f]{8}>", prompt)
    assert answer.standalone_question == standalone
    assert f"<question>{standalone}</question>" in generate["messages"][1]["content"]
    assert answer.mode == "llm:good" and answer.question == "And how much was it?"


@pytest.mark.slow
def test_chat_falls_back_to_the_rule_when_the_rewrite_fails(
    llm_assistant: Assistant, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.push("error-500", "good")
    answer = llm_assistant.chat(HISTORY, "And how much was it?")
    assert answer.standalone_question and "DSA" in answer.standalone_question
    assert answer.mode == "llm:good"


@pytest.mark.slow
def test_chat_does_not_wait_twice_for_a_model_that_timed_out(
    llm_assistant: Assistant, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.push("slow", "slow")
    t0 = time.monotonic()
    answer = llm_assistant.chat(HISTORY, "And how much was it?")
    assert time.monotonic() - t0 < 2.0 + 3.0
    assert len(fake_openai.chat_requests()) == 1
    assert answer.mode == "extractive" and "did not answer within 2 s" in (answer.notice or "")


@pytest.mark.slow
def test_stream_with_history_rewrites_first(llm_assistant: Assistant, fake_openai: FakeOpenAIServer) -> None:
    fake_openai.push(Reply("How much was the EU fine on X under the DSA?"), "good")
    *pieces, final = list(llm_assistant.stream("And how much was it?", history=HISTORY))
    assert pieces and isinstance(final, Answer)
    assert final.standalone_question == "How much was the EU fine on X under the DSA?"


@pytest.mark.slow
@pytest.mark.parametrize("history", ["not a list", [{"role": "robot", "content": "hi"}], [{"role": "user"}]])
def test_bad_history_is_a_clear_error(extractive: Assistant, history: Any) -> None:
    with pytest.raises(QuestionError, match="history"):
        extractive.chat(history, "And how much was it?")


@pytest.mark.slow
def test_gradio_style_history_with_text_parts_is_accepted(extractive: Assistant) -> None:
    history = [{"role": "user", "content": [{"type": "text", "text": "What fines has X received under the DSA?"}]}]
    answer = extractive.chat(history, "And how much was it?")
    assert answer.standalone_question and "DSA" in answer.standalone_question


@pytest.mark.slow
def test_generated_relative_dates_become_absolute(llm_assistant: Assistant, fake_openai: FakeOpenAIServer) -> None:
    def dated(request: dict[str, Any]) -> Reply:
        src = sources(request)
        reuters = next(n for n, t in src.items() if "on Tuesday as part of an investigation opened" in t)
        ap = next(n for n, t in src.items() if "opened in January last year" in t)
        return Reply(
            "The Paris prosecutor's office said a search was underway at the French offices of Elon Musk's "
            f"social media network X on Tuesday [{reuters}]. "
            f"The investigation was opened in January last year by the prosecutors' cybercrime unit [{ap}]."
        )

    fake_openai.push(dated)
    answer = llm_assistant.chat([], "When did prosecutors search X's offices?")
    assert answer.verified_sentences == answer.total_sentences == 2
    reuters = next(c for c in answer.citations if c.published == "2026-02-03")
    assert f"on Tuesday (3 February 2026, counting from the publication date of [{reuters.n}], 3 February 2026)" in (
        answer.text
    )
    # The AP story carries no date: its "January last year" is left as written.
    assert "in January last year by" in answer.text


@pytest.mark.slow
def test_extractive_relative_dates_become_absolute(extractive: Assistant) -> None:
    answer = extractive.chat([], "When did prosecutors search X's offices?")
    reuters = next(c for c in answer.citations if c.published == "2026-02-03")
    assert f"(“on Tuesday”: 3 February 2026, counting from the publication date of [{reuters.n}]" in answer.text
    assert f"“{reuters.quote}” [{reuters.n}]" in answer.text  # the quotation itself is untouched
