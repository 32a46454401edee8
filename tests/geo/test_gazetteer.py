"""The gazetteer: names, normalisation, data files, fuzzy matching."""

from __future__ import annotations

import pytest

from crisiswire.data.tables import tsv_rows
from crisiswire.geo.gazetteer import designator_free, get_gazetteer, normalize


def test_normalize_folds_accents_case_and_punctuation():
    assert normalize("Sarāvān") == "saravan"
    assert normalize("U.S.") == "us"
    assert normalize("Khyber–Pakhtunkhwa") == normalize("Khyber Pakhtunkhwa")
    assert normalize("the Gaza Strip") == "gaza strip"
    assert normalize("København") == "kobenhavn"
    assert normalize("Москва") == ""
    assert normalize("") == ""


def test_designator_free():
    assert designator_free("rapides parish") == "rapides"
    assert designator_free("province of bulacan") == "bulacan"
    assert designator_free("paris") is None


def test_gazetteer_is_shared_and_large():
    gazetteer = get_gazetteer()
    assert gazetteer is get_gazetteer()
    assert len(gazetteer) > 200_000


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Balochistan", "PAK", "admin1"),
        ("Sistan-Baluchestan", "IRN", "admin1"),
        ("Sistan", "IRN", "admin1"),  # the province's short name, not a Croatian village
        ("Panjgur district", "PAK", "district"),
        ("Rapides Parish", "USA", "admin2"),
        ("Tenn.", "USA", "admin1"),
        ("Davos", "CHE", "city"),
        ("U.S.", "USA", "country"),
    ],
)
def test_exact_candidates(name, country, feature):
    found = get_gazetteer().candidates(name)
    assert any(c.country == country and c.feature == feature for c in found), found


def test_non_ascii_and_ascii_spellings_meet():
    plain = {c.row for c in get_gazetteer().candidates("Saravan")}
    accented = {c.row for c in get_gazetteer().candidates("Sarāvān")}
    assert plain and plain == accented


def test_abbreviations_match_only_as_written():
    gazetteer = get_gazetteer()
    assert any(c.name == "Mississippi" for c in gazetteer.candidates("Miss."))
    assert not any(c.name == "Mississippi" for c in gazetteer.candidates("miss"))


def test_fuzzy_only_when_asked_and_only_for_long_names():
    gazetteer = get_gazetteer()
    assert gazetteer.candidates("Pangur") == []
    assert any(c.name == "Panjgur" for c in gazetteer.candidates("Pangur", fuzzy=True))
    assert gazetteer.candidates("Pngr", fuzzy=True) == []
    for word in ("breakfast", "yesterday", "ministry", "ceasefire"):
        assert gazetteer.candidates(word, fuzzy=True) == [], word


def test_bad_input():
    gazetteer = get_gazetteer()
    assert gazetteer.candidates("") == []
    assert gazetteer.candidates("   ") == []
    assert gazetteer.candidates("!!!", fuzzy=True) == []


def test_generated_tables_have_their_columns():
    for name, columns in (
        ("gazetteer/admin1.tsv", ("cc2", "cc3", "admin1code", "name", "lat", "lon")),
        ("gazetteer/admin2.tsv", ("cc3", "admin1", "name", "lat", "lon")),
        ("gazetteer/countries.tsv", ("cc3", "name", "lat", "lon", "geonameid")),
        ("gazetteer/places.tsv", ("name", "aliases", "country", "feature", "lat", "lon")),
    ):
        rows = list(tsv_rows(name, columns))
        assert rows, name


def test_regions_tsv_still_loads_for_actors():
    from crisiswire.actors.dictionary import load_dictionary

    assert load_dictionary() is not None


def test_the_gulf_is_the_persian_gulf():
    assert any(c.name == "Persian Gulf" for c in get_gazetteer().candidates("Gulf"))
