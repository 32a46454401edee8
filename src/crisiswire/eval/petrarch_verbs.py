"""PETRARCH-format verb dictionaries as crisiswire verb patterns.

The UD-PETRARCH validation suite ships its own (fictional-world) verb dictionary, and its
expected CAMEO codes are those of that dictionary. To score our argument-finding machinery
(actors, passives, compounds, negation) like with like, ``eval events --dictionaries`` can
code with that lexicon instead of ``data/events/verbs.tsv``. We read the part of the format
that maps onto our own patterns:

- ``&NAME`` synonym sets of ``+WORD`` lines (nested ``+&OTHER`` sets allowed);
- ``--- NAME [CODE] ---`` blocks: the verbs listed below (``WORD {FORMS}`` or
  ``+WORD_PARTICLE``) take CODE by default; ``[---]`` means no event;
- pattern lines ``- * OBJECT [CODE]``, ``- * (PREP OBJECT) [CODE]``, ``- * {A B} [CODE]``,
  ``- * &SET [CODE]``: the verb with that object (the last word of a phrase is its head) or
  that preposition takes CODE. Patterns that constrain words before the verb (``- X * …``)
  are not representable over a dependency parse and are skipped.

A CAMEO code becomes a PLOVER type through our own patterns (the type they most often give
that code) or else the code's root; codes of roots PLOVER has no type for (01, statements)
are skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from crisiswire.eval.common import EvalDataError
from crisiswire.events.ontology import cameo_table, plover_types
from crisiswire.events.patterns import Pattern, Patterns, load_patterns, order_verb_rows

_BLOCK = re.compile(r"^---\s*(\S+)\s*\[([^\]]*)\]\s*---")
_CODE = re.compile(r"\[([^\]]*)\]")
_PREPOSITIONS = {"to", "for", "on", "with", "against", "in", "over", "at", "from", "of", "by"}


def _words(text: str) -> list[str]:
    return [w.lower() for w in text.replace("_", " ").split() if w]


def _code(raw: str) -> str | None:
    """The source-side code of ``[042:043]``; None for ``[---]`` and anything unusable."""
    code = raw.split(":")[0].strip()
    if not code or code.startswith("-") or not code[:2].isdigit():
        return None
    table = cameo_table()
    while code and code not in table:  # 1951 → 195, 0871 → 087 …
        code = code[:-1]
    return code if len(code) >= 2 else None


def _type_for(code: str, ours: Patterns) -> str | None:
    counts: Counter[str] = Counter(
        p.event_type for rows in ours.verbs.values() for p in rows if p.cameo == code
    )
    if counts:
        return counts.most_common(1)[0][0]
    for name, spec in plover_types().items():
        if spec.default_cameo[:2] == code[:2]:
            return name
    for name, spec in plover_types().items():
        if any(c[:2] == code[:2] for c in spec.mode_cameo.values()):
            return name
    if code.startswith("10"):
        return "REQUEST"  # CAMEO 10 demand: our own verbs code demands as REQUEST
    return None


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("####"):  # section headings ("####### VERB PATTERNS #######")
            yield number, line.strip()
            continue
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            yield number, line.strip()


def _synsets(lines: list[tuple[int, str]]) -> dict[str, list[str]]:
    raw: dict[str, list[str]] = {}
    current: list[str] | None = None
    for _, line in lines:
        if line.startswith("&"):
            current = raw.setdefault(line.split()[0].upper(), [])
        elif line.startswith("+") and current is not None:
            current.append(line[1:].strip())
        else:
            current = None

    def expand(name: str, seen: frozenset[str] = frozenset()) -> list[str]:
        out: list[str] = []
        for member in raw.get(name, []):
            if member.startswith("&") and member.upper() not in seen:
                out += expand(member.upper(), seen | {name})
            else:
                out.append(member.strip("()"))
        return out

    return {name: expand(name) for name in raw}


def _forms(word: str) -> set[str]:
    """The dictionary's word and its likely lemma (PETRARCH lists surface forms: "ties")."""
    forms = {word}
    if word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")
    elif word.endswith(("ses", "xes", "ches", "shes")):
        forms.add(word[:-2])
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.add(word[:-1])
    return forms


