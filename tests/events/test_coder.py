"""The event coder end to end on short sentences: `code_texts` → `Event` records."""

from __future__ import annotations

from datetime import date

import pytest

from crisiswire.events.ontology import cameo_table, plover_types
from crisiswire.model import Event
from crisiswire.nlp.pipeline import code_texts, load_pipeline

REF_DATE = date(2024, 1, 17)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def code(nlp):
    def run(text: str) -> list[Event]:
        (events,) = code_texts([text], ref_date=REF_DATE, nlp=nlp)
        return events

    return run


def _of_type(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.event_type == event_type]


def _one(events: list[Event], event_type: str) -> Event:
    found = _of_type(events, event_type)
    assert len(found) == 1, [(e.event_type, e.trigger) for e in events]
    return found[0]


def _countries(refs) -> list[str | None]:
    return [r.country for r in refs]


# --------------------------------------------------------------------------- who did what


def test_active_voice_assault(code):
    event = _one(code("Pakistani soldiers attacked Iranian border posts on Tuesday."), "ASSAULT")
    assert _countries(event.actor) == ["PAK"]
    assert _countries(event.recipient) == ["IRN"]
    assert event.trigger == "attacked"
    assert (event.negated, event.modality, event.speaker) == (False, "asserted", None)
    assert (event.date, event.date_basis) == ("2024-01-16", "relative")  # Tuesday: the day before


def test_passive_voice_takes_the_by_agent_as_actor(code):
    event = _one(code("Pakistan was attacked by Iranian troops overnight."), "ASSAULT")
    assert [(a.text, a.country, a.sector) for a in event.actor] == [
        ("Iranian troops", "IRN", "MIL")
    ]
    assert _countries(event.recipient) == ["PAK"]


def test_nominal_event(code):
    event = _one(code("Officials described the Iranian attack on Pakistan as a shock."), "ASSAULT")
    assert event.trigger == "attack"
    assert _countries(event.actor) == ["IRN"]
    assert _countries(event.recipient) == ["PAK"]


def test_several_events_in_one_text_keep_their_sentence_index(code):
    events = code("Pakistan criticised Iran. Iran attacked militants in Pakistan.")
    assert [(e.event_type, e.evidence.sentence) for e in events] == [
        ("ACCUSE", 0),
        ("ASSAULT", 1),
    ]
    assert len({e.id for e in events}) == 2


# --------------------------------------------------------------------------- negation, modality


@pytest.mark.parametrize(
    "text",
    ["Pakistan did not attack Iran, the army said.", "Iran never attacked Pakistan."],
)
def test_negated_event_is_flagged(code, text):
    event = _one(code(text), "ASSAULT")
    assert event.negated is True
    assert set(_countries(event.actor + event.recipient)) == {"PAK", "IRN"}


def test_threat_of_the_full_might_of_the_state(code):
    text = (
        "Any incursion across the frontier will be met with the full force of the state, "
        "the Pakistani military said."
    )
    event = _one(code(text), "THREATEN")
    assert event.modality == "threat"
    assert event.mode == "military-force"
    # the one who warns is the one who threatens
    assert [(a.text, a.country, a.sector) for a in event.actor] == [
        ("Pakistani military", "PAK", "MIL")
    ]
    assert event.speaker is not None and event.speaker.country == "PAK"


def test_threat_verb_with_a_target(code):
    event = _one(code("Iran threatened Pakistan with retaliation."), "THREATEN")
    assert event.modality == "threat"
    assert _countries(event.actor) == ["IRN"]
    assert _countries(event.recipient) == ["PAK"]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Iran would attack Pakistan if provoked.", "hypothetical"),
        ("If Iran attacks again, its neighbours will suffer.", "hypothetical"),
        ("Iran will strike the camps next week.", "intent"),
        ("Iran plans to attack the militants in Pakistan.", "intent"),
        ("Iran attacked the militants in Pakistan.", "asserted"),
    ],
)
def test_modality(code, text, modality):
    events = _of_type(code(text), "ASSAULT")
    assert events, text
    assert events[0].modality == modality
    assert events[0].actor[0].country == "IRN"


