"""Pair quotation marks in raw text: the character spans of quotations, before any parsing.

Double marks (“ ” " « ») delimit quotations; curly single marks (‘ ’) only at the top level,
since inside double quotes they nest a quotation within the quotation, and a ’ between
letters is an apostrophe. Typing slips are tolerated: a ” that opens a paragraph or follows
a space before a letter opens a quotation, and a “ right after a word closes one. A quotation
never crosses a line break, except by the news convention for a quote running over several
paragraphs: the paragraph is left unclosed and the next one opens with a mark again; each
paragraph is then its own span (and the speaker carries over, see `extract`).
"""

from __future__ import annotations

from dataclasses import dataclass

_OPEN_DOUBLE = "“«"
_CLOSE_DOUBLE = "”»"
_STRAIGHT = '"'
_TWO_APOSTROPHES = "''"
_ALL = _OPEN_DOUBLE + _CLOSE_DOUBLE + _STRAIGHT + "‘’"
_TRAILING = " \t,;:"
"""Stripped from the end of the quoted words: '“We will respond,” he said' quotes "We will
respond"; a full stop or question mark is part of what was said and stays."""


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation in the text: `open`/`close` are the positions of its marks (`close` is
    the end of the paragraph when the quote runs on), `start`/`end` its words (end
    exclusive), without the marks and surrounding spaces."""

    open: int
    close: int
    start: int
    end: int
    single: bool = False
    runs_on: bool = False
    """True when the paragraph ends without a closing mark and the next opens with one."""


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _closes(text: str, i: int) -> bool:
    """A mark at `i` reads as closing: after a non-space, before a space, punctuation or end."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return not _is_space(before) and not after.isalnum()


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return (_is_space(before) or before in "([—–―-/") and not _is_space(after)


def _make(text: str, open_: int, close: int, single: bool, runs_on: bool) -> Quotation | None:
    start, end = open_ + 1, close
    while start < end and (text[start].isspace() or text[start] == "'"):
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return None
    return Quotation(open_, close, start, end, single, runs_on)


def _next_paragraph_opens(text: str, newline: int) -> bool:
    rest = text[newline:].lstrip()
    return bool(rest) and rest[0] in _OPEN_DOUBLE + _STRAIGHT


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation in `text`, in order; nested ones are part of the outer."""
    out: list[Quotation] = []
    double: int | None = None  # position of the open double mark
    single: int | None = None  # position of an open single mark (top level only)
    skip = -1
    for i, ch in enumerate(text):
        if i == skip:
            continue
        if ch == "'" and text.startswith(_TWO_APOSTROPHES, i):
            ch, skip = _STRAIGHT, i + 1  # '' for " (New York Times style)
        if ch == "\n":
            if double is not None and _next_paragraph_opens(text, i):
                quote = _make(text, double, i, False, True)
                if quote is not None:
                    out.append(quote)
            double = single = None
            continue
        if ch not in _ALL:
            continue
        if ch in "‘’":
            if double is not None:
                continue
            if ch == "‘" and single is None and _opens(text, i):
                single = i
            elif ch == "’" and single is not None and _closes(text, i):
                quote = _make(text, single, i, True, False)
                if quote is not None:
                    out.append(quote)
                single = None
            continue
        if double is None:
            if ch in _OPEN_DOUBLE or ch == _STRAIGHT or _opens(text, i):
                double, single = i, None
            continue
        if ch in _OPEN_DOUBLE and not _closes(text, i):
            double = i  # an unclosed quotation before: start again here
            continue
        quote = _make(text, double, i, False, False)
        if quote is not None:
            out.append(quote)
        double = None
    return out  # a mark still open at the end of the text is dropped
