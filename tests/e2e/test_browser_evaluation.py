"""The Evaluation tab in Chromium: run a question set with a progress bar, see its metrics and charts, reopen it.

Runs after test_browser_corpus.py on the same server (file order), when its corpus is
the sample again.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

expect = pytest.importorskip("playwright.sync_api").expect


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
    table = page.locator("#rn-eval-table")
    expect(table).to_contain_text("hit@5", timeout=300_000)
    expect(table).to_contain_text("key_fact_recall")
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
