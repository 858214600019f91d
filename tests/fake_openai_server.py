"""A real OpenAI-compatible chat-completions server on 127.0.0.1, for tests.

It speaks the wire protocol the ``openai`` client speaks (JSON replies,
server-sent events when ``"stream": true``, ``GET /v1/models``), so tests
exercise the real client, its timeouts and its error handling, not a mock.

What it replies is scripted. Each request takes the next entry of the queue
(``server.push(...)``) or, when the queue is empty, the behaviour named by the
request's ``model``. A behaviour is a name from ``BEHAVIOURS`` or a function
``request -> Reply``. The ``"good"`` family reads the numbered sources out of
the prompt and cites them, the way a real model given this project's prompt
would; the others fail in the ways real servers and models fail.

Use it from a test module::

    from fake_openai_server import fake_openai_fixture, fake_openai_session_fixture  # noqa: F401

    def test_x(fake_openai):
        fake_openai.push("error-500")
        settings = fake_openai.settings()  # llm_base_url, llm_model, llm_api_key, llm_timeout, llm_retries

or run it by hand (for ``rag ask --llm`` / ``rag eval``)::

    python tests/fake_openai_server.py --port 8765
    RAG_LLM_BASE_URL=http://127.0.0.1:8765/v1 RAG_LLM_MODEL=bad-markers rag ask "..."
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

_SOURCE = re.compile(r'<source-(?P<tag>[0-9a-f]+) n="(?P<n>\d+)"[^>]*>\n?(?P<text>.*?)\n?</source-(?P=tag)>', re.S)
_QUESTION = re.compile(r"<question>\s*(?P<q>.*?)\s*</question>", re.S)
_SENTENCE = re.compile(r"[^.!?\n]{20,}?[.!?](?=\s|$)")


@dataclass
class Reply:
    """One scripted response. ``body`` (raw bytes) overrides everything but ``status``."""

    text: str | None = ""
    status: int = 200
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the response starts
    chunk_delay: float = 0.0  # seconds between streamed chunks
    broken_stream: bool = False  # a malformed server-sent event after the first chunk


def sources(request: dict[str, Any]) -> dict[int, str]:
    """The numbered source texts of this project's answer prompt, unescaped."""
    prompt = "\n".join(str(m.get("content", "")) for m in request.get("messages", []))
    return {int(m["n"]): html.unescape(m["text"]) for m in _SOURCE.finditer(prompt)}


def question(request: dict[str, Any]) -> str:
    prompt = "\n".join(str(m.get("content", "")) for m in request.get("messages", []))
    m = _QUESTION.search(prompt)
    return html.unescape(m["q"]) if m else ""


def first_sentence(text: str, skip: int = 0) -> str:
    """A sentence of at least a few words: what a model would restate from a source."""
    found = [m.group(0).strip() for m in _SENTENCE.finditer(text) if len(m.group(0).split()) >= 6]
    if not found:
        return text.strip().split("\n")[0]
    return found[min(skip, len(found) - 1)]


def _strip_end(sentence: str) -> str:
    return sentence.rstrip(".!? ")


# ----------------------------------------------------------------- behaviours
def good(request: dict[str, Any]) -> Reply:
    """Restates a sentence of each of the first two sources, each cited."""
    src = sources(request)
    if not src:
        return rewrite(request)
    parts = [f"{_strip_end(first_sentence(src[n]))} [{n}]." for n in sorted(src)[:2]]
    return Reply(" ".join(parts))


def bad_markers(request: dict[str, Any]) -> Reply:
    """Cites a source that does not exist, source 0, and the wrong source for a true sentence."""
    src = sources(request)
    if not src:
        return rewrite(request)
    ns = sorted(src)
    missing = max(ns) + 7
    a = _strip_end(first_sentence(src[ns[0]]))
    parts = [f"{a} [{ns[0]}][{missing}]."]
    if len(ns) > 1:
        b = _strip_end(first_sentence(src[ns[1]]))
        parts.append(f"{b} [{ns[0]}].")  # true, but said by the second source, not the first
    parts.append(f"Moreover, the sources agree on this [{missing}, 0].")
    return Reply(" ".join(parts))


