"""Fusion of event mentions across articles, on hand-made events (a fictional crisis)."""

from __future__ import annotations

import itertools

from crisiswire.model import ActorRef, Article, Event, Evidence, FusedEvent, Location
from crisiswire.stories.fusion import fuse

KELVAR = Location("Kelvar", "ARD", "North", 10.0, 20.0, None, "city")
OSTRA = Location("Ostra", "ARD", "North", 10.1, 20.1, None, "city")  # ~15 km from Kelvar
FARPORT = Location("Farport", "ARD", "South", 14.0, 26.0, None, "city")  # ~790 km away
NORTH = Location("North", "ARD", "North", 10.5, 20.5, None, "admin1")
_ids = itertools.count()


def article(aid: str, source: str | None, published: str = "2024-03-08") -> Article:
    return Article(aid, f"h-{aid}", "", [], source=source, published=published)


def event(
    aid: str,
    actor: str = "BEL",
    target: str | None = "ARD",
    *,
    sentence: int | None = None,
    event_type: str = "ASSAULT",
    date: str | None = "2024-03-05",
    basis: str = "explicit",
    value: str | None = None,
    location: Location | None = None,
    dead: int | None = None,
    modality: str = "asserted",
    sector: str | None = "MIL",
    speaker: str | None = None,
) -> Event:
    n = next(_ids)
    recipient = [ActorRef(target, country=target)] if target else []
    return Event(
        id=f"e{n}", article_id=aid, event_type=event_type, mode=None,
        cameo="190" if event_type == "ASSAULT" else "040",
        goldstein=-10.0 if event_type == "ASSAULT" else 1.0,
        quad=4 if event_type == "ASSAULT" else 1,
        actor=[ActorRef(actor, country=actor, sector=sector)], recipient=recipient,
        evidence=Evidence(n if sentence is None else sentence, 0, 10, "words"),
        date=date, date_basis=basis, date_value=value or date, location=location,
        dead=dead, modality=modality,
        speaker=ActorRef(speaker, name=speaker) if speaker else None,
    )  # fmt: skip


ARTICLES = {
    "a1": article("a1", "Ledger"),
    "a2": article("a2", "Courier"),
    "a3": article("a3", "Post"),
    "a1copy": article("a1copy", "Syndicate", "2024-03-09"),
    "u1": article("u1", None),
    "u2": article("u2", None),
}


def only(fused: list[FusedEvent], **fields: object) -> FusedEvent:
    found = [f for f in fused if all(getattr(f, k) == v for k, v in fields.items())]
    assert len(found) == 1, [(f.event_type, f.date, len(f.mentions)) for f in fused]
    return found[0]


def test_two_outlets_reporting_one_strike_make_one_fused_event():
    mentions = [
        event("a1", location=KELVAR, dead=2),
        event("a2", location=NORTH),
    ]
    fused = fuse(mentions, ARTICLES)
    assert len(fused) == 1
    strike = fused[0]
    assert (strike.n_articles, strike.n_sources) == (2, 2)
    assert {m.article_id for m in strike.mentions} == {"a1", "a2"}
    assert all(m.evidence.text == "words" for m in strike.mentions)
    assert strike.location == KELVAR  # the most precise place
    assert strike.dead == 2
    assert {"field": "dead", "value": 2, "source": "Ledger"} in strike.single_source
    # Kelvar lies in the North province the other outlet names: nested, not a disagreement
    assert {"field": "place", "value": "Kelvar", "source": "Ledger"} in strike.single_source
    assert not [d for d in strike.disagreements if d["field"] == "place"]


def test_every_event_is_a_mention_of_exactly_one_fused_event():
    mentions = [
        event("a1"), event("a2"), event("a3", date="2024-03-20"),
        event("a1", event_type="CONSULT", target="BEL", actor="ARD"),
    ]  # fmt: skip
    fused = fuse(mentions, ARTICLES)
    ids = [m.event_id for f in fused for m in f.mentions]
    assert sorted(ids) == sorted(e.id for e in mentions)


def test_a_syndicated_copy_is_not_an_independent_source():
    fused = fuse([event("a1"), event("a1copy")], ARTICLES, copies={"a1copy": "a1"})
    assert (fused[0].n_articles, fused[0].n_sources) == (2, 1)
    copy = next(m for m in fused[0].mentions if m.article_id == "a1copy")
    assert copy.copy_of == "a1" and copy.source == "Syndicate"
    assert fused[0].single_source == []  # one outlet: nothing to single out


def test_articles_of_unknown_outlets_count_one_outlet_each():
    fused = fuse([event("u1"), event("u2")], ARTICLES)
    assert fused[0].n_sources == 2


def test_strikes_days_apart_or_on_other_targets_stay_apart():
    fused = fuse(
        [
            event("a1", date="2024-03-05"),
            event("a2", date="2024-03-09"),  # four days later: another strike
            event("a3", target="CAR"),  # another target country
        ],
        ARTICLES,
    )
    assert len(fused) == 3


