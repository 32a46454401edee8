"""Ingest: read every input format into cleaned `Article` records, or say why not.

`read_articles` streams: it yields each article (or `Skipped`) as soon as it is read and
never holds more than one input file (or one JSON Lines record) in memory.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from datetime import date
from typing import BinaryIO

from crisiswire.ingest.assemble import Metadata, build_article
from crisiswire.ingest.decode import decode_bytes
from crisiswire.ingest.errors import Rejected
from crisiswire.ingest.feeds import read_feed
from crisiswire.ingest.htmlpage import read_html
from crisiswire.ingest.markup import fragment_to_text, looks_like_html
from crisiswire.ingest.pagetext import PageParts, split_page
from crisiswire.ingest.records import Record, read_json, read_jsonl
from crisiswire.ingest.sniff import sniff_format
from crisiswire.ingest.sources import Input, expand_inputs
from crisiswire.model import Article, Skipped

__all__ = ["MAX_FILE_BYTES", "read_articles"]

MAX_FILE_BYTES = 50_000_000
"""A text, HTML, JSON-array or feed file larger than this is refused; JSON Lines files
are streamed record by record and have no size limit."""

Item = Article | Skipped


def read_articles(
    paths: Iterable[str],
    *,
    date: date | None = None,
    source: str | None = None,
    stdin: BinaryIO | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Item]:
    """Yield an `Article` or a `Skipped` for every input file, record or feed item.

    `date` and `source` fill in what an input's own metadata does not say.
    """
    options = _Options(date, source, max_file_bytes)
    for item in expand_inputs(list(paths), stdin):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield from _read_input(item, options)
        except Rejected as err:
            yield Skipped(item.origin, err.kind, err.reason)
        except (gzip.BadGzipFile, EOFError, zlib.error) as err:
            yield Skipped(item.origin, "malformed", f"corrupt gzip data ({err})")
        except OSError as err:
            yield Skipped(item.origin, "unreadable", err.strerror or str(err))


class _Options:
    __slots__ = ("date", "max_bytes", "source")

    def __init__(self, given_date: date | None, source: str | None, max_bytes: int) -> None:
        self.date, self.source, self.max_bytes = given_date, source, max_bytes


def _open(item: Input) -> BinaryIO:
    """Open an input, decompressing gzip found by its magic bytes whatever the name says."""
    stream = item.open()
    magic = stream.read(2)
    stream.seek(0)
    if magic == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=stream)  # type: ignore[return-value]
    return stream


def _read_input(item: Input, options: _Options) -> Iterator[Item]:
    with _open(item) as stream:
        head = stream.read(65536)
        fmt = sniff_format(item.name, head)
        if fmt == "jsonl":
            stream.seek(0)
            for where, record in read_jsonl(stream):
                yield _from_record(item.origin + where, record, options)
            return
        data = head + stream.read(max(0, options.max_bytes + 1 - len(head)))
        if len(data) > options.max_bytes:
            raise Rejected("too-large", f"file is over {options.max_bytes:,} bytes")
    if fmt == "html":
        parts, meta = read_html(data)
        yield _build(
            parts,
            Metadata(None, meta.title, meta.url, meta.date, meta.source, meta.byline),
            item.origin,
            options,
        )
    elif fmt == "feed":
        for entry in read_feed(data):
            if isinstance(entry, tuple):
                index, rejected = entry
                yield Skipped(f"{item.origin}#{index}", rejected.kind, rejected.reason)
                continue
            origin = f"{item.origin}#{entry.index}"
            try:
                parts = split_page(entry.text, known_title=entry.title)
                meta = Metadata(
                    entry.id, entry.title, entry.url, entry.date, entry.source, entry.byline
                )
                yield _build(parts, meta, origin, options)
            except Rejected as err:
                yield Skipped(origin, err.kind, err.reason)
    elif fmt == "json":
        for where, record in read_json(decode_bytes(data)):
            yield _from_record(item.origin + where, record, options)
    else:
        text = decode_bytes(data)
        if looks_like_html(text) and text.lstrip().startswith("<"):
            parts, meta = read_html(data)
            yield _build(
                parts,
                Metadata(None, meta.title, meta.url, meta.date, meta.source, meta.byline),
                item.origin,
                options,
            )
        else:
            yield _build(split_page(text), Metadata(), item.origin, options)


def _from_record(origin: str, record: Record | Rejected, options: _Options) -> Item:
    if isinstance(record, Rejected):
        return Skipped(origin, record.kind, record.reason)
    try:
        text = fragment_to_text(record.text) if looks_like_html(record.text) else record.text
        parts = split_page(text, known_title=record.title)
        meta = Metadata(
            record.id, record.title, record.url, record.date, record.source, record.byline
        )
        return _build(parts, meta, origin, options)
    except Rejected as err:
        return Skipped(origin, err.kind, err.reason)


def _build(parts: PageParts, meta: Metadata, origin: str, options: _Options) -> Article:
    return build_article(
        parts, meta, origin, given_date=options.date, default_source=options.source
    )
