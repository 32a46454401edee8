"""A rule grammar for TIMEX3 temporal expressions in English news, normalised against the
publication date (DCT).

Each rule is a regular expression assembled from the vocabulary in
``data/timex/vocabulary.yaml`` and a handler that turns a match into zero or more
expressions with a type (DATE, TIME, DURATION, SET) and a value. All rules run over the
text; overlapping candidates are settled longest first; then modifiers ("early", "the end
of", "later") and approximators ("about", "nearly") join the span, a clock time takes its
day from a day expression beside it, and nothing inside a stop phrase survives.

News reading: a bare weekday, month or day-month means the latest one on or before the
publication date, unless the clause is in the future tense (then the first on or after it).
Span conventions follow TempEval-3: determiners and modifiers are inside ("the past two
weeks", "last week", "early January"), prepositions ("on", "in", "at") and trailing
punctuation outside.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from crisiswire.model import Timex
from crisiswire.timex import calendar as cal
from crisiswire.timex.vocabulary import Vocabulary, load_vocabulary

TenseAt = Callable[[int], str | None]

EXPLICIT, RELATIVE, UNRESOLVED = "explicit", "relative", "unresolved"

# What a found expression is, for the span extensions: modifiers join dates and times,
# approximators join durations, times and "ago" dates.
DATE_KIND, TIME_KIND, DURATION_KIND, AGO_KIND, SET_KIND, REF_KIND = (
    "date", "time", "duration", "ago", "set", "ref",
)  # fmt: skip

DIRECTIONS: dict[str, dict[str | None, str]] = {
    # a bare weekday ("on Thursday") looks forward only in a future clause
    "weekday": {"future": "forward", "present": "back", "past": "back", None: "back"},
    # a month or season: forward in future and present clauses ("are to join in April")
    "month": {"future": "forward", "present": "forward", "past": "back", None: "back"},
    # a day of a month: the nearest occurrence unless the clause is in the future
    "day": {"future": "forward", "present": "nearest", "past": "nearest", None: "nearest"},
    # a quarter of the year ("the third quarter") is mostly reported once it is over
    "quarter": {"future": "back", "present": "back", "past": "back", None: "back"},
}
"""Direction of a bare recurring date by clause tense: ``back`` is the latest occurrence
on or before the DCT, ``forward`` the first on or after it, ``nearest`` the closer one."""

_FULL = re.compile(r"\d{4}-\d{2}-\d{2}")
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}  # fmt: skip
_NUMBERISH = re.compile(
    r"\d|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|hundred|a\s+few|several|a\s+couple|a\s+dozen|half)\b",
    re.IGNORECASE,
)
_NOT_PLURALS = {
    "was",
    "has",
    "this",
    "its",
    "his",
    "hers",
    "ours",
    "theirs",
    "yours",
    "thus",
    "less",
    "unless",
    "across",
    "plus",
    "always",
    "perhaps",
    "does",
    "goes",
}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these",
                "those", "whose"}  # fmt: skip
_YEAR_COUNTERS = {"about", "some", "nearly", "almost", "than", "roughly", "approximately",
                  "least", "only", "just"}  # fmt: skip


@dataclass(slots=True)
class Found:
    """One expression a rule found: character span, TIMEX3 type and value, basis."""

    start: int
    end: int
    type: str
    value: str
    basis: str
    kind: str = DATE_KIND
    anchor_day: bool = False
    """A clock time whose day was taken from the DCT: a day expression beside it wins."""
    years_back: int = 0
    """ "a year ago", "year-earlier": N years before the DCT, or before the period the same
    sentence has just named ("profit in the third quarter, up from a year ago")."""


class Context:
    """The text being read, its DCT and the clause tense, for the handlers."""

    def __init__(self, text: str, dct: date | None, tense_at: TenseAt | None) -> None:
        self.text = text
        self.dct = dct
        self._tense_at = tense_at
        self._tenses: dict[int, str | None] = {}

    def tense(self, offset: int) -> str | None:
        if self._tense_at is None:
            return None
        if offset not in self._tenses:
            self._tenses[offset] = self._tense_at(offset)
        return self._tenses[offset]

    def direction(self, offset: int, kind: str = "weekday") -> str:
        """Which occurrence a bare `kind` of expression means in the clause at `offset`
        (see `DIRECTIONS`)."""
        return DIRECTIONS[kind][self.tense(offset)]

    def word_before(self, offset: int) -> str:
        match = re.search(r"([\w'’-]+)\W*$", self.text[max(0, offset - 40) : offset])
        return match[1].lower() if match else ""

    def words_after(self, offset: int, n: int = 2) -> str:
        return " ".join(re.findall(r"[\w'’.-]+", self.text[offset : offset + 60])[:n]).lower()


Handler = Callable[[re.Match[str], Context], "list[Found] | Found | None"]


def _alt(words: object, case_sensitive: bool = False) -> str:
    """A regex alternation of `words` (longest first, spaces matching any whitespace);
    case-sensitive words match Capitalised or UPPER CASE only."""
    forms: set[str] = set()
    for word in words:  # type: ignore[attr-defined]
        word = str(word)
        if case_sensitive:
            forms.add(word)
            forms.add(word.upper())
        else:
            forms.add(word.lower())
    body = _trie(forms)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _trie(words: set[str]) -> str:
    """The alternation of `words` as a character trie ("seven(?:ty(?:-three)?)?"): it
    matches what the longest-first alternation matches, backtracking to shorter words the
    same way, but does not try every word at every position of the text (the number-word
    rules ran several times slower as a flat alternation)."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?" if len(branches) == 1 else body + "?"
        return body

    return emit(root)


def number_words(vocab: Vocabulary) -> dict[str, int]:
    """Number words of the vocabulary plus compounds ("twenty-five", "twenty five")."""
    out = dict(vocab.numbers)
    for tens_word, tens in _TENS.items():
        if tens_word not in out:
            continue
        for unit_word, unit in _SMALL.items():
            out[f"{tens_word}-{unit_word}"] = tens + unit
            out[f"{tens_word} {unit_word}"] = tens + unit
    return out


def _lookup(table: dict[str, int | str], word: str) -> int | str | None:
    key = re.sub(r"\s+", " ", word).strip()
    for candidate in (key, key.lower(), key.capitalize(), key.title()):
        if candidate in table:
            return table[candidate]
    return None


