"""The TIMEX3 grammar: news reading of weekdays and months, relative and explicit dates,
durations, sets, clock times, span conventions, false friends, and the vocabulary file."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from crisiswire.data import DataFileError
from crisiswire.model import Timex
from crisiswire.timex import find_timexes, normalise, shift_date
from crisiswire.timex.vocabulary import load_vocabulary, parse_vocabulary

FRIDAY = date(2024, 1, 19)  # the publication date of most cases below: Friday 19 January 2024
THURSDAY = date(2024, 1, 18)


def future(_offset: int) -> str:
    return "future"


def past(_offset: int) -> str:
    return "past"


def present(_offset: int) -> str:
    return "present"


def found(text: str, dct: date | None = FRIDAY, tense_at=None) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, dct, tense_at)]


def one(text: str, dct: date | None = FRIDAY, tense_at=None) -> Timex:
    timexes = find_timexes(text, dct, tense_at)
    assert len(timexes) == 1, timexes
    return timexes[0]


# --------------------------------------------------------------------------- weekdays


def test_weekday_is_the_latest_within_the_week_ending_on_the_publication_date():
    assert one("The rebels attacked the town on Thursday.").value == "2024-01-18"
    assert one("Thursday saw the heaviest shelling yet.").value == "2024-01-18"
    assert one("The council voted on Monday.").value == "2024-01-15"
    assert one("The council voted on Saturday.").value == "2024-01-13"


def test_weekday_named_on_its_own_day_is_that_day():
    timex = one("The rebels attacked the town on Thursday.", THURSDAY)
    assert timex.value == "2024-01-18"
    assert one("Friday's talks ended early.").value == "2024-01-19"


def test_weekday_looks_forward_only_in_a_future_clause():
    assert one("The ministers will meet on Monday.", tense_at=future).value == "2024-01-22"
    assert one("The ministers will meet on Friday.", tense_at=future).value == "2024-01-19"
    assert one("The ministers met on Monday.", tense_at=past).value == "2024-01-15"
    assert one("The ministers meet on Monday.", tense_at=present).value == "2024-01-15"


def test_next_and_last_weekday():
    assert one("They meet again next Monday.").value == "2024-01-22"
    assert one("They met last Monday.").value == "2024-01-15"
    assert one("They met last Friday.").value == "2024-01-12"  # strictly before
    assert one("They met last Thursday.", THURSDAY).value == "2024-01-11"
    assert one("They met last Thursday.").text == "last Thursday"


def test_weekday_with_today_in_parentheses():
    assert found("Talks resumed on Friday (today) in Geneva.") == [
        ("Friday", "DATE", "2024-01-19"),
        ("today", "DATE", "2024-01-19"),
    ]


def test_weekday_with_part_of_day_is_a_time():
    assert found("Shelling began on Wednesday night.") == [
        ("Wednesday night", "TIME", "2024-01-17TNI")
    ]


# --------------------------------------------------------------------------- days and parts


@pytest.mark.parametrize(
    ("text", "type_", "value"),
    [
        ("today", "DATE", "2024-01-19"),
        ("yesterday", "DATE", "2024-01-18"),
        ("tomorrow", "DATE", "2024-01-20"),
        ("tonight", "TIME", "2024-01-19TNI"),
        ("this morning", "TIME", "2024-01-19TMO"),
        ("yesterday afternoon", "TIME", "2024-01-18TAF"),
        ("last night", "TIME", "2024-01-18TNI"),
        ("the day before yesterday", "DATE", "2024-01-17"),
    ],
)
def test_day_words(text, type_, value):
    assert found(f"Fighting resumed {text}, officials said.") == [(text, type_, value)]


# --------------------------------------------------------------------------- relative units


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("earlier this week", "2024-W03"),
        ("earlier in the week", "2024-W03"),
        ("this week", "2024-W03"),
        ("last week", "2024-W02"),
        ("next week", "2024-W04"),
        ("last month", "2023-12"),
        ("this month", "2024-01"),
        ("next month", "2024-02"),
        ("last year", "2023"),
        ("this year", "2024"),
        ("next year", "2025"),
        ("the end of this week", "2024-W03"),
        ("the end of the year", "2024"),
        ("the last decade", None),  # a duration, see below
    ],
)
def test_relative_calendar_units(text, value):
    timex = one(f"The army said {text} that it had pulled back.")
    assert timex.text == text
    if value is None:
        assert timex.type == "DURATION"
    else:
        assert (timex.type, timex.value, timex.basis) == ("DATE", value, "relative")


def test_iso_week_across_a_year_boundary():
    assert one("Talks stalled last week.", date(2024, 1, 3)).value == "2023-W52"


# --------------------------------------------------------------------------- months


def test_bare_month_is_the_latest_one_up_to_the_publication_date():
    assert one("The truce was signed in January.").value == "2024-01"
    assert one("The truce was signed in March.").value == "2023-03"
    assert one("The truce was signed in January.", date(2024, 2, 10)).value == "2024-01"
    assert one("The truce was signed in December.").value == "2023-12"


def test_bare_month_looks_forward_in_a_future_clause():
    assert one("Voters will go to the polls in March.", tense_at=future).value == "2024-03"
    assert one("Voters will go to the polls in January.", tense_at=future).value == "2024-01"


def test_last_next_and_modified_months():
    assert one("The siege began last January.").value == "2023-01"
    assert one("The siege may end next January.").value == "2025-01"
    timex = one("The siege began in early January.")
    assert (timex.text, timex.value) == ("early January", "2024-01")


# --------------------------------------------------------------------------- explicit dates


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("January 16", "2024-01-16"),
        ("16 January", "2024-01-16"),
        ("Jan. 16, 2024", "2024-01-16"),
        ("January 16, 2024", "2024-01-16"),
        ("2024-01-16", "2024-01-16"),
        ("Jan. 16", "2024-01-16"),
        ("the 16th of January", "2024-01-16"),
        ("March 3, 1998", "1998-03-03"),
        ("January 2023", "2023-01"),
    ],
)
def test_explicit_dates(text, value):
    timex = one(f"The strike happened on {text}.")
    assert (timex.text, timex.type, timex.value, timex.basis) == (text, "DATE", value, "explicit")


def test_day_and_month_without_a_year_take_the_nearer_year():
    assert one("The deadline is Jan. 24.").value == "2024-01-24"
    assert one("The accord was signed on Dec. 28.").value == "2023-12-28"
    assert one("The accord will be signed Dec. 28.", tense_at=future).value == "2024-12-28"


def test_weekday_with_a_date_picks_the_matching_year():
    assert one("The vote is set for Monday, Jan. 13.", date(2025, 1, 2)).value == "2025-01-13"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("1998", ["1998"]),
        ("the 1990s", ["199"]),
        ("1980-88", ["1980", "1988"]),
        ("mid-1996", ["1996"]),
        ("the 20th century", ["19"]),
        ("fiscal 1989", ["1989"]),
    ],
)
def test_years_decades_and_ranges(text, values):
    timexes = find_timexes(f"Troops were deployed there in {text}, he said.", FRIDAY)
    assert [t.value for t in timexes] == values
    assert all(t.type == "DATE" and t.basis == "explicit" for t in timexes)


def test_quarters():
    assert one("Profit fell in the third quarter.").value == "2023-Q3"
    assert one("Profit fell in the fourth quarter of 2022.").value == "2022-Q4"
    assert one("Third-quarter profit fell.").value == "2023-Q3"


# --------------------------------------------------------------------------- durations and ago


def test_durations_before_after_and_later_keep_only_the_length():
    assert found("The truce collapsed two days after the vote.") == [
        ("two days", "DURATION", "P2D")
    ]
    assert found("Three days later, the rebels withdrew.") == [("Three days", "DURATION", "P3D")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the past two weeks", "P2W"),
        ("the next 14 months", "P14M"),
        ("six hours", "PT6H"),
        ("a decade", "P10Y"),
        ("several days", "PXD"),
        ("the coming weeks", "PXW"),
        ("a two-year", "P2Y"),
    ],
)
def test_durations(text, value):
    timex = one(f"Fighting went on for {text} ceasefire talks.")
    assert (timex.type, timex.value) == ("DURATION", value)


def test_ago_is_a_date_at_the_unit_granularity():
    assert found("The camp was built two years ago.") == [("two years ago", "DATE", "2022")]
    assert found("The camp was built three days ago.") == [("three days ago", "DATE", "2024-01-16")]
    assert found("It opened a month ago.") == [("a month ago", "DATE", "2023-12")]
    assert found("It opened about six weeks ago.") == [("about six weeks ago", "DATE", "2023-W49")]


def test_a_year_ago_after_a_quarter_compares_like_with_like():
    text = "Profit in the third quarter rose to $5 million from $3 million a year ago."
    assert [t.value for t in find_timexes(text, FRIDAY)] == ["2023-Q3", "2022-Q3"]


# --------------------------------------------------------------------------- references and sets


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("the past", "PAST_REF"),
        ("the future", "FUTURE_REF"),
    ],
)
def test_references(text, value):
    timex = one(f"The border is {text} closed to trade." if text != "the past" else
                "The border was closed in the past.")  # fmt: skip
    assert (timex.text, timex.type, timex.value, timex.basis) == (
        text,
        "DATE",
        value,
        "unresolved",
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [("every week", "P1W"), ("weekly", "P1W"), ("every day", "P1D"), ("twice a month", "P1M")],
)
def test_sets(text, value):
    assert found(f"Convoys cross the border {text}.") == [(text, "SET", value)]


def test_clock_times_take_the_day_beside_them():
    assert found("The blast came at 3 p.m. and shook the city.") == [
        ("3 p.m.", "TIME", "2024-01-19T15:00")
    ]
    assert found("The blast came at 10:35 a.m. yesterday.")[0][2] == "2024-01-18T10:35"
    assert found("The deadline expires at 9 a.m. Tuesday.", tense_at=future) == [
        ("9 a.m. Tuesday", "TIME", "2024-01-23T09:00")
    ]
    assert found("Troops arrived around midnight.") == [
        ("around midnight", "TIME", "2024-01-19T24:00")
    ]


# --------------------------------------------------------------------------- false friends


@pytest.mark.parametrize(
    "text",
    [
        "The rebels may accept the offer.",
        "May the talks succeed.",
        "Protesters march on the palace.",
        "Thousands will March on the capital.",
        "The Sunday Times reported the raid.",
        "About 800 people fled the town.",
        "Some 2000 people fled the town.",
        "Sunni and Shia leaders met.",
        "Police detained 1,998 people.",
        "The rate rose to 2015 points.",
    ],
)
def test_false_friends(text):
    assert find_timexes(text, FRIDAY) == []


def test_month_words_with_a_cue_are_months():
    assert found("The rebels retreated in May.") == [("May", "DATE", "2023-05")]
    assert found("They may return on May 3.") == [("May 3", "DATE", "2024-05-03")]  # the nearer one
    assert found("Elections are due in March 2025.") == [("March 2025", "DATE", "2025-03")]


def test_numbers_that_are_not_years():
    assert found("About 800 people and 2000 troops fled.") == []
    assert found("He drove a 1990 Volvo.") == [("1990", "DATE", "1990")]


# --------------------------------------------------------------------------- spans


def test_spans_leave_out_prepositions_and_punctuation():
    text = "They met on Monday, in January, at 3 p.m."
    timexes = find_timexes(text, FRIDAY)
    assert [t.text for t in timexes] == ["Monday", "January", "3 p.m."]
    for t in timexes:
        assert text[t.start : t.end] == t.text


def test_spans_keep_determiners_and_modifiers():
    text = "In the past two weeks and last week, and in early January, talks stalled."
    assert [t.text for t in find_timexes(text, FRIDAY)] == [
        "the past two weeks",
        "last week",
        "early January",
    ]


def test_results_are_in_order_and_do_not_overlap():
    text = "On Jan. 16, 2024, two days after the vote, and again on Thursday morning."
    timexes = find_timexes(text, FRIDAY)
    assert [t.text for t in timexes] == ["Jan. 16, 2024", "two days", "Thursday morning"]
    for before, after in itertools.pairwise(timexes):
        assert before.end <= after.start


# --------------------------------------------------------------------------- no DCT, basis


def test_without_a_publication_date_relative_values_are_unresolved():
    assert [(t.value, t.basis) for t in find_timexes("They met on Thursday.", None)] == [
        ("XXXX-WXX-4", "unresolved")
    ]
    assert one("They met last week.", None).basis == "unresolved"
    assert (one("On January 16 they met.", None).value) == "XXXX-01-16"
    timex = one("They met on January 16, 2024.", None)
    assert (timex.value, timex.basis) == ("2024-01-16", "explicit")


def test_basis():
    assert one("They met on January 16.").basis == "explicit"
    assert one("They met yesterday.").basis == "relative"
    assert one("They met recently.").basis == "unresolved"


# --------------------------------------------------------------------------- helpers


def test_normalise():
    assert normalise("last Thursday", FRIDAY) == ("DATE", "2024-01-18")
    assert normalise("on Monday", FRIDAY, "future") == ("DATE", "2024-01-22")
    assert normalise("two days after", FRIDAY) == ("DURATION", "P2D")
    assert normalise("in 1998", None) == ("DATE", "1998")
    assert normalise("the rebels", FRIDAY) is None


def test_shift_date():
    assert shift_date("2024-01-18", -2) == "2024-01-16"
    assert shift_date("2024-02-28", 2) == "2024-03-01"
    assert shift_date("2024-01-19TMO", 1) == "2024-01-20"
    assert shift_date("2024-W03", 1) is None
    assert shift_date("2024-01", 1) is None
    assert shift_date("PAST_REF", 1) is None


# --------------------------------------------------------------------------- vocabulary


def test_the_shipped_vocabulary_loads():
    vocab = load_vocabulary()
    assert vocab.months["January"] == 1
    assert vocab.weekdays["Thursday"] == 4
    assert vocab.units["weeks"] == "W"
    assert "May" in vocab.ambiguous_months


def _shipped_text() -> str:
    from crisiswire.data import data_path

    with open(data_path("timex/vocabulary.yaml"), encoding="utf-8") as handle:
        return handle.read()


def test_vocabulary_errors_name_the_file_and_line():
    text = _shipped_text().replace("  July: 7\n", "  July: 13\n")
    line = text.splitlines().index("  July: 13") + 1
    with pytest.raises(DataFileError, match=rf"^vocab\.yaml:{line}: 13 is not a month number"):
        parse_vocabulary(text, "vocab.yaml")


def test_vocabulary_rejects_unknown_sections_and_bad_codes():
    with pytest.raises(DataFileError, match=r"vocab\.yaml:1: unknown section 'mnths'"):
        parse_vocabulary("mnths: {}\n", "vocab.yaml")
    text = _shipped_text().replace("  week: [W, weeks]", "  week: [WK, weeks]")
    with pytest.raises(DataFileError, match=r"vocab\.yaml:\d+: 'WK' is not a unit code"):
        parse_vocabulary(text, "vocab.yaml")
    with pytest.raises(DataFileError, match=r"vocab\.yaml:\d+: "):
        parse_vocabulary("months: [a\n", "vocab.yaml")
    with pytest.raises(DataFileError, match="missing section"):
        parse_vocabulary("months: {January: 1}\n", "vocab.yaml")
