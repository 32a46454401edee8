"""Knowledge files (YAML/TSV) that analysts extend without Python; loaded and validated here."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml


class DataFileError(ValueError):
    """A knowledge file is malformed; the message names the file and, where known, the line."""


def data_path(name: str) -> str:
    return str(resources.files("crisiswire.data").joinpath(name))


def load_yaml(name: str) -> Any:
    path = data_path(name)
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else path
        raise DataFileError(f"{where}: {err}") from None


@cache
def load_patterns(name: str) -> dict[str, list[re.Pattern[str]]]:
    """A YAML mapping of ``key: [regex, ...]``, compiled case-insensitively; a bad regex is
    reported with its file, key and position."""
    raw = load_yaml(name)
    if not isinstance(raw, dict):
        raise DataFileError(f"{data_path(name)}: expected a mapping of lists of patterns")
    compiled: dict[str, list[re.Pattern[str]]] = {}
    for key, patterns in raw.items():
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise DataFileError(f"{data_path(name)}: '{key}' must be a list of strings")
        out = []
        for i, pattern in enumerate(patterns):
            try:
                out.append(re.compile(pattern, re.IGNORECASE))
            except re.error as err:
                raise DataFileError(f"{data_path(name)}: {key}[{i}] {pattern!r}: {err}") from None
        compiled[key] = out
    return compiled
