"""Tracks ``quad`` and ``actors``: ConfliBERT's CAMEO training sets, scored on our coder.

``quad`` reads ``sentence<TAB>label`` lines (no header; label 0–4: 0 statement/appeal,
1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict). Our
class for a sentence is `root_quad5` of the CAMEO code of its most salient event — the first
non-negated event with both an actor and a recipient, else the first non-negated event — and
0 when we code no event (so "no event" is scored as the statement class; ``n_no_event`` says
how often that happened). Keys: ``accuracy``, ``macro_f1`` (mean F1 over the five classes),
``n``, ``per_class``, ``confusion`` (rows gold, columns ours).

``actors`` reads CoNLL-style ``token tag`` lines, a blank line between sentences, tags
``B-S``/``I-S`` (source), ``B-T``/``I-T`` (target), ``B-R``/``I-R`` (related), ``O``. Each
sentence is rebuilt by joining its tokens with single spaces (so every token keeps a
character span), coded, and every token that overlaps the ``[start, end)`` span of an actor
of a non-negated event is predicted S; of a recipient, T. Token-level scores, micro over the
file: precision = predicted S tokens that are gold S / predicted S tokens, recall = gold S
tokens predicted S / gold S tokens; the same for T. ``actor_f1`` scores S ∪ T against gold
S ∪ T (the actor words found, whatever their role).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crisiswire.eval.common import (
    Coder,
    EvalDataError,
    Progress,
    code_items,
    live,
    pipeline_coder,
)
from crisiswire.eval.metrics import Overlap, accuracy, confusion, macro_f1, per_label_f1
from crisiswire.events.ontology import root_quad5
from crisiswire.model import Event

QUAD_CLASSES = (0, 1, 2, 3, 4)
QUAD_NAMES = {
    0: "statement/appeal",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def _read_lines(path: str | Path) -> list[str]:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError as err:
        raise EvalDataError(f"{path}: {err.strerror or err}") from None


# --------------------------------------------------------------------------- quad


def read_class_file(path: str | Path) -> list[tuple[str, int]]:
    """(sentence, label) pairs of a ``sentence<TAB>label`` file (CRLF or LF; blank lines
    skipped; a first line whose label is not a number is taken for a header)."""
    out = []
    for number, line in enumerate(_read_lines(path), start=1):
        if not line.strip():
            continue
        sentence, tab, label = line.rpartition("\t")
        label = label.strip()
        if not tab or not sentence.strip():
            raise EvalDataError(f"{path}:{number}: expected 'sentence<TAB>label'")
        if not label.isdigit():
            if number == 1 and not out:
                continue  # a header line
            raise EvalDataError(f"{path}:{number}: label {label!r} is not a number 0–4")
        value = int(label)
        if value not in QUAD_CLASSES:
            raise EvalDataError(f"{path}:{number}: label {value} is not one of 0–4")
        out.append((sentence.strip(), value))
    if not out:
        raise EvalDataError(f"{path}: no 'sentence<TAB>label' lines")
    return out


def salient_event(events: Iterable[Event]) -> Event | None:
    """The first non-negated event with an actor and a recipient, else the first
    non-negated event, else None."""
    alive = live(events)
    return next((e for e in alive if e.actor and e.recipient), alive[0] if alive else None)


def quad_class(events: Iterable[Event]) -> int:
    event = salient_event(events)
    return root_quad5(event.cameo) if event is not None else 0


def score_quad(
    path: str | Path,
    coder: Coder | None = None,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    started = time.perf_counter()
    cases = read_class_file(path)
    if on_start is not None:
        on_start(len(cases))
    coder = coder or pipeline_coder()
    gold: list[int] = []
    predicted: list[int] = []
    no_event = 0
    for (_, label), events in code_items(cases, lambda c: c[0], coder, None, progress):
        gold.append(label)
        predicted.append(quad_class(events))
        no_event += salient_event(events) is None
    return {
        "accuracy": accuracy(gold, predicted),
        "macro_f1": macro_f1(gold, predicted, QUAD_CLASSES),
        "n": len(gold),
        "n_no_event": no_event,
        "per_class": {
            str(label): scores
            for label, scores in per_label_f1(gold, predicted, QUAD_CLASSES).items()
        },
        "confusion": confusion(gold, predicted, QUAD_CLASSES),
        "seconds": time.perf_counter() - started,
    }


# --------------------------------------------------------------------------- actors

_TAG = re.compile(r"O|[BI]-[A-Z]+")


@dataclass(slots=True)
class TaggedSentence:
    tokens: list[str]
    tags: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def spans(self) -> list[tuple[int, int]]:
        """Character span of each token in `text`."""
        out, start = [], 0
        for token in self.tokens:
            out.append((start, start + len(token)))
            start += len(token) + 1
        return out

    def gold(self, role: str) -> set[int]:
        return {i for i, tag in enumerate(self.tags) if tag[2:] == role}


def read_ner_file(path: str | Path) -> list[TaggedSentence]:
    """Sentences of a ``token tag`` file (blank line between sentences)."""
    out: list[TaggedSentence] = []
    current = TaggedSentence([], [])
    for number, line in enumerate(_read_lines(path), start=1):
        if not line.strip():
            if current.tokens:
                out.append(current)
                current = TaggedSentence([], [])
            continue
        if line.startswith("-DOCSTART-"):
            continue
        parts = line.rsplit(maxsplit=1)
        if len(parts) != 2 or not _TAG.fullmatch(parts[1]):
            raise EvalDataError(f"{path}:{number}: expected 'token tag' (tag O, B-S, I-T …)")
        current.tokens.append(parts[0].strip())
        current.tags.append(parts[1])
    if current.tokens:
        out.append(current)
    if not out:
        raise EvalDataError(f"{path}: no 'token tag' lines")
    return out


def predicted_roles(sentence: TaggedSentence, events: Iterable[Event]) -> tuple[set[int], set[int]]:
    """Token indexes covered by our actors (S) and recipients (T) of non-negated events."""
    spans = sentence.spans()

    def covered(refs: Iterable[Any]) -> set[int]:
        out: set[int] = set()
        for ref in refs:
            if ref.start is None or ref.end is None:
                continue
            out |= {i for i, (s, e) in enumerate(spans) if s < ref.end and ref.start < e}
        return out

    alive = live(events)
    sources = covered(a for e in alive for a in e.actor)
    targets = covered(r for e in alive for r in e.recipient)
    return sources, targets


def score_actors(
    path: str | Path,
    coder: Coder | None = None,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    started = time.perf_counter()
    sentences = read_ner_file(path)
    if on_start is not None:
        on_start(len(sentences))
    coder = coder or pipeline_coder()
    source, target, either = Overlap(), Overlap(), Overlap()
    tokens = 0
    for sentence, events in code_items(sentences, lambda s: s.text, coder, None, progress):
        sources, targets = predicted_roles(sentence, events)
        gold_s, gold_t = sentence.gold("S"), sentence.gold("T")
        source.add(sources, gold_s)
        target.add(targets, gold_t)
        either.add(sources | targets, gold_s | gold_t)
        tokens += len(sentence.tokens)
    return {
        "source_f1": source.f1,
        "source_precision": source.precision,
        "source_recall": source.recall,
        "target_f1": target.f1,
        "target_precision": target.precision,
        "target_recall": target.recall,
        "actor_f1": either.f1,
        "n": len(sentences),
        "n_tokens": tokens,
        "n_gold_source_tokens": source.gold,
        "n_gold_target_tokens": target.gold,
        "seconds": time.perf_counter() - started,
    }