# --------------------------------------------------------------------------- reciprocity


def test_the_two_foreign_ministers_agreed(code):
    text = (
        "Pakistani Foreign Minister Jalil Abbas Jilani met Iranian Foreign Minister Hossein "
        "Amir-Abdollahian in Davos. The two foreign ministers agreed to hold talks."
    )
    events = code(text)
    agree = _one(events, "AGREE")
    assert sorted((a.country, a.sector) for a in agree.actor) == [("IRN", "GOV"), ("PAK", "GOV")]
    assert agree.evidence.sentence == 1
    (first,) = [e for e in events if e.evidence.sentence == 0]
    assert first.event_type == "CONSULT"
    assert [a.name for a in first.actor] == ["Jalil Abbas Jilani"]
    assert [r.name for r in first.recipient] == ["Hossein Amir-Abdollahian"]


# --------------------------------------------------------------------------- speech


def test_quote_has_its_speaker(code):
    text = '"Iran attacked a village in our country," Jalil Abbas Jilani said on Thursday.'
    event = _one(code(text), "ASSAULT")
    assert _countries(event.actor) == ["IRN"]
    speaker = event.speaker
    assert speaker is not None
    assert (speaker.name, speaker.country, speaker.sector) == ("Jalil Abbas Jilani", "PAK", "GOV")
    assert text[speaker.start : speaker.end] == "Jalil Abbas Jilani"


def test_reported_speech_has_its_speaker(code):
    text = "Jalil Abbas Jilani told reporters that Iran had attacked a village in Balochistan."
    event = _one(code(text), "ASSAULT")
    assert event.speaker is not None and event.speaker.name == "Jalil Abbas Jilani"
    assert _countries(event.actor) == ["IRN"]


def test_condemning_words_of_a_speaker_are_an_accusation(code):
    text = (
        "\"This was another reckless attack and one more sign of Iran's destabilising "
        'behaviour," Antony Blinken said.'
    )
    accuse = _one(code(text), "ACCUSE")
    assert accuse.cameo == "111"
    assert [(a.name, a.country, a.sector) for a in accuse.actor] == [
        ("Antony Blinken", "USA", "GOV")
    ]
    assert _countries(accuse.recipient) == ["IRN"]
    assert accuse.speaker is not None and accuse.speaker.name == "Antony Blinken"
    assert accuse.trigger.split()[0] in {"reckless", "destabilising"}


def test_condemning_words_without_a_speaker_are_only_framing(code):
    events = code("Iran's reckless attack on Pakistan drew wide criticism.")
    assert _of_type(events, "ACCUSE") == []
    assert _countries(_one(events, "ASSAULT").actor) == ["IRN"]


# --------------------------------------------------------------------------- places


def test_attack_on_militants_in_a_region_is_coded_to_its_country(code):
    event = _one(code("Iranian missiles struck militants in Balochistan on Tuesday."), "ASSAULT")
    assert _countries(event.actor) == ["IRN"]
    (recipient,) = event.recipient
    assert (recipient.text, recipient.country, recipient.sector) == ("militants", "PAK", "REB")


def test_attack_on_a_place_gives_the_place_as_recipient(code):
    event = _one(code("Iranian drones struck a village in Panjgur district."), "ASSAULT")
    (recipient,) = event.recipient
    assert (recipient.name, recipient.country) == ("Panjgur", "PAK")


# --------------------------------------------------------------------------- records

