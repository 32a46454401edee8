"""ConfliBERT tracks: the class and span file readers, salient event, token overlap, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisiswire.eval.common import EvalDataError
from crisiswire.eval.conflibert import (
    TaggedSentence,
    predicted_roles,
    quad_class,
    read_class_file,
    read_ner_file,
    salient_event,
    score_actors,
    score_quad,
)
from crisiswire.model import ActorRef, Event, Evidence

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "eval"
CLASS_FILE = FIXTURES / "conflibert_class.tsv"
NER_FILE = FIXTURES / "conflibert_ner.txt"
DATA = REPO_ROOT / ".." / "shared" / "data" / "events" / "conflibert-cameo-train"


def span_ref(start: int | None, end: int | None) -> ActorRef:
    return ActorRef("x", None, "VAL", None, start, end)


def event(cameo: str, actors=(), recipients=(), negated: bool = False) -> Event:
    return Event(
        id="e",
        article_id="a",
        event_type="ASSAULT",
        mode=None,
        cameo=cameo,
        goldstein=0.0,
        quad=4,
        actor=list(actors),
        recipient=list(recipients),
        evidence=Evidence(0, 0, 1, "x"),
        negated=negated,
    )


def real(name: str) -> Path:
    path = DATA / name
    if not path.is_file():
        pytest.skip(f"{path} not found: real-data tests need ../shared/data beside the repo")
    return path


# --------------------------------------------------------------------------- quad


def test_class_file_reader_handles_crlf_and_blank_lines():
    cases = read_class_file(CLASS_FILE)
    assert len(cases) == 6
    assert cases[0] == (
        "The foreign minister of Valdoria said the talks would continue next week.",
        0,
    )
    assert [label for _, label in cases] == [0, 1, 2, 3, 4, 3]
    assert not any(text.endswith("\r") for text, _ in cases)


def test_class_file_errors(tmp_path):
    header = tmp_path / "header.tsv"
    header.write_text("sentence\tlabel\nValdoria protested.\t3\n")
    assert read_class_file(header) == [("Valdoria protested.", 3)]
    for content in ("Valdoria protested.\t7\n", "no tab here\n", "a\t1\nb\tx\n"):
        bad = tmp_path / "bad.tsv"
        bad.write_text(content)
        with pytest.raises(EvalDataError, match=r"bad\.tsv"):
            read_class_file(bad)


def test_salient_event_and_quad_class():
    actor, target = span_ref(0, 1), span_ref(2, 3)
    lone = event("190", [actor])
    dyad = event("051", [actor], [target])
    negated = event("111", [actor], [target], negated=True)
    assert salient_event([negated, lone, dyad]) is dyad  # first with both sides
    assert salient_event([negated, lone]) is lone  # else the first non-negated
    assert salient_event([negated]) is None
    assert quad_class([lone, dyad]) == 1  # 05 → verbal cooperation
    assert quad_class([lone]) == 4  # 19 → material conflict
    assert quad_class([]) == 0


def test_score_quad_by_hand():
    # our coder: the right class for the first three sentences, nothing for the rest
    answers = iter(["010", "051", "070", None, None, None])

    def coder(texts, ref_date):
        for _ in texts:
            code = next(answers)
            yield [event(code, [span_ref(0, 1)], [span_ref(2, 3)])] if code else []

    result = score_quad(CLASS_FILE, coder=coder)
    assert result["n"] == 6 and result["n_no_event"] == 3
    assert result["accuracy"] == pytest.approx(3 / 6)
    # class 0: P 1/4, R 1/1 → 0.4; classes 1, 2: 1.0; classes 3, 4: 0
    assert result["macro_f1"] == pytest.approx((0.4 + 1 + 1 + 0 + 0) / 5)
    assert result["confusion"][3] == [2, 0, 0, 0, 0]


# --------------------------------------------------------------------------- actors


def test_ner_reader_and_token_spans():
    sentences = read_ner_file(NER_FILE)
    assert len(sentences) == 3
    first = sentences[0]
    assert first.text == "Valdorian troops shelled a Mersland border post on Sunday ."
    assert first.spans()[:3] == [(0, 9), (10, 16), (17, 24)]
    assert first.gold("S") == {0, 1}
    assert first.gold("T") == {3, 4, 5, 6}
    assert sentences[1].gold("R") == {9, 10}


def test_ner_reader_rejects_bad_lines(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Valdoria B-S\nshelled\n")
    with pytest.raises(EvalDataError, match=r"bad\.txt:2"):
        read_ner_file(bad)


def test_predicted_roles_cover_overlapping_tokens():
    sentence = TaggedSentence(["Valdorian", "troops", "shelled", "Mersland", "."], ["O"] * 5)
    # "Valdorian troops" = chars 0–16, "Mersland" = 25–33; a span inside a token counts
    events = [
        event("190", [span_ref(0, 16)], [span_ref(27, 30)]),
        event("190", [span_ref(None, None)], [span_ref(17, 24)], negated=True),
    ]
    assert predicted_roles(sentence, events) == ({0, 1}, {3})


def test_score_actors_by_hand():
    def coder(texts, ref_date):
        for text in texts:
            if text.startswith("Valdorian"):
                # source right ("Valdorian troops"); target "Mersland" only (1 of 4 gold)
                yield [event("190", [span_ref(0, 16)], [span_ref(27, 35)])]
            elif text.startswith("The Mersland"):
                # source and target swapped
                yield [event("040", [span_ref(37, 54)], [span_ref(4, 23)])]
            else:
                yield []

    result = score_actors(NER_FILE, coder=coder)
    assert result["n"] == 3
    # S: predicted {0,1} + {6,7}; gold {0,1} + {1,2} → tp 2 of 4 predicted, of 4 gold
    assert result["source_precision"] == pytest.approx(2 / 4)
    assert result["source_recall"] == pytest.approx(2 / 4)
    # T: predicted {4} + {1,2}; gold {3,4,5,6} + {6,7} → tp 1 of 3, of 6
    assert result["target_precision"] == pytest.approx(1 / 3)
    assert result["target_recall"] == pytest.approx(1 / 6)
    assert result["target_f1"] == pytest.approx(2 * (1 / 3) * (1 / 6) / (1 / 3 + 1 / 6))
    # any actor: predicted {0,1,4} + {1,2,6,7}; gold {0,1,3,4,5,6} + {1,2,6,7}
    assert result["actor_f1"] == pytest.approx(2 * (7 / 7) * (7 / 10) / (1 + 7 / 10))


# --------------------------------------------------------------------------- end to end


def test_quad_and_actors_end_to_end_with_our_pipeline():
    quad = score_quad(CLASS_FILE)
    assert quad["n"] == 6
    assert 0.0 <= quad["accuracy"] <= 1.0 and 0.0 <= quad["macro_f1"] <= 1.0
    assert sum(map(sum, quad["confusion"])) == 6
    actors = score_actors(NER_FILE)
    assert actors["n"] == 3
    for key in ("source_f1", "target_f1", "source_precision", "target_recall", "actor_f1"):
        assert 0.0 <= actors[key] <= 1.0, key


def test_real_files_are_read_without_spacy():
    cases = read_class_file(real("cameo_class/train.tsv"))
    assert len(cases) == 1349
    assert {label for _, label in cases} == {0, 1, 2, 3, 4}
    sentences = read_ner_file(real("cameo_ner/train.txt"))
    assert len(sentences) == 1153


@pytest.mark.slow
def test_real_sets_end_to_end():
    quad = score_quad(real("cameo_class/train.tsv"))
    assert quad["n"] == 1349 and 0.0 <= quad["macro_f1"] <= 1.0
    actors = score_actors(real("cameo_ner/train.txt"))
    assert actors["n"] == 1153 and 0.0 <= actors["source_f1"] <= 1.0
