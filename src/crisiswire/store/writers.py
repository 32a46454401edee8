"""Write event records as JSON Lines, GDELT-style CSV or Parquet, streaming.

Fused events (`FusedEvent`) are written with every field of an event plus their mentions,
counts, disagreements and single-source facts; in CSV and Parquet the last two are JSON
text, since their values mix numbers and names.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from crisiswire.model import ActorRef, Event, FusedEvent, Location, Mention

# GDELT 2.0 event table columns (the fields GDELT documents, in its order).
GDELT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]
# crisiswire's own columns after GDELT's, so nothing the coder knows is lost.
EXTRA_COLUMNS = [
    "crisiswire_id",
    "article_id",
    "plover_type",
    "plover_mode",
    "negated",
    "modality",
    "speaker",
    "evidence_start",
    "evidence_end",
    "evidence_text",
    "date_text",
    "date_basis",
    "date_value",
    "location_feature",
    "dead",
    "injured",
]

# After those, for fused events: the story, the counts, and what each outlet said.
FUSED_COLUMNS = [
    "story_id",
    "n_articles",
    "n_sources",
    "mention_article_ids",
    "mentions",
    "disagreements",
    "single_source",
]

_ACTOR = pa.struct(
    [
        ("text", pa.string()),
        ("name", pa.string()),
        ("country", pa.string()),
        ("sector", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
    ]
)
EVENT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("article_id", pa.string()),
        ("event_type", pa.string()),
        ("mode", pa.string()),
        ("cameo", pa.string()),
        ("goldstein", pa.float64()),
        ("quad", pa.int8()),
        ("actor", pa.list_(_ACTOR)),
        ("recipient", pa.list_(_ACTOR)),
        (
            "evidence",
            pa.struct(
                [
                    ("sentence", pa.int32()),
                    ("start", pa.int64()),
                    ("end", pa.int64()),
                    ("text", pa.string()),
                ]
            ),
        ),
        ("trigger", pa.string()),
        ("date", pa.string()),
        ("date_text", pa.string()),
        ("date_basis", pa.string()),
        ("date_value", pa.string()),
        (
            "location",
            pa.struct(
                [
                    ("name", pa.string()),
                    ("country", pa.string()),
                    ("admin1", pa.string()),
                    ("lat", pa.float64()),
                    ("lon", pa.float64()),
                    ("geonameid", pa.int64()),
                    ("feature", pa.string()),
                ]
            ),
        ),
        ("dead", pa.int32()),
        ("injured", pa.int32()),
        ("negated", pa.bool_()),
        ("modality", pa.string()),
        ("speaker", _ACTOR),
    ]
)


_EVIDENCE = EVENT_SCHEMA.field("evidence").type
FUSED_SCHEMA = pa.schema(
    [
        *EVENT_SCHEMA,
        ("story_id", pa.string()),
        (
            "mentions",
            pa.list_(
                pa.struct(
                    [
                        ("event_id", pa.string()),
                        ("article_id", pa.string()),
                        ("source", pa.string()),
                        ("evidence", _EVIDENCE),
                        ("copy_of", pa.string()),
                    ]
                )
            ),
        ),
        ("n_articles", pa.int32()),
        ("n_sources", pa.int32()),
        ("disagreements", pa.string()),
        ("single_source", pa.string()),
    ]
)


class EventWriter:
    """Write events one at a time in one of the supported formats; with `fused`, fused
    events with their mentions and counts."""

    def __init__(
        self, stream: IO[str] | None, fmt: str, path: Path | None = None, fused: bool = False
    ) -> None:
        self.fmt, self.stream, self.path, self.fused = fmt, stream, path, fused
        self.schema = FUSED_SCHEMA if fused else EVENT_SCHEMA
        self._rows: list[dict[str, Any]] = []
        self._parquet: pq.ParquetWriter | None = None
        self._csv: Any = None
        if fmt == "csv":
            assert stream is not None
            self._csv = csv.writer(stream, lineterminator="\n")
            self._csv.writerow(GDELT_COLUMNS + EXTRA_COLUMNS + (FUSED_COLUMNS if fused else []))
        elif fmt == "parquet" and path is None:
            raise ValueError("Parquet output needs a file (--out)")

    def write_all(self, events: Iterable[Event], url: str | None = None) -> None:
        for event in events:
            self.write(event, url)

    def write(self, event: Event, url: str | None = None) -> None:
        if self.fmt == "jsonl":
            assert self.stream is not None
            self.stream.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            row = gdelt_row(event, url)
            if self.fused:
                row += _fused_columns(event)  # type: ignore[arg-type]
            self._csv.writerow(row)
        else:
            record = event.to_dict()
            if self.fused:
                for name in ("disagreements", "single_source"):
                    record[name] = json.dumps(record[name], ensure_ascii=False)
            self._rows.append(record)
            if len(self._rows) >= 2000:
                self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        if self._parquet is None:
            assert self.path is not None
            self._parquet = pq.ParquetWriter(str(self.path), self.schema)
        self._parquet.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
        self._rows = []

    def close(self) -> None:
        if self.fmt == "parquet":
            self._flush()
            if self._parquet is None:  # no events: still write a valid empty file
                assert self.path is not None
                pq.write_table(self.schema.empty_table(), str(self.path))
            else:
                self._parquet.close()


def _fused_columns(event: FusedEvent) -> list[object]:
    as_json = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    return [
        event.story_id or "",
        event.n_articles,
        event.n_sources,
        " ".join(dict.fromkeys(m.article_id for m in event.mentions)),
        as_json([_mention_brief(m) for m in event.mentions]),
        as_json(event.disagreements),
        as_json(event.single_source),
    ]


def _mention_brief(m: Mention) -> dict[str, object]:
    where = m.evidence
    return {"article_id": m.article_id, "source": m.source, "sentence": where.sentence,
            "start": where.start, "end": where.end}  # fmt: skip


def _actor_columns(refs: list[ActorRef]) -> list[str]:
    ref = refs[0] if refs else None
    if ref is None:
        return [""] * 10
    return [
        ref.code or "",
        (ref.name or ref.text).upper(),
        ref.country or "",
        "",
        "",
        "",
        "",
        ref.sector or "",
        "",
        "",
    ]


def _gdelt_geo_type(location: Location) -> int:
    """GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
    A district counts as a city (GDELT has nothing between), a region as a state; a sea or a
    continent as the country level, the coarsest GDELT knows."""
    us = location.country == "USA"
    feature = location.feature
    if feature in ("country", "continent", "water") or (feature is None and not location.admin1):
        return 1
    if feature in ("admin1", "region"):
        return 2 if us else 5
    return 3 if us else 4


def gdelt_row(event: Event, url: str | None = None) -> list[object]:
    day = (event.date or "").replace("-", "")
    location = event.location
    geo = (
        [
            _gdelt_geo_type(location),
            location.name,
            location.country or "",
            location.admin1 or "",
            "",
            location.lat,
            location.lon,
            location.geonameid or "",
        ]
        if location
        else [0, "", "", "", "", "", "", ""]
    )
    year = day[:4]
    fraction = ""
    if event.date:
        fraction = f"{int(year) + date.fromisoformat(event.date).timetuple().tm_yday / 365:.4f}"
    return [
        event.id,
        day,
        day[:6],
        year,
        fraction,
        *_actor_columns(event.actor),
        *_actor_columns(event.recipient),
        1,
        event.cameo,
        event.cameo[:3],
        event.cameo[:2],
        event.quad,
        event.goldstein,
        *_gdelt_counts(event),
        "",
        *([0, "", "", "", "", "", "", ""] * 2),
        *geo,
        day,
        url or "",
        event.id,
        event.article_id,
        event.event_type,
        event.mode or "",
        event.negated,
        event.modality,
        (event.speaker.name or event.speaker.text) if event.speaker else "",
        event.evidence.start,
        event.evidence.end,
        event.evidence.text,
        event.date_text or "",
        event.date_basis or "",
        event.date_value or "",
        (location.feature or "") if location else "",
        "" if event.dead is None else event.dead,
        "" if event.injured is None else event.injured,
    ]


def _gdelt_counts(event: Event) -> tuple[int, int, int]:
    """GDELT's NumMentions, NumSources, NumArticles: 1 each for an unfused event."""
    if isinstance(event, FusedEvent):
        return len(event.mentions), event.n_sources, event.n_articles
    return 1, 1, 1
