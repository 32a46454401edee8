"""``crisiswire_actors``: a spaCy component that finds actor mentions in a Doc.

It marks every phrase the dictionaries know (countries, capitals used as metonyms,
demonyms, IGOs, people, groups, sector words) and every person or organisation the
named-entity recogniser finds that no dictionary knows, so that no actor is lost.
Results go to ``doc._.cw_mentions`` (a list of `Mention`, in text order).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from crisiswire.actors.dictionary import ActorDictionary, Entry, load_dictionary

# When two mentions overlap, the longer wins; at equal length the more specific kind.
_KIND_RANK = {
    "person": 6,
    "group": 6,
    "igo": 5,
    "country": 4,
    "capital": 4,
    "demonym": 3,
    "sector": 2,
    "place": 2,
    "unknown": 1,
}
_FUZZY_CUTOFF = 90


@dataclass(slots=True)
class Mention:
    """Tokens ``[start, end)`` naming an actor. `entry` is None for sector words and for
    entities no dictionary knows (`kind` ``unknown``)."""

    start: int
    end: int
    kind: str
    entry: Entry | None = None
    sector: str | None = None


if not Doc.has_extension("cw_mentions"):
    Doc.set_extension("cw_mentions", default=None)
if not Doc.has_extension("cw_ref_date"):
    Doc.set_extension("cw_ref_date", default=None)


def _plural(phrase: str) -> str:
    if phrase.endswith(("s", "sh", "ch", "x")):
        return phrase + "es" if not phrase.endswith("s") else phrase
    if phrase.endswith("y") and phrase[-2:-1] not in "aeiou":
        return phrase[:-1] + "ies"
    if phrase.endswith("man"):
        return phrase[:-3] + "men"
    return phrase + "s"


class ActorTagger:
    def __init__(self, nlp: Language, dictionary: ActorDictionary | None = None) -> None:
        self.nlp = nlp
        self.set_dictionary(dictionary or load_dictionary())

    def set_dictionary(self, dictionary: ActorDictionary) -> None:
        """Code actors from `dictionary` (rebuilds the phrase matchers)."""
        self.dictionary = dictionary
        make_doc, vocab = self.nlp.make_doc, self.nlp.vocab
        self.names = PhraseMatcher(vocab, attr="ORTH")
        self.short = PhraseMatcher(vocab, attr="ORTH")
        self.sectors = PhraseMatcher(vocab, attr="LOWER")
        for phrase in dictionary.names:
            self.names.add(phrase, [make_doc(phrase)])
        for phrase in dictionary.short_names:
            self.short.add(phrase, [make_doc(phrase)])
        for phrase in dictionary.sectors:
            self.sectors.add(phrase, [make_doc(p) for p in {phrase, _plural(phrase)}])
        self._people = {
            name: entries
            for name, entries in dictionary.names.items()
            if any(e.kind == "person" for e in entries) and " " in name
        }

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        candidates: list[Mention] = []
        for match_id, start, end in self.names(doc):
            for entry in self.dictionary.names[strings[match_id]]:
                candidates.append(Mention(start, end, entry.kind, entry))
        for match_id, start, end in self.sectors(doc):
            sector = self.dictionary.sectors[strings[match_id]]
            candidates.append(Mention(start, end, "sector", None, sector))
        # "soldiers" is listed both as a phrase and as the plural of "soldier": one mention.
        unique = {(m.start, m.end, m.kind, m.entry, m.sector): m for m in candidates}
        mentions = _best_non_overlapping(list(unique.values()))
        mentions = self._add_short_names(doc, mentions)
        mentions = self._add_entities(doc, mentions)
        doc._.cw_mentions = sorted(mentions, key=lambda m: m.start)
        return doc

    def _add_short_names(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A surname counts only after the full name appeared earlier in the same text."""
        strings = doc.vocab.strings
        taken = _covered(mentions)
        first_seen: dict[str, int] = {}
        for mention in mentions:
            if mention.entry is not None:
                first_seen.setdefault(mention.entry.name, mention.start)
        for match_id, start, end in self.short(doc):
            if any(i in taken for i in range(start, end)):
                continue
            for entry in self.dictionary.short_names[strings[match_id]]:
                seen = first_seen.get(entry.name)
                if seen is not None and seen < start:
                    mentions.append(Mention(start, end, entry.kind, entry))
                    taken.update(range(start, end))
                    break
        return mentions

    def _add_entities(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """People and organisations the NER finds but no dictionary knows: a close spelling
        of a known person ("Anwaarul Haq Kakar") resolves to them, the rest are kept uncoded."""
        taken = _covered(mentions)
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE"):
                continue
            tokens = [t for t in ent if not (t.is_punct or t.lower_ in ("the", "'s", "’s"))]
            if not tokens or any(t.i in taken for t in tokens):
                continue
            start, end = tokens[0].i, tokens[-1].i + 1
            entry = None
            if ent.label_ == "PERSON" and len(tokens) > 1 and self._people:
                text = doc[start:end].text
                best = process.extractOne(
                    text,
                    self._people.keys(),
                    scorer=fuzz.token_sort_ratio,
                    score_cutoff=_FUZZY_CUTOFF,
                )
                if best is not None:
                    entry = next(e for e in self._people[best[0]] if e.kind == "person")
            if ent.label_ in ("GPE", "NORP") and entry is None:
                continue  # places and nationalities no dictionary knows are not actors
            mentions.append(Mention(start, end, entry.kind if entry else "unknown", entry))
            taken.update(range(start, end))
        return mentions


def _covered(mentions: list[Mention]) -> set[int]:
    return {i for m in mentions for i in range(m.start, m.end)}


def _best_non_overlapping(candidates: list[Mention]) -> list[Mention]:
    ranked = sorted(candidates, key=lambda m: (-(m.end - m.start), -_KIND_RANK[m.kind], m.start))
    taken: set[int] = set()
    out: list[Mention] = []
    for mention in ranked:
        span = range(mention.start, mention.end)
        if any(i in taken for i in span):
            # The same tokens may name one thing in several ways (a country and its
            # demonym never overlap, but a person may share a name): keep equal spans.
            if any(
                m.start == mention.start
                and m.end == mention.end
                and _KIND_RANK[m.kind] == _KIND_RANK[mention.kind]
                for m in out
            ):
                out.append(mention)
            continue
        taken.update(span)
        out.append(mention)
    return out


@Language.factory("crisiswire_actors", requires=["token.ent_iob"], assigns=["doc._.cw_mentions"])
def make_actor_tagger(nlp: Language, name: str) -> ActorTagger:
    return ActorTagger(nlp)
