"""The ``crisiswire articles`` command: output formats, stderr reasons, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from crisiswire import Article, read_articles
from crisiswire.cli import app

FIELDS = {"id", "hash", "source", "url", "title", "byline", "published", "published_basis",
          "language", "highlights", "captions", "paragraphs", "text"}  # fmt: skip


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def page(fixtures_dir):
    return str(fixtures_dir / "page_dump.txt")


@pytest.fixture
def jsonl(fixtures_dir):
    return str(fixtures_dir / "records.jsonl")


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_jsonl_output_is_one_article_object_per_line(runner, page, jsonl):
    result = runner.invoke(app, ["articles", page, jsonl])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in _lines(result.stdout)]
    assert len(records) == 4
    for record in records:
        assert set(record) >= FIELDS
        assert [record["text"][p["start"] : p["end"]] for p in record["paragraphs"]] == (
            record["text"].split("\n\n")
        )
        Article.from_dict(record)  # the dict is exactly an Article
    first = records[0]
    assert first["title"] == "Ardania closes Kelvar bridge after clash with Belmoran border guards"
    assert first["source"] == "The Harbour Gazette"
    assert first["byline"] == "Mira Castellan"
    assert first["highlights"] == [
        "Dozens of lorries wait on both banks of the river",
        "Foreign ministers expected to speak by phone",
    ]
    assert len(first["captions"]) == 1
    assert [r["id"] for r in records[1:]] == ["atl-0001", records[2]["hash"][:16], "4217"]


def test_stderr_has_one_line_per_skipped_input_then_the_summary(runner, page, jsonl, tmp_path):
    missing = str(tmp_path / "gone.txt")
    result = runner.invoke(app, ["articles", page, jsonl, missing])
    assert result.exit_code == 0
    lines = _lines(result.stderr)
    assert len(lines) == 3
    assert lines[0].startswith(f"{jsonl}:3: skipped (malformed): malformed JSON")
    assert lines[1:] == [
        f"{missing}: skipped (not-found): no such file or directory",
        "4 read, 2 skipped",
    ]
    assert "skipped" not in result.stdout


def test_text_format_is_readable(runner, page):
    result = runner.invoke(app, ["articles", page, "--format", "text"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("═" * 78 + "\nArdania closes Kelvar bridge after clash")
    assert "source The Harbour Gazette" in out
    assert "published ? (unknown)" in out
    assert "by Mira Castellan" in out
    assert f"from {page}" in out
    assert "  • Dozens of lorries wait on both banks of the river" in out
    assert "  [caption] Ardanian soldiers stand on the closed Kelvar bridge" in out
    assert "[1] (0–" in out and "[4] (" in out
    assert "{" not in out
    assert _lines(result.stderr) == ["1 read, 0 skipped"]


def test_date_and_source_options_fill_in_missing_metadata(runner, write, story):
    path = write("bare.txt", story)
    result = runner.invoke(
        app, ["articles", str(path), "--date", "2024-03-05", "--source", "Analyst Desk"]
    )
    assert result.exit_code == 0
    (record,) = [json.loads(line) for line in _lines(result.stdout)]
    assert (record["published"], record["published_basis"]) == ("2024-03-05", "given")
    assert record["source"] == "Analyst Desk"


def test_out_writes_the_file_instead_of_stdout(runner, page, tmp_path):
    target = tmp_path / "out" / "articles.jsonl"
    result = runner.invoke(app, ["articles", page, "--out", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    (record,) = [json.loads(line) for line in _lines(target.read_text(encoding="utf-8"))]
    assert record["source"] == "The Harbour Gazette"
    assert _lines(result.stderr) == ["1 read, 0 skipped"]


def test_dash_reads_standard_input(runner, story):
    result = runner.invoke(app, ["articles", "-"], input=story)
    assert result.exit_code == 0
    (record,) = [json.loads(line) for line in _lines(result.stdout)]
    assert record["origin"] == "<stdin>"
    assert record["text"] == story


def test_exit_code_is_1_when_nothing_is_read(runner, write, tmp_path):
    empty = write("empty.txt", b"")
    result = runner.invoke(app, ["articles", str(empty), str(tmp_path / "gone.txt")])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = _lines(result.stderr)
    assert lines[0] == f"{empty}: skipped (empty): no text in input"
    assert lines[-1] == "0 read, 2 skipped"


@pytest.mark.parametrize(
    "args",
    [
        ["--date", "2024-13-01"],
        ["--date", "yesterday"],
        ["--format", "xml"],
    ],
    ids=["impossible-date", "word-date", "unknown-format"],
)
def test_usage_errors_exit_2(runner, page, args):
    result = runner.invoke(app, ["articles", page, *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "read," not in result.stderr  # nothing was read
    assert args[1] in result.stderr


def test_missing_path_argument_is_a_usage_error(runner):
    result = runner.invoke(app, ["articles"])
    assert result.exit_code == 2


def test_subprocess_separates_stdout_and_stderr(page, jsonl, tmp_path):
    missing = str(tmp_path / "gone.txt")
    done = subprocess.run(
        [sys.executable, "-m", "crisiswire.cli", "articles", page, jsonl, missing],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    stdout = done.stdout.decode("utf-8")
    stderr = done.stderr.decode("utf-8")
    records = [json.loads(line) for line in stdout.splitlines()]
    assert len(records) == 4
    err_lines = stderr.splitlines()
    assert len(err_lines) == 3
    assert err_lines[0].startswith(f"{jsonl}:3: skipped (malformed): ")
    assert err_lines[1] == f"{missing}: skipped (not-found): no such file or directory"
    assert err_lines[2] == "4 read, 2 skipped"
    # Ids and hashes computed in another process are the same as in this one.
    here = [a for a in read_articles([page, jsonl]) if isinstance(a, Article)]
    assert [(r["id"], r["hash"]) for r in records] == [(a.id, a.hash) for a in here]


def test_a_broken_knowledge_file_is_reported_without_a_traceback(monkeypatch, capsys):
    import crisiswire.cli as cli
    from crisiswire.data import DataFileError

    def broken() -> None:
        raise DataFileError("stories/fusion.yaml:31: expected a mapping")

    monkeypatch.setattr(cli, "app", broken)
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 2
    assert "error: stories/fusion.yaml:31" in capsys.readouterr().err
