"""Track ``polnear``: quotes and their speakers against PolNeAR attributions (brat stand-off).

Layout: ``PATH/text/NAME.txt`` and ``PATH/attributions/NAME_ANNOTATOR.ann``. In an ``.ann``
file, ``T`` lines are spans — ``T3<TAB>Content 115 290<TAB>words`` — of type ``Source``,
``Cue``, ``Content`` (or ``Content2``, the second part of a split content), ``Attribution``
or ``Attribution-no-source`` (the attribution's trigger), ``Discuss``/``Discard`` (ignored);
a span may be discontinuous, ``start end;start end``. ``E`` lines tie the spans of one
attribution together (``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``); ``R`` lines
(``R1<TAB>Role Arg1:T3 Arg2:T1``), if any, join the spans they link into one attribution.
A text annotated by several annotators is scored once, on the first annotation file in name
order. Every attribution with a Content span is gold, whatever its cue (PolNeAR marks
beliefs, reports and findings as well as speech) and whether or not it has a Source.

Matching follows the quote-extraction evaluation of the Gender Gap Tracker (Asr et al.,
PLoS ONE 2021), whose spaCy rule system reaches a quote F1 of about 84 % at overlap 0.3
with about 87 % speaker accuracy on its own news data: the overlap ratio of a predicted
content P with a gold content G is ``|G ∩ P| / |G|``, the share of the gold characters the
prediction covers (asymmetric, gold as reference). Characters are counted over letters and
digits only, so that quotation marks (part of PolNeAR's contents, never of ours) and
spacing do not count. Gold contents are matched one-to-one, in text order, each to the
unmatched prediction of highest ratio, when that ratio is at least the threshold (0.3 and
0.8). Precision = matched / predicted, recall = matched / gold.

Predictions are our `Quote` records, with two merges, as PolNeAR annotates one attribution
where we give several quotes: quotes of one cue within one paragraph (a quote split by its
attribution, '“…,” he said, “…”', or reported speech the reporting clause interrupts) are
one prediction whose content is the union of their spans; a direct quote lying wholly inside
reported speech (the partial quote in 'Miller said the US was watching “very, very
closely”') is part of that report, not a prediction of its own.

``speaker_acc``: among gold contents matched at 0.3, the share whose predicted speaker span
overlaps a Source span of that attribution (by one character or more); an attribution
without a Source counts as right when we give no speaker either. ``speaker_acc_text`` is
the looser test that the speaker's last word (its head, usually) appears in the gold
source text, case-insensitively — it credits "Clinton" for a gold "Hillary Clinton" said
three paragraphs earlier. Keys: ``f1_overlap03``, ``precision_overlap03``,
``recall_overlap03`` (and the same for ``08``), ``speaker_acc``, ``speaker_acc_text``,
``n_docs``, ``n_gold``, ``n_predicted``, ``n_direct``, ``n_reported``, ``seconds``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from crisiswire.eval.common import BATCH_SIZE, EvalDataError, Progress
from crisiswire.eval.metrics import f1, ratio
from crisiswire.model import ActorRef, Quote

if TYPE_CHECKING:
    from spacy.language import Language

Spans = list[tuple[int, int]]
QuoteFinder = Callable[[Iterable[str]], Iterable[list[Quote]]]
"""``finder(texts)``: the quotes of each text, one list per text, in order."""

THRESHOLDS = {"03": 0.3, "08": 0.8}
_ROLE = re.compile(r"^([A-Za-z-]+?)\d*$")
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)$")


class Attribution(NamedTuple):
    """One gold attribution: the character spans of its content, source and cue."""

    content: Spans
    source: Spans
    cue: Spans


@dataclass(slots=True)
class PolnearDoc:
    id: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)
    annotation: str = ""
    """The ``.ann`` file the attributions were read from."""


# --------------------------------------------------------------------------- reading


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise EvalDataError(f"{path}: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise EvalDataError(f"{path}: not UTF-8 ({err.reason})") from None


def _annotation_files(folder: Path, stem: str) -> list[Path]:
    exact = folder / f"{stem}.ann"
    if exact.is_file():
        return [exact]
    pattern = re.compile(re.escape(stem) + r"_[^_]+\.ann$")
    return sorted(p for p in folder.glob(f"{stem}_*.ann") if pattern.match(p.name))


def read_ann(path: Path, text: str) -> list[Attribution]:
    """The attributions of one brat ``.ann`` file over `text`."""
    spans: dict[str, tuple[str, Spans]] = {}
    groups: list[list[tuple[str, str]]] = []  # (role, T id)
    links: list[tuple[str, str]] = []
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line[0] in "AMN":
            continue
        where = f"{path}:{number}"
        if line.startswith("T"):
            match = _T_LINE.match(line)
            if match is None:
                raise EvalDataError(f"{where}: expected 'Tn<TAB>Type start end[;start end]'")
            tid, label, ranges, _ = match.groups()
            pieces = []
            for piece in ranges.split(";"):
                start, end = (int(x) for x in piece.split())
                if not 0 <= start <= end <= len(text):
                    raise EvalDataError(f"{where}: span {start}-{end} outside the text")
                pieces.append((start, end))
            spans[tid] = (label, pieces)
        elif line.startswith("E"):
            _, _, body = line.partition("\t")
            args = []
            for arg in body.split():
                role, colon, tid = arg.partition(":")
                if not colon or not tid:
                    raise EvalDataError(f"{where}: expected 'En<TAB>Type:Tn Role:Tn …'")
                args.append((role, tid))
            groups.append(args)
        elif line.startswith("R"):
            parts = line.split("\t")[1].split() if "\t" in line else []
            ids = [p.partition(":")[2] for p in parts[1:]]
            if len(ids) != 2 or not all(ids):
                raise EvalDataError(f"{where}: expected 'Rn<TAB>Type Arg1:Tn Arg2:Tn'")
            links.append((ids[0], ids[1]))
        else:
            raise EvalDataError(f"{where}: unknown brat line {line[:20]!r}")
    for group in groups:
        for _, tid in group:
            if tid not in spans:
                raise EvalDataError(f"{path}: {tid} is used but never defined")
    groups += _linked(links, spans, path)
    out = []
    for group in groups:
        parts: dict[str, Spans] = {"Content": [], "Source": [], "Cue": []}
        for _, tid in group:
            label, pieces = spans[tid]
            role = _ROLE.match(label)
            name = role.group(1) if role else label
            if name in parts:
                parts[name].extend(pieces)
        if parts["Content"]:
            out.append(Attribution(parts["Content"], parts["Source"], parts["Cue"]))
    return out


def _linked(links: list[tuple[str, str]], spans: dict[str, Any], path: Path) -> list[list[Any]]:
    """Groups of spans joined by ``R`` relations (connected components)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in links:
        for tid in (a, b):
            if tid not in spans:
                raise EvalDataError(f"{path}: {tid} is used but never defined")
        parent[find(a)] = find(b)
    components: dict[str, list[tuple[str, str]]] = {}
    for tid in parent:
        components.setdefault(find(tid), []).append(("", tid))
    return list(components.values())


