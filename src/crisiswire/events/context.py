"""``crisiswire_event_context``: the date, place and casualty figures of each coded event.

Runs after the event coder and the timex, geo and casualty components, and reads what they
left on the Doc. The rule throughout is *the event's own clause*: a date or place counts for
an event only when it modifies the event word or a clause the event inherits from ("The
tensions escalated earlier in the week when Iran launched a strike" dates the strike), never
because it sits somewhere in the article (the prime minister's trip to Davos is not where the
strike happened; the day a spokesman spoke is not the day of what he reported).

Dates, in order of evidence:

1. a DATE/TIME expression in the clause → its value (`date_basis` ``explicit`` or ``relative``);
2. "two days after <clause>" → that clause's date shifted by the duration (``anchored``);
3. a coarse value (a week, a month) refined by a day-precise mention of the same event
   elsewhere in the article — same type family, same actor and recipient countries, inside
   the coarse period (``coreference``);
4. the publication date (``publication-date``).

`date_value` keeps the TIMEX3 value ("2024-W03"), so a coarse date is never passed off as a
precise one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from crisiswire.events.casualties import Casualty
from crisiswire.events.coder import CodedEvent
from crisiswire.model import Location, Place, Quote, Timex
from crisiswire.timex.calendar import period_days

_CLAUSE_EDGES = {"ccomp", "parataxis"}
"""Edges a date is not inherited across: what someone said happened is not dated by when
they said it."""
_SUBCLAUSES = {"ccomp", "advcl", "relcl", "csubj", "parataxis", "acl", "conj", "xcomp"}
_LOCATIVE = {
    "in",
    "inside",
    "into",
    "within",
    "near",
    "at",
    "across",
    "along",
    "outside",
    "throughout",
    "around",
    "outskirts",
}
_ANCHORS = {"after": 1, "before": -1}
_LATER = {"later": 1, "afterwards": 1, "earlier": -1, "before": -1}
_VIOLENT = {"ASSAULT", "COERCE"}
_UNIT_DAYS = {"D": 1, "W": 7}


class EventContext:
    def __call__(self, doc: Doc) -> Doc:
        events: list[CodedEvent] = doc._.cw_events or []
        if not events:
            return doc
        dct: date | None = doc._.cw_ref_date
        finder = _Finder(doc, doc._.cw_timexes or [], doc._.cw_places or [], dct)
        finder.triggers = {e.trigger.root.i for e in events}
        for event in events:
            finder.date(event)
        for event in events:
            finder.refine_date(event, events)
        for event in events:
            event.location = finder.place(event)
        _attach_casualties(doc, events, doc._.cw_casualties or [])
        if Doc.has_extension("cw_quotes"):
            _speakers_from_quotes(events, doc._.cw_quotes or [])
        return doc


class _Finder:
    def __init__(self, doc: Doc, timexes: list[Timex], places: list[Place], dct: date | None):
        self.doc, self.dct = doc, dct
        self.timex_at: dict[int, Timex] = {}
        for timex in timexes:
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            for token in span or ():
                self.timex_at.setdefault(token.i, timex)
        self.place_at: dict[int, Place] = {}
        for place in places:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            for token in span or ():
                if place.location is not None:
                    self.place_at.setdefault(token.i, place)
        self.previous: CodedEvent | None = None
        """The last event with a day-precise date: what "three days later" counts from."""
        self.sentence: Span | None = None
        self.triggers: set[int] = set()
        """Event words: a date inside another event's phrase is that event's date."""

    # -- dates ------------------------------------------------------------------------------

    def date(self, event: CodedEvent) -> None:
        self.sentence = event.sentence
        found = self._date_of(event.trigger.root, frozenset())
        if found is None:
            event.date = self.dct.isoformat() if self.dct else None
            event.date_basis = "publication-date" if self.dct else None
            event.date_text = event.date_value = None
            return
        event.date_value, event.date_text, event.date_basis = found
        event.date = _calendar_day(event.date_value, self.dct)
        if event.date is None:  # "January 16" with no year known: keep what the text says
            event.date_basis = "unresolved"
        elif _is_day(event.date_value):
            self.previous = event

    def _date_of(self, token: Token, seen: frozenset[int]) -> tuple[str, str, str] | None:
        """(TIMEX3 value, phrase, basis) for the clause of `token`, walking up the tree."""
        path = {token.i}
        current = token
        while True:
            found = self._local_date(current, path)
            if found is not None:
                return found
            anchored = self._anchored(current, path, seen)
            if anchored is not None:
                return anchored
            if current.dep_ in _CLAUSE_EDGES or current.head == current:
                return None
            current = current.head
            path.add(current.i)

    def _local_date(self, head: Token, path: set[int]) -> tuple[str, str, str] | None:
        """A dating expression among `head`'s own modifiers (not inside a sub-clause, not on
        the path we came up by)."""
        candidates: list[tuple[int, Timex]] = []
        if head.i in self.timex_at and head.i not in path - {head.i}:
            candidates.append((0, self.timex_at[head.i]))
        for child in head.children:
            if child.i in path or _is_clause(child) or child.i in self.triggers:
                continue
            if child.lower_ in _ANCHORS or child.lower_ in _LATER:
                continue  # "two days after …" and "three days later" date by anchoring
            for token in _modifier_tokens(child):
                timex = self.timex_at.get(token.i)
                if timex is None or timex.type not in ("DATE", "TIME"):
                    continue
                if _narrative_days(timex) is not None:
                    continue  # "two days earlier": counted from another event, not the DCT
                candidates.append((abs(token.i - head.i), timex))
        dated = [(d, t) for d, t in candidates if _day_or_coarser(t.value)]
        if not dated:
            return None
        timex = min(dated, key=lambda c: c[0])[1]
        return timex.value, timex.text, timex.basis if timex.basis != "unresolved" else "relative"

    def _anchored(
        self, head: Token, path: set[int], seen: frozenset[int]
    ) -> tuple[str, str, str] | None:
        """ "A, two days after B": B is dated by A minus two days (and A by B plus two when A
        is the one we are dating with no date of its own — not needed in news, not done).
        "Three days later, X": X is dated by the previous dated event plus three days."""
        relation = self._anchor_relation(head, path)
        if relation is not None:
            word, days, timex, anchor = relation
            if anchor.i not in seen:
                found = self._date_of(anchor, seen | {head.i})
                shifted = _shift(found[0], -_ANCHORS[word] * days) if found else None
                if shifted is not None:
                    return shifted, f"{timex.text} {word}", "anchored"
        forward = self._forward(head, path)
        if forward is not None:
            return forward
        for child in head.children:
            if child.i in path:
                continue
            word, duration = self._later(child)
            if duration is None:
                continue
            days, timex = duration
            base = self._later_base(head, seen)
            shifted = _shift(base, _LATER[word] * days) if base else None
            if shifted is not None:
                return (
                    shifted,
                    timex.text if word in timex.text.lower() else (f"{timex.text} {word}"),
                    "anchored",
                )
        return None

    def _later(self, child: Token) -> tuple[str, tuple[int, Timex] | None]:
        """ "three days later" / "two days earlier" under a clause: the word and the days."""
        if child.dep_ == "advmod" and child.lower_ in _LATER:
            return child.lower_, self._duration_among(child.children)
        timex = self.timex_at.get(child.i)
        if timex is not None:
            word = timex.text.lower().rsplit(" ", 1)[-1]
            days = _narrative_days(timex)
            if word in _LATER and days is not None:
                return word, (days, timex)  # the grammar read "two days earlier" as one date
        return "", None

    def _later_base(self, head: Token, seen: frozenset[int]) -> str | None:
        """What "two days later" counts from: the clause this one hangs from ("struck …,
        prompting Pakistan to retaliate two days later"), else the event dated just before
        in this sentence or the one before it."""
        if head.dep_ in ("advcl", "xcomp", "conj", "ccomp") and head.head.i not in seen:
            found = self._date_of(head.head, seen | {head.i})
            if found is not None and _is_day(found[0]):
                return found[0]
        previous = self.previous
        if previous is None or not previous.date_value or self.sentence is None:
            return None
        sentences = list(self.doc.sents)
        here = next((n for n, s in enumerate(sentences) if s.start == self.sentence.start), None)
        there = next(
            (n for n, s in enumerate(sentences) if s.start == previous.sentence.start), None
        )
        if here is None or there is None or not 0 <= here - there <= 1:
            return None
        return previous.date_value

    def _forward(self, head: Token, path: set[int]) -> tuple[str, str, str] | None:
        """ "Pakistan attacked Iran two days after Iran attacked Pakistan on Tuesday": the
        outer clause is dated by the dated clause inside "after" plus two days."""
        for child in head.children:
            if child.i in path:
                continue
            inner: Token | None = None
            if child.dep_ == "prep" and child.lower_ in _ANCHORS:
                marker, scope = child, list(child.children)
                inner = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            elif child.dep_ == "advcl":
                marker = next(
                    (g for g in child.children if g.dep_ == "mark" and g.lower_ in _ANCHORS), None
                )
                if marker is None:
                    continue
                scope, inner = [*marker.children, *child.children], child
            else:
                continue
            duration = self._duration_among(scope)
            if duration is None or inner is None:
                continue
            found = self._local_date(inner, {inner.i})
            shifted = _shift(found[0], _ANCHORS[marker.lower_] * duration[0]) if found else None
            if shifted is not None:
                return shifted, f"{duration[1].text} {marker.lower_}", "anchored"
        return None

    def _anchor_relation(self, head: Token, path: set[int]) -> tuple[str, int, Timex, Token] | None:
        """(after/before, days, the duration, the token anchored on) when `head` is the
        "after" of "two days after …" on our path, or a clause introduced by one."""
        if head.lower_ in _ANCHORS and head.dep_ in ("prep", "mark") and head.i in path:
            marker, scope = head, list(head.children)
            anchor = head.head if head.dep_ == "prep" else head.head.head
        else:
            marker = next(
                (c for c in head.children if c.dep_ == "mark" and c.lower_ in _ANCHORS), None
            )
            if marker is None:
                return None
            scope, anchor = [*marker.children, *head.children], head.head
        duration = self._duration_among(scope)
        if duration is None or anchor in (head, marker):
            return None
        return marker.lower_, duration[0], duration[1], anchor

    def _duration_among(self, tokens: object) -> tuple[int, Timex] | None:
        for token in tokens:  # type: ignore[attr-defined]
            for inner in _phrase_tokens(token):
                timex = self.timex_at.get(inner.i)
                if timex is None:
                    continue
                days = _narrative_days(timex)
                if days is not None:
                    return days, timex
        return None

    def refine_date(self, event: CodedEvent, events: list[CodedEvent]) -> None:
        """A week- or month-precise date made exact by another mention of the same event."""
        value = event.date_value
        if value is None or _is_day(value):
            return
        period = period_days(value)
        if period is None:
            return
        for other in events:
            if other is event or other.date_value is None or not _is_day(other.date_value):
                continue
            if other.negated or other.modality != "asserted":
                continue  # a day that did not (yet) happen says nothing of this one
            if not _same_happening(event, other):
                continue
            day = date.fromisoformat(other.date_value[:10])
            if period[0] <= day <= period[1]:
                event.date = day.isoformat()
                event.date_text = other.date_text
                event.date_basis = "coreference"
                return

    # -- places -----------------------------------------------------------------------------

    def place(self, event: CodedEvent) -> Location | None:
        """The place of the event's own clause: a toponym under a locative preposition that
        modifies the event word, its verb or the recipient phrase — never the actor."""
        trigger = event.trigger.root
        actors = {i for ref in event.actor for i in self._tokens_of(ref.start, ref.end)}
        heads = [trigger]
        if trigger.pos_ in ("NOUN", "PROPN") and trigger.head != trigger:
            heads.append(trigger.head)  # "launched a strike in Balochistan"
        violent = event.pattern.event_type in _VIOLENT
        prepositions = _LOCATIVE | ({"on", "against"} if violent else set())
        countries = {r.country for r in event.recipient if r.country}
        for head in heads:
            tokens = [t for p in _locative_preps(head, prepositions) for t in p.subtree]
            best = self._most_precise(tokens, actors, countries, trigger)
            if best is not None:
                return best
        if violent:
            # "Russia shelled Kharkiv", "strikes … against bases in Pakistan's south-western
            # Balochistan province": the target's own words name where it was hit
            tokens = [
                t
                for head in heads
                for c in head.children
                if c.dep_ in ("dobj", "nsubjpass")
                for t in _phrase_tokens(c)
            ]
            tokens += [
                self.doc[i] for ref in event.recipient for i in self._tokens_of(ref.start, ref.end)
            ]
            return self._most_precise(tokens, actors, countries, trigger)
        return None

    def _most_precise(
        self, tokens: list[Token], actors: set[int], countries: set[str], trigger: Token
    ) -> Location | None:
        """The best place among `tokens`: one in the country the event's target belongs to
        (a fuzzy "Baloch" in the Philippines loses to Saravan in Iran), then the most
        precise (town over province over country), then the nearest to the event word."""
        best: tuple[tuple[bool, int, int], Location] | None = None
        for token in tokens:
            if token.i in actors:
                continue
            place = self.place_at.get(token.i)
            location = place.location if place is not None else None
            location = location or self._demonym_country(token)
            if location is None:
                continue
            fits = not countries or location.country in countries
            key = (fits, _rank(location), -abs(token.i - trigger.i))
            if best is None or key > best[0]:
                best = (key, location)
        return best[1] if best is not None else None

    def _tokens_of(self, start: int | None, end: int | None) -> range:
        if start is None or end is None:
            return range(0)
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return range(span.start, span.end) if span is not None else range(0)

    def _demonym_country(self, token: Token) -> Location | None:
        """ "inside Iranian territory": the country of a demonym modifying a place noun."""
        if token.dep_ != "amod" or token.head.lemma_.lower() not in _TERRITORY:
            return None
        for mention in self.doc._.cw_mentions or []:
            if mention.start <= token.i < mention.end and mention.kind == "demonym":
                return _country_location(mention.entry.country if mention.entry else None)
        return None


_TERRITORY = {"territory", "soil", "airspace", "waters", "land", "side", "border", "province"}


def _locative_preps(head: Token, prepositions: set[str]) -> list[Token]:
    """Locative prepositions under `head` and under its object ("strike against militants
    in Balochistan"), nearest first."""
    out = [c for c in head.children if c.dep_ == "prep" and c.lower_ in prepositions]
    for child in head.children:
        if child.dep_ not in ("dobj", "pobj", "prep", "nsubjpass"):
            continue
        for inner in child.subtree:
            locative = inner.dep_ == "prep" and inner.lower_ in prepositions and inner not in out
            aside = any(_is_clause(a) or a.dep_ in ("appos", "acl") for a in _between(inner, head))
            if locative and not aside:
                out.append(inner)
    return out


def _between(token: Token, top: Token) -> list[Token]:
    out = []
    current = token
    while current != top and current.head != current:
        out.append(current)
        current = current.head
    return out


def _rank(location: Location) -> int:
    """Prefer the most precise place: a town or district over a province over a country;
    a region, sea or continent ("the Middle East") says least."""
    return {"city": 3, "district": 3, "admin2": 3, "admin1": 2, "country": 1}.get(
        location.feature or "", 0
    )


def _country_location(iso3: str | None) -> Location | None:
    if not iso3:
        return None
    from crisiswire.geo.resolve import country_location

    return country_location(iso3)


def _is_clause(token: Token) -> bool:
    return token.dep_ in _SUBCLAUSES and token.pos_ in ("VERB", "AUX")


_NOT_A_POINT = {
    "since",
    "until",
    "till",
    "by",
    "through",
    "throughout",
    "ahead",
    "before",
    "after",
    "during",
}
_DATING_DEPS = {
    "poss",
    "npadvmod",
    "tmod",
    "advmod",
    "obl",
    "nmod",
    "appos",
    "pobj",
    "prep",
    "compound",
    "amod",
    "nummod",
    "det",
    "case",
    "punct",
    "quantmod",
    "conj",
    "cc",
}


def _modifier_tokens(child: Token) -> list[Token]:
    """The tokens of a modifier that can date its head: "on Thursday", "last week",
    "earlier in the week" — not a date buried in an argument ("discussed preparations for
    the February 8 election" was not discussed on February 8)."""
    if child.dep_ in ("dobj", "nsubjpass", "attr"):
        # "summoned meetings on Friday": a date that is itself the object of a preposition
        # on the verb's object still dates the act; "preparations for the February 8
        # elections" (a date modifying a noun there) does not
        return [
            pobj
            for prep in child.children
            if prep.dep_ == "prep"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
    if child.dep_ not in _DATING_DEPS:
        return []
    if child.dep_ == "prep":
        if child.lower_ in _NOT_A_POINT:
            return []  # "since 2019", "by Friday": a span or a deadline, not when it happened
        return [t for g in child.children if g.dep_ == "pobj" for t in _modifier_tokens(g)]
    out = [child]
    for grandchild in child.children:
        if grandchild.dep_ == "prep" and child.dep_ != "advmod":
            continue  # "the elections of February": a modifier of the noun, not of the event
        if not _is_clause(grandchild):
            out += _modifier_tokens(grandchild)
    return out


def _phrase_tokens(token: Token) -> list[Token]:
    """The tokens of a modifier phrase, not descending into clauses."""
    out = [token]
    for child in token.children:
        if not _is_clause(child):
            out += _phrase_tokens(child)
    return out


# -- TIMEX3 values ------------------------------------------------------------------------


def _is_day(value: str) -> bool:
    """A full calendar day ("2024-01-16", "2024-01-16TMO"), not "XXXX-01-16" (no year known)."""
    day = value[:10]
    return (
        len(day) == 10
        and day[4] == "-"
        and day[7] == "-"
        and (day[:4] + day[5:7] + day[8:]).isdigit()
    )


def _day_or_coarser(value: str) -> bool:
    return _is_day(value) or period_days(value) is not None or value == "PRESENT_REF"


def _calendar_day(value: str, dct: date | None) -> str | None:
    """A calendar day for a TIMEX3 value: the day itself, or for a period (a week, a month,
    a year) its first day, so the date always lies inside `date_value`; PRESENT_REF is the
    publication date."""
    if _is_day(value):
        return value[:10]
    if value == "PRESENT_REF":
        return dct.isoformat() if dct else None
    period = period_days(value)
    if period is None:
        return dct.isoformat() if dct else None
    return period[0].isoformat()


def _shift(value: str, days: int) -> str | None:
    if not _is_day(value):
        return None
    return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat()


def _narrative_days(timex: Timex) -> int | None:
    """Days of a duration ("two days" P2D), also when the grammar read "two days earlier"
    as a date against the publication date: news counts those from another event."""
    if timex.type == "DURATION":
        return _duration_days(timex.value)
    words = timex.text.lower().split()
    if len(words) >= 3 and words[-1] in _LATER and timex.type == "DATE":
        from crisiswire.timex import normalise

        found = normalise(" ".join(words[:-1]), None)
        if found is not None and found[0] == "DURATION":
            return _duration_days(found[1])
    return None


def _duration_days(value: str) -> int | None:
    """ "P2D" → 2, "P1W" → 7; months and years are not day-exact and are not anchored."""
    if len(value) < 3 or value[0] != "P" or value[-1] not in _UNIT_DAYS:
        return None
    number = value[1:-1]
    return int(number) * _UNIT_DAYS[value[-1]] if number.isdigit() else None


def _family(event: CodedEvent) -> str:
    return "violent" if event.pattern.event_type in _VIOLENT else event.pattern.event_type


def _same_happening(a: CodedEvent, b: CodedEvent) -> bool:
    if _family(a) != _family(b):
        return False
    countries = {r.country for r in a.actor if r.country}
    others = {r.country for r in b.actor if r.country}
    targets = {r.country for r in a.recipient if r.country}
    other_targets = {r.country for r in b.recipient if r.country}
    return bool(countries & others) and (
        not targets or not other_targets or bool(targets & other_targets)
    )


# -- casualties -----------------------------------------------------------------------------


def _attach_casualties(doc: Doc, events: list[CodedEvent], casualties: list[Casualty]) -> None:
    """Each figure goes to one event, the act that caused it, so that adding up `dead` over
    events never counts a toll twice. The killing word is often coded as an event of its own
    ("attacked Pakistan, killing two"); the toll then goes to the act it is linked with:

    1. a violent event whose words govern the figure ("a strike … that left two dead");
    2. a violent event in a clause chained with the killing word ("shelled …, killing four",
       "two were killed when Iran struck", "Iran's strike on Panjgur killed two",
       "launched strikes, killing two");
    3. the killing event itself, when it names who killed ("gunmen killed nine");
    4. when the sentence names no act of its own ("Nine people were killed in the attack"),
       the last violent event with an actor in the sentences just before;
    5. else the nearest violent event of the sentence.
    """
    violent = [e for e in events if e.pattern.event_type in _VIOLENT and not e.negated]
    cues = {c.cue for c in casualties}
    for casualty in casualties:
        cue = doc[casualty.cue]
        sentence = cue.sent
        here = [e for e in violent if e.sentence.start == sentence.start]
        own = [e for e in here if e.trigger.root.i in cues]  # "killed", "killing" as events
        own.sort(key=lambda e: abs(e.trigger.root.i - cue.i))
        others = [e for e in here if e.trigger.root.i not in cues]
        ancestors = {a.i for a in cue.ancestors}
        governing = [e for e in others if e.trigger.root.i in ancestors or _governs(e, cue)]
        linked_tokens = _linked_clauses(cue)
        linked = [e for e in others if e.trigger.root.i in linked_tokens]
        before = [e for e in violent if 0 <= sentence.start - e.sentence.end <= 60 and e.actor]
        target: CodedEvent | None
        if governing:
            target = min(governing, key=lambda e: abs(e.trigger.root.i - cue.i))
        elif linked:
            target = min(linked, key=lambda e: abs(e.trigger.root.i - cue.i))
        elif own and own[0].actor:
            target = own[0]
        elif not others and before:
            target = before[-1]
        elif here:
            target = min(here, key=lambda e: abs(e.trigger.root.i - cue.i))
        else:
            target = before[-1] if before else None
        if target is None:
            continue
        current = getattr(target, casualty.kind)
        if current is None or casualty.count > current:
            setattr(target, casualty.kind, casualty.count)


_LINKS = ("advcl", "conj", "xcomp", "ccomp", "relcl")


def _linked_clauses(verb: Token) -> set[int]:
    """The verbs of the clauses chained with `verb` (by conjunction, adverbial clause or
    complement), their subjects and objects: the words that can name the act behind a toll
    ("launched strikes, killing two": the strikes)."""
    top = verb
    while top.dep_ in _LINKS and top.head != top:
        top = top.head
    verbs = [top] + [c for c in top.children if c.dep_ in _LINKS]
    out = {v.i for v in verbs}
    for v in verbs:
        out |= {c.i for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")}
    return out


_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "we", "i"}


def _speakers_from_quotes(events: list[CodedEvent], quotes: list[Quote]) -> None:
    """An event said inside a quote is said by the quote's speaker: it fills a speaker the
    coder did not find, and replaces a bare pronoun with the named speaker the quote stage
    resolved ("“…,” he added" after Kirby spoke is Kirby's)."""
    for event in events:
        current = event.speaker
        if current is not None and current.text.lower() not in _PRONOUNS:
            continue
        at = event.trigger.start_char
        inside = [q for q in quotes if q.speaker is not None and q.start <= at < q.end]
        if not inside:
            continue
        quote = min(inside, key=lambda q: q.end - q.start)  # the innermost
        speaker = quote.speaker
        if current is None or (speaker is not None and speaker.name):
            event.speaker = replace(speaker) if speaker is not None else None


def _governs(event: CodedEvent, cue: Token) -> bool:
    """The event word's phrase contains the cue ("the strike that left two dead")."""
    trigger = event.trigger.root
    return trigger.left_edge.i <= cue.i <= trigger.right_edge.i


@Language.factory(
    "crisiswire_event_context",
    requires=["doc._.cw_events"],
    assigns=["doc._.cw_events"],
)
def make_event_context(nlp: Language, name: str) -> EventContext:
    return EventContext()
