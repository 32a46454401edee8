"""Track ``time``: the TimeML reader, TempEval-3 matching and scores, and our stage end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisiswire.eval.common import EvalDataError
from crisiswire.eval.timeml import align, read_timeml, score_timeml
from crisiswire.model import Timex

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA = REPO_ROOT / ".." / "shared" / "data" / "time"

# A tiny TimeML document written for these tests (a fictional border incident).
TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-01-19" temporalFunction="false" \
functionInDocument="CREATION_TIME">2024-01-19</TIMEX3></DCT>
<TITLE>Border post reopens</TITLE>
<TEXT>
The Kelvar border post <EVENT eid="e1" class="OCCURRENCE">reopened</EVENT> \
<TIMEX3 tid="t1" type="DATE" value="2024-01-18">Thursday</TIMEX3> after \
<TIMEX3 tid="t2" type="DURATION" value="P2W">the past two weeks</TIMEX3> of closure &amp; \
talks. Traders said lorries would cross <TIMEX3 tid="t3" type="SET" value="P1D">daily</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def tml(write) -> Path:
    return write("docs/border.tml", TML)


def spans_of(doc, text: str) -> tuple[int, int]:
    start = doc.text.index(text)
    return start, start + len(text)


def fixed_finder(predictions: dict[str, list[tuple[str, str, str]]]):
    """A finder that returns hand-made (text, type, value) timexes for each document."""

    def find(docs):
        for doc in docs:
            out = []
            for text, kind, value in predictions.get(doc.id, []):
                start = doc.text.index(text)
                out.append(Timex(start, start + len(text), text, kind, value))
            yield out

    return find


# --------------------------------------------------------------------------- reading


def test_reader_strips_inline_tags_and_keeps_gold_offsets(tml):
    (doc,) = read_timeml(tml)
    assert doc.id == "TEST0001"
    assert str(doc.dct) == "2024-01-19"
    assert "<" not in doc.text and "&amp;" not in doc.text and "closure & talks" in doc.text
    assert [(doc.text[s:e], t, v) for s, e, t, v in doc.gold] == [
        ("Thursday", "DATE", "2024-01-18"),
        ("the past two weeks", "DURATION", "P2W"),
        ("daily", "SET", "P1D"),
    ]


def test_reader_takes_a_folder_recursively(tml, write, tmp_path):
    write("docs/more/second.tml", TML.replace("TEST0001", "TEST0002"))
    write("docs/notes.txt", "not TimeML")
    assert [d.id for d in read_timeml(tmp_path / "docs")] == ["TEST0001", "TEST0002"]


def test_reader_errors_name_the_file(write, tmp_path):
    bad = write("bad.tml", TML.replace("</TEXT>", ""))
    with pytest.raises(EvalDataError, match=r"bad\.tml: malformed XML"):
        list(read_timeml(bad))
    with pytest.raises(EvalDataError, match="no such file or folder"):
        list(read_timeml(tmp_path / "missing.tml"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(EvalDataError, match=r"no \*\.tml files"):
        list(read_timeml(tmp_path / "empty"))
    no_text = write("notext.tml", "<TimeML><DOCID>X</DOCID></TimeML>")
    with pytest.raises(EvalDataError, match=r"notext\.tml: no <TEXT>"):
        list(read_timeml(no_text))


# --------------------------------------------------------------------------- scoring


def test_align_is_one_to_one_and_prefers_the_larger_overlap():
    predicted = [(0, 10, "DATE", "a"), (12, 14, "DATE", "b")]
    gold = [(0, 4, "DATE", "a"), (3, 10, "DATE", "a"), (20, 22, "DATE", "c")]
    assert align(predicted, gold) == [(0, 1)]


def test_scores_strict_relaxed_value_and_type(tml):
    finder = fixed_finder(
        {
            "TEST0001": [
                ("Thursday", "DATE", "2024-01-18"),  # strict, right value and type
                ("two weeks", "DURATION", "P1W"),  # relaxed only, wrong value
                ("daily", "DATE", "P1D"),  # strict, right value, wrong type
                ("talks", "DATE", "XXXX"),  # spurious
            ]
        }
    )
    progress: list[int] = []
    started: list[int] = []
    scores = score_timeml(tml, finder, progress=progress.append, on_start=started.append)
    assert started == [1] and progress == [1]
    assert scores["n_docs"] == 1 and scores["n_gold"] == 3 and scores["n_predicted"] == 4
    assert scores["strict_precision"] == pytest.approx(2 / 4)
    assert scores["strict_recall"] == pytest.approx(2 / 3)
    assert scores["relaxed_precision"] == pytest.approx(3 / 4)
    assert scores["relaxed_recall"] == pytest.approx(1.0)
    assert scores["value_precision"] == pytest.approx(2 / 4)
    assert scores["value_recall"] == pytest.approx(2 / 3)
    assert scores["value_f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert scores["type_precision"] == pytest.approx(2 / 4)
    assert scores["type_recall"] == pytest.approx(2 / 3)
    assert scores["value_accuracy"] == pytest.approx(2 / 3)
    assert scores["per_type"]["DATE"] == {"gold": 1, "predicted": 3, "relaxed": 1, "value": 1}
    assert scores["per_type"]["SET"] == {"gold": 1, "predicted": 0, "relaxed": 1, "value": 1}
    assert scores["seconds"] >= 0


def test_a_finder_that_drops_documents_is_an_error(tml):
    with pytest.raises(RuntimeError, match="0 result"):
        score_timeml(tml, lambda docs: iter(()))


def test_our_stage_on_the_tiny_document(tml):
    pytest.importorskip("spacy")
    scores = score_timeml(tml)
    assert scores["strict_f1"] == pytest.approx(1.0)
    assert scores["value_f1"] == pytest.approx(1.0)


# --------------------------------------------------------------------------- real data


def real(name: str) -> Path:
    path = DATA / name
    if not path.is_dir():
        pytest.skip(f"{path} not found: real-data tests need ../shared/data beside the repo")
    return path.resolve()


def test_real_tempeval_sets_read_cleanly():
    docs = list(read_timeml(real("tbaq-timebank"))) + list(read_timeml(real("tbaq-aquaint")))
    assert len(docs) == 256
    assert sum(len(d.gold) for d in docs) == 1822
    assert all(d.dct is not None for d in docs)
    for doc in docs:
        for start, end, kind, value in doc.gold:
            assert kind in ("DATE", "TIME", "DURATION", "SET") and value
            assert 0 <= start < end <= len(doc.text)


@pytest.mark.slow
def test_real_tempeval_scores_hold():
    scores = score_timeml(real("tbaq-aquaint"))
    assert scores["n_docs"] == 73
    assert scores["relaxed_f1"] > 0.88
    assert scores["value_f1"] > 0.70
