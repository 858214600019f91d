"""Question analysis: the kind of answer a question asks for decides which sentence can answer it."""

from __future__ import annotations

import pytest

from rag.answering.question import analyse, holds_date, main_clause, sentence_has_type


@pytest.mark.parametrize(
    ("question", "answer_type"),
    [
        ("What fines has X received under the DSA?", "money"),
        ("How big was the DSA fine the EU imposed on AliExpress?", "money"),
        ("How high was the penalty imposed on X?", "money"),
        ("What sum was X ordered to pay?", "money"),
        ("Quel montant l'Arcom a-t-elle infligé à Kick ?", "money"),
        ("Quelle somme X doit-elle payer ?", "money"),
        ("How many X employees were summoned?", "number"),
        ("Combien de plaintes Google a-t-il reçues ?", "number"),
        ("When did the search take place?", "date"),
        ("Depuis quand le DSA s'applique-t-il ?", "date"),
        ("Quel âge avait Jean Pormanove ?", "age"),
        ("Who is the EU's tech commissioner?", "person"),
        ("Comment s'appelle la procureure de Paris ?", "person"),
        # An interrogative, a copula and an article before a noun of measure.
        ("Quel est le montant de la sanction prononcée contre la société ?", "money"),
        ("What was the amount the regulator demanded?", "money"),
        ("Quelle était la date de l'audience ?", "date"),
        ("What is the year the law took effect?", "date"),
        ("Quel est l’âge du suspect ?", "age"),
        ("What is the total number of complaints?", "number"),
        # Not a request for a figure, a date or a name.
        ("What is the agency accused of?", None),
        ("What was the penalty for?", None),
        ("How big is the DSA enforcement team's remit?", None),
        ("Who is Linda Yaccarino?", None),
        ("Why was the investigation widened?", None),
        # A leading clause of time or condition is not what the question asks.
        ("When the inquiry opened, which agency led it?", "organisation"),
        ("Lorsque l'enquête a été ouverte, qui la dirigeait ?", "person"),
        ("If X was fined, how much was the fine?", "money"),
        # ... unless what follows is a second part of the question.
        ("When was X fined, and by whom?", "date"),
    ],
)
def test_answer_type(question, answer_type):
    assert analyse(question).answer_type == answer_type


def test_names_and_counted_noun():
    q = analyse("How many investigations had the Nice prosecutor opened in the Jean Pormanove case?")
    assert q.language == "en"
    assert "Jean Pormanove" in q.names and "Nice" in q.entities
    assert q.counted == ["investigations"]
    fr = analyse("Combien de cas liés aux deepfakes la police sud-coréenne a-t-elle recensés ?")
    assert fr.language == "fr" and fr.counted[0] == "cas"
    # The counted noun phrase ends where the subject's name begins.
    assert analyse("À combien de plateformes Bruxelles a-t-elle demandé des comptes ?").counted == ["plateformes"]


@pytest.mark.parametrize(
    ("sentence", "answer_type", "expected"),
    [
        ("La Commission a infligé une amende de 120 millions d'euros à X.", "money", True),
        ("The fine could reach 6% of global turnover.", "money", False),
        # Any currency CLDR names, by name, sign or ISO code; "de" between the figure and the currency.
        ("The funeral and monument, amounting to 5,000 francs, were covered by a friend.", "money", True),
        ("Meta a payé 5 millions de dollars.", "money", True),
        ("Le régulateur indien a infligé une amende de 20 millions de roupies.", "money", True),
        ("The regulator asked for CHF 3 million.", "money", True),
        ("A fine of ₹200 crore was imposed.", "money", True),
        ("Five European countries joined; 5 Europeans testified.", "money", False),
        ("She won 3 awards.", "money", False),
        ("Two investigations had already been opened in Nice.", "number", True),
        # "une" is an article, not a count, unless it counts the asked-for noun or a unit of time.
        ("Le parquet a ouvert une enquête.", "number", False),
        ("The search took place on 3 February 2026.", "date", True),
        ("L'homme de 45 ans est mort en direct.", "age", True),
        # Ages in words.
        ("She won a school talent show at age seven.", "age", True),
        ("Aged five, she attended her first concert.", "age", True),
        ("He became, at the age of fifty, the oldest actor in the series.", "age", True),
        ("The age of the platform matters less than its reach.", "age", False),
        # Dates before 1800, decades, centuries and years of three figures in context.
        ("The English took control of the harbour in 1664.", "date", True),
        ("The band rose to fame in the late 1990s.", "date", True),
        ("The empire collapsed in the 9th century.", "date", True),
        ("Le traité date du XIVe siècle.", "date", True),
        ("A treaty signed in 821 fixed the border.", "date", True),
        ("The dynasty ruled China (1271–1368).", "date", True),
        ("The fine of 120 million euros was confirmed.", "date", False),
        ("Out of 350 complaints, 12 were upheld.", "date", False),
    ],
)
def test_sentence_has_type(sentence, answer_type, expected):
    q = analyse("How many investigations?" if answer_type == "number" else "What?")
    assert sentence_has_type(sentence, answer_type, q) is expected


def test_a_date_the_question_already_gives_is_no_answer():
    """ "What happened in 1664?" is not answered by a sentence whose only date is 1664."""
    assert holds_date("In 1664 the English took the harbour.", {"1664"}) is False
    assert holds_date("In 1664 the English took the harbour; the Dutch returned in 1673.", {"1664"}) is True


def test_the_main_clause_follows_a_leading_subordinate_clause():
    assert main_clause("When the store opened, what format did it sell?") == "what format did it sell?"
    assert main_clause("When did the store open?") == "When did the store open?"
    # No interrogative after the comma: the question is the whole text.
    assert main_clause("When the store opened, the format was AAC?") == "When the store opened, the format was AAC?"
