"""``crisiswire_events``: code events from a parsed Doc with actors marked.

For every verb or event noun that a pattern in ``data/events`` names, the coder finds the
actor (subject, or "by" agent of a passive), the recipient (object, passive subject, or the
object of on/against/with/to …), negation, modality (threat, hypothetical, intent) and the
speaker when the event sits in a quote or in reported speech. The result is a list of
`CodedEvent` on ``doc._.cw_events``; `crisiswire.events.records` turns them into `Event`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from crisiswire.actors.resolve import ActorResolver
from crisiswire.events.patterns import Pattern, Patterns, load_patterns
from crisiswire.model import ActorRef, Location

if not Doc.has_extension("cw_events"):
    Doc.set_extension("cw_events", default=None)

_RECIPIENT_PREPS = {
    "on",
    "against",
    "at",
    "with",
    "to",
    "toward",
    "towards",
    "upon",
    "into",
    "inside",
    "in",
    "from",
    "over",
    "between",
}
_PLACE_PREPS = {"in", "inside", "into", "within", "near"}
_HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should"}
_FUTURE_AUX = {"will", "shall"}
_FIRST_PERSON = {"we", "us", "our", "i", "me", "my"}
_VIOLENT = {"ASSAULT", "COERCE"}
_RECIPROCAL_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
_NOT_DONE = {"without", "instead"}
"""Prepositions under which an event word did not happen ("attacked without warning")."""
_CONDEMN = Pattern("condemnation", "ACCUSE", "disapprove", "111")
_QUOTE = re.compile(r"“[^”]{2,}?”|\"[^\"\n]{2,}?\"")


@dataclass(slots=True)
class CodedEvent:
    """An event found in a Doc, before it becomes an `Event` record."""

    pattern: Pattern
    trigger: Span
    sentence: Span
    sentence_index: int
    actor: list[ActorRef] = field(default_factory=list)
    recipient: list[ActorRef] = field(default_factory=list)
    negated: bool = False
    modality: str = "asserted"
    speaker: ActorRef | None = None
    # filled in by crisiswire_event_context from the timex, geo and casualty components
    date: str | None = None
    date_text: str | None = None
    date_basis: str | None = None
    date_value: str | None = None
    location: Location | None = None
    dead: int | None = None
    injured: int | None = None


class EventCoder:
    def __init__(self, patterns: Patterns | None = None) -> None:
        self.patterns = patterns or load_patterns()

    def __call__(self, doc: Doc) -> Doc:
        resolver = ActorResolver(doc, doc._.cw_ref_date, self.patterns.body_anaphors)
        quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(doc.text)]
        sentences = list(doc.sents)
        events: list[CodedEvent] = []
        for index, sentence in enumerate(sentences):
            consumed: set[int] = set()
            for token in sentence:
                if token.i in consumed:
                    continue
                event = self._code(token, resolver, consumed)
                if event is None:
                    continue
                event.sentence, event.sentence_index = sentence, index
                event.speaker = self._speaker(event, resolver, quotes, sentences)
                self._first_person_is_speaker(event)
                if event.modality == "threat" and not event.actor and event.speaker:
                    # "any attempt would be met with the full might of the state",
                    # the meeting warned: the one who warns is the one who threatens.
                    event.actor = [event.speaker]
                if (
                    not event.recipient
                    and token.lemma_.lower() in self.patterns.warning_verbs
                    and event.pattern.event_type == "THREATEN"
                ):
                    continue  # "warned that the situation was dire": a statement
                if event.actor or event.recipient:
                    _reciprocal(event)
                    events.append(event)
            events += self._condemnations(sentence, index, resolver, quotes, sentences, events)
        doc._.cw_events = events
        return doc

    def _condemnations(
        self,
        sentence: Span,
        index: int,
        resolver: ActorResolver,
        quotes: list[tuple[int, int]],
        sentences: list[Span],
        coded: list[CodedEvent],
    ) -> list[CodedEvent]:
        """ "another example of Iran's destabilising behaviour", said by a known speaker:
        condemning words (``condemnation_modifiers`` in cues.yaml) about an act whose actor
        is named are an ACCUSE from the speaker to that actor. Without a speaker it is the
        writer's framing, not an event."""
        out: list[CodedEvent] = []
        for noun in sentence:
            if noun.pos_ != "NOUN":
                continue
            words = [c for c in noun.children if c.dep_ == "amod" and c.i < noun.i]
            cue = next((c for c in words if c.lower_ in self.patterns.condemnation_modifiers), None)
            if cue is None:
                continue
            targets = next((e.actor for e in coded if e.trigger.start == noun.i), None)
            targets = targets or self._modifier_actors(noun, resolver)
            targets = [t for t in targets if t.country or t.name]
            if not targets:
                continue
            event = CodedEvent(_CONDEMN, noun.doc[cue.i : noun.i + 1], sentence, index)
            event.recipient = targets
            event.speaker = self._speaker(event, resolver, quotes, sentences)
            if event.speaker is None or event.speaker.code in {t.code for t in targets}:
                continue
            event.actor = [event.speaker]
            out.append(event)
        return out

    # -- which words are events ----------------------------------------------------------

    def _code(self, token: Token, resolver: ActorResolver, consumed: set[int]) -> CodedEvent | None:
        if token.dep_ == "pcomp" and token.head.lower_ in _NOT_DONE:
            return None  # "attacked without warning": no warning was given
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            noun = self._light_object(token)
            if noun is not None:
                noun_token, pattern = noun
                consumed.add(noun_token.i)
                return self._verbal(token, pattern, resolver, trigger=noun_token)
            pattern = self._verb_pattern(token)
            if pattern is not None:
                return self._verbal(token, pattern, resolver)
        elif token.pos_ in ("NOUN", "PROPN"):
            pattern = self._noun_pattern(token)
            if pattern is not None:
                return self._nominal(token, pattern, resolver)
        return None

    def _verb_pattern(self, verb: Token) -> Pattern | None:
        rows = None
        for lemma in _lemmas(verb):
            rows = self.patterns.verbs.get(lemma)
            if rows:
                break
        if not rows:
            return None
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
        objects = {
            c.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr")
        }
        for prep in (c for c in verb.children if c.dep_ in ("prep", "agent")):
            objects |= {g.lemma_.lower() for g in prep.children if g.dep_ == "pobj"}
        for row in rows:
            if row.particle and not set(row.particle.split()) <= particles:
                continue
            if row.objects and not (objects & row.objects):
                continue
            return row
        return None

    def _noun_senses(self, noun: Token) -> tuple[Pattern, ...]:
        """Patterns for a noun, a compound ("air strike") before the bare noun."""
        for lemma in _lemmas(noun):
            for child in noun.children:
                if child.dep_ in ("compound", "amod") and child.i == noun.i - 1:
                    compound = self.patterns.compounds.get(f"{child.lemma_.lower()} {lemma}")
                    if compound:
                        return compound
            senses = self.patterns.nouns.get(lemma)
            if senses:
                return senses
        return ()

    def _noun_pattern(self, noun: Token) -> Pattern | None:
        senses = self._noun_senses(noun)
        return senses[0] if senses else None

    def _light_object(self, verb: Token) -> tuple[Token, Pattern] | None:
        """ "launched a strike", "held talks": the noun is the event, the verb its support."""
        lemma = verb.lemma_.lower()
        if lemma not in self.patterns.light_verbs:
            return None
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
        objects = [(c, particles) for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        for prep in (c for c in verb.children if c.dep_ == "prep"):  # "engaged in talks"
            objects += [(g, particles | {prep.lower_}) for g in prep.children if g.dep_ == "pobj"]
        for child, particles in objects:
            for pattern in self._noun_senses(child):
                for light in pattern.light_verbs:
                    words = light.split()
                    if words[0] == lemma and set(words[1:]) <= particles:
                        return child, pattern
        return None

    # -- arguments ------------------------------------------------------------------------

    def _verbal(
        self, verb: Token, pattern: Pattern, resolver: ActorResolver, trigger: Token | None = None
    ) -> CodedEvent:
        trigger = trigger or verb
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            actor = self._agent(verb, resolver)
            recipient = self._children(verb, ("nsubjpass",), resolver)
        else:
            actor = self._subject(verb, resolver)
            recipient = self._children(verb, ("dobj", "dative"), resolver)
            if trigger != verb:  # the light verb's object is the event noun itself
                recipient = self._modifier_actors(trigger, resolver, exclude=actor)
        if not recipient:
            recipient = self._prep_objects(verb, pattern, resolver)
        if not recipient and trigger != verb:
            recipient = self._prep_objects(trigger, pattern, resolver)
        if not recipient and trigger == verb:  # "restore ties with Gondor"
            # … but not "condemned the attack on Pakistan": the victim is not the one condemned
            objects = [c for c in verb.children if c.dep_ == "dobj" and not self._noun_senses(c)]
            for obj in objects:
                recipient = recipient or self._prep_objects(obj, pattern, resolver)
        if not recipient:
            recipient = self._object_modifiers(verb, resolver, exclude=actor)
        pattern = self._threatened_act(verb, pattern)
        event = CodedEvent(pattern, trigger.doc[trigger.i : trigger.i + 1], trigger.sent, 0)
        event.actor, event.recipient = actor, recipient
        event.negated = _negated(verb)
        event.modality = self._modality(verb, pattern)
        self._place_country(event, verb, trigger, resolver)
        return event

    def _threatened_act(self, verb: Token, pattern: Pattern) -> Pattern:
        """ "threatened to attack": a THREATEN with no mode of its own takes one from the
        act threatened (``threat_modes`` in cues.yaml), and that mode's CAMEO code."""
        if pattern.event_type != "THREATEN" or pattern.mode is not None:
            return pattern
        for child in verb.children:
            if child.dep_ != "xcomp":
                continue
            act = self._verb_pattern(child)
            mode = self.patterns.threat_modes.get(act.event_type) if act else None
            if mode is not None:
                return replace(pattern, mode=mode, cameo=None)
        return pattern

    def _nominal(self, noun: Token, pattern: Pattern, resolver: ActorResolver) -> CodedEvent | None:
        """ "the Iranian attack on Pakistan": actor from the noun's modifiers or "by" phrase,
        recipient from on/against/with."""
        if noun.dep_ == "pobj" and noun.head.lower_ in _NOT_DONE:
            return None  # "attacked without warning": the warning did not happen
        # A bare sector word ("military operations", "intelligence-based operation") does not
        # say whose act it is; only a named actor or a pronoun standing for one does.
        actor = [r for r in self._modifier_actors(noun, resolver) if r.name]
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"):
            actor = actor or self._children(prep, ("pobj",), resolver)
        if not actor:
            return None
        recipient = self._prep_objects(noun, pattern, resolver)
        event = CodedEvent(pattern, noun.doc[noun.i : noun.i + 1], noun.sent, 0, actor, recipient)
        event.negated = _negated(noun.head) if noun.dep_ in ("dobj", "nsubj") else False
        self._place_country(event, noun, noun, resolver)
        return event

    def _subject(self, verb: Token, resolver: ActorResolver) -> list[ActorRef]:
        subjects = self._children(verb, ("nsubj", "csubj"), resolver)
        if subjects:
            return subjects
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return []  # a subject that names no actor ("tensions escalated")
        head = verb.head
        if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and head != verb:
            finite = verb.tag_ not in ("VBG", "VBN")  # "while urging …" shares the subject
            if verb.dep_ == "advcl" and finite and any(c.dep_ == "mark" for c in verb.children):
                return []
            if head.pos_ in ("VERB", "AUX"):
                return self._subject(head, resolver)
            if verb.dep_ == "xcomp" and head.dep_ == "acomp" and head.head != head:
                return self._subject(head.head, resolver)  # "Arnor is about to restore"
        if verb.dep_ == "relcl":
            return resolver.resolve(head)
        if verb.dep_ == "pcomp" and head.head != head:  # "by launching a strike"
            return self._subject(head.head, resolver)
        return []

    def _agent(self, verb: Token, resolver: ActorResolver) -> list[ActorRef]:
        for child in verb.children:
            if child.dep_ == "agent":
                return self._children(child, ("pobj",), resolver)
        return []

    @staticmethod
    def _children(token: Token, deps: tuple[str, ...], resolver: ActorResolver) -> list[ActorRef]:
        out: list[ActorRef] = []
        for child in token.children:
            if child.dep_ in deps:
                out += resolver.resolve(child)
        return out

    def _prep_objects(
        self, head: Token, pattern: Pattern, resolver: ActorResolver
    ) -> list[ActorRef]:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _RECIPIENT_PREPS:
                continue
            if pattern.particle and prep.lower_ == pattern.particle and pattern.objects:
                continue  # "met with the full might": the object is part of the pattern
            found = self._children(prep, ("pobj",), resolver)
            if prep.lower_ in _PLACE_PREPS:
                found = [r for r in found if r.country and r.sector is None]
            if found:
                return found
        for prep in head.children:  # "a resumption of ties with Osgiliath"
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    if not resolver.resolve(pobj):
                        found = self._prep_objects(pobj, pattern, resolver)
                        if found:
                            return found
        return []

    def _modifier_actors(
        self, noun: Token, resolver: ActorResolver, exclude: list[ActorRef] | None = None
    ) -> list[ActorRef]:
        """Actors in a noun's possessive, adjective or compound modifiers ("Iran's strike",
        "the Iranian attack")."""
        codes = {r.code for r in exclude or []}
        out: list[ActorRef] = []
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < noun.i:
                out += [r for r in resolver.resolve(child) if r.code not in codes or not r.code]
        return out

    def _object_modifiers(
        self, verb: Token, resolver: ActorResolver, exclude: list[ActorRef]
    ) -> list[ActorRef]:
        """ "condemned the Iranian strike": the strike's actor is the one condemned."""
        for child in verb.children:
            if child.dep_ == "dobj":
                return self._modifier_actors(child, resolver, exclude)
        return []

    def _place_country(
        self, event: CodedEvent, verb: Token, trigger: Token, resolver: ActorResolver
    ) -> None:
        """A violent event "inside Iran" against militants of no country: the target is
        coded by where it was hit, as CAMEO coders do."""
        if event.pattern.event_type not in _VIOLENT:
            return
        uncoded = [r for r in event.recipient if r.country is None]
        if event.recipient and not uncoded:
            return
        places: list[ActorRef] = []
        subjects = {
            t.i
            for head in (verb, trigger)
            for c in head.children
            if c.dep_ in ("nsubj", "nsubjpass", "agent")
            for t in c.subtree
        }
        tokens = sorted(
            {t for head in (verb, trigger) for t in head.subtree if t.i not in subjects},
            key=lambda t: abs(t.i - trigger.i),
        )
        for prep in tokens:
            if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                place = resolver.place(pobj)
                if place is not None:
                    places.append(place)
        if not places:
            return
        country = places[0].country
        for ref in uncoded:
            ref.country = country
        if not event.recipient:
            event.recipient = [
                ActorRef(
                    places[0].text, places[0].name, country, None, places[0].start, places[0].end
                )
            ]

    # -- modality and speech ----------------------------------------------------------------

    def _modality(self, verb: Token, pattern: Pattern) -> str:
        if pattern.event_type == "THREATEN":
            return "threat"
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
            return "hypothetical"
        governor = verb.head if verb.dep_ in ("xcomp", "ccomp", "advcl") else None
        if governor is not None and governor.lemma_.lower() in self.patterns.threat_verbs:
            return "threat"
        if aux & _HYPOTHETICAL_AUX:
            if aux <= {"would"} and verb.lemma_.lower() in self.patterns.performative_verbs:
                return "asserted"  # "we would urge restraint" is the appeal itself
            return "hypothetical"
        if aux & _FUTURE_AUX:
            return "intent"
        if governor is not None and governor.lemma_.lower() in self.patterns.intent_verbs:
            return "intent"
        return "asserted"

    def _speaker(
        self,
        event: CodedEvent,
        resolver: ActorResolver,
        quotes: list[tuple[int, int]],
        sentences: list[Span],
    ) -> ActorRef | None:
        """Who said it: the subject of a verb of saying that governs the event (reported
        speech), or that introduces the quote the event stands in."""
        token = event.trigger.root
        head = token
        first_person: ActorRef | None = None
        while head.head != head:
            head = head.head
            if head.lemma_.lower() in self.patterns.speech_verbs and head.dep_ != "xcomp":
                speaker = self._speech_subject(head, resolver)
                if speaker and speaker.text.lower() in _FIRST_PERSON:
                    first_person = first_person or speaker  # "I will say …" in a quote
                elif speaker:
                    return speaker
        at = event.trigger.start_char
        number = next((n for n, (s, e) in enumerate(quotes) if s <= at < e), None)
        if number is None:
            return first_person
        quoted = self._quote_speaker(number, resolver, quotes, sentences)
        return quoted or first_person

    def _quote_speaker(
        self,
        number: int,
        resolver: ActorResolver,
        quotes: list[tuple[int, int]],
        sentences: list[Span],
    ) -> ActorRef | None:
        """The subject of a verb of saying next to quote `number`; a quote with none that
        follows straight on from another ('“…,” Miller said. “…”') keeps its speaker."""
        quote = quotes[number]
        nearby = [
            sentence
            for sentence in sentences
            if sentence.end_char >= quote[0] - 150 and sentence.start_char <= quote[1] + 150
        ]
        for candidate in nearby:
            for verb in candidate:
                if verb.lemma_.lower() not in self.patterns.speech_verbs:
                    continue
                if quote[0] <= verb.idx < quote[1]:
                    continue
                near = abs(verb.idx - quote[1]) < 120 or abs(quote[0] - verb.idx) < 120
                if near:
                    speaker = self._speech_subject(verb, resolver)
                    if speaker:
                        return speaker
        if number > 0:
            previous = quotes[number - 1]
            between = sentences[0].doc.text[previous[1] : quote[0]]
            if len(between) < 40 and "\n\n" not in between:
                return self._quote_speaker(number - 1, resolver, quotes, sentences)
        return None

    def _speech_subject(self, verb: Token, resolver: ActorResolver) -> ActorRef | None:
        for child in verb.children:
            if child.dep_ in ("nsubj",):
                refs = resolver.resolve(child)
                return refs[0] if refs else None
        return None

    @staticmethod
    def _first_person_is_speaker(event: CodedEvent) -> None:
        if event.speaker is None:
            return
        for refs in (event.actor, event.recipient):
            for i, ref in enumerate(refs):
                if ref.text.lower() in _FIRST_PERSON:
                    s = event.speaker
                    refs[i] = ActorRef(ref.text, s.name, s.country, s.sector, ref.start, ref.end)


def _reciprocal(event: CodedEvent) -> None:
    """ "Pakistan and Iran agreed", "the two ministers met": with no one else named, each
    actor of a meeting or agreement is the other's recipient (so both dyads are coded)."""
    if event.recipient or event.pattern.event_type not in _RECIPROCAL_TYPES:
        return
    if len({ref.code for ref in event.actor if ref.code}) >= 2:
        event.recipient = [replace(ref) for ref in event.actor]


def _lemmas(token: Token) -> list[str]:
    """Lemmas to look up: a hyphenated word rejoined first ("de-escalate", which spaCy
    splits into three tokens), then the token's lemma and its lower-case form."""
    out = []
    doc = token.doc
    i = token.i
    if i >= 2 and doc[i - 1].text == "-" and not (doc[i - 2].whitespace_ or doc[i - 1].whitespace_):
        out.append(f"{doc[i - 2].lower_}-{token.lemma_.lower()}")
    out += [token.lemma_.lower(), token.lower_]
    return out


def _negated(token: Token) -> bool:
    for current in (token, token.head if token.dep_ in ("xcomp",) else None):
        if current is None:
            continue
        if any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in current.children):
            return True
    return False


@Language.factory("crisiswire_events", requires=["doc._.cw_mentions"], assigns=["doc._.cw_events"])
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder()
