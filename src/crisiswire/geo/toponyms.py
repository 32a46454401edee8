"""Toponyms in a parsed spaCy Doc, each resolved in the context of its article.

Recognition. A toponym is
* a GPE, LOC or FAC entity (an entity holding commas, "Paris, Texas", is split into its
  parts, the later part containing the earlier);
* a name before an administrative designator ("Panjgur district", "Rapides Parish"),
  whatever the entity recogniser called it;
* a name after "the town/city/village/province … of" ("the Iranian town of Saravan");
* a proper name the recogniser mislabelled (ORG, NORP, PERSON) or missed, when it is the
  object of a locative preposition ("in", "near", "outside" …) or follows a toponym and a
  comma, and the gazetteer knows it exactly.
Demonyms ("Iranian") are never toponyms. Spelling mistakes are tolerated (fuzzy matching)
only for names recognised as toponyms in one of these ways.

Resolution. The article's countries (its country names and demonyms, then the countries of
the places it names) weight every resolution (`Context.focus`), and so do the first-level
divisions it names (`Context.regions`); a toponym's container comes from the syntax: "X, Y",
"Y's X", "X in Y", "the Y-ian town of X". Places are resolved twice: the second pass counts
the places found in the first, each leaving itself out. A name repeated without a container
takes the reading of a mention with one (one sense per discourse).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crisiswire.geo.gazetteer import Gazetteer, get_gazetteer, normalize
from crisiswire.geo.resolve import (
    ADMIN_DESIGNATORS,
    Context,
    country_location,
    demonym_country,
    resolve_in,
)
from crisiswire.model import Location, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ALWAYS = frozenset({"GPE", "LOC", "FAC"})
MAYBE = frozenset({"ORG", "NORP", "PERSON", ""})
DESIGNATORS = ADMIN_DESIGNATORS | {"township", "valley"}
PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "province",
        "district",
        "region",
        "state",
        "county",
        "port",
        "capital",
        "island",
        "area",
        "suburb",
        "hamlet",
        "municipality",
        "towns",
        "cities",
        "villages",
        "provinces",
        "districts",
        "regions",
        "states",
        "counties",
        "islands",
    }
)
LOCATIVE = frozenset(
    {
        "in",
        "near",
        "at",
        "outside",
        "around",
        "across",
        "from",
        "to",
        "into",
        "toward",
        "towards",
        "through",
        "throughout",
        "inside",
        "within",
        "between",
        "nearby",
    }
)
METONYMIC_VERBS = frozenset(
    {
        "say",
        "urge",
        "warn",
        "accuse",
        "deny",
        "reject",
        "condemn",
        "announce",
        "demand",
        "claim",
        "call",
        "insist",
        "threaten",
        "respond",
        "retaliate",
        "summon",
        "sanction",
        "vow",
        "blame",
        "welcome",
        "protest",
        "agree",
        "refuse",
        "pledge",
        "promise",
        "offer",
        "ask",
        "tell",
        "state",
        "confirm",
        "declare",
        "order",
        "expel",
        "recall",
        "strike",
        "launch",
        "attack",
        "send",
        "deploy",
        "impose",
        "sign",
        "seek",
        "want",
        "hope",
        "believe",
        "fear",
        "argue",
        "maintain",
        "stress",
        "note",
        "add",
        "suggest",
        "propose",
        "criticize",
        "criticise",
        "dismiss",
        "slam",
        "hit",
        "retort",
        "counter",
        "negotiate",
        "mediate",
        "support",
        "back",
        "oppose",
        "recognize",
        "recognise",
        "approve",
        "veto",
        "decide",
    }
)


@dataclass(slots=True)
class Toponym:
    """A recognised toponym: tokens ``[start, end)`` of the Doc, and what is known of it."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    source: str
    designator: str | None = None
    container: int | None = None
    """Index (in `GeoDocument.toponyms`) of the toponym that contains this one."""
    container_country: str | None = None
    """ISO3 of a demonym naming its country ("the Iranian town of Saravan")."""
    location: Location | None = None
    contained: bool = False
    """Whether `location` was chosen with a container's help."""


