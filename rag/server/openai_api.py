"""``/v1``: the assistant as an OpenAI-compatible chat model, so chat front ends and scripts work unchanged.

A conversation's last user message is the question; the user and assistant
messages before it are the history a follow-up is rewritten against
(``Assistant.chat`` / ``Assistant.stream(history=...)``). System messages are
not instructions to this model (its behaviour is fixed: answer from the corpus,
cite, or say the corpus does not say) and are ignored.

The answer text keeps its ``[n]`` markers. What a plain client would drop
travels in extra top-level fields of the response (and of the final stream
chunk): ``citations`` (n, doc_id, title, source, published, language, url,
quote, start, end, score, verified), ``abstained``, ``short_answer``, ``mode``
and ``notice``. The response objects are the ``openai`` package's own types,
so the wire format is the one its client parses.

Streaming: the text as it is produced, then a last chunk with
``finish_reason: "stop"``, the extra fields and ``final_text``, the verified
answer text. In extractive mode (the default) the streamed text already is
the final text; a generated answer's markers may be renumbered by
verification, and ``final_text`` is then the one to keep.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from openai.types import Model
from openai.types.chat import ChatCompletion, ChatCompletionChunk, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice
from openai.types.chat.chat_completion_chunk import Choice as ChunkChoice
from openai.types.chat.chat_completion_chunk import ChoiceDelta
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import iterate_in_threadpool

from ..conversation.followup import HistoryError, normalise_history
from ..types import Answer
from .context import Engine, FiltersIn, Mode, api_error
from .security import API_KEY, ApiError, Busy, error_body

CITATION_FIELDS = ("n", "doc_id", "title", "source", "published", "language", "url", "quote", "start", "end")


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    text: str | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None


class ChatRequest(BaseModel):
    """OpenAI's chat-completions request; sampling options (temperature, max_tokens, ...) are accepted and ignored.

    ``filters``, ``top_k`` and ``mode`` are this server's extensions (the
    ``openai`` client sends them with ``extra_body=``).
    """

    model_config = ConfigDict(extra="allow")
    model: str
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    n: int | None = Field(default=None, ge=1)
    filters: FiltersIn | None = None
    top_k: int | None = Field(default=None, ge=1, le=100)
    mode: Mode | None = None


def build_router(engine: Engine) -> APIRouter:
    router = APIRouter(prefix="/v1", dependencies=[API_KEY], tags=["OpenAI-compatible"])
    model_name = engine.settings.server_model_name

    @router.get("/models", summary="The assistant, listed as one model")
    async def list_models() -> dict[str, Any]:
        return {"object": "list", "data": [_model(model_name).model_dump()]}

    @router.get("/models/{model_id}", summary="One model")
    async def get_model(model_id: str) -> dict[str, Any]:
        _check_model(model_id, model_name)
        return _model(model_name).model_dump()

    @router.post("/chat/completions", summary="Answer the conversation's last user message from the corpus")
    async def chat_completions(body: ChatRequest, request: Request) -> Any:
        _check_model(body.model, model_name)
        if body.n not in (None, 1):
            raise ApiError(400, "n must be 1: the assistant gives one answer per question", param="n")
        question, history = _conversation(body)
        assistant = engine.answering(body.mode)
        # Checked before any answer starts, so a bad question is a 400, not an error inside a stream.
        try:
            assistant.check_question(question)
        except Exception as exc:
            raise api_error(exc) from exc
        filters = body.filters
        cid = f"chatcmpl-{uuid.uuid4().hex}"
        created = int(time.time())
        if not body.stream:
            if history:
                answer = await engine.run(assistant.chat, history, question, body.top_k, filters)
            else:
                answer = await engine.run(assistant.ask, question, body.top_k, filters)
            return JSONResponse(_completion(cid, created, model_name, answer))
        if engine.gate.waiting >= engine.gate.queue_size:  # refuse now, while a status code can still say so
            raise Busy(engine.gate.waiting)

        def pieces() -> Iterator[str | Answer]:
            return assistant.stream(question, body.top_k, filters, history=history or None)

        return StreamingResponse(
            _sse(engine, pieces, cid, created, model_name),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return router


def _model(name: str) -> Model:
    return Model(id=name, object="model", created=0, owned_by="rag-news")


def _check_model(requested: str, name: str) -> None:
    if requested != name:
        raise ApiError(
            404,
            f"the model {requested!r} does not exist here; this server answers as model {name!r} (GET /v1/models)",
            code="model_not_found",
            param="model",
        )


def _conversation(body: ChatRequest) -> tuple[str, list[dict[str, str]]]:
    """The question (last user message) and the user/assistant turns before it."""
    turns = [m for m in body.messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user":
        raise ApiError(400, "the last message must be the user's question (role 'user')", param="messages")
    raw = []
    for i, m in enumerate(turns):
        if isinstance(m.content, list) and any(p.type != "text" for p in m.content):
            kinds = sorted({p.type for p in m.content if p.type != "text"})
            raise ApiError(
                400, f"messages[{i}] holds {', '.join(kinds)} parts; only text is supported", param="messages"
            )
        content = m.content if isinstance(m.content, str) else " ".join(p.text or "" for p in m.content or [])
        raw.append({"role": m.role, "content": content})
    try:
        history = normalise_history(raw[:-1])
    except HistoryError as exc:
        raise ApiError(400, str(exc), param="messages") from exc
    return raw[-1]["content"], history


def _extras(answer: Answer) -> dict[str, Any]:
    return {
        "citations": [
            {**{f: getattr(c, f) for f in CITATION_FIELDS}, "score": c.score, "verified": c.verified}
            for c in answer.citations
        ],
        "abstained": answer.abstained,
        "short_answer": answer.short_answer.to_dict() if answer.short_answer is not None else None,
        "mode": answer.mode,
        "notice": answer.notice,
        "standalone_question": answer.standalone_question,
    }


def _completion(cid: str, created: int, model: str, answer: Answer) -> dict[str, Any]:
    message = ChatCompletionMessage(role="assistant", content=answer.text)
    completion = ChatCompletion(
        id=cid,
        object="chat.completion",
        created=created,
        model=model,
        choices=[Choice(index=0, finish_reason="stop", message=message)],
    )
    return {**completion.model_dump(exclude_unset=True), **_extras(answer)}


def _chunk(cid: str, created: int, model: str, delta: ChoiceDelta, finish: str | None = None) -> dict[str, Any]:
    chunk = ChatCompletionChunk(
        id=cid,
        object="chat.completion.chunk",
        created=created,
        model=model,
        choices=[ChunkChoice(index=0, delta=delta, finish_reason=finish)],  # type: ignore[arg-type]
    )
    return chunk.model_dump(exclude_unset=True)


def _event(data: dict[str, Any]) -> str:
    return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"


async def _sse(engine: Engine, pieces: Any, cid: str, created: int, model: str) -> AsyncIterator[str]:
    """Server-sent events in OpenAI's chunk format; an error after the headers went out is an ``error`` event."""
    try:
        async with engine.gate.slot():
            yield _event(_chunk(cid, created, model, ChoiceDelta(role="assistant", content="")))
            answer: Answer | None = None
            async for item in iterate_in_threadpool(pieces()):
                if isinstance(item, Answer):
                    answer = item
                elif item:
                    yield _event(_chunk(cid, created, model, ChoiceDelta(content=item)))
            assert answer is not None, "an answer stream always ends with its Answer"
            final = _chunk(cid, created, model, ChoiceDelta(), finish="stop")
            yield _event({**final, **_extras(answer), "final_text": answer.text})
    except Exception as exc:
        err = api_error(exc)
        yield _event(error_body(err.message, err.type, err.code, err.param))
    yield "data: [DONE]\n\n"
