"""Track ``events``: the UD-PETRARCH functional validation suite, scored on our coder.

The records file is pseudo-XML (not well-formed), read with regular expressions the way
UD-PETRARCH's own ``validation.py`` reads it::

    <Sentence category="DEMO" date="19950101" id="DEMO-01" evaluate="true">
    <EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />   (one or more, or
    <EventCoding noevents="True" />)                                      "no event")
    <Text> ... </Text>
    <Parse> CoNLL-U (ignored: we parse with spaCy) </Parse></Sentence>

Which records are scored (UD-PETRARCH's rule): ``evaluate="true"`` (a record without the
attribute counts as true), a category listed in the file's ``<Environment><Include>`` (all
categories when there is none; ``ERROR`` and ``PARSING`` are not listed: they test features of
the old coders), and at least one ``EventCoding`` line. ``--all-records`` scores every record
that has an expectation. On ``PETR_Validate_records_2_02.xml`` the rule selects 245 records,
313 expected items. UD-PETRARCH's reference run (68.3 % found / 31.7 % missed / 23.0 % extra,
README of openeventdata/UniversalPetrarch) counted 244 records and 312 items: its table
has 25 PATTERN records where this copy of the file has 26, every other category agrees.

Counting, as in ``validation.py``: each expected coding is one item, and a "no event" record
is one item that is found when we code nothing in it. ``found`` = items found / items,
``missed`` = 1 − found, ``extra`` = our codings that match no expected coding / items (the
definition asked for here), ``extra_per_record`` = the same count / records (UD-PETRARCH's
"FP = extra/records", the figure behind its 23.0 %: compare with this one).

Our codings of a sentence: for every non-negated event, every actor × recipient pair as
(source code, target code, CAMEO code), duplicates merged; pairs whose source and target
codes are equal (normalised as below) are dropped. An event with no actor or no recipient
gives no coding (UD-PETRARCH's default ``require_dyad``); an actor we name but cannot code
is ``---``.

Matching: actor codes are compared on the country (first 3 characters; our None is ``---``)
plus the first 3-character sector code (``ARNGOVFRM`` ≡ ``ARNGOV``, ``---REB``), the CAMEO
code in full; each of our codings matches at most one expected coding. ``found_root``
relaxes the CAMEO code to its first two digits (the cue category); ``root_match`` compares
only the two countries and the cue category (expected codings for which some coding of ours
matches that way).

Without ``--dictionaries`` our own actor files code the sentences, so the suite's fictional
actors (Arnor = ARN, Gondor = GON …) are not known and only real-world codes (``USAGOV``) can
match. With ``--dictionaries DIR`` the fictional actors and agents files shipped beside the
records are loaded into an `ActorDictionary` (see `load_petrarch_dictionaries`); the verbs,
discards and ontology files are not used: the events are always our coder's.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from crisiswire.actors.dictionary import ActorDictionary, Entry, Role
from crisiswire.eval.common import (
    Coder,
    EvalDataError,
    Progress,
    code_items,
    live,
    pipeline_coder,
)
from crisiswire.eval.metrics import ratio
from crisiswire.model import ActorRef, Event

# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Coding:
    """One (source, target, event) triple, actor codes as written or normalised."""

    source: str
    target: str
    event: str

    def key(self) -> tuple[str, str, str]:
        return (norm_code(self.source), norm_code(self.target), self.event)

    def root_key(self) -> tuple[str, str, str]:
        return (norm_code(self.source), norm_code(self.target), self.event[:2])

    def country_key(self) -> tuple[str, str, str]:
        return (norm_code(self.source)[:3], norm_code(self.target)[:3], self.event[:2])

    def __str__(self) -> str:
        return f"{self.source} {self.target} {self.event}"


@dataclass(slots=True)
class Record:
    id: str
    category: str
    date: date | None
    evaluate: bool
    text: str
    codings: list[Coding] = field(default_factory=list)
    noevents: bool = False
    errors: list[str] = field(default_factory=list)
    """``<EventCoding error="...">`` values (dateline, discard …): not codings."""

    @property
    def has_expectation(self) -> bool:
        return bool(self.codings) or self.noevents


@dataclass(slots=True)
class ValidationFile:
    records: list[Record]
    include: list[str] | None = None
    exclude: list[str] = field(default_factory=list)
    environment: dict[str, str] = field(default_factory=dict)
    """``<Environment>`` entries (``Actorfile``, ``Agentfile`` …)."""

    def selected(self, all_records: bool = False) -> list[Record]:
        """The records UD-PETRARCH's validation scores (see the module docstring)."""
        out = []
        for record in self.records:
            if not record.has_expectation:
                continue
            if not all_records and not (
                record.evaluate
                and (self.include is None or record.category in self.include)
                and record.category not in self.exclude
            ):
                continue
            out.append(record)
        return out


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ATTR = re.compile(r"([\w:-]+)\s*=\s*\"([^\"]*)\"")
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=</Sentence>|<Sentence\b|</Sentences>|\Z)", re.S)
_EVENT_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ENVIRONMENT = re.compile(r"<Environment>(.*?)</Environment>", re.S)
_ENV_ITEM = re.compile(r"<(\w+)>([^<]*)</\1>")


