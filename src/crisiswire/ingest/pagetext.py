"""Split text copied from a news web page into title, byline, highlights, captions and body.

A copied page keeps the page's furniture as lines: a headline, a standfirst, "By" and the
author on separate lines, "|" separators, a photo caption (often printed twice, once for the
image and once for its alt text), bullet teasers, then the body, with "Advertisement" and
"Also read" lines between paragraphs. The line classes come from ``data/page_cleanup.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from crisiswire.data import load_patterns

_FRONT_MATTER = re.compile(
    r"(?P<key>title|headline|source|outlet|publication|url|link|date|published|"
    r"publication date|author|byline)\s*:\s*(?P<value>\S.*)",
    re.IGNORECASE,
)
_FRONT_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publication": "source",
    "url": "url",
    "link": "url",
    "date": "date",
    "published": "date",
    "publication date": "date",
    "author": "byline",
    "byline": "byline",
}
_TERMINAL = tuple('.!?…"”’)')
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@dataclass(slots=True)
class PageParts:
    """What `split_page` found; `paragraphs` is the body in reading order, deduplicated."""

    paragraphs: list[str]
    title: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    date_text: str | None = None
    """A publication date written in the page header ("Published January 19, 2024")."""
    highlights: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    """``Key: value`` lines at the very top (title, source, url, date, byline)."""


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no invisible characters, no-break spaces as spaces."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return text.replace("\u2028", "\n").replace("\u2029", "\n\n")


def split_page(text: str, known_title: str | None = None) -> PageParts:
    """Classify the lines of a copied page. With `known_title` (from metadata) a first line
    repeating it is dropped instead of becoming the title."""
    lines = [_clean_line(line) for line in normalise_text(text).split("\n")]
    meta, start = _front_matter(lines)
    known_title = known_title or meta.get("title")
    parts = PageParts(paragraphs=[], meta=meta, title=meta.get("title"))
    if "byline" in meta:
        parts.byline = meta["byline"]
    body: list[str | None] = []
    in_body = False
    byline_follows = False
    standfirst: list[str] = []
    for line, doubled in _join_broken_lines(_collapse_repeats(lines[start:])):
        if line is None:
            if in_body:
                body.append(None)
            continue
        credit = _match("source_credit", line)
        if credit:
            parts.meta.setdefault("source", credit.group("name").strip())
            continue
        if _matches("boilerplate", line):
            continue
        bullet = _match("bullet", line)
        if bullet:
            (body if in_body else parts.highlights).append(bullet.group("text").strip())
            continue
        printed_twice = doubled and not in_body and not _looks_like_body(line)
        if _matches("caption_credit", line) or printed_twice:
            if line not in parts.captions:
                parts.captions.append(line)
            continue
        if not in_body:
            if _matches("separator", line):
                continue
            if byline_follows:
                parts.byline, byline_follows = line, False
                continue
            if _matches("byline_marker", line):
                byline_follows = True
                continue
            byline = _match("byline", line)
            if byline and len(line.split()) <= 12 and not line.endswith("."):
                parts.byline = byline.group("name").strip()
                continue
            dateline = _match("dateline", line) if len(line) <= 80 else None
            if dateline:
                parts.date_text = parts.date_text or dateline.group("date").strip()
                continue
            if known_title and _same(line, known_title):
                continue
            if not _looks_like_body(line):
                if parts.title is None and known_title is None:
                    parts.title = line
                else:
                    standfirst.append(line)
                continue
            in_body = True
        body.append(line)
    parts.standfirst = " ".join(standfirst) or None
    parts.paragraphs = _dedupe(_join_wrapped(body))
    return parts


def _clean_line(line: str) -> str | None:
    line = re.sub(r"[ \t\f\v]+", " ", line).strip()
    return line or None


def _front_matter(lines: list[str | None]) -> tuple[dict[str, str], int]:
    meta: dict[str, str] = {}
    index = 0
    while index < len(lines) and lines[index] is None:
        index += 1
    while index < len(lines) and lines[index] is not None:
        match = _FRONT_MATTER.fullmatch(lines[index] or "")
        if not match:
            break
        meta[_FRONT_KEYS[match["key"].lower()]] = match["value"].strip()
        index += 1
    return (meta, index) if meta else ({}, 0)


def _collapse_repeats(lines: list[str | None]) -> list[tuple[str | None, bool]]:
    """Fold a line repeated right after itself (blank lines between allowed) into one,
    flagged as doubled: pages print captions twice and copy-paste doubles paragraphs."""
    out: list[tuple[str | None, bool]] = []
    last_text: int | None = None
    for line in lines:
        if line is not None and last_text is not None and out[last_text][0] == line:
            out[last_text] = (line, True)
            continue
        out.append((line, False))
        if line is not None:
            last_text = len(out) - 1
    return out


def _join_broken_lines(items: list[tuple[str | None, bool]]) -> list[tuple[str | None, bool]]:
    """Join a line that stops mid-sentence with the next when that one starts in lower case
    (hard-wrapped text), so a wrapped lede is not mistaken for a headline."""
    out: list[tuple[str | None, bool]] = []
    for line, doubled in items:
        if out and line is not None and line[:1].islower():
            previous, previous_doubled = out[-1]
            joinable = previous is not None and not previous.endswith(_TERMINAL)
            if joinable and not (
                _match("bullet", previous) or _matches("caption_credit", previous)
            ):
                out[-1] = (f"{previous} {line}", previous_doubled or doubled)
                continue
        out.append((line, doubled))
    return out


def _looks_like_body(line: str) -> bool:
    words = len(line.split())
    return words >= 25 or (words >= 8 and line.endswith(_TERMINAL))


def _join_wrapped(lines: list[str | None]) -> list[str]:
    """Blank lines end paragraphs; inside a block a line that stops mid-sentence is
    joined with the next (hard-wrapped text), otherwise each line is a paragraph."""
    paragraphs: list[str] = []
    open_block = False
    for line in lines:
        if line is None:
            open_block = False
            continue
        if open_block and paragraphs and _continues(paragraphs[-1], line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        open_block = True
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    if previous.endswith(_TERMINAL):
        return False
    return line[:1].islower() or len(previous) >= 60


def _dedupe(paragraphs: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for paragraph in paragraphs:
        key = " ".join(paragraph.lower().split())
        if key not in seen:
            seen.add(key)
            out.append(paragraph)
    return out


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _match(kind: str, line: str) -> re.Match[str] | None:
    for pattern in load_patterns("page_cleanup.yaml")[kind]:
        match = pattern.fullmatch(line)
        if match:
            return match
    return None


def _matches(kind: str, line: str) -> bool:
    return _match(kind, line) is not None