def read_polnear(path: str | Path) -> Iterator[PolnearDoc]:
    """The documents of a PolNeAR folder (``text/*.txt`` with ``attributions/*.ann``)."""
    path = Path(path)
    texts, notes = path / "text", path / "attributions"
    if not texts.is_dir() or not notes.is_dir():
        raise EvalDataError(f"{path}: expected the folders text/ and attributions/")
    files = sorted(texts.glob("*.txt"))
    if not files:
        raise EvalDataError(f"{texts}: no .txt files")
    for file in files:
        annotations = _annotation_files(notes, file.stem)
        if not annotations:
            raise EvalDataError(f"{file}: no {file.stem}*.ann in {notes}")
        text = _read(file)
        yield PolnearDoc(file.stem, text, read_ann(annotations[0], text), annotations[0].name)


# --------------------------------------------------------------------------- scoring


def _chars(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e) if text[i].isalnum()}


def overlap_ratio(text: str, gold: Spans, predicted: Spans) -> float:
    """``|G ∩ P| / |G|`` over the letters and digits of the gold content."""
    gold_chars = _chars(text, gold)
    return ratio(len(gold_chars & _chars(text, predicted)), len(gold_chars))


@dataclass(slots=True)
class Predicted:
    """One scored prediction: the spans of one or more quotes of the same attribution."""

    spans: Spans
    speaker: ActorRef | None
    direct: bool


def scored_quotes(text: str, quotes: list[Quote]) -> list[Predicted]:
    """The predictions that are scored: quotes of one cue in one paragraph (a quote split
    by its attribution, '“…,” he said, “…”') are one content; a direct quote wholly inside
    reported speech is part of it, not a prediction of its own."""
    reports = [q for q in quotes if not q.direct]
    kept = [
        q
        for q in quotes
        if not (q.direct and any(r.start <= q.start and q.end <= r.end for r in reports))
    ]
    out: list[Predicted] = []
    last: dict[tuple[int, bool], tuple[Predicted, int]] = {}
    for quote in sorted(kept, key=lambda q: q.start):
        key = (quote.cue_start, quote.direct) if quote.cue_start is not None else None
        if key is not None and key in last:
            unit, end = last[key]
            if "\n" not in text[end : quote.start]:
                unit.spans.append((quote.start, quote.end))
                last[key] = (unit, quote.end)
                continue
        unit = Predicted([(quote.start, quote.end)], quote.speaker, quote.direct)
        out.append(unit)
        if key is not None:
            last[key] = (unit, quote.end)
    return out


