"""Every evaluation metric on hand-made cases whose right value is worked out by hand.

No index and no model: the scoring of one question is checked on answers
and passages written here, including the awkward ones (nothing relevant
retrieved, empty answer, no citations, a marker pointing at no source, an
unanswerable question answered anyway).
"""

from __future__ import annotations

import math

import pytest

from rag.answering.markers import marker_numbers
from rag.evaluation import metrics as M
from rag.evaluation.aggregate import aggregate, metric_keys
from rag.evaluation.datasets import EvalItem
from rag.evaluation.gate import GateError, check, parse_thresholds
from rag.evaluation.runner import score_item
from rag.evaluation.stats import bootstrap_ci, summarise
from rag.settings import Settings
from rag.types import Answer, Citation, Passage

LOG3 = 1 / math.log2(3)


# ---------------------------------------------------------------- matching
def test_evidence_matching_follows_the_schema_normalisation() -> None:
    passage = "Le parquet l’a confirmé : une amende de 120\u00a0millions  d’euros à X."
    assert M.evidence_found([passage], ["AMENDE DE 120 MILLIONS d'euros"]) == [{0}]
    assert M.evidence_found([passage], ["amende de 130 millions"]) == [set()]
    assert M.contains("Anne Le Hénanff a salué", "le henanff")


# --------------------------------------------------------------- retrieval
def test_retrieval_metrics_with_the_relevant_passage_second() -> None:
    found = [set(), {0}, set()]
    assert M.hit_at_k(found, 3) == 1.0
    assert M.reciprocal_rank(found, 3) == 0.5
    assert M.recall_at_k(found, 1, 3) == 1.0
    assert M.ndcg_at_k(found, 1, 3) == pytest.approx(LOG3)


def test_retrieval_metrics_with_no_relevant_passage() -> None:
    for found in ([set(), set()], []):
        assert M.hit_at_k(found, 5) == 0.0
        assert M.reciprocal_rank(found, 5) == 0.0
        assert M.recall_at_k(found, 2, 5) == 0.0
        assert M.ndcg_at_k(found, 2, 5) == 0.0


def test_a_relevant_passage_below_k_does_not_count() -> None:
    found = [set()] * 5 + [{0}]
    assert M.hit_at_k(found, 5) == 0.0
    assert M.reciprocal_rank(found, 5) == 0.0
    assert M.hit_at_k(found, 6) == 1.0
    assert M.reciprocal_rank(found, 6) == pytest.approx(1 / 6)


def test_ndcg_ideal_list() -> None:
    # Both evidence strings in the first passage: nothing better is possible.
    assert M.ndcg_at_k([{0, 1}, set()], 2, 5) == pytest.approx(1.0)
    # One of two evidence strings found, at rank 1: the ideal had a second relevant passage at rank 2.
    assert M.ndcg_at_k([{0}, set()], 2, 5) == pytest.approx(1 / (1 + LOG3))
    assert M.recall_at_k([{0}, set()], 2, 5) == 0.5
    # The same evidence twice (a wire story on two sites), at ranks 1 and 3.
    assert M.ndcg_at_k([{0}, set(), {0}], 1, 5) == pytest.approx(1.5 / (1 + LOG3))


def test_retrieval_metrics_need_evidence() -> None:
    with pytest.raises(ValueError):
        M.ndcg_at_k([{0}], 0, 5)
    with pytest.raises(ValueError):
        M.recall_at_k([{0}], 0, 5)


# ------------------------------------------------------------------ answers
def test_key_facts_any_alternative_normalised() -> None:
    answer = "The minister, Anne Le Hénanff, said France supports the fine [1]."
    assert M.facts_stated(answer, [["Henanff"], ["120 million", "120m"], ["FRANCE"]]) == [True, False, True]
    # A prefix alternative ("advertis") matches as a substring, as the schema says.
    assert M.facts_stated("about advertising", [["advertis"]]) == [True]


def test_citation_markers_do_not_state_facts() -> None:
    assert M.facts_stated("It was fined [1].", [["1"]]) == [False]


