"""`EventWriter`: JSON Lines, GDELT-style CSV and Parquet from hand-built `Event` records."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from crisiswire.model import ActorRef, Event, Evidence, Location
from crisiswire.store.writers import EXTRA_COLUMNS, GDELT_COLUMNS, EventWriter, gdelt_row

SENTENCE = 'Ardanian troops shelled a depot near Kelvar, "without pause", officials said.'


def _assault() -> Event:
    return Event(
        id="a1b2c3d4e5f60718",
        article_id="0011223344556677",
        event_type="ASSAULT",
        mode="explosives",
        cameo="194",
        goldstein=-10.0,
        quad=4,
        actor=[ActorRef("Ardanian troops", "Ardania", "ARD", "MIL", 0, 15)],
        recipient=[ActorRef("Belmoran guards", "Belmora", "BLM", "COP", 40, 55)],
        evidence=Evidence(2, 120, 120 + len(SENTENCE), SENTENCE),
        trigger="shelled",
        date="2024-01-17",
        date_text="on Wednesday",
        date_basis="publication-date",
        location=Location("Kelvar", "BLM", "North Province", 41.5, 19.25, 123456),
        dead=2,
        injured=5,
        negated=False,
        modality="asserted",
        speaker=ActorRef("officials", None, "BLM", "GOV", 180, 189),
    )


def _talks() -> Event:
    """An undated event with stateless, uncoded and missing actors."""
    return Event(
        id="ffeeddccbbaa9988",
        article_id="0011223344556677",
        event_type="CONSULT",
        mode=None,
        cameo="040",
        goldstein=1.0,
        quad=1,
        actor=[ActorRef("the rebels", None, None, "REB", 0, 10), ActorRef("a think tank")],
        recipient=[],
        evidence=Evidence(0, 0, 30, "The rebels and a think tank met."),
        negated=True,
        modality="hypothetical",
    )


@pytest.fixture
def events() -> list[Event]:
    return [_assault(), _talks()]


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_one_object_per_event_round_trips(events):
    stream = io.StringIO()
    writer = EventWriter(stream, "jsonl")
    writer.write_all(events)
    writer.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert [json.loads(line) for line in lines] == [e.to_dict() for e in events]


def test_jsonl_keeps_non_ascii_text():
    event = _assault()
    event.evidence.text = "Les troupes ardaniennes ont bombardé “le dépôt”."
    stream = io.StringIO()
    EventWriter(stream, "jsonl").write(event)
    assert "bombardé “le dépôt”" in stream.getvalue()


# --------------------------------------------------------------------------- CSV


def _csv_rows(events, url=None) -> list[dict[str, str]]:
    stream = io.StringIO()
    writer = EventWriter(stream, "csv")
    writer.write_all(events, url)
    writer.close()
    stream.seek(0)
    reader = csv.reader(stream)
    header = next(reader)
    assert header == GDELT_COLUMNS + EXTRA_COLUMNS
    rows = list(reader)
    assert all(len(row) == len(header) for row in rows)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_csv_header_follows_gdelt(events):
    stream = io.StringIO()
    EventWriter(stream, "csv").close()
    header = stream.getvalue().splitlines()[0].split(",")
    assert header[:5] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    assert header[len(GDELT_COLUMNS) - 1] == "SOURCEURL"
    assert header[len(GDELT_COLUMNS) :] == EXTRA_COLUMNS
    assert len(GDELT_COLUMNS) == 61


def test_csv_row_for_a_dated_located_event(events):
    row = _csv_rows(events, url="https://news.example/story")[0]
    assert row["GLOBALEVENTID"] == row["crisiswire_id"] == "a1b2c3d4e5f60718"
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20240117", "202401", "2024")
    assert row["FractionDate"] == "2024.0466"  # day 17 of 365
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"]) == (
        "ARDMIL",
        "ARDANIA",
        "ARD",
    )
    assert row["Actor1Type1Code"] == "MIL"
    assert (row["Actor2Code"], row["Actor2CountryCode"], row["Actor2Type1Code"]) == (
        "BLMCOP",
        "BLM",
        "COP",
    )
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("194", "194", "19")
    assert (row["QuadClass"], float(row["GoldsteinScale"])) == ("4", -10.0)
    assert row["ActionGeo_FullName"] == "Kelvar"
    assert row["ActionGeo_CountryCode"] == "BLM"
    assert row["ActionGeo_ADM1Code"] == "North Province"
    assert (float(row["ActionGeo_Lat"]), float(row["ActionGeo_Long"])) == (41.5, 19.25)
    assert row["ActionGeo_FeatureID"] == "123456"
    assert row["DATEADDED"] == "20240117"
    assert row["SOURCEURL"] == "https://news.example/story"
    assert (row["plover_type"], row["plover_mode"], row["modality"]) == (
        "ASSAULT",
        "explosives",
        "asserted",
    )
    assert row["speaker"] == "officials"  # no name: the words
    assert (row["evidence_start"], row["evidence_end"]) == ("120", str(120 + len(SENTENCE)))
    assert row["evidence_text"] == SENTENCE  # commas and quotes survive


def test_csv_row_for_an_undated_event_without_recipient(events):
    row = _csv_rows(events)[1]
    assert row["SQLDATE"] == row["Year"] == row["FractionDate"] == ""
    assert row["Actor1Code"] == "---REB"  # stateless
    assert row["Actor1Name"] == "THE REBELS"
    assert row["Actor2Code"] == row["Actor2Name"] == ""
    assert row["ActionGeo_Type"] == "0" and row["ActionGeo_FullName"] == ""
    assert row["SOURCEURL"] == ""
    assert (row["negated"], row["modality"], row["speaker"]) == ("True", "hypothetical", "")
    assert row["plover_mode"] == ""


def test_gdelt_row_matches_the_columns(events):
    for event in events:
        assert len(gdelt_row(event)) == len(GDELT_COLUMNS) + len(EXTRA_COLUMNS)


# --------------------------------------------------------------------------- Parquet


def test_parquet_round_trips(tmp_path, events):
    path = tmp_path / "events.parquet"
    writer = EventWriter(None, "parquet", path)
    writer.write_all(events)
    writer.close()
    table = pq.read_table(path)
    assert table.num_rows == 2
    assert table.column_names[:3] == ["id", "article_id", "event_type"]
    assert table.to_pylist() == [e.to_dict() for e in events]


def test_parquet_many_events_are_flushed_in_batches(tmp_path):
    path = tmp_path / "many.parquet"
    writer = EventWriter(None, "parquet", path)
    for n in range(2500):
        event = _talks()
        event.id = f"{n:016x}"
        writer.write(event)
    writer.close()
    file = pq.ParquetFile(path)
    assert file.metadata.num_rows == 2500
    assert file.metadata.num_row_groups >= 2
    assert pq.read_table(path).column("id").to_pylist()[-1] == f"{2499:016x}"


def test_parquet_without_events_is_a_valid_empty_file(tmp_path):
    path = tmp_path / "empty.parquet"
    EventWriter(None, "parquet", path).close()
    table = pq.read_table(path)
    assert table.num_rows == 0
    assert "evidence" in table.column_names and "speaker" in table.column_names


def test_parquet_needs_a_path():
    with pytest.raises(ValueError, match="--out"):
        EventWriter(None, "parquet")
