"""The UI's server side without a browser: filters, the shared index status, chat turns on a real engine.

Questions go to the session's sample index (read-only here); the start,
upload and delete tests build a two-article index of their own, which keeps
the embedding to seconds. Chroma, the embedder and the answerer are real.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest

from rag import Assistant
from rag.ui.chat import not_ready_message, respond
from rag.ui.filters import FilterError, from_controls
from rag.ui.service import IndexStatus, Service
from rag.ui.status import state_of, status_html

ARTICLE_EN = """Ofcom fines Zorblat £2.4 million over child safety failures

London, 14 March 2026 — The UK regulator Ofcom fined the video-sharing platform Zorblat £2.4 million on Friday for failing to protect children from harmful content under the Online Safety Act.

The regulator said Zorblat had ignored two formal information requests and had no effective age checks.
"""
ARTICLE_FR = """La CNIL sanctionne Plumeo

Paris, 2 avril 2025 — La CNIL a infligé une amende de 800 000 euros à la messagerie Plumeo pour avoir conservé les données de ses utilisateurs sans limite de durée.
"""

EXTRA = """# Atlantis fines Telegram

The communications regulator of Atlantis fined the messaging service Telegram five euros on Monday.

The regulator said the company had failed to answer three requests about illegal content in public channels. Telegram did not comment on the decision, which it can appeal within two months.
"""
FLAGSHIP = "What fines has X received under the DSA?"


# ---------------------------------------------------------------- filters
def test_filters_from_the_controls():
    f = from_controls(["fr"], ["POLITICO"], "2025-01-01", "2025-12-31T00:00:00")
    assert f.engine() == {
        "language": ["fr"],
        "source": ["POLITICO"],
        "since": date(2025, 1, 1),
        "until": date(2025, 12, 31),
    }
    assert f.describe() == "language fr; source POLITICO; published 2025-01-01 to 2025-12-31"
    empty = from_controls([], None, "", None)
    assert empty.empty and empty.engine() is None and empty.describe() == ""


def test_bad_dates_are_refused_in_words():
    with pytest.raises(FilterError, match="YYYY-MM-DD"):
        from_controls(None, None, "5 December", None)
    with pytest.raises(FilterError, match="empty"):
        from_controls(None, None, "2026-01-02", "2025-01-01")


# ----------------------------------------------------------------- status
@pytest.mark.parametrize(
    ("status", "state"),
    [
        (IndexStatus(), "loading"),
        (IndexStatus(busy=True, stage="embedding", done=3, total=10), "building"),
        (IndexStatus(loaded=True), "empty"),
        (IndexStatus(loaded=True, error="boom"), "error"),
        (IndexStatus(loaded=True, documents=2, files=2, chunks=5), "ready"),
    ],
)
def test_the_banner_names_each_state(status: IndexStatus, state: str):
    assert state_of(status) == state
    assert f'data-state="{state}"' in status_html(status)


def test_a_question_during_the_first_build_gets_a_clear_message():
    building = IndexStatus(busy=True, stage="embedding", done=3, total=10)
    assert "still being built (embedding 3/10)" in (not_ready_message(building) or "")
    assert not_ready_message(IndexStatus(busy=True, loaded=True, documents=1, chunks=3)) is None


# ------------------------------------------------------ a real engine
@pytest.fixture(scope="module")
def own_service(tmp_path_factory: pytest.TempPathFactory) -> Service:
    tmp = tmp_path_factory.mktemp("ui-chat")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "ofcom.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (corpus / "cnil.txt").write_text(ARTICLE_FR, encoding="utf-8")
    assistant = Assistant(corpus_dir=corpus, index_dir=tmp / "index", use_llm=False)
    terminal = io.StringIO()
    svc = Service(assistant, echo=terminal)
    svc.start(ingest=True)
    svc.wait_started(120)
    assert "embedding" in terminal.getvalue() and "added 2" in terminal.getvalue()
    return svc


@pytest.fixture(scope="module")
def service(sample_assistant: Assistant) -> Service:
    svc = Service(sample_assistant, echo=None)
    svc.refresh()
    return svc


def test_the_first_start_indexes_the_corpus_and_publishes_the_stats(own_service: Service):
    s = own_service.status()
    assert state_of(s) == "ready" and s.documents == 2 and s.languages == {"en": 1, "fr": 1}
    assert s.version >= 1 and not s.busy


def _ask(service: Service, question: str, turns: list[dict[str, Any]] | None = None, **filters: Any):
    steps = list(
        respond(
            service,
            question,
            [],
            turns or [],
            filters.get("language"),
            None,
            filters.get("since"),
            filters.get("until"),
        )
    )
    return steps[-1]


def test_a_question_yields_an_answer_its_sources_and_a_new_turn(service: Service):
    messages, turns, panel, _ = _ask(service, FLAGSHIP)
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert "120 millions" in messages[1]["content"] and 'href="#cite-0-1"' in messages[1]["content"]
    assert "extractive" in messages[1]["content"]
    assert len(turns) == 1 and turns[0]["question"] == FLAGSHIP
    assert 'id="cite-0-1"' in panel and "<mark>" in panel and "002_34d42bea131d745b.txt" in panel


def test_filters_apply_and_show_in_the_chat(service: Service):
    messages, _, panel, _ = _ask(service, FLAGSHIP, language=["en"])
    assert "filters: language en" in messages[0]["content"]
    assert "120 millions" not in messages[1]["content"] and "does not say" in messages[1]["content"]
    assert "002_34d42bea131d745b.txt" not in panel and "closest" in panel


def test_a_follow_up_is_sent_with_the_conversation(service: Service):
    _, turns, _, _ = _ask(service, "Why did Paris prosecutors search X's offices?")
    messages, turns, _, _ = _ask(service, "When are the interviews scheduled?", turns=turns)
    assert len(turns) == 2 and "searched as" in messages[1]["content"] and "April 20" in messages[1]["content"]


def test_errors_are_answered_in_the_chat(service: Service):
    messages, turns, _, _ = _ask(service, "x" * 5000)
    assert 'class="rn-error"' in messages[-1]["content"] and "the limit is" in messages[-1]["content"]
    assert turns == []
    messages, _, _, _ = _ask(service, FLAGSHIP, since="yesterday")
    assert "Filter not applied" in messages[-1]["content"]


def test_the_terminal_times_the_first_ingest_once_then_says_the_index_is_ready(own_service: Service):
    lines = own_service.echo.getvalue().splitlines()  # type: ignore[union-attr]
    corpus = own_service.settings.corpus_dir
    done = [line for line in lines if line.startswith(f"indexing {corpus}: added 2")]
    assert len(done) == 1, lines
    assert len(re.findall(r"\d+\.\ds\b", done[0])) == 1, done[0]  # one duration, not "(21.5s) (21.6s)"
    ready = [line for line in lines if line.startswith("ready")]
    assert len(ready) == 1 and re.fullmatch(
        r"ready: 2 articles from 2 files \(\d+ passages\) indexed; ask questions", ready[0]
    ), lines
    assert lines.index(ready[0]) > lines.index(done[0])


def test_a_start_on_an_empty_index_says_how_to_add_articles(tmp_path):
    terminal = io.StringIO()
    assistant = Assistant(corpus_dir=tmp_path / "no-corpus", index_dir=tmp_path / "index", use_llm=False)
    svc = Service(assistant, echo=terminal)
    svc.url = "http://127.0.0.1:7860"
    svc.start(ingest=False)
    svc.wait_started(60)
    assert terminal.getvalue().splitlines()[-1] == (
        "ready, but the index is empty: add articles in the Corpus tab at http://127.0.0.1:7860, "
        f"or put files in {tmp_path / 'no-corpus'} and re-index"
    )


def test_upload_then_remove_bumps_the_version_pages_watch(own_service: Service):
    service = own_service
    before = service.status().version
    extra = service.settings.corpus_dir / "extra.md"
    extra.write_text(EXTRA, encoding="utf-8")
    seen: list[tuple[str, int, int]] = []
    report = service.ingest([extra], task="indexing uploads", progress=lambda *a: seen.append(a))
    assert report.added and seen[0][0] == "starting" and any(stage == "embedding" for stage, _, _ in seen)
    assert service.status().version == before + 1 and service.status().documents == 3
    doc = next(d for d in service.documents() if d.metadata.get("path", "").endswith("extra.md"))
    assert service.remove(doc.doc_id, delete_file=True) == [doc.doc_id]
    assert not extra.exists() and service.status().documents == 2 and service.status().version == before + 2
