"""Read TSV knowledge files with ``#`` comments, reporting errors by file and line."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from crisiswire.data import DataFileError, data_path


def tsv_rows(name: str, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, row)`` for each data row of ``data/<name>``; the first non-comment
    line is the header and must hold the `required` columns."""
    path = Path(data_path(name))
    with path.open(encoding="utf-8") as handle:
        lines = [(n, line.rstrip("\n")) for n, line in enumerate(handle, start=1)]
    lines = [(n, line) for n, line in lines if line.strip() and not line.startswith("#")]
    if not lines:
        raise DataFileError(f"{path}: no header line")
    header = lines[0][1].split("\t")
    missing = [c for c in required if c not in header]
    if missing:
        raise DataFileError(f"{path}:{lines[0][0]}: header lacks {', '.join(missing)}")
    reader = csv.reader((line for _, line in lines[1:]), delimiter="\t", quoting=csv.QUOTE_NONE)
    for (number, _), values in zip(lines[1:], reader, strict=True):
        if len(values) > len(header):
            raise DataFileError(f"{path}:{number}: {len(values)} columns, header has {len(header)}")
        values += [""] * (len(header) - len(values))
        yield number, {k: v.strip() for k, v in zip(header, values, strict=True)}
