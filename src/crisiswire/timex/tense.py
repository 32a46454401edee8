"""The tense of the clause around a character offset, from a spaCy parse.

The clause of an offset is the verb its token hangs from (climbing the dependency tree);
that verb's clause is ``future`` when it has *will*/*shall*/*'ll* (or *would*, the future
of reported speech), or is the infinitive of *going to*, *is to*, or of a verb of plan or
expectation ("expected to", "due to", "scheduled to"); otherwise ``past`` or ``present``
from the tags of the verb and its auxiliaries. An infinitive or participle without its own
tense takes the tense of the clause it depends on. None when no verb is found.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FUTURE_AUX = {
    "will",
    "shall",
    "'ll",
    "’ll",
    "wo",
    "would",
    "'d",
    "’d",
    "may",
    "might",
    "should",
    "must",
    "ought",
}
PLAN_VERBS = {"expect", "plan", "schedule", "due", "set", "intend", "aim", "prepare", "slate"}
SCHEDULE_VERBS = {"plan", "schedule", "slate", "due"}
"""A date on the clause of these verbs is the date of what is planned ("has scheduled a
news conference Thursday", "the sale is scheduled to close Monday")."""
_PAST_TAGS = {"VBD"}
_AUX_DEPS = {"aux", "auxpass"}
_MAX_CLIMB = 40


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.lower_).lower()


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD" or token.pos_ in ("VERB", "AUX")


def _clause_verb(token: Token) -> Token | None:
    for _ in range(_MAX_CLIMB):
        if _is_verb(token) and token.dep_ not in _AUX_DEPS:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _verb_tense(verb: Token, depth: int = 0) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in _AUX_DEPS]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        if "have" in words or "'ve" in words or "’ve" in words:
            return "past"  # "may have been", "would have met"
        return "future"
    lemma = _lemma(verb)
    if lemma in SCHEDULE_VERBS or (
        lemma in PLAN_VERBS and any(c.dep_ == "xcomp" for c in verb.children)
    ):
        return "future"
    infinitive = "to" in words or (verb.tag_ == "VB" and not auxes)
    head = verb.head
    if infinitive and verb.dep_ in ("xcomp", "advcl", "ccomp") and head is not verb:
        if _lemma(head) == "go" and head.tag_ == "VBG":
            return "future"
        if "to" in words and _lemma(head) == "be" and head.tag_ in ("VBZ", "VBP", "VBD"):
            return "future"  # "is to visit", "was to sign"
        if _lemma(head) in PLAN_VERBS:
            return "future"
    if any(a.tag_ in _PAST_TAGS for a in auxes) or verb.tag_ in _PAST_TAGS:
        return "past"
    if verb.tag_ == "VBN":
        if any(_lemma(a) == "have" for a in auxes):
            return "past"
        if not auxes:
            return "past"
        return "present"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if verb.tag_ == "MD" or any(a.tag_ == "MD" for a in auxes):
        return "present"
    # an infinitive or participle: the tense of the clause above
    if head is not verb and depth < 6:
        above = _clause_verb(head)
        if above is not None and above is not verb:
            return _verb_tense(above, depth + 1)
    return None


def tense_function(doc: Doc) -> Callable[[int], str | None]:
    """``tense_at(char_offset)``: "past", "present", "future" or None for the clause of
    the token at that character offset of `doc`'s text."""
    starts = [t.idx for t in doc]
    cache: dict[int, str | None] = {}

    def tense_at(offset: int) -> str | None:
        if not starts:
            return None
        i = max(0, bisect_right(starts, offset) - 1)
        if i not in cache:
            verb = _clause_verb(doc[i])
            cache[i] = _verb_tense(verb) if verb is not None else None
        return cache[i]

    return tense_at
