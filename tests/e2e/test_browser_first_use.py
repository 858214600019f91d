"""What a first-time user meets, in Chromium (issue 10, items 13-20): each test leaves a screenshot.

Runs after test_browser_evaluation.py on the same server (file order). The
delete test adds an article and removes it again, so the corpus is the
sample's when it ends.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


FLAGSHIP = "What fines has X received under the DSA?"
KOREA = "What are South Korean police investigating Telegram for?"
OUT_OF_CORPUS = "What is the maximum fine under the GDPR?"
ARTICLE = """Datatilsynet fines Quillo over location data

Oslo, 3 June 2026 — Norway's data protection authority Datatilsynet fined the dating app Quillo 4 million kroner for sharing users' location data with advertisers without consent.
"""


def test_the_terminal_times_the_ingest_once_and_says_when_the_index_is_ready(driver: Any):
    driver.open()
    lines = driver.server.log_text().splitlines()
    done = [line for line in lines if re.match(r"indexing .*: added 5, ", line)]
    assert len(done) == 1, lines
    assert len(re.findall(r"\d+\.\ds\b", done[0])) == 1, done[0]
    ready = [line for line in lines if line.startswith("ready")]
    assert ready == [f"ready: 9 articles from 5 files (108 passages) indexed; ask questions at {driver.server.url}"]
    assert lines.index(ready[0]) > lines.index(done[0])


def _overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and (a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])
    )


def test_nothing_floats_over_the_conversation_and_new_conversation_is_a_button_by_it(driver: Any):
    driver.open()
    page = driver.page
    for q in (FLAGSHIP, KOREA, OUT_OF_CORPUS):
        driver.ask(q)
    log = page.locator("#rn-chat [role=log]")
    log.evaluate("el => { el.scrollTop = 250; }")
    page.wait_for_timeout(300)
    driver.shot("first-use-1-chat-scrolled")
    # Whatever sits at the top edge of the scrolled conversation is the conversation itself.
    area = log.bounding_box()
    assert area
    for fx in (0.05, 0.5, 0.95):
        hit = page.evaluate(
            "([x, y]) => { const e = document.elementFromPoint(x, y); return e ? !!e.closest('[role=log]') : null; }",
            [area["x"] + fx * area["width"], area["y"] + 6],
        )
        assert hit, f"something covers the top of the chat at {fx:.0%} of its width"
    for floating in ("#rn-chat [data-testid=block-label]", "#rn-chat .top-panel button"):
        for i in range(page.locator(floating).count()):
            el = page.locator(floating).nth(i)
            box = el.bounding_box() if el.is_visible() else None
            assert box is None or not _overlaps(box, area), floating
    clear = page.locator("#rn-clear")
    expect(clear).to_be_visible()
    expect(clear).to_have_text("New conversation")
    button, chat = clear.bounding_box(), page.locator("#rn-chat").bounding_box()
    assert button and chat
    assert button["height"] >= 32 and button["width"] >= 120  # a real button, not an icon
    assert 0 <= chat["y"] - (button["y"] + button["height"]) <= 40  # right above the chat
    clear.click()
    expect(page.locator("#rn-chat .rn-question")).to_have_count(0)
    expect(page.locator("#rn-sources")).to_contain_text("Sources appear here")


def test_sources_say_how_well_they_match_in_words_and_untitled_articles_are_named(driver: Any):
    driver.open()
    page = driver.page
    answer, _ = driver.ask(KOREA)
    expect(answer).to_contain_text("Telegram")
    panel = page.locator("#rn-sources .rn-turn.active")
    expect(panel.locator(".rn-relevance").first).to_contain_text(re.compile(r"best match|only source"))
    expect(panel).not_to_contain_text("score")
    assert not re.search(r"\b\d\.\d\d\b", panel.inner_text()), panel.inner_text()
    titles = panel.locator(".rn-title").all_inner_texts()
    assert any(t.startswith("South Korean authorities have initiated a probe") for t in titles), titles
    assert "(untitled)" not in titles
    panel.locator("details").first.locator("summary").click()
    driver.shot("first-use-2-relevance-and-title")
    driver.tab("Corpus")
    expect(page.locator("#rn-docs")).to_contain_text("South Korean authorities have initiated a probe")
    expect(page.locator("#rn-docs")).not_to_contain_text("(untitled)")


def test_an_abstention_that_quotes_nothing_has_no_answer_mode_footer(driver: Any):
    driver.open()
    answer, _ = driver.ask(OUT_OF_CORPUS)
    expect(answer).to_contain_text("does not say")
    expect(answer.locator(".rn-mode")).to_have_count(0)
    expect(answer).not_to_contain_text("quotes from the sources")
    expect(answer.locator(".rn-badge")).to_contain_text("not answered")
    driver.shot("first-use-3-abstention-footer")
    quoted, _ = driver.ask(FLAGSHIP)
    expect(quoted.locator(".rn-mode")).to_contain_text("extractive (quotes from the sources)")


def test_copy_with_sources_rate_and_regenerate(driver: Any):
    page = driver.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=driver.server.url)
    driver.open()
    answer, _ = driver.ask(FLAGSHIP)
    answer.locator("a.rn-copy").click()
    expect(answer.locator("a.rn-copy")).to_have_text("Copied ✓")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "120 millions" in copied and "[1]" in copied and "\nSources:\n[1] " in copied, copied
    assert "POLITICO" in copied and "<" not in copied, copied

    feedback = driver.server.index / "feedback.jsonl"
    before = feedback.read_text(encoding="utf-8").count("\n") if feedback.exists() else 0
    page.locator("#rn-chat").get_by_role("button", name="Like", exact=True).last.click()
    expect(page.get_by_text("is saved").first).to_be_visible(timeout=15_000)
    driver.shot("first-use-4-rated")
    lines = feedback.read_text(encoding="utf-8").splitlines()
    assert len(lines) == before + 1
    record = json.loads(lines[-1])
    assert record["rating"] == "up" and record["question"] == FLAGSHIP and "120 millions" in record["answer"]
    assert record["citations"] and {"n", "doc_id", "quote", "start", "end"} <= set(record["citations"][0])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", record["timestamp"])

    page.get_by_role("button", name="Retry").click()
    expect(page.locator("#rn-chat .rn-answer:not(.rn-streaming)")).to_have_count(1, timeout=60_000)
    expect(page.locator("#rn-chat .rn-question")).to_have_count(1)
    expect(page.locator("#rn-chat .rn-answer")).to_contain_text("120 millions")
    driver.shot("first-use-5-regenerated")


def test_deleting_asks_first_keeps_the_file_by_default_and_clears_the_last_result(driver: Any, tmp_path: Path):
    driver.open()
    driver.tab("Corpus")
    page = driver.page
    article = tmp_path / "quillo.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    page.locator("#rn-upload input[type=file]").set_input_files(str(article))
    expect(page.locator("#rn-upload")).not_to_contain_text("Uploading", timeout=30_000)
    page.click("#rn-upload-go")
    upload_out = page.locator("#rn-upload-out")
    expect(upload_out).to_contain_text(re.compile(r"Indexed 1 new document \(\d+ passages?\)"), timeout=120_000)
    expect(upload_out).not_to_contain_text("chunks embedded")
    driver.shot("first-use-6-uploaded")

    page.locator("#rn-docs").get_by_text("quillo.txt").first.click()
    expect(page.locator("#rn-pick input")).to_have_value(re.compile("Quillo"))
    expect(page.locator("#rn-delete-file input")).not_to_be_checked()
    page.click("#rn-delete")
    confirm = page.locator("#rn-delete-confirm").first
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("Delete this article?")
    expect(confirm).to_contain_text("its file stays")
    driver.shot("first-use-7-confirm-delete", full_page=True)
    page.click("#rn-delete-no")
    expect(confirm).to_be_hidden()
    expect(page.locator("#rn-delete-out")).to_contain_text("Nothing was deleted")
    expect(page.locator("#rn-docs")).to_contain_text("quillo.txt")

    page.locator("#rn-delete-file input").check()
    page.click("#rn-delete")
    expect(confirm).to_contain_text("cannot be recovered")
    page.click("#rn-delete-yes")
    expect(page.locator("#rn-delete-out")).to_contain_text("Removed 1 article from the index", timeout=60_000)
    expect(upload_out).not_to_contain_text("Indexed")  # the earlier result is gone
    expect(page.locator("#rn-docs")).not_to_contain_text("quillo.txt")
    assert not (driver.server.corpus / "quillo.txt").exists()
    expect(page.locator("#rn-status .rn-status")).to_contain_text("9 articles from 5 files")
    driver.shot("first-use-8-deleted", full_page=True)
