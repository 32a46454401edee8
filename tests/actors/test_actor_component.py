"""The ``crisiswire_actors`` component: which phrases become `Mention`s on ``doc._.cw_mentions``."""

from __future__ import annotations

from datetime import date

import pytest

from crisiswire.actors.component import Mention
from crisiswire.nlp.pipeline import load_pipeline, make_doc

REF_DATE = date(2024, 1, 17)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def parse(nlp):
    def run(text: str):
        return nlp(make_doc(nlp, text, REF_DATE))

    return run


def _found(doc) -> list[tuple[str, str, str | None]]:
    """(words, kind, code) per mention, in order; code is the entry's country or the sector."""
    out = []
    for m in doc._.cw_mentions:
        code = m.entry.country if m.entry is not None else m.sector
        out.append((doc[m.start : m.end].text, m.kind, code))
    return out


def test_components_are_in_the_pipeline_in_order(nlp):
    names = nlp.pipe_names
    assert names.index("ner") < names.index("crisiswire_actors") < names.index("crisiswire_events")


def test_doc_without_actors_gets_an_empty_list(parse):
    assert parse("The weather was fine all week.")._.cw_mentions == []


def test_demonyms_sector_words_and_places(parse):
    doc = parse("Pakistani soldiers and Iranian border guards exchanged fire near Taftan.")
    found = list(dict.fromkeys(_found(doc)))  # order kept, repeats dropped
    assert found == [
        ("Pakistani", "demonym", "PAK"),
        ("soldiers", "sector", "MIL"),
        ("Iranian", "demonym", "IRN"),
        ("border guards", "sector", "COP"),
        ("Taftan", "place", "PAK"),
    ]
    assert all(isinstance(m, Mention) for m in doc._.cw_mentions)
    starts = [m.start for m in doc._.cw_mentions]
    assert starts == sorted(starts)


def test_each_span_is_one_mention_per_meaning(parse):
    doc = parse("Pakistani soldiers and Iranian border guards exchanged fire near Taftan.")
    mentions = doc._.cw_mentions
    assert len(mentions) == len({(m.start, m.end, m.kind, m.entry, m.sector) for m in mentions})


def test_longest_sector_phrase_wins(parse):
    doc = parse("Security forces and the foreign ministry spokesperson arrived.")
    found = _found(doc)
    assert ("Security forces", "sector", "COP") in found
    assert ("foreign ministry spokesperson", "sector", "GOV") in found
    assert not any(text in ("forces", "spokesperson", "ministry") for text, _, _ in found)


def test_metonym_capital_is_marked_and_other_capitals_are_not(parse):
    doc = parse("Tehran summoned the envoy while Brussels stayed silent.")
    found = _found(doc)
    assert ("Tehran", "capital", "IRN") in found
    assert not any(text == "Brussels" for text, _, _ in found)
    tehran = next(m for m in doc._.cw_mentions if m.kind == "capital")
    assert tehran.entry.sector == "GOV"


def test_igo_and_unknown_organisation(parse):
    doc = parse("The Northfield Peace Institute and the United Nations called for calm.")
    found = _found(doc)
    assert ("Northfield Peace Institute", "unknown", None) in found
    assert ("United Nations", "igo", "IGO") in found
    unknown = next(m for m in doc._.cw_mentions if m.kind == "unknown")
    assert unknown.entry is None and unknown.sector is None


def test_named_person_wins_over_an_entity_label(parse):
    # the small model labels this name ORG; the dictionary still knows it is a person
    doc = parse("Ebrahim Raisi spoke to reporters in Tehran.")
    person = next(m for m in doc._.cw_mentions if m.kind == "person")
    assert doc[person.start : person.end].text == "Ebrahim Raisi"
    assert person.entry.name == "Ebrahim Raisi"


def test_surname_only_counts_after_the_full_name(parse):
    before = parse("Blinken spoke to reporters on Monday.")
    assert not any(m.kind == "person" for m in before._.cw_mentions)
    after = parse("Antony Blinken landed on Monday. Later Blinken spoke to reporters.")
    people = [m for m in after._.cw_mentions if m.kind == "person"]
    assert [after[m.start : m.end].text for m in people] == ["Antony Blinken", "Blinken"]
    assert {m.entry.name for m in people} == {"Antony Blinken"}


def test_close_spelling_of_a_known_person_resolves_to_them(parse):
    doc = parse("Anwar-ul-Haque Kakar condemned the strike.")
    person = next(m for m in doc._.cw_mentions if m.kind == "person")
    assert doc[person.start : person.end].text == "Anwar-ul-Haque Kakar"
    assert person.entry.name == "Anwaar-ul-Haq Kakar"


def test_places_and_nationalities_no_dictionary_knows_are_not_actors(parse):
    doc = parse("Visitors from Ruritania admired the Ruritanian hills near Zendaville.")
    assert doc._.cw_mentions == []
