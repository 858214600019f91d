"""The reader: candidate features, the shipped models, short answers cut verbatim from the sources."""

from __future__ import annotations

import numpy as np
import pytest

from rag.answering.question import analyse
from rag.answering.reader.features import FEATURES, question_terms
from rag.answering.reader.model import MODEL_DIR, ModelError, TreeModel, load_model, save_model
from rag.answering.reader.spans import SPAN_FEATURES, span_candidates


def test_span_candidates_are_phrases_of_the_sentence_without_the_question_words() -> None:
    q = analyse("How much was the company fined by the regulator?")
    sentence = "The regulator fined the company 4.2 million euros on Friday."
    spans = span_candidates(q, sentence)
    assert spans, "a sentence with new words has candidate phrases"
    for sp in spans:
        assert sentence[sp.start : sp.end] == sp.text
        assert "regulator" not in sp.text.lower() and "fined" not in sp.text.lower()
        assert sp.features.shape == (len(SPAN_FEATURES),)
    assert any(sp.text.startswith("4.2 million") for sp in spans)


def test_model_round_trip_and_feature_check(tmp_path, monkeypatch) -> None:
    import lightgbm

    n = len(FEATURES)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, n))
    y = (x[:, 0] + 0.5 * x[:, 3] > 0).astype(int)
    clf = lightgbm.LGBMClassifier(n_estimators=20, num_leaves=4, verbose=-1).fit(x, y)
    model = TreeModel("probe", FEATURES, clf.booster_, threshold=0.4)
    save_model(model, tmp_path)
    monkeypatch.setattr("rag.answering.reader.model.MODEL_DIR", tmp_path)
    load_model.cache_clear()
    try:
        loaded = load_model("probe", FEATURES)
        probe = rng.normal(size=(5, n))
        assert np.allclose(loaded.probabilities(probe), model.probabilities(probe), atol=1e-9)
        assert loaded.threshold == pytest.approx(0.4)
        with pytest.raises(ModelError, match="rebuild"):
            load_model("probe", FEATURES[:-1])
    finally:
        load_model.cache_clear()


def test_shipped_models_fit_the_code() -> None:
    """The model files in the package were trained on exactly the features this code computes."""
    sentence = load_model("sentence_model", FEATURES)
    span = load_model("span_model", SPAN_FEATURES)
    assert 0.0 < sentence.threshold < 1.0 and 0.0 <= span.threshold < 1.0
    assert len(sentence.coef) == len(FEATURES) and span.booster.num_feature() == len(SPAN_FEATURES)
    assert (MODEL_DIR / "metrics.json").is_file()
    with pytest.raises(ModelError, match="rebuild"):
        load_model("sentence_model", (*FEATURES, "a feature the model never saw"))


@pytest.mark.slow
def test_constraints_the_corpus_lacks_are_unmatched(extractive) -> None:
    vocab = extractive.retriever.statistics().vocabulary
    qt = question_terms(analyse("Has Telegram been fined in Brazil for deepfakes?"), vocab)
    words = {g.word for g in qt.constraints}
    assert "telegram" in words or "Telegram" in words


@pytest.mark.slow
def test_short_answer_is_verbatim_at_its_offsets(extractive) -> None:
    answer = extractive.ask("Quel est le montant de l'amende infligée à X par la Commission européenne ?")
    assert not answer.abstained
    short = answer.short_answer
    assert short is not None
    doc = extractive.document(short.doc_id)
    assert doc.text[short.start : short.end] == short.text
    cited = next(c for c in answer.citations if c.n == short.n)
    assert cited.start <= short.start and short.end <= cited.end
    assert answer.text.startswith(f"{short.text} [{short.n}]")


@pytest.mark.slow
def test_refusal_never_has_a_short_answer(extractive) -> None:
    answer = extractive.ask("What is the maximum fine under the GDPR?")
    assert answer.abstained and answer.short_answer is None and not answer.citations


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("In which Bond story did the name first appear?", "what"),
        ("How long did it take to shoot the film?", "quantity"),
        ("Où se trouve le siège de la société ?", "where"),
        ("Ou bien la Commission a-t-elle renoncé ?", None),  # "ou" (or) is not "où" (where)
        ("Quelle plateforme a été condamnée, et qui l'a annoncé ?", "what"),  # the first one asked
        ("Pour qui travaille-t-elle ?", "who"),
        ("Le parquet a-t-il confirmé que la société était visée ?", None),  # yes/no: "que" is a conjunction
        ("What year did the inquiry open?", "when"),
        ("Why did the regulator act?", "why"),
        ("regulator fine amount", None),
    ],
)
def test_the_interrogative_is_the_first_one_the_question_asks_with(question: str, expected: str | None) -> None:
    assert analyse(question).interrogative == expected


def test_a_short_answer_is_sought_wherever_the_question_asks_what_and_not_for_why() -> None:
    from rag.answering.extractive import _factoid

    assert _factoid(analyse("The report was published by which agency?"))
    assert _factoid(analyse("Selon l'agence, quel type de système a été faussé ?"))
    assert not _factoid(analyse("Why did the agency publish the report?"))
    assert not _factoid(analyse("Did the agency publish the report?"))


