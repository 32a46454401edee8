"""Track ``plover``: story-level PLOVER event type on NGEC's synthetic stories (silver labels).

Input: the zip of one CSV (read in place, streaming: ``zipfile`` + ``csv``) or the CSV itself,
columns ``disclaimer,text,title,source,prompt,label,mode``. Each story's ``text`` is coded;
the predicted label is the PLOVER type with the most non-negated events, a tie going to the
type whose first event comes first in the text, and ``NONE`` when there is no event.

``limit`` scores the first N stories; ``sample`` N stories spread evenly over the file (the
stories come in runs of twelve generated from one headline, so the first 500 are only ~42
headlines and miss whole labels).

With ``with_title`` the headline is coded too, placed before the text. The ``title`` column
holds the headline *template* (``{country_1} condemns {country_2} …``); the filled headline
the story was generated from is the first line of ``prompt``, so that is the one used.

Keys: ``accuracy`` (stories), ``macro_f1`` (mean F1 over the labels present in the gold
data; a ``NONE`` prediction only costs recall), ``n`` (stories scored), ``per_label``,
``predicted_none``.
"""

from __future__ import annotations

import csv
import io
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

from crisiswire.eval.common import (
    Coder,
    EvalDataError,
    Progress,
    code_items,
    live,
    pipeline_coder,
)
from crisiswire.eval.metrics import accuracy, macro_f1, per_label_f1
from crisiswire.model import Event

NONE = "NONE"
REQUIRED = ("text", "label")


@dataclass(slots=True)
class Story:
    text: str
    label: str
    mode: str = ""
    headline: str = ""

    def coded_text(self, with_title: bool = False) -> str:
        if with_title and self.headline:
            return f"{self.headline}\n\n{self.text}"
        return self.text


@contextmanager
def _open_csv(path: Path) -> Iterator[IO[str]]:
    """The CSV as text: the first ``.csv`` member of a zip, or the file itself."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if n.lower().endswith(".csv")]
            if not members:
                raise EvalDataError(f"{path}: the zip holds no .csv file")
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield handle


def _headline(row: dict[str, str]) -> str:
    prompt = (row.get("prompt") or "").strip()
    if prompt:
        return prompt.splitlines()[0].strip()
    title = (row.get("title") or "").strip()
    return "" if "{" in title else title


def iter_stories(
    path: str | Path, limit: int | None = None, only: set[int] | None = None
) -> Iterator[Story]:
    """The stories of the file, read one row at a time: the first `limit`, or those whose
    0-based row number is in `only`."""
    path = Path(path)
    if not path.is_file():
        raise EvalDataError(f"{path}: no such file")
    csv.field_size_limit(max(csv.field_size_limit(), 10_000_000))
    with _open_csv(path) as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise EvalDataError(f"{path}: no column {', '.join(missing)} in the CSV header")
        rows = islice(reader, limit) if limit is not None else reader
        for number, row in enumerate(rows):
            if only is not None and number not in only:
                continue
            yield Story(
                text=row.get("text") or "",
                label=(row.get("label") or "").strip().upper(),
                mode=(row.get("mode") or "").strip().upper(),
                headline=_headline(row),
            )


def count_stories(path: str | Path, limit: int | None = None) -> int:
    """How many stories `iter_stories` will give (a quick pass over the CSV)."""
    return sum(1 for _ in iter_stories(path, limit))


def spread(total: int, size: int) -> set[int]:
    """`size` row numbers spread evenly over `total` rows (all of them when size ≥ total).
    The file holds the stories in runs of a dozen generated from the same headline, so the
    first N stories are N/12 headlines; an even spread samples all of them."""
    if size >= total:
        return set(range(total))
    return {i * total // size for i in range(size)}


def story_label(events: Iterable[Event]) -> str:
    """The PLOVER type with the most non-negated events; ties → the type seen first."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for index, event in enumerate(live(events)):
        counts[event.event_type] += 1
        first.setdefault(event.event_type, index)
    if not counts:
        return NONE
    return max(counts, key=lambda t: (counts[t], -first[t]))


def score_plover(
    path: str | Path,
    limit: int | None = None,
    with_title: bool = False,
    sample: int | None = None,
    coder: Coder | None = None,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    started = time.perf_counter()
    if limit is not None and limit < 1:
        raise EvalDataError("--limit must be at least 1")
    if sample is not None and (sample < 1 or limit is not None):
        raise EvalDataError("--sample must be at least 1, and cannot go with --limit")
    in_file = count_stories(path, limit)
    if in_file == 0:
        raise EvalDataError(f"{path}: no stories")
    only = spread(in_file, sample) if sample is not None else None
    total = len(only) if only is not None else in_file
    if on_start is not None:
        on_start(total)
    coder = coder or pipeline_coder()
    gold: list[str] = []
    predicted: list[str] = []
    stories = iter_stories(path, limit, only)
    for story, events in code_items(
        stories, lambda s: s.coded_text(with_title), coder, None, progress
    ):
        gold.append(story.label)
        predicted.append(story_label(events))
    labels = sorted(set(gold))
    return {
        "accuracy": accuracy(gold, predicted),
        "macro_f1": macro_f1(gold, predicted, labels),
        "n": len(gold),
        "n_in_file": None if limit is not None else in_file,
        "limit": limit,
        "sample": sample,
        "predicted_none": sum(p == NONE for p in predicted),
        "with_title": with_title,
        "per_label": {str(k): v for k, v in per_label_f1(gold, predicted, labels).items()},
        "predicted_labels": dict(Counter(predicted).most_common()),
        "seconds": time.perf_counter() - started,
    }
