"""The temporal vocabulary (``data/timex/vocabulary.yaml``), loaded and checked section by
section; a mistake is reported as ``path:LINE: what is wrong``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from crisiswire.data import DataFileError, data_path

VOCABULARY = "timex/vocabulary.yaml"

UNIT_CODES = {"S", "MIN", "H", "D", "W", "WE", "FN", "M", "Q", "Y", "DE", "CE"}
PART_OF_DAY_CODES = {"MO", "AF", "EV", "NI", "MI"}
SEASON_CODES = {"SP", "SU", "FA", "WI"}
REFERENCES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
MODS = {
    "START", "MID", "END", "APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS",
    "EQUAL_OR_MORE", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER",
}  # fmt: skip
WEEKDAY_NAMES = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4,
    "friday": 5, "saturday": 6, "sunday": 7,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Holiday:
    """A named day: a fixed ``(month, day)``, the `nth` `weekday` of `month` (-1 = last),
    or `easter_offset` days from Western Easter Sunday."""

    month: int = 0
    day: int = 0
    weekday: int = 0
    nth: int = 0
    easter_offset: int | None = None


@dataclass(frozen=True, slots=True)
class Vocabulary:
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    fuzzy_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, str]
    """Singular and plural unit words -> unit code."""
    plural_units: frozenset[str]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    ambiguous_seasons: frozenset[str]
    day_words: dict[str, int]
    before_words: frozenset[str]
    after_words: frozenset[str]
    this_words: frozenset[str]
    modifiers: dict[str, str]
    approximators: dict[str, str]
    references: dict[str, str]
    reference_blockers: tuple[str, ...]
    set_words: dict[str, str]
    holidays: dict[str, Holiday]
    time_zones: tuple[str, ...]
    date_cues: frozenset[str]
    count_nouns: frozenset[str]
    stop_phrases: tuple[str, ...]


# --------------------------------------------------------------------------- checking


class _Checker:
    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, node: yaml.Node, message: str) -> DataFileError:
        return DataFileError(f"{self.path}:{node.start_mark.line + 1}: {message}")

    def scalar(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            raise self.fail(node, f"expected {what}")
        return str(node.value).strip()

    def integer(self, node: yaml.Node, what: str, low: int, high: int) -> int:
        text = self.scalar(node, what)
        try:
            value = int(text)
        except ValueError:
            raise self.fail(node, f"{text!r} is not {what}") from None
        if not low <= value <= high:
            raise self.fail(node, f"{value} is not {what} ({low}..{high})")
        return value

    def mapping(self, node: yaml.Node, section: str) -> list[tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"section '{section}' must be a mapping of word: value")
        seen: set[str] = set()
        for key, _ in node.value:
            word = self.scalar(key, "a word").lower()
            if word in seen:
                raise self.fail(key, f"'{key.value}' is listed twice in '{section}'")
            seen.add(word)
        return list(node.value)

    def words(self, node: yaml.Node, section: str) -> list[str]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"section '{section}' must be a list of words")
        return [self.scalar(item, "a word") for item in node.value]

    def code(self, node: yaml.Node, allowed: set[str], what: str) -> str:
        value = self.scalar(node, what)
        if value not in allowed:
            raise self.fail(node, f"{value!r} is not {what} (one of {', '.join(sorted(allowed))})")
        return value


def _int_map(low: int, high: int, what: str) -> Callable[[_Checker, yaml.Node, str], Any]:
    def read(check: _Checker, node: yaml.Node, section: str) -> dict[str, int]:
        return {
            check.scalar(k, "a word"): check.integer(v, what, low, high)
            for k, v in check.mapping(node, section)
        }

    return read


def _code_map(allowed: set[str], what: str) -> Callable[[_Checker, yaml.Node, str], Any]:
    def read(check: _Checker, node: yaml.Node, section: str) -> dict[str, str]:
        return {
            check.scalar(k, "a word"): check.code(v, allowed, what)
            for k, v in check.mapping(node, section)
        }

    return read


def _set_values(check: _Checker, node: yaml.Node, section: str) -> dict[str, str]:
    import re

    out = {}
    for key, value in check.mapping(node, section):
        text = check.scalar(value, "a TIMEX3 SET value")
        if not re.fullmatch(r"P(T?\d+[A-Z]+)", text):
            raise check.fail(value, f"{text!r} is not a period such as P1W or PT1H")
        out[check.scalar(key, "a word")] = text
    return out


def _word_list(check: _Checker, node: yaml.Node, section: str) -> list[str]:
    return check.words(node, section)


def _units(check: _Checker, node: yaml.Node, section: str) -> dict[str, tuple[str, str]]:
    out = {}
    for key, value in check.mapping(node, section):
        if not isinstance(value, yaml.SequenceNode) or len(value.value) != 2:
            raise check.fail(value, f"'{key.value}' needs [unit code, plural]")
        code = check.code(value.value[0], UNIT_CODES, "a unit code")
        out[check.scalar(key, "a word")] = (code, check.scalar(value.value[1], "a plural"))
    return out


def _holidays(check: _Checker, node: yaml.Node, section: str) -> dict[str, Holiday]:
    out = {}
    for key, value in check.mapping(node, section):
        name = check.scalar(key, "a holiday name")
        if isinstance(value, yaml.ScalarNode):
            text = str(value.value)
            parts = text.split("-")
            if len(parts) != 2 or not all(p.isdigit() for p in parts):
                raise check.fail(value, f"{name}: {text!r} is not MM-DD")
            month, day = int(parts[0]), int(parts[1])
            if not (1 <= month <= 12 and 1 <= day <= 31):
                raise check.fail(value, f"{name}: {text!r} is not a day of the year")
            out[name] = Holiday(month=month, day=day)
            continue
        if not isinstance(value, yaml.MappingNode):
            raise check.fail(value, f"{name}: expected MM-DD or a mapping")
        fields = {check.scalar(k, "a field"): v for k, v in value.value}
        if set(fields) == {"easter"}:
            offset = check.integer(fields["easter"], "a day offset", -60, 60)
            out[name] = Holiday(easter_offset=offset)
        elif set(fields) == {"month", "weekday", "nth"}:
            weekday = check.scalar(fields["weekday"], "a weekday").lower()
            if weekday not in WEEKDAY_NAMES:
                raise check.fail(fields["weekday"], f"{name}: {weekday!r} is not a weekday")
            out[name] = Holiday(
                month=check.integer(fields["month"], "a month", 1, 12),
                weekday=WEEKDAY_NAMES[weekday],
                nth=check.integer(fields["nth"], "a week number", -1, 5),
            )
        else:
            raise check.fail(value, f"{name}: use {{easter: N}} or {{month, weekday, nth}}")
    return out


_SECTIONS: dict[str, Callable[[_Checker, yaml.Node, str], Any]] = {
    "months": _int_map(1, 12, "a month number"),
    "month_abbreviations": _int_map(1, 12, "a month number"),
    "ambiguous_months": _word_list,
    "weekdays": _int_map(1, 7, "an ISO weekday number"),
    "numbers": _int_map(1, 1000, "a number"),
    "fuzzy_numbers": _word_list,
    "ordinals": _int_map(1, 100, "an ordinal number"),
    "units": _units,
    "parts_of_day": _code_map(PART_OF_DAY_CODES, "a part-of-day code"),
    "seasons": _code_map(SEASON_CODES, "a season code"),
    "ambiguous_seasons": _word_list,
    "day_words": _int_map(-7, 7, "a day offset"),
    "before_words": _word_list,
    "after_words": _word_list,
    "this_words": _word_list,
    "modifiers": _code_map(MODS, "a TIMEX3 mod"),
    "approximators": _code_map(MODS, "a TIMEX3 mod"),
    "references": _code_map(REFERENCES, "a reference value"),
    "reference_blockers": _word_list,
    "set_words": _set_values,
    "holidays": _holidays,
    "time_zones": _word_list,
    "date_cues": _word_list,
    "count_nouns": _word_list,
    "stop_phrases": _word_list,
}


def parse_vocabulary(text: str, path: str = VOCABULARY) -> Vocabulary:
    """A `Vocabulary` from YAML `text`; `path` names the file in error messages."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else path
        raise DataFileError(f"{where}: {err}") from None
    check = _Checker(path)
    if not isinstance(root, yaml.MappingNode):
        raise DataFileError(f"{path}: expected a mapping of sections")
    raw: dict[str, Any] = {}
    for key, value in root.value:
        name = check.scalar(key, "a section name")
        if name not in _SECTIONS:
            raise check.fail(key, f"unknown section '{name}' (known: {', '.join(_SECTIONS)})")
        if name in raw:
            raise check.fail(key, f"section '{name}' appears twice")
        raw[name] = _SECTIONS[name](check, value, name)
    missing = [name for name in _SECTIONS if name not in raw]
    if missing:
        raise DataFileError(f"{path}: missing section(s): {', '.join(missing)}")
    return _build(raw)