class Grammar:
    """The compiled rules over one vocabulary."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.v = vocab
        self.numbers = number_words(vocab)
        months_any = {**vocab.months, **vocab.month_abbreviations}
        self.months_any = months_any
        units_singular = {w for w in vocab.units if w not in vocab.plural_units}
        pieces = {
            "MONTH": _alt(vocab.months, True),
            "MONTHX": _alt(months_any, True),
            "WEEKDAY": _alt(vocab.weekdays, True),
            "WEEKDAYS": _alt([w + "s" for w in vocab.weekdays if w.endswith("day")], True),
            "NUM": r"(?:\d+(?:\.\d+)?|" + _alt(self.numbers)[3:],
            "FUZZY": _alt(vocab.fuzzy_numbers),
            "UNIT1": _alt(units_singular),
            "UNITPL": _alt(vocab.plural_units),
            "UNIT": _alt(vocab.units),
            "POD": _alt(vocab.parts_of_day),
            "SEASON": _alt(vocab.seasons),
            "ORD": _alt(vocab.ordinals),
            "RELW": _alt(vocab.before_words | vocab.after_words | vocab.this_words),
            "TZ": _alt(vocab.time_zones, True),
            "HOLIDAY": _alt(vocab.holidays, True),
            "REFS": _alt(vocab.references),
            "SETW": _alt(vocab.set_words),
            "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|[:.,]\d|%|-\w)",
            "YEAR": r"(?:1\d{3}|20\d{2})(?![\d%]|[.,:]\d|-\d)",
        }
        self.rules: list[tuple[str, re.Pattern[str], Handler]] = []
        for name, template, handler in self._rule_table():
            body = re.sub(r"<([A-Z0-9]+)>", lambda m: pieces[m[1]], template)
            pattern = re.compile(rf"(?<![\w'’])(?:{body})(?![\w])", re.IGNORECASE)
            self.rules.append((name, pattern, handler))
        self.modifier_re = re.compile(
            rf"(?<![\w'’])({_alt(vocab.modifiers)})(?:\s+|\s*-\s*)$", re.IGNORECASE
        )
        self.approx_re = re.compile(rf"(?<![\w'’])({_alt(vocab.approximators)})\s+$", re.IGNORECASE)
        self.stop_re = (
            re.compile(rf"(?<!\w)(?:{_alt(vocab.stop_phrases)})(?!\w)", re.IGNORECASE)
            if vocab.stop_phrases
            else None
        )

    # ----------------------------------------------------------------------- the rules

    def _rule_table(self) -> list[tuple[str, str, Handler]]:
        rel_unit_dets = r"the\s+(?:past|last|next|coming|previous|following|current|same)|<RELW>"
        return [
            ("iso", r"(?P<y>1\d{3}|20\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
             r"(?:T(?P<h>[0-2]\d):(?P<mi>[0-5]\d))?", self._iso),
            ("slash", r"(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)\d\d)",
             self._iso),
            ("mdy", r"(?:(?P<wd><WEEKDAY>),?\s+)?(?P<mon><MONTHX>)\s*(?P<d><DAY>)"
             r"(?:(?:,\s*|\s+)(?P<y><YEAR>))?", self._day_month),
            ("dmy", r"(?:(?P<wd><WEEKDAY>),?\s+)?(?:the\s+)?(?P<d><DAY>)(?:\s+of)?\s+"
             r"(?P<mon><MONTHX>)(?:,?\s+(?P<y><YEAR>))?", self._day_month),
            ("isomonth", r"(?P<y>1\d{3}|20\d{2})-(?P<m>0[1-9]|1[0-2])(?![\d-])", self._iso_month),
            ("my", r"(?P<mon><MONTHX>)(?:,?\s+|\s+of\s+)(?P<y><YEAR>)", self._month_year),
            ("month", r"(?:(?P<rel><RELW>)\s+)?(?P<mon><MONTH>)", self._month),
            ("weekday", r"(?:(?P<rel><RELW>)\s+)?(?P<wd><WEEKDAY>)(?:\s+(?P<pod><POD>))?",
             self._weekday),
            ("dayword", r"(?:the\s+day\s+(?P<ba>before|after)\s+)?(?P<w>today|yesterday|tomorrow)"
             r"(?:\s+(?P<pod><POD>))?", self._dayword),
            ("tonight", r"(?P<w>tonight|overnight)", self._tonight),
            ("thispod", r"(?P<det>this|last)\s+(?P<pod><POD>)", self._this_pod),
            ("within", r"(?P<dir>earlier|later)\s+in\s+the\s+(?P<unit>day|week|month|year)",
             self._current_unit),
            ("endof", r"the\s+(?:end|beginning|start|middle|rest|remainder|close|turn)\s+of\s+"
             r"(?:the|this)\s+(?P<unit>day|week|month|year|decade|century|quarter)",
             self._current_unit),
            ("weekend", r"(?:the|this)\s+weekend", self._the_weekend),
            ("theyear", r"the\s+(?:(?P<adj>full|fiscal|current|calendar|latest\s+fiscal|"
             r"latest|financial)\s+)?year(?!\s+(?:before|after|earlier|later|ago))",
             self._the_year),
            ("yearend", r"(?P<w>year[- ]end|year['’]s\s+end)", self._year_end),
            ("that", r"(?P<w>that|the\s+same)\s+(?P<unit>day|week|month|year|morning|afternoon|"
             r"evening|night|weekend)", self._anaphor_unit),
            ("ahead", r"the\s+(?P<unit><UNITPL>)\s+(?:ahead|to\s+come)", self._fuzzy_unit),
            ("spoken", r"(?:the\s+year\s+)?(?P<c>nineteen|eighteen|twenty)\s+(?P<yy>(?:ten|eleven|"
             r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
             r"forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|"
             r"seven|eight|nine))?|hundred|o['h]?\s+(?:one|two|three|four|five|six|seven|eight|"
             r"nine))", self._spoken_year),
            ("spoken2000", r"(?P<pre>the\s+year\s+)?two\s+thousand(?:\s+and)?(?:\s+(?P<n>one|two|"
             r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
             r"sixteen|seventeen|eighteen|nineteen|twenty))?(?!\s+(?:\w+s|people|dollars)\b)",
             self._spoken_2000),
            ("decadeword", r"the\s+(?:(?P<mod>early|mid|late)[\s-]+)?(?P<w>twenties|thirties|"
             r"forties|fifties|sixties|seventies|eighties|nineties)", self._decade_word),
            ("podclock", r"(?P<hw>\d{1,2}|<NUM>)(?:[:.](?P<mi>[0-5]\d))?\s+(?:o['’]clock\s+)?"
             r"(?P<pod>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)", self._clock),
            ("relunit", rf"(?P<rel>{rel_unit_dets})\s+(?P<unit><UNIT1>)", self._rel_unit),
            ("season", r"(?:(?P<rel><RELW>|the)\s+)?(?P<s><SEASON>)(?:\s+(?:of\s+)?(?P<y><YEAR>))?",
             self._season),
            ("duration", r"(?:(?P<the>the)\s+)?(?:(?P<rel>first|last|past|next|previous|coming|"
             r"following|final|latest|initial|remaining|recent|preceding|ensuing|succeeding)\s+)?"
             r"(?P<num><NUM>|<FUZZY>)(?:\s+|\s*-\s*)(?:(?:more|additional|further|straight|"
             r"consecutive|full|long)\s+)?(?P<unit><UNIT>)(?:\s+or\s+so)?", self._duration),
            ("fuzzyunit", r"(?:(?P<the>the)\s+)?(?P<rel>past|last|next|coming|recent|previous|"
             r"following|ensuing|subsequent)\s+(?P<unit><UNITPL>)", self._fuzzy_unit),
            ("bareunits", r"(?P<unit>minutes|hours|days|weeks|months|years|decades)",
             self._bare_units),
            ("ago", r"(?P<num><NUM>|<FUZZY>)(?:\s+|\s*-\s*)(?P<unit><UNIT>)(?:\s+or\s+so)?\s+"
             r"(?P<dir>ago|earlier|before\s+now|from\s+now|hence|later|after|before)",
             self._ago),
            ("agopl", r"(?P<unit><UNITPL>)\s+(?P<dir>ago|earlier)", self._ago_plural),
            ("year", r"(?:(?P<pre>fiscal|the\s+year|calendar|FY)\s*)?(?P<y><YEAR>)", self._year),
            ("yrange", r"(?P<y1>1\d{3}|20\d{2})\s*[-–/]\s*(?P<y2>\d{4}|\d{2})(?![\d-])",
             self._year_range),
            ("decade", r"(?:the\s+)?(?:(?P<mod>early|mid|late)\s*-?\s*)?(?:(?P<dec>1\d\d|20\d)0"
             r"|'(?P<d2>\d)0)['’]?s", self._decade),
            ("century", r"(?:the\s+)?(?:(?P<ord><ORD>)|(?P<ordd>\d{1,2})(?:st|nd|rd|th))[\s-]+"
             r"century", self._century),
            ("quarter", r"(?:(?P<yp><YEAR>)(?:['’]s)?\s+|(?P<yrel>this|last|next)\s+year['’]?s\s+"
             r"|(?P<the>the|its|this)\s+(?:(?P<yp2><YEAR>)\s+)?)?(?:(?P<ya>year-ago|year-earlier|"
             r"prior-year|year-before)\s+)?(?:fiscal[\s-]+)?"
             r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?P<qh>quarter|half)"
             r"(?:\s+of\s+(?:(?P<ys><YEAR>)|(?P<ysrel>this|last|next)\s+year|the\s+year))?",
             self._quarter),
            ("qcode", r"(?-i:Q(?P<q>[1-4]))(?:\s+(?P<y><YEAR>))?", self._quarter_code),
            ("latestq", r"(?:(?P<the>the|its|this|that)\s+)?(?:(?P<rel>latest|last|most\s+recent|"
             r"current|same|year-ago|year-earlier|comparable|prior|previous|preceding|"
             r"year-before|past|prior-year|recent)\s+)?(?:(?P<rel2>year-ago|year-earlier|"
             r"comparable)\s+)?(?:fiscal\s+)?(?P<qh>quarter|period)", self._latest_quarter),
            ("yearago", r"(?P<w>year-ago|year-earlier|year-before)", self._year_ago_adj),
            ("ref", r"(?P<ref><REFS>)", self._reference),
            ("set", r"(?P<q>every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<num><NUM>)\s+)?"
             r"(?P<unit><UNIT>|<WEEKDAY>|<POD>)", self._set),
            ("setfreq", r"(?P<n>once|twice|thrice|(?:<NUM>)\s+times)\s+(?:a|an|per|each)\s+"
             r"(?P<unit><UNIT1>)", self._set_freq),
            ("setword", r"(?P<w><SETW>)", self._set_word),
            ("setdays", r"(?P<wd><WEEKDAYS>)", self._set_weekdays),
            ("clock", r"(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.|[ap]m"
             r"|[ap]\.m)(?:\s+(?P<tz><TZ>))?", self._clock),
            ("clock24", r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s+(?P<tz><TZ>))?", self._clock),
            ("military", r"(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?:hours\s+)?(?P<tz><TZ>)",
             self._clock),
            ("noon", r"(?P<w>noon|midnight|midday)", self._noon),
            ("oclock", r"(?P<hw><NUM>)\s+o['’]clock", self._clock),
            ("holiday", r"(?:(?P<rel><RELW>)\s+)?(?P<hol><HOLIDAY>)(?:,?\s+(?P<y><YEAR>))?",
             self._holiday),
            ("anaphor", r"the\s+(?:(?P<rel>next|following|previous|preceding|same)\s+"
             r"(?P<what>day|morning|afternoon|evening|night)|day\s+(?P<ba>before|after)"
             r"(?!\s+(?:yesterday|tomorrow)))", self._anaphor),
        ]  # fmt: skip

    # ----------------------------------------------------------------------- helpers

    def _num(self, word: str) -> int | float | None:
        """The count a number word or digits stand for; None for fuzzy ("several")."""
        word = re.sub(r"\s+", " ", word.strip().lower())
        if word in self.v.fuzzy_numbers:
            return None
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            number = float(word)
            return int(number) if number.is_integer() else number
        return self.numbers.get(word)

    def _month_number(self, word: str) -> int:
        value = _lookup(self.months_any, word)  # type: ignore[arg-type]
        assert isinstance(value, int), word
        return value

    def _weekday_number(self, word: str) -> int:
        value = _lookup(self.v.weekdays, word)  # type: ignore[arg-type]
        assert isinstance(value, int), word
        return value

    def _rel(self, word: str | None) -> str | None:
        """``before``/``after``/``this`` for a determiner word, None when absent."""
        if not word:
            return None
        word = re.sub(r"\s+", " ", word.lower())
        word = word.removeprefix("the ")
        if word in self.v.before_words or word in ("preceding", "previous"):
            return "before"
        if word in self.v.after_words or word == "following":
            return "after"
        if word in self.v.this_words:
            return "this"
        return word

    def _cue_before(self, ctx: Context, offset: int) -> bool:
        before = ctx.text[max(0, offset - 30) : offset].lower()
        words = re.findall(r"[\w'’-]+", before)
        if not words or not re.search(r"[\w'’-]\s*$", before):
            return False
        last = words[-1]
        pair = " ".join(words[-2:]) if len(words) > 1 else last
        return (
            last in self.v.date_cues
            or pair in self.v.date_cues
            or last.rstrip("-") in self.v.date_cues
        )

    @staticmethod
    def _day_value(day: date, basis: str = RELATIVE, kind: str = DATE_KIND) -> Found:
        return Found(0, 0, "DATE", day.isoformat(), basis, kind)

    # ----------------------------------------------------------------------- handlers

    def _iso(self, m: re.Match[str], ctx: Context) -> Found | None:
        try:
            day = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
        if m.groupdict().get("h"):
            return Found(0, 0, "TIME", f"{day.isoformat()}T{m['h']}:{m['mi']}", EXPLICIT)
        return Found(0, 0, "DATE", day.isoformat(), EXPLICIT)

    def _day_month(self, m: re.Match[str], ctx: Context) -> Found | None:
        month = self._month_number(m["mon"])
        day = int(re.match(r"\d+", m["d"])[0])  # type: ignore[index]
        try:
            date(2000, month, day)
        except ValueError:
            return None
        if m["y"]:
            try:
                return Found(0, 0, "DATE", date(int(m["y"]), month, day).isoformat(), EXPLICIT)
            except ValueError:
                return None
        if ctx.dct is None:
            return Found(0, 0, "DATE", f"XXXX-{month:02d}-{day:02d}", UNRESOLVED)
        direction = ctx.direction(m.start(), "day")
        if m["wd"]:
            years = [ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1]
            weekday = self._weekday_number(m["wd"])
            matching = [y for y in years if _weekday_of(y, month, day) == weekday]
            if len(matching) == 1:
                return Found(0, 0, "DATE", date(matching[0], month, day).isoformat(), EXPLICIT)
        year = cal.day_year(ctx.dct, month, day, direction)
        try:
            return Found(0, 0, "DATE", date(year, month, day).isoformat(), EXPLICIT)
        except ValueError:  # 29 February in a common year
            return None

    def _iso_month(self, m: re.Match[str], ctx: Context) -> Found:
        return Found(0, 0, "DATE", cal.month_value(int(m["y"]), int(m["m"])), EXPLICIT)

    def _month_year(self, m: re.Match[str], ctx: Context) -> Found:
        return Found(0, 0, "DATE", cal.month_value(int(m["y"]), self._month_number(m["mon"])),
                     EXPLICIT)  # fmt: skip

    def _month(self, m: re.Match[str], ctx: Context) -> Found | None:
        word = m["mon"]
        month = self._month_number(word)
        rel = self._rel(m["rel"])
        if rel is None and word.capitalize() in self.v.ambiguous_months:
            if not self._cue_before(ctx, m.start()):
                return None
            if word.isupper() and len(word) > 1 and not ctx.text[m.start() :].isupper():
                return None
        if ctx.dct is None:
            return Found(0, 0, "DATE", f"XXXX-{month:02d}", UNRESOLVED)
        direction = {"before": "last", "after": "next"}.get(rel or "", "")
        if rel == "this":
            year = ctx.dct.year
        else:
            year = cal.month_year(ctx.dct, month, direction or ctx.direction(m.start(), "month"))
        return Found(0, 0, "DATE", cal.month_value(year, month), RELATIVE)

    def _weekday(self, m: re.Match[str], ctx: Context) -> Found | None:
        weekday = self._weekday_number(m["wd"])
        rel = self._rel(m["rel"])
        pod = self.v.parts_of_day.get(m["pod"].lower()) if m["pod"] else None
        if ctx.dct is None:
            value, basis = f"XXXX-WXX-{weekday}", UNRESOLVED
        else:
            if rel == "before":
                direction = "last"
            elif rel == "after":
                direction = "next"
            elif rel == "this":
                tense = ctx.tense(m.start())
                direction = "back" if tense == "past" else "forward"
            else:
                direction = ctx.direction(m.start())
            value = cal.weekday_date(ctx.dct, weekday, direction).isoformat()
            basis = RELATIVE
        if pod:
            return Found(0, 0, "TIME", f"{value}T{pod}", basis, TIME_KIND)
        return Found(0, 0, "DATE", value, basis)

    def _dayword(self, m: re.Match[str], ctx: Context) -> Found:
        offset = self.v.day_words[m["w"].lower()]
        if m["ba"]:
            offset += -1 if m["ba"].lower() == "before" else 1
        pod = self.v.parts_of_day.get(m["pod"].lower()) if m["pod"] else None
        if ctx.dct is None:
            value, basis = "XXXX-XX-XX", UNRESOLVED
        else:
            value, basis = (ctx.dct + timedelta(days=offset)).isoformat(), RELATIVE
        if pod:
            return Found(0, 0, "TIME", f"{value}T{pod}", basis, TIME_KIND)
        return Found(0, 0, "DATE", value, basis)

    def _tonight(self, m: re.Match[str], ctx: Context) -> Found:
        if ctx.dct is None:
            return Found(0, 0, "TIME", "XXXX-XX-XXTNI", UNRESOLVED, TIME_KIND)
        day = ctx.dct
        if m["w"].lower() == "overnight" and ctx.tense(m.start()) != "future":
            day = day - timedelta(days=1)
        return Found(0, 0, "TIME", f"{day.isoformat()}TNI", RELATIVE, TIME_KIND)

    def _this_pod(self, m: re.Match[str], ctx: Context) -> Found | None:
        pod = self.v.parts_of_day[m["pod"].lower()]
        last = m["det"].lower() == "last"
        if last and pod not in ("NI", "EV"):
            return None
        if ctx.dct is None:
            return Found(0, 0, "TIME", f"XXXX-XX-XXT{pod}", UNRESOLVED, TIME_KIND)
        day = ctx.dct - timedelta(days=1) if last else ctx.dct
        return Found(0, 0, "TIME", f"{day.isoformat()}T{pod}", RELATIVE, TIME_KIND)

    def _unit_value(self, code: str, ref: date | None, steps: int) -> str | None:
        """The DATE value of the calendar `code` unit `steps` away from `ref`'s."""
        if ref is None:
            return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
                    "Q": "XXXX-QX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}.get(code)  # fmt: skip
        if code == "WE":
            return cal.iso_week(ref + timedelta(weeks=steps)) + "-WE"
        if code == "DE":  # "the last decade" is a decade value ("201"), not a year
            return f"{ref.year // 10 + steps:03d}"
        if code == "CE":
            return f"{ref.year // 100 + steps:02d}"
        if code in ("D", "W", "M", "Q", "Y"):
            return _shifted(ref, code, steps)
        return None

    def _current_unit(self, m: re.Match[str], ctx: Context) -> Found | None:
        code = self.v.units.get(m["unit"].lower())
        value = self._unit_value(code or "", ctx.dct, 0)
        if value is None:
            return None
        return Found(0, 0, "DATE", value, UNRESOLVED if ctx.dct is None else RELATIVE)

    def _rel_unit(self, m: re.Match[str], ctx: Context) -> Found | None:
        det = re.sub(r"\s+", " ", m["rel"].lower())
        code = self.v.units[m["unit"].lower()]
        if ctx.text[m.end() : m.end() + 1] == "-":
            return None
        with_the = det.startswith("the ")
        word = det.removeprefix("the ")
        rel = self._rel(word)
        if code == "Q" and word not in ("next", "coming", "following", "same"):
            return None  # quarters: see _latest_quarter
        if word == "same" or (with_the and word in ("following", "previous")):
            unknown = self._unit_value(code, None, 0)
            return Found(0, 0, "DATE", unknown, UNRESOLVED) if unknown else None
        if with_the and rel in ("before", "after") and code not in ("WE",):
            return Found(0, 0, "DURATION", _period(1, code), EXPLICIT, DURATION_KIND)
        if code in ("S", "MIN", "H", "FN") or (code == "D" and rel != "this"):
            return None
        steps = {"before": -1, "after": 1}.get(rel or "", 0)
        if (
            code == "WE"
            and ctx.dct is not None
            and rel == "this"
            and ctx.tense(m.start()) == "past"
            and ctx.dct.isoweekday() < 6
        ):
            steps = -1
        value = self._unit_value(code, ctx.dct, steps)
        if value is None:
            return None
        return Found(0, 0, "DATE", value, UNRESOLVED if ctx.dct is None else RELATIVE)

    def _the_weekend(self, m: re.Match[str], ctx: Context) -> Found | None:
        if ctx.dct is None:
            return Found(0, 0, "DATE", "XXXX-WXX-WE", UNRESOLVED)
        if ctx.text[m.end() : m.end() + 1] == "-":
            return None
        on_weekend = ctx.dct.isoweekday() >= 6
        future = ctx.tense(m.start()) == "future"
        steps = 0 if on_weekend or future else -1
        return Found(0, 0, "DATE", f"{cal.iso_week(ctx.dct + timedelta(weeks=steps))}-WE", RELATIVE)

    def _the_year(self, m: re.Match[str], ctx: Context) -> Found | None:
        after = ctx.words_after(m.end(), 1)
        if after in ("ended", "ending", "through", "to", "beginning", "starting", "that", "which"):
            return Found(0, 0, "DURATION", "P1Y", EXPLICIT, DURATION_KIND)
        if after in ("before", "after", "earlier", "later", "ago", "of") or ctx.text[
            m.end() : m.end() + 1
        ] in ("-",):
            return None
        if ctx.dct is None:
            return Found(0, 0, "DATE", "XXXX", UNRESOLVED)
        return Found(0, 0, "DATE", f"{ctx.dct.year:04d}", RELATIVE)

    def _year_end(self, m: re.Match[str], ctx: Context) -> Found:
        if ctx.dct is None:
            return Found(0, 0, "DATE", "XXXX", UNRESOLVED)
        return Found(0, 0, "DATE", f"{ctx.dct.year:04d}", RELATIVE)

    def _anaphor_unit(self, m: re.Match[str], ctx: Context) -> Found | None:
        word = m["unit"].lower()
        pod = self.v.parts_of_day.get(word)
        if pod:
            return Found(0, 0, "TIME", f"XXXX-XX-XXT{pod}", UNRESOLVED, TIME_KIND)
        value = self._unit_value(self.v.units[word], None, 0)
        return Found(0, 0, "DATE", value, UNRESOLVED) if value else None

    def _spoken_year(self, m: re.Match[str], ctx: Context) -> Found | None:
        century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m["c"].lower()]
        rest = re.sub(r"\s+", " ", m["yy"].lower())
        if rest == "hundred":
            yy = 0
        elif rest.startswith("o"):
            yy = self.numbers.get(rest.split()[-1], -1)
        else:
            yy = self.numbers.get(rest.replace(" ", "-"), self.numbers.get(rest, -1))
        if not 0 <= yy <= 99:
            return None
        if century == 20 and yy < 10:
            return None
        return Found(0, 0, "DATE", f"{century * 100 + yy:04d}", EXPLICIT)

    def _spoken_2000(self, m: re.Match[str], ctx: Context) -> Found | None:
        if not (m["pre"] or self._cue_before(ctx, m.start())):
            return None
        extra = self.numbers.get(m["n"].lower(), 0) if m["n"] else 0
        return Found(0, 0, "DATE", f"{2000 + extra:04d}", EXPLICIT)

    def _decade_word(self, m: re.Match[str], ctx: Context) -> Found:
        digit = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}[m["w"].lower()]  # fmt: skip
        if ctx.dct is None:
            return Found(0, 0, "DATE", f"XX{digit}", UNRESOLVED)
        century = ctx.dct.year // 100 - (1 if digit * 10 > ctx.dct.year % 100 else 0)
        return Found(0, 0, "DATE", f"{century:02d}{digit}", RELATIVE)

    def _season(self, m: re.Match[str], ctx: Context) -> Found | None:
        word = m["s"].lower()
        season = self.v.seasons[word]
        det = (m["rel"] or "").lower()
        rel = self._rel(det) if det and det != "the" else None
        if not (det or m["y"] or self._cue_before(ctx, m.start())):
            return None
        if word in self.v.ambiguous_seasons and not (rel or m["y"]):
            after = ctx.text[m.end() : m.end() + 12].lower()
            if det != "the" or re.match(r"\s+of\b", after) or not self._cue_before(ctx, m.start()):
                return None
        if m["y"]:
            return Found(0, 0, "DATE", f"{m['y']}-{season}", EXPLICIT)
        if ctx.dct is None:
            return Found(0, 0, "DATE", f"XXXX-{season}", UNRESOLVED)
        if rel == "this":
            direction = "forward" if ctx.tense(m.start()) in ("future", "present") else "back"
        else:
            direction = {"before": "last", "after": "next"}.get(rel or "") or ctx.direction(
                m.start(), "month"
            )
        return Found(0, 0, "DATE", cal.season_value(ctx.dct, season, direction), RELATIVE)

    def _duration(self, m: re.Match[str], ctx: Context) -> Found | None:
        code = self.v.units[m["unit"].lower()]
        num_word = re.sub(r"\s+", " ", m["num"].lower())
        number = self._num(num_word)
        if num_word in ("a", "an", "one") and m["unit"].lower() == "second":
            after = ctx.words_after(m.end(), 1)
            if after and after not in ("later", "ago", "earlier", "or", "and"):
                return None
        if number is None and num_word not in self.v.fuzzy_numbers:
            return None
        plural = m["unit"].lower() in self.v.plural_units
        if num_word in ("a", "an") and plural:
            return None
        if re.fullmatch(r"1[89]\d\d|20\d\d", num_word) and "-" not in m[0]:
            return None  # "the 1988 quarter"
        if re.match(r"(?:\s*-\s*|\s+)old\b", ctx.text[m.end() : m.end() + 8]):
            return None  # an age ("a 44-year-old", "52 years old")
        if num_word in ("a", "an") and not m["the"] and self._after_quantity(ctx, m.start()):
            return None  # a rate ("$5 million a year", "four flights a week")
        if re.search(r"\d", num_word) and "," in num_word:
            return None
        found = Found(0, 0, "DURATION", _period(number, code), EXPLICIT, DURATION_KIND)
        if m["the"] and not m["rel"] and "-" in m[0][m.start("num") - m.start() :]:
            found.start, found.end = m.start("num"), m.end()  # "the 30-day": an adjective
        return found

    def _after_quantity(self, ctx: Context, offset: int) -> bool:
        before = ctx.text[max(0, offset - 30) : offset]
        match = re.search(r"([\w%$.,]+)\s+$", before)
        if not match:
            return False
        word = match[1].lower().rstrip(".,")
        return bool(
            re.search(r"\d", word)
            or word in self.numbers
            or word in ("million", "billion", "thousand", "trillion", "percent", "%", "times")
            or (word.endswith("s") and len(word) > 3 and word not in _NOT_PLURALS)
        )

    def _fuzzy_unit(self, m: re.Match[str], ctx: Context) -> Found | None:
        code = self.v.units[m["unit"].lower()]
        if code == "WE":
            return None
        return Found(0, 0, "DURATION", _period(None, code), EXPLICIT, DURATION_KIND)

    def _bare_units(self, m: re.Match[str], ctx: Context) -> Found | None:
        before = ctx.word_before(m.start())
        after = ctx.words_after(m.end(), 1)
        if before not in ("for", "within", "over", "in", "recent") or after in (
            "of", "ago", "earlier", "later", "old", "before", "after",
        ):  # fmt: skip
            return None
        code = self.v.units[m["unit"].lower()]
        return Found(0, 0, "DURATION", _period(None, code), EXPLICIT, DURATION_KIND)

    def _ago(self, m: re.Match[str], ctx: Context) -> Found | list[Found] | None:
        direction = re.sub(r"\s+", " ", m["dir"].lower())
        code = self.v.units[m["unit"].lower()]
        number = self._num(m["num"])
        if number is None and m["num"].lower() not in self.v.fuzzy_numbers:
            return None
        if direction in ("later", "after", "before"):
            end = m.start("dir")
            span = ctx.text[m.start() : end].rstrip()
            return Found(m.start(), m.start() + len(span), "DURATION", _period(number, code),
                         EXPLICIT, DURATION_KIND)  # fmt: skip
        sign = 1 if direction in ("from now", "hence") else -1
        if number is None or ctx.dct is None or not float(number).is_integer():
            ref = "FUTURE_REF" if sign > 0 else "PAST_REF"
            return Found(0, 0, "DATE", ref, UNRESOLVED, AGO_KIND)
        value = _shifted(ctx.dct, code, sign * int(number))
        if value is None:
            return None
        kind_type = "TIME" if code in ("H", "MIN", "S") else "DATE"
        found = Found(0, 0, kind_type, value, RELATIVE, AGO_KIND)
        if code == "Y" and sign < 0:
            found.years_back = int(number)
        return found

    def _ago_plural(self, m: re.Match[str], ctx: Context) -> Found:
        return Found(0, 0, "DATE", "PAST_REF", UNRESOLVED, AGO_KIND)

    def _year(self, m: re.Match[str], ctx: Context) -> Found | None:
        year = int(m["y"])
        start = m.start()
        before_char = ctx.text[max(0, start - 1) : start]
        if before_char in "$£€#¥" and before_char:
            return None
        after = ctx.text[m.end() : m.end() + 30]
        next_word = re.match(r"\s*([\w'’-]+)", after)
        if next_word and next_word[1].lower() in self.v.count_nouns:
            return None
        if re.match(r"\s*(?:%|percent|per\s+cent)", after, re.IGNORECASE):
            return None
        prev = ctx.word_before(start)
        cue = m["pre"] or self._cue_before(ctx, start)
        if prev in _YEAR_COUNTERS and not m["pre"]:
            return None
        if not (1900 <= year <= 2099) and not cue:
            return None
        if not m["pre"] and not cue:
            preceding = re.search(r"([A-Za-z][\w'’.-]*)\s+$", ctx.text[max(0, start - 30) : start])
            if preceding and preceding[1][0].isupper():
                word = preceding[1]
                head = ctx.text[: start - len(preceding[0])].rstrip()
                sentence_start = not head or head[-1] in ".!?\n\"“”'‘’:;("
                if not sentence_start and _lookup(self.months_any, word) is None:
                    return None
            if re.match(r"\s*(?:-|–|to)\s*\d", after):
                return None
        return Found(0, 0, "DATE", f"{year:04d}", EXPLICIT)

    def _year_range(self, m: re.Match[str], ctx: Context) -> list[Found] | None:
        y1 = int(m["y1"])
        raw = m["y2"]
        if len(raw) == 2:
            y2 = y1 // 100 * 100 + int(raw)
            if y2 < y1:
                y2 += 100
        else:
            y2 = int(raw)
        if not (y1 < y2 <= y1 + (30 if len(raw) == 2 else 100)):
            return None
        return [
            Found(m.start("y1"), m.end("y1"), "DATE", f"{y1:04d}", EXPLICIT),
            Found(m.start("y2"), m.end("y2"), "DATE", f"{y2:04d}", EXPLICIT),
        ]

    def _decade(self, m: re.Match[str], ctx: Context) -> Found | None:
        if m["dec"]:
            found = Found(0, 0, "DATE", m["dec"], EXPLICIT)
            start = m.start("mod") if m["mod"] else m.start("dec")
            found.start, found.end = start, m.end()  # "the 1990s": TimeBank leaves out "the"
            return found
        digit = int(m["d2"])
        if ctx.dct is None:
            return Found(0, 0, "DATE", f"XX{digit}", UNRESOLVED)
        century = ctx.dct.year // 100
        if digit * 10 > ctx.dct.year % 100:
            century -= 1
        return Found(0, 0, "DATE", f"{century:02d}{digit}", RELATIVE)

    def _century(self, m: re.Match[str], ctx: Context) -> Found | None:
        if m["ordd"]:
            number: object = int(m["ordd"])
        else:
            number = _lookup(self.v.ordinals, m["ord"])  # type: ignore[arg-type]
        if not isinstance(number, int) or not 1 <= number <= 30:
            return None
        return Found(0, 0, "DATE", f"{number - 1:02d}", EXPLICIT)

    def _quarter(self, m: re.Match[str], ctx: Context) -> Found | None:
        number = _lookup(self.v.ordinals, m["ord"])  # type: ignore[arg-type]
        half = m["qh"].lower() == "half"
        if not isinstance(number, int) or number > (2 if half else 4):
            return None
        year: int | None = None
        explicit = m["yp"] or m["yp2"] or m["ys"]
        if explicit:
            year = int(explicit)
        rel = m["yrel"] or m["ysrel"]
        if rel and ctx.dct is not None:
            year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[rel.lower()]
        if half and year is None and not (rel or m["ys"]) and "-" not in m[0]:
            return None  # "the first half" alone is as likely a match as a year
        label = f"H{number}" if half else f"Q{number}"
        if m["ya"] and year is None and ctx.dct is not None:
            year = cal.quarter_year(ctx.dct, number, "back") - 1
        if year is None:
            if ctx.dct is None:
                return Found(0, 0, "DATE", f"XXXX-{label}", UNRESOLVED)
            if half:
                current = 1 if ctx.dct.month <= 6 else 2
                step = 0 if number <= current else -1
                if ctx.direction(m.start()) == "forward":
                    step = 0 if number >= current else 1
                year = ctx.dct.year + step
            else:
                year = cal.quarter_year(ctx.dct, number, ctx.direction(m.start(), "quarter"))
            basis = RELATIVE
        else:
            basis = EXPLICIT if explicit else RELATIVE
        found = Found(0, 0, "DATE", f"{year:04d}-{label}", basis)
        if (
            m["the"]
            and re.search(r"(?:quarter|half)\s*$", m[0])
            and re.search(r"[a-z]-(?:quarter|half)", m[0], re.IGNORECASE)
        ):
            found.start, found.end = m.end("the") + 1, m.end()  # "its third-quarter profit"
            found.start = m.start("ord") if not m["yp2"] else m.start("yp2")
        return found

    def _quarter_code(self, m: re.Match[str], ctx: Context) -> Found | None:
        quarter = int(m["q"])
        if m["y"]:
            return Found(0, 0, "DATE", f"{m['y']}-Q{quarter}", EXPLICIT)
        if ctx.dct is None:
            return Found(0, 0, "DATE", f"XXXX-Q{quarter}", UNRESOLVED)
        year = cal.quarter_year(ctx.dct, quarter, ctx.direction(m.start()))
        return Found(0, 0, "DATE", f"{year}-Q{quarter}", RELATIVE)

    def _latest_quarter(self, m: re.Match[str], ctx: Context) -> Found | None:
        the = (m["the"] or "").lower()
        rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
        if ctx.text[m.end() : m.end() + 1] == "-":
            return None
        rel2 = (m["rel2"] or "").lower()
        period = m["qh"].lower() == "period"
        year_ago = {"year-ago", "year-earlier", "comparable", "year-before", "prior-year"}
        if period and not (rel in year_ago or rel2 in year_ago or rel in ("latest", "same")):
            return None
        if not (the or rel):
            return None
        if rel == "same" or (the == "that" and not rel):
            return Found(0, 0, "DATE", "XXXX-QX", UNRESOLVED)
        if rel in ("current",) or (the == "this" and not rel):
            steps = 0
        elif rel in year_ago or rel2 in year_ago:
            steps = -5
        elif rel in ("recent",) and not the:
            return None
        else:
            steps = -1
        if not rel and the in ("the", "its") and ctx.tense(m.start()) == "future":
            steps = 0
        value = self._unit_value("Q", ctx.dct, steps)
        assert value is not None
        return Found(0, 0, "DATE", value, UNRESOLVED if ctx.dct is None else RELATIVE)

    def _year_ago_adj(self, m: re.Match[str], ctx: Context) -> Found | None:
        if ctx.dct is None:
            return Found(0, 0, "DATE", "XXXX", UNRESOLVED)
        found = Found(0, 0, "DATE", f"{ctx.dct.year - 1:04d}", RELATIVE)
        found.years_back = 1
        return found

    def _reference(self, m: re.Match[str], ctx: Context) -> Found | None:
        phrase = re.sub(r"\s+", " ", m["ref"].lower())
        after = ctx.text[m.end() : m.end() + 30].lower()
        for blocker in self.v.reference_blockers:
            if re.match(rf"\s+{re.escape(blocker)}\b", after):
                return None
        if phrase == "current" and not re.match(r"\s+[a-z]", after):
            return None
        if phrase == "previously" and ctx.word_before(m.start()) in _DETERMINERS | {"as"}:
            return None
        return Found(0, 0, "DATE", self.v.references[phrase], UNRESOLVED, REF_KIND)

    def _set(self, m: re.Match[str], ctx: Context) -> Found | None:
        word = m["unit"]
        other = 2 if m["other"] else 1
        number = self._num(m["num"]) if m["num"] else 1
        if number is None:
            return None
        low = word.lower()
        if low in self.v.units:
            return Found(0, 0, "SET", _period(number * other, self.v.units[low]), EXPLICIT,
                         SET_KIND)  # fmt: skip
        if low in self.v.parts_of_day:
            return Found(0, 0, "SET", f"XXXX-XX-XXT{self.v.parts_of_day[low]}", EXPLICIT,
                         SET_KIND)  # fmt: skip
        if _lookup(self.v.weekdays, word) is not None:
            return Found(0, 0, "SET", f"XXXX-WXX-{self._weekday_number(word)}", EXPLICIT,
                         SET_KIND)  # fmt: skip
        return None

    def _set_freq(self, m: re.Match[str], ctx: Context) -> Found:
        code = self.v.units[m["unit"].lower()]
        return Found(0, 0, "SET", _period(1, code), EXPLICIT, SET_KIND)

    def _set_word(self, m: re.Match[str], ctx: Context) -> Found:
        return Found(0, 0, "SET", self.v.set_words[m["w"].lower()], EXPLICIT, SET_KIND)

    def _set_weekdays(self, m: re.Match[str], ctx: Context) -> Found:
        weekday = self._weekday_number(m["wd"][:-1])
        return Found(0, 0, "SET", f"XXXX-WXX-{weekday}", EXPLICIT, SET_KIND)

    def _clock(self, m: re.Match[str], ctx: Context) -> Found | None:
        groups = m.groupdict()
        if groups.get("hw"):
            hour = self._num(groups["hw"])
            if not groups.get("mi"):
                groups["mi"] = None
            if not isinstance(hour, int) or not 1 <= hour <= 12:
                return None
            minute = int(groups.get("mi") or 0)
        else:
            hour, minute = int(groups["h"]), int(groups.get("mi") or 0)
        ap = (groups.get("ap") or "").lower().replace(".", "").replace(" ", "")
        pod = (groups.get("pod") or "").lower()
        if pod:
            ap = "am" if pod.endswith("morning") else "pm"
            if not 1 <= hour <= 12 or (ap == "pm" and pod.endswith("night") and hour < 6):
                ap = "am" if hour < 6 else "pm"
        if ap == "pm" and hour < 12:
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
        if not ap and not groups.get("tz") and not groups.get("hw"):
            # a bare "14:30" is a clock time only after a cue ("at 14:30")
            if ctx.word_before(m.start()) not in (
                "at",
                "around",
                "by",
                "until",
                "from",
                "before",
                "after",
                "till",
                "about",
            ):
                return None  # fmt: skip
            if re.match(r"[:.]?\d", ctx.text[m.end() : m.end() + 2]):
                return None
        clock = f"T{hour:02d}:{minute:02d}"
        if ctx.dct is None:
            return Found(0, 0, "TIME", f"XXXX-XX-XX{clock}", UNRESOLVED, TIME_KIND, True)
        return Found(0, 0, "TIME", f"{ctx.dct.isoformat()}{clock}", RELATIVE, TIME_KIND, True)

    def _noon(self, m: re.Match[str], ctx: Context) -> Found:
        clock = "T24:00" if m["w"].lower() == "midnight" else "T12:00"
        if ctx.dct is None:
            return Found(0, 0, "TIME", f"XXXX-XX-XX{clock}", UNRESOLVED, TIME_KIND, True)
        return Found(0, 0, "TIME", f"{ctx.dct.isoformat()}{clock}", RELATIVE, TIME_KIND, True)

    def _holiday(self, m: re.Match[str], ctx: Context) -> Found | None:
        name = re.sub(r"\s+", " ", m["hol"])
        holiday = _lookup(self.v.holidays, name)  # type: ignore[arg-type]
        if holiday is None:
            return None
        if m["y"]:
            day = cal.holiday_date(holiday, int(m["y"]))  # type: ignore[arg-type]
            return Found(0, 0, "DATE", day.isoformat(), EXPLICIT)
        if ctx.dct is None:
            return Found(0, 0, "DATE", "XXXX-XX-XX", UNRESOLVED)
        rel = self._rel(m["rel"])
        direction = {"before": "last", "after": "next"}.get(rel or "") or ctx.direction(
            m.start(), "month"
        )
        day = cal.holiday_in(ctx.dct, holiday, direction)  # type: ignore[arg-type]
        return Found(0, 0, "DATE", day.isoformat(), RELATIVE)

    def _anaphor(self, m: re.Match[str], ctx: Context) -> Found:
        what = (m["what"] or "day").lower()
        pod = self.v.parts_of_day.get(what)
        if pod:
            return Found(0, 0, "TIME", f"XXXX-XX-XXT{pod}", UNRESOLVED, TIME_KIND)
        return Found(0, 0, "DATE", "XXXX-XX-XX", UNRESOLVED)

    # ----------------------------------------------------------------------- running

    def candidates(self, ctx: Context) -> list[tuple[int, int, int, list[Found]]]:
        """``(start, end, rule index, founds)`` for every rule match its handler accepts."""
        out = []
        for index, (_, pattern, handler) in enumerate(self.rules):
            for m in pattern.finditer(ctx.text):
                result = handler(m, ctx)
                if not result:
                    continue
                founds = result if isinstance(result, list) else [result]
                for found in founds:
                    if found.start == found.end == 0:
                        found.start, found.end = m.start(), m.end()
                out.append((m.start(), m.end(), index, founds))
        return out

    def find(self, text: str, dct: date | None, tense_at: TenseAt | None = None) -> list[Found]:
        ctx = Context(text, dct, tense_at)
        chosen: list[tuple[int, int, list[Found]]] = []
        taken: list[tuple[int, int]] = []
        for start, end, _, founds in sorted(
            self.candidates(ctx), key=lambda c: (-(c[1] - c[0]), c[0], c[2])
        ):
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            chosen.append((start, end, founds))
        found = sorted((f for _, _, fs in chosen for f in fs), key=lambda f: f.start)
        found = self._extend(ctx, found)
        found = self._anchor_times(text, found)
        found = self._year_earlier(text, found)
        if self.stop_re is not None:
            stops = [(m.start(), m.end()) for m in self.stop_re.finditer(text)]
            found = [f for f in found if not any(f.start < e and s < f.end for s, e in stops)]
        return found

    def _extend(self, ctx: Context, found: list[Found]) -> list[Found]:
        """Join modifiers and approximators to the spans they qualify."""
        previous_end = 0
        for f in found:
            while True:
                head = ctx.text[previous_end : f.start]
                pattern = None
                if f.kind in (DATE_KIND, TIME_KIND):
                    pattern = self.modifier_re
                    m = pattern.search(head)
                    if m is None and f.kind == TIME_KIND:
                        m = self.approx_re.search(head)
                elif f.kind in (DURATION_KIND, AGO_KIND):
                    m = self.approx_re.search(head)
                else:
                    m = None
                if m is None:
                    break
                if (
                    m.re is self.approx_re
                    and f.kind != TIME_KIND
                    and not _NUMBERISH.match(ctx.text, f.start)
                ):
                    break
                word = m[1].lower()
                if (
                    word in ("later", "earlier")
                    and f.kind == DATE_KIND
                    and (f.value.startswith(("P", "X")) or f.value.endswith("_REF"))
                ):
                    break
                f.start = previous_end + m.start(1)
            previous_end = f.end
        return found

    @staticmethod
    def _year_earlier(text: str, found: list[Found]) -> list[Found]:
        """ "a year ago" after a quarter or a month named in the same or the previous
        sentence (or a day in the same sentence) means that period a year before: the
        comparison is like with like ("profit rose in the third quarter ... from a year
        ago")."""
        for i, f in enumerate(found):
            if not f.years_back:
                continue
            for other in reversed(found[:i]):
                boundaries = len(_SENTENCE_END.findall(text, other.end, f.start))
                if boundaries > 1:
                    break
                match = _PERIOD.fullmatch(other.value) if other.type == "DATE" else None
                if match is None or other.years_back:
                    continue
                if boundaries and len(match[2]) > 3:
                    continue  # a day only counts within the sentence
                year = int(match[1]) - f.years_back
                value = f"{year:04d}{match[2]}"
                if value.endswith("-02-29"):
                    value = value[:-2] + "28"
                f.value = value
                break
        return found

    @staticmethod
    def _anchor_times(text: str, found: list[Found]) -> list[Found]:
        """A clock time next to a day expression ("3 p.m. Friday", "Friday at 3 p.m.")
        takes that day."""
        for i, f in enumerate(found):
            if not f.anchor_day:
                continue
            for j in (i - 1, i + 1):
                if not 0 <= j < len(found):
                    continue
                other = found[j]
                if other.type != "DATE" or not _FULL.fullmatch(other.value):
                    continue
                gap = text[f.end : other.start] if j > i else text[other.end : f.start]
                if not _gap_ok(gap):
                    continue
                f.value = other.value + f.value[f.value.index("T") :]
                f.basis = other.basis
                if not gap.strip():  # "9 a.m. Tuesday": one expression
                    f.start, f.end = min(f.start, other.start), max(f.end, other.end)
                    other.end = other.start = -1
                break
        return [f for f in found if f.start >= 0]