def _attrs(text: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(text)}


def _day(value: str | None) -> date | None:
    if not value or not re.fullmatch(r"\d{8}", value.strip()):
        return None
    value = value.strip()
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


def _code_attr(attrs: dict[str, str], name: str) -> str:
    """An actor code as UD-PETRARCH reads it: empty → ``---``, ``~`` → ``---``."""
    value = attrs.get(name, "").strip()
    return value.replace("~", "---") if value else "---"


def parse_records(text: str) -> ValidationFile:
    """Every ``<Sentence>`` record of a validation file (comments removed first, so a
    commented-out ``EventCoding`` is not read)."""
    text = _COMMENT.sub("", text)
    environment: dict[str, str] = {}
    env = _ENVIRONMENT.search(text)
    if env:
        environment = {k: v.strip() for k, v in _ENV_ITEM.findall(env.group(1))}
    include = environment["Include"].split() if "Include" in environment else None
    exclude = environment.get("Exclude", "").split()
    records = []
    for number, match in enumerate(_SENTENCE.finditer(text), start=1):
        attrs = _attrs(match.group(1))
        body = match.group(2)
        text_match = _TEXT.search(body)
        record = Record(
            id=attrs.get("id") or f"#{number}",
            category=attrs.get("category", ""),
            date=_day(attrs.get("date")),
            evaluate=attrs.get("evaluate", "true").strip().lower() == "true",
            text=" ".join(html.unescape(text_match.group(1)).split()) if text_match else "",
        )
        for coding in _EVENT_CODING.finditer(body):
            values = _attrs(coding.group(1))
            if values.get("noevents", "").lower() == "true":
                record.noevents = True
            elif "error" in values and "eventcode" not in values:
                record.errors.append(values["error"])
            elif "eventcode" in values:
                record.codings.append(
                    Coding(
                        _code_attr(values, "sourcecode"),
                        _code_attr(values, "targetcode"),
                        values["eventcode"].strip(),
                    )
                )
        if record.codings:
            record.noevents = False  # a record cannot expect both
        records.append(record)
    return ValidationFile(records, include, exclude, environment)


def read_records(path: str | Path) -> ValidationFile:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        raise EvalDataError(f"{path}: {err.strerror or err}") from None
    parsed = parse_records(text)
    if not parsed.records:
        raise EvalDataError(f"{path}: no <Sentence ...> records found")
    return parsed


# --------------------------------------------------------------------------- codes


def norm_code(code: str | None) -> str:
    """Country (3 characters, ``---`` for none) + the first 3-character sector code."""
    if not code:
        return "---"
    code = code.strip().upper()
    return code[:3] + code[3:6]


def actor_code(ref: ActorRef) -> str:
    """Our full code of an actor: country (``---`` for none) + sector (``IRNGOV``)."""
    return (ref.country or "---") + (ref.sector or "")


def our_codings(events: Iterable[Event]) -> set[Coding]:
    """Actor × recipient codings of the non-negated events, full codes, duplicates merged;
    a pair whose normalised source and target are the same actor is dropped."""
    out: set[Coding] = set()
    for event in live(events):
        for actor in event.actor:
            for recipient in event.recipient:
                source, target = actor_code(actor), actor_code(recipient)
                if norm_code(source) != norm_code(target):
                    out.add(Coding(source, target, event.cameo))
    return out


@dataclass(slots=True)
class RecordScore:
    record: Record
    ours: set[Coding]
    expected: int = 0
    found: int = 0
    found_root: int = 0
    root_match: int = 0
    extra: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.record.id,
            "category": self.record.category,
            "text": self.record.text,
            "expected": ["noevents"]
            if self.record.noevents
            else [str(c) for c in self.record.codings],
            "coded": sorted(str(c) for c in self.ours),
            "found": self.found,
            "missed": self.expected - self.found,
            "extra": self.extra,
        }


