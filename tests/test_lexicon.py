"""The one lexicon: month and weekday names from CLDR, number words from text2num, one shared root."""

from __future__ import annotations

from datetime import date

from rag.answering.claims import Bag
from rag.answering.question import analyse, sentence_has_type
from rag.answering.relative_dates import find_relative_dates
from rag.text.lexicon import is_count_word, month_names, months, number_value, shared_root, weekday_names, weekdays


def test_month_and_weekday_names_come_from_cldr_in_both_languages() -> None:
    assert month_names("fr")[1] == "février" and month_names("en")[11] == "December"
    assert weekday_names("fr")[0] == "lundi" and weekday_names("en", "abbreviated")[6] == "Sun"
    assert months()["fevrier"] == months()["february"] == 2  # folded, every language
    assert months(("wide", "abbreviated"))["janv"] == 1 and "janv" not in months()
    assert weekdays()["dimanche"] == weekdays()["sunday"] == 6


def test_number_words_are_read_by_text2num_and_collective_counts_are_added() -> None:
    assert number_value("vingt") == 20 and number_value("seventeen") == 17 and number_value("millions") == 1_000_000
    assert number_value("dozens") == 12 and number_value("centaine") == 100 and number_value("milliers") == 1000
    assert number_value("several") is None and number_value("may") is None
    assert number_value("12") is None  # figures are figures, not words


def test_french_articles_are_not_counts() -> None:
    assert is_count_word("one") and is_count_word("quinze")
    assert not is_count_word("un") and not is_count_word("une")
    q = analyse("How many arrests did the police make?")
    assert sentence_has_type("Police arrested fifteen people.", "number", q)  # not in the old hand table
    assert not sentence_has_type("Police arrested a man and une femme.", "number", q)


def test_one_shared_root_rule() -> None:
    assert shared_root("sensitive") == shared_root("sensible") == "sensi"
    assert shared_root("paris") is None and shared_root("123456") is None  # short words, figures: no root
    bag = Bag.of("Les autorités françaises ont ouvert une enquête européenne.", "fr")
    assert bag.has_name("france")  # "France" in "françaises"
    assert "europ" in bag.roots  # "European" finds "européenne"


def test_relative_dates_read_any_number_word_and_skip_vague_counts() -> None:
    published = date(2026, 2, 3)
    (found,) = find_relative_dates("The complaint was filed twenty days ago.", published)
    assert found.value == date(2026, 1, 14)
    assert find_relative_dates("It started several days ago, in Paris.", published) == []
    (found,) = find_relative_dates("Il y a une semaine, le parquet a agi.", published)
    assert found.granularity == "week"
