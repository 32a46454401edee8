"""`ActorResolver`: noun phrases to coded actors, seen directly and through coded events."""

from __future__ import annotations

from datetime import date

import pytest

from crisiswire.actors.resolve import ActorResolver
from crisiswire.nlp.pipeline import code_texts, load_pipeline, make_doc

REF_DATE = date(2024, 1, 17)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def events(nlp):
    def run(text: str, ref_date: date | None = REF_DATE):
        (coded,) = code_texts([text], ref_date=ref_date, nlp=nlp)
        return coded

    return run


@pytest.fixture(scope="module")
def resolver(nlp):
    def build(text: str, ref_date: date | None = REF_DATE) -> ActorResolver:
        return ActorResolver(nlp(make_doc(nlp, text, ref_date)), ref_date)

    return build


def _one(events, event_type: str):
    found = [e for e in events if e.event_type == event_type]
    assert len(found) == 1, events
    return found[0]


def _codes(refs) -> list[tuple[str | None, str | None]]:
    return [(r.country, r.sector) for r in refs]


# --------------------------------------------------------------------------- directly


def test_resolve_nationality_and_agent(resolver):
    r = resolver("Pakistani soldiers crossed the line.")
    head = next(t for t in r.doc if t.text == "soldiers")
    (ref,) = r.resolve(head)
    assert (ref.text, ref.name, ref.country, ref.sector) == (
        "Pakistani soldiers",
        "Pakistan",
        "PAK",
        "MIL",
    )
    assert r.doc.text[ref.start : ref.end] == ref.text


def test_resolve_phrase_naming_no_actor_is_empty(resolver):
    r = resolver("The weather turned cold in the mountains.")
    assert r.resolve(next(t for t in r.doc if t.text == "weather")) == []


def test_place_gives_the_country_of_a_region(resolver):
    r = resolver("The strike hit a village in Balochistan.")
    place = r.place(next(t for t in r.doc if t.text == "Balochistan"))
    assert (place.text, place.name, place.country, place.sector) == (
        "Balochistan",
        "Balochistan",
        "PAK",
        None,
    )


def test_focus_country_is_the_most_mentioned(resolver):
    r = resolver("Iran summoned the envoy. Iran said Pakistan must act. Tehran waited.")
    assert r.focus == "IRN"


# --------------------------------------------------------------------------- via events


def test_nationality_plus_agent(events):
    event = _one(events("Pakistani soldiers attacked Iranian border posts on Tuesday."), "ASSAULT")
    (actor,) = event.actor
    assert (actor.text, actor.country, actor.sector) == ("Pakistani soldiers", "PAK", "MIL")
    assert _codes(event.recipient) == [("IRN", None)]


def test_possessive_country_with_sector(events):
    event = _one(events("Iran's foreign ministry condemned Pakistan."), "ACCUSE")
    assert _codes(event.actor) == [("IRN", "GOV")]
    assert event.actor[0].text == "Iran's foreign ministry"


def test_his_iranian_counterpart_is_the_iranian_government(events):
    text = "Jalil Abbas Jilani spoke with his Iranian counterpart on Wednesday."
    event = _one(events(text), "CONSULT")
    assert [(a.name, a.country, a.sector) for a in event.actor] == [
        ("Jalil Abbas Jilani", "PAK", "GOV")
    ]
    (recipient,) = event.recipient
    assert (recipient.text, recipient.country, recipient.sector) == (
        "his Iranian counterpart",
        "IRN",
        "GOV",
    )


def test_he_refers_back_to_the_named_person(events):
    text = "Jalil Abbas Jilani flew to Tehran on Monday. He criticised Iran on Tuesday."
    event = _one(events(text), "ACCUSE")
    (actor,) = event.actor
    # "Tehran" is nearer, but "he" only stands for a person
    assert (actor.text, actor.name, actor.country, actor.sector) == (
        "He",
        "Jalil Abbas Jilani",
        "PAK",
        "GOV",
    )
    assert text[actor.start : actor.end] == "He"


def test_unknown_organisation_is_kept_uncoded(events):
    event = _one(events("The Northfield Peace Institute condemned Iran."), "ACCUSE")
    (actor,) = event.actor
    assert actor.text == "Northfield Peace Institute"
    assert (actor.name, actor.country, actor.sector, actor.code) == (None, None, None, None)
    assert _codes(event.recipient) == [("IRN", None)]


def test_compound_actor_gives_two_actors(events):
    event = _one(events("Pakistan and Iran attacked the militants."), "ASSAULT")
    assert [(a.text, a.country) for a in event.actor] == [("Pakistan", "PAK"), ("Iran", "IRN")]
    assert _codes(event.recipient) == [(None, "REB")]


def test_compound_recipient_gives_two_recipients(events):
    event = _one(events("The Northfield Peace Institute criticised Pakistan and Iran."), "ACCUSE")
    assert _codes(event.recipient) == [("PAK", None), ("IRN", None)]


def test_capitals_stand_for_governments(events):
    event = _one(events("Islamabad condemned Tehran."), "ACCUSE")
    assert _codes(event.actor) == [("PAK", "GOV")]
    assert _codes(event.recipient) == [("IRN", "GOV")]


def test_bare_demonym_names_the_country_without_a_sector(events):
    event = _one(events("The Iranians condemned Pakistan."), "ACCUSE")
    assert _codes(event.actor) == [("IRN", None)]


def test_bare_title_goes_back_to_its_holder(events):
    text = (
        "Anwaar-ul-Haq Kakar chaired a meeting in Islamabad. Later the prime minister "
        "condemned Iran."
    )
    event = _one(events(text), "ACCUSE")
    (actor,) = event.actor
    assert (actor.text, actor.name, actor.country, actor.sector) == (
        "prime minister",
        "Anwaar-ul-Haq Kakar",
        "PAK",
        "GOV",
    )


def test_bare_state_sector_takes_the_focus_country(events):
    text = "Pakistan recalled its ambassador. The army attacked militants."
    event = _one(events(text), "ASSAULT")
    assert _codes(event.actor) == [("PAK", "MIL")]


def test_surname_after_full_name_codes_the_person(events):
    text = "Hossein Amir-Abdollahian condemned Pakistan. Later, Abdollahian met Pakistani envoys."
    event = _one(events(text), "CONSULT")
    assert [(a.text, a.name, a.country) for a in event.actor] == [
        ("Abdollahian", "Hossein Amir-Abdollahian", "IRN")
    ]
    assert _codes(event.recipient) == [("PAK", "GOV")]


@pytest.mark.parametrize(
    ("ref_date", "code"),
    [
        (date(2024, 1, 17), ("IRN", "GOV")),  # president on the day
        (date(2020, 6, 1), ("IRN", "JUD")),  # head of the judiciary then
        (date(2024, 6, 1), (None, None)),  # after his death: kept, but uncoded
    ],
)
def test_office_holder_is_coded_by_the_date(events, ref_date, code):
    event = _one(events("Ebrahim Raisi condemned Pakistan.", ref_date), "ACCUSE")
    (actor,) = event.actor
    assert actor.name == "Ebrahim Raisi"
    assert (actor.country, actor.sector) == code
