"""Resolution of single names: priors, focus, containers, fuzzy matching."""

from __future__ import annotations

import pytest

from crisiswire.geo import resolve
from crisiswire.geo.resolve import demonym_country, haversine_km


def test_misspelt_panjgur_resolves_with_fuzzy_only():
    location = resolve("Pangur", fuzzy=True)
    assert location is not None
    assert (location.name, location.country) == ("Panjgur", "PAK")
    assert resolve("Pangur") is None


def test_panjgur_in_balochistan():
    location = resolve("Panjgur", container="Balochistan")
    assert location.country == "PAK" and location.admin1 == "Balochistan"
    assert haversine_km(location.lat, location.lon, 26.97, 64.09) < 30


def test_paris_alone_is_france_and_paris_texas_is_american():
    assert resolve("Paris").country == "FRA"
    texas = resolve("Paris", container="Texas")
    assert (texas.country, texas.admin1) == ("USA", "Texas")


def test_country_names_are_countries_first():
    assert resolve("Jordan").feature == "country"
    assert resolve("Jordan").country == "JOR"
    assert resolve("Georgia").country == "GEO"


@pytest.mark.parametrize(
    ("focus", "country", "feature"),
    [({"USA": 1.0}, "USA", "admin1"), ({"RUS": 1.0, "ARM": 0.5}, "GEO", "country")],
)
def test_georgia_follows_the_focus(focus, country, feature):
    location = resolve("Georgia", focus=focus)
    assert (location.country, location.feature) == (country, feature)


def test_saravan_in_iran_and_accents():
    location = resolve("Saravan", container="Iran")
    assert location.country == "IRN"
    assert resolve("Sarāvān").country == "IRN"
    assert haversine_km(location.lat, location.lon, 27.37, 62.33) < 30


def test_focus_decides_between_same_named_towns():
    assert resolve("Alexandria").country == "EGY"
    assert resolve("Alexandria", focus={"USA": 1.0}).country == "USA"


def test_fuzzy_does_not_turn_words_into_places():
    for word in ("dinner", "yesterday", "ministry", "spokesman", "ceasefire", "border"):
        # fuzzy matching adds nothing to an ordinary word ("Border" is, exactly, a GeoNames
        # alternate name of a French village: find_places never looks such words up)
        assert resolve(word.capitalize(), fuzzy=True) == resolve(word.capitalize()), word
    for word in ("dinner", "yesterday", "ministry", "spokesman", "ceasefire"):
        assert resolve(word.capitalize(), fuzzy=True) is None, word


def test_demonyms_are_not_resolved_unless_asked():
    assert resolve("Iranian") is None
    assert resolve("Iranian", adjectival=True).country == "IRN"
    assert demonym_country("Pakistanis") == "PAK"


@pytest.mark.parametrize("bad", ["", "   ", None, 42])
def test_bad_input_resolves_to_none(bad):
    assert resolve(bad) is None  # type: ignore[arg-type]


def test_location_fields():
    location = resolve("Davos")
    assert location.country == "CHE"
    assert location.geonameid == 2661039
    assert location.feature == "city"
    assert isinstance(location.lat, float) and isinstance(location.lon, float)