def score_record(record: Record, ours: set[Coding]) -> RecordScore:
    score = RecordScore(record, ours)
    if record.noevents and not record.codings:
        score.expected = 1
        nothing = int(not ours)
        score.found = score.found_root = score.root_match = nothing
        score.extra = len(ours)
        return score
    expected = record.codings
    # found/extra: one-to-one on normalised codes (two expected codings that normalise alike,
    # DNKMUSMED and DNKMUSGOV, need two of ours)
    ours_keys = Counter(o.key() for o in ours)
    expected_keys = Counter(c.key() for c in expected)
    roots = {o.root_key() for o in ours}
    countries = {o.country_key() for o in ours}
    score.expected = len(expected)
    score.found = sum(min(n, ours_keys[k]) for k, n in expected_keys.items())
    score.extra = sum(max(0, n - expected_keys[k]) for k, n in ours_keys.items())
    score.found_root = sum(c.root_key() in roots for c in expected)
    score.root_match = sum(c.country_key() in countries for c in expected)
    return score


# --------------------------------------------------------------------------- dictionaries


def _clean_lines(text: str) -> Iterator[str]:
    """Lines without ``<!-- -->`` comments, ``<!…`` lines and ``#`` comments (PETRARCH's
    ``read_FIN_line`` rules), blank lines dropped."""
    in_comment = False
    for raw in text.splitlines():
        line = raw
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        stripped = line.strip()
        if stripped.startswith("<!"):
            in_comment = "-->" not in stripped
            continue
        while "<!--" in line:
            head, _, tail = line.partition("<!--")
            if "-->" in tail:
                line = head + tail.partition("-->")[2]
            else:
                line, in_comment = head, True
        line = line.split("#", 1)[0]
        if line.strip():
            yield line


def _petrarch_date(value: str) -> date:
    """YYYYMMDD, or YYMMDD with 00–30 read as 20YY (PETRARCH's ``dstr_to_ordate``)."""
    value = value.strip()
    if not value.isdigit() or len(value) not in (6, 8):
        raise ValueError(value)
    if len(value) == 8:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    year = int(value[:2])
    return date(year + (2000 if year <= 30 else 1900), int(value[2:4]), int(value[4:6]))


@dataclass(slots=True)
class _CodeSpec:
    code: str
    start: date | None = None
    end: date | None = None
    dated: bool = False


def _parse_code(group: str, where: str) -> _CodeSpec | None:
    parts = group.split()
    if not parts:
        return None
    spec = _CodeSpec(parts[0].upper())
    restriction = "".join(parts[1:])
    if not restriction:
        return spec
    spec.dated = True
    try:
        if restriction.startswith("<"):
            spec.end = _petrarch_date(restriction[1:])
        elif restriction.startswith(">"):
            spec.start = _petrarch_date(restriction[1:])
        elif "-" in restriction:
            first, _, last = restriction.partition("-")
            spec.start, spec.end = _petrarch_date(first), _petrarch_date(last)
        else:
            spec.start = spec.end = _petrarch_date(restriction)
    except ValueError:
        raise EvalDataError(f"{where}: bad date restriction {group!r}") from None
    return spec


def _split_code(code: str) -> tuple[str | None, str | None]:
    country = code[:3]
    sector = code[3:] or None
    return (None if country == "---" else country), sector


def _entry(name: str, specs: list[_CodeSpec]) -> Entry:
    """The entry for one actor: a plain country when it has one undated country-only code,
    an IGO, else a group whose roles carry the codes and their dates."""
    undated = [s for s in specs if not s.dated]
    dated = [s for s in specs if s.dated]
    if not dated and len(undated) == 1:
        country, sector = _split_code(undated[0].code)
        if country == "IGO":
            return Entry("igo", name, country, sector)
        if country and sector is None:
            return Entry("country", name, country)
    # PETRARCH: a range that ends on the day another code starts ends the day before.
    starts = {s.start for s in dated if s.start}
    roles = []
    for spec in dated:
        end = spec.end
        if spec.start and end and end in starts and end != spec.start:
            end -= timedelta(days=1)
        roles.append(Role(*_split_code(spec.code), start=spec.start, end=end))
    # `Entry.role_on` takes the first role covering a day: the restrictions as listed (the
    # first listed wins, as in PETRARCH), then the undated default.
    ordered = roles + [Role(*_split_code(s.code)) for s in undated[:1]]
    return Entry("group", name, roles=tuple(ordered))


def _phrase(raw: str) -> list[str]:
    return raw.replace("_", " ").upper().split()


