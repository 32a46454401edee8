"""The escalation index: the documented formula, on hand-made fused events."""

from __future__ import annotations

import math

import pytest

from crisiswire.analytics.escalation import DECAY, escalation, parse_dyad
from crisiswire.model import ActorRef, Evidence, FusedEvent


def fused(
    day: str,
    goldstein: float,
    actor: str = "ARD",
    target: str = "BEL",
    *,
    sources: int = 1,
    modality: str = "asserted",
    negated: bool = False,
) -> FusedEvent:
    return FusedEvent(
        id=f"F{day}{goldstein}{actor}", article_id="a", event_type="X", mode=None, cameo="190",
        goldstein=goldstein, quad=4 if goldstein < 0 else 1,
        actor=[ActorRef(actor, country=actor)], recipient=[ActorRef(target, country=target)],
        evidence=Evidence(0, 0, 1, "x"), date=day, modality=modality, negated=negated,
        n_sources=sources, n_articles=sources,
    )  # fmt: skip


def test_the_index_follows_the_documented_formula():
    events = [
        fused("2024-03-01", -10, sources=2),
        fused("2024-03-03", -10, "BEL", "ARD"),  # either direction counts
        fused("2024-03-04", 4, sources=3),
        fused("2024-03-04", 1),
    ]
    result = escalation(events, ("ARD", "BEL"))
    days = [(d.date, d.events) for d in result.days]
    assert days == [("2024-03-01", 1), ("2024-03-02", 0), ("2024-03-03", 1), ("2024-03-04", 2)]
    first = -10 * math.log2(3)
    second = DECAY * first
    third = DECAY * second - 10
    fourth = DECAY * third + 4 * 2 + 1
    assert [d.index for d in result.days] == pytest.approx([first, second, third, fourth])
    assert result.days[3].score == pytest.approx(9)
    assert result.trend == "de-escalating"
    assert result.turning_points == [
        {"date": "2024-03-03", "kind": "downturn"},
        {"date": "2024-03-04", "kind": "upturn"},
    ]


def test_events_outside_the_dyad_or_not_happened_are_left_out():
    events = [
        fused("2024-03-01", -10),
        fused("2024-03-02", -10, "ARD", "CAR"),
        fused("2024-03-02", -10, negated=True),
        fused("2024-03-02", 8, modality="intent"),
        fused("2024-03-02", -7, modality="threat"),  # a threat counts, with its own score
    ]
    result = escalation(events, ("BEL", "ARD"))
    assert [d.events for d in result.days] == [1, 1]
    assert result.days[1].score == -7


def test_no_events_give_an_empty_series():
    result = escalation([], ("ARD", "BEL"))
    assert result.days == [] and result.trend == "steady" and result.turning_points == []


@pytest.mark.parametrize("text", ["PAK", "PAK-IRN-USA", "PK-IR", "PAK-PAK", "12A-IRN"])
def test_a_malformed_dyad_is_refused(text):
    with pytest.raises(ValueError):
        parse_dyad(text)


def test_a_dyad_is_read_in_any_case_and_with_a_dash():
    assert parse_dyad("pak–irn") == ("PAK", "IRN")
