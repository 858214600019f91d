"""`rag ask --llm / --no-llm` against the fake OpenAI-compatible server."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fake_openai_server import FakeOpenAIServer, fake_openai_fixture, fake_openai_session_fixture  # noqa: F401

from rag import Assistant
from rag.cli import cli

pytestmark = pytest.mark.slow
QUESTION = "Why did Paris prosecutors search X's offices?"


def run(sample_assistant: Assistant, server: FakeOpenAIServer, *args: str, **env: str | None):
    s = sample_assistant.settings
    base = {
        "RAG_CORPUS_DIR": str(s.corpus_dir),
        "RAG_INDEX_DIR": str(s.index_dir),
        "RAG_LLM_BASE_URL": server.url,
        "RAG_LLM_MODEL": "good",
        "RAG_LLM_API_KEY": "test-key",
        "RAG_LLM_TIMEOUT": "2",
        "RAG_LLM_RETRIES": "0",
        "RAG_USE_LLM": None,  # unset: the flags decide
    }
    return CliRunner().invoke(cli, ["ask", *args, QUESTION], env={**base, **env}, catch_exceptions=False)


def test_ask_llm_prints_the_verified_answer_and_its_sources(
    sample_assistant: Assistant, fake_openai: FakeOpenAIServer
) -> None:
    result = run(sample_assistant, fake_openai, "--llm")
    assert result.exit_code == 0, result.output
    reply = fake_openai.chat_requests()[0]["_reply"]
    assert reply.split(" [")[0][:50] in result.stdout
    assert "Sources:" in result.stdout and "[1]" in result.stdout


def test_ask_no_llm_does_not_call_the_model(sample_assistant: Assistant, fake_openai: FakeOpenAIServer) -> None:
    result = run(sample_assistant, fake_openai, "--no-llm")
    assert result.exit_code == 0, result.output
    assert fake_openai.requests == []
    assert result.stdout.startswith("Here is what the sources say")


def test_ask_llm_without_a_model_is_one_clear_error(sample_assistant: Assistant, fake_openai: FakeOpenAIServer) -> None:
    result = run(sample_assistant, fake_openai, "--llm", RAG_LLM_MODEL="")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: generative answers were asked for")
    assert "Traceback" not in result.output


def test_ask_llm_with_a_failing_server_answers_with_a_note(
    sample_assistant: Assistant, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.push("error-500")
    result = run(sample_assistant, fake_openai, "--llm")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Here is what the sources say")
    assert "note: The language model could not be used (its server failed)" in result.stderr
