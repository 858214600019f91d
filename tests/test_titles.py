"""An article without a title is named by its first sentence, else its file name; "(untitled)" only when empty."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rag import Assistant
from rag.index.store import DocRecord
from rag.text.titles import UNTITLED, display_title, shorten
from rag.types import Answer, Citation, Passage
from rag.ui.citations import sources_html
from rag.ui.corpus import table_rows

LEAD = (
    "South Korean authorities have initiated a probe into the messaging app Telegram for its alleged "
    "negligence in addressing deepfake-related sex crimes. The police said the inquiry began in August."
)


@pytest.mark.parametrize(
    ("title", "text", "path", "expected"),
    [
        ("A real headline", LEAD, "/c/a.txt", "A real headline"),
        ("  spaced\n headline ", None, None, "spaced headline"),
        (None, "Short lead. Second sentence.", "/c/a.txt", "Short lead."),
        ("", "\n\n  First paragraph line.\nSecond line.", None, "First paragraph line."),
        (None, "", "/corpus/sub/003_abc.txt", "003_abc.txt"),
        (None, "   \n ", "C:\\corpus\\win.md", "win.md"),
        (None, None, None, UNTITLED),
        ("   ", "", "", UNTITLED),
    ],
)
def test_display_title_falls_back_in_order(title, text, path, expected):
    assert display_title(title, text, path) == expected


def test_a_long_first_sentence_is_shortened_at_a_word():
    shown = display_title(None, LEAD, "/c/a.txt")
    assert shown.startswith("South Korean authorities have initiated a probe") and shown.endswith("…")
    assert len(shown) <= 90 and "sex crimes" not in shown
    assert shorten("word " * 40, 30).endswith("word…")


def _lookup(doc_id: str) -> DocRecord | None:
    return {"d1": DocRecord("d1", LEAD, {})}.get(doc_id)


def test_the_sources_panel_names_untitled_articles():
    quote = LEAD[: LEAD.index(".") + 1]
    c = Citation(1, "d1", None, None, None, "en", None, quote, 0, len(quote), 0.5, path="/c/korea.txt")
    html = sources_html(Answer("q", "A [1].", [c], [], False), 0, _lookup)
    assert '<span class="rn-title">South Korean authorities have initiated a probe' in html
    assert UNTITLED not in html
    gone = Passage("gone", "gone:0", "text", 0.1, 0, 4, {"path": "/c/missing-file.txt"})
    nothing = Passage("gone", "gone:1", "text", 0.1, 0, 4, {})
    html = sources_html(Answer("q", "The corpus does not say.", [], [gone, nothing], True), 1, _lookup)
    assert '<span class="rn-title">missing-file.txt</span>' in html
    assert f'<span class="rn-title">{UNTITLED}</span>' in html  # nothing to name it by


def test_the_corpus_table_names_untitled_articles():
    rows = table_rows([DocRecord("d1", LEAD, {"path": "/c/korea.txt"}), DocRecord("d2", "", {"path": "/c/b.md"})])
    assert [r[0] for r in rows] == ["b.md", display_title(None, LEAD)]  # listed by file name


def test_the_cli_names_the_untitled_sample_article(sample_assistant: Assistant):
    index = sample_assistant.settings.index_dir
    run = subprocess.run(
        [sys.executable, "-m", "rag.cli", "--index-dir", str(index), "sources"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert run.returncode == 0, run.stderr
    assert UNTITLED not in run.stdout
    assert "South Korean authorities have initiated a probe" in run.stdout
