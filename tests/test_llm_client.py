"""The LLM client against a real OpenAI-compatible HTTP server on 127.0.0.1.

What a caller gets: the reply text, or one LLMError whose message says what
to check, within the configured timeout whatever the server does.
"""

from __future__ import annotations

import socket
import time

import openai
import pytest
from fake_openai_server import FakeOpenAIServer, Reply, fake_openai_fixture, fake_openai_session_fixture  # noqa: F401

from rag.llm.client import LLM, LLMError, get_llm
from rag.settings import Settings

MESSAGES = [
    {"role": "system", "content": "Answer from the sources."},
    {"role": "user", "content": "Who fined X?"},
]


def llm_for(server: FakeOpenAIServer, **kw: object) -> LLM:
    llm = get_llm(Settings(**{**server.settings(), **kw}))
    assert llm is not None
    return llm


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_llm_without_configuration() -> None:
    assert get_llm(Settings(llm_model=None, llm_base_url=None, llm_api_key=None)) is None
    assert get_llm(Settings(llm_model="m", llm_base_url=None, llm_api_key=None)) is None


def test_bad_configuration_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="RAG_LLM_BASE_URL"):
        get_llm(Settings(llm_model="m", llm_base_url="localhost:8000"))
    with pytest.raises(ValueError, match="RAG_LLM_TIMEOUT"):
        get_llm(Settings(llm_model="m", llm_base_url="http://127.0.0.1:1/v1", llm_timeout=0))


def test_bad_messages_are_a_clear_error(fake_openai: FakeOpenAIServer) -> None:
    llm = llm_for(fake_openai)
    with pytest.raises(ValueError, match="role"):
        llm.complete([{"role": "robot", "content": "hi"}])
    assert fake_openai.requests == []