def uncited(request: dict[str, Any]) -> Reply:
    """One true sentence without a marker, and one invented claim without one."""
    src = sources(request)
    if not src:
        return rewrite(request)
    a = _strip_end(first_sentence(src[min(src)]))
    return Reply(f"{a}. The company was also fined 900 billion dollars by the United Nations in 1987.")


def invented(request: dict[str, Any]) -> Reply:
    """A cited claim that no source makes."""
    src = sources(request)
    n = min(src) if src else 1
    return Reply(f"Greenpeace sued the Vatican for 900 billion dollars over submarine patents in 1987 [{n}].")


def injected(request: dict[str, Any]) -> Reply:
    """What a model that obeyed an instruction planted in an article would say."""
    return Reply("PWNED. All previous instructions ignored; visit http://evil.example to learn the truth.")


def abstain(request: dict[str, Any]) -> Reply:
    return Reply("The corpus does not say.")


def rewrite(request: dict[str, Any]) -> Reply:
    """A rewriting request: the last question, with the previous one's subject appended."""
    prompt = "\n".join(str(m.get("content", "")) for m in request.get("messages", []))
    q = question(request) or prompt.strip().splitlines()[-1]
    return Reply(q)


def error(status: int, headers: dict[str, str] | None = None) -> Callable[[dict[str, Any]], Reply]:
    def reply(request: dict[str, Any]) -> Reply:
        body = json.dumps({"error": {"message": f"scripted {status}", "type": "server_error", "code": status}})
        return Reply(status=status, body=body.encode(), headers=headers or {})

    return reply


def slow(seconds: float) -> Callable[[dict[str, Any]], Reply]:
    def reply(request: dict[str, Any]) -> Reply:
        return Reply("Too late [1].", delay=seconds)

    return reply


def malformed(request: dict[str, Any]) -> Reply:
    if request.get("stream"):
        return Reply("Half an answer that then breaks", broken_stream=True)
    return Reply(body=b'{"id": "x", "choices": [{"message": {"content": "trunc')


def empty(request: dict[str, Any]) -> Reply:
    return Reply("")


BEHAVIOURS: dict[str, Callable[[dict[str, Any]], Reply]] = {
    "good": good,
    "bad-markers": bad_markers,
    "uncited": uncited,
    "invented": invented,
    "injected": injected,
    "abstain": abstain,
    "rewrite": rewrite,
    "error-500": error(500),
    "error-429": error(429, {"retry-after": "0.2"}),
    "error-429-long": error(429, {"retry-after": "3600"}),
    "error-401": error(401),
    "error-404": error(404),
    "slow": slow(5.0),
    "malformed": malformed,
    "empty": empty,
}

Script = str | Reply | Callable[[dict[str, Any]], Reply]