def parse_actor_dictionary(text: str, where: str = "actors") -> list[tuple[list[str], Entry]]:
    """(phrase words, entry) for every actor and synonym of a PETRARCH actors file:
    ``NAME [CODE]``, ``+SYNONYM`` lines, code lines ``[CODE <YYMMDD]``, ``[CODE >DATE]``,
    ``[CODE DATE-DATE]`` (dates inclusive), several ``[..]`` on one line."""
    out: list[tuple[list[str], Entry]] = []
    phrases: list[list[str]] = []
    specs: list[_CodeSpec] = []

    def flush() -> None:
        if phrases and specs:
            entry = _entry(" ".join(phrases[0]).title(), specs)
            out.extend((words, entry) for words in phrases)

    for number, line in enumerate(_clean_lines(text), start=1):
        stripped = line.strip()
        here = f"{where}: line {number} ({stripped[:40]!r})"
        groups = re.findall(r"\[([^\]]*)\]", stripped)
        if stripped.startswith("["):
            specs.extend(s for g in groups if (s := _parse_code(g, here)))
            continue
        if stripped.startswith("+"):
            words = _phrase(stripped[1:].split("[", 1)[0])
            if words:
                phrases.append(words)
            specs.extend(s for g in groups if (s := _parse_code(g, here)))
            continue
        flush()
        phrases, specs = [], []
        words = _phrase(stripped.split("[", 1)[0])
        if words:
            phrases.append(words)
        specs.extend(s for g in groups if (s := _parse_code(g, here)))
    flush()
    return out


_PLURAL_GROUP = re.compile(r"\{([^}]*)\}")


def _regular_plural(phrase: str) -> str:
    """PETRARCH's automatic agent plural: +S, Y → IES, SS → SSES."""
    if phrase.endswith("Y") and phrase[-2:-1] not in "AEIOU":
        return phrase[:-1] + "IES"
    if phrase.endswith(("SS", "SH", "CH", "X")):
        return phrase + "ES"
    return phrase + "S"


def parse_agent_dictionary(text: str, where: str = "agents") -> dict[str, str]:
    """Lower-case phrase → agent (sector) code from a PETRARCH agents file:
    ``PHRASE {PLURAL} [~CODE]`` (``[CODE~]`` puts the code before the actor's in PETRARCH; we
    keep it as the sector all the same), ``!SUB! = A, B`` substitution sets."""
    substitutions: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for number, line in enumerate(_clean_lines(text), start=1):
        stripped = line.strip()
        sub = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", stripped)
        if sub:
            substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",")]
            continue
        code_match = re.search(r"\[([^\]]*)\]", stripped)
        if not code_match:
            raise EvalDataError(f"{where}: line {number} ({stripped[:40]!r}) has no [code]")
        code = code_match.group(1).replace(" ", "").replace("~", "").upper()
        head = stripped[: code_match.start()]
        plurals_match = _PLURAL_GROUP.search(head)
        phrase = _PLURAL_GROUP.sub("", head).strip()
        forms = [phrase]
        if plurals_match is None:
            # no automatic plural for a substitution set (it lists its own forms) or for a
            # phrase that is already plural
            if "!" not in phrase and not re.search(r"[^S]S$", phrase.upper()):
                forms.append(_regular_plural(phrase.upper()))
        else:
            forms += [p for p in plurals_match.group(1).split() if p]
        for form in forms:
            for expanded in _expand(form, substitutions):
                words = _phrase(expanded)
                if words and code:
                    out.setdefault(" ".join(words).lower(), code)
    return out


