"""Actor dictionaries: countries, capitals, demonyms, IGOs, sector words, places, people.

The data tests read the shipped files in ``src/crisiswire/data``; the error tests copy them
to a temporary folder (through a patched ``data_path``) and break one file at a time.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

import crisiswire.actors.dictionary as dictionary_module
import crisiswire.data.tables as tables_module
from crisiswire.actors.dictionary import Entry, Role, load_dictionary
from crisiswire.data import DataFileError, data_path


@pytest.fixture(scope="module")
def actors():
    return load_dictionary()


def _only(actors, phrase: str, kind: str | None = None) -> Entry:
    entries = [e for e in actors.names.get(phrase, []) if kind is None or e.kind == kind]
    assert len(entries) == 1, (phrase, actors.names.get(phrase))
    return entries[0]


# --------------------------------------------------------------------------- loading


def test_dictionary_is_loaded_once_per_process(actors):
    assert load_dictionary() is actors


def test_country_names_and_aliases_code_the_iso3(actors):
    pakistan = _only(actors, "Pakistan")
    assert (pakistan.kind, pakistan.country, pakistan.sector) == ("country", "PAK", None)
    assert _only(actors, "Islamic Republic of Pakistan", "country").country == "PAK"
    assert _only(actors, "Iran", "country").country == "IRN"
    assert _only(actors, "US", "country").country == "USA"


def test_demonyms_are_their_own_kind_with_the_country_code(actors):
    for phrase in ("Iranian", "Iranians"):
        entry = _only(actors, phrase)
        assert (entry.kind, entry.name, entry.country) == ("demonym", "Iran", "IRN")
    assert _only(actors, "Pakistani").country == "PAK"


def test_metonym_capital_is_the_government(actors):
    tehran = _only(actors, "Tehran")
    assert (tehran.kind, tehran.country, tehran.sector) == ("capital", "IRN", "GOV")
    # the listed spelling variant is a metonym too
    assert _only(actors, "Teheran").country == "IRN"
    assert _only(actors, "Islamabad").sector == "GOV"


def test_capital_without_metonym_is_known_as_capital_but_names_no_actor(actors):
    # Brussels hosts the EU and NATO: capital_metonym is 0 in countries.tsv
    assert "Brussels" not in actors.names
    assert actors.capitals["Brussels"] == "BEL"
    assert actors.capitals["Tehran"] == "IRN"


def test_igos_code_as_igo(actors):
    for phrase in ("United Nations", "UN"):
        entry = _only(actors, phrase)
        assert (entry.kind, entry.name, entry.country, entry.sector) == (
            "igo",
            "United Nations",
            "IGO",
            "IGO",
        )


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [
        ("army", "MIL"),
        ("soldiers", "MIL"),
        ("police", "COP"),
        ("security forces", "COP"),
        ("border guards", "COP"),
        ("militants", "REB"),
        ("gunmen", "UAF"),
        ("foreign ministry", "GOV"),
        ("counterpart", "GOV"),
        ("defence ministry", "MIL"),
        ("defence minister", "GOV"),
        ("intelligence agency", "SPY"),
        ("journalists", "MED"),
        ("civilians", "CVL"),
        ("refugees", "REF"),
    ],
)
def test_sector_words(actors, phrase, sector):
    assert actors.sectors[phrase] == sector


def test_sector_phrases_are_lower_case_and_use_known_codes(actors):
    codes = {"GOV", "MIL", "COP", "SPY", "REB", "UAF", "JUD", "LEG", "OPP", "PTY", "MED", "CVL",
             "REF", "BUS", "EDU", "HLH", "NGO", "CRM", "LAB", "REL", "AGR"}  # fmt: skip
    assert all(phrase == phrase.lower() for phrase in actors.sectors)
    assert set(actors.sectors.values()) <= codes


def test_regions_are_places_with_their_country(actors):
    balochistan = _only(actors, "Balochistan")
    assert (balochistan.kind, balochistan.country, balochistan.sector) == ("place", "PAK", None)
    assert _only(actors, "Baluchistan").name == "Balochistan"
    assert _only(actors, "Panjgur district").name == "Panjgur"
    assert _only(actors, "Sistan and Baluchestan").country == "IRN"
    assert _only(actors, "Nangarhar").country == "AFG"


def test_places_never_carry_a_sector(actors):
    places = [e for entries in actors.names.values() for e in entries if e.kind == "place"]
    assert len(places) > 30
    assert all(p.sector is None and p.country and len(p.country) == 3 for p in places)


def test_no_phrase_names_two_countries(actors):
    """countries.tsv: "no alias or demonym string may belong to two countries"."""
    for phrase, entries in actors.names.items():
        states = {e.country for e in entries if e.kind in ("country", "demonym", "capital")}
        assert len(states) <= 1, (phrase, entries)


def test_people_roles_use_known_countries_and_sectors(actors):
    countries = {e.country for es in actors.names.values() for e in es if e.kind == "country"}
    sectors = set(actors.sectors.values()) | {"IGO"}
    people = {e for es in actors.names.values() for e in es if e.kind in ("person", "group")}
    assert len(people) > 100
    for entry in people:
        assert entry.roles, entry
        for role in entry.roles:
            assert role.country in countries | {"IGO", None}, (entry.name, role)
            assert role.sector in sectors, (entry.name, role)


# --------------------------------------------------------------------------- people


def test_short_forms_are_kept_apart_from_full_names(actors):
    raisi = _only(actors, "Ebrahim Raisi")
    assert raisi.kind == "person"
    assert "Raisi" not in actors.names
    assert actors.short_names["Raisi"] == [raisi]
    assert _only(actors, "Ebrahim Raeisi") is raisi  # an alias is a full name


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 1, 17), ("IRN", "GOV")),  # president
        (date(2024, 5, 19), ("IRN", "GOV")),  # `to` is inclusive
        (date(2020, 6, 1), ("IRN", "JUD")),  # head of the judiciary
        (date(2024, 6, 1), None),  # after his death: no role
        (date(2021, 7, 15), None),  # between the two posts
        (None, ("IRN", "GOV")),  # undated text: the latest role
    ],
)
def test_person_role_depends_on_the_date(actors, day, expected):
    role = _only(actors, "Ebrahim Raisi").role_on(day)
    if expected is None:
        assert role is None
    else:
        assert (role.country, role.sector) == expected


def test_group_without_dates_always_applies(actors):
    group = _only(actors, "Jaish al-Adl")
    assert group.kind == "group"
    for day in (date(2012, 1, 1), date(2024, 1, 17), None):
        role = group.role_on(day)
        assert (role.country, role.sector) == ("IRN", "REB")


def test_role_on_with_hand_built_roles():
    old = Role("AAA", "MIL", start=date(2010, 1, 1), end=date(2015, 12, 31))
    new = Role("AAA", "GOV", start=date(2016, 1, 1))
    entry = Entry("person", "A. Person", roles=(old, new))
    assert entry.role_on(date(2012, 5, 5)) is old
    assert entry.role_on(date(2015, 12, 31)) is old
    assert entry.role_on(date(2030, 1, 1)) is new
    assert entry.role_on(date(2009, 12, 31)) is None
    assert entry.role_on(None) is new
    assert Entry("country", "Nowhere", "NWH").role_on(date(2024, 1, 1)) is None


def test_on_a_handover_day_the_first_listed_role_wins(actors):
    role = _only(actors, "Arif Alvi").role_on(date(2024, 3, 10))
    assert (role.country, role.sector) == ("PAK", "GOV")


# --------------------------------------------------------------------------- load errors


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A writable copy of data/actors and data/gazetteer that the loader reads instead."""
    for folder in ("actors", "gazetteer"):
        shutil.copytree(Path(data_path(folder)), tmp_path / folder)

    def fake_data_path(name: str) -> str:
        return str(tmp_path / name)

    monkeypatch.setattr(tables_module, "data_path", fake_data_path)
    monkeypatch.setattr(dictionary_module, "data_path", fake_data_path)
    return tmp_path


