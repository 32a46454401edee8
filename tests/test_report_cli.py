"""export, escalation and report on our example corpus, run as ``make demo`` runs them.

The corpus (examples/iran-pakistan-2024, written by us) has deliberate disagreements that
its README lists: Gulf Meridian gives three children killed in Panjgur where the others say
two, Plateau Post "at least seven" dead from Pakistan's strike where the others say nine.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from crisiswire.cli import app
from crisiswire.store.db import Store

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
SECTIONS = ("summary", "timeline", "escalation", "map", "network", "quotes", "corroboration",
            "differences", "sources")  # fmt: skip
VOID = {"meta", "br", "img", "hr", "link", "input", "wbr", "col", "area", "base", "source"}


def demo_commands(demo_dir: Path) -> list[list[str]]:
    """The crisiswire commands ``make demo`` runs (read from ``make -n demo``), writing
    into `demo_dir` instead of build/demo."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    listing = subprocess.run(
        ["make", "-n", "demo"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    commands = []
    for line in listing.splitlines():
        words = shlex.split(line)
        if words and words[0].endswith("/crisiswire"):
            commands.append([w.replace("build/demo", str(demo_dir)) for w in words[1:]])
    return commands


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """What ``make demo`` ingests and reports, run with its own commands (less the
    extract and quotes steps, tested elsewhere); the folder holding its outputs."""
    folder = tmp_path_factory.mktemp("demo")
    commands = demo_commands(folder)
    assert [c[0] for c in commands if c[0] in ("ingest", "report")] == ["ingest", "report",
                                                                          "report"]  # fmt: skip
    for args in commands:
        if args[0] in ("articles", "extract", "quotes"):
            continue
        result = CliRunner().invoke(app, args, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.stderr)
    return folder


@pytest.fixture(scope="module")
def db(demo) -> Path:
    return demo / "crisiswire.duckdb"


def fused_jsonl(cli, db: Path) -> list[dict]:
    return [json.loads(line) for line in cli("export", "--db", str(db), "-f", "jsonl").splitlines()]


def strike(events: list[dict], actor: str, target: str, day: str) -> dict:
    found = [
        e for e in events
        if e["event_type"] == "ASSAULT" and e["date"] == day and not e["negated"]
        and actor in {a["country"] for a in e["actor"]}
        and target in {r["country"] for r in e["recipient"]}
    ]  # fmt: skip
    assert found, f"no fused strike {actor} -> {target} on {day}"
    return max(found, key=lambda e: e["n_sources"])


def test_the_strikes_are_corroborated_and_their_tolls_disputed(cli, db):
    events = fused_jsonl(cli, db)
    iran = strike(events, "IRN", "PAK", "2024-01-16")
    assert iran["n_sources"] >= 4 and iran["n_articles"] >= iran["n_sources"]
    assert iran["location"]["name"] == "Panjgur" and iran["dead"] == 2
    dead = next(d for d in iran["disagreements"] if d["field"] == "dead")
    values = {v["value"]: v["sources"] for v in dead["values"]}
    assert values[3] == ["Gulf Meridian"] and len(values[2]) >= 2
    pakistan = strike(events, "PAK", "IRN", "2024-01-18")
    assert pakistan["n_sources"] >= 3 and pakistan["dead"] == 9
    dead = next(d for d in pakistan["disagreements"] if d["field"] == "dead")
    assert {v["value"]: v["sources"] for v in dead["values"]}[7] == ["Plateau Post"]
    # every mention points back to its article's words
    with Store(db) as store:
        texts = {a.id: a.text for a in store.articles()}
    for event in events:
        ev = event["evidence"]  # the fused record's own evidence is in its own article
        assert texts[event["article_id"]][ev["start"] : ev["end"]] == ev["text"]
        for m in event["mentions"]:
            ev = m["evidence"]
            assert texts[m["article_id"]][ev["start"] : ev["end"]] == ev["text"]


def test_the_syndicated_copy_is_never_an_independent_source(cli, db):
    with Store(db) as store:
        source = {a.id: a.source for a in store.articles()}
    copied = 0
    for event in fused_jsonl(cli, db):
        outlets = {source[m["copy_of"] or m["article_id"]] for m in event["mentions"]}
        assert event["n_sources"] == len(outlets)
        copied += any(m["copy_of"] for m in event["mentions"])
    assert copied  # the corpus's syndicated article does report fused events


def test_export_writes_csv_and_parquet_with_the_fusion_columns(cli, db, tmp_path):
    rows = list(csv.DictReader(io.StringIO(cli("export", "--db", str(db), "-f", "csv"))))
    events = fused_jsonl(cli, db)
    assert len(rows) == len(events)
    first = rows[0]
    assert {"GLOBALEVENTID", "NumSources", "NumArticles", "n_sources", "mentions",
            "disagreements", "single_source"} <= set(first)  # fmt: skip
    by_id = {e["id"]: e for e in events}
    for row in rows:
        event = by_id[row["GLOBALEVENTID"]]
        assert int(row["NumSources"]) == event["n_sources"]
        assert int(row["NumMentions"]) == len(event["mentions"])
        assert json.loads(row["disagreements"]) == event["disagreements"]
    out = tmp_path / "fused.parquet"
    cli("export", "--db", str(db), "-f", "parquet", "--out", str(out))
    table = pq.read_table(out)
    assert table.num_rows == len(events)
    assert {"mentions", "n_sources", "disagreements"} <= set(table.column_names)


def test_escalation_json_and_table(cli, db):
    days = json.loads(cli("escalation", "--db", str(db), "--dyad", "PAK-IRN", "--json"))
    assert days and set(days[0]) == {"date", "index", "events", "score"}
    dates = [d["date"] for d in days]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    lowest = min(days, key=lambda d: d["index"])["date"]
    assert "2024-01-16" <= lowest <= "2024-01-18"
    table = cli("escalation", "--db", str(db), "--dyad", "IRN-PAK")
    assert "Escalation index IRN–PAK" in table


def test_bad_arguments_exit_2(db, tmp_path):
    runner = CliRunner()
    assert runner.invoke(app, ["escalation", "--db", str(db), "--dyad", "PAKISTAN"]).exit_code == 2
    missing = ["report", "--db", str(tmp_path / "none.duckdb")]
    result = runner.invoke(app, missing)
    assert result.exit_code == 2 and "no such database" in result.stderr
    result = runner.invoke(app, ["report", "--db", str(db), "--story", "nope"])
    assert result.exit_code == 2 and "no story" in result.stderr
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "parquet"])
    assert result.exit_code == 2