class GeoDocument:
    """The toponyms of a Doc and the article context they are resolved in."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer | None = None) -> None:
        self.doc = doc
        self.gazetteer = gazetteer or get_gazetteer()
        self.toponyms: list[Toponym] = []
        self.focus: dict[str, float] = {}
        self.regions: dict[tuple[str, str], float] = {}
        self._contributions: list[tuple[dict[str, float], dict[tuple[str, str], float]]] = []
        self._recognise()
        self._link_containers()
        self._resolve()

    # ---------------------------------------------------------------- recognition

    def _known(self, text: str) -> bool:
        return bool(self.gazetteer.candidates(text))

    def _country_name(self, text: str) -> bool:
        return any(
            c.feature == "country" and c.match == "name" for c in self.gazetteer.candidates(text)
        )

    def _is_demonym(self, text: str) -> bool:
        return demonym_country(text, self.gazetteer) is not None and not any(
            c.match == "name" for c in self.gazetteer.candidates(text)
        )

    def _add(self, start: int, end: int, source: str, designator: str | None = None) -> None:
        doc = self.doc
        while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
            start += 1
        while end > start and doc[end - 1].is_punct and doc[end - 1].text != ".":
            end -= 1
        if end > start and doc[end - 1].text == "'s":
            end -= 1
        if start >= end:
            return
        span = doc[start:end]
        text = span.text
        if not any(c.isalpha() for c in text) or text.islower():
            return
        if self._is_demonym(text):
            return
        taken = self._taken
        if any(taken[i] for i in range(start, end)):
            return
        for i in range(start, end):
            taken[i] = True
        if designator is None and end < len(doc) and doc[end].lower_ in DESIGNATORS:
            designator = doc[end].lower_
        elif designator is None and doc[end - 1].lower_ in DESIGNATORS and end - start > 1:
            designator = doc[end - 1].lower_
        self.toponyms.append(
            Toponym(start, end, span.start_char, span.end_char, text, source, designator)
        )

    def _recognise(self) -> None:
        doc = self.doc
        self._taken = [False] * len(doc)
        # People and organisations the actor tagger knows are not places ("Kirby said").
        if type(doc).has_extension("cw_mentions"):
            for mention in doc._.cw_mentions or ():
                if mention.kind in ("person", "group", "igo"):
                    for i in range(mention.start, mention.end):
                        self._taken[i] = True
        entity_label = [""] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                entity_label[i] = ent.label_
        # 1. designator patterns: "Panjgur district", "Rapides Parish"
        for token in doc:
            if token.lower_ not in DESIGNATORS or token.i == 0:
                continue
            end = token.i
            start = end
            while (
                start > 0
                and _name_token(doc[start - 1])
                and entity_label[start - 1]
                not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
            ):
                start -= 1
            if start == end:
                continue
            if start > 0 and doc[start - 1].text in ("'s", "’s"):
                pass  # "Balochistan's Panjgur district": the possessor is its own toponym
            if token.is_title:
                self._add(start, end + 1, "designator", token.lower_)
            else:
                self._add(start, end, "designator", token.lower_)
        # 2. "the town of X", "the towns of X, Y and Z"
        for token in doc:
            if token.lower_ == "of" and token.i > 0 and doc[token.i - 1].lower_ in PLACE_NOUNS:
                start = token.i + 1
                while start < len(doc):
                    end = start
                    while end < len(doc) and _name_token(doc[end]):
                        end += 1
                    if end == start:
                        break
                    self._add(start, end, "context")
                    if end + 1 < len(doc) and doc[end].lower_ in (",", "and", "or"):
                        start = end + 1 + (doc[end + 1].lower_ in ("and", "or"))
                    else:
                        break
        # 3. entities
        for ent in doc.ents:
            if ent.label_ in ALWAYS:
                for start, end in _comma_parts(ent):
                    self._add(start, end, "ner")
        for ent in doc.ents:
            if ent.label_ in MAYBE and (
                self._country_name(ent.text)
                or (self._locative(ent.start, ent.end) and self._known(ent.text))
            ):
                self._add(ent.start, ent.end, "context")
        # 4. untagged proper names in a locative context
        i = 0
        while i < len(doc):
            if entity_label[i] or not (doc[i].pos_ == "PROPN" and doc[i].is_title):
                i += 1
                continue
            j = i
            while j < len(doc) and not entity_label[j] and doc[j].pos_ == "PROPN":
                j += 1
            if self._locative(i, j) and self._known(doc[i:j].text):
                self._add(i, j, "context")
            i = j
        self.toponyms.sort(key=lambda t: t.start)
        del self._taken

    def _locative(self, start: int, end: int) -> bool:
        doc = self.doc
        if start > 0 and doc[start - 1].lower_ in LOCATIVE:
            return True
        if start > 1 and doc[start - 1].text == "," and self._taken[start - 2]:
            return True  # "Quetta, Balochistan" after a known toponym
        return end < len(doc) and doc[end].lower_ in DESIGNATORS

    # ---------------------------------------------------------------- containers

    def _link_containers(self) -> None:
        doc = self.doc
        by_start = {t.start: i for i, t in enumerate(self.toponyms)}
        by_end = {t.end: i for i, t in enumerate(self.toponyms)}
        for i, toponym in enumerate(self.toponyms):
            toponym.container = self._container_of(toponym.start, toponym.end, by_start, by_end)
            if toponym.container == i:
                toponym.container = None
            toponym.container_country = self._demonym_before(toponym.start)
        del doc

    def _container_of(
        self, start: int, end: int, by_start: dict[int, int], by_end: dict[int, int]
    ) -> int | None:
        doc = self.doc
        after = end
        if after < len(doc) and doc[after].lower_ in DESIGNATORS:
            after += 1
        # "X, Y" (in a list, "Iran, Iraq and Syria", Y is no container; the scoring only
        # lets a division or a country contain, so a list of towns or countries is harmless)
        if after + 1 < len(doc) and doc[after].text == "," and after + 1 in by_start:
            return by_start[after + 1]
        # "X in Y"
        if after + 1 < len(doc) and doc[after].lower_ in ("in", "of") and after + 1 in by_start:
            return by_start[after + 1]
        # "Y's X" (allowing a word or two between: "Balochistan's restive Panjgur district")
        for gap in range(start - 1, max(-1, start - 4), -1):
            if doc[gap].text in ("'s", "’s", "'"):
                if gap in by_end:
                    return by_end[gap]
                break
            if gap < start - 1 and not (doc[gap].pos_ in ("ADJ", "ADV") or doc[gap].is_title):
                break
        return None

    def _demonym_before(self, start: int) -> str | None:
        doc = self.doc
        for k in range(start - 1, max(-1, start - 5), -1):
            token = doc[k]
            if token.is_punct or token.lower_ in ("in", "at", "near", "and"):
                return None
            code = demonym_country(token.text, self.gazetteer) if token.is_title else None
            if code is not None:
                return code
        return None

    # ---------------------------------------------------------------- resolution

    def _base_focus(self) -> dict[str, float]:
        focus: dict[str, float] = defaultdict(float)
        for token in self.doc:
            if token.is_title or token.is_upper:
                code = demonym_country(token.text, self.gazetteer)
                if code is not None:
                    focus[code] += 0.5
        mentions = (
            getattr(getattr(self.doc, "_", None), "cw_mentions", None)
            if hasattr(type(self.doc), "has_extension")
            and type(self.doc).has_extension("cw_mentions")
            else None
        )
        for mention in mentions or ():
            entry = getattr(mention, "entry", None)
            code = getattr(entry, "country", None)
            if isinstance(code, str) and len(code) == 3 and code.isupper():
                focus[code] += 0.25
        return focus

    def _context(self, index: int, base: dict[str, float]) -> Context:
        focus = dict(base)
        regions: dict[tuple[str, str], float] = defaultdict(float)
        for j, (countries, divisions) in enumerate(self._contributions):
            if j == index:
                continue
            for code, weight in countries.items():
                focus[code] = focus.get(code, 0.0) + weight
            for key, weight in divisions.items():
                regions[key] += weight
        toponym = self.toponyms[index]
        container = None
        if toponym.container is not None:
            container = self.toponyms[toponym.container].location
        if container is None and toponym.container_country is not None:
            container = country_location(toponym.container_country, self.gazetteer)
        neighbours = tuple(
            point for j, point in enumerate(self._points) if j != index and point is not None
        )
        return Context(
            focus=_scaled(focus),
            regions=_scaled(regions),
            container=container,
            designator=toponym.designator,
            neighbours=neighbours,
        )

    def _contribution(
        self, location: Location | None
    ) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
        if location is None or location.country is None:
            return {}, {}
        weight = 1.0 if location.feature == "country" else 0.5
        divisions: dict[tuple[str, str], float] = {}
        if location.feature == "admin1":
            divisions[(location.country, location.name)] = 1.0
        elif location.admin1:
            divisions[(location.country, location.admin1)] = 0.3
        return {location.country: weight}, divisions

    def _resolve(self) -> None:
        base = self._base_focus()
        # pass 0: country names alone (cheap and nearly certain) join the base focus
        for toponym in self.toponyms:
            for candidate in self.gazetteer.candidates(toponym.text):
                if candidate.feature == "country" and candidate.match == "name":
                    base[candidate.country] = base.get(candidate.country, 0.0) + 1.0
                    break
        self.base = dict(base)
        self._contributions = [({}, {}) for _ in self.toponyms]
        self._points: list[tuple[float, float, float] | None] = [None] * len(self.toponyms)
        order = self._order()
        for _ in range(2):
            for i in order:
                toponym = self.toponyms[i]
                context = self._context(i, base)
                toponym.location = resolve_in(
                    toponym.text, context, fuzzy=True, gazetteer=self.gazetteer
                )
                toponym.contained = context.container is not None
            self._contributions = [self._contribution(t.location) for t in self.toponyms]
            self._points = [_point(t.location) for t in self.toponyms]
        # one sense per discourse
        readings: dict[str, Location] = {}
        for toponym in self.toponyms:
            if toponym.contained and toponym.location is not None:
                readings.setdefault(normalize(toponym.text), toponym.location)
        for toponym in self.toponyms:
            if not toponym.contained:
                reading = readings.get(normalize(toponym.text))
                if reading is not None:
                    toponym.location = reading
        final: dict[str, float] = dict(base)
        regions: dict[tuple[str, str], float] = defaultdict(float)
        for countries, divisions in self._contributions:
            for code, weight in countries.items():
                final[code] = final.get(code, 0.0) + weight
            for key, weight in divisions.items():
                regions[key] += weight
        self.focus, self.regions = _scaled(final), _scaled(regions)

    def _order(self) -> list[int]:
        """Containers before the toponyms they contain."""
        done: set[int] = set()
        order: list[int] = []

        def visit(i: int, depth: int = 0) -> None:
            if i in done or depth > 5:
                return
            container = self.toponyms[i].container
            if container is not None:
                visit(container, depth + 1)
            done.add(i)
            order.append(i)

        for i in range(len(self.toponyms)):
            visit(i)
        return order

    # ---------------------------------------------------------------- outputs

    def sentence_index(self, start_char: int) -> int | None:
        starts = self._sentence_starts()
        if not starts:
            return None
        return max(0, bisect.bisect_right(starts, start_char) - 1)

    def _sentence_starts(self) -> list[int]:
        cached = getattr(self, "_starts", None)
        if cached is None:
            doc = self.doc
            if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
                cached = [s.start_char for s in doc.sents]
            else:
                cached = []
            self._starts = cached
        return cached

    def places(self) -> list[Place]:
        return [
            Place(
                start=t.start_char,
                end=t.end_char,
                text=t.text,
                location=t.location,
                sentence=self.sentence_index(t.start_char),
            )
            for t in self.toponyms
        ]

    def resolve_span(
        self, start_char: int, end_char: int, adjectival: bool = True
    ) -> Location | None:
        """Resolve the characters ``[start_char, end_char)`` as a toponym in this article's
        context (for scoring gold toponyms): a recognised toponym of exactly that extent keeps
        its reading; otherwise the name is resolved with the article's focus and a container
        found by the same syntax rules."""
        for toponym in self.toponyms:
            same = toponym.start_char == start_char and toponym.end_char == end_char
            if same and (toponym.location is not None or not adjectival):
                return toponym.location
        doc = self.doc
        text = doc.text[start_char:end_char]
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        container: Location | None = None
        designator = None
        if span is not None:
            by_start = {t.start: i for i, t in enumerate(self.toponyms)}
            by_end = {t.end: i for i, t in enumerate(self.toponyms)}
            index = self._container_of(span.start, span.end, by_start, by_end)
            if index is not None and self.toponyms[index].start_char != start_char:
                container = self.toponyms[index].location
            if container is None:
                code = self._demonym_before(span.start)
                if code is not None:
                    container = country_location(code, self.gazetteer)
            if span.end < len(doc) and doc[span.end].lower_ in DESIGNATORS:
                designator = doc[span.end].lower_
        context = Context(
            focus=self.focus,
            regions=self.regions,
            container=container,
            designator=designator,
            neighbours=tuple(p for p in getattr(self, "_points", ()) if p is not None),
        )
        return resolve_in(
            text, context, fuzzy=True, adjectival=adjectival, gazetteer=self.gazetteer
        )


_POINT_WEIGHT = {"city": 1.0, "admin2": 0.8, "district": 0.8, "admin1": 0.4}


def _point(location: Location | None) -> tuple[float, float, float] | None:
    if location is None or location.lat is None or location.lon is None:
        return None
    weight = _POINT_WEIGHT.get(location.feature or "")
    return (location.lat, location.lon, weight) if weight else None


def _scaled(weights: dict) -> dict:
    top = max(weights.values(), default=0.0)
    return {k: v / top for k, v in weights.items() if v > 0} if top > 0 else {}


def _name_token(token: Token) -> bool:
    return (
        token.is_title
        and token.is_alpha
        and token.lower_ not in DESIGNATORS
        and (token.pos_ in ("PROPN", "NOUN", "ADJ", "X") or token.ent_type_ != "")
    )


def _comma_parts(ent: Span) -> list[tuple[int, int]]:
    parts, start = [], ent.start
    for token in ent:
        if token.text == ",":
            parts.append((start, token.i))
            start = token.i + 1
    parts.append((start, ent.end))
    return [(s, e) for s, e in parts if e > s]


def analyse(doc: Doc) -> GeoDocument:
    """The toponyms of `doc`, recognised and resolved, with the article's context."""
    return GeoDocument(doc)


def find_places(doc: Doc) -> list[Place]:
    """Every toponym of a parsed `doc` (see the module docstring), in text order; `Place`
    offsets are characters of ``doc.text``, `Place.sentence` the index in
    ``list(doc.sents)``; `Place.location` is None when the gazetteer has no reading."""
    return analyse(doc).places()


def is_metonymic_subject(place: Place, doc: Doc) -> bool:
    """True when the toponym is the subject of a speech or action verb ("Tehran said",
    "Washington urged", "Iran and Pakistan agreed"): it then stands for a government or
    its people rather than for the place where something happened."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    hops = 0
    while token.dep_ == "conj" and token.head is not token and hops < 4:
        token = token.head
        hops += 1
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    return verb.lemma_.lower() in METONYMIC_VERBS or verb.lower_ in METONYMIC_VERBS