def _load_uncached():
    return load_dictionary.__wrapped__()


def _append(path: Path, line: str) -> int:
    """Append a line; its 1-based line number in the file."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    text += line + "\n"
    path.write_text(text, encoding="utf-8")
    return text.count("\n")


def test_copied_data_loads_like_the_shipped_data(data_copy, actors):
    copy = _load_uncached()
    assert copy is not actors
    assert copy.names.keys() == actors.names.keys()
    assert copy.sectors == actors.sectors


def test_bad_iso3_names_file_and_line(data_copy):
    line = _append(
        data_copy / "actors/countries.tsv", "XX\tFreedonia\t\tFreedonian\tFredville\t\t1"
    )
    with pytest.raises(DataFileError, match=rf"countries\.tsv:{line}: iso3 'XX'"):
        _load_uncached()


def test_too_many_columns_names_file_and_line(data_copy):
    path = data_copy / "actors/igos.tsv"
    line = _append(path, "ZZZ\tZed Union\tZU\tIGO\textra")
    with pytest.raises(DataFileError) as caught:
        _load_uncached()
    assert f"{path}:{line}:" in str(caught.value)
    assert "5 columns, header has 4" in str(caught.value)


def test_empty_igo_code_names_file_and_line(data_copy):
    line = _append(data_copy / "actors/igos.tsv", "\tNameless Union\t\tIGO")
    with pytest.raises(DataFileError, match=rf"igos\.tsv:{line}: empty code"):
        _load_uncached()


def test_region_country_not_alpha3_names_file_and_line(data_copy):
    line = _append(data_copy / "gazetteer/regions.tsv", "Upper Vale\t\tPK\tadmin1")
    with pytest.raises(DataFileError, match=rf"gazetteer/regions\.tsv:{line}: country"):
        _load_uncached()


def test_header_lacking_a_column_names_file_and_line(data_copy):
    path = data_copy / "actors/sectors.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("phrase\t"))
    lines[number - 1] = "phrase\tcode\tnote"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"sectors\.tsv:{number}: header lacks sector"):
        _load_uncached()


def test_yaml_syntax_error_names_file_and_line(data_copy):
    path = data_copy / "actors/people.yaml"
    path.write_text(
        "- name: Test Person\n  roles:\n    - {country: PAK, sector: GOV\n- name: Other Person\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        _load_uncached()
    assert str(caught.value).startswith(f"{path}:4:")


def test_bad_role_date_names_file_and_entry(data_copy):
    path = data_copy / "actors/people.yaml"
    path.write_text(
        "- name: Test Person\n  roles:\n    - {country: PAK, sector: GOV, from: early 2024}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        _load_uncached()
    message = str(caught.value)
    assert str(path) in message
    assert "entry 1 (Test Person)" in message
    assert "'early 2024' is not a YYYY-MM-DD date" in message


def test_impossible_role_date_names_file(data_copy):
    path = data_copy / "actors/people.yaml"
    path.write_text(
        "- name: Test Person\n  roles:\n    - {country: PAK, sector: GOV, from: 2024-02-30}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=re.escape(str(path))):
        _load_uncached()


def test_person_without_name_is_an_error(data_copy):
    path = data_copy / "actors/people.yaml"
    path.write_text("- aliases: [Nobody]\n  roles: []\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"entry 1 .*needs a name"):
        _load_uncached()


def test_role_ending_before_it_starts_is_an_error(data_copy):
    path = data_copy / "actors/people.yaml"
    path.write_text(
        "- name: Test Person\n"
        "  roles:\n"
        "    - {country: PAK, sector: GOV, from: 2024-05-01, to: 2023-01-01}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="Test Person"):
        _load_uncached()