def test_token_f1_english_and_french_normalisation() -> None:
    assert M.token_f1("The fine.", "fine") == 1.0
    assert M.token_f1("L’amende de la Commission", "amende de Commission") == 1.0
    assert M.token_f1("qu'il n'a pas payé", "il a pas payé") == 1.0
    assert M.token_f1("red green blue", "green blue yellow") == pytest.approx(2 / 3)
    assert M.token_f1("red", "blue") == 0.0


def test_token_f1_empty_answer() -> None:
    assert M.token_f1("", "the corpus does not say") == 0.0
    assert M.token_f1("[1]", "the") == 1.0  # nothing left on either side


# ---------------------------------------------------------------- citations
DOC = "Paris prosecutors searched X's offices on Tuesday. Europol was involved."


def test_quote_validity_is_exact_text_at_exact_offsets() -> None:
    quote = "Europol was involved."
    start = DOC.index(quote)
    assert M.quote_is_valid(quote, start, start + len(quote), DOC)
    assert not M.quote_is_valid(quote, start + 1, start + 1 + len(quote), DOC)
    assert not M.quote_is_valid(quote, start, start + len(quote) + 5, DOC)  # past the end
    assert not M.quote_is_valid("", 0, 0, DOC)
    assert not M.quote_is_valid(quote, start, start + len(quote), None)  # unknown document


def test_quote_relevance_by_evidence_or_key_fact() -> None:
    assert M.quote_is_relevant("Europol was involved.", ["with Europol also involved"], [["Europol"]])
    assert M.quote_is_relevant("Europol  was  INVOLVED.", ["europol was involved"], [])
    assert not M.quote_is_relevant("The weather was fine.", ["Europol was involved"], [["Europol"]])


def test_markers_and_invalid_marker_rate() -> None:
    assert marker_numbers("A [1]. B [2, 3]. C [4;5].") == [1, 2, 3, 4, 5]
    # the answerers' own grammar: a marker the verifier reads is one the metric counts
    assert M.invalid_marker_rate("A [Source 1]. B [2-3].", [1, 2]) == pytest.approx(1 / 3)
    assert M.invalid_marker_rate("A [1]. B [3].", [1, 2]) == 0.5
    assert M.invalid_marker_rate("No markers at all.", [1]) is None
    assert M.invalid_marker_rate("Out of range [7].", []) == 1.0


def test_coverage_of_the_extractive_answer_shape() -> None:
    text = (
        "Here is what the sources say:\n\n"
        "“Paris prosecutors searched X's offices. It was a Tuesday.” [1]\n\n"
        "“Europol was involved in the search.” [2]"
    )
    assert M.claim_sentences(text) == [
        "“Paris prosecutors searched X's offices. It was a Tuesday.” [1]",
        "“Europol was involved in the search.” [2]",
    ]
    assert M.citation_coverage(text) == 1.0


def test_coverage_of_prose_with_an_uncited_sentence() -> None:
    text = "X was fined 120 million euros [1]. It said it would appeal. M. Macron welcomed the decision. [2]"
    assert M.answer_sentences(text) == [
        "X was fined 120 million euros [1].",
        "It said it would appeal.",
        "M. Macron welcomed the decision. [2]",
    ]
    assert M.citation_coverage(text) == pytest.approx(2 / 3)


def test_coverage_without_citations_and_of_an_empty_answer() -> None:
    assert M.citation_coverage("X was fined. Nobody appealed.") == 0.0
    assert M.citation_coverage("") is None
    assert M.citation_coverage("Sources:") is None


# ------------------------------------------------------------------- stats
def test_summaries_and_intervals() -> None:
    assert summarise([]) == {"value": None, "n": 0, "ci": None}
    assert summarise([None, 1.0, 1.0]) == {"value": 1.0, "n": 2, "ci": [1.0, 1.0]}
    s = summarise([0.0, 1.0] * 50)
    assert s["value"] == 0.5 and s["n"] == 100
    lo, hi = s["ci"]
    assert 0.35 < lo < 0.5 < hi < 0.65
    assert bootstrap_ci([0.0, 1.0] * 50) == bootstrap_ci([0.0, 1.0] * 50)  # seeded


