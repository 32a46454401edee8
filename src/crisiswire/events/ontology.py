"""PLOVER ↔ CAMEO ↔ Goldstein/quad, from ``data/ontology`` (cameo.tsv, plover.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from crisiswire.data import DataFileError, load_yaml
from crisiswire.data.tables import tsv_rows


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    label: str
    goldstein: float
    quad: int


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    quad: str
    """PLOVER's own quad class name (verbal-cooperation …); records take CAMEO's number."""
    modes: tuple[str, ...]
    default_cameo: str
    mode_cameo: dict[str, str]


@cache
def cameo_table() -> dict[str, CameoCode]:
    table: dict[str, CameoCode] = {}
    for number, row in tsv_rows("ontology/cameo.tsv", ("code", "label", "goldstein", "quad")):
        try:
            table[row["code"]] = CameoCode(
                row["code"], row["label"], float(row["goldstein"]), int(row["quad"])
            )
        except ValueError:
            raise DataFileError(
                f"ontology/cameo.tsv:{number}: goldstein/quad not numbers"
            ) from None
    return table


@cache
def plover_types() -> dict[str, PloverType]:
    raw = load_yaml("ontology/plover.yaml")
    types = raw.get("event_types") if isinstance(raw, dict) else None
    if not isinstance(types, dict):
        raise DataFileError("ontology/plover.yaml: expected a mapping of event types")
    cameo = cameo_table()
    out: dict[str, PloverType] = {}
    for name, spec in types.items():
        if not isinstance(spec, dict) or "default_cameo" not in spec:
            raise DataFileError(f"ontology/plover.yaml: {name} needs default_cameo")
        modes = spec.get("modes") or []
        mode_names = tuple(m if isinstance(m, str) else next(iter(m)) for m in modes)
        mode_cameo = {str(k): str(v) for k, v in (spec.get("mode_cameo") or {}).items()}
        for code in [str(spec["default_cameo"]), *mode_cameo.values()]:
            if code not in cameo:
                raise DataFileError(f"ontology/plover.yaml: {name}: CAMEO {code} not in cameo.tsv")
        out[str(name)] = PloverType(
            str(name), str(spec.get("quad", "")), mode_names, str(spec["default_cameo"]), mode_cameo
        )
    return out


def cameo_for(event_type: str, mode: str | None, cameo: str | None = None) -> CameoCode:
    """The CAMEO code of a pattern (when it names one), else the type's code for its mode."""
    table = cameo_table()
    if cameo and cameo in table:
        return table[cameo]
    spec = plover_types()[event_type]
    return table[spec.mode_cameo.get(mode or "", spec.default_cameo)]


def root_quad5(code: str) -> int:
    """ConfliBERT's five classes by CAMEO root: 0 statement/appeal (01–02), 1 verbal
    cooperation (03–05), 2 material cooperation (06–08), 3 verbal conflict (09–13, 16),
    4 material conflict (14–15, 17–20)."""
    root = int(code[:2])
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4
