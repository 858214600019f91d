"""Short-answer candidates: where a phrase sits against the question's words."""

from __future__ import annotations

import numpy as np

from rag.answering.question import analyse
from rag.answering.reader.spans import SPAN_FEATURES, span_candidates


def test_span_alignment_features_place_the_answer_in_the_interrogative_slot() -> None:
    # "Who founded X?": the interrogative comes before the question's words, so the phrase left of
    # "founded X" in the sentence sits where the question's "who" does; the one right of it does not.
    q = analyse("Who founded the Acme Corporation in Lyon?")
    sentence = "Marie Curtis founded the Acme Corporation in Lyon, according to Paul Martin."
    spans = {sp.text: sp for sp in span_candidates(q, sentence)}
    agree = SPAN_FEATURES.index("slot_agreement")
    disagree = SPAN_FEATURES.index("slot_disagreement")
    left, right = spans["Marie Curtis"].features, spans["Paul Martin"].features
    assert left[agree] > right[agree] and left[disagree] < right[disagree]
    assert np.isclose(left[agree] + left[disagree], 1.0)
