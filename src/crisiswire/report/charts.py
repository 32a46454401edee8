"""Inline SVG charts for the situation report: escalation timeline, event map, actor network.

The report is one HTML file that must work offline, so a chart is inline ``<svg>`` markup:
no script, no font, no tile or library fetched. Plotting libraries either draw in the browser
with JavaScript (Plotly, Vega, Bokeh) or are heavy dependencies crisiswire does not have
(matplotlib); these charts are a few hundred elements each, so the standard library writes
them by hand, with networkx (already a dependency) only for the network layout.

Each function returns one complete ``<svg>`` element with ``role="img"``, a ``<title>`` and a
``<desc>`` (a sentence summarising the data, for screen readers), a ``chart <name>`` class for
CSS and tests, and a small legend. Output is deterministic: the same input gives the same
string, and element ids derive from a hash of the input, so several charts can share a page.
Text is XML-escaped and non-ASCII characters are written as character references, so the
markup survives any page encoding. Colours follow the Okabe–Ito colour-blind-safe palette:
conflict vermillion, cooperation blue, other grey.

The event map draws country outlines from ``data/report/world_110m.json`` (Natural Earth
1:110m, public domain; built by ``tools/build_world_outline.py``); without that file it draws
graticule and points only.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

CONFLICT = "#D55E00"
"""Okabe–Ito vermillion: conflict events and the conflict half of the index."""
COOPERATION = "#0072B2"
"""Okabe–Ito blue: cooperation."""
OTHER = "#8C8C8C"
"""Neutral grey for events that are neither (dark enough for 3:1 on white)."""
TURNING = "#CC79A7"
"""Okabe–Ito reddish purple: turning points."""
HIGHLIGHT = "#F5D9A8"
"""A light tint of Okabe–Ito orange for highlighted countries."""
INK = "#222222"
MUTED = "#666666"

KIND_COLOURS = {"conflict": CONFLICT, "cooperation": COOPERATION, "other": OTHER}

WIDTH = 720
"""Every chart is 720 user units wide; CSS scales it to the column."""
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
WORLD_FILE = "report/world_110m.json"
MIN_MAP_SPAN = 8.0
"""Degrees: the map never shows less, so a single point still shows its surroundings."""
MAX_POINT_LABELS = 12
"""Only the heaviest points get a visible label (all have a tooltip), to keep maps legible."""
MAX_NETWORK_NODES = 40
"""Larger networks are cut to their heaviest actors: beyond that a drawing is a hairball."""

CHART_CSS = """\
.chart { display: block; width: 100%; max-width: 760px; height: auto; margin: 1rem 0; }
.chart text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.chart .point:hover, .chart .day:hover, .chart .node:hover circle { stroke: #222; }
.chart .edge:hover path { stroke-opacity: 1; }
.chart .country:hover { fill-opacity: 0.8; }
@media print {
  .chart { max-width: 100%; break-inside: avoid; page-break-inside: avoid;
           -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
"""CSS for the chart classes, inlined by the report; the SVGs also carry their own
presentation attributes, so they stay readable without it."""

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HALO = 'paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round"'


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One place on the event map."""

    lat: float
    lon: float
    label: str
    """Place name, shown for the heaviest points and as every point's tooltip."""
    weight: int = 1
    """Number of events there: sets the circle's area."""
    kind: str = "conflict"
    """``conflict``, ``cooperation`` or ``other``: sets the colour."""


@dataclass(frozen=True, slots=True)
class NetworkNode:
    """An actor in the network."""

    id: str
    label: str
    weight: int = 1
    """Events involving the actor: sets the circle's area."""


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    """Directed relation: `source` acted on `target` in `weight` events of one kind."""

    source: str
    target: str
    weight: int = 1
    kind: str = "conflict"
    """``conflict``, ``cooperation`` or ``other``: sets the colour."""


# --- shared helpers -------------------------------------------------------------------------


def _esc(text: object) -> str:
    """Text safe in XML content and attributes (characters XML forbids are dropped)."""
    return html.escape(_XML_INVALID.sub("", str(text)), quote=True)


def _n(value: float) -> str:
    """A coordinate with one decimal, without ``.0`` or ``-0``: small, stable output."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _chart_id(kind: str, payload: object) -> str:
    digest = hashlib.sha1(repr(payload).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"cw-{kind}-{digest}"


def _text_width(text: str, size: float = 12) -> float:
    """Rough rendered width of a sans-serif string (no font metrics offline)."""
    return len(text) * size * 0.56


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg(cls: str, cid: str, height: float, title: str, desc: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'role="img" aria-labelledby="{cid}-title {cid}-desc" class="chart {cls}" '
        f'font-family="{FONT}" font-size="12">'
    )
    parts = [
        head,
        f'<title id="{cid}-title">{_esc(title)}</title>',
        f'<desc id="{cid}-desc">{_esc(desc)}</desc>',
        f'<rect class="chart-bg" width="{WIDTH}" height="{_n(height)}" fill="#fff"/>',
        f'<text class="chart-title" x="12" y="22" font-size="15" font-weight="600" '
        f'fill="{INK}">{_esc(title)}</text>',
        *body,
        "</svg>",
    ]
    return "\n".join(parts).encode("ascii", "xmlcharrefreplace").decode("ascii")


def _empty(cls: str, cid: str, title: str, message: str) -> str:
    body = [
        f'<text class="empty" x="{WIDTH / 2:g}" y="95" text-anchor="middle" font-size="14" '
        f'fill="{MUTED}">{_esc(message)}</text>'
    ]
    return _svg(cls, cid, 150, title, f"{title}: {message}.", body)


def _legend(keys: Sequence[tuple[str, str, str]], y: float) -> tuple[list[str], float]:
    """A wrapping row of legend keys ``(shape, colour, label)`` under the title; returns the
    markup and the y where the plot may start. Shapes: line, dash, dot, ring, area, arrow,
    text (label only)."""
    out = ['<g class="legend" font-size="11">']
    x, row = 12.0, y
    for shape, colour, label in keys:
        swatch = 0 if shape == "text" else 22
        width = swatch + _text_width(label, 11) + 16
        if x + width > WIDTH - 8 and x > 12:
            x, row = 12.0, row + 17
        cy = row - 4
        if shape in ("line", "dash", "arrow"):
            dash = ' stroke-dasharray="4 3"' if shape == "dash" else ""
            out.append(
                f'<line x1="{_n(x)}" y1="{_n(cy)}" x2="{_n(x + 16)}" y2="{_n(cy)}" '
                f'stroke="{colour}" stroke-width="2"{dash}/>'
            )
            if shape == "arrow":
                out.append(
                    f'<path d="M{_n(x + 12)},{_n(cy - 4)} L{_n(x + 18)},{_n(cy)} '
                    f'L{_n(x + 12)},{_n(cy + 4)} Z" fill="{colour}"/>'
                )
        elif shape == "dot":
            out.append(f'<circle cx="{_n(x + 8)}" cy="{_n(cy)}" r="5" fill="{colour}"/>')
        elif shape == "ring":
            out.append(
                f'<circle cx="{_n(x + 8)}" cy="{_n(cy)}" r="5" fill="none" '
                f'stroke="{colour}" stroke-width="2"/>'
            )
        elif shape == "area":
            out.append(
                f'<rect x="{_n(x)}" y="{_n(cy - 6)}" width="16" height="12" fill="{colour}" '
                f'stroke="#999" stroke-width="0.5"/>'
            )
        out.append(f'<text x="{_n(x + swatch)}" y="{_n(row)}" fill="{INK}">{_esc(label)}</text>')
        x += width
    out.append("</g>")
    return out, row + 24


def _nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k at least `raw`."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw * (1 - 1e-9):
            return factor * power
    return 10 * power


# --- escalation chart -----------------------------------------------------------------------


def _day(text: str) -> date:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        raise ValueError(f"not an ISO date (YYYY-MM-DD): {text!r}") from None


def _day_label(day: date, with_year: bool) -> str:
    label = f"{day.day} {_MONTHS[day.month - 1]}"
    return f"{label} {day.year}" if with_year else label


def escalation_chart(
    series: Sequence[tuple[str, float, int]],
    title: str,
    turning_points: Sequence[str] = (),
    *,
    chart_id: str | None = None,
) -> str:
    """Line chart of a daily Goldstein-like index (negative = conflict) on a true time axis.

    `series` holds ``(ISO date, index, number of events)``; days without events may be
    missing, and the gaps stay proportional to the days between. Dots are sized by the number
    of events; `turning_points` (ISO dates) get a dashed line and a ring. The conflict half
    (below zero) is shaded. An empty series gives a chart saying "no events".
    """
    cid = chart_id or _chart_id("esc", (title, tuple(series), tuple(turning_points)))
    cls = "escalation-chart"
    days = sorted(
        ((_day(d), float(v), max(int(n), 0)) for d, v, n in series if math.isfinite(float(v))),
        key=lambda item: item[0],
    )
    turns = sorted({_day(t) for t in turning_points})
    if not days:
        return _empty(cls, cid, title, "no events")

    values = [v for _, v, _ in days]
    lo, hi = min(*values, 0.0), max(*values, 0.0)
    if hi - lo < 1e-9:
        lo, hi = -1.0, 1.0
    keys = [("line", INK, "daily index")] if len(days) > 1 else []
    if lo < 0:
        keys.append(("area", "#F7DFCC", "conflict zone (index < 0)"))
    if min(values) < 0:
        keys.append(("dot", CONFLICT, "net conflict day"))
    if max(values) > 0:
        keys.append(("dot", COOPERATION, "net cooperation day"))
    if 0 in values:
        keys.append(("dot", OTHER, "balanced day"))
    keys.append(("text", MUTED, "dot area = events"))
    if turns:
        keys.append(("dash", TURNING, "turning point"))
    legend, top = _legend(keys, 44)
    left, right = 52.0, WIDTH - 16.0
    plot_h = 230.0
    bottom = top + plot_h
    height = bottom + 44

    step = _nice_step((hi - lo) / 5)
    lo_t, hi_t = math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step
    if hi_t - lo_t < 1e-9:
        hi_t = lo_t + step

    def y_of(value: float) -> float:
        return top + (hi_t - value) / (hi_t - lo_t) * plot_h

    first, last = days[0][0], days[-1][0]
    if first == last:
        dom0, dom1, pad = first - timedelta(days=1), last + timedelta(days=1), 0.0
    else:
        dom0, dom1, pad = first, last, 16.0
    span = (dom1 - dom0).days

    def x_of(day: date) -> float:
        return left + pad + (day - dom0).days / span * (right - left - 2 * pad)

    body = [*legend]
    zero = y_of(0.0)
    if lo_t < 0:
        body.append(
            f'<rect class="conflict-zone" x="{_n(left)}" y="{_n(zero)}" '
            f'width="{_n(right - left)}" height="{_n(bottom - zero)}" fill="{CONFLICT}" '
            f'fill-opacity="0.08"/>'
        )
    # y axis: grid and labels
    body.append('<g class="axis y-axis" font-size="11">')
    count = round((hi_t - lo_t) / step)
    for i in range(count + 1):
        value = lo_t + i * step
        y = y_of(value)
        label = "0" if abs(value) < 1e-9 else f"{round(value, 6):g}"
        body.append(
            f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}" stroke="#e4e4e4"/>'
            f'<text x="{_n(left - 6)}" y="{_n(y + 4)}" text-anchor="end" fill="{MUTED}">'
            f"{_esc(label)}</text>"
        )
    body.append("</g>")
    body.append(
        f'<line class="zero-line" x1="{_n(left)}" y1="{_n(zero)}" x2="{_n(right)}" '
        f'y2="{_n(zero)}" stroke="#555" stroke-width="1.2"/>'
    )
    if hi_t > 0:
        body.append(
            f'<text x="{_n(right - 4)}" y="{_n(top + 12)}" text-anchor="end" font-size="10" '
            f'fill="{COOPERATION}">cooperation ↑</text>'
        )
    if lo_t < 0:
        body.append(
            f'<text x="{_n(right - 4)}" y="{_n(bottom - 5)}" text-anchor="end" font-size="10" '
            f'fill="{CONFLICT}">conflict ↓</text>'
        )
    # x axis: calendar ticks, thinned to at most one per ~70 units
    max_ticks = max(2, int((right - left) // 70))
    tick_step = next(
        (s for s in (1, 2, 3, 7, 14, 28, 56, 91, 182, 364) if span // s + 1 <= max_ticks),
        (span // (max_ticks - 1)) + 1,
    )
    body.append(
        f'<g class="axis x-axis" font-size="11"><line x1="{_n(left)}" y1="{_n(bottom)}" '
        f'x2="{_n(right)}" y2="{_n(bottom)}" stroke="#999"/>'
    )
    previous_year = None
    for k in range(span // tick_step + 1):
        day = dom0 + timedelta(days=k * tick_step)
        x = x_of(day)
        with_year = day.year != previous_year
        previous_year = day.year
        body.append(
            f'<line x1="{_n(x)}" y1="{_n(bottom)}" x2="{_n(x)}" y2="{_n(bottom + 4)}" '
            f'stroke="#999"/><text x="{_n(x)}" y="{_n(bottom + 17)}" text-anchor="middle" '
            f'fill="{MUTED}">{_esc(_day_label(day, False))}</text>'
        )
        if with_year:
            body.append(
                f'<text x="{_n(x)}" y="{_n(bottom + 31)}" text-anchor="middle" '
                f'fill="{MUTED}">{day.year}</text>'
            )
    body.append("</g>")

    max_events = max((n for _, _, n in days), default=0) or 1

    def radius(events: int) -> float:
        return 2.5 + 6.5 * math.sqrt(events / max_events)

    for turn in turns:
        if dom0 <= turn <= dom1:
            x = x_of(turn)
            body.append(
                f'<g class="turning-point"><title>turning point {turn.isoformat()}</title>'
                f'<line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(bottom)}" '
                f'stroke="{TURNING}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            )
            for day, value, events in days:
                if day == turn:
                    body.append(
                        f'<circle cx="{_n(x)}" cy="{_n(y_of(value))}" '
                        f'r="{_n(radius(events) + 4)}" fill="none" stroke="{TURNING}" '
                        f'stroke-width="2"/>'
                    )
            body.append("</g>")
    if len(days) > 1:
        points = " ".join(f"{_n(x_of(d))},{_n(y_of(v))}" for d, v, _ in days)
        body.append(
            f'<polyline class="index-line" points="{points}" fill="none" stroke="{INK}" '
            f'stroke-width="1.8" stroke-linejoin="round"/>'
        )
    show_counts = len(days) <= 24
    for day, value, events in days:
        colour = CONFLICT if value < 0 else COOPERATION if value > 0 else OTHER
        x, y, r = x_of(day), y_of(value), radius(events)
        noun = "event" if events == 1 else "events"
        body.append(
            f'<circle class="day" cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{colour}" '
            f'stroke="#fff" stroke-width="1"><title>{day.isoformat()}: index {value:.2f}, '
            f"{events} {noun}</title></circle>"
        )
        if show_counts and events:
            ty = y - r - 4 if value >= 0 else y + r + 12
            body.append(
                f'<text class="count" x="{_n(x)}" y="{_n(ty)}" text-anchor="middle" '
                f'font-size="10" fill="{INK}" {_HALO}>{events}</text>'
            )

    low = min(days, key=lambda item: item[1])
    high = max(days, key=lambda item: item[1])
    total = sum(n for _, _, n in days)
    desc = (
        f"Daily escalation index (negative = conflict, positive = cooperation) for "
        f"{len(days)} day{'s' if len(days) != 1 else ''} from {first.isoformat()} to "
        f"{last.isoformat()}, {total} events in all; lowest {low[1]:.2f} on "
        f"{low[0].isoformat()}, highest {high[1]:.2f} on {high[0].isoformat()}"
    )
    if turns:
        desc += "; turning points: " + ", ".join(t.isoformat() for t in turns)
    return _svg(cls, cid, height, title, desc + ".", body)


# --- event map ------------------------------------------------------------------------------

Ring = list[tuple[float, float]]


@cache
def _world() -> dict[str, tuple[str, tuple[Ring, ...], tuple[float, float, float, float]]]:
    """Country outlines by ISO3: ``(name, rings, (lon0, lat0, lon1, lat1))``; empty when the
    data file is missing (the map then draws no outlines)."""
    try:
        path = resources.files("crisiswire.data").joinpath(WORLD_FILE)
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ModuleNotFoundError, json.JSONDecodeError):
        return {}
    world = {}
    for code, country in raw["countries"].items():
        rings = tuple(list(zip(r[0::2], r[1::2], strict=True)) for r in country["rings"])
        lons = [p[0] for ring in rings for p in ring]
        lats = [p[1] for ring in rings for p in ring]
        if lons:
            bbox = (min(lons), min(lats), max(lons), max(lats))
            world[code] = (country["name"], rings, bbox)
    return world


def _clip_ring(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland–Hodgman clip of a ring to an axis-aligned box (lon0, lat0, lon1, lat1)."""
    x0, y0, x1, y1 = box
    points = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    for axis, limit, sign in ((0, x0, 1), (0, x1, -1), (1, y0, 1), (1, y1, -1)):
        points = _clip_half_plane(points, axis, limit, sign)
    return points


def _clip_half_plane(points: Ring, axis: int, limit: float, sign: int) -> Ring:
    """The part of a ring where ``sign * (coordinate[axis] - limit) >= 0``."""

    def inside(p: tuple[float, float]) -> bool:
        return sign * (p[axis] - limit) >= 0

    def cross(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
        t = (limit - a[axis]) / (b[axis] - a[axis])
        other = a[1 - axis] + t * (b[1 - axis] - a[1 - axis])
        return (limit, other) if axis == 0 else (other, limit)

    out: Ring = []
    previous = points[-1] if points else (0.0, 0.0)
    for current in points:
        if inside(current):
            if not inside(previous):
                out.append(cross(previous, current))
            out.append(current)
        elif inside(previous):
            out.append(cross(previous, current))
        previous = current
    return out


def _polygon_area_centroid(points: Sequence[tuple[float, float]]) -> tuple[float, float, float]:
    """``(area, cx, cy)`` of a simple polygon (shoelace formula)."""
    area = cx = cy = 0.0
    for (xa, ya), (xb, yb) in zip(points, [*points[1:], points[0]], strict=True):
        cross = xa * yb - xb * ya
        area += cross
        cx += (xa + xb) * cross
        cy += (ya + yb) * cross
    if abs(area) < 1e-9:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def _graticule_step(span: float) -> int:
    return next((s for s in (1, 2, 5, 10, 15, 30, 45) if span / s <= 6), 90)


def _lon_label(lon: float) -> str:
    lon = (lon + 180) % 360 - 180
    return (
        "0°" if lon == 0 else "180°" if lon == -180 else f"{abs(lon):g}°{'E' if lon > 0 else 'W'}"
    )


def _lat_label(lat: float) -> str:
    return "0°" if lat == 0 else f"{abs(lat):g}°{'N' if lat > 0 else 'S'}"


def event_map(
    points: Sequence[MapPoint],
    title: str,
    highlight: Iterable[str] = (),
    *,
    chart_id: str | None = None,
) -> str:
    """Map of event locations: circles sized by weight and coloured by kind, on country
    outlines (Natural Earth 1:110m) with a graticule.

    Equirectangular projection (x scaled by the cosine of the middle latitude, so shapes are
    not stretched) zoomed to the points' bounding box with a margin, never narrower than
    `MIN_MAP_SPAN` degrees. Countries named in `highlight` (ISO3) are tinted. Points
    straddling the antimeridian are drawn on one wide map rather than wrapped.
    """
    marked = sorted({code.strip().upper() for code in highlight if code and code.strip()})
    located = [
        p
        for p in points
        if math.isfinite(p.lat)
        and math.isfinite(p.lon)
        and -90 <= p.lat <= 90
        and -180 <= p.lon <= 180
    ]
    cid = chart_id or _chart_id("map", (title, tuple(points), tuple(marked)))
    cls = "event-map"
    if not located:
        return _empty(cls, cid, title, "no events with a location")
    world = _world()

    kinds = {p.kind if p.kind in KIND_COLOURS else "other" for p in located}
    keys = [("dot", KIND_COLOURS[k], k) for k in ("conflict", "cooperation", "other") if k in kinds]
    keys.append(("text", MUTED, "circle area = events"))
    drawn_marked = [c for c in marked if c in world]
    if drawn_marked:
        names = ", ".join(world[c][0] for c in drawn_marked[:4])
        more = f" +{len(drawn_marked) - 4}" if len(drawn_marked) > 4 else ""
        keys.append(("area", HIGHLIGHT, f"{names}{more}"))
    legend, top = _legend(keys, 44)
    left, plot_w, plot_h = 12.0, WIDTH - 24.0, 400.0
    right, bottom = left + plot_w, top + plot_h
    height = bottom + 18

    # view: bounding box + margin, at least MIN_MAP_SPAN, stretched to the plot's shape
    lats, lons = [p.lat for p in located], [p.lon for p in located]
    east = [lon + 360 if lon < 0 else lon for lon in lons]  # across the antimeridian
    xlons = east if max(east) - min(east) < max(lons) - min(lons) else lons
    half_lat = max((max(lats) - min(lats)) * 0.6 + 1, MIN_MAP_SPAN / 2)
    half_lon = max((max(xlons) - min(xlons)) * 0.6 + 1, MIN_MAP_SPAN / 2)
    mid_lat = (max(lats) + min(lats)) / 2
    mid_lon = (max(xlons) + min(xlons)) / 2
    cos_lat = math.cos(math.radians(max(-75.0, min(75.0, mid_lat))))
    scale = min(plot_w / (2 * half_lon * cos_lat), plot_h / (2 * half_lat))
    half_lon, half_lat = plot_w / (2 * scale * cos_lat), plot_h / (2 * scale)
    if half_lat < 90:  # keep the view inside the globe when the points allow it
        mid_lat = max(-90 + half_lat, min(90 - half_lat, mid_lat))
    lon0, lon1 = mid_lon - half_lon, mid_lon + half_lon
    lat0, lat1 = mid_lat - half_lat, mid_lat + half_lat

    def project(lon: float, lat: float) -> tuple[float, float]:
        return left + (lon - lon0) * cos_lat * scale, top + (lat1 - lat) * scale

    body = [
        *legend,
        f'<defs><clipPath id="{cid}-clip"><rect x="{_n(left)}" y="{_n(top)}" '
        f'width="{_n(plot_w)}" height="{_n(plot_h)}"/></clipPath></defs>',
        f'<rect class="sea" x="{_n(left)}" y="{_n(top)}" width="{_n(plot_w)}" '
        f'height="{_n(plot_h)}" fill="#EAF2F8"/>',
        f'<g clip-path="url(#{cid}-clip)">',
    ]

    # points and their labels are placed first, so country names can keep out of their way
    max_weight = max(max(p.weight for p in located), 1)
    placed = sorted(
        (
            (p, *project(lon, p.lat), 4 + 11 * math.sqrt(max(p.weight, 0) / max_weight))
            for p, lon in zip(located, xlons, strict=True)
        ),
        key=lambda item: -item[0].weight,
    )  # heaviest first: drawn first, so small circles stay on top
    occupied = [(x - r, y - r, x + r, y + r) for _, x, y, r in placed]
    point_labels = []
    seen: set[str] = set()
    for p, x, y, r in placed:
        if len(seen) >= MAX_POINT_LABELS or not p.label or p.label in seen:
            continue
        seen.add(p.label)
        text = _short(p.label)
        width = _text_width(text, 11)
        if x + r + 3 + width > right:
            x0, anchor = x - r - 3 - width, ' text-anchor="end"'
            tx = x - r - 3
        else:
            x0, anchor, tx = x + r + 3, "", x + r + 3
        rect = (x0, y - 8, x0 + width, y + 6)
        if any(_overlap(rect, other) for other in occupied[len(placed) :]):
            continue  # would cover a heavier point's label: its tooltip still names it
        occupied.append(rect)
        point_labels.append(
            f'<text class="point-label" x="{_n(tx)}" y="{_n(y + 4)}"{anchor}>{_esc(text)}</text>'
        )

    # countries whose bounding box meets the view (a margin beyond), clipped to it; the
    # world is repeated east or west when the view crosses the antimeridian
    margin = 1.0
    box = (lon0 - margin, lat0 - margin, lon1 + margin, lat1 + margin)
    shifts = [s for s in (0.0, 360.0, -360.0) if box[0] - s < 180 and box[2] - s > -180]
    labels: list[tuple[float, float, float, str]] = []
    body.append('<g class="countries" fill-rule="evenodd" stroke="#A39E93" stroke-width="0.6">')
    for code, (name, rings, (bx0, by0, bx1, by1)) in world.items():
        pieces = []
        best = (0.0, 0.0, 0.0)
        for shift in shifts:
            view = (box[0] - shift, box[1], box[2] - shift, box[3])
            if bx1 < view[0] or bx0 > view[2] or by1 < view[1] or by0 > view[3]:
                continue
            for ring in rings:
                clipped = _clip_ring(ring, view)
                if len(clipped) < 3:
                    continue
                projected = [project(lon + shift, lat) for lon, lat in clipped]
                pieces.append("M" + " L".join(f"{_n(x)},{_n(y)}" for x, y in projected) + " Z")
                best = max(best, _polygon_area_centroid(projected))
        if not pieces:
            continue
        tinted = code in marked
        fill = HIGHLIGHT if tinted else "#F7F5F0"
        body.append(
            f'<path class="country{" highlight" if tinted else ""}" data-iso="{_esc(code)}" '
            f'fill="{fill}" d="{" ".join(pieces)}"><title>{_esc(name)}</title></path>'
        )
        labels.append((*best, name))
    body.append("</g>")

    # graticule over the land, faint, with degree labels along the left and bottom edges
    step = _graticule_step(max(2 * half_lon, 2 * half_lat))
    body.append('<g class="graticule" stroke="#7F9BB3" stroke-opacity="0.45" stroke-width="0.6">')
    grid_labels = []
    lon = math.ceil(lon0 / step) * step
    while lon <= lon1:
        x, _ = project(lon, 0)
        body.append(f'<line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(bottom)}"/>')
        if left + 14 < x < right - 14:
            grid_labels.append(
                f'<text x="{_n(x)}" y="{_n(bottom - 5)}" text-anchor="middle">'
                f"{_esc(_lon_label(lon))}</text>"
            )
        lon += step
    lat = math.ceil(max(lat0, -90) / step) * step
    while lat <= min(lat1, 90):
        _, y = project(0, lat)
        body.append(f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}"/>')
        if top + 10 < y < bottom - 18:
            grid_labels.append(
                f'<text x="{_n(left + 4)}" y="{_n(y - 3)}">{_esc(_lat_label(lat))}</text>'
            )
        lat += step
    body.append("</g>")

    # country names where their visible part can hold one and no point or label is there
    body.append(
        f'<g class="country-labels" font-size="10" font-style="italic" fill="#8A8478" '
        f'text-anchor="middle" {_HALO}>'
    )
    for area, cx, cy, name in sorted(labels, key=lambda item: (-item[0], item[3]))[:25]:
        width = _text_width(name, 10)
        rect = (cx - width / 2 - 2, cy - 9, cx + width / 2 + 2, cy + 3)
        fits = area > 2500 and width < math.sqrt(area) * 1.6
        inside = left + 20 < cx < right - 20 and top + 12 < cy < bottom - 16
        if fits and inside and not any(_overlap(rect, other) for other in occupied):
            occupied.append(rect)
            body.append(f'<text x="{_n(cx)}" y="{_n(cy)}">{_esc(name)}</text>')
    body.append("</g>")
    body.append(
        f'<g class="graticule-labels" font-size="10" fill="#4F6B82" {_HALO}>'
        + "".join(grid_labels)
        + "</g>"
    )

    body.append('<g class="points">')
    for p, x, y, r in placed:
        kind = p.kind if p.kind in KIND_COLOURS else "other"
        noun = "event" if p.weight == 1 else "events"
        body.append(
            f'<circle class="point {kind}" cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" '
            f'fill="{KIND_COLOURS[kind]}" fill-opacity="0.8" stroke="#fff" stroke-width="1">'
            f"<title>{_esc(p.label)}: {p.weight} {kind} {noun}</title></circle>"
        )
    body.append("</g>")
    body.append(
        f'<g class="point-labels" font-size="11" fill="{INK}" {_HALO}>'
        + "".join(point_labels)
        + "</g></g>"
    )
    body.append(
        f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(plot_w)}" height="{_n(plot_h)}" '
        f'fill="none" stroke="#999"/>'
    )
    if world:
        body.append(
            f'<text class="attribution" x="{_n(right)}" y="{_n(bottom + 12)}" '
            f'text-anchor="end" font-size="9" fill="{MUTED}">'
            f"Outlines: Natural Earth 1:110m (public domain)</text>"
        )

    heaviest = ", ".join(f"{p.label} ({p.weight})" for p, *_ in placed[:5])
    desc = (
        f"Map of {len(located)} event location{'s' if len(located) != 1 else ''} between "
        f"latitudes {min(lats):.1f} and {max(lats):.1f} and longitudes {min(lons):.1f} and "
        f"{max(lons):.1f}; most events: {heaviest}"
    )
    if drawn_marked:
        desc += "; highlighted: " + ", ".join(world[c][0] for c in drawn_marked)
    return _svg(cls, cid, height, title, desc + ".", body)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- actor network --------------------------------------------------------------------------


def actor_network(
    nodes: Sequence[NetworkNode],
    edges: Sequence[NetworkEdge],
    title: str,
    *,
    chart_id: str | None = None,
) -> str:
    """Directed network of who acted on whom: arrows coloured by kind, as wide as their
    number of events and labelled with it; actor circles sized by weight.

    Layout is networkx's spring layout with a fixed seed (circular for up to 3 actors), so
    the same input is drawn the same way. Edges between the same two actors (A→B and B→A, or
    two kinds) are curved apart; a self-loop is a small loop above its actor. Edges naming an
    actor missing from `nodes` add it; parallel edges of one kind are summed. Only the
    `MAX_NETWORK_NODES` heaviest actors are drawn.
    """
    cid = chart_id or _chart_id("net", (title, tuple(nodes), tuple(edges)))
    cls = "actor-network"
    merged: dict[tuple[str, str, str], int] = {}
    for e in edges:
        kind = e.kind if e.kind in KIND_COLOURS else "other"
        merged[(e.source, e.target, kind)] = merged.get((e.source, e.target, kind), 0) + e.weight
    actors: dict[str, NetworkNode] = {}
    for node in nodes:
        actors.setdefault(node.id, node)
    implied: dict[str, int] = defaultdict(int)
    for (source, target, _), weight in merged.items():
        for end in {source, target} - actors.keys():
            implied[end] += weight
    for end, weight in implied.items():
        actors[end] = NetworkNode(end, end, max(weight, 1))
    if not actors:
        return _empty(cls, cid, title, "no events")
    total_actors = len(actors)
    if total_actors > MAX_NETWORK_NODES:
        kept = sorted(actors.values(), key=lambda n: (-n.weight, n.id))[:MAX_NETWORK_NODES]
        actors = {n.id: n for n in kept}
    relations = sorted(
        (key, weight) for key, weight in merged.items() if key[0] in actors and key[1] in actors
    )

    kinds = {kind for (_, _, kind), _ in relations}
    keys = [
        ("arrow", KIND_COLOURS[k], k) for k in ("conflict", "cooperation", "other") if k in kinds
    ]
    keys += [
        ("text", MUTED, "arrow: who acted on whom, width = events"),
        ("text", MUTED, "circle area = actor's events"),
    ]
    legend, top = _legend(keys, 44)
    left, right = 16.0, WIDTH - 16.0
    plot_h = {1: 140.0, 2: 160.0, 3: 300.0}.get(len(actors), 420.0)
    bottom = top + plot_h
    height = bottom + 12

    # layout in [-1, 1]², mapped into the plot with room for radii and labels
    import networkx as nx  # here: its import (numpy included) would cost the other charts 0.5 s

    ids = sorted(actors)
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    for (source, target, _), weight in relations:
        if source != target:
            previous = graph.get_edge_data(source, target, {"weight": 0.0})["weight"]
            graph.add_edge(source, target, weight=previous + 1 + math.log1p(max(weight, 0)))
    if len(ids) <= 3:
        raw = nx.circular_layout(graph) if len(ids) > 1 else {ids[0]: (0.0, 0.0)}
    else:
        raw = nx.spring_layout(graph, seed=7, iterations=200, method="force")
    xs = [float(raw[i][0]) for i in ids]
    ys = [float(raw[i][1]) for i in ids]
    max_weight = max(max(n.weight for n in actors.values()), 1)

    def radius(node_id: str) -> float:
        return 7 + 15 * math.sqrt(max(actors[node_id].weight, 0) / max_weight)

    def spread(values: list[float], start: float, end: float) -> list[float]:
        """Values stretched over [start, end]; a negligible spread (two actors side by side,
        up to rounding) stays centred rather than being blown up to the full range."""
        low, high = min(values), max(values)
        if high - low < 0.05 * max(max(xs) - min(xs), max(ys) - min(ys), 1e-9):
            return [(start + end) / 2] * len(values)
        return [start + (v - low) / (high - low) * (end - start) for v in values]

    inset_x, inset_y = 80.0, 50.0
    px = spread(xs, left + inset_x, right - inset_x)
    py = spread([-y for y in ys], top + inset_y, bottom - inset_y)
    pos = {i: (x, y) for i, x, y in zip(ids, px, py, strict=True)}

    max_edge = max((w for _, w in relations), default=1) or 1
    arrow = 11.0
    defs = ["<defs>"]
    for kind in ("conflict", "cooperation", "other"):
        if kind in kinds:
            defs.append(
                f'<marker id="{cid}-arrow-{kind}" viewBox="0 0 10 10" refX="1" refY="5" '
                f'markerWidth="{_n(arrow)}" markerHeight="{_n(arrow)}" '
                f'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 Z" '
                f'fill="{KIND_COLOURS[kind]}"/></marker>'
            )
    defs.append("</defs>")
    body = [*legend, *defs, '<g class="edges" fill="none">']
    edge_labels = []
    groups: dict[tuple[str, str], list[tuple[tuple[str, str, str], int]]] = defaultdict(list)
    for relation in relations:
        source, target, _ = relation[0]
        groups[(min(source, target), max(source, target))].append(relation)

    for (a, b), group in groups.items():
        for index, ((source, target, kind), weight) in enumerate(group):
            colour = KIND_COLOURS[kind]
            width = 1.2 + 4.8 * math.sqrt(max(weight, 0) / max_edge)
            noun = "event" if weight == 1 else "events"
            label = f"{actors[source].label} → {actors[target].label}: {weight} {kind} {noun}"
            (sx, sy), r_s = pos[source], radius(source)
            if a == b:  # self-loop: a teardrop above the actor, arrow back into it
                lift = r_s + 24 + 10 * index
                x1, y1 = (
                    sx + r_s * math.cos(math.radians(-115)),
                    sy + r_s * math.sin(math.radians(-115)),
                )
                end = r_s + arrow + 1
                x2, y2 = (
                    sx + end * math.cos(math.radians(-65)),
                    sy + end * math.sin(math.radians(-65)),
                )
                d = (
                    f"M{_n(x1)},{_n(y1)} C{_n(sx - lift * 0.9)},{_n(sy - lift * 1.3)} "
                    f"{_n(sx + lift * 0.9)},{_n(sy - lift * 1.3)} {_n(x2)},{_n(y2)}"
                )
                lx, ly = sx, sy - lift + 4
                extra = " self-loop"
            else:
                (ax, ay), (bx, by) = pos[a], pos[b]
                length = math.hypot(bx - ax, by - ay) or 1.0
                nx_, ny_ = -(by - ay) / length, (bx - ax) / length
                offset = (index - (len(group) - 1) / 2) * 34.0
                (tx, ty), r_t = pos[target], radius(target)
                cx = (sx + tx) / 2 + nx_ * offset
                cy = (sy + ty) / 2 + ny_ * offset
                x1, y1 = _towards(sx, sy, cx, cy, r_s + 2)
                x2, y2 = _towards(tx, ty, cx, cy, r_t + 2 + arrow - 1)
                d = f"M{_n(x1)},{_n(y1)} Q{_n(cx)},{_n(cy)} {_n(x2)},{_n(y2)}"
                lx = 0.25 * x1 + 0.5 * cx + 0.25 * x2
                ly = 0.25 * y1 + 0.5 * cy + 0.25 * y2 + 4
                extra = ""
            body.append(
                f'<g class="edge {kind}{extra}" data-source="{_esc(source)}" '
                f'data-target="{_esc(target)}"><title>{_esc(label)}</title>'
                f'<path d="{d}" stroke="{colour}" stroke-width="{_n(width)}" '
                f'stroke-opacity="0.85" stroke-linecap="round" '
                f'marker-end="url(#{cid}-arrow-{kind})"/></g>'
            )
            edge_labels.append(
                f'<text class="edge-label" x="{_n(lx)}" y="{_n(ly)}">{weight}</text>'
            )
    body.append("</g>")
    body.append('<g class="nodes">')
    node_labels = []
    for node_id in ids:
        x, y = pos[node_id]
        r = radius(node_id)
        node = actors[node_id]
        noun = "event" if node.weight == 1 else "events"
        body.append(
            f'<g class="node" data-id="{_esc(node_id)}"><title>{_esc(node.label)}: '
            f'{node.weight} {noun}</title><circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" '
            f'fill="#EFEFEF" stroke="#444" stroke-width="1.2"/></g>'
        )
        node_labels.append(
            f'<text class="node-label" x="{_n(x)}" y="{_n(y + r + 13)}">'
            f"{_esc(_short(node.label))}</text>"
        )
    body.append("</g>")
    body.append(
        f'<g class="edge-labels" font-size="10" font-weight="600" text-anchor="middle" '
        f'fill="{INK}" {_HALO}>' + "".join(edge_labels) + "</g>"
    )
    body.append(
        f'<g class="node-labels" font-size="11" text-anchor="middle" fill="{INK}" {_HALO}>'
        + "".join(node_labels)
        + "</g>"
    )

    strongest = sorted(relations, key=lambda rel: (-rel[1], rel[0]))[:3]
    desc = (
        f"Directed network of {len(actors)} actor{'s' if len(actors) != 1 else ''} and "
        f"{len(relations)} relation{'s' if len(relations) != 1 else ''} (who acted on whom)"
    )
    if total_actors > len(actors):
        desc += f", the {len(actors)} most active of {total_actors}"
    if strongest:
        desc += "; strongest: " + "; ".join(
            f"{actors[s].label} → {actors[t].label}, {w} {k}" for (s, t, k), w in strongest
        )
    return _svg(cls, cid, height, title, desc + ".", body)


def _towards(x: float, y: float, tx: float, ty: float, distance: float) -> tuple[float, float]:
    """The point `distance` from (x, y) towards (tx, ty)."""
    length = math.hypot(tx - x, ty - y)
    if length < 1e-9:
        return x, y
    return x + (tx - x) / length * distance, y + (ty - y) / length * distance
