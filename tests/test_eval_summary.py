"""``crisiswire eval summary``: the NeuS reader, ROUGE of ours and TextRank, the command
(a fixture of our own invented stories written in tmp_path; the real set only when slow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiswire.cli import app
from crisiswire.eval.common import EvalDataError
from crisiswire.eval.neus import read_neus, score_neus, story_candidates

REPO_ROOT = Path(__file__).resolve().parents[1]
NEUS = REPO_ROOT / ".." / "shared" / "data" / "summaries" / "neus-allsides-val" / "val"

SOURCE = [
    # No-break spaces, a tab and a double space, as real files have.
    "TITLE=> Ardania sends troops over the Kelvar. ARTICLE=> Ardanian troops crossed the "
    "Kelvar river into Belmora on Monday, Belmora's defence ministry said. Belmora recalled "
    "its ambassador. [SEP] TITLE=> Border crisis deepens ARTICLE=>\u00a0Ardanian soldiers "
    "crossed the Kelvar river into Belmoran territory on Monday.\tTalks planned for Friday "
    "are in doubt. [SEP] TITLE=> Belmora cries foul  ARTICLE=> Belmora says Ardania's army "
    "entered its territory. Mr. Varo, the Belmoran minister, called it an invasion.",
    # One outlet with a headline only.
    "TITLE=> Corvia offers to mediate ARTICLE=> Corvia offered on Tuesday to mediate between "
    "Ardania and Belmora. [SEP] TITLE=> Mediator steps in ARTICLE=>  [SEP] TITLE=> Corvian "
    "envoy heads to Kelvar ARTICLE=> A Corvian envoy will travel to Kelvar on Jan. 16 to "
    "meet both sides. The talks are the first since 2.5 years of calm ended.",
]
TARGET = [
    "TITLE=> Ardanian Troops Cross Into Belmora ARTICLE=> Ardanian troops crossed the Kelvar "
    "river into Belmora on Monday, and Belmora recalled its ambassador. Talks planned for "
    "Friday are in doubt.",
    "TITLE=> Corvia Offers Mediation ARTICLE=> Corvia offered on Tuesday to mediate between "
    "Ardania and Belmora; its envoy will travel to Kelvar on Jan. 16.",
]


@pytest.fixture
def prefix(tmp_path: Path) -> Path:
    base = tmp_path / "dev"
    (tmp_path / "dev.source").write_text("\n".join(SOURCE) + "\n", encoding="utf-8")
    (tmp_path / "dev.target").write_text("\n".join(TARGET) + "\n", encoding="utf-8")
    return base


@pytest.fixture
def runner():
    return CliRunner()


# --------------------------------------------------------------------------- reading


def test_reader_splits_segments_and_collapses_white_space(prefix):
    first, second = read_neus(prefix)
    assert first.line == 1 and len(first.segments) == 3
    assert first.segments[1].title == "Border crisis deepens"
    assert first.segments[1].article.startswith("Ardanian soldiers crossed")
    assert "\t" not in first.segments[1].article and "  " not in first.segments[2].title
    assert first.target.title == "Ardanian Troops Cross Into Belmora"
    assert first.target.article.endswith("Talks planned for Friday are in doubt.")
    assert second.segments[1].article == ""


def test_candidates_are_lead_sentences_headlines_optional(prefix):
    _, story = read_neus(prefix)
    plain = story_candidates(story)
    assert [(c.article_id, c.index) for c in plain] == [("1", 0), ("3", 0), ("3", 1)]
    assert plain[1].text == "A Corvian envoy will travel to Kelvar on Jan. 16 to meet both sides."
    segment = story.segments[2].article
    assert all(segment[c.start : c.end] == c.text for c in plain[1:])
    titled = story_candidates(story, titles=True)
    assert [(c.article_id, c.index) for c in titled][:3] == [("1", 0), ("1", 1), ("2", 0)]
    assert titled[2].text == "Mediator steps in"


def test_prefix_may_name_the_source_file(prefix):
    assert read_neus(prefix.with_name("dev.source")) == read_neus(prefix)


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        (SOURCE, TARGET[:1], "2 stories but"),
        (["TITLE=> no article marker here", SOURCE[1]], TARGET, "segment 1"),
        (["", SOURCE[1]], TARGET, "1: empty story"),
        ([], [], "no stories"),
    ],
)
def test_malformed_files_raise(tmp_path, source, target, message):
    (tmp_path / "bad.source").write_text("\n".join(source), encoding="utf-8")
    (tmp_path / "bad.target").write_text("\n".join(target), encoding="utf-8")
    with pytest.raises(EvalDataError, match=message):
        read_neus(tmp_path / "bad")


def test_a_missing_file_raises(tmp_path, prefix):
    with pytest.raises(EvalDataError, match="no such file"):
        read_neus(tmp_path / "nothing")
    prefix.with_name("dev.target").unlink()
    with pytest.raises(EvalDataError, match=r"dev\.target"):
        read_neus(prefix)


# --------------------------------------------------------------------------- scoring


def test_scores_are_in_range_with_the_textrank_baseline(prefix):
    seen = []
    result = score_neus(prefix, progress=seen.append, on_start=seen.append)
    assert seen == [2, 1, 1]
    assert result["stories"] == 2
    assert set(result["textrank"]) == {"rouge1", "rouge2", "rougeL"}
    for scores in (result, result["textrank"]):
        for measure in ("rouge1", "rouge2", "rougeL"):
            assert 0.0 <= scores[measure] <= 1.0
    assert result["rouge1"] > 0.3  # the leads overlap the summaries a good deal
    assert result["max_words"] == 60 and result["words"] <= 60
    assert score_neus(prefix, limit=1)["stories"] == 1


def test_the_budget_applies_to_both_systems(prefix):
    result = score_neus(prefix, max_words=12, max_sentences=1)
    assert result["words"] <= 19 and result["textrank_words"] <= 19  # longest lead: 19
    assert result["max_sentences"] == 1


def test_a_summariser_can_be_swapped_in(prefix):
    def first_sentence(candidates, max_sentences, max_words):
        return list(candidates[:1])

    result = score_neus(prefix, systems={"first": first_sentence})
    assert "textrank" not in result and result["stories"] == 2


# --------------------------------------------------------------------------- command


def test_json_is_one_object_on_the_last_line(runner, prefix):
    result = runner.invoke(app, ["eval", "summary", "--neus", str(prefix), "--json"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[-1])
    assert {"rouge1", "rouge2", "rougeL", "textrank", "stories"} <= set(data)
    assert set(data["textrank"]) == {"rouge1", "rouge2", "rougeL"}
    for value in (data["rouge1"], data["rouge2"], data["rougeL"], *data["textrank"].values()):
        assert 0.0 <= value <= 1.0 and value == round(value, 4)


def test_table_shows_both_systems(runner, prefix):
    result = runner.invoke(app, ["eval", "summary", "--neus", str(prefix), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "TextRank" in result.stdout and "rouge2" in result.stdout
    assert "1 stories" in result.stdout


def test_missing_files_exit_with_code_2(runner, tmp_path):
    result = runner.invoke(app, ["eval", "summary", "--neus", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


@pytest.mark.slow
def test_scores_on_the_neus_dev_set():
    if not NEUS.with_suffix(".source").is_file():
        pytest.skip(f"{NEUS}.source not found: real-data tests need ../shared/data beside the repo")
    result = score_neus(NEUS)
    assert result["stories"] == 307
    assert result["rouge1"] > 0.3 and result["rouge2"] > 0.1 and result["rougeL"] > 0.2
    assert result["textrank"]["rouge1"] > 0.3
    assert result["words"] <= 60
    assert result["seconds"] < 120
