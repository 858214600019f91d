"""What one question may cost: its embedding is bounded to a few words' worth, its lexical terms are capped.

Latency itself is measured by ``python -m rag.bench_mix`` (short questions behind long
ones, against a baseline in the same run), not here.
"""

from __future__ import annotations

import numpy as np

from rag.bench_mix import long_question
from rag.index.embedder import get_embedder
from rag.index.lexical import MAX_QUERY_TERMS, query_terms
from tests.conftest import CORPUS


def test_a_long_question_is_embedded_within_the_query_budget():
    e = get_embedder()
    assert e.max_query_tokens == 128
    q = long_question(1)
    assert len(q) > 1900 and e._model.token_count(q) > 300
    fitted = e.fit_query(q)
    assert q.startswith(fitted) and e._model.token_count(fitted, is_query=True) <= 128
    assert np.allclose(e.embed_query(q), e.embed_query(fitted))  # what is embedded is the fitted prefix


def test_text_without_spaces_is_cut_too():
    e = get_embedder()
    cjk = "深度伪造调查平台罚款" * 80
    fitted = e.fit_query(cjk)
    assert cjk.startswith(fitted) and 0 < e._model.token_count(fitted, is_query=True) <= 128


def test_ordinary_questions_are_embedded_whole():
    e = get_embedder()
    q = "Quelle amende la Commission européenne a-t-elle infligée à X en vertu du DSA ?"
    assert e.fit_query(q) == q


def test_a_long_question_is_answered_with_capped_lexical_terms(sample_assistant):
    # A pasted article: many distinct words.
    text = " ".join((CORPUS / "000_7efea28f89e3714c.txt").read_text(encoding="utf-8").split())
    q = text[:1990] + " ?"
    assert len(query_terms(q, ["en", "fr"])) > MAX_QUERY_TERMS
    answer = sample_assistant.ask(q)  # answered or abstained, never an error
    assert answer.text
