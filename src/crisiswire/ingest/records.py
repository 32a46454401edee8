"""JSON Lines and JSON arrays of article records, one article per record.

Field names vary between scrapers and news APIs; the first present of each list wins.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from crisiswire.ingest.errors import Rejected

TEXT_FIELDS = ("text", "body", "content", "article", "full_text", "maintext")
ID_FIELDS = ("id", "_id", "uuid", "guid", "doc_id")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "canonical_url")
DATE_FIELDS = (
    "date",
    "published",
    "publication_date",
    "pubdate",
    "published_at",
    "date_publish",
    "datetime",
    "publishedAt",
)
SOURCE_FIELDS = ("source", "outlet", "publisher", "site_name", "sitename", "domain")
BYLINE_FIELDS = ("byline", "author", "authors")
_CONTAINERS = ("articles", "items", "data", "records", "results", "documents")


@dataclass(slots=True)
class Record:
    where: str
    """``:LINE`` for JSON Lines, ``#N`` for the Nth element of a JSON array."""
    id: str | None
    title: str | None
    url: str | None
    date: str | None
    source: str | None
    byline: str | None
    text: str


def read_jsonl(lines: Iterable[bytes]) -> Iterator[tuple[str, Record | Rejected]]:
    """Each line a JSON object. A malformed line is reported with its number; the rest
    are still read."""
    for number, raw in enumerate(lines, start=1):
        where = f":{number}"
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except UnicodeDecodeError:
            yield where, Rejected("undecodable", "line is not UTF-8")
            continue
        except json.JSONDecodeError as err:
            yield where, Rejected("malformed", f"malformed JSON ({err.msg}, column {err.colno})")
            continue
        yield where, to_record(value, where)


def read_json(data: str) -> Iterator[tuple[str, Record | Rejected]]:
    """A JSON array of records, an object holding one under a usual key ("articles",
    "items"…), or a single record."""
    try:
        value = json.loads(data)
    except json.JSONDecodeError as err:
        raise Rejected(
            "malformed", f"malformed JSON ({err.msg}, line {err.lineno} column {err.colno})"
        ) from None
    if isinstance(value, dict):
        inner = next((value[k] for k in _CONTAINERS if isinstance(value.get(k), list)), None)
        value = inner if inner is not None else [value]
    if not isinstance(value, list):
        raise Rejected(
            "malformed", f"expected a JSON array of records, found {type(value).__name__}"
        )
    if not value:
        raise Rejected("empty", "JSON array holds no records")
    for index, item in enumerate(value, start=1):
        yield f"#{index}", to_record(item, f"#{index}")


def to_record(value: Any, where: str) -> Record | Rejected:
    if not isinstance(value, dict):
        return Rejected("malformed", f"record is a JSON {type(value).__name__}, not an object")
    text = _first(value, TEXT_FIELDS)
    if text is None:
        if any(key in value for key in TEXT_FIELDS):
            return Rejected("empty", "record text is empty")
        return Rejected("no-text", f"record has no {'/'.join(TEXT_FIELDS[:3])} field")
    return Record(
        where=where,
        id=_first(value, ID_FIELDS),
        title=_first(value, TITLE_FIELDS),
        url=_first(value, URL_FIELDS),
        date=_first(value, DATE_FIELDS),
        source=_first(value, SOURCE_FIELDS),
        byline=_first(value, BYLINE_FIELDS),
        text=text,
    )


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, dict):  # NewsAPI: "source": {"id": ..., "name": ...}
            value = value.get("name") or value.get("title")
        if isinstance(value, list):  # "authors": ["A", "B"]
            value = ", ".join(str(v) for v in value if v)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
