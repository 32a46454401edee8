"""Build the country outlines that the situation report's event map draws.

    python tools/build_world_outline.py [--wheel PATH/geopandas-0.14.4-py3-none-any.whl]
        [--out src/crisiswire/data/report/world_110m.json] [--digits 2] [--tolerance 0]

Run at development time only; crisiswire reads the JSON file this writes, never this script,
nor the network.

Provenance
----------
Natural Earth 1:110m Cultural Vectors, Admin 0 – Countries (version 5.x), *public domain*
(naturalearthdata.com terms of use: "All versions of Natural Earth raster + vector map data
found on this website are in the public domain"). We take the copy that the GeoPandas 0.14.4
wheel ships as ``geopandas/datasets/naturalearth_lowres`` (BSD-3 code; the data are Natural
Earth's, public domain): 177 countries with ``name`` and ``iso_a3``. GeoPandas' own build of
it (``naturalearth_creation.py`` in the same wheel) replaced ``-99`` codes of sovereign
countries by Natural Earth's ``ADM0_A3`` (France, Norway, ...) and moved Crimea from Russia's
polygon to Ukraine's. The one code still ``-99`` there, Kosovo's, becomes ``XKX`` — the
user-assigned code crisiswire's actor and gazetteer tables use. Fetch the wheel with
``pip download --no-deps geopandas==0.14.4``; the script does this into a temporary folder
when ``--wheel`` is not given. GeoPandas is not a dependency of crisiswire.

Method
------
The shapefile (``.shp`` polygons, ``.dbf`` attributes) is read here with ``struct`` (the
format is small and documented: ESRI Shapefile Technical Description, 1998), so the script
needs nothing but the standard library. Each ring is simplified with Douglas–Peucker
(``--tolerance`` degrees; off by default: 1:110m is already generalised, 0.02° would save only
4 % of the points), its coordinates rounded to ``--digits`` decimals, repeated points
dropped; rings left with fewer than 4 points (tiny islands) are dropped unless the country
would lose every ring, in which case its largest ring is kept unsimplified.

Output: ``{"source", "licence", "generator", "digits", "countries": {ISO3: {"name",
"rings": [[lon, lat, lon, lat, ...], ...]}}}`` — rings flat to stay small, outer rings
clockwise and holes counter-clockwise as in the shapefile (draw with ``fill-rule=evenodd``).
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "crisiswire" / "data" / "report" / "world_110m.json"
WHEEL_SPEC = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
CODE_FIXES = {"Kosovo": "XKX"}  # Natural Earth has no ISO code for it: "-99"

Point = tuple[float, float]


def read_dbf(data: bytes, encoding: str) -> list[dict[str, str]]:
    """The attribute rows of a dBASE III file, every value as stripped text."""
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields: list[tuple[str, int]] = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        record = data[header_len + i * record_len : header_len + (i + 1) * record_len]
        offset, row = 1, {}  # byte 0 is the deletion flag
        for name, length in fields:
            row[name] = record[offset : offset + length].decode(encoding).strip()
            offset += length
        rows.append(row)
    return rows


def read_shp(data: bytes) -> list[list[list[Point]]]:
    """The rings of every Polygon record (shape type 5) of a ``.shp`` file, in file order."""
    shapes: list[list[list[Point]]] = []
    pos = 100
    while pos < len(data):
        _number, words = struct.unpack(">ii", data[pos : pos + 8])
        content = data[pos + 8 : pos + 8 + 2 * words]
        pos += 8 + 2 * words
        (shape_type,) = struct.unpack("<i", content[:4])
        if shape_type == 0:  # null shape
            shapes.append([])
            continue
        if shape_type != 5:
            raise ValueError(f"shape type {shape_type} is not Polygon")
        num_parts, num_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{num_parts}i", content[44 : 44 + 4 * num_parts]))
        base = 44 + 4 * num_parts
        coords = struct.unpack(f"<{2 * num_points}d", content[base : base + 16 * num_points])
        points = [(coords[2 * k], coords[2 * k + 1]) for k in range(num_points)]
        bounds = [*parts, num_points]
        shapes.append([points[bounds[k] : bounds[k + 1]] for k in range(num_parts)])
    return shapes


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """Points of a polyline kept by Douglas–Peucker (iterative: rings can be long)."""
    if tolerance <= 0 or len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = -1.0, -1
        for k in range(first + 1, last):
            px, py = points[k]
            if norm == 0:
                dist = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            else:
                dist = abs(dy * (px - x1) - dx * (py - y1)) / norm
            if dist > worst:
                worst, index = dist, k
        if index > 0 and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def compact(ring: list[Point], digits: int, tolerance: float) -> list[Point]:
    """A closed ring simplified, rounded and without repeated points (first == last)."""
    out: list[Point] = []
    for x, y in douglas_peucker(ring, tolerance):
        point = (round(x, digits), round(y, digits))
        if not out or out[-1] != point:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def ring_area(ring: list[Point]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring))) / 2


def build(wheel: Path, digits: int, tolerance: float) -> dict[str, object]:
    with zipfile.ZipFile(wheel) as archive:
        shp = archive.read(MEMBER + ".shp")
        dbf = archive.read(MEMBER + ".dbf")
        encoding = archive.read(MEMBER + ".cpg").decode("ascii").strip() or "latin-1"
    rows = read_dbf(dbf, "latin-1" if encoding.upper() == "ISO-8859-1" else encoding)
    shapes = read_shp(shp)
    if len(rows) != len(shapes):
        raise ValueError(f"{len(rows)} attribute rows but {len(shapes)} shapes")
    countries: dict[str, dict[str, object]] = {}
    for row, rings in zip(rows, shapes, strict=True):
        code = CODE_FIXES.get(row["name"], row["iso_a3"])
        if len(code) != 3 or not code.isalpha() or code in countries:
            raise ValueError(f"{row['name']}: bad or repeated code {code!r}")
        kept = [r for r in (compact(ring, digits, tolerance) for ring in rings) if len(r) >= 4]
        if not kept and rings:
            largest = max(rings, key=ring_area)
            kept = [compact(largest, digits, 0.0)]
        countries[code] = {
            "name": row["name"],
            "rings": [[c for point in ring for c in point] for ring in kept],
        }
    return {
        "source": "Natural Earth 1:110m Admin 0 - Countries, as shipped in GeoPandas 0.14.4 "
        "(geopandas/datasets/naturalearth_lowres; Crimea with Ukraine)",
        "licence": "public domain (Natural Earth terms of use)",
        "generator": "tools/build_world_outline.py",
        "digits": digits,
        "tolerance_degrees": tolerance,
        "countries": dict(sorted(countries.items())),
    }


def fetch_wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(folder), WHEEL_SPEC],
        check=True,
    )
    return next(folder.glob("geopandas-*.whl"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, help=f"the {WHEEL_SPEC} wheel (else downloaded)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--digits", type=int, default=2, help="decimals kept (degrees)")
    parser.add_argument("--tolerance", type=float, default=0.0, help="Douglas–Peucker, degrees")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        result = build(wheel, args.digits, args.tolerance)
    text = io.StringIO()
    json.dump(result, text, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text.getvalue() + "\n", encoding="utf-8")
    points = sum(len(r) // 2 for c in result["countries"].values() for r in c["rings"])
    print(
        f"{args.out}: {len(result['countries'])} countries, {points} points, "
        f"{args.out.stat().st_size // 1024} KiB"
    )


if __name__ == "__main__":
    main()