def _object_heads(phrase: str, synsets: dict[str, list[str]]) -> set[str]:
    """Head lemmas an object phrase can have: the last word, or a synonym set's members'."""
    words = [w for w in phrase.strip("{}() ").split() if w.strip("()")]
    if not words:
        return set()
    last = words[-1].strip("()")
    if last.startswith("&"):
        members = [w[-1] for m in synsets.get(last.upper(), []) if (w := _words(m))]
    else:
        members = _words(last)[-1:]
    return {form for member in members for form in _forms(member)}


def parse_verb_dictionary(text: str, where: str = "verbs") -> dict[str, list[Pattern]]:
    """Verb lemma → patterns, most specific first."""
    lines = list(_lines(text))
    synsets = _synsets(lines)
    ours = load_patterns()
    patterns: dict[str, list[Pattern]] = {}
    in_patterns = False
    verbs: list[tuple[str, str | None]] = []
    default: str | None = None

    def add(lemma: str, particle: str | None, code: str | None, objects: set[str]) -> None:
        if code is None:
            return
        event_type = _type_for(code, ours)
        if event_type is None:
            return
        pattern = Pattern(lemma, event_type, None, code, particle, frozenset(objects))
        patterns.setdefault(lemma, []).append(pattern)

    for _, line in lines:
        if line.startswith("####") and "VERB PATTERNS" in line.upper():
            in_patterns = True
            continue
        if not in_patterns:
            continue
        block = _BLOCK.match(line)
        if block:
            verbs, default = [], _code(block.group(2))
            continue
        if line.startswith("-"):
            body = line[1:].strip()
            found = _CODE.search(body)
            if found is None or "*" not in body:
                continue
            before, after = body.split("*", 1)
            if before.replace("+", "").replace("%", "").replace("$", "").strip():
                continue  # constrains words before the verb
            phrase = _CODE.sub("", after).replace("+", "").replace("%", "").strip()
            code = _code(found.group(1))
            particle: str | None = None
            objects: set[str] = set()
            if phrase.startswith("("):
                inner = _words(phrase.strip("() "))
                if inner and inner[0] in _PREPOSITIONS:
                    particle, rest = inner[0], " ".join(inner[1:])
                    objects = _object_heads(rest, synsets) if rest else set()
                else:
                    objects = _object_heads(phrase, synsets)
            elif phrase:
                first = phrase.split()[0]
                objects = _object_heads(first if not first.startswith("{") else phrase, synsets)
            if not objects and particle is None:
                continue
            for lemma, verb_particle in verbs:
                add(lemma, particle or verb_particle, code, objects)
            continue
        if line.startswith("&"):  # a synonym set, read by _synsets
            continue
        word = line.lstrip("+").split("{")[0].strip()
        parts = _words(word)
        if not parts or not re.fullmatch(r"[A-Z_\-' ]+", word):
            continue
        lemma, particle = parts[0], " ".join(parts[1:]) or None
        verbs.append((lemma, particle))
        add(lemma, particle, default, set())
    if not patterns:
        raise EvalDataError(f"{where}: no verb patterns found")
    return patterns


def load_petrarch_verbs(directory: str | Path) -> Patterns | None:
    """Our patterns with the verbs replaced by the PETRARCH verb dictionary in `directory`
    (the first file with 'verbs' in its name; None when there is none); nouns and cue
    words stay ours."""
    from crisiswire.eval.petrarch import find_dictionary

    path = find_dictionary(Path(directory), None, "verbs", required=False)
    if path is None:
        return None
    text = path.read_text(encoding="utf-8", errors="replace")
    verbs = parse_verb_dictionary(text, str(path))
    return replace(load_patterns(), verbs=order_verb_rows(verbs))
