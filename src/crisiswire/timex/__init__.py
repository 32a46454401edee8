"""Temporal expressions: find TIMEX3 dates, times, durations and sets in news text and
normalise them against the publication date.

``find_timexes(text, dct, tense_at)`` is the stage; ``normalise(phrase, dct, tense)`` reads
one phrase; ``shift_date(value, days)`` moves a full-day value. The grammar is in
`crisiswire.timex.grammar`, its vocabulary in ``data/timex/vocabulary.yaml``, the clause
tense from a spaCy parse in `crisiswire.timex.tense`.
"""

from __future__ import annotations

from datetime import date

from crisiswire.timex.calendar import shift_date
from crisiswire.timex.grammar import find_timexes

__all__ = ["find_timexes", "normalise", "shift_date"]


def normalise(phrase: str, dct: date | None, tense: str | None = None) -> tuple[str, str] | None:
    """``(type, value)`` of the temporal expression `phrase` ("last Thursday", "on 16
    January", "two days after"), read against `dct` in a clause of `tense`; None when the
    phrase holds none. When it holds several, the longest one counts."""
    found = find_timexes(phrase, dct, (lambda _offset: tense) if tense else None)
    if not found:
        return None
    best = max(found, key=lambda t: t.end - t.start)
    return best.type, best.value