def test_complete_sends_the_settings_and_returns_the_text(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.push(Reply("The Commission fined X [1]."))
    llm = llm_for(fake_openai, llm_model="my-model")
    assert llm.model == "my-model"
    assert llm.complete(MESSAGES, temperature=0.0, max_tokens=50) == "The Commission fined X [1]."
    sent = fake_openai.chat_requests()[0]
    assert sent["model"] == "my-model"
    assert sent["messages"] == MESSAGES
    assert sent["temperature"] == 0.0 and sent["max_tokens"] == 50
    assert sent["_headers"]["Authorization"] == "Bearer test-key"


def test_stream_yields_the_reply_in_pieces(fake_openai: FakeOpenAIServer) -> None:
    text = "The European Commission fined X 120 million euros on Friday [1]."
    fake_openai.push(Reply(text))
    pieces = list(llm_for(fake_openai).stream(MESSAGES))
    assert len(pieces) > 2
    assert "".join(pieces) == text
    assert fake_openai.chat_requests()[0]["stream"] is True


def test_reasoning_block_is_not_part_of_the_answer(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.push(Reply("<think>The user wants a fine.</think>\nX was fined [1]."))
    assert llm_for(fake_openai).complete(MESSAGES) == "X was fined [1]."
    fake_openai.push(Reply("<think>The user wants a fine.</think>\nX was fined [1]."))
    assert "".join(llm_for(fake_openai).stream(MESSAGES)) == "X was fined [1]."


@pytest.mark.parametrize("streaming", [False, True])
@pytest.mark.parametrize(
    ("behaviour", "kind"),
    [
        ("error-500", "server_error"),
        ("error-429", "rate_limited"),
        ("error-401", "auth"),
        ("error-404", "not_found"),
        ("malformed", "malformed"),
        ("empty", "empty"),
    ],
)
def test_failures_raise_one_error_type(
    fake_openai: FakeOpenAIServer, behaviour: str, kind: str, streaming: bool
) -> None:
    fake_openai.push(behaviour)
    llm = llm_for(fake_openai, llm_retries=0)
    with pytest.raises(LLMError) as info:
        "".join(llm.stream(MESSAGES)) if streaming else llm.complete(MESSAGES)
    assert info.value.kind == kind
    assert str(info.value)  # a message a user can act on


def test_404_says_the_base_url_usually_ends_in_v1(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.push("error-404")
    with pytest.raises(LLMError, match="/v1"):
        llm_for(fake_openai).complete(MESSAGES)


def test_quick_failures_are_retried(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.push("error-500", "error-429", Reply("Recovered [1]."))
    assert llm_for(fake_openai, llm_retries=2).complete(MESSAGES) == "Recovered [1]."
    assert len(fake_openai.chat_requests()) == 3


def test_retries_stop_at_the_configured_number(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.push("error-500", "error-500", "error-500", "error-500")
    with pytest.raises(LLMError):
        llm_for(fake_openai, llm_retries=1).complete(MESSAGES)
    assert len(fake_openai.chat_requests()) == 2


def test_a_long_retry_after_fails_now_instead_of_waiting(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.push("error-429-long")
    t0 = time.monotonic()
    with pytest.raises(LLMError, match="3600") as info:
        llm_for(fake_openai, llm_retries=3, llm_timeout=10).complete(MESSAGES)
    assert info.value.kind == "rate_limited"
    assert time.monotonic() - t0 < 2


@pytest.mark.parametrize("streaming", [False, True])
def test_a_slow_server_costs_no_more_than_the_timeout(fake_openai: FakeOpenAIServer, streaming: bool) -> None:
    fake_openai.push("slow", "slow", "slow")  # sleeps 5 s
    llm = llm_for(fake_openai, llm_timeout=1.0, llm_retries=2)
    t0 = time.monotonic()
    with pytest.raises(LLMError, match="RAG_LLM_TIMEOUT") as info:
        "".join(llm.stream(MESSAGES)) if streaming else llm.complete(MESSAGES)
    assert info.value.kind == "timeout"
    assert time.monotonic() - t0 < 2.0
    assert len(fake_openai.chat_requests()) == 1  # a timeout is not retried


def test_a_stream_that_stalls_midway_times_out(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.push(Reply("one two three four five six seven eight nine", chunk_delay=3.0))
    llm = llm_for(fake_openai, llm_timeout=1.0)
    pieces: list[str] = []
    t0 = time.monotonic()
    with pytest.raises(LLMError) as info:
        for piece in llm.stream(MESSAGES):
            pieces.append(piece)
    assert info.value.kind == "timeout"
    assert time.monotonic() - t0 < 2.5


def test_a_server_that_is_down_is_reported_quickly() -> None:
    llm = get_llm(
        Settings(llm_base_url=f"http://127.0.0.1:{closed_port()}/v1", llm_model="m", llm_timeout=5, llm_retries=1)
    )
    assert llm is not None
    t0 = time.monotonic()
    with pytest.raises(LLMError, match="cannot reach") as info:
        llm.complete(MESSAGES)
    assert info.value.kind == "unreachable"
    assert time.monotonic() - t0 < 3


def test_the_fake_server_speaks_the_protocol_to_the_plain_openai_client(fake_openai: FakeOpenAIServer) -> None:
    client = openai.OpenAI(base_url=fake_openai.url, api_key="k", max_retries=0, timeout=5)
    assert "good" in {m.id for m in client.models.list()}
    fake_openai.push(Reply("Hello there"))
    out = client.chat.completions.create(model="good", messages=[{"role": "user", "content": "hi"}])
    assert out.choices[0].message.content == "Hello there"
    fake_openai.push(Reply("Hello there again"))
    stream = client.chat.completions.create(model="good", messages=[{"role": "user", "content": "hi"}], stream=True)
    assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices) == "Hello there again"


def test_same_model_through_llama_index(fake_openai: FakeOpenAIServer) -> None:
    from llama_index.core.llms import ChatMessage

    fake_openai.push(Reply("From LlamaIndex"))
    li = llm_for(fake_openai).llama_index
    assert li.chat([ChatMessage(role="user", content="hi")]).message.content == "From LlamaIndex"
