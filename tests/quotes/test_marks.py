"""Pairing quotation marks in raw text, before any parsing."""

from __future__ import annotations

from crisiswire.quotes.marks import find_quotations


def _texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotations(text)]


def test_curly_and_straight_marks():
    assert _texts('“One,” she said. He said "two" and left.') == ["One", "two"]


def test_trailing_comma_is_dropped_but_a_full_stop_stays():
    assert _texts("“We are ready,” he said. “All of us.”") == ["We are ready", "All of us."]


def test_apostrophes_are_not_quotation_marks():
    assert _texts("The farmers’ market and Tomas’s barn were closed.") == []


def test_single_marks_only_at_the_top_level():
    text = "‘Operation Thunder’ began. “They said ‘go’ and we went,” he said."
    assert _texts(text) == ["Operation Thunder", "They said ‘go’ and we went"]
    single = find_quotations(text)[0]
    assert single.single and not find_quotations(text)[1].single


def test_a_quote_never_crosses_a_paragraph_unless_it_runs_on():
    assert _texts("“Unclosed words here\n\nNext paragraph.") == []
    quotes = find_quotations("“First paragraph of it.\n\n“Second paragraph,” he said.")
    assert [q.runs_on for q in quotes] == [True, False]


def test_typing_slips_are_tolerated():
    assert _texts("”Fear of the future.” ― Ann Lee") == ["Fear of the future."]
    assert _texts("“Stay calm“ was the message.") == ["Stay calm"]


def test_two_apostrophes_stand_for_a_double_mark():
    assert _texts("''No comment,'' the office said.") == ["No comment"]
