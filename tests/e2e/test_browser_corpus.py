"""The Corpus tab in Chromium: upload an article, ask what only it answers, delete it, re-index.

Runs after test_browser_chat.py on the same server (file order), and changes its
corpus: it adds a file and removes it again.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


QUESTION = "How much did Ofcom fine Zorblat?"
ARTICLE = """Ofcom fines Zorblat £2.4 million over child safety failures

London, 14 March 2026 — The UK regulator Ofcom fined the video-sharing platform Zorblat £2.4 million on Friday for failing to protect children from harmful content under the Online Safety Act.

The regulator said Zorblat had ignored two formal information requests and had no effective age checks. Zorblat said it would appeal the decision.
"""
SAVED_AS = "Zorblat_fine_Ofcom.txt"


def test_the_document_table_lists_the_metadata_and_sorts(driver: Any):
    driver.open()
    driver.tab("Corpus")
    page = driver.page
    for heading in ("title", "publisher", "published", "language", "passages", "file", "doc id"):
        expect(page.locator("#rn-docs thead th", has_text=heading).first).to_be_visible()
    passages = page.locator('#rn-docs .body-cell[data-col="4"]')
    expect(passages).to_have_count(9)
    before = [int(v) for v in passages.all_inner_texts()]
    assert before != sorted(before, reverse=True)  # listed by file, so sorting has something to do
    header = page.locator("#rn-docs thead th", has_text="passages")
    header.click()
    header.locator("button.cell-menu-button").click()
    page.get_by_text("Sort descending").first.click()
    expect(passages.first).to_have_text(str(max(before)))
    after = [int(v) for v in passages.all_inner_texts()]
    assert after == sorted(before, reverse=True), after
    driver.shot("corpus-0-sorted")


def test_upload_an_article_then_ask_what_only_it_answers(driver: Any, tmp_path: Path):
    driver.open()
    before, _ = driver.ask(QUESTION)
    expect(before).to_contain_text("does not say")

    driver.tab("Corpus")
    page = driver.page
    expect(page.locator("#rn-docs")).to_contain_text("002_34d42bea131d745b.txt")
    article = tmp_path / "Zorblat fine (Ofcom).txt"
    article.write_text(ARTICLE, encoding="utf-8")
    page.locator("#rn-upload input[type=file]").set_input_files(str(article))
    expect(page.locator("#rn-upload")).to_contain_text("Zorblat")
    expect(page.locator("#rn-upload")).not_to_contain_text("Uploading", timeout=30_000)
    driver.shot("corpus-1-upload-chosen")
    page.click("#rn-upload-go")
    out = page.locator("#rn-upload-out")
    expect(out).to_contain_text("Indexed 1 new document (2 passages)", timeout=120_000)
    expect(out).to_contain_text(SAVED_AS)
    assert (driver.server.corpus / SAVED_AS).is_file()
    assert sorted(p.name for p in driver.server.corpus.iterdir() if "Zorblat" in p.name) == [SAVED_AS]
    expect(page.locator("#rn-docs")).to_contain_text(SAVED_AS)
    expect(page.locator("#rn-status .rn-status")).to_contain_text("10 articles from 6 files")
    driver.shot("corpus-2-upload-indexed", full_page=True)

    driver.tab("Ask")
    answer, _ = driver.ask(QUESTION)
    expect(answer).to_contain_text("2.4 million")
    link = answer.locator("a.rn-cite-link").first
    target = (link.get_attribute("href") or "").lstrip("#")
    link.click()
    source = page.locator(f"#rn-sources details#{target}")
    expect(source.locator(".rn-file")).to_contain_text(SAVED_AS)
    expect(source.locator("mark")).to_contain_text("2.4 million")
    driver.shot("corpus-3-answer-from-upload")


def test_an_upload_of_the_wrong_type_is_refused(driver: Any, tmp_path: Path):
    driver.open()
    driver.tab("Corpus")
    page = driver.page
    bad = tmp_path / "payload.exe"
    bad.write_bytes(b"MZ\x90\x00 not an article")
    page.locator("#rn-upload input[type=file]").set_input_files(str(bad))
    page.click("#rn-upload-go")
    refused = page.get_by_text("unsupported file type .exe").or_(page.get_by_text("Invalid file type"))
    expect(refused.first).to_be_visible(timeout=30_000)
    assert not any(p.suffix == ".exe" for p in driver.server.corpus.iterdir())
    driver.shot("corpus-4-upload-refused")


def test_delete_the_uploaded_article_then_reindex(driver: Any):
    driver.open()
    driver.tab("Corpus")
    page = driver.page
    page.locator("#rn-docs").get_by_text(SAVED_AS).click()
    expect(page.locator("#rn-pick input")).to_have_value(re.compile("Zorblat"))
    delete_file = page.locator("#rn-delete-file input")
    expect(delete_file).not_to_be_checked()  # deleting a file is never the default
    delete_file.check()
    expect(page.locator("#rn-delete-info")).to_contain_text(f"Deletes {SAVED_AS}")
    page.click("#rn-delete")
    confirm = page.locator("#rn-delete-confirm").first
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("cannot be recovered")
    assert (driver.server.corpus / SAVED_AS).exists()  # nothing happens before the second click
    page.click("#rn-delete-yes")
    expect(page.locator("#rn-delete-out")).to_contain_text("Removed 1 article from the index", timeout=60_000)
    assert not (driver.server.corpus / SAVED_AS).exists()
    expect(page.locator("#rn-docs")).not_to_contain_text(SAVED_AS)
    page.click("#rn-reindex")
    expect(page.locator("#rn-reindex-out")).to_contain_text(
        "Nothing new to index: 5 documents up to date", timeout=120_000
    )
    expect(page.locator("#rn-status .rn-status")).to_contain_text("9 articles from 5 files")
    driver.shot("corpus-5-deleted-and-reindexed", full_page=True)
    driver.tab("Ask")
    answer, _ = driver.ask(QUESTION)
    expect(answer).to_contain_text("does not say")
