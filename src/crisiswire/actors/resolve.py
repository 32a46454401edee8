"""Resolve the noun phrase under a token to coded actors (country + sector).

Order of evidence: a named person or group (their role on the event's date) → an IGO → a
country, capital or demonym combined with a sector word ("Pakistani soldiers" → PAK MIL,
"Iran's foreign ministry" → IRN GOV) → a bare title ("the prime minister") back to the last
person holding it → pronouns back to the last matching actor → a state sector word alone
(GOV, MIL, …) takes the article's focus country. An actor nobody can code keeps its text.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from spacy.tokens import Doc, Span, Token

from crisiswire.actors.component import Mention
from crisiswire.model import ActorRef

_CORE_LEFT = {"compound", "amod", "poss", "nmod", "flat", "nummod", "det", "case", "npadvmod"}
_PERSONAL = {"he", "she", "him", "her", "his", "hers"}
_PLURAL = {"they", "them", "their", "theirs"}
_NEUTER = {"it", "its"}
_FIRST = {"we", "our", "us", "i", "my", "me"}
_STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
_RECIPROCAL = {"two", "both"}
_STATE_NOUNS = {"country", "nation", "side", "state", "neighbour", "neighbor", "capital"}


class ActorResolver:
    def __init__(
        self,
        doc: Doc,
        ref_date: date | None = None,
        body_anaphors: frozenset[str] = frozenset(),
    ) -> None:
        self.doc = doc
        self.date = ref_date
        self.body_anaphors = body_anaphors
        """Nouns that, definite and alone ("the forum", "the meeting"), mean the last
        organisation mentioned."""
        self.mentions: list[Mention] = doc._.cw_mentions or []
        self.by_token: dict[int, Mention] = {}
        for mention in self.mentions:
            for i in range(mention.start, mention.end):
                self.by_token.setdefault(i, mention)
        self.focus = self._focus_country()

    # -- public -----------------------------------------------------------------------

    def resolve(self, head: Token) -> list[ActorRef]:
        """Actors named by the phrase headed by `head` and its conjuncts ("Pakistan and
        Iran"); empty when the phrase names no actor."""
        out: list[ActorRef] = []
        for token in (head, *head.conjuncts):
            for ref in self._resolve_one(token):
                if all(ref.code != r.code or ref.text != r.text for r in out):
                    out.append(ref)
        return out

    def ref(self, mention: Mention, text: str | None = None) -> ActorRef:
        """The coded actor for one mention, its text and character offsets."""
        span = self.doc[mention.start : mention.end]
        text = text or span.text
        entry = mention.entry
        if entry is None:
            return ActorRef(text, None, None, mention.sector, span.start_char, span.end_char)
        if entry.kind in ("person", "group"):
            role = entry.role_on(self.date)
            return ActorRef(
                text,
                entry.name,
                role.country if role else None,
                role.sector if role else None,
                span.start_char,
                span.end_char,
            )
        return ActorRef(
            text, entry.name, entry.country, entry.sector, span.start_char, span.end_char
        )

    # -- internals ----------------------------------------------------------------------

    def _resolve_one(self, head: Token) -> list[ActorRef]:
        lower = head.lower_
        if head.pos_ == "PRON" or lower in _PERSONAL | _PLURAL | _NEUTER | _FIRST:
            antecedent = self._antecedent(head)
            return [antecedent] if antecedent else []
        core = sorted(self._core(head), key=lambda t: t.i)
        span = self._span(core)
        found = self._mentions_in(core)
        named = [m for m in found if m.kind in ("person", "group", "igo")]
        if named:
            best = next((m for m in named if m.start <= head.i < m.end), named[-1])
            return [self._with_span(self.ref(best), span)]
        reciprocal = any(t.lower_ in _RECIPROCAL for t in core if t.i != head.i)
        if (reciprocal and self._collective(head, found)) or lower == "both":
            pair = self._recent_pair(head)
            if pair:
                sector = self._sector(found, head)
                return [
                    ActorRef(span.text, None, c, sector, span.start_char, span.end_char)
                    for c in pair
                ]
        place = next((m for m in found if m.kind in ("country", "capital", "demonym")), None)
        sector = self._sector(found, head)
        if place is not None:
            ref = self.ref(place)
            if place.kind == "capital" and sector is None:
                sector = "GOV"
            if (
                place.kind == "demonym"
                and sector is None
                and head.i in range(place.start, place.end)
            ):
                sector = None  # "the Iranians": the people or the state, left uncoded
            out = [
                ActorRef(span.text, ref.name, ref.country, sector, span.start_char, span.end_char)
            ]
            if sector is not None:  # "lawmakers in Arnor and Gondor", "Iranian and Pakistani
                for other in self._conjoined_places(place):  # officials": one actor each
                    extra = self.ref(other)
                    if extra.country not in {r.country for r in out}:
                        out.append(
                            ActorRef(
                                span.text, extra.name, extra.country, sector,
                                span.start_char, span.end_char,
                            )
                        )  # fmt: skip
            return out
        if not found and lower in self.body_anaphors:
            body = self._body_antecedent(head, core)
            if body is not None:
                return [self._with_span(body, span)]
        unknown = next((m for m in found if m.kind == "unknown"), None)
        if unknown is not None and sector is None:
            return [self._with_span(self.ref(unknown), span)]
        if sector is not None:
            holder = self._title_holder(head, core)
            if holder is not None:
                return [self._with_span(holder, span)]
            country = self.focus if sector in _STATE_SECTORS else None
            return [ActorRef(span.text, None, country, sector, span.start_char, span.end_char)]
        if unknown is not None:
            return [self._with_span(self.ref(unknown), span)]
        return []

    def _conjoined_places(self, mention: Mention) -> list[Mention]:
        """Countries, capitals or demonyms conjoined with `mention` ("Arnor and Gondor")."""
        out: list[Mention] = []
        for token in self.doc[mention.start : mention.end]:
            for conjunct in token.conjuncts:
                other = self.by_token.get(conjunct.i)
                if (
                    other is not None
                    and other is not mention
                    and other not in out
                    and other.kind in ("country", "capital", "demonym")
                ):
                    out.append(other)
        return out

    def place(self, head: Token) -> ActorRef | None:
        """The country of the place the phrase under `head` names ("Balochistan's Panjgur
        district" → PAK, "Iranian territory" → IRN), for coding where an attack landed."""
        core = sorted(self._core(head), key=lambda t: t.i)
        for mention in self._mentions_in(core):
            if mention.kind in ("place", "country", "capital", "demonym"):
                ref = self.ref(mention)
                span = self._span(core)
                return ActorRef(
                    span.text, ref.name, ref.country, None, span.start_char, span.end_char
                )
        return None

    def _collective(self, head: Token, found: list[Mention]) -> bool:
        """ "the two ministers", "both governments", "the two countries": a pair of states or
        their officials, unlike "two children" (people of no stated side)."""
        if head.lemma_.lower() in _STATE_NOUNS:
            return True
        sector = self._sector(found, head)
        return sector in _STATE_SECTORS

    def _core(self, head: Token) -> set[Token]:
        """The head, its modifiers, appositions and "of"/"for" complements: the words that
        say who the phrase is, without relative clauses and other asides."""
        core = {head}
        for child in head.children:
            left_modifier = child.dep_ in _CORE_LEFT and child.i < head.i
            if left_modifier or child.dep_ == "flat":
                core |= self._core(child)
            elif child.dep_ == "appos":
                # "Hossein Amir Abdollahian, Iran's foreign minister" names the actor;
                # "Iran, which was another reckless attack" does not.
                inner = self._core(child)
                if any(t.i in self.by_token for t in inner):
                    core |= inner
            elif child.dep_ == "prep" and child.lower_ in ("of", "for", "from"):
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        core |= self._core(grandchild)
        return core

    def _span(self, core: list[Token]) -> Span:
        tokens = [t for t in core if t.dep_ not in ("det", "case", "punct")] or core
        span = self.doc[tokens[0].i : tokens[-1].i + 1]
        for token in span:  # "Committee (NSC": stop before an unclosed bracket
            rest = self.doc[token.i : span.end].text
            if token.text == "(" and token.i > span.start and ")" not in rest:
                return self.doc[span.start : token.i]
        return span

    @staticmethod
    def _with_span(ref: ActorRef, span: Span) -> ActorRef:
        ref.text, ref.start, ref.end = span.text, span.start_char, span.end_char
        return ref

    def _mentions_in(self, core: list[Token]) -> list[Mention]:
        out: list[Mention] = []
        for token in core:
            mention = self.by_token.get(token.i)
            if mention is not None and mention not in out:
                out.append(mention)
        return out

    @staticmethod
    def _sector(found: list[Mention], head: Token) -> str | None:
        sectors = [m for m in found if m.kind == "sector"]
        if not sectors:
            return None
        on_head = [m for m in sectors if m.start <= head.i < m.end]
        return (on_head or sectors)[-1].sector

    def _title_holder(self, head: Token, core: list[Token]) -> ActorRef | None:
        """ "the prime minister" → the last person mentioned before whose role has that title."""
        if not any(t.dep_ == "det" and t.lower_ == "the" for t in core):
            return None
        mention = self.by_token.get(head.i)
        if mention is None or mention.kind != "sector":
            return None
        title = self.doc[mention.start : mention.end].text.lower()
        for previous in reversed(self.mentions):
            if previous.start >= head.i or previous.entry is None:
                continue
            if previous.kind == "person":
                role = previous.entry.role_on(self.date)
                if role and role.title and title in role.title.lower():
                    return self.ref(previous)
        return None

    def _body_antecedent(self, head: Token, core: list[Token]) -> ActorRef | None:
        """ "the forum" / "the meeting" → the last group or organisation named before it;
        "the committee" first looks for one whose name says committee ("the National
        Security Committee", not "the UN Charter" named after it)."""
        if not any(t.dep_ == "det" and t.lower_ == "the" for t in core):
            return None
        noun = head.lemma_.lower()
        last: Mention | None = None
        for previous in reversed(self.mentions):
            if previous.start >= head.i:
                continue
            if previous.kind not in ("group", "igo"):
                continue
            named = previous.entry is not None and noun in previous.entry.name.lower().split()
            if named:
                return self.ref(previous)
            if previous.start >= head.i - 400 and last is None:
                last = previous
        return self.ref(last) if last is not None else None

    def _antecedent(self, pronoun: Token) -> ActorRef | None:
        lower = pronoun.lower_
        for previous in reversed(self.mentions):
            if previous.start >= pronoun.i:
                continue
            if previous.start < pronoun.i - 400:
                break
            kind = previous.kind
            if not self._agrees(lower, previous):
                continue
            ref = self.ref(previous)
            if kind == "sector" and ref.country is None and ref.sector in _STATE_SECTORS:
                ref.country = self.focus
            ref.text, ref.start, ref.end = pronoun.text, pronoun.idx, pronoun.idx + len(pronoun)
            return ref
        return None

    def _agrees(self, pronoun: str, mention: Mention) -> bool:
        """Can this pronoun stand for this mention? he/she → people; they/we → states,
        groups and collective nouns; it → states and organisations."""
        if pronoun in _PERSONAL:
            return mention.kind == "person" or (
                mention.kind == "unknown" and self._is_person(mention)
            )
        if pronoun in _PLURAL | _FIRST:
            return mention.kind in ("country", "capital", "group", "igo", "sector")
        return mention.kind in ("country", "capital", "group", "igo")

    def _is_person(self, mention: Mention) -> bool:
        return any(t.ent_type_ == "PERSON" for t in self.doc[mention.start : mention.end])

    def _recent_pair(self, head: Token) -> list[str] | None:
        """The last two distinct countries mentioned before `head` ("the two countries")."""
        seen: list[str] = []
        for previous in reversed(self.mentions):
            if previous.start >= head.i:
                continue
            country = self.ref(previous).country if previous.kind != "place" else None
            if country and country != "IGO" and country not in seen:
                seen.append(country)
            if len(seen) == 2:
                return sorted(seen)
        return None

    def _focus_country(self) -> str | None:
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for mention in self.mentions:
            if mention.kind in ("country", "capital", "demonym", "person"):
                country = self.ref(mention).country
                if country and country != "IGO":
                    counts[country] += 1
                    first.setdefault(country, mention.start)
        if not counts:
            return None
        return max(counts, key=lambda c: (counts[c], -first[c]))
