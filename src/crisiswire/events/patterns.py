"""Verb and noun event patterns from ``data/events`` (verbs.tsv, nouns.tsv, cues.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from crisiswire.data import DataFileError, load_yaml
from crisiswire.data.tables import tsv_rows
from crisiswire.events.ontology import cameo_table, plover_types


@dataclass(frozen=True, slots=True)
class Pattern:
    lemma: str
    event_type: str
    mode: str | None
    cameo: str | None
    particle: str | None = None
    objects: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Patterns:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    """Noun lemma → patterns; several when light verbs tell senses apart ("make a call" vs
    "issue a call"); the first is the sense of the bare noun."""
    compounds: dict[str, tuple[Pattern, ...]]
    """Multi-word noun lemmas ("air strike", "phone call")."""
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    threat_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    body_anaphors: frozenset[str]
    performative_verbs: frozenset[str]
    warning_verbs: frozenset[str]
    threat_modes: dict[str, str]
    """PLOVER type of a threatened act → THREATEN mode ("threatened to attack" → attack)."""
    condemnation_modifiers: frozenset[str]


def order_verb_rows(verbs: dict[str, list[Pattern]]) -> dict[str, tuple[Pattern, ...]]:
    """Each verb's rows, the more specific (with a particle or object) tried first."""
    return {
        lemma: tuple(sorted(rows, key=lambda p: (p.particle is None, not p.objects)))
        for lemma, rows in verbs.items()
    }


def _check(where: str, event_type: str, mode: str | None, cameo: str | None) -> None:
    types = plover_types()
    if event_type not in types:
        raise DataFileError(f"{where}: unknown PLOVER type {event_type!r}")
    if cameo and cameo not in cameo_table():
        raise DataFileError(f"{where}: CAMEO {cameo!r} not in ontology/cameo.tsv")


@cache
def load_patterns() -> Patterns:
    verbs: dict[str, list[Pattern]] = {}
    for number, row in tsv_rows("events/verbs.tsv", ("lemma", "type", "cameo")):
        where = f"events/verbs.tsv:{number}"
        _check(where, row["type"], row.get("mode") or None, row["cameo"] or None)
        pattern = Pattern(
            lemma=row["lemma"].lower(),
            event_type=row["type"],
            mode=row.get("mode") or None,
            cameo=row["cameo"] or None,
            particle=(row.get("particle") or "").lower() or None,
            objects=frozenset(
                o.strip().lower() for o in row.get("object", "").split("|") if o.strip()
            ),
        )
        verbs.setdefault(pattern.lemma, []).append(pattern)
    nouns: dict[str, list[Pattern]] = {}
    compounds: dict[str, list[Pattern]] = {}
    light: set[str] = set()
    for number, row in tsv_rows("events/nouns.tsv", ("lemma", "type", "cameo")):
        where = f"events/nouns.tsv:{number}"
        _check(where, row["type"], row.get("mode") or None, row["cameo"] or None)
        lights = frozenset(
            v.strip().lower() for v in row.get("light_verbs", "").split("|") if v.strip()
        )
        light |= {v.split()[0] for v in lights}
        pattern = Pattern(
            lemma=row["lemma"].lower(),
            event_type=row["type"],
            mode=row.get("mode") or None,
            cameo=row["cameo"] or None,
            light_verbs=lights,
        )
        table = compounds if " " in pattern.lemma else nouns
        table.setdefault(pattern.lemma, []).append(pattern)
    cues = load_yaml("events/cues.yaml") or {}

    def words(key: str) -> frozenset[str]:
        value = cues.get(key) or []
        if not isinstance(value, list):
            raise DataFileError(f"events/cues.yaml: {key} must be a list")
        return frozenset(str(v).lower() for v in value)

    threat_modes = cues.get("threat_modes") or {}
    if not isinstance(threat_modes, dict):
        raise DataFileError("events/cues.yaml: threat_modes must be a mapping")
    threaten = plover_types().get("THREATEN")
    for act, mode in threat_modes.items():
        if act not in plover_types() or (threaten and mode not in threaten.modes):
            raise DataFileError(f"events/cues.yaml: threat_modes: {act}: {mode} is unknown")

    ordered = order_verb_rows(verbs)
    return Patterns(
        verbs=ordered,
        nouns={k: tuple(v) for k, v in nouns.items()},
        compounds={k: tuple(v) for k, v in compounds.items()},
        light_verbs=frozenset(light),
        speech_verbs=words("speech_verbs"),
        threat_verbs=words("threat_verbs"),
        intent_verbs=words("intent_verbs"),
        body_anaphors=words("body_anaphors"),
        performative_verbs=words("performative_verbs"),
        warning_verbs=words("warning_verbs"),
        threat_modes={str(k): str(v) for k, v in threat_modes.items()},
        condemnation_modifiers=words("condemnation_modifiers"),
    )
