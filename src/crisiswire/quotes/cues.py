"""Cue words for quotes from ``data/quotes/cues.yaml``, checked with file and line on error.

The verbs of saying are the union of this file's ``speech_verbs`` and the event coder's
(``data/events/cues.yaml``), so that a verb added for events attributes quotes as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from crisiswire.data import DataFileError, data_path
from crisiswire.events.patterns import load_patterns

CUES_FILE = "quotes/cues.yaml"
_LIST_KEYS = (
    "speech_verbs",
    "stance_verbs",
    "posting_verbs",
    "platforms",
    "according_to",
    "source_nouns",
    "dashes",
)
_CASED = {"platforms", "dashes"}
"""Keys whose words keep their case ("X" the platform is not "x")."""


@dataclass(frozen=True, slots=True)
class QuoteCues:
    speech_verbs: frozenset[str]
    """Lemmas of verbs of saying (ours and the event coder's)."""
    stance_verbs: frozenset[str]
    """Lemmas of verbs of thinking and finding: reported content only, never quotations."""
    posting_verbs: frozenset[str]
    platforms: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    """Multi-word prepositions as word tuples, longest first."""
    source_nouns: frozenset[str]
    dashes: frozenset[str]


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def read_cues(path: str | Path) -> dict[str, list[str]]:
    """The lists of a cues file, validated; errors name `path` and the line."""
    path = str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            root = yaml.compose(handle)
    except OSError as err:
        raise DataFileError(f"{path}: {err.strerror or err}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else path
        raise DataFileError(f"{where}: {err}") from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise DataFileError(f"{path}:{_line(root)}: expected a mapping of lists of words")
    out: dict[str, list[str]] = {}
    for key_node, value_node in root.value:
        key = key_node.value
        where = f"{path}:{_line(key_node)}"
        if key not in _LIST_KEYS:
            known = ", ".join(_LIST_KEYS)
            raise DataFileError(f"{where}: unknown key {key!r} (known: {known})")
        if key in out:
            raise DataFileError(f"{where}: {key!r} given twice")
        if not isinstance(value_node, yaml.SequenceNode):
            raise DataFileError(f"{path}:{_line(value_node)}: {key} must be a list of words")
        words: list[str] = []
        for item in value_node.value:
            item_where = f"{path}:{_line(item)}"
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                raise DataFileError(f"{item_where}: {key}: every entry must be a non-empty word")
            word = " ".join(str(item.value).split())
            if key not in _CASED:
                word = word.lower()
            if word in words:
                raise DataFileError(f"{item_where}: {key}: {word!r} is listed twice")
            words.append(word)
        out[key] = words
    return out


def cues_from(lists: dict[str, list[str]], extra_speech: frozenset[str] = frozenset()) -> QuoteCues:
    def words(key: str) -> frozenset[str]:
        return frozenset(lists.get(key, []))

    phrases = sorted((tuple(p.split()) for p in lists.get("according_to", [])), key=len)
    return QuoteCues(
        speech_verbs=words("speech_verbs") | extra_speech,
        stance_verbs=words("stance_verbs"),
        posting_verbs=words("posting_verbs"),
        platforms=words("platforms"),
        according_to=tuple(reversed(phrases)),
        source_nouns=words("source_nouns"),
        dashes=words("dashes"),
    )


@cache
def load_cues(path: str | None = None) -> QuoteCues:
    """The shipped cues (or those of `path`), with the event coder's speech verbs added."""
    lists = read_cues(path or data_path(CUES_FILE))
    return cues_from(lists, load_patterns().speech_verbs)
