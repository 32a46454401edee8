"""``crisiswire eval TRACK``: tables, --json on the last line, exit codes (fake coder: fast)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import crisiswire.eval.conflibert
import crisiswire.eval.petrarch
import crisiswire.eval.plover_synthetic
from crisiswire.eval.cli import eval_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eval"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch):
    """Every track codes with a coder that finds nothing, so no spaCy is loaded."""

    def factory(*args, **kwargs):
        return lambda texts, ref_date: ([] for _ in texts)

    for module in (
        crisiswire.eval.petrarch,
        crisiswire.eval.conflibert,
        crisiswire.eval.plover_synthetic,
    ):
        monkeypatch.setattr(module, "pipeline_coder", factory)


TRACKS = [
    (
        ["events", "--petrarch", str(FIXTURES / "petrarch_records.xml")],
        {"found", "missed", "extra", "root_match", "n_records", "n_expected"},
    ),
    (
        ["events", "--petrarch", str(FIXTURES / "petrarch_records.xml"), "--dictionaries",
         str(FIXTURES)],
        {"found", "missed", "extra", "root_match", "n_records", "n_expected"},
    ),
    (["quad", "--conflibert-class", str(FIXTURES / "conflibert_class.tsv")],
     {"accuracy", "macro_f1", "n"}),
    (["actors", "--conflibert-ner", str(FIXTURES / "conflibert_ner.txt")],
     {"source_f1", "target_f1", "n"}),
    (["plover", "--synthetic", str(FIXTURES / "plover_synthetic.csv.zip"), "--limit", "3"],
     {"accuracy", "macro_f1", "n"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "keys"), TRACKS, ids=lambda v: v[0] if isinstance(v, list) else ""
)
def test_json_is_one_object_on_the_last_line(runner, args, keys):
    result = runner.invoke(eval_app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[-1])
    assert keys <= set(data)
    for key in keys:
        value = data[key]
        assert isinstance(value, int | float)
        if isinstance(value, float):
            assert value == round(value, 4)


@pytest.mark.parametrize(
    ("args", "keys"), TRACKS, ids=lambda v: v[0] if isinstance(v, list) else ""
)
def test_readable_tables(runner, args, keys):
    result = runner.invoke(eval_app, args)
    assert result.exit_code == 0, result.output
    assert "{" not in result.stdout.splitlines()[-1]  # no JSON
    assert any(word in result.stdout for word in ("found", "accuracy", "precision"))


def test_plover_says_how_many_stories_were_scored(runner):
    args = ["plover", "--synthetic", str(FIXTURES / "plover_synthetic.csv"), "--limit", "3"]
    result = runner.invoke(eval_app, args)
    assert "scored first 3 stories" in result.stdout
    result = runner.invoke(eval_app, args[:3])
    assert "scored all 4 stories" in result.stdout


def test_plover_sample(runner):
    zipped = str(FIXTURES / "plover_synthetic.csv.zip")
    result = runner.invoke(eval_app, ["plover", "--synthetic", zipped, "--sample", "2"])
    assert result.exit_code == 0
    assert "2 (spread evenly over 4)" in result.stdout
    both = ["plover", "--synthetic", zipped, "--sample", "2", "--limit", "2"]
    assert runner.invoke(eval_app, both).exit_code == 2


def test_events_details_and_dictionary_hint(runner):
    records = str(FIXTURES / "petrarch_records.xml")
    result = runner.invoke(eval_app, ["events", "--petrarch", records, "--details"])
    assert result.exit_code == 0
    assert "DEMO-01" in result.stdout and "VAL MER 111" in result.stdout
    assert "--dictionaries" in result.stderr  # the suite names its own actor file
    assert "UD-PETRARCH" in result.stdout and "by category" in result.stdout


def test_quad_prints_a_confusion_matrix(runner):
    result = runner.invoke(
        eval_app, ["quad", "--conflibert-class", str(FIXTURES / "conflibert_class.tsv")]
    )
    assert "confusion" in result.stdout and "macro-F1" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["events", "--petrarch", "nowhere.xml"],
        ["quad", "--conflibert-class", "nowhere.tsv"],
        ["actors", "--conflibert-ner", "nowhere.txt"],
        ["plover", "--synthetic", "nowhere.zip"],
        ["events", "--petrarch", str(FIXTURES / "petrarch_records.xml"), "--dictionaries",
         "nowhere"],
    ],
)  # fmt: skip
def test_missing_input_exits_2(runner, args):
    result = runner.invoke(eval_app, args)
    assert result.exit_code == 2
    assert "nowhere" in result.output


def test_malformed_input_exits_2_with_the_file_named(runner, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("Mersland agreed.\t1\nValdoria protested.\tnine\n")
    result = runner.invoke(eval_app, ["quad", "--conflibert-class", str(bad)])
    assert result.exit_code == 2
    assert "bad.tsv:2" in result.stderr


def test_help_gives_an_example(runner):
    for track in ("events", "quad", "actors", "plover"):
        result = runner.invoke(eval_app, [track, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.stdout and f"crisiswire eval {track}" in result.stdout