SAMPLE = [
    "Pakistani soldiers attacked Iranian border posts on Tuesday.",
    "Pakistan was attacked by Iranian troops overnight.",
    "Officials described the Iranian attack on Pakistan as a shock.",
    "Jalil Abbas Jilani flew to Tehran on Monday. He criticised Iran on Tuesday.",
    "Iran threatened Pakistan with retaliation.",
    "Pakistan and Iran agreed to hold talks. The two countries also condemned terrorism.",
    '"Iran attacked a village in our country," Jalil Abbas Jilani said on Thursday.',
    "Tehran accused Islamabad of harbouring militants.",
]


@pytest.fixture(scope="module")
def sample_events(nlp):
    return list(zip(SAMPLE, code_texts(SAMPLE, ref_date=REF_DATE, nlp=nlp), strict=True))


def test_every_sample_sentence_gives_events(sample_events):
    assert all(events for _, events in sample_events)


def test_evidence_offsets_point_at_the_sentence(sample_events):
    for text, events in sample_events:
        for event in events:
            evidence = event.evidence
            assert text[evidence.start : evidence.end] == evidence.text
            assert event.trigger in evidence.text
            assert evidence.sentence >= 0


def test_actor_offsets_point_at_their_text(sample_events):
    for text, events in sample_events:
        for event in events:
            refs = [*event.actor, *event.recipient, *([event.speaker] if event.speaker else [])]
            for ref in refs:
                assert ref.start is not None and ref.end is not None, ref
                assert text[ref.start : ref.end] == ref.text, (text, ref)


def test_codes_agree_with_the_ontology(sample_events):
    table, types = cameo_table(), plover_types()
    for _, events in sample_events:
        for event in events:
            assert event.event_type in types
            cameo = table[event.cameo]
            assert (event.goldstein, event.quad) == (cameo.goldstein, cameo.quad)
            if event.mode is not None:
                assert event.mode in types[event.event_type].modes


def test_records_are_plain_data(sample_events):
    for _, events in sample_events:
        for event in events:
            data = event.to_dict()
            assert data["id"] == event.id and len(event.id) == 16
            assert isinstance(data["actor"], list) and isinstance(data["evidence"], dict)


# --------------------------------------------------------------------------- known bugs


def test_evidence_text_is_the_sentence_without_the_paragraph_break(code):
    text = "Pakistani soldiers attacked Iranian border posts.\n\nIran condemned Pakistan."
    first = _one(code(text), "ASSAULT")
    assert first.evidence.text == "Pakistani soldiers attacked Iranian border posts."
    assert first.evidence.end == text.index("\n\n")


def test_warning_with_no_target_is_not_a_threat(code):
    assert _of_type(code("Pakistan warned that the situation was dire."), "THREATEN") == []


def test_attack_without_warning_is_not_a_threat(code):
    events = code("Iran attacked the village without warning.")
    assert [e.event_type for e in events] == ["ASSAULT"]


def test_threat_to_attack_takes_its_mode_from_the_embedded_verb(code):
    threat = _one(code("Iran threatened to attack Pakistan."), "THREATEN")
    assert threat.mode in {"attack", "military-force"}
    assert threat.cameo in {"138", "1384"}


def test_condemning_an_attack_does_not_accuse_its_victim(code):
    accuse = _one(code("Jalil Abbas Jilani condemned the attack on Pakistan."), "ACCUSE")
    assert _countries(accuse.actor) == ["PAK"]
    assert "PAK" not in _countries(accuse.recipient)


def test_conjoined_nationalities_are_one_actor_each_and_a_meeting_codes_both_dyads(code):
    event = _one(code("Iranian and Pakistani officials met in Dubai on Monday."), "CONSULT")
    assert sorted(a.code for a in event.actor) == ["IRNGOV", "PAKGOV"]
    assert sorted(r.code for r in event.recipient) == ["IRNGOV", "PAKGOV"]


def test_recipient_found_through_of(code):
    text = "Pakistan welcomed the restoration of diplomatic ties with Iran."
    event = _one(code(text), "SUPPORT")
    assert _countries(event.recipient) == ["IRN"]
