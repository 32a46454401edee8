"""Event coding of the two reference articles in ../shared/seeds, against our own annotation.

The annotation is ours (what an analyst reads in the two articles); the articles themselves
are read from ../shared at test time and never copied here. Each expectation names the
event type, who acted and on whom by country (+ sector where the article says it), and a
word of the sentence it must come from, so a match on the wrong sentence does not count.
"""

from __future__ import annotations

import pytest

from crisiswire import Article, read_articles
from crisiswire.engines import extract_events
from crisiswire.model import ActorRef, Event

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coded(seeds_dir) -> dict[str, tuple[Article, list[Event]]]:
    articles = [a for a in read_articles([str(seeds_dir)]) if isinstance(a, Article)]
    assert len(articles) == 2
    return {article.origin.rsplit("/", 1)[-1][:3]: (article, events)
            for article, events in extract_events(articles)}  # fmt: skip


def codes(refs: list[ActorRef]) -> set[str]:
    return {r.code or "" for r in refs}


def countries(refs: list[ActorRef]) -> set[str]:
    return {r.country or "" for r in refs}


def find(events: list[Event], event_type: str, word: str, **want: set[str]) -> Event:
    """The asserted event of `event_type` whose evidence sentence holds `word` and whose
    actor/recipient codes include the wanted ones."""
    for event in events:
        if event.event_type != event_type or event.negated:
            continue
        if word.lower() not in event.evidence.text.lower():
            continue
        if all(
            expected <= (codes(getattr(event, role)) | countries(getattr(event, role)))
            for role, expected in want.items()
        ):
            return event
    listing = "\n".join(
        f"  {e.event_type} {sorted(codes(e.actor))} -> {sorted(codes(e.recipient))}: "
        f"{e.evidence.text[:70]}"
        for e in events
    )
    raise AssertionError(f"no {event_type} {want} in a sentence with {word!r}; coded:\n{listing}")


def test_iran_strike_in_pakistan(coded):
    _, events = coded["000"]
    event = find(events, "ASSAULT", "missile strike", actor={"IRN"}, recipient={"PAK"})
    assert event.cameo.startswith("19") and event.quad == 4 and event.goldstein < -9
    _, events = coded["004"]
    find(events, "ASSAULT", "two children", actor={"IRNGOV"}, recipient={"PAK"})


def test_pakistan_strikes_in_iran(coded):
    for name, word in (("000", "retaliatory move"), ("004", "hideouts")):
        _, events = coded[name]
        event = find(events, "ASSAULT", word, actor={"PAK"}, recipient={"IRN"})
        assert event.recipient[0].sector == "REB"  # militants, coded by where they were hit


def test_foreign_ministers_call_and_agreement(coded):
    _article, events = coded["000"]
    call = find(events, "CONSULT", "conversation", actor={"PAKGOV"}, recipient={"IRNGOV"})
    assert call.actor[0].name == "Jalil Abbas Jilani"
    agree = find(events, "AGREE", "two foreign ministers", actor={"PAKGOV", "IRNGOV"})
    assert agree.speaker is not None and agree.speaker.country == "PAK"
    deescalate = find(events, "AGREE", "de-escalate")
    assert {"PAK"} <= countries(deescalate.actor)


def test_us_appeals_for_restraint_and_criticism_of_iran(coded):
    _, events = coded["000"]
    urging = find(events, "REQUEST", "urging", actor={"USA"}, recipient={"PAK", "IRN"})
    assert urging.modality == "asserted"
    restraint = [
        e for e in events if e.event_type == "REQUEST" and "restraint" in e.evidence.text
    ]
    assert len(restraint) == 2
    for event in restraint:
        assert codes(event.actor) == {"USAGOV"}, event.evidence.text
        assert event.speaker is not None and event.speaker.name == "Matthew Miller"
        assert event.modality == "asserted"
    accuse = find(events, "ACCUSE", "destabilizing", actor={"USAGOV"}, recipient={"IRN"})
    assert accuse.speaker is not None and accuse.speaker.name == "John Kirby"


def test_nsc_praises_the_armed_forces_and_warns(coded):
    _article, events = coded["000"]
    praise = find(events, "SUPPORT", "commended the armed forces", recipient={"PAKMIL"})
    assert praise.actor[0].name == "National Security Committee"
    warning = find(events, "THREATEN", "full might", actor={"PAKGOV"})
    assert warning.modality == "threat"
    assert warning.actor[0].name == "National Security Committee"


def test_every_field_points_back_to_its_characters(coded):
    for article, events in coded.values():
        assert events
        for event in events:
            evidence = event.evidence
            assert article.text[evidence.start : evidence.end] == evidence.text
            for ref in [*event.actor, *event.recipient]:
                assert ref.start is not None and ref.end is not None
                assert article.text[ref.start : ref.end] == ref.text