class _Page(HTMLParser):
    """Checks that every element is closed in order, and collects ids and links."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.sources: dict[str, str] = {}
        self.fetches: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])  # type: ignore[arg-type]
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])  # type: ignore[index]
        if a.get("data-article-id"):
            self.sources[a["id"]] = a["data-article-id"]  # type: ignore[index]
        if tag in ("script", "link", "img", "iframe") or (a.get("src") or "").startswith("http"):
            self.fetches.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def test_the_demo_html_report_is_whole_self_contained_and_cited(demo, db):
    html = (demo / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    page = _Page()
    page.feed(html)
    page.close()
    assert page.errors == [] and page.stack == []
    assert page.fetches == []  # no script, style sheet, image or frame fetched
    assert set(SECTIONS) <= page.ids
    for cls in ("escalation-chart", "event-map", "actor-network"):
        svgs = re.findall(rf'<svg[^>]*class="chart {cls}".*?</svg>', html, re.S)
        assert svgs, cls
        for svg in svgs:
            ET.fromstring(svg)  # each chart is well-formed XML
    # every citation resolves to a listed source, and every source is an ingested article
    assert page.links and all(link in page.ids for link in page.links)
    with Store(db) as store:
        stored = {a.id for a in store.articles()}
    cited = {page.sources[link] for link in page.links if link.startswith("src-")}
    assert cited and cited <= stored
    assert set(page.sources.values()) == stored  # the whole database: every article listed
    assert "Gulf Meridian: 3" in html  # the disputed toll is shown with its outlet


def test_the_demo_markdown_twin_has_every_section(demo):
    md = (demo / "report.md").read_text(encoding="utf-8")
    for heading in ("## Summary", "## Timeline of events", "## Escalation",
                    "## Map of event places", "## Actor network", "## Key quotes",
                    "## Corroboration", "## Where sources differ", "## Sources"):  # fmt: skip
        assert heading in md
    assert md.count("data:image/svg+xml;base64,") >= 3
    speakers = re.findall(r"^> — ([^,\n]+)", md, re.M)
    assert speakers and not {s.lower() for s in speakers} & {"he", "she", "it", "they"}
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", md)}
    listed = {int(n) for n in re.findall(r"^(\d+)\. <a id=\"src-", md, re.M)}
    assert numbers and numbers <= listed


def test_a_story_report_covers_that_story_only(cli, db):
    with Store(db) as store:
        story = store.stories()[-1]
    md = cli("report", "--db", str(db), "--story", story["story_id"], "--format", "md")
    listed = re.findall(r"\(article `([^`]+)`", md)
    assert sorted(listed) == sorted(story["article_ids"])


def test_one_process_gives_the_fused_events_of_every_core(cli, db, examples_dir, tmp_path):
    single = tmp_path / "single.duckdb"
    cli("ingest", str(examples_dir), "--db", str(single), "--jobs", "1")  # make demo: --jobs 0
    assert cli("export", "--db", str(single), "-f", "jsonl") == cli(
        "export", "--db", str(db), "-f", "jsonl"
    )