def test_dates_a_day_apart_fuse_and_are_shown_as_a_disagreement():
    fused = fuse([event("a1", date="2024-03-05"), event("a2", date="2024-03-06")], ARTICLES)
    assert len(fused) == 1
    (dates,) = [d for d in fused[0].disagreements if d["field"] == "date"]
    assert {(v["value"], tuple(v["sources"])) for v in dates["values"]} == {
        ("2024-03-05", ("Ledger",)),
        ("2024-03-06", ("Courier",)),
    }


def test_a_threat_never_fuses_with_a_strike_nor_a_negated_event_with_an_asserted_one():
    denied = event("a3")
    denied.negated = True
    fused = fuse([event("a1"), event("a2", modality="threat"), denied], ARTICLES)
    assert len(fused) == 3


def test_a_report_dated_by_its_paper_joins_the_dated_one_which_gives_the_date():
    stated = event("a1", date="2024-03-07", basis="relative")
    undated = event("a2", date="2024-03-08", basis="publication-date")
    fused = fuse([undated, stated], ARTICLES)
    assert len(fused) == 1
    assert (fused[0].date, fused[0].date_basis) == ("2024-03-07", "relative")
    # the paper's date is not a claim about the day: no date disagreement
    assert not [d for d in fused[0].disagreements if d["field"] == "date"]
    assert {"field": "date", "value": "2024-03-07", "source": "Ledger"} in fused[0].single_source


def test_a_coarse_date_fuses_with_a_day_inside_it():
    week = event("a1", date="2024-03-04", basis="relative", value="2024-W10")
    day = event("a2", date="2024-03-06", basis="explicit")
    fused = fuse([week, day], ARTICLES)
    assert len(fused) == 1 and fused[0].date == "2024-03-06"


def test_far_apart_towns_are_two_happenings_and_neighbours_one():
    apart = fuse([event("a1", location=KELVAR), event("a2", location=FARPORT)], ARTICLES)
    assert len(apart) == 2
    near = fuse([event("a1", location=KELVAR), event("a2", location=OSTRA)], ARTICLES)
    assert len(near) == 1
    (places,) = [d for d in near[0].disagreements if d["field"] == "place"] or [None]
    assert places is None  # 15 km apart: the same strike, named by two villages


def test_casualty_figures_that_differ_are_a_disagreement_with_their_outlets():
    fused = fuse([event("a1", dead=2), event("a2", dead=3), event("a3", dead=3)], ARTICLES)
    strike = fused[0]
    assert strike.dead == 3  # the figure more outlets give
    (dead,) = [d for d in strike.disagreements if d["field"] == "dead"]
    assert dead["values"] == [
        {"value": 3, "sources": ["Courier", "Post"]},
        {"value": 2, "sources": ["Ledger"]},
    ]


def test_attribution_and_actor_codings_that_differ_are_disagreements():
    fused = fuse(
        [event("a1", speaker="army spokesman"), event("a2", speaker="Ministry", sector="GOV")],
        ARTICLES,
    )
    fields = {d["field"] for d in fused[0].disagreements}
    assert {"attribution", "actor"} <= fields


def test_one_sentence_with_two_strikes_reports_two_happenings():
    fused = fuse([event("a1", sentence=4), event("a1", sentence=4)], ARTICLES)
    assert len(fused) == 2


def test_a_later_story_recalling_a_strike_joins_it_only_when_it_names_both_sides():
    stories = {"a1": "s1", "a2": "s1", "a3": "s2"}
    recap = event("a3", date="2024-03-08", basis="publication-date")
    fused = fuse([event("a1"), event("a2"), recap], ARTICLES, stories=stories)
    assert len(fused) == 1 and fused[0].n_sources == 3
    vague = event("a3", target=None, date="2024-03-08", basis="publication-date")
    fused = fuse([event("a1"), event("a2"), vague], ARTICLES, stories=stories)
    assert len(fused) == 2
    # within one story a vague report does join
    fused = fuse([event("a1"), event("a2"), vague], ARTICLES, stories=dict.fromkeys(ARTICLES, "s"))
    assert len(fused) == 1


def test_the_result_does_not_depend_on_the_order_of_the_mentions():
    mentions = [
        event("a1", location=KELVAR, dead=2),
        event("a2", location=NORTH, date="2024-03-06"),
        event("a3", date="2024-03-08", basis="publication-date", target=None),
        event("a1", event_type="CONSULT", actor="ARD", target="BEL"),
        event("a2", event_type="CONSULT", actor="ARD", target="BEL", date="2024-03-06"),
    ]
    expected = [f.to_dict() for f in fuse(mentions, ARTICLES)]
    for order in itertools.islice(itertools.permutations(mentions), 0, 120, 7):
        assert [f.to_dict() for f in fuse(list(order), ARTICLES)] == expected


def test_a_fused_event_reads_back_from_its_dict():
    (strike,) = fuse([event("a1", location=KELVAR, dead=2), event("a2")], ARTICLES)
    assert FusedEvent.from_dict(strike.to_dict()) == strike
