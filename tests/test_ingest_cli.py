"""``crisiswire ingest``: stores once, skips what is stored, survives being killed midway."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiswire.cli import app
from crisiswire.store.db import Store

STORIES = [
    "Ardanian troops shelled a depot near Kelvar on Monday, officials in Belmora said.\n\n"
    "Belmora condemned the attack and recalled its ambassador from Ardania.\n",
    "The foreign ministers of Ardania and Belmora met in Geneva on Wednesday and agreed "
    "to hold further talks about the border.\n\n"
    "“We want calm on the river,” the Ardanian minister told reporters after the meeting.\n",
]


@pytest.fixture
def corpus(write) -> Path:
    for n, story in enumerate(STORIES):
        path = write(f"corpus/story{n}.txt", story)
    return path.parent


def test_ingest_then_ingest_again(corpus, tmp_path):
    runner = CliRunner()
    db = tmp_path / "crisis.duckdb"
    args = ["ingest", str(corpus), "--db", str(db), "--date", "2024-03-08"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert "2 read, 0 skipped, 0 already stored, 2 stored (0 copies of another)" in first.stderr
    with Store(db) as store:
        counts = store.counts()
        events = list(store.events())
    assert counts["articles"] == 2 and counts["events"] == len(events) > 0
    assert counts["sentences"] >= 4 and counts["quotes"] >= 1 and counts["places"] >= 1
    second = runner.invoke(app, args)
    assert second.exit_code == 0
    assert "2 read, 0 skipped, 2 already stored, 0 stored (0 copies of another), 0 events" in (
        second.stderr
    )
    with Store(db) as store:
        assert store.counts() == counts


def test_a_file_that_is_not_a_database_is_refused(corpus, tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("shopping list\n" * 200)
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(bad)])
    assert result.exit_code == 2 and "notes.duckdb" in result.stderr


@pytest.mark.slow
def test_killed_midway_then_rerun_gives_the_same_database(tmp_path):
    corpus = Path(__file__).resolve().parents[1] / "examples" / "iran-pakistan-2024"
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    command = [sys.executable, "-m", "crisiswire.cli", "ingest", str(corpus), "--db"]
    subprocess.run([*command, str(clean)], check=True, capture_output=True, timeout=300)
    process = subprocess.Popen(
        [*command, str(killed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    # Kill it once some articles are committed: DuckDB's write-ahead log grows with each
    # article's transaction (the file itself is locked to other readers while it runs).
    wal = Path(f"{killed}.wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 20_000):
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with Store(killed) as partial:
        stored = partial.counts()["articles"]
    assert 0 < stored < a_count(clean)  # really killed midway
    done = subprocess.run([*command, str(killed)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with Store(clean) as a, Store(killed) as b:
        assert a.counts() == b.counts()
        assert sorted(e.id for e in a.events()) == sorted(e.id for e in b.events())
        # the corpus's one syndicated article (its README says which) is found either way
        assert a.copies() == b.copies() == {"ccbb2ac078a71a03": "nsw-2024-0119-01"}


def a_count(path: Path) -> int:
    with Store(path) as store:
        return store.counts()["articles"]


def test_stories_are_listed(corpus, tmp_path):
    runner = CliRunner()
    db = tmp_path / "crisis.duckdb"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["stories", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.stderr
    stories = [json.loads(line) for line in result.stdout.splitlines()]
    assert sum(s["n_articles"] for s in stories) == 2
    assert all(s["n_sources"] <= s["n_articles"] for s in stories)
    table = runner.invoke(app, ["stories", "--db", str(db)])
    assert table.exit_code == 0 and "stories in" in table.stdout
    missing = runner.invoke(app, ["stories", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "run crisiswire ingest first" in missing.stderr


def test_stories_left_unfused_are_fused_before_an_export(corpus, tmp_path, cli):
    db = tmp_path / "crisis.duckdb"
    cli("ingest", str(corpus), "--db", str(db), "--date", "2024-03-08")
    fused = cli("export", "--db", str(db), "-f", "jsonl")
    assert fused
    with Store(db) as store:  # as if the ingest had been killed before fusing
        store.db.execute("DELETE FROM fused_events")
        store.db.execute("DELETE FROM fused_stories")
        assert store.stale_stories()
    assert cli("export", "--db", str(db), "-f", "jsonl") == fused
    with Store(db) as store:
        assert not store.stale_stories()