# -------------------------------------------------------------------- gate
def test_thresholds_are_parsed_and_checked_against_the_catalogue() -> None:
    assert parse_thresholds(["hit@5=0.95 key_fact_recall=0.8", "ask_p95=2"], 5) == {
        "hit@5": 0.95,
        "key_fact_recall": 0.8,
        "ask_p95": 2.0,
    }
    with pytest.raises(GateError, match="unknown metric 'recal@5'"):
        parse_thresholds(["recal@5=0.9"], 5)
    with pytest.raises(GateError, match="--k 10"):
        parse_thresholds(["hit@10=0.9"], 5)
    with pytest.raises(GateError, match="not a number"):
        parse_thresholds(["mrr=high"], 5)
    with pytest.raises(GateError, match="METRIC=VALUE"):
        parse_thresholds(["mrr"], 5)


def test_gate_floors_ceilings_and_unmeasured_metrics() -> None:
    aggs = {
        "hit@5": {"value": 0.9, "higher_is_better": True},
        "false_refusal_rate": {"value": 0.2, "higher_is_better": False},
        "token_f1": {"value": None, "higher_is_better": True},
    }
    assert check(aggs, {"hit@5": 0.9, "false_refusal_rate": 0.2}) == []
    failures = check(aggs, {"hit@5": 0.95, "false_refusal_rate": 0.1, "token_f1": 0.1})
    assert failures[0].startswith("hit@5 = 0.900 < 0.95")
    assert failures[1].startswith("false_refusal_rate = 0.200 > 0.1")
    assert "not measured" in failures[2]


# ------------------------------------------------------- one whole question
class Scripted:
    """A pipeline that returns answers and passages written in the test."""

    name = "scripted"
    corpus = None

    def __init__(self, answer: Answer | Exception, passages: list[Passage], docs: dict[str, str]) -> None:
        self.answer, self.passages, self.docs = answer, passages, docs
        self.settings = Settings()

    def ask(self, question: str) -> Answer:
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer

    def retrieve(self, question: str, top_k: int) -> list[Passage]:
        return self.passages[:top_k]

    def document_text(self, doc_id: str) -> str | None:
        return self.docs.get(doc_id)

    def documents(self) -> list[tuple[str, str | None]]:
        return [(d, "en") for d in self.docs]

    def describe(self) -> dict:
        return {"pipeline": "scripted"}


def _item(answerable: bool = True, **kw) -> EvalItem:
    base = {
        "id": "t1",
        "question": "Which agency was involved?",
        "lang": "en",
        "key_facts": [["Europol"]] if answerable else [],
        "evidence": ["Europol was involved"] if answerable else [],
        "answerable": answerable,
        "reference": "Europol was involved." if answerable else "The corpus does not say.",
    }
    base.update(kw)
    return EvalItem(**base)


def _passage(text: str, start: int, rank: int = 0) -> Passage:
    return Passage("d1", f"d1:{rank}", text, 1.0, start, start + len(text), {"language": "en"})


def _citation(n: int, quote: str, start: int) -> Citation:
    return Citation(n, "d1", "t", "s", None, "en", None, quote, start, start + len(quote), 1.0)


def _answer(text: str, citations: list[Citation], abstained: bool = False) -> Answer:
    return Answer("q", text, citations, [], abstained)


EUROPOL = DOC.index("Europol")


def test_a_good_answer_has_no_failure_tags() -> None:
    cite = _citation(1, "Europol was involved.", EUROPOL)
    system = Scripted(
        _answer("Europol was involved [1].", [cite]),
        [_passage(DOC[:EUROPOL], 0, 0), _passage(DOC[EUROPOL:], EUROPOL, 1)],
        {"d1": DOC},
    )
    rec = score_item(_item(), system, 5, "en")
    s = rec["scores"]
    assert (s["hit@5"], s["mrr"], s["recall@5"]) == (1.0, 0.5, 1.0)
    assert (s["key_fact_recall"], s["all_facts"], s["token_f1"]) == (1.0, 1.0, 1.0)
    assert (s["validity"], s["relevance"], s["coverage"], s["invalid_markers"]) == (1.0, 1.0, 1.0, 0.0)
    assert s["false_refusal"] == 0.0 and s["abstained_correctly"] is None
    assert rec["failures"] == []
    assert [p["relevant"] for p in rec["retrieved"]] == [False, True]