def match(
    text: str, gold: list[Attribution], predicted: list[Predicted], threshold: float
) -> list[tuple[Attribution, Predicted]]:
    """Gold attributions paired one-to-one with predictions of overlap ≥ `threshold`."""
    order = sorted(gold, key=lambda a: min(s for s, _ in a.content))
    free = list(predicted)
    pairs = []
    for attribution in order:
        best, best_score = None, 0.0
        for unit in free:
            score = overlap_ratio(text, attribution.content, unit.spans)
            if score >= threshold and score > best_score:
                best, best_score = unit, score
        if best is not None:
            free.remove(best)
            pairs.append((attribution, best))
    return pairs


def speaker_right(attribution: Attribution, unit: Predicted) -> bool:
    speaker = unit.speaker
    if not attribution.source:
        return speaker is None or speaker.start is None
    if speaker is None or speaker.start is None or speaker.end is None:
        return False
    return any(s < speaker.end and speaker.start < e for s, e in attribution.source)


def speaker_text_right(text: str, attribution: Attribution, unit: Predicted) -> bool:
    speaker = unit.speaker
    if not attribution.source:
        return speaker is None
    if speaker is None:
        return False
    words = re.findall(r"\w+", (speaker.name or speaker.text).lower())
    gold = set(re.findall(r"\w+", " ".join(text[s:e] for s, e in attribution.source).lower()))
    return bool(words) and words[-1] in gold


def pipeline_quote_finder(nlp: Language | None = None, batch_size: int = BATCH_SIZE) -> QuoteFinder:
    """Our full pipeline with ``crisiswire_quotes`` (added after it when missing), built on
    first use and reused."""
    cache: list[Language] = [nlp] if nlp is not None else []

    def find(texts: Iterable[str]) -> Iterator[list[Quote]]:
        from crisiswire.quotes.component import doc_quotes

        if not cache:
            from crisiswire.nlp.pipeline import build_pipeline

            built = build_pipeline()
            if "crisiswire_quotes" not in built.pipe_names:
                built.add_pipe("crisiswire_quotes")
            cache.append(built)
        model = cache[0]
        for doc in model.pipe((model.make_doc(text) for text in texts), batch_size=batch_size):
            yield doc_quotes(doc, "")

    return find


def score_polnear(
    path: str | Path,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
    finder: QuoteFinder | None = None,
) -> dict[str, Any]:
    started = time.perf_counter()
    docs = list(read_polnear(path))
    if on_start is not None:
        on_start(len(docs))
    finder = finder or pipeline_quote_finder()
    matched = {key: 0 for key in THRESHOLDS}
    n_gold = n_predicted = n_direct = speaker_ok = speaker_text_ok = 0
    found = finder(doc.text for doc in docs)
    for doc, quotes in zip(docs, found, strict=True):
        quotes = scored_quotes(doc.text, list(quotes))
        n_gold += len(doc.attributions)
        n_predicted += len(quotes)
        n_direct += sum(q.direct for q in quotes)
        for key, threshold in THRESHOLDS.items():
            pairs = match(doc.text, doc.attributions, quotes, threshold)
            matched[key] += len(pairs)
            if key == "03":
                speaker_ok += sum(speaker_right(a, q) for a, q in pairs)
                speaker_text_ok += sum(speaker_text_right(doc.text, a, q) for a, q in pairs)
        if progress is not None:
            progress(1)
    out: dict[str, Any] = {}
    for key in THRESHOLDS:
        precision, recall = ratio(matched[key], n_predicted), ratio(matched[key], n_gold)
        out[f"f1_overlap{key}"] = f1(precision, recall)
        out[f"precision_overlap{key}"] = precision
        out[f"recall_overlap{key}"] = recall
    out |= {
        "speaker_acc": ratio(speaker_ok, matched["03"]),
        "speaker_acc_text": ratio(speaker_text_ok, matched["03"]),
        "n_docs": len(docs),
        "n_gold": n_gold,
        "n_predicted": n_predicted,
        "n_direct": n_direct,
        "n_reported": n_predicted - n_direct,
        "seconds": time.perf_counter() - started,
    }
    return out
