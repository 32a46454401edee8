"""Calendar arithmetic for TIMEX3 values: weeks, months, quarters, seasons, holidays.

`direction` arguments say which occurrence of a recurring date is meant, relative to the
reference date: ``back`` (the latest on or before it), ``forward`` (the first on or after
it), ``last`` (the latest strictly before), ``next`` (the first strictly after).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from crisiswire.timex.vocabulary import Holiday

Direction = str

SEASON_ORDER = ("SP", "SU", "FA", "WI")
_SEASON_OF_MONTH = {12: 3, 1: 3, 2: 3, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2}
_FULL_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def add_quarters(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + quarters
    return index // 4, index % 4 + 1


def _pick(current: int, target: int, direction: Direction) -> int:
    """How many whole cycles to move (-1, 0 or 1) so that `target` (a position in a cycle)
    lies in `direction` from `current` (the reference position)."""
    if direction == "back":
        return 0 if target <= current else -1
    if direction == "forward":
        return 0 if target >= current else 1
    if direction == "last":
        return 0 if target < current else -1
    if direction == "next":
        return 0 if target > current else 1
    raise ValueError(f"unknown direction {direction!r}")


def weekday_date(ref: date, weekday: int, direction: Direction) -> date:
    """The date of ISO `weekday` (1 Monday … 7 Sunday) in `direction` from `ref`."""
    current = ref.isoweekday()
    if direction == "back":
        return ref - timedelta(days=(current - weekday) % 7)
    if direction == "last":
        return ref - timedelta(days=(current - weekday) % 7 or 7)
    if direction == "forward":
        return ref + timedelta(days=(weekday - current) % 7)
    if direction == "next":
        return ref + timedelta(days=(weekday - current) % 7 or 7)
    raise ValueError(f"unknown direction {direction!r}")


def month_year(ref: date, month: int, direction: Direction) -> int:
    """The year of the `month` in `direction` from `ref`'s month."""
    return ref.year + _pick(ref.month, month, direction)


def day_year(ref: date, month: int, day: int, direction: Direction) -> int:
    """The year of ``month/day`` in `direction` from `ref` (``back`` and ``forward``
    include `ref` itself; ``nearest`` is whichever of the two is fewer days away)."""
    if direction == "nearest":
        back = day_year(ref, month, day, "back")
        forward = day_year(ref, month, day, "forward")
        try:
            before = (ref - date(back, month, day)).days
            after = (date(forward, month, day) - ref).days
        except ValueError:  # 29 February
            return back
        return forward if after < before else back
    return ref.year + _pick(ref.month * 100 + ref.day, month * 100 + day, direction)


def quarter_year(ref: date, quarter: int, direction: Direction) -> int:
    return ref.year + _pick(quarter_of(ref), quarter, direction)


def season_value(ref: date, season: str, direction: Direction) -> str:
    """``YYYY-SU`` … for `season` in `direction` from the season `ref` falls in (winter
    is counted in the year it starts, December)."""
    current = _SEASON_OF_MONTH[ref.month]
    year = ref.year - 1 if ref.month in (1, 2) else ref.year
    year += _pick(current, SEASON_ORDER.index(season), direction)
    return f"{year}-{season}"


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(holiday: Holiday, year: int) -> date:
    if holiday.easter_offset is not None:
        return easter(year) + timedelta(days=holiday.easter_offset)
    if holiday.weekday:
        if holiday.nth > 0:
            first = date(year, holiday.month, 1)
            offset = (holiday.weekday - first.isoweekday()) % 7
            return first + timedelta(days=offset + 7 * (holiday.nth - 1))
        end = add_months(year, holiday.month, 1)
        last = date(end[0], end[1], 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - holiday.weekday) % 7)
    return date(year, holiday.month, holiday.day)


def holiday_in(ref: date, holiday: Holiday, direction: Direction) -> date:
    """The date of `holiday` in `direction` from `ref`."""
    this_year = holiday_date(holiday, ref.year)
    if direction == "back":
        return this_year if this_year <= ref else holiday_date(holiday, ref.year - 1)
    if direction == "forward":
        return this_year if this_year >= ref else holiday_date(holiday, ref.year + 1)
    if direction == "last":
        return this_year if this_year < ref else holiday_date(holiday, ref.year - 1)
    return this_year if this_year > ref else holiday_date(holiday, ref.year + 1)


def full_day(value: str) -> date | None:
    """The calendar day a TIMEX3 value names (``2024-01-16``, ``2024-01-16T15:00``)."""
    match = _FULL_DAY.fullmatch(value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def period_days(value: str) -> tuple[date, date] | None:
    """First and last day of a week, month or year value (``2024-W03``, ``2024-01``,
    ``2024``); None for any other value."""
    try:
        if len(value) == 8 and value[5] == "W":
            first = date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
            return first, first + timedelta(days=6)
        if len(value) == 7 and value[4] == "-":
            first = date(int(value[:4]), int(value[5:7]), 1)
            nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def shift_date(value: str, days: int) -> str | None:
    """``value`` moved by `days` (``"2024-01-18", -2 -> "2024-01-16"``); None unless the
    value names a full day (a time of day is dropped: the result is a day)."""
    day = full_day(value)
    if day is None:
        return None
    try:
        return (day + timedelta(days=days)).isoformat()
    except OverflowError:
        return None