def _lower(words: Any) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def _build(raw: dict[str, Any]) -> Vocabulary:
    units: dict[str, str] = {}
    plurals: set[str] = set()
    for word, (code, plural) in raw["units"].items():
        units[word.lower()] = code
        units[plural.lower()] = code
        plurals.add(plural.lower())
    return Vocabulary(
        months=dict(raw["months"]),
        month_abbreviations=dict(raw["month_abbreviations"]),
        ambiguous_months=frozenset(raw["ambiguous_months"]),
        weekdays=dict(raw["weekdays"]),
        numbers={k.lower(): v for k, v in raw["numbers"].items()},
        fuzzy_numbers=_lower(raw["fuzzy_numbers"]),
        ordinals={k.lower(): v for k, v in raw["ordinals"].items()},
        units=units,
        plural_units=frozenset(plurals),
        parts_of_day={k.lower(): v for k, v in raw["parts_of_day"].items()},
        seasons={k.lower(): v for k, v in raw["seasons"].items()},
        ambiguous_seasons=_lower(raw["ambiguous_seasons"]),
        day_words={k.lower(): v for k, v in raw["day_words"].items()},
        before_words=_lower(raw["before_words"]),
        after_words=_lower(raw["after_words"]),
        this_words=_lower(raw["this_words"]),
        modifiers={k.lower(): v for k, v in raw["modifiers"].items()},
        approximators={k.lower(): v for k, v in raw["approximators"].items()},
        references={k.lower(): v for k, v in raw["references"].items()},
        reference_blockers=tuple(w.lower() for w in raw["reference_blockers"]),
        set_words={k.lower(): v for k, v in raw["set_words"].items()},
        holidays=dict(raw["holidays"]),
        time_zones=tuple(raw["time_zones"]),
        date_cues=_lower(raw["date_cues"]),
        count_nouns=_lower(raw["count_nouns"]),
        stop_phrases=tuple(raw["stop_phrases"]),
    )


@cache
def load_vocabulary(name: str = VOCABULARY) -> Vocabulary:
    """The shipped vocabulary (``data/timex/vocabulary.yaml``), read once."""
    path = data_path(name)
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as err:
        raise DataFileError(f"{path}: {err.strerror or err}") from None
    return parse_vocabulary(text, path)