def _expand(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    match = re.search(r"![A-Z]+!", phrase)
    if match is None or match.group(0) not in substitutions:
        return [phrase]
    out = []
    for word in substitutions[match.group(0)]:
        out += _expand(phrase[: match.start()] + word + phrase[match.end() :], substitutions)
    return out


def _surface_forms(words: list[str], texts: list[str]) -> set[str]:
    """How the phrase is written in `texts`, matched case-insensitively on word boundaries."""
    pattern = re.compile(
        r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE
    )
    return {" ".join(m.group(0).split()) for text in texts for m in pattern.finditer(text)}


def load_petrarch_dictionaries(
    directory: str | Path,
    texts: Iterable[str] = (),
    actors_file: str | None = None,
    agents_file: str | None = None,
) -> ActorDictionary:
    """The fictional PETRARCH validation dictionaries as an `ActorDictionary`.

    Actors: phrase (underscores → spaces) → country = first 3 characters of the code (``---``
    → none), sector = the rest or None; date-limited codes become dated roles (see `_entry`).
    When a phrase is defined twice the first definition is kept. Agents → ``sectors``.

    PETRARCH matches upper-cased text; our tagger matches names case-sensitively. Each phrase
    is therefore added as written (upper case), in title case, and in every casing it has in
    `texts` (the sentences about to be coded) — the same as matching case-insensitively.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise EvalDataError(f"{directory}: not a directory")
    actors_path = find_dictionary(directory, actors_file, "actors")
    agents_path = find_dictionary(directory, agents_file, "agents", required=False)
    texts = list(texts)
    dictionary = ActorDictionary()
    seen: set[str] = set()
    actor_text = actors_path.read_text(encoding="utf-8", errors="replace")
    for words, entry in parse_actor_dictionary(actor_text, str(actors_path)):
        key = " ".join(words)
        if key in seen:
            continue
        seen.add(key)
        variants = {key, key.title(), *_surface_forms(words, texts)}
        for variant in variants:
            dictionary.add(variant, entry)
    if agents_path is not None:
        agent_text = agents_path.read_text(encoding="utf-8", errors="replace")
        dictionary.sectors.update(parse_agent_dictionary(agent_text, str(agents_path)))
    return dictionary


def find_dictionary(
    directory: Path, name: str | None, word: str, required: bool = True
) -> Path | None:
    """`name` in `directory` when given and present, else the first file whose name
    contains `word` (case-insensitive)."""
    if name and (directory / name).is_file():
        return directory / name
    found = sorted(p for p in directory.iterdir() if p.is_file() and word in p.name.lower())
    if found:
        return found[0]
    if required:
        raise EvalDataError(f"{directory}: no file with {word!r} in its name (actor dictionary)")
    return None


# --------------------------------------------------------------------------- scoring


def score_petrarch(
    path: str | Path,
    dictionaries: str | Path | None = None,
    coder: Coder | None = None,
    all_records: bool = False,
    their_verbs: bool = True,
    details: bool = False,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Score our coder on a UD-PETRARCH validation records file (see the module docstring).

    `on_start(total)` is called once the number of records to code is known. With
    `dictionaries`, actors and agents come from that folder, and so do verbs when
    `their_verbs` (the suite's expected codes are those of its own verb dictionary).
    """
    started = time.perf_counter()
    parsed = read_records(path)
    records = parsed.selected(all_records)
    if not records:
        raise EvalDataError(f"{path}: no record to score (none with an EventCoding is selected)")
    if coder is None:
        dictionary = None
        if dictionaries is not None:
            dictionary = load_petrarch_dictionaries(
                dictionaries,
                [r.text for r in records],
                actors_file=parsed.environment.get("Actorfile"),
                agents_file=parsed.environment.get("Agentfile"),
            )
        patterns = None
        if dictionaries is not None and their_verbs:
            from crisiswire.eval.petrarch_verbs import load_petrarch_verbs

            patterns = load_petrarch_verbs(dictionaries)
        coder = pipeline_coder(dictionary, patterns=patterns)
    if on_start is not None:
        on_start(len(records))
    by_date: dict[date | None, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        by_date[record.date].append(index)
    coded: dict[int, set[Coding]] = {}
    for day, indexes in by_date.items():
        for index, events in code_items(indexes, lambda i: records[i].text, coder, day, progress):
            coded[index] = our_codings(events)
    scores = [score_record(record, coded[i]) for i, record in enumerate(records)]
    result = summarise(scores)
    result["subset"] = (
        "all records with an expectation"
        if all_records
        else "evaluate=true, category in <Include>"
        + (f" ({' '.join(parsed.include)})" if parsed.include else "")
    )
    result["dictionaries"] = str(dictionaries) if dictionaries is not None else "crisiswire"
    result["verbs"] = "theirs" if dictionaries is not None and their_verbs else "crisiswire"
    result["seconds"] = time.perf_counter() - started
    if details:
        result["records"] = [s.to_dict() for s in scores]
    return result


def summarise(scores: list[RecordScore]) -> dict[str, Any]:
    def block(group: list[RecordScore]) -> dict[str, Any]:
        expected = sum(s.expected for s in group)
        found = sum(s.found for s in group)
        extra = sum(s.extra for s in group)
        return {
            "found": ratio(found, expected),
            "missed": 1 - ratio(found, expected) if expected else 0.0,
            "extra": ratio(extra, expected),
            "extra_per_record": ratio(extra, len(group)),
            "found_root": ratio(sum(s.found_root for s in group), expected),
            "root_match": ratio(sum(s.root_match for s in group), expected),
            "n_records": len(group),
            "n_expected": expected,
            "n_found": found,
            "n_extra": extra,
        }

    result = block(scores)
    result["n_noevents"] = sum(1 for s in scores if s.record.noevents)
    categories: dict[str, list[RecordScore]] = defaultdict(list)
    for score in scores:
        categories[score.record.category].append(score)
    result["by_category"] = {name: block(group) for name, group in categories.items()}
    return result