def test_nothing_relevant_retrieved_and_an_empty_answer() -> None:
    system = Scripted(_answer("", []), [_passage(DOC[:EUROPOL], 0)], {"d1": DOC})
    rec = score_item(_item(), system, 5, "en")
    s = rec["scores"]
    assert (s["hit@5"], s["mrr"], s["ndcg@5"], s["recall@5"]) == (0.0, 0.0, 0.0, 0.0)
    assert s["key_fact_recall"] == 0.0 and s["all_facts"] == 0.0 and s["token_f1"] == 0.0
    assert s["validity"] is None and s["coverage"] is None and s["invalid_markers"] is None
    assert rec["failures"] == ["missed_retrieval", "missing_fact"]


def test_out_of_range_marker_and_wrong_offsets_are_bad_citations() -> None:
    good = _citation(1, "Europol was involved.", EUROPOL)
    shifted = _citation(2, "Europol was involved.", EUROPOL - 3)
    system = Scripted(_answer("Europol was involved [1][2]. The search was on Tuesday [4].", [good, shifted]), [], {})
    system.docs = {"d1": DOC}
    rec = score_item(_item(), system, 5, "en")
    s = rec["scores"]
    assert s["validity"] == 0.5
    assert s["invalid_markers"] == pytest.approx(1 / 3)
    assert s["coverage"] == 1.0
    assert "bad_citation" in rec["failures"] and "missed_retrieval" in rec["failures"]


def test_a_refusal_of_an_answerable_question_states_no_fact() -> None:
    text = "The corpus does not say: no passage bears on Europol."  # echoes the fact, still a refusal
    system = Scripted(_answer(text, [], abstained=True), [], {"d1": DOC})
    rec = score_item(_item(), system, 5, "en")
    assert rec["scores"]["key_fact_recall"] == 0.0
    assert rec["scores"]["false_refusal"] == 1.0
    assert rec["scores"]["coverage"] is None
    assert "false_refusal" in rec["failures"]


def test_unanswerable_items() -> None:
    declined = score_item(_item(False), Scripted(_answer("The corpus does not say.", [], True), [], {}), 5, "none")
    assert declined["scores"]["abstained_correctly"] == 1.0
    assert declined["scores"]["hit@5"] is None and declined["scores"]["key_fact_recall"] is None
    assert declined["failures"] == []
    cite = _citation(1, "Europol was involved.", EUROPOL)
    answered = score_item(_item(False), Scripted(_answer("Europol [1].", [cite]), [], {"d1": DOC}), 5, "none")
    assert answered["scores"]["abstained_correctly"] == 0.0
    assert answered["scores"]["relevance"] is None  # no evidence to be relevant to
    assert answered["failures"] == ["missed_abstention"]


def test_an_error_counts_as_a_failure() -> None:
    from rag import QuestionError

    rec = score_item(_item(), Scripted(QuestionError("boom"), [], {}), 5, "en")
    assert rec["answer"] is None and rec["errors"][0].startswith("ask: QuestionError")
    assert rec["scores"]["false_refusal"] == 1.0 and rec["scores"]["key_fact_recall"] == 0.0
    assert rec["failures"][0] == "error"


def test_aggregates_count_only_the_questions_a_metric_applies_to() -> None:
    cite = _citation(1, "Europol was involved.", EUROPOL)
    records = [
        score_item(_item(), Scripted(_answer("Europol [1].", [cite]), [], {"d1": DOC}), 5, "en"),
        score_item(_item(False), Scripted(_answer("No.", [], True), [], {}), 5, "none"),
    ]
    aggs = aggregate(records, 5)
    assert list(aggs) == metric_keys(5)
    assert aggs["hit@5"]["n"] == 1 and aggs["hit@5"]["value"] == 0.0
    assert aggs["abstention_accuracy"]["n"] == 1 and aggs["abstention_accuracy"]["value"] == 1.0
    assert aggs["token_f1"]["n"] == 2
    assert aggs["ask_p50"]["unit"] == "seconds" and aggs["ask_p50"]["n"] == 2
    assert aggs["false_refusal_rate"]["higher_is_better"] is False
