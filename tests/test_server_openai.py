"""``/v1`` with the official ``openai`` client against ``rag serve`` running as a real process.

No API keys here (loopback, none configured): the client's placeholder key is
ignored. Every citation is checked against the document text the REST API
serves: the quote must be exactly ``text[start:end]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
from server_process import Server, free_port, start_server

pytestmark = pytest.mark.slow

FLAGSHIP = "What fines has X received under the DSA?"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, built_index: tuple[Path, Path]) -> Iterator[Server]:
    s = start_server(tmp_path_factory.mktemp("srv-openai"), built_index, free_port())
    yield s
    s.stop()


@pytest.fixture(scope="module")
def client(server: Server) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.url + "/v1", api_key="unused", max_retries=0, timeout=60)


def assert_quotes_verbatim(server: Server, citations: list[dict]) -> None:
    texts: dict[str, str] = {}
    for c in citations:
        if c["doc_id"] not in texts:
            r = httpx.get(f"{server.url}/api/documents/{c['doc_id']}", timeout=30)
            assert r.status_code == 200, r.text
            texts[c["doc_id"]] = r.json()["text"]
        assert texts[c["doc_id"]][c["start"] : c["end"]] == c["quote"], c


def test_the_assistant_is_listed_as_a_model(client: openai.OpenAI):
    models = client.models.list()
    assert [m.id for m in models.data] == ["rag-news"]
    assert client.models.retrieve("rag-news").id == "rag-news"


def test_a_chat_completion_answers_with_markers_and_verbatim_citations(client: openai.OpenAI, server: Server):
    done = client.chat.completions.create(model="rag-news", messages=[{"role": "user", "content": FLAGSHIP}])
    text = done.choices[0].message.content
    assert done.choices[0].finish_reason == "stop" and done.object == "chat.completion"
    assert "120 millions" in text and "[1]" in text
    extra = done.model_extra
    assert extra["abstained"] is False
    assert "short_answer" in extra and extra["mode"] == "extractive"
    cites = extra["citations"]
    assert cites and {c["n"] for c in cites} == {int(n) for n in _markers(text)}
    for c in cites:
        assert set(c) >= {"n", "doc_id", "title", "source", "published", "language", "url", "quote", "start", "end"}
    assert_quotes_verbatim(server, cites)


def test_streaming_sends_openai_chunks_and_the_sources_last(client: openai.OpenAI, server: Server):
    stream = client.chat.completions.create(
        model="rag-news", messages=[{"role": "user", "content": FLAGSHIP}], stream=True
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"
    final = chunks[-1].model_extra
    assert final["final_text"] == text and "120 millions" in text
    assert final["citations"] and final["abstained"] is False
    assert_quotes_verbatim(server, final["citations"])
    # The same answer as without streaming.
    plain = client.chat.completions.create(model="rag-news", messages=[{"role": "user", "content": FLAGSHIP}])
    assert plain.choices[0].message.content == text


def test_the_raw_stream_ends_with_done(server: Server):
    body = {"model": "rag-news", "stream": True, "messages": [{"role": "user", "content": FLAGSHIP}]}
    with httpx.stream("POST", server.url + "/v1/chat/completions", json=body, timeout=60) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        events = [line for line in r.iter_lines() if line.startswith("data: ")]
    assert events[-1] == "data: [DONE]" and len(events) >= 4


def test_a_follow_up_uses_the_earlier_messages(client: openai.OpenAI, server: Server):
    first = client.chat.completions.create(model="rag-news", messages=[{"role": "user", "content": FLAGSHIP}])
    messages = [
        {"role": "system", "content": "You are a helpful assistant."},  # ignored: not an instruction to this model
        {"role": "user", "content": FLAGSHIP},
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": "Who welcomed it?"},
    ]
    done = client.chat.completions.create(model="rag-news", messages=messages)
    extra = done.model_extra
    standalone = extra["standalone_question"]
    assert standalone and standalone != "Who welcomed it?"
    assert extra["abstained"] is False and extra["citations"]
    assert_quotes_verbatim(server, extra["citations"])
    # The same answer Assistant.chat gives for that history (through the REST API).
    history = [{"role": m["role"], "content": m["content"]} for m in messages[1:3]]
    rest = httpx.post(
        server.url + "/api/ask", json={"question": "Who welcomed it?", "history": history}, timeout=60
    ).json()
    assert rest["standalone_question"] == standalone and rest["text"] == done.choices[0].message.content


def test_an_unanswerable_question_is_a_normal_answer_flagged_abstained(client: openai.OpenAI):
    done = client.chat.completions.create(
        model="rag-news", messages=[{"role": "user", "content": "What is the maximum fine under the GDPR?"}]
    )
    assert done.choices[0].finish_reason == "stop"
    assert done.model_extra["abstained"] is True
    assert "does not say" in done.choices[0].message.content
    assert done.model_extra["citations"] == []


def test_filters_travel_in_extra_body(client: openai.OpenAI):
    done = client.chat.completions.create(
        model="rag-news",
        messages=[{"role": "user", "content": FLAGSHIP}],
        extra_body={"filters": {"language": "en"}, "top_k": 4},
    )
    assert {c["language"] for c in done.model_extra["citations"]} <= {"en"}


@pytest.mark.parametrize(
    ("kwargs", "status", "words"),
    [
        ({"model": "gpt-4o", "messages": [{"role": "user", "content": FLAGSHIP}]}, 404, "rag-news"),
        ({"model": "rag-news", "messages": []}, 400, "messages"),
        ({"model": "rag-news", "messages": [{"role": "user", "content": "   "}]}, 400, "question is empty"),
        ({"model": "rag-news", "messages": [{"role": "user", "content": "x" * 3000}]}, 400, "RAG_MAX_QUESTION_CHARS"),
        ({"model": "rag-news", "messages": [{"role": "assistant", "content": "hi"}]}, 400, "last message"),
        ({"model": "rag-news", "messages": [{"role": "user", "content": FLAGSHIP}], "n": 3}, 400, "n must be 1"),
    ],
)
def test_bad_requests_get_openai_errors_that_say_what_to_fix(client: openai.OpenAI, kwargs, status, words):
    with pytest.raises(openai.APIStatusError) as err:
        client.chat.completions.create(**kwargs)
    assert err.value.status_code == status
    body = err.value.response.json()
    assert set(body["error"]) == {"message", "type", "param", "code"}
    assert words in body["error"]["message"]
    assert "Traceback" not in err.value.response.text


def test_unknown_filters_are_refused(client: openai.OpenAI):
    with pytest.raises(openai.BadRequestError) as err:
        client.chat.completions.create(
            model="rag-news", messages=[{"role": "user", "content": FLAGSHIP}], extra_body={"filters": {"lang": "fr"}}
        )
    assert "unknown filter" in err.value.response.json()["error"]["message"]


def _markers(text: str) -> list[str]:
    import re

    return re.findall(r"\[(\d+)\]", text)
