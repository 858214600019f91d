"""Citation verification: marker parsing, and which sentences the sample corpus supports.

The supported / unsupported cases are the calibration set of the thresholds in
rag/answering/support.py: paraphrases and translations of what the articles say
must pass; wrong figures, wrong names and claims the articles never make must not.
"""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.answering.generative import build_verifier
from rag.answering.markers import marker_numbers, strip_markers
from rag.answering.support import Source
from rag.text.language import detect_question_language


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("X was fined [1].", [1]),
        ("X was fined [1, 3].", [1, 3]),
        ("X was fined [1][3].", [1, 3]),
        ("X was fined [2-4].", [2, 3, 4]),
        ("X was fined [Source 2].", [2]),
        ("X was fined [sources 2; 5].", [2, 5]),
        ("X was fined【1】.", [1]),
        ("X was fined [^1].", [1]),
        ("X was fined (see 2023 report).", []),
    ],
)
def test_marker_formats(text: str, numbers: list[int]) -> None:
    assert marker_numbers(text) == numbers


def test_markers_are_removed_with_their_space() -> None:
    clean, marks = strip_markers("X was fined 120 million euros [1]. Musk objected. [2] Done [3, 4].")
    assert clean == "X was fined 120 million euros. Musk objected. Done."
    assert [n for _, n in marks] == [[1], [2], [3, 4]]


CASES = [
    # (question the sources were retrieved for, sentence, supported by them)
    ("Who is Linda Yaccarino?", "Linda Yaccarino was CEO of X from 2023 to 2025.", True),
    ("Who is Linda Yaccarino?", "Linda Yaccarino is the founder of Telegram.", False),
    ("Who is Linda Yaccarino?", "Prosecutors asked Elon Musk for an interview on May 5.", False),
    (
        "What charges does Pavel Durov face in France?",
        "Durov is accused of letting child sexual abuse images spread on Telegram.",
        True,
    ),
    ("What charges does Pavel Durov face in France?", "Pavel Durov was arrested in Germany for tax fraud.", False),
    ("What fines has X received under the DSA?", "The EU fined X 120 million euros.", True),
    ("What fines has X received under the DSA?", "It is the first sanction ever imposed under the DSA.", True),
    (
        "What fines has X received under the DSA?",
        "The Commission found the design of X's blue checkmark deceptive.",
        True,
    ),
    ("What fines has X received under the DSA?", "X was fined 500 million euros by the Commission.", False),
    ("What fines has X received under the DSA?", "TikTok was fined 2 billion euros in 2023.", False),
    ("What fines has X received under the DSA?", "Elon Musk responded by calling the EU a dictatorship.", False),
    (
        "Which French minister said France fully supports the EU fine on X?",
        "Anne Le Hénanff said France fully supports the decision.",
        True,
    ),
    (
        "Which French minister said France fully supports the EU fine on X?",
        "Emmanuel Macron said France opposes the decision.",
        False,
    ),
    (
        "Why did Paris prosecutors search X's offices?",
        "Europol was involved in the searches of X's French offices.",
        True,
    ),
    (
        "Why did Paris prosecutors search X's offices?",
        "Prosecutors seized Elon Musk's passport during the search.",
        False,
    ),
    (
        "How many experts did the European Commission recruit to enforce the DSA?",
        "The Commission recruited 100 experts.",
        True,
    ),
    (
        "How many experts did the European Commission recruit to enforce the DSA?",
        "The Commission recruited 300 experts.",
        False,
    ),
    (
        "Quelle enquête le parquet de Paris a-t-il ouverte sur Kick ?",
        "Paris prosecutors opened an investigation into the streaming platform Kick.",
        True,
    ),
    (
        "Quelle enquête le parquet de Paris a-t-il ouverte sur Kick ?",
        "Kick a été fermée par les autorités françaises en 2025.",
        False,
    ),
    (
        "What did Grok do about its image generator?",
        "Grok restricted access to its image generator that undresses women.",
        True,
    ),
    ("What did Grok do about its image generator?", "Grok was banned in France.", False),
]


@pytest.mark.slow
def test_sentences_the_sources_support_and_those_they_do_not(sample_assistant: Assistant) -> None:
    a = sample_assistant
    verifier = build_verifier(a.embedder, a.settings)
    wrong = []
    for question, sentence, supported in CASES:
        found = a.retriever.search(question)
        sources = [Source(n, p) for n, p in enumerate(found.passages, start=1)]
        lang = detect_question_language(sentence)
        result = verifier.verify(sentence, sources, lang, found.statistics, found.chunk_vectors)
        assert result.total == 1
        if (result.verified == 1) != supported:
            wrong.append((sentence, supported))
        for c in result.citations:
            assert a.document(c.doc_id).text[c.start : c.end] == c.quote
    assert wrong == []


@pytest.mark.slow
def test_a_supported_sentence_is_cited_to_the_span_that_says_it(sample_assistant: Assistant) -> None:
    a = sample_assistant
    verifier = build_verifier(a.embedder, a.settings)
    found = a.retriever.search("Who is Linda Yaccarino?")
    sources = [Source(n, p) for n, p in enumerate(found.passages, start=1)]
    claim = "Linda Yaccarino was CEO of X from 2023 to 2025 [8]."
    result = verifier.verify(claim, sources, "en", found.statistics, found.chunk_vectors)
    (c,) = result.citations
    assert "CEO of X from 2023 to 2025" in c.quote and len(c.quote) < 300
    assert result.text == "Linda Yaccarino was CEO of X from 2023 to 2025 [1]."
