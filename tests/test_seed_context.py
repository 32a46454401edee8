"""Dates, places, casualties and quotes of the two reference articles, against our annotation.

Read from ../shared/seeds at test time (skipped when absent), never copied here. The second
article's page gives no date of its own and only "Friday (today)", so it is read as an analyst
would, with ``--date 2024-01-19`` (the first article's date is inferred as the same day).
"""

from __future__ import annotations

from datetime import date

import pytest

from crisiswire import Article, read_articles
from crisiswire.engines import analyse_articles
from crisiswire.model import ArticleAnalysis, Event, Quote

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds(seeds_dir) -> dict[str, ArticleAnalysis]:
    articles = [
        a for a in read_articles([str(seeds_dir)], date=date(2024, 1, 19)) if isinstance(a, Article)
    ]
    assert len(articles) == 2
    return {a.article.origin.rsplit("/", 1)[-1][:3]: a for a in analyse_articles(articles)}


def strike(events: list[Event], actor: str, recipient: str, word: str) -> Event:
    for event in events:
        if event.event_type != "ASSAULT" or event.negated:
            continue
        if word not in event.evidence.text:
            continue
        if {a.country for a in event.actor} >= {actor} and {r.country for r in event.recipient} >= {
            recipient
        }:
            return event
    raise AssertionError(f"no strike {actor} -> {recipient} in a sentence with {word!r}")


def test_iran_strike_is_dated_16_january_and_placed_in_pakistan(seeds):
    # the second article: "two days after" Pakistan's strike "on Thursday" (18 January)
    event = strike(seeds["004"].events, "IRN", "PAK", "two children")
    assert (event.date, event.date_basis, event.date_text) == (
        "2024-01-16",
        "anchored",
        "two days after",
    )
    assert event.location is not None and event.location.country == "PAK"
    assert event.location.name == "Balochistan"
    # the first article: "earlier in the week", made exact by "the Iranian attack … on
    # January 16" later in the same article; the place is the misspelt "Pangur" district
    event = strike(seeds["000"].events, "IRN", "PAK", "missile strike")
    assert (event.date, event.date_value) == ("2024-01-16", "2024-W03")
    assert event.date_basis == "coreference"
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Panjgur", "PAK")
    assert 26 < event.location.lat < 28 and 63 < event.location.lon < 65


def test_casualties_belong_to_iran_strike_only(seeds):
    event = strike(seeds["004"].events, "IRN", "PAK", "two children")
    assert (event.dead, event.injured) == (2, 3)
    others = [e for a in seeds.values() for e in a.events if e is not event]
    assert all(e.dead is None and e.injured is None for e in others)


def test_pakistan_strike_is_dated_18_january_and_placed_in_iran(seeds):
    event = strike(seeds["004"].events, "PAK", "IRN", "hideouts")
    assert (event.date, event.date_text, event.date_basis) == ("2024-01-18", "Thursday", "relative")
    assert event.location is not None and event.location.country == "IRN"
    event = strike(seeds["000"].events, "PAK", "IRN", "retaliatory move")
    assert event.location is not None and event.location.country == "IRN"  # "Iranian territory"


def test_the_call_and_the_meetings_are_on_19_january(seeds):
    events = seeds["000"].events
    call = next(e for e in events if e.event_type == "CONSULT" and e.trigger == "conversation")
    assert call.date == "2024-01-19"
    meeting = next(
        e for e in events if e.event_type == "CONSULT" and "on Friday" in e.evidence.text
    )
    assert (meeting.date, meeting.date_text) == ("2024-01-19", "Friday")
    summoned = next(e for e in seeds["004"].events if "summoned" in e.evidence.text)
    assert (summoned.date, summoned.date_text) == ("2024-01-19", "Friday")


def test_the_pm_trip_to_davos_is_not_an_event_place(seeds):
    for analysis in seeds.values():
        for event in analysis.events:
            assert event.location is None or event.location.name != "Davos"
    assert any(p.text == "Davos" for p in seeds["004"].places)  # it is a place, though


def speakers(quotes: list[Quote]) -> dict[str, list[Quote]]:
    out: dict[str, list[Quote]] = {}
    for quote in quotes:
        if quote.speaker is not None and quote.speaker.name:
            out.setdefault(quote.speaker.name, []).append(quote)
    return out


def test_us_spokespeople_are_quoted_by_name(seeds):
    by = speakers(seeds["000"].quotes)
    for name in ("John Kirby", "Matthew Miller"):
        assert name in by, sorted(by)
        assert all((q.speaker.country, q.speaker.sector) == ("USA", "GOV") for q in by[name])
        assert any(q.direct for q in by[name]) and any(not q.direct for q in by[name])
    # "“…,” he added" after Kirby told reporters: still Kirby, not the president named between
    added = [q for q in seeds["000"].quotes if q.cue == "added"]
    assert added and all(q.speaker.name == "John Kirby" for q in added)
    # "Miller said Iranian and Pakistani tensions are not connected …": reported speech
    assert any(not q.direct and "not connected" in q.text for q in by["Matthew Miller"])


def test_the_iranian_official_is_quoted_by_name(seeds):
    by = speakers(seeds["004"].quotes)
    mousavi = by.get("Seyed Rasoul Mousavi", [])
    assert mousavi and all(q.speaker.country == "IRN" for q in mousavi)
    posted = [q for q in mousavi if q.cue == "wrote"]  # "he wrote on X"
    assert posted and posted[0].direct


def test_every_quote_and_place_points_back_to_its_characters(seeds, seeds_dir):
    for analysis in seeds.values():
        text = analysis.article.text
        for quote in analysis.quotes:
            assert text[quote.start : quote.end] == quote.text
            if quote.speaker is not None and quote.speaker.start is not None:
                assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text
        for place in analysis.places:
            assert text[place.start : place.end] == place.text
        for timex in analysis.timexes:
            assert text[timex.start : timex.end] == timex.text
