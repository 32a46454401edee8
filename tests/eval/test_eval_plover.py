"""NGEC synthetic PLOVER track: streaming reader (zip or CSV), story label, scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisiswire.eval.common import EvalDataError
from crisiswire.eval.plover_synthetic import (
    NONE,
    count_stories,
    iter_stories,
    score_plover,
    spread,
    story_label,
)
from crisiswire.model import Event, Evidence

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "eval"
ZIP = FIXTURES / "plover_synthetic.csv.zip"
CSV = FIXTURES / "plover_synthetic.csv"
REAL = (
    REPO_ROOT
    / ".."
    / "shared"
    / "data"
    / "events"
    / "ngec-synthetic-plover"
    / "gpt_synthetic_events_2023-10-19_19.csv.zip"
)


def event(event_type: str, negated: bool = False) -> Event:
    return Event(
        id="e",
        article_id="a",
        event_type=event_type,
        mode=None,
        cameo="010",
        goldstein=0.0,
        quad=1,
        actor=[],
        recipient=[],
        evidence=Evidence(0, 0, 1, "x"),
        negated=negated,
    )


def test_zip_and_csv_give_the_same_stories():
    from_zip = list(iter_stories(ZIP))
    assert from_zip == list(iter_stories(CSV))
    assert [s.label for s in from_zip] == ["ASSAULT", "PROTEST", "AGREE", "AID"]
    assert from_zip[0].mode == "AERIAL" and from_zip[2].mode == ""
    # the title column is a template: the filled headline is the prompt's first line
    assert from_zip[0].headline == "Valdoria Troops Shell Mersland Border Villages"
    assert from_zip[0].coded_text(with_title=True).startswith("Valdoria Troops Shell")
    assert from_zip[0].coded_text().startswith("Valdorian troops shelled")
    assert '"This is a new start,"' in from_zip[2].text  # quoted CSV field


def test_limit_and_count():
    assert count_stories(ZIP) == 4
    assert count_stories(ZIP, limit=2) == 2
    assert [s.label for s in iter_stories(ZIP, limit=1)] == ["ASSAULT"]


def test_spread_sample():
    assert spread(10, 3) == {0, 3, 6}
    assert spread(4, 9) == {0, 1, 2, 3}
    assert len(spread(4500, 500)) == 500
    assert [s.label for s in iter_stories(ZIP, only={1, 3})] == ["PROTEST", "AID"]

    def coder(texts, ref_date):
        return ([] for _ in texts)

    result = score_plover(ZIP, sample=2, coder=coder)
    assert (result["n"], result["n_in_file"], result["sample"]) == (2, 4, 2)
    assert set(result["per_label"]) == {"ASSAULT", "AGREE"}
    with pytest.raises(EvalDataError, match="--sample"):
        score_plover(ZIP, sample=2, limit=2, coder=coder)


def test_bad_inputs(tmp_path):
    with pytest.raises(EvalDataError, match="no such file"):
        list(iter_stories(tmp_path / "missing.zip"))
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n")
    with pytest.raises(EvalDataError, match="no column text, label"):
        list(iter_stories(wrong))
    with pytest.raises(EvalDataError, match="--limit"):
        score_plover(ZIP, limit=0, coder=lambda texts, day: ([] for _ in texts))


def test_story_label_counts_ties_and_negation():
    assert story_label([]) == NONE
    assert story_label([event("ASSAULT", negated=True)]) == NONE
    assert story_label([event("ACCUSE"), event("ASSAULT"), event("ASSAULT")]) == "ASSAULT"
    assert story_label([event("ACCUSE"), event("ASSAULT"), event("ASSAULT", True)]) == "ACCUSE"
    assert story_label([event("AID"), event("AGREE"), event("AGREE"), event("AID")]) == "AID"


def test_score_plover_by_hand():
    answers = iter([["ASSAULT", "ASSAULT"], ["ASSAULT"], [], ["AID"]])
    seen: list[str] = []

    def coder(texts, ref_date):
        for text in texts:
            seen.append(text)
            yield [event(t) for t in next(answers)]

    result = score_plover(ZIP, coder=coder)
    assert result["n"] == 4 and result["predicted_none"] == 1
    assert result["accuracy"] == 0.5
    # ASSAULT: P 1/2, R 1 → 2/3; PROTEST 0; AGREE 0; AID 1
    assert result["macro_f1"] == pytest.approx((2 / 3 + 0 + 0 + 1) / 4)
    assert result["predicted_labels"] == {"ASSAULT": 2, "NONE": 1, "AID": 1}
    assert not seen[0].startswith("Valdoria Troops")  # text only by default


def test_score_plover_with_title_and_limit():
    seen: list[str] = []

    def coder(texts, ref_date):
        for text in texts:
            seen.append(text)
            yield []

    result = score_plover(ZIP, limit=2, with_title=True, coder=coder)
    assert result["n"] == 2 and result["limit"] == 2
    assert seen[1].startswith("Teachers Rally in Ostreth City\n\n")


def test_score_plover_end_to_end_with_our_pipeline():
    result = score_plover(ZIP)
    assert result["n"] == 4
    assert 0.0 <= result["accuracy"] <= 1.0 and 0.0 <= result["macro_f1"] <= 1.0
    assert set(result["per_label"]) == {"ASSAULT", "PROTEST", "AGREE", "AID"}


def test_real_zip_is_streamed_without_spacy():
    if not REAL.is_file():
        pytest.skip(f"{REAL} not found: real-data tests need ../shared/data beside the repo")
    stories = list(iter_stories(REAL))
    assert len(stories) == 4500
    assert len({s.label for s in stories}) == 16
    assert all(s.headline and "{" not in s.headline for s in stories[:50])


@pytest.mark.slow
def test_real_stories_end_to_end():
    if not REAL.is_file():
        pytest.skip(f"{REAL} not found: real-data tests need ../shared/data beside the repo")
    result = score_plover(REAL, limit=100)
    assert result["n"] == 100 and 0.0 <= result["accuracy"] <= 1.0
