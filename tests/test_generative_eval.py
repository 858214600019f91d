"""The issue's done-when, over the dev set: replies with bad markers go in, valid citations come out.

The scripted model cites sources that do not exist, source 0 and the wrong
source; after verification every citation must quote its document exactly
(citation validity 1.0) and no marker may point at no citation (invalid-marker
rate 0), measured with the evaluation suite's own metric functions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fake_openai_server import FakeOpenAIServer, fake_openai_fixture, fake_openai_session_fixture, sources  # noqa: F401

from rag import Assistant
from rag.evaluation import metrics

pytestmark = pytest.mark.slow
DEV = Path(__file__).resolve().parent.parent / "evals" / "dev.jsonl"


def test_dev_set_citations_are_valid_after_verification(
    sample_assistant: Assistant, fake_openai: FakeOpenAIServer
) -> None:
    settings = sample_assistant.settings.model_copy(update=fake_openai.settings(model="bad-markers", timeout=5.0))
    assistant = Assistant(settings=settings)
    items = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    before, after, valid, generated = [], [], [], 0
    for item in items:
        fake_openai.reset()
        answer = assistant.ask(item["question"])
        requests = fake_openai.chat_requests()
        if not requests:  # abstained before generation: no model call, no markers
            assert answer.abstained and not item["answerable"]
            continue
        generated += 1
        assert answer.mode == "llm:bad-markers"
        raw = requests[0]["_reply"]
        before.append(metrics.invalid_marker_rate(raw, list(sources(requests[0]))))
        after.append(metrics.invalid_marker_rate(answer.text, [c.n for c in answer.citations]))
        for c in answer.citations:
            valid.append(metrics.quote_is_valid(c.quote, c.start, c.end, assistant.document(c.doc_id).text))
    assert generated >= 8
    assert all(rate and rate > 0 for rate in before)  # every scripted reply had bad markers
    assert valid and sum(valid) / len(valid) == 1.0  # citation validity
    assert all(rate == 0.0 for rate in after)  # invalid-marker rate
