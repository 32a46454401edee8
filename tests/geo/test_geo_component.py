"""find_places and the crisiswire_geo component on sentences written for these tests."""

from __future__ import annotations

from crisiswire.geo import find_places, is_metonymic_subject


def _by_text(places):
    return {p.text: p for p in places}


def test_component_sets_places_with_offsets(nlp):
    text = "Gunmen attacked a police post in Balochistan's Panjgur district on Tuesday."
    doc = nlp(text)
    places = doc._.cw_places
    assert places == find_places(doc)
    for place in places:
        assert text[place.start : place.end] == place.text
        assert place.sentence == 0
    found = _by_text(places)
    assert found["Panjgur"].location.country == "PAK"
    assert found["Panjgur"].location.admin1 == "Balochistan"
    assert found["Balochistan"].location.feature == "admin1"


def test_misspelling_resolved_only_in_a_toponym_context(nlp):
    doc = nlp("Troops searched houses in Pangur district after the raid, officials said.")
    found = _by_text(doc._.cw_places)
    assert found["Pangur"].location.name == "Panjgur"
    doc = nlp("The minister praised the breakfast and left for the airport.")
    assert doc._.cw_places == []


def test_saravan_with_a_demonym_container(nlp):
    doc = nlp("A mortar hit the Iranian town of Saravan near the border.")
    found = _by_text(doc._.cw_places)
    assert found["Saravan"].location.country == "IRN"
    assert "Iranian" not in found


def test_paris_texas_split_and_contained(nlp):
    doc = nlp("The band played in Paris, Texas, before a show in Paris, Tenn., last week.")
    places = doc._.cw_places
    parises = [p for p in places if p.text == "Paris"]
    assert [p.location.admin1 for p in parises] == ["Texas", "Tennessee"]
    assert all(p.location.country == "USA" for p in parises)


def test_article_focus_reads_jordan_as_the_kingdom(nlp):
    doc = nlp(
        "Jordan closed its border crossings on Sunday. Traffic through the towns of "
        "Irbid and Mafraq stopped, and officials in Amman said the crossings would reopen."
    )
    found = _by_text(doc._.cw_places)
    assert found["Jordan"].location.country == "JOR"
    assert found["Irbid"].location.country == "JOR"
    assert found["Amman"].location.country == "JOR"
    assert [p.sentence for p in doc._.cw_places] == sorted(p.sentence for p in doc._.cw_places)
    assert found["Amman"].sentence == 1


def test_georgia_by_article_context(nlp):
    caucasus = nlp("Russian troops moved toward Tbilisi as Georgia asked for a ceasefire.")
    assert _by_text(caucasus._.cw_places)["Georgia"].location.country == "GEO"
    south = nlp("Storms hit Atlanta and Savannah overnight, and Georgia declared an emergency.")
    assert _by_text(south._.cw_places)["Georgia"].location.country == "USA"


def test_demonyms_are_not_places(nlp):
    doc = nlp("Iranian and Pakistani officials met on Monday.")
    assert all(p.text not in ("Iranian", "Pakistani") for p in doc._.cw_places)


def test_metonymic_subjects(nlp):
    doc = nlp("Tehran said the strike was illegal, and Washington urged restraint in Quetta.")
    found = _by_text(doc._.cw_places)
    assert is_metonymic_subject(found["Tehran"], doc)
    assert is_metonymic_subject(found["Washington"], doc)
    assert not is_metonymic_subject(found["Quetta"], doc)


def test_empty_and_placeless_docs(nlp):
    assert nlp("")._.cw_places == []
    assert nlp("Nothing happened here at all.")._.cw_places == []


def test_works_without_the_component(nlp):
    doc = nlp.make_doc("Floods in Sindh")  # no parse, no entities
    assert find_places(doc) == []
