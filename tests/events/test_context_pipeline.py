"""Dates, places and tolls through the whole pipeline (real timex and geo components), on
sentences we wrote; the publication date is Friday 19 January 2024."""

from __future__ import annotations

from datetime import date

import pytest

from crisiswire.events.coder import CodedEvent
from crisiswire.nlp.pipeline import load_pipeline, make_doc

FRIDAY = date(2024, 1, 19)


@pytest.fixture(scope="module")
def code():
    nlp = load_pipeline()

    def run(text: str) -> dict[str, CodedEvent]:
        """Events by trigger word; a word used twice is keyed "attacked", "attacked#2"."""
        doc = nlp(make_doc(nlp, text, FRIDAY))
        out: dict[str, CodedEvent] = {}
        for event in doc._.cw_events:
            key = event.trigger.text
            out[key if key not in out else f"{key}#2"] = event
        return out

    return run


def test_a_toll_is_counted_once_on_the_act(code):
    events = code("Iran attacked Pakistan on Tuesday, killing two people.")
    assert events["attacked"].dead == 2
    assert events["killing"].dead is None  # the killing is the attack's toll, not a second one
    events = code("Iran launched missile strikes on Panjgur, killing two children.")
    assert (events["strikes"].dead, events["killing"].dead) == (2, None)
    events = code("Iran launched a strike in Panjgur that killed two children.")
    assert events["strike"].dead == 2


def test_a_toll_in_the_next_sentence_goes_to_the_attack_before(code):
    events = code("Iran attacked Pakistan. Nine people were killed in the attack.")
    assert events["attacked"].dead == 9 and events["killed"].dead is None


def test_killers_named_in_the_killing_keep_their_toll(code):
    events = code("Gunmen killed nine workers in Saravan on Saturday.")
    killed = events["killed"]
    assert (killed.dead, killed.date, killed.location.country) == (9, "2024-01-13", "IRN")


def test_a_town_shelled_is_the_place(code):
    shelled = code("Russia shelled Kharkiv on Tuesday.")["shelled"]
    assert shelled.location is not None and shelled.location.country == "UKR"
    assert shelled.date == "2024-01-16"


def test_the_place_in_the_target_country_wins(code):
    text = (
        "Pakistan launched strikes against hideouts of Baloch separatists inside Iran, "
        "near the town of Sarawan."
    )
    location = code(text)["strikes"].location
    assert location is not None and (location.name, location.country) == ("Sarāvān", "IRN")


def test_a_district_is_more_precise_than_its_province(code):
    text = "Iran struck targets in Pakistan's Balochistan province, in Panjgur district."
    assert code(text)["struck"].location.name == "Panjgur"


def test_an_aside_is_not_the_place(code):
    text = "Iran attacked bases in Syria, the most serious escalation in the Middle East in years."
    assert code(text)["attacked"].location.name == "Syria"


def test_two_days_earlier_counts_from_the_event_before(code):
    events = code(
        "Pakistan attacked Iran on Thursday. Two days earlier, Iran had attacked Pakistan."
    )
    earlier = [e for e in events.values() if e.date_basis == "anchored"]
    assert [(e.date, e.date_text) for e in earlier] == [("2024-01-16", "Two days earlier")]


def test_two_days_after_a_dated_clause(code):
    events = code("Pakistan attacked Iran two days after Iran attacked Pakistan on Tuesday.")
    dates = sorted((e.date, e.date_basis) for e in events.values())
    assert dates == [("2024-01-16", "relative"), ("2024-01-18", "anchored")]


def test_days_later_counts_from_the_governing_clause(code):
    text = (
        "Gunmen killed nine workers in Saravan on Saturday. Iran struck Pakistan on Tuesday, "
        "prompting Pakistan to retaliate two days later."
    )
    retaliate = code(text)["retaliate"]
    assert (retaliate.date, retaliate.date_basis) == ("2024-01-18", "anchored")


def test_a_possessive_date_and_spans_that_are_not_dates(code):
    strike = code("Tuesday's strike by Iran on Pakistan killed two children.")["strike"]
    assert (strike.date, strike.dead) == ("2024-01-16", 2)
    sanctions = code("The United States has imposed sanctions on Iran since 2019.")["sanctions"]
    assert sanctions.date_basis == "publication-date"  # "since 2019" is no point in time


def test_a_future_week_keeps_its_date_inside_the_week(code):
    attack = code("Iran will attack Pakistan next week.")["attack"]
    assert (attack.date_value, attack.date) == ("2024-W04", "2024-01-22")
