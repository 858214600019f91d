"""The bounded queue and CORS, on the real app in process (``httpx`` over ASGI) and the session's sample index.

A full queue must answer 503 at once with a message and Retry-After, not let
requests pile up; CORS headers appear only for origins the settings list.
"""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import pytest
from server_process import run_async

from rag import Assistant
from rag.server.app import create_app
from rag.server.security import Busy, Gate
from rag.ui.service import Service

FLAGSHIP = "What fines has X received under the DSA?"


def _app(sample_assistant: Assistant, **settings: Any):
    s = sample_assistant.settings.model_copy(update={"use_llm": False, **settings})
    service = Service(Assistant(settings=s), echo=None)
    service.refresh()
    return create_app(service, ui=False, mcp=False)


def test_the_gate_lets_n_run_q_wait_and_refuses_the_rest():
    async def main() -> list[str]:
        gate = Gate(concurrency=1, queue_size=1)
        events: list[str] = []
        release = anyio.Event()

        async def job(name: str) -> None:
            try:
                async with gate.slot():
                    events.append(f"{name} runs")
                    await release.wait()
            except Busy as exc:
                events.append(f"{name} refused: {exc.status} {exc.message}")

        async with anyio.create_task_group() as tg:
            tg.start_soon(job, "a")
            await anyio.sleep(0.05)
            tg.start_soon(job, "b")  # waits
            await anyio.sleep(0.05)
            tg.start_soon(job, "c")  # the queue is full
            await anyio.sleep(0.05)
            assert gate.running == 1 and gate.waiting == 1
            release.set()
        assert gate.running == 0 and gate.waiting == 0
        return events

    events = run_async(main)
    assert events[0] == "a runs"
    assert events[1].startswith("c refused: 503") and "RAG_UI_QUEUE_SIZE" in events[1]
    assert events[2] == "b runs"


@pytest.mark.slow
def test_a_burst_beyond_the_queue_gets_503_with_retry_after(sample_assistant: Assistant):
    app = _app(sample_assistant, ui_concurrency=1, ui_queue_size=1)

    async def main() -> list[httpx.Response]:
        out: list[httpx.Response] = []
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1", timeout=120) as client:

            async def one(i: int) -> None:
                out.append(await client.post("/api/ask", json={"question": f"{FLAGSHIP} ({i})"}))

            async with anyio.create_task_group() as tg:
                for i in range(6):
                    tg.start_soon(one, i)
        return out

    responses = run_async(main)
    codes = sorted(r.status_code for r in responses)
    assert codes.count(200) >= 2 and codes.count(503) >= 1, codes
    for r in responses:
        if r.status_code == 503:
            assert r.headers["retry-after"] == "2"
            assert "retry in a few seconds" in r.json()["error"]["message"]
        else:
            assert r.json()["abstained"] is False


@pytest.mark.slow
def test_cors_is_off_unless_origins_are_listed(sample_assistant: Assistant):
    preflight = {"Origin": "http://dash.example", "Access-Control-Request-Method": "POST"}

    async def run(app) -> tuple[httpx.Response, httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as client:
            return (
                await client.options("/api/ask", headers=preflight),
                await client.get("/api/health", headers={"Origin": "http://dash.example"}),
            )

    off_pre, off_get = run_async(run, _app(sample_assistant))
    assert "access-control-allow-origin" not in off_get.headers
    assert "access-control-allow-origin" not in off_pre.headers
    on_pre, on_get = run_async(run, _app(sample_assistant, server_cors_origins="http://dash.example"))
    assert on_pre.status_code == 200 and on_pre.headers["access-control-allow-origin"] == "http://dash.example"
    assert on_get.headers["access-control-allow-origin"] == "http://dash.example"
    other = run_async(run, _app(sample_assistant, server_cors_origins="http://other.example"))[1]
    assert "access-control-allow-origin" not in other.headers
