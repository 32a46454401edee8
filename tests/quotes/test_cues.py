"""The quote cue file: shipped lists load, bad files are reported with file and line."""

from __future__ import annotations

import pytest

from crisiswire.data import DataFileError
from crisiswire.events.patterns import load_patterns
from crisiswire.quotes.cues import load_cues, read_cues


def test_shipped_cues_load_and_include_the_event_coders_speech_verbs():
    cues = load_cues()
    assert load_patterns().speech_verbs <= cues.speech_verbs
    assert {"warn", "tell", "add"} <= cues.speech_verbs
    assert {"write", "post", "tweet"} <= cues.posting_verbs
    assert {"X", "Telegram", "Facebook"} <= cues.platforms
    assert ("according", "to") in cues.according_to
    assert "statement" in cues.source_nouns
    assert "think" in cues.stance_verbs and "think" not in cues.speech_verbs


def _write(tmp_path, content: str):
    path = tmp_path / "cues.yaml"
    path.write_text(content, encoding="utf-8")
    return path


def test_words_are_lower_cased_but_platforms_keep_their_case(tmp_path):
    path = _write(tmp_path, "# a comment\nspeech_verbs: [Say, TELL]\nplatforms: [X]\n")
    assert read_cues(path) == {"speech_verbs": ["say", "tell"], "platforms": ["X"]}


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("speech_verbs: [say]\nspeach_verbs: [tell]\n", 2, "unknown key 'speach_verbs'"),
        ("speech_verbs: [say,\n  tell,\n  say]\n", 3, "'say' is listed twice"),
        ("speech_verbs:\n  - say\n  - ''\n", 3, "non-empty word"),
        ("# header\n\nplatforms: Telegram\n", 3, "must be a list"),
        ("speech_verbs: [say\n", 2, ""),
    ],
)
def test_errors_name_the_file_and_line(tmp_path, content, line, message):
    path = _write(tmp_path, content)
    with pytest.raises(DataFileError) as caught:
        read_cues(path)
    assert f"{path}:{line}" in str(caught.value)
    assert message in str(caught.value)


def test_a_mapping_is_required(tmp_path):
    with pytest.raises(DataFileError, match="expected a mapping"):
        read_cues(_write(tmp_path, "- say\n- tell\n"))


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(DataFileError, match=r"nothing\.yaml"):
        read_cues(tmp_path / "nothing.yaml")