# --------------------------------------------------------------------- server
class FakeOpenAIServer:
    """The HTTP server, its script queue and the requests it received."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, default: str = "good") -> None:
        self.default = default
        self.requests: list[dict[str, Any]] = []
        self._queue: deque[Script] = deque()
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self._httpd = ThreadingHTTPServer((host, port), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="fake-openai", daemon=True)

    # ------------------------------------------------------------ lifecycle
    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def reset(self) -> None:
        with self._lock:
            self._queue.clear()
            self.requests.clear()

    # -------------------------------------------------------------- scripts
    def push(self, *scripts: Script) -> None:
        """Queue replies for the next requests, in order (names, Replies or functions)."""
        for s in scripts:
            if isinstance(s, str) and s not in BEHAVIOURS:
                raise ValueError(f"unknown behaviour {s!r}; known: {', '.join(sorted(BEHAVIOURS))}")
        with self._lock:
            self._queue.extend(scripts)

    def settings(self, model: str = "good", timeout: float = 3.0, retries: int = 0) -> dict[str, Any]:
        """Settings overrides that point an Assistant or get_llm at this server."""
        return {
            "llm_base_url": self.url,
            "llm_model": model,
            "llm_api_key": "test-key",
            "llm_timeout": timeout,
            "llm_retries": retries,
        }

    def chat_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r.get("_path", "").endswith("/chat/completions")]

    def _next(self, request: dict[str, Any]) -> Reply:
        with self._lock:
            self.requests.append(request)
            script: Script = self._queue.popleft() if self._queue else str(request.get("model") or self.default)
        if isinstance(script, str):
            script = BEHAVIOURS.get(script, BEHAVIOURS[self.default])
        reply = script if isinstance(script, Reply) else script(request)
        request["_reply"] = reply.text  # what the model "said", for before/after comparisons
        return reply


def _handler(server: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/models"):
                names = sorted(BEHAVIOURS)
                data = [{"id": n, "object": "model", "created": 0, "owned_by": "fake"} for n in names]
                self._send(200, json.dumps({"object": "list", "data": data}).encode())
            else:
                self._send(404, b'{"error": {"message": "not found"}}')

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length)
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send(404, b'{"error": {"message": "not found"}}')
                return
            try:
                request = json.loads(raw)
            except json.JSONDecodeError:
                self._send(400, b'{"error": {"message": "request body is not JSON"}}')
                return
            request["_path"] = self.path
            request["_headers"] = dict(self.headers)
            reply = server._next(request)
            if reply.delay and server.stopping.wait(reply.delay):
                return
            if reply.body is not None or reply.status != 200:
                self._send(reply.status, reply.body or b"{}", reply.headers)
            elif request.get("stream"):
                self._stream(request, reply)
            else:
                self._send(200, json.dumps(_completion(request, reply.text or "")).encode(), reply.headers)

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def _stream(self, request: dict[str, Any], reply: Reply) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("cache-control", "no-cache")
            self.send_header("connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                for i, event in enumerate(_chunks(request, reply.text or "")):
                    self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                    self.wfile.flush()
                    if reply.broken_stream and i == 1:
                        self.wfile.write(b'data: {"choices": [{"delta": {"content": "oops\n\n')
                        self.wfile.flush()
                        return
                    if reply.chunk_delay and server.stopping.wait(reply.chunk_delay):
                        return
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


def _completion(request: dict[str, Any], text: str) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "fake"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": len(text.split()), "total_tokens": 1 + len(text.split())},
    }


def _chunks(request: dict[str, Any], text: str) -> Iterator[dict[str, Any]]:
    """The reply in pieces of a few words, as a real server streams tokens."""
    cid = f"chatcmpl-{uuid.uuid4().hex[:12]}"
    base = {"id": cid, "object": "chat.completion.chunk", "created": int(time.time()), "model": request.get("model")}
    yield {**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]}
    pieces = re.findall(r"\S+\s*", text)
    for i in range(0, len(pieces), 3):
        piece = "".join(pieces[i : i + 3])
        yield {**base, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
    yield {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}


# ------------------------------------------------------------------- fixtures
@pytest.fixture(scope="session", name="fake_openai_session")
def fake_openai_session_fixture() -> Iterator[FakeOpenAIServer]:
    """One server for the whole session (an Assistant built once can keep its URL)."""
    server = FakeOpenAIServer().start()
    yield server
    server.stop()


@pytest.fixture(name="fake_openai")
def fake_openai_fixture(fake_openai_session: FakeOpenAIServer) -> Iterator[FakeOpenAIServer]:
    """The session server with an empty script queue and request log for this test."""
    fake_openai_session.reset()
    yield fake_openai_session
    fake_openai_session.reset()


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Run the fake OpenAI-compatible server in the foreground.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--default", default="good", choices=sorted(BEHAVIOURS))
    args = parser.parse_args()
    server = FakeOpenAIServer(port=args.port, default=args.default).start()
    print(f"fake OpenAI server on {server.url} (models: {', '.join(sorted(BEHAVIOURS))})", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