def test_span_rarity_is_the_language_s_not_the_index_s() -> None:
    """How common a phrase's words are comes from the language's frequency list, so it does not move
    with what else the index holds; a language without a list falls back on the index's IDF."""
    from rag.index.lexical import LexicalIndex

    texts = [f"However the board met on day {i} and the agency Zorbatel spoke." for i in range(30)]
    texts.append("Kestrovia was named as the new agency.")
    vocab = LexicalIndex.build([f"c{i}" for i in range(len(texts))], texts, [{"language": "en"}] * len(texts))
    q = analyse("Which country was named?")
    column = SPAN_FEATURES.index("rarity_min")

    def rarity(vocabulary, language: str, sentence: str = "However, Kestrovia spoke.") -> dict[str, float]:
        spans = span_candidates(q, sentence, vocabulary, language)
        return {sp.text: float(sp.features[column]) for sp in spans}

    english = rarity(vocab, "en")
    assert english["Kestrovia"] == 1.0 > 0.5 > english["However"] > 0.0
    assert rarity(None, "en") == english  # the index plays no part
    # No frequency list for this language: the index's IDF ("Zorbatel" is in every chunk but one).
    unlisted = rarity(vocab, "xx", "Zorbatel, Kestrovia spoke.")
    assert unlisted["Kestrovia"] > 0.6 > 0.1 > unlisted["Zorbatel"]
    assert rarity(vocab, "en", "Zorbatel, Kestrovia spoke.")["Zorbatel"] == 1.0  # no English list has it
    assert set(rarity(None, "xx").values()) == {0.5}


def test_site_furniture_that_survived_cleaning_is_never_quoted_or_evidence(extractive) -> None:
    """Issue 10, item 11: the reader's own guard, behind the cleaner's. A comment-box line left in
    an article's text shares the question's words, yet is never quoted and never backs a claim."""
    from rag.answering.support import not_evidence
    from rag.types import Passage, PassageChunk

    furniture = "If you do not have an account please register and login to post comments."
    news = "Readers can post comments on the regulator's decision until the end of the month, the newspaper said."
    text = f"{furniture} {news}"
    passage = Passage(
        "furn0001", "furn0001:0000", text, 1.0, 0, len(text),
        {"title": "Comments", "language": "en", "source": "Gazette"},
        [PassageChunk("furn0001:0000", 0, len(text), 3.0, similarity=0.86)],
    )  # fmt: skip
    q = analyse("How can readers post comments and do they need an account?")
    answer = extractive.answerer.answer(q, [passage], extractive.retriever.statistics(), None)
    assert all("register and login" not in c.quote for c in answer.citations)
    assert not_evidence(furniture) and not not_evidence(news)


def test_a_question_asking_for_a_figure_gets_a_phrase_that_holds_one() -> None:
    """As only sentences stating a figure compete for such a question (``_answering``), only
    phrases holding one do: the model's favourite word next to the amount loses to the figure."""
    from rag.answering.reader.spans import best_span

    money = analyse("How much was the platform fined?")
    assert money.answer_type == "money"
    sentence = "L’Union européenne inflige une amende de 120 millions d’euros à la plateforme X"
    spans = span_candidates(money, sentence)
    texts = [s.text for s in spans]
    probs = np.asarray([0.9 if t == "plateforme" else 0.1 for t in texts])
    assert "plateforme" in texts
    picked = spans[best_span(money, spans, probs)].text
    assert any(ch.isdigit() for ch in picked), picked
    # A question that asks for no figure: the model's pick stands.
    who = analyse("Who fined the platform?")
    who_spans = span_candidates(who, sentence)
    who_probs = np.asarray([0.9 if s.text == "plateforme" else 0.1 for s in who_spans])
    assert who_spans[best_span(who, who_spans, who_probs)].text == "plateforme"


@pytest.mark.parametrize(
    ("question", "answer_type", "sentence", "favourite", "answer"),
    [
        # Dates as figures: for "when", only phrases that state a date (a weekday here) compete.
        (
            "When did the Commission fine the platform?",
            "date",
            "BRUXELLES — La Commission européenne a infligé vendredi une amende de 120 millions d’euros à X.",
            "120 millions",
            "vendredi",
        ),
        # As for sentences, a year is a date, not a count: "how many" gets the count, not the year.
        (
            "How many investigations did the prosecutors open?",
            "number",
            "From 2023 to 2025, the prosecutors opened three investigations into the platform.",
            "2025",
            "three",
        ),
    ],
)
def test_the_short_answer_has_the_form_asked_for(question, answer_type, sentence, favourite, answer) -> None:
    """The model's favourite phrase loses to a less likely one of the asked-for form."""
    from rag.answering.reader.spans import best_span

    q = analyse(question)
    assert q.answer_type == answer_type
    spans = span_candidates(q, sentence)
    texts = [s.text for s in spans]
    assert favourite in texts and answer in texts
    probs = np.asarray([0.9 if t == favourite else 0.3 if t == answer else 0.1 for t in texts])
    assert spans[best_span(q, spans, probs)].text == answer
