"""Plain metric arithmetic shared by the evaluation tracks (no spaCy, no I/O)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, 0.0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(slots=True)
class Overlap:
    """Micro counts for one predicted/gold set pair: true positives, predicted, gold."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: set[Any], gold: set[Any]) -> None:
        self.tp += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def accuracy(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    _same_length(gold, predicted)
    return ratio(sum(g == p for g, p in zip(gold, predicted, strict=True)), len(gold))


def per_label_f1(
    gold: Sequence[Hashable], predicted: Sequence[Hashable], labels: Iterable[Hashable]
) -> dict[Hashable, dict[str, float]]:
    """Precision, recall, F1 and support of each label (one-vs-rest)."""
    _same_length(gold, predicted)
    out: dict[Hashable, dict[str, float]] = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        n_pred = sum(p == label for p in predicted)
        n_gold = sum(g == label for g in gold)
        precision, recall = ratio(tp, n_pred), ratio(tp, n_gold)
        out[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1(precision, recall),
            "support": n_gold,
        }
    return out


def macro_f1(
    gold: Sequence[Hashable], predicted: Sequence[Hashable], labels: Iterable[Hashable]
) -> float:
    """Unweighted mean of the per-label F1 over `labels` (predictions outside `labels`,
    such as "NONE", only ever cost recall)."""
    scores = per_label_f1(gold, predicted, labels)
    return ratio(sum(s["f1"] for s in scores.values()), len(scores))


def confusion(
    gold: Sequence[Hashable], predicted: Sequence[Hashable], labels: Sequence[Hashable]
) -> list[list[int]]:
    """``matrix[i][j]`` = cases of gold ``labels[i]`` predicted as ``labels[j]``; a
    prediction not in `labels` is not counted (list it in `labels` to see it)."""
    _same_length(gold, predicted)
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted, strict=True):
        if g in index and p in index:
            matrix[index[g]][index[p]] += 1
    return matrix


def rounded(value: Any, digits: int = 4) -> Any:
    """`value` with every float (in nested dicts and lists) rounded to `digits`."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {k: rounded(v, digits) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(v, digits) for v in value]
    return value


def _same_length(gold: Sequence[Any], predicted: Sequence[Any]) -> None:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
