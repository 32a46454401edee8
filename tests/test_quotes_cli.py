"""The ``crisiswire quotes`` command: one JSON quote a line, speakers by name, exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from crisiswire.cli import app

STORY = (
    "Ardania's foreign minister Lena Varo said on Monday that the border crossing at Kelvar "
    "would stay closed until the talks resumed.\n\n"
    "“We will not be rushed into a bad agreement,” Varo told reporters in the capital. "
    "“Our patience is not endless,” she added.\n\n"
    "According to a statement issued by the Belmoran interior ministry, the crossing was "
    "closed after smugglers fired at a patrol.\n"
)


@pytest.fixture
def runner():
    return CliRunner()


def test_quotes_are_printed_with_speakers_and_offsets(runner, write):
    path = write("story.txt", STORY)
    result = runner.invoke(app, ["quotes", str(path), "--date", "2024-03-04"])
    assert result.exit_code == 0, result.stderr
    quotes = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"speaker", "text", "direct", "cue", "start", "end", "article_id"} <= quotes[0].keys()
    direct = [q for q in quotes if q["direct"]]
    assert [(q["text"], q["cue"], q["speaker"]["text"]) for q in direct] == [
        ("We will not be rushed into a bad agreement", "told", "Varo"),
        ("Our patience is not endless", "added", "she"),
    ]
    reported = next(q for q in quotes if not q["direct"] and q["cue"] == "said")
    assert reported["text"].startswith("the border crossing at Kelvar would stay closed")
    assert reported["speaker"]["text"] == "Ardania's foreign minister Lena Varo"
    # "she added": the floor stays with the minister (a government official)
    assert direct[1]["speaker"]["sector"] == reported["speaker"]["sector"] == "GOV"
    according = next(q for q in quotes if q["cue"] == "According to")
    assert according["speaker"]["text"] == "the Belmoran interior ministry"
    assert according["text"] == "the crossing was closed after smugglers fired at a patrol"
    text = STORY  # the file is read as written: offsets point into the article text
    for quote in quotes:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    assert f"1 read, 0 skipped, {len(quotes)} quotes" in result.stderr


def test_no_readable_input_exits_1(runner, write):
    path = write("empty.txt", "")
    result = runner.invoke(app, ["quotes", str(path)])
    assert result.exit_code == 1
    assert "skipped (empty)" in result.stderr
    assert "0 read, 1 skipped, 0 quotes" in result.stderr
