"""``crisiswire_casualties``: counts of dead and injured, read from the parse.

News gives casualty figures in a handful of shapes: "the strike killed two children", "three
girls were injured", "nine people died", "left two children dead", "two dead", "the death toll
rose to 11". Each becomes a `Casualty` on ``doc._.cw_casualties`` with the token of the cue
word, so that `crisiswire.events.context` can hand it to the violent event it belongs to. Vague
amounts ("dozens", "scores") are not figures and are not counted; neither is a negated cue
("no one was killed").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from crisiswire.data import DataFileError, data_path, load_yaml

if not Doc.has_extension("cw_casualties"):
    Doc.set_extension("cw_casualties", default=None)

_FILE = "events/casualties.yaml"
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")


@dataclass(frozen=True, slots=True)
class CasualtyWords:
    killing_verbs: frozenset[str]
    injuring_verbs: frozenset[str]
    dying_verbs: frozenset[str]
    dead_words: frozenset[str]
    injured_words: frozenset[str]
    toll_nouns: frozenset[str]
    number_words: dict[str, int]


@dataclass(slots=True)
class Casualty:
    """A casualty figure: `kind` ``dead`` or ``injured``; `cue` and `number` are token
    indices in the Doc (the cue word, and the number word that gives `count`)."""

    kind: str
    count: int
    cue: int
    number: int
    start: int
    """Character offsets of the number phrase ("two children"), end exclusive."""
    end: int


@cache
def load_casualty_words() -> CasualtyWords:
    raw = load_yaml(_FILE)
    if not isinstance(raw, dict):
        raise DataFileError(f"{data_path(_FILE)}: expected a mapping")
    lists = {}
    keys = ("killing_verbs", "injuring_verbs", "dying_verbs", "dead_words", "injured_words")
    for key in (*keys, "toll_nouns"):
        words = raw.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DataFileError(f"{data_path(_FILE)}: '{key}' must be a list of words")
        lists[key] = frozenset(w.lower() for w in words)
    numbers = raw.get("number_words")
    if not isinstance(numbers, dict) or not all(isinstance(v, int) for v in numbers.values()):
        raise DataFileError(f"{data_path(_FILE)}: 'number_words' must map words to integers")
    return CasualtyWords(**lists, number_words={str(k).lower(): v for k, v in numbers.items()})


def find_casualties(doc: Doc, words: CasualtyWords | None = None) -> list[Casualty]:
    words = words or load_casualty_words()
    out: list[Casualty] = []
    for token in doc:
        found = _figure(token, words)
        if found is not None and not _negated(token):
            kind, number = found
            count = _value(number, words)
            if count is not None:
                count += _conjoined(number, words)
                phrase = _phrase(number)
                out.append(Casualty(kind, count, token.i, number.i, phrase[0], phrase[1]))
    return _deduplicated(out)


def _figure(token: Token, words: CasualtyWords) -> tuple[str, Token] | None:
    """(kind, number token) when `token` is a casualty cue with a number attached."""
    lemma = token.lemma_.lower()
    lower = token.lower_
    if token.pos_ in ("VERB", "AUX") and lemma in words.killing_verbs | words.injuring_verbs:
        kind = "dead" if lemma in words.killing_verbs else "injured"
        adjective = lower in words.dead_words | words.injured_words
        if adjective and token.dep_ in ("amod", "oprd", "acomp"):
            return _adjectival(token, kind)
        passive = _passive(token)
        if not passive and token.dep_ == "conj" and _passive(token.head):
            passive = True  # "two were killed and 1,200 injured": the auxiliary is shared
        deps = ("nsubjpass", "nsubj") if passive else ("dobj",)
        number = _number_of_children(token, deps, words)
        return (kind, number) if number is not None else None
    if token.pos_ == "VERB" and lemma in words.dying_verbs:
        number = _number_of_children(token, ("nsubj",), words)
        return ("dead", number) if number is not None else None
    if lower in words.dead_words or lemma in words.dead_words:
        return _adjectival(token, "dead")
    if lower in words.injured_words or lemma in words.injured_words:
        return _adjectival(token, "injured")
    if lemma in words.toll_nouns or _compound_lemma(token) in words.toll_nouns:
        return _toll(token, words)
    return None


def _adjectival(token: Token, kind: str) -> tuple[str, Token] | None:
    """ "left two children dead", "two were reported dead", "two dead", "nine fatalities"."""
    words = load_casualty_words()
    number = _number_of_children(token, ("nummod",), words)
    if number is not None:
        return kind, number
    if _is_number(token.head, words) and token.dep_ in ("amod", "acl"):
        return kind, token.head
    if token.dep_ in ("oprd", "acomp", "xcomp", "ccomp"):
        head = token.head
        number = _number_of_children(head, ("dobj", "nsubjpass", "nsubj"), words)
        if number is not None:
            return kind, number
    return None


def _toll(token: Token, words: CasualtyWords) -> tuple[str, Token] | None:
    """ "the death toll rose to 11", "a death toll of nine", "the toll stands at 11"."""
    if token.lemma_.lower() == "toll" and _compound_lemma(token) not in words.toll_nouns:
        return None
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        number = _number_of_children(prep, ("pobj",), words)
        if number is not None:
            return "dead", number
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("to", "at")):
            number = _number_of_children(prep, ("pobj",), words)
            if number is not None:
                return "dead", number
        number = _number_of_children(head, ("attr", "dobj"), words)
        if number is not None:
            return "dead", number
    return None


def _compound_lemma(token: Token) -> str:
    compounds = [c for c in token.children if c.dep_ == "compound" and c.i == token.i - 1]
    if not compounds:
        return token.lemma_.lower()
    return f"{compounds[0].lemma_.lower()} {token.lemma_.lower()}"


def _number_of_children(token: Token, deps: tuple[str, ...], words: CasualtyWords) -> Token | None:
    for child in token.children:
        if child.dep_ not in deps:
            continue
        if _is_number(child, words):
            return child
        for grandchild in child.children:
            if grandchild.dep_ == "nummod" and _is_number(grandchild, words):
                return grandchild
    return None


def _is_number(token: Token, words: CasualtyWords) -> bool:
    if token.lower_ in ("a", "an"):
        return False  # "killed a soldier" counts, but only through the noun, see _value
    return bool(_DIGITS.match(token.text)) or token.lower_ in words.number_words


def _value(token: Token, words: CasualtyWords) -> int | None:
    text = token.lower_
    if text == "one" and any(c.lower_ == "no" for c in token.children):
        return 0  # "no one was killed": a figure, and an important one
    if _DIGITS.match(text):
        return int(text.replace(",", ""))
    base = words.number_words.get(text)
    if base is None:
        return None
    for child in token.children:  # "two hundred", "three dozen"
        if child.lower_ in words.number_words and child.i == token.i + 1:
            base *= words.number_words[child.lower_]
    if token.head.lower_ in ("hundred", "dozen") and token.head.i == token.i + 1:
        base *= words.number_words[token.head.lower_]
    return base


def _conjoined(number: Token, words: CasualtyWords) -> int:
    """ "killed two children and three women": the figures of conjoined nouns add up."""
    if number.dep_ != "nummod":
        return 0
    total = 0
    for noun in number.head.conjuncts:
        if noun.i < number.head.i:
            continue
        for child in noun.children:
            if child.dep_ == "nummod" and _is_number(child, words):
                total += _value(child, words) or 0
    return total


def _phrase(number: Token) -> tuple[int, int]:
    """The number with the noun it counts: "two children", "at least nine people"."""
    head = number.head if number.dep_ == "nummod" else number
    tokens = [t for t in head.subtree if t.dep_ not in ("prep", "punct", "relcl", "acl")]
    tokens = [t for t in tokens if t.i <= head.i] or [number]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _deduplicated(found: list[Casualty]) -> list[Casualty]:
    """One figure per number token: "two were killed, dead" reads the number once."""
    seen: set[tuple[int, str]] = set()
    out = []
    for casualty in found:
        key = (casualty.number, casualty.kind)
        if key not in seen:
            seen.add(key)
            out.append(casualty)
    return out


@Language.factory("crisiswire_casualties", assigns=["doc._.cw_casualties"])
def make_casualty_finder(nlp: Language, name: str) -> CasualtyFinder:
    return CasualtyFinder()


class CasualtyFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.cw_casualties = find_casualties(doc)
        return doc
