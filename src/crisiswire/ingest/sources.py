"""Expand what the user named (files, directories, globs, ``-``) into readable inputs."""

from __future__ import annotations

import glob
import gzip
import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from crisiswire.model import Skipped

# Files that sit beside articles in a folder but are not articles.
_NOT_ARTICLES = ("readme", "license", "licence", "changelog", "notice", "copying")


@dataclass(slots=True)
class Input:
    """One input file (or stdin) before decoding."""

    origin: str
    """How the user will recognise it in messages: the path as given, or ``<stdin>``."""
    name: str
    """The file name without a trailing ``.gz``: its extension hints at the format."""
    open: Callable[[], BinaryIO]
    """Opens the (decompressed) bytes."""


def expand_inputs(paths: list[str], stdin: BinaryIO | None = None) -> Iterator[Input | Skipped]:
    """Yield an `Input` for every file named, found under a directory (recursively, in
    sorted order) or matched by a glob; a `Skipped` for names that lead nowhere."""
    for raw in paths:
        if raw == "-":
            yield _stdin_input(stdin if stdin is not None else sys.stdin.buffer)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if _hidden(relative):
                    if relative.name.startswith(".") and not _hidden(relative.parent):
                        what = "folder" if child.is_dir() else "file"
                        yield Skipped(str(child), "no-text", f"hidden {what}, not read")
                    continue
                if child.is_file():
                    found = True
                    yield _file_input(child, walked=True)
            if not found:
                yield Skipped(raw, "not-found", "directory holds no files")
        elif path.is_file():
            yield _file_input(path, walked=False)
        elif glob.has_magic(raw):
            matches = sorted(m for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            if not matches:
                yield Skipped(raw, "not-found", "no files match this pattern")
            for match in matches:
                yield _file_input(Path(match), walked=True)
        elif path.exists():
            yield Skipped(raw, "unreadable", "not a regular file")
        else:
            yield Skipped(raw, "not-found", "no such file or directory")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _file_input(path: Path, walked: bool) -> Input | Skipped:
    origin = str(path)
    if walked and path.stem.lower().split(".")[0] in _NOT_ARTICLES:
        return Skipped(origin, "no-text", "documentation file beside the articles, not read")
    if path.suffix.lower() == ".gz":
        return Input(origin, path.stem, lambda: gzip.open(path, "rb"))  # type: ignore[return-value]
    return Input(origin, path.name, lambda: open(path, "rb"))


def _stdin_input(stream: BinaryIO) -> Input:
    data = stream.read()
    return Input("<stdin>", "", lambda: io.BytesIO(data))
