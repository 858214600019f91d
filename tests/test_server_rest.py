"""``/api`` with ``httpx`` against ``rag serve`` as a real process, with API keys on.

The server here has keys (``RAG_API_KEYS``), so every call but the health
probe must carry one; ``test_server_openai`` covers the same server without
keys. Upload → ask → delete → ask again runs on this server's private copy of
the corpus and index.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from server_process import Server, free_port, start_server

from rag.server.cli import serve_command
from rag.server.security import KeyConfigError, exposure_problem, load_api_keys
from rag.settings import Settings

pytestmark = pytest.mark.slow

KEY = "test-key-0123456789abcdef"
OTHER_KEY = "second-key-abcdefghijklmnop"
ATLANTIS = """# Atlantis fines Telegram

The communications regulator of Atlantis fined the messaging service Telegram 5 million euros on Monday.

The regulator said the company had failed to answer three requests about illegal content in public channels. Telegram did not comment on the decision, which it can appeal within two months.
"""
ATLANTIS_Q = "How much did the regulator of Atlantis fine Telegram?"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, built_index: tuple[Path, Path]) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("srv-rest")
    keys = tmp / "keys.txt"
    keys.write_text(f"# team keys\n{OTHER_KEY}\n", encoding="utf-8")
    env = {"RAG_API_KEYS": KEY, "RAG_API_KEYS_FILE": str(keys), "RAG_SERVER_MAX_REQUEST_KB": "64"}
    s = start_server(tmp, built_index, free_port(), env=env)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {KEY}"}, timeout=120) as c:
        yield c


def error_of(r: httpx.Response) -> str:
    body = r.json()
    assert set(body["error"]) == {"message", "type", "param", "code"}, body
    assert "Traceback" not in r.text
    return body["error"]["message"]


# ------------------------------------------------------------------ auth
def test_without_a_key_every_api_refuses_with_401(server: Server):
    for method, path in [("GET", "/v1/models"), ("POST", "/api/ask"), ("GET", "/api/documents"), ("POST", "/mcp")]:
        r = httpx.request(method, server.url + path, json={}, timeout=30)
        assert r.status_code == 401, (path, r.text)
        assert "Authorization: Bearer" in error_of(r)
        assert r.headers["www-authenticate"] == "Bearer"


def test_a_wrong_key_is_refused_and_both_configured_keys_work(server: Server):
    r = httpx.get(server.url + "/v1/models", headers={"Authorization": "Bearer wrong-key-0123456789"}, timeout=30)
    assert r.status_code == 401 and "not valid" in error_of(r)
    for headers in ({"Authorization": f"Bearer {KEY}"}, {"X-API-Key": OTHER_KEY}):
        r = httpx.get(server.url + "/v1/models", headers=headers, timeout=30)
        assert r.status_code == 200 and r.json()["data"][0]["id"] == "rag-news"


def test_health_docs_and_page_need_no_key(server: Server):
    health = httpx.get(server.url + "/api/health", timeout=30).json()
    assert health["status"] == "ready" and health["chunks"] > 100
    docs = httpx.get(server.url + "/api/docs", timeout=30)
    assert docs.status_code == 200 and "/api/docs/static/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()  # the docs page works offline
    assert httpx.get(server.url + "/api/docs/static/swagger-ui-bundle.js", timeout=30).status_code == 200
    schema = httpx.get(server.url + "/api/openapi.json", timeout=30).json()
    assert {"/api/ask", "/api/retrieve", "/api/documents", "/v1/chat/completions"} <= set(schema["paths"])
    assert "Answer" in schema["components"]["schemas"] and "Citation" in schema["components"]["schemas"]
    page = httpx.get(server.url + "/", timeout=30)
    assert page.status_code == 200 and "gradio" in page.text.lower()


# ------------------------------------------------------------ ask, retrieve
def test_ask_returns_the_python_apis_answer(api: httpx.Client):
    r = api.post("/api/ask", json={"question": "What fines has X received under the DSA?", "top_k": 6})
    assert r.status_code == 200, r.text
    a = r.json()
    assert set(a) >= {"question", "text", "citations", "passages", "abstained", "mode", "short_answer", "timings"}
    assert a["abstained"] is False and a["citations"] and "120" in a["text"]
    for c in a["citations"]:
        doc = api.get(f"/api/documents/{c['doc_id']}").json()
        assert doc["text"][c["start"] : c["end"]] == c["quote"]


def test_retrieve_with_filters_and_top_k(api: httpx.Client):
    r = api.post("/api/retrieve", json={"question": "amende X DSA", "top_k": 3, "filters": {"language": "fr"}})
    assert r.status_code == 200, r.text
    passages = r.json()
    assert 1 <= len(passages) <= 3
    assert {p["metadata"]["language"] for p in passages} == {"fr"}


def test_mode_llm_without_an_llm_is_a_clear_400(api: httpx.Client):
    r = api.post("/api/ask", json={"question": "What fines has X received under the DSA?", "mode": "llm"})
    assert r.status_code == 400 and "RAG_LLM_MODEL" in error_of(r)


def test_documents_list_and_show(api: httpx.Client):
    docs = api.get("/api/documents").json()
    assert len(docs) == 9 and all(d["doc_id"] and d["language"] in ("en", "fr") for d in docs)
    one = api.get(f"/api/documents/{docs[0]['doc_id']}").json()
    assert one["doc_id"] == docs[0]["doc_id"] and len(one["text"]) > 200
    missing = api.get("/api/documents/0000000000000000")
    assert missing.status_code == 404 and "GET /api/documents" in error_of(missing)
    stats = api.get("/api/stats").json()
    assert stats["documents"] == 9 and stats["chunks"] > 100


# --------------------------------------------------- upload, ask, delete, ask
def test_upload_ask_delete_ask_again(api: httpx.Client, server: Server):
    before = api.post("/api/ask", json={"question": ATLANTIS_Q}).json()
    assert before["abstained"] is True

    files = {"files": ("atlantis.md", ATLANTIS.encode(), "text/markdown")}
    up = api.post("/api/documents", files=files)
    assert up.status_code == 200, up.text
    result = up.json()
    assert result["saved"] == ["atlantis.md"] and len(result["report"]["added"]) == 1
    assert (server.corpus / "atlantis.md").read_text(encoding="utf-8") == ATLANTIS

    answer = api.post("/api/ask", json={"question": ATLANTIS_Q}).json()
    assert answer["abstained"] is False and "5 million euros" in answer["text"]
    doc_id = answer["citations"][0]["doc_id"]
    assert api.get(f"/api/documents/{doc_id}").json()["metadata"]["path"].endswith("atlantis.md")

    gone = api.delete(f"/api/documents/{doc_id}")
    assert gone.status_code == 200 and gone.json()["removed"] == [doc_id]
    assert not (server.corpus / "atlantis.md").exists()
    after = api.post("/api/ask", json={"question": ATLANTIS_Q}).json()
    assert after["abstained"] is True and "5 million euros" not in after["text"]
    assert api.delete(f"/api/documents/{doc_id}").status_code == 404


def test_hostile_and_unreadable_uploads_are_refused(api: httpx.Client, server: Server):
    r = api.post("/api/documents", files={"files": ("../../evil.sh", b"#!/bin/sh\nrm -rf /\n", "text/plain")})
    assert r.status_code == 400 and "unsupported file type .sh" in error_of(r)
    r = api.post("/api/documents", files={"files": ("empty.txt", b"", "text/plain")})
    assert r.status_code == 400 and "empty" in error_of(r)
    assert not any(p.name in ("evil.sh", "empty.txt") for p in server.corpus.iterdir())


def test_reindex_runs_in_the_background_with_progress(api: httpx.Client):
    r = api.post("/api/index")
    assert r.status_code == 202 and r.json()["busy"] is True
    import time

    deadline = time.monotonic() + 120
    status = api.get("/api/index").json()
    while status["busy"] and time.monotonic() < deadline:
        time.sleep(0.3)
        status = api.get("/api/index").json()
    assert not status["busy"] and status["error"] is None
    assert status["last"].startswith("added 0") and status["documents"] == 9


# ------------------------------------------------------ malformed, oversized
def test_malformed_requests_say_what_is_wrong(api: httpx.Client):
    r = api.post("/api/ask", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and "not valid JSON" in error_of(r)
    r = api.post("/api/ask", json={"question": "x", "filters": {"since": "last week"}})
    assert r.status_code == 400 and "YYYY-MM-DD" in error_of(r)
    r = api.post("/api/ask", json={"question": "x", "top_k": 0})
    assert r.status_code == 400 and "top_k" in error_of(r)
    r = api.post("/api/ask", json={"query": "x"})
    assert r.status_code == 400 and "question" in error_of(r)
    r = api.get("/api/nothing-here")
    assert r.status_code == 404 and "/api/docs" in error_of(r)


def test_oversized_requests_are_refused_before_they_are_read(api: httpx.Client, server: Server):
    big = {"question": "x" * 70_000}
    r = api.post("/api/ask", json=big)
    assert r.status_code == 413 and "RAG_SERVER_MAX_REQUEST_KB" in error_of(r)

    # A chunked body with no Content-Length is counted as it arrives.
    def chunks() -> Iterator[bytes]:
        yield b'{"question": "'
        for _ in range(100):
            yield b"y" * 1000
        yield b'"}'

    r = api.post("/api/ask", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    # The server is still fine.
    assert api.get("/api/health").json()["status"] == "ready"


# ----------------------------------------------------- configuration checks
def test_keys_from_the_setting_and_the_file(tmp_path: Path):
    f = tmp_path / "keys"
    f.write_text(f"# comment\n\n{OTHER_KEY}\n", encoding="utf-8")
    keys = load_api_keys(Settings(api_keys=f" {KEY} ,", api_keys_file=f))
    assert keys == {KEY, OTHER_KEY}
    with pytest.raises(KeyConfigError, match="at least 16"):
        load_api_keys(Settings(api_keys="short"))
    with pytest.raises(KeyConfigError, match="cannot read"):
        load_api_keys(Settings(api_keys_file=tmp_path / "missing"))
    (tmp_path / "blank").write_text("# none\n", encoding="utf-8")
    with pytest.raises(KeyConfigError, match="holds no key"):
        load_api_keys(Settings(api_keys_file=tmp_path / "blank"))


def test_exposure_rules():
    assert exposure_problem("127.0.0.1", frozenset(), ui_login=False) is None
    assert exposure_problem("::1", frozenset(), ui_login=False) is None
    assert "API keys" in exposure_problem("0.0.0.0", frozenset(), ui_login=True)
    assert "RAG_UI_AUTH" in exposure_problem("192.0.2.7", frozenset({KEY}), ui_login=False)
    assert exposure_problem("0.0.0.0", frozenset({KEY}), ui_login=True) is None


def test_serve_refuses_an_exposed_address_without_protection(tmp_path: Path):
    env = {"RAG_INDEX_DIR": str(tmp_path / "index"), "RAG_API_KEYS": "", "RAG_UI_AUTH": ""}
    result = CliRunner().invoke(serve_command, ["--host", "0.0.0.0", "--no-ingest"], env=env)
    assert result.exit_code == 1
    assert "error: refusing to serve on 0.0.0.0" in result.output and "RAG_API_KEYS" in result.output
    assert not (tmp_path / "index").exists()  # refused before opening anything


def test_a_port_in_use_is_one_clear_error(tmp_path: Path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        env = {"RAG_INDEX_DIR": str(tmp_path / "index")}
        result = CliRunner().invoke(serve_command, ["--port", str(port), "--no-ingest"], env=env)
    assert result.exit_code == 1 and f"error: cannot serve on 127.0.0.1:{port}" in result.output
