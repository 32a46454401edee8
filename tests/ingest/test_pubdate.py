"""Publication dates: metadata first, then ``date=``, then inference from the body text."""

from __future__ import annotations

import json
from datetime import date

import pytest

from crisiswire.ingest.pubdate import infer_publication_date, normalise_date

# Tuesday 16 January 2024 anchors the weekdays below: Thursday is the 18th, Friday the 19th.
THURSDAY_TEXT = (
    "Border guards from the two countries exchanged fire near the Kelvar bridge on "
    "January 16, 2024, according to officials in both capitals.\n\n"
    "The interior minister said on Thursday that the bridge would stay closed until an "
    "inquiry into the shooting had been completed."
)
TODAY_TEXT = (
    "The regional governor on Friday (today) visited the Kelvar crossing, three days after "
    "the shooting that closed it.\n\n"
    "Border guards exchanged fire there on January 16, 2024, and both governments have "
    "since traded accusations over who fired first."
)
WEEKDAYS_ONLY_TEXT = (
    "Gunmen opened fire on a bus near the river crossing on Saturday, killing two drivers, "
    "the police said.\n\n"
    "The foreign minister condemned the attack on Monday and called for an inquiry into "
    "the killings."
)
FUTURE_TEXT = (
    "Opposition leaders met the prime minister on January 16, 2024 to discuss the crisis "
    "over the Kelvar bridge.\n\n"
    "Voters will choose a new parliament in elections on February 8, 2024, and the "
    "crisis is expected to dominate the campaign."
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-01-18T23:30:00+05:00", "2024-01-18"),  # the day as written, no UTC shift
        ("2024-01-18T23:30:00Z", "2024-01-18"),
        ("2024-01-18", "2024-01-18"),
        ("Thu, 18 Jan 2024 23:30:00 +0500", "2024-01-18"),  # RFC 822
        ("Mon, 11 Mar 2024 23:30:00 -0500", "2024-03-11"),
        ("19 January 2024", "2024-01-19"),
        ("January 19, 2024", "2024-01-19"),
        ("Monday, March 4, 2024", "2024-03-04"),
    ],
)
def test_normalise_date_accepts_common_forms(raw, expected):
    assert normalise_date(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "   ", "not a date at all", "January 2024", "Friday"])
def test_normalise_date_refuses_what_is_not_a_full_date(raw):
    assert normalise_date(raw) is None


def test_metadata_date_wins_over_the_given_date(write, read_one):
    record = {"id": "x-1", "text": THURSDAY_TEXT, "date": "2024-01-17T08:00:00+05:00"}
    article = read_one(write("dated.jsonl", json.dumps(record) + "\n"), date=date(2024, 2, 1))
    assert article.published == "2024-01-17"
    assert article.published_basis == "metadata"


def test_given_date_fills_in_when_metadata_says_nothing(write, read_one):
    # The given date also wins over what could be inferred from the text.
    article = read_one(write("undated.txt", THURSDAY_TEXT), date=date(2024, 2, 1))
    assert article.published == "2024-02-01"
    assert article.published_basis == "given"


def test_weekday_reported_in_the_past_after_an_explicit_date(write, read_one):
    article = read_one(write("thursday.txt", THURSDAY_TEXT))
    assert article.published == "2024-01-18"
    assert article.published_basis.startswith("inferred:")
    assert "Thursday" in article.published_basis


def test_weekday_marked_today_after_an_explicit_date(write, read_one):
    article = read_one(write("today.txt", TODAY_TEXT))
    assert article.published == "2024-01-19"
    assert article.published_basis.startswith("inferred:")
    assert "Friday (today)" in article.published_basis


def test_weekday_marked_yesterday_is_the_day_before_publication():
    text = (
        "The ministers met on March 3, 2024. Aides said the meeting on Monday (yesterday) "
        "had been frank but useful."
    )
    # Monday after Sunday 3 March is the 4th, so the article is from the 5th.
    assert infer_publication_date(text)[0] == "2024-03-05"


def test_weekday_names_alone_give_no_date(write, read_one):
    article = read_one(write("weekdays.txt", WEEKDAYS_ONLY_TEXT))
    assert article.published is None
    assert article.published_basis == "unknown"


def test_future_date_is_not_the_publication_date(write, read_one):
    article = read_one(write("future.txt", FUTURE_TEXT))
    assert article.published != "2024-02-08"
    assert article.published == "2024-01-16"
    assert article.published_basis.startswith("inferred:")


def test_campaign_for_a_later_election_is_not_the_publication_date():
    text = (
        "The committee met on January 16, 2024 in the capital. Parties campaigning for the "
        "February 8, 2024 general elections have backed the government's response."
    )
    assert infer_publication_date(text)[0] == "2024-01-16"


def test_date_said_to_be_weeks_ahead_is_not_the_publication_date():
    text = (
        "Opposition leaders met the prime minister on January 16, 2024 to discuss the "
        "crisis. The meeting came three weeks before elections on February 8, 2024."
    )
    assert infer_publication_date(text)[0] == "2024-01-16"


def test_weekday_in_a_future_sentence_is_ignored():
    text = (
        "The ministers met on March 3, 2024. On Monday, aides said the talks had been frank. "
        "The ministers will meet again on Friday."
    )
    day, reason = infer_publication_date(text)
    assert day == "2024-03-04"  # Monday, not the Friday still to come
    assert "Monday" in reason


def test_dateline_with_a_year_gives_the_date():
    day, reason = infer_publication_date(
        "OSK, March 3, 2024 - The two foreign ministers met for three hours at a hotel "
        "beside the lake."
    )
    assert day == "2024-03-03"
    assert reason.startswith("dateline")


def test_no_calendar_date_gives_none_and_a_reason():
    day, reason = infer_publication_date(WEEKDAYS_ONLY_TEXT)
    assert day is None
    assert reason
