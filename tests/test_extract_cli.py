"""The ``crisiswire extract`` command: formats, stderr reasons, exit codes, parallel jobs."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from crisiswire.cli import app
from crisiswire.store.writers import EXTRA_COLUMNS, GDELT_COLUMNS

KEYS = {"id", "article_id", "event_type", "mode", "cameo", "goldstein", "quad", "actor",
        "recipient", "date", "date_text", "date_basis", "date_value", "location", "dead", "injured",
        "negated", "modality", "speaker", "evidence"}  # fmt: skip

STORY = (
    "Pakistani soldiers attacked Iranian border posts on Tuesday, officials said.\n\n"
    "Tehran accused Islamabad of harbouring militants and condemned the raid.\n"
)
OTHER_STORIES = [  # paragraphs of eight words or more: shorter lines read as page furniture
    "Iranian forces attacked militants in Balochistan early on Monday.\n\n"
    "Pakistan condemned Iran on Monday and recalled its ambassador.\n",
    "Jalil Abbas Jilani met Hossein Amir-Abdollahian in Davos.\n\n"
    "The two foreign ministers agreed to hold talks.\n",
]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def story(write):
    return str(write("story.txt", STORY))


def _events(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_jsonl_events_have_every_field(runner, story):
    result = runner.invoke(app, ["extract", story, "--date", "2024-01-17"])
    assert result.exit_code == 0, result.stderr
    events = _events(result.stdout)
    assert len(events) >= 2
    for event in events:
        assert event.keys() >= KEYS
        assert {"sentence", "start", "end", "text"} <= event["evidence"].keys()
        evidence = event["evidence"]
        assert STORY[evidence["start"] : evidence["end"]] == evidence["text"]
    assault = next(e for e in events if e["event_type"] == "ASSAULT")
    # "on Tuesday" in a Wednesday article: the day before; the rest has no date of its own
    assert (assault["date"], assault["date_text"], assault["date_basis"]) == (
        "2024-01-16",
        "Tuesday",
        "relative",
    )
    others = [e for e in events if e is not assault]
    assert others and all(
        (e["date"], e["date_basis"]) == ("2024-01-17", "publication-date") for e in others
    )
    assert [a["country"] for a in assault["actor"]] == ["PAK"]
    assert [r["country"] for r in assault["recipient"]] == ["IRN"]
    assert {e["article_id"] for e in events} == {events[0]["article_id"]}
    assert "1 read, 0 skipped" in result.stderr
    assert f"{len(events)} events" in result.stderr


def test_csv_format(runner, story):
    result = runner.invoke(app, ["extract", story, "--date", "2024-01-17", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == GDELT_COLUMNS + EXTRA_COLUMNS
    assert rows[0][:2] == ["GLOBALEVENTID", "SQLDATE"]
    body = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert body and {row["SQLDATE"] for row in body} == {"20240116", "20240117"}
    assert any(row["Actor1Code"] == "PAKMIL" for row in body)


def test_out_writes_a_file(runner, story, tmp_path):
    out = tmp_path / "out" / "events.jsonl"
    result = runner.invoke(app, ["extract", story, "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    events = _events(out.read_text(encoding="utf-8"))
    assert events and all(e.keys() >= KEYS for e in events)


def test_parquet_format_with_out(runner, story, tmp_path):
    out = tmp_path / "events.parquet"
    jsonl = runner.invoke(app, ["extract", story])
    result = runner.invoke(app, ["extract", story, "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    rows = pq.read_table(out).to_pylist()
    assert rows == _events(jsonl.stdout)


def test_parquet_without_out_is_a_usage_error(runner, story):
    result = runner.invoke(app, ["extract", story, "--format", "parquet"])
    assert result.exit_code == 2
    assert "--out" in result.stderr
    assert result.stdout == ""


def test_missing_input_reported_and_exit_1_when_nothing_read(runner, tmp_path):
    missing = str(tmp_path / "nowhere.txt")
    result = runner.invoke(app, ["extract", missing])
    assert result.exit_code == 1
    assert f"{missing}: skipped (not-found)" in result.stderr
    assert "0 read, 1 skipped, 0 events" in result.stderr
    assert result.stdout == ""


def test_bad_input_beside_a_good_one_is_reported_and_exit_0(runner, story, write):
    binary = str(write("blob.txt", b"\x00\x01\x02\x03 not text"))
    result = runner.invoke(app, ["extract", binary, story])
    assert result.exit_code == 0
    assert f"{binary}: skipped" in result.stderr
    assert "1 read, 1 skipped" in result.stderr
    assert _events(result.stdout)


def test_bad_date_is_a_usage_error(runner, story):
    result = runner.invoke(app, ["extract", story, "--date", "17/01/2024"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


@pytest.mark.slow
def test_two_jobs_give_the_same_events_as_one(runner, write, tmp_path):
    for n, text in enumerate([STORY, *OTHER_STORIES]):
        write(f"corpus/story{n}.txt", text)
    corpus = str(tmp_path / "corpus")
    one = runner.invoke(app, ["extract", corpus, "--date", "2024-01-17", "--jobs", "1"])
    two = runner.invoke(app, ["extract", corpus, "--date", "2024-01-17", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0, (one.stderr, two.stderr)
    events = _events(one.stdout)
    assert len({e["article_id"] for e in events}) == 3
    assert _events(two.stdout) == events
    assert "3 read, 0 skipped" in two.stderr
