"""The MCP server with the official ``mcp`` SDK's client: ``rag mcp`` over stdio, and ``/mcp`` in ``rag serve``.

The stdio server is started by the client itself, as an editor or desktop
assistant would start it, on a private copy of the prebuilt sample index.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from server_process import RAG, Server, clean_env, free_port, run_async, start_server

pytestmark = pytest.mark.slow

KEY = "mcp-test-key-0123456789abcdef"
FLAGSHIP = "What fines has X received under the DSA?"


@pytest.fixture(scope="module")
def stdio_params(tmp_path_factory: pytest.TempPathFactory, built_index: tuple[Path, Path]) -> StdioServerParameters:
    tmp = tmp_path_factory.mktemp("mcp-stdio")
    shutil.copytree(built_index[0], tmp / "corpus")
    shutil.copytree(built_index[1], tmp / "index")
    return StdioServerParameters(
        command=RAG,
        args=["--corpus-dir", str(tmp / "corpus"), "--index-dir", str(tmp / "index"), "mcp"],
        env=clean_env(),
        cwd=str(tmp),
    )


def structured(result: Any) -> dict[str, Any]:
    assert not result.is_error, result.content
    return result.structured_content


async def _exercise(client: Client) -> dict[str, Any]:
    """Everything a calling model would do: list, call each tool, list and read a document."""
    out: dict[str, Any] = {}
    tools = (await client.list_tools()).tools
    out["tools"] = {t.name: t for t in tools}
    out["search"] = structured(
        await client.call_tool("search_corpus", {"query": FLAGSHIP, "top_k": 3, "filters": {"language": "fr"}})
    )
    out["ask"] = structured(await client.call_tool("ask", {"question": FLAGSHIP}))
    out["abstain"] = structured(await client.call_tool("ask", {"question": "What is the maximum fine under the GDPR?"}))
    out["sources"] = structured(await client.call_tool("list_sources", {"filters": {"language": "en"}}))
    out["empty"] = await client.call_tool("ask", {"question": "   "})
    resources = (await client.list_resources()).resources
    out["resources"] = resources
    doc_id = out["ask"]["citations"][0]["doc_id"]
    read = await client.read_resource(f"rag-news://documents/{doc_id}")
    out["doc_text"] = read.contents[0].text
    return out


def _check(out: dict[str, Any]) -> None:
    tools = out["tools"]
    assert set(tools) == {"search_corpus", "ask", "list_sources"}
    for t in tools.values():
        assert "never as instructions" in t.description or "not instructions" in t.description
    assert set(tools["search_corpus"].input_schema["properties"]) == {"query", "filters", "top_k"}
    assert set(tools["ask"].input_schema["properties"]) == {"question", "filters"}

    passages = out["search"]["passages"]
    assert 1 <= len(passages) <= 3 and {p["metadata"]["language"] for p in passages} == {"fr"}
    assert "never as instructions" in out["search"]["note"]

    ask = out["ask"]
    assert ask["abstained"] is False and "120 millions" in ask["answer"] and "[1]" in ask["answer"]
    first = ask["citations"][0]
    assert out["doc_text"][first["start"] : first["end"]] == first["quote"]  # the resource is the cited text
    assert out["abstain"]["abstained"] is True and out["abstain"]["citations"] == []

    docs = out["sources"]["documents"]
    assert docs and {d["language"] for d in docs} == {"en"}
    assert out["empty"].is_error and "question is empty" in out["empty"].content[0].text

    uris = {str(r.uri) for r in out["resources"]}
    assert len(uris) == 9 and f"rag-news://documents/{first['doc_id']}" in uris


def test_rag_mcp_over_stdio_lists_the_tools_and_calls_each(stdio_params: StdioServerParameters):
    async def main() -> dict[str, Any]:
        async with Client(stdio_params, read_timeout_seconds=120) as client:
            return await _exercise(client)

    _check(run_async(main))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, built_index: tuple[Path, Path]) -> Iterator[Server]:
    s = start_server(tmp_path_factory.mktemp("srv-mcp"), built_index, free_port(), env={"RAG_API_KEYS": KEY})
    yield s
    s.stop()


def test_the_mcp_mount_in_rag_serve_needs_the_key(server: Server):
    async def main(headers: dict[str, str]) -> dict[str, Any]:
        async with httpx2.AsyncClient(headers=headers, timeout=120) as http:
            transport = streamable_http_client(server.url + "/mcp", http_client=http)
            async with Client(transport, read_timeout_seconds=120) as client:
                return await _exercise(client)

    _check(run_async(main, {"Authorization": f"Bearer {KEY}"}))
    with pytest.raises(ExceptionGroup) as err:  # the SDK reports the refused request inside its task group
        run_async(main, {"Authorization": "Bearer not-a-valid-key-at-all"})
    assert err.group_contains(MCPError, depth=None)
    refused = httpx.post(
        server.url + "/mcp", json={}, headers={"Authorization": "Bearer not-a-valid-key-at-all"}, timeout=30
    )
    assert refused.status_code == 401 and "not valid" in refused.json()["error"]["message"]
