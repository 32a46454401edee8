"""Publication dates: normalise metadata dates, and infer one from the text when none is given.

Inference reads the text the way a news reader does: an explicit date ("January 16, 2024")
anchors the calendar; weekday names reported in the past tense ("the meeting on Friday
concluded", "Kirby said Thursday") are the first such weekday on or after that anchor; the
article was published on the latest day it reports ("Friday (today)" says it outright).
When nothing anchors a weekday to the calendar the date stays unknown: no guessing.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_EXPLICIT = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}(?!\d)"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}(?!\d)"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
]
_WEEKDAY = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_TODAY = re.compile(
    r"\b(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\s*\(\s*today\s*\)"
    r"|\btoday\s*\(?\s*,?\s*(?P<wd2>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b",
    re.IGNORECASE,
)
_YESTERDAY = re.compile(
    r"\b(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\s*\(\s*yesterday\s*\)"
    r"|\byesterday\s*\(\s*(?P<wd2>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\s*\)",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .'’/-]{{2,40}}[,:]?\s+(?:\([^)]{{1,30}}\)\s*)?{_MONTH}\s+{_DAY}{_YEAR}"
    r"\s*(?:\([^)]{1,30}\))?\s*[-–—:]"
)
_FUTURE = re.compile(
    r"\b(will|would|shall|won['’]t|going to|set to|scheduled|due to|expected to|upcoming|"
    r"next|plans? to|tomorrow|is to|are to|to be held|ahead of|away|campaign(?:ing)? for|"
    r"forthcoming|coming|(?:weeks?|days?|months?) before)\b",
    re.IGNORECASE,
)
_REPORTING_VERB = re.compile(
    r"\b(said|told|announced|stated|added|confirmed|reported|wrote|posted|concluded|met|held)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘(]?[A-Z])")


@dataclass(frozen=True, slots=True)
class _Mention:
    day: date
    past: bool
    text: str


def normalise_date(value: str | None) -> str | None:
    """A metadata date in any common form (ISO 8601, RFC 822, "19 January 2024") as
    YYYY-MM-DD, the calendar day as the source wrote it (no time-zone shift)."""
    if not value or not str(value).strip():
        return None
    value = str(value).strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    parsed = dateparser.parse(
        value,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date().isoformat() if parsed else None


def infer_publication_date(text: str) -> tuple[str | None, str]:
    """``(YYYY-MM-DD, reason)`` from the body text, or ``(None, why not)``."""
    dateline = _dateline(text)
    if dateline:
        return dateline
    explicit = list(_explicit_mentions(text))
    full_dates = [m.day for m, has_year in explicit if has_year]
    if not full_dates:
        return None, "no calendar date with a year in the text"
    reference = max(full_dates)
    past_days = [
        (_with_nearest_year(m.day, reference) if not has_year else m.day, m.text)
        for m, has_year in explicit
        if m.past
    ]
    if not past_days:
        return None, "the text gives dates only for the future"
    anchor, anchor_text = max(past_days)

    cue = _TODAY.search(text)
    if cue:
        weekday = (cue["wd"] or cue["wd2"]).lower()
        day = _on_or_after(anchor, weekday)
        return day.isoformat(), f"'{cue.group(0)}' after {anchor_text} ({anchor.isoformat()})"
    cue = _YESTERDAY.search(text)
    if cue:
        weekday = (cue["wd"] or cue["wd2"]).lower()
        day = _on_or_after(anchor, weekday) + timedelta(days=1)
        return day.isoformat(), f"'{cue.group(0)}' after {anchor_text} ({anchor.isoformat()})"

    latest, latest_text = anchor, anchor_text
    for weekday, phrase in _past_weekdays(text):
        day = _on_or_after(anchor, weekday)
        if day > latest:
            latest, latest_text = day, phrase
    if latest == anchor:
        return anchor.isoformat(), f"latest date the text reports: {anchor_text}"
    return (
        latest.isoformat(),
        f"latest day the text reports: '{latest_text}' after {anchor_text} ({anchor.isoformat()})",
    )


def _dateline(text: str) -> tuple[str, str] | None:
    match = _DATELINE.match(text[:200])
    if not match or not match["year"]:
        return None
    day = _make_date(match["year"], match["month"], match["day"])
    return (day.isoformat(), f"dateline '{match.group(0).rstrip(' -–—:')}'") if day else None


def _sentences(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        out.append((start, text[start : match.start()]))
        start = match.end()
    out.append((start, text[start:]))
    return out


def _is_past(sentence: str, start: int, end: int) -> bool:
    """A date in a sentence with no future marker is past; with one, only when a reporting
    verb sits right next to it ("said on Thursday it would ...")."""
    if not _FUTURE.search(sentence):
        return True
    near = sentence[max(0, start - 25) : end + 25]
    return bool(_REPORTING_VERB.search(near))


def _explicit_mentions(text: str):
    for _, sentence in _sentences(text):
        taken: list[tuple[int, int]] = []
        for pattern in _EXPLICIT:
            for match in pattern.finditer(sentence):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                year = match["year"]
                day = _make_date(year or "2000", match["month"], match["day"])
                if day is None:
                    continue
                taken.append((match.start(), match.end()))
                past = _is_past(sentence, match.start(), match.end())
                yield _Mention(day, past, match.group(0)), year is not None


def _past_weekdays(text: str):
    for _, sentence in _sentences(text):
        for match in _WEEKDAY.finditer(sentence):
            if _is_past(sentence, match.start(), match.end()):
                yield match.group(0).lower(), match.group(0)


def _make_date(year: str, month: str, day: str) -> date | None:
    number = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


def _with_nearest_year(day: date, reference: date) -> date:
    """A date written without a year takes the year that puts it nearest the reference."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(day.replace(year=year))
        except ValueError:  # 29 February
            continue
    return min(candidates, key=lambda d: abs((d - reference).days))


def _on_or_after(anchor: date, weekday: str) -> date:
    return anchor + timedelta(days=(_WEEKDAYS.index(weekday) - anchor.weekday()) % 7)
