"""RSS and Atom feed files: one article per item that carries its story."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import feedparser

from crisiswire.ingest.errors import Rejected
from crisiswire.ingest.markup import fragment_to_text


@dataclass(slots=True)
class FeedItem:
    index: int
    id: str | None
    title: str | None
    url: str | None
    date: str | None
    byline: str | None
    source: str | None
    text: str


def read_feed(data: bytes) -> Iterator[FeedItem | tuple[int, Rejected]]:
    """Items with their text (full content, else the summary); an item with neither is
    yielded as ``(index, Rejected)`` so the caller reports it."""
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise Rejected("malformed", f"not a readable RSS/Atom feed ({parsed.bozo_exception})")
    if not parsed.entries:
        raise Rejected("no-text", "feed has no items")
    source = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries, start=1):
        markup = entry["content"][0].get("value", "") if entry.get("content") else ""
        markup = markup or entry.get("summary", "")
        text = fragment_to_text(markup).strip() if markup else ""
        if not text:
            title = entry.get("title", "untitled")
            yield index, Rejected("no-text", f"item {title!r} has no content or summary")
            continue
        yield FeedItem(
            index=index,
            id=entry.get("id"),
            title=entry.get("title"),
            url=entry.get("link"),
            date=entry.get("published") or entry.get("updated"),
            byline=entry.get("author"),
            source=source,
            text=text,
        )
