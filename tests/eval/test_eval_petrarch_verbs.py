"""Reading PETRARCH-format verb dictionaries into our verb patterns (fixture we wrote)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisiswire.eval.common import EvalDataError
from crisiswire.eval.petrarch_verbs import load_petrarch_verbs, parse_verb_dictionary

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eval"


@pytest.fixture(scope="module")
def verbs():
    return parse_verb_dictionary((FIXTURES / "petrarch_verbs.txt").read_text())


def test_block_default_code_and_type(verbs):
    bare = [p for p in verbs["mend"] if not p.objects and not p.particle]
    assert [(p.cameo, p.event_type) for p in bare] == [("050", "SUPPORT")]


def test_object_patterns_take_head_words_from_nested_synonym_sets(verbs):
    close = next(p for p in verbs["mend"] if p.cameo == "051")
    assert {"tie", "ties", "relation", "relations"} <= close.objects
    assert "contacts" not in close.objects  # only in the outer set


def test_preposition_patterns_become_particles(verbs):
    neighbours = next(p for p in verbs["mend"] if p.cameo == "054")
    assert neighbours.particle == "with" and "neighbour" in neighbours.objects


def test_no_event_defaults_statements_and_left_context_are_skipped(verbs):
    assert [(p.cameo, sorted(p.objects)) for p in verbs["shun"]] == [("120", ["talk", "talks"])]
    assert "say" not in verbs  # CAMEO 01 has no PLOVER type


def test_loading_replaces_only_the_verbs(tmp_path):
    (tmp_path / "my_verbs.txt").write_text((FIXTURES / "petrarch_verbs.txt").read_text())
    patterns = load_petrarch_verbs(tmp_path)
    assert patterns is not None
    assert set(patterns.verbs) == {"mend", "shun"}
    assert "strike" in patterns.nouns and "say" in patterns.speech_verbs
    mend = patterns.verbs["mend"]
    assert not mend[-1].objects and not mend[-1].particle  # bare default tried last


def test_a_folder_without_verbs_keeps_ours(tmp_path):
    assert load_petrarch_verbs(tmp_path) is None


def test_a_file_without_patterns_is_an_error():
    with pytest.raises(EvalDataError, match="no verb patterns"):
        parse_verb_dictionary("# nothing here\n", "empty.txt")