_PERIOD = re.compile(r"(\d{4})(-(?:Q\d|H\d|\d{2}(?:-\d{2})?))")
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!Sept)[.!?]['\"”’]*\s+(?=[A-Z\"“])"
)


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).isoweekday()
    except ValueError:
        return None


def _gap_ok(text: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:,|on|at|,\s*on|,\s*at)?\s*", text, re.IGNORECASE))


_PERIOD_SCALE = {"DE": (10, "Y"), "CE": (100, "Y"), "Q": (3, "M"), "FN": (2, "W"), "WE": (2, "D")}


def _period(number: int | float | None, code: str) -> str:
    """A TIMEX3 duration: ``P2W``, ``PT3H``, ``PXD`` (unknown count); decades, centuries,
    quarters, fortnights and weekends in years, months, weeks and days (``PXDE`` …
    when the count is unknown)."""
    if code in ("H", "MIN", "S"):
        count = "X" if number is None else _fmt(number)
        return f"PT{count}{'M' if code == 'MIN' else code}"
    if code in _PERIOD_SCALE:
        scale, unit = _PERIOD_SCALE[code]
        if number is None:
            return f"PX{unit if code in ('FN', 'WE') else code}"
        return f"P{_fmt(number * scale)}{unit}"
    return f"P{'X' if number is None else _fmt(number)}{code}"


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _shifted(ref: date, code: str, steps: int) -> str | None:
    """The DATE/TIME value `steps` units of `code` from `ref`, at that unit's granularity."""
    if code in ("H", "MIN", "S", "D"):
        days = steps if code == "D" else 0
        return (ref + timedelta(days=days)).isoformat()
    if code in ("W", "FN", "WE"):
        weeks = steps * (2 if code == "FN" else 1)
        return cal.iso_week(ref + timedelta(weeks=weeks))
    if code == "M":
        return cal.month_value(*cal.add_months(ref.year, ref.month, steps))
    if code == "Q":
        year, quarter = cal.add_quarters(ref.year, cal.quarter_of(ref), steps)
        return f"{year}-Q{quarter}"
    if code == "Y":
        return f"{ref.year + steps:04d}"
    if code == "DE":
        return f"{ref.year + 10 * steps:04d}"
    if code == "CE":
        return f"{(ref.year + 100 * steps) // 100:02d}"
    return None


@cache
def default_grammar() -> Grammar:
    return Grammar(load_vocabulary())


def find_timexes(text: str, dct: date | None, tense_at: TenseAt | None = None) -> list[Timex]:
    """Every temporal expression in text, in order, non-overlapping, with TIMEX3 type and
    value normalised against dct (the publication date). tense_at(char_offset) returns
    "past", "present", "future" or None for the clause containing that offset; default
    None means news reading (a bare weekday or month is the latest one up to dct)."""
    return [
        Timex(f.start, f.end, text[f.start : f.end], f.type, f.value, f.basis)
        for f in default_grammar().find(text, dct, tense_at)
    ]
