"""Running our coder over evaluation texts: one pipeline, batches, an optional progress hook.

Every scorer takes a `coder` — ``coder(texts, ref_date) -> iterable of list[Event]``, one list
per text, in order — so tests can score hand-made predictions without loading spaCy. The
default is `pipeline_coder`, which runs ``crisiswire.nlp.pipeline.code_texts`` (``nlp.pipe``
in batches) on a pipeline built once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from crisiswire.model import Event

if TYPE_CHECKING:
    from spacy.language import Language

    from crisiswire.actors.dictionary import ActorDictionary
    from crisiswire.events.patterns import Patterns

Coder = Callable[[Iterable[str], date | None], Iterable[list[Event]]]
"""``coder(texts, ref_date)``: the events of each text, one list per text, in order."""

Progress = Callable[[int], None]
"""Called with the number of texts just coded (for a progress bar)."""

BATCH_SIZE = 32
"""Texts per ``nlp.pipe`` batch: small enough for a progress bar to move smoothly."""

Item = TypeVar("Item")


class EvalDataError(ValueError):
    """An evaluation file cannot be read; the message names the file and what is wrong."""


def pipeline_coder(
    dictionary: ActorDictionary | None = None,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    patterns: Patterns | None = None,
) -> Coder:
    """Our coder: a new pipeline (with `dictionary` for actors and `patterns` for events when
    given, else the shipped files), built on first use and reused for every call. The
    scorers using it look at who did what to whom, so dates, places and quotes are left out
    (``context=False``): the events are the same, the run is faster."""
    cache: list[Language] = [nlp] if nlp is not None else []

    def code(texts: Iterable[str], ref_date: date | None = None) -> Iterator[list[Event]]:
        from crisiswire.nlp.pipeline import build_pipeline, code_texts

        if not cache:
            built = build_pipeline(dictionary, patterns, context=False)
            built.batch_size = batch_size
            cache.append(built)
        return code_texts(texts, ref_date=ref_date, nlp=cache[0])

    return code


def code_items(
    items: Iterable[Item],
    text_of: Callable[[Item], str],
    coder: Coder,
    ref_date: date | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[Item, list[Event]]]:
    """Each item with the events of its text, streaming: items are read only as fast as
    the coder asks for texts, so a large file is never held in memory."""
    pending: deque[Item] = deque()

    def texts() -> Iterator[str]:
        for item in items:
            pending.append(item)
            yield text_of(item)

    for events in coder(texts(), ref_date):
        item = pending.popleft()
        if progress is not None:
            progress(1)
        yield item, list(events)
    if pending:
        raise RuntimeError(f"the coder returned no result for {len(pending)} text(s)")


def live(events: Iterable[Event]) -> list[Event]:
    """The events that are meant to have happened (not negated), in text order."""
    return [e for e in events if not e.negated]
