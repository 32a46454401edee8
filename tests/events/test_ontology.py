"""Ontology tables (CAMEO, PLOVER) and the event patterns that point into them."""

from __future__ import annotations

import pytest

from crisiswire.events.ontology import (
    CameoCode,
    cameo_for,
    cameo_table,
    plover_types,
    root_quad5,
)
from crisiswire.events.patterns import load_patterns

PLOVER_16 = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
QUADS = {
    "verbal-cooperation": 1,
    "material-cooperation": 2,
    "verbal-conflict": 3,
    "material-conflict": 4,
}


def _cameo_quad(code: str) -> int:
    """GDELT's QuadClass by CAMEO root: 01–05, 06–08, 09–13, 14–20."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


# --------------------------------------------------------------------------- CAMEO


def test_cameo_table_known_rows():
    table = cameo_table()
    assert table["190"] == CameoCode(
        "190", "Use conventional military force, not specified below", -10.0, 4
    )
    assert (table["111"].goldstein, table["111"].quad) == (-2.0, 3)
    assert (table["030"].goldstein, table["030"].quad) == (4.0, 1)
    assert table["138"].quad == 3


def test_cameo_table_is_well_formed():
    table = cameo_table()
    assert len(table) > 250
    roots = {f"{n:02d}" for n in range(1, 21)}
    assert roots <= table.keys()
    for code, row in table.items():
        assert row.code == code and code.isdigit() and 2 <= len(code) <= 4
        assert code[:2] in roots
        assert -10.0 <= row.goldstein <= 10.0
        assert row.quad == _cameo_quad(code), code
        if len(code) == 4:
            assert code[:3] in table, code  # a sub-code has its three-digit parent


def test_cameo_table_is_cached():
    assert cameo_table() is cameo_table()


# --------------------------------------------------------------------------- PLOVER


def test_plover_has_its_16_types():
    types = plover_types()
    assert len(types) == 16
    assert set(types) == PLOVER_16


def test_plover_types_point_into_the_cameo_table():
    table, types = cameo_table(), plover_types()
    for name, spec in types.items():
        assert spec.name == name
        assert spec.quad in QUADS
        assert spec.default_cameo in table
        assert set(spec.mode_cameo) == set(spec.modes), name  # every mode has a code
        assert all(code in table for code in spec.mode_cameo.values())


def test_plover_quad_groups():
    types = plover_types()
    assert types["AGREE"].quad == "verbal-cooperation"
    assert types["AID"].quad == "material-cooperation"
    assert types["THREATEN"].quad == "verbal-conflict"
    assert types["ASSAULT"].quad == "material-conflict"
    assert "aerial" in types["ASSAULT"].modes


# --------------------------------------------------------------------------- cameo_for


@pytest.mark.parametrize(
    ("event_type", "mode", "cameo", "expected"),
    [
        ("ASSAULT", None, None, "190"),  # default of the type
        ("ASSAULT", "aerial", None, "195"),  # the mode's code
        ("ASSAULT", "aerial", "1952", "1952"),  # a pattern's own code wins
        ("ASSAULT", None, "9999", "190"),  # an unknown code falls back to the type
        ("ASSAULT", "no-such-mode", None, "190"),
        ("ACCUSE", "disapprove", None, "111"),
        ("THREATEN", "military-force", None, "138"),
        ("AGREE", None, None, "030"),
    ],
)
def test_cameo_for(event_type, mode, cameo, expected):
    found = cameo_for(event_type, mode, cameo)
    assert found is cameo_table()[expected]


def test_cameo_for_unknown_type_is_an_error():
    with pytest.raises(KeyError):
        cameo_for("NOT-A-TYPE", None)


# --------------------------------------------------------------------------- root_quad5


@pytest.mark.parametrize(
    ("code", "quad5"),
    [
        ("010", 0), ("0256", 0), ("02", 0),
        ("030", 1), ("057", 1),
        ("060", 2), ("0871", 2),
        ("090", 3), ("111", 3), ("138", 3), ("161", 3),
        ("141", 4), ("154", 4), ("173", 4), ("190", 4), ("1952", 4), ("204", 4),
    ],
)  # fmt: skip
def test_root_quad5(code, quad5):
    assert root_quad5(code) == quad5


def test_root_quad5_differs_from_cameo_quad_only_for_statements_and_16():
    for code in cameo_table():
        root = int(code[:2])
        if root <= 2:
            assert root_quad5(code) == 0
        elif root == 16:
            assert (root_quad5(code), _cameo_quad(code)) == (3, 4)
        else:
            assert root_quad5(code) == _cameo_quad(code), code


# --------------------------------------------------------------------------- patterns


@pytest.fixture(scope="module")
def patterns():
    return load_patterns()


def test_patterns_load(patterns):
    assert len(patterns.verbs) > 100 and len(patterns.nouns) > 50 and patterns.compounds
    assert "say" in patterns.speech_verbs
    assert "warn" in patterns.threat_verbs
    assert "plan" in patterns.intent_verbs
    assert "reckless" in patterns.condemnation_modifiers
    assert "committee" in patterns.body_anaphors
    assert load_patterns() is patterns


def test_every_pattern_type_and_code_exists(patterns):
    table, types = cameo_table(), plover_types()
    rows = [p for group in (patterns.verbs, patterns.nouns, patterns.compounds)
            for rows in group.values() for p in rows]  # fmt: skip
    assert rows
    for pattern in rows:
        assert pattern.event_type in types, pattern
        if pattern.cameo:
            assert pattern.cameo in table, pattern
        if pattern.mode:
            assert pattern.mode in types[pattern.event_type].modes, pattern


def test_pattern_keys_are_their_lemmas(patterns):
    for group in (patterns.verbs, patterns.nouns, patterns.compounds):
        for lemma, rows in group.items():
            assert lemma == lemma.lower()
            assert all(p.lemma == lemma for p in rows)
    assert all(" " in lemma for lemma in patterns.compounds)
    assert not any(" " in lemma for lemma in patterns.nouns)


def test_light_verbs_are_collected_from_noun_rows(patterns):
    nouns = [p for group in (patterns.nouns, patterns.compounds) for rows in group.values()
             for p in rows]  # fmt: skip
    first_words = {v.split()[0] for p in nouns for v in p.light_verbs}
    assert first_words == patterns.light_verbs
    assert "launch" in patterns.light_verbs


def test_specific_verb_rows_are_tried_first(patterns):
    for rows in patterns.verbs.values():
        keys = [(p.particle is None, not p.objects) for p in rows]
        assert keys == sorted(keys)
    meet = patterns.verbs["meet"]
    assert meet[0].event_type == "THREATEN" and "might" in meet[0].objects
    assert meet[-1].event_type == "CONSULT" and meet[-1].particle is None
