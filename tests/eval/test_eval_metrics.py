"""Metric arithmetic on hand-made predictions."""

from __future__ import annotations

import pytest

from crisiswire.eval.metrics import (
    Overlap,
    accuracy,
    confusion,
    f1,
    macro_f1,
    per_label_f1,
    ratio,
    rounded,
)


def test_ratio_and_f1_handle_zero():
    assert ratio(1, 4) == 0.25
    assert ratio(3, 0) == 0.0
    assert f1(0.0, 0.0) == 0.0
    assert f1(0.5, 1.0) == pytest.approx(2 / 3)


def test_accuracy():
    assert accuracy([0, 1, 2, 3], [0, 1, 0, 0]) == 0.5
    with pytest.raises(ValueError):
        accuracy([0, 1], [0])


def test_macro_f1_by_hand():
    gold = ["A", "A", "B", "B", "C"]
    pred = ["A", "B", "B", "B", "NONE"]
    # A: P 1/1, R 1/2 → 2/3 ; B: P 2/3, R 2/2 → 0.8 ; C: P 0/0, R 0/1 → 0
    assert macro_f1(gold, pred, ["A", "B", "C"]) == pytest.approx((2 / 3 + 0.8 + 0) / 3)
    scores = per_label_f1(gold, pred, ["A", "B", "C"])
    assert scores["B"]["precision"] == pytest.approx(2 / 3)
    assert scores["B"]["recall"] == 1.0
    assert scores["C"]["support"] == 1


def test_macro_f1_perfect_and_labels_without_cases():
    assert macro_f1([0, 1, 2], [0, 1, 2], [0, 1, 2]) == 1.0
    # a label with no gold and no prediction scores 0 and still counts in the mean
    assert macro_f1([0, 1], [0, 1], [0, 1, 2, 3]) == pytest.approx(0.5)


def test_confusion_rows_gold_columns_predicted():
    matrix = confusion([0, 0, 1, 2], [0, 1, 1, 0], [0, 1, 2])
    assert matrix == [[1, 1, 0], [0, 1, 0], [1, 0, 0]]


def test_token_overlap_micro_counts():
    overlap = Overlap()
    overlap.add({0, 1, 2}, {1, 2, 3, 4})  # 2 right of 3 predicted, 2 of 4 gold
    overlap.add(set(), {7})  # a sentence where we found nothing
    overlap.add({9}, set())  # and one where we found something that is not there
    assert (overlap.tp, overlap.predicted, overlap.gold) == (2, 4, 5)
    assert overlap.precision == 0.5
    assert overlap.recall == 0.4
    assert overlap.f1 == pytest.approx(2 * 0.5 * 0.4 / 0.9)
    assert Overlap().f1 == 0.0


def test_rounded_walks_nested_values():
    value = {"a": 0.123456, "b": [0.98765, 3], "c": {"d": 1 / 3}, "e": "x"}
    assert rounded(value) == {"a": 0.1235, "b": [0.9877, 3], "c": {"d": 0.3333}, "e": "x"}
