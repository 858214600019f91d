"""The Evaluation tab in Chromium: run a question set with a progress bar, see its metrics and charts, reopen it.

Runs after test_browser_corpus.py on the same server (file order), when its corpus is
the sample again.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_run_a_question_set_then_open_the_saved_report(driver: Any):
    driver.open()
    driver.tab("Evaluation")
    page = driver.page
    dataset = page.locator("#rn-eval-dataset input")
    expect(dataset).to_have_value("corpus_qa.jsonl")
    dataset.click()
    page.get_by_role("option", name="dev.jsonl").click()
    expect(dataset).to_have_value("dev.jsonl")
    page.click("#rn-eval-run")
    # One progress bar, in its own place under the buttons, not one drawn over each widget the run fills.
    bar = page.locator("#rn-eval-progress .progress-text")
    expect(bar).to_be_visible(timeout=60_000)
    expect(bar).to_contain_text("questions")
    driver.shot("eval-0-progress")
    drawn = page.locator("#rn-tab-evaluation .progress-text:visible")
    assert drawn.count() == 1, [drawn.nth(i).text_content() for i in range(drawn.count())]
    box = page.locator("#rn-eval-progress").bounding_box()
    for widget in ("#rn-eval-dataset", "#rn-eval-saved", "#rn-eval-base", "#rn-eval-run"):
        other = page.locator(widget).first.bounding_box()
        assert box and other and (box["y"] >= other["y"] + other["height"] - 1), widget  # below, not over
    table = page.locator("#rn-eval-table")
    expect(table).to_contain_text("hit@5", timeout=300_000)
    expect(table).to_contain_text("key_fact_recall")
    # Each metric says what it measures, in words.
    expect(table).to_contain_text("what it measures")
    expect(table).to_contain_text("Share of the expected key facts")
    page.locator("#rn-eval-help").get_by_text("What the metrics mean").click()
    expect(page.locator("#rn-eval-help")).to_contain_text(
        "Questions the corpus cannot answer on which the assistant said so"
    )
    expect(page.locator("#rn-eval-summary")).to_contain_text("dev")
    expect(page.locator("#rn-eval-summary")).to_contain_text("Saved to")
    frame = page.frame_locator("#rn-eval-report iframe")
    expect(frame.locator("svg").first).to_be_visible()
    expect(frame.locator("h1")).to_contain_text("Evaluation")
    driver.shot("eval-1-run", full_page=True)
    assert page.locator("#rn-eval-report iframe").get_attribute("sandbox") == "allow-same-origin"  # no scripts
    page.locator("#rn-eval-report iframe").screenshot(path=str(driver.artifacts / "ui-eval-2-report-frame.png"))
    saved = list((driver.server.index.parent / "eval-out").glob("*/report.json"))
    assert len(saved) == 1, saved

    # A fresh page lists the saved run and opens it without running anything.
    driver.open()
    driver.tab("Evaluation")
    page.locator("#rn-eval-saved input").click()
    page.get_by_role("option", name=saved[0].parent.name).click()
    page.click("#rn-eval-open")
    expect(page.locator("#rn-eval-table")).to_contain_text("hit@5", timeout=60_000)
    expect(page.frame_locator("#rn-eval-report iframe").locator("svg").first).to_be_visible()
