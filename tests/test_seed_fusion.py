"""The two reference articles ingested as two outlets: fusion, escalation and the report.

Read from ../shared/seeds at test time (skipped when absent), never copied here. Both are
read with ``--date 2024-01-19`` (the second page states no date of its own).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiswire.cli import app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory, seeds_dir) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    for seed, outlet in (("000", "Outlet A"), ("004", "Outlet B")):
        (file,) = seeds_dir.glob(f"{seed}_*.txt")
        args = ["ingest", str(file), "--db", str(path), "--date", "2024-01-19", "--source", outlet]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.stderr
    return path


def strikes(cli, db: Path, actor: str, target: str) -> list[dict]:
    events = [json.loads(x) for x in cli("export", "--db", str(db), "-f", "jsonl").splitlines()]
    return [
        e for e in events
        if e["event_type"] == "ASSAULT" and not e["negated"] and e["modality"] == "asserted"
        and actor in {a["country"] for a in e["actor"]}
        and target in {r["country"] for r in e["recipient"]}
    ]  # fmt: skip


def test_each_strike_is_one_fused_event_reported_by_both_outlets(cli, db):
    (iran,) = strikes(cli, db, "IRN", "PAK")
    assert iran["n_sources"] == 2 and iran["date"] == "2024-01-16"
    assert {m["source"] for m in iran["mentions"]} == {"Outlet A", "Outlet B"}
    assert iran["location"]["name"] == "Panjgur"
    (pakistan,) = strikes(cli, db, "PAK", "IRN")
    assert pakistan["n_sources"] == 2
    # one article dates it only by the paper's date (19 Jan); the other says "on Thursday"
    assert pakistan["date"] == "2024-01-18"
    assert not [d for d in pakistan["disagreements"] if d["field"] == "date"]


def test_the_casualty_figures_are_single_source(cli, db):
    (iran,) = strikes(cli, db, "IRN", "PAK")
    assert (iran["dead"], iran["injured"]) == (2, 3)
    facts = {(f["field"], f["value"]): f["source"] for f in iran["single_source"]}
    assert facts[("dead", 2)] == facts[("injured", 3)]
    assert facts[("dead", 2)] in {"Outlet A", "Outlet B"}


def test_the_index_is_lowest_16_to_18_january_and_turns_up_on_the_19th(cli, db):
    days = json.loads(cli("escalation", "--db", str(db), "--dyad", "PAK-IRN", "--json"))
    index = {d["date"]: d["index"] for d in days}
    lowest = min(index, key=index.get)
    assert "2024-01-16" <= lowest <= "2024-01-18"
    assert index["2024-01-19"] > index["2024-01-18"]
    assert index["2024-01-19"] == max(index.values())
    table = cli("escalation", "--db", str(db), "--dyad", "PAK-IRN")
    assert re.search(r"2024-01-19 .* upturn", table)


def test_the_report_cites_both_seeds(cli, db):
    md = cli("report", "--db", str(db), "--format", "md")
    assert "**Outlet A**" in md and "**Outlet B**" in md
    assert "## Where sources differ" in md
