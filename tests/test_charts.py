"""Inline SVG charts: valid XML, accessible, self-contained, deterministic, and drawing what
the data say (true time axis, country outlines, curved opposite edges)."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from importlib import resources

import pytest

from crisiswire.report.charts import (
    CHART_CSS,
    HIGHLIGHT,
    MapPoint,
    NetworkEdge,
    NetworkNode,
    actor_network,
    escalation_chart,
    event_map,
)

NS = "{http://www.w3.org/2000/svg}"
SERIES = [
    ("2024-01-16", -3.5, 4),
    ("2024-01-17", -6.2, 9),
    ("2024-01-18", -1.0, 3),
    ("2024-01-19", 0.5, 2),
    ("2024-01-22", 1.5, 5),
]
POINTS = [
    MapPoint(25.3, 62.3, "Panjgur", 5),
    MapPoint(27.2, 62.3, "Saravan", 3),
    MapPoint(33.7, 73.1, "Islamabad", 4, "cooperation"),
]
NODES = [NetworkNode("IRN", "Iran", 10), NetworkNode("PAK", "Pakistan", 8)]
EDGES = [
    NetworkEdge("IRN", "PAK", 5),
    NetworkEdge("PAK", "IRN", 4),
    NetworkEdge("CHN", "PAK", 2, "cooperation"),
]
EVIL = "<script>alert('x')</script> & co"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    return root


def with_class(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{NS}{tag}") if cls in e.get("class", "").split()]


def texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter(f"{NS}text")]


def charts() -> list[tuple[str, str]]:
    return [
        ("escalation-chart", escalation_chart(SERIES, "Escalation", ["2024-01-18"])),
        ("event-map", event_map(POINTS, "Map", highlight=["PAK"])),
        ("actor-network", actor_network(NODES, EDGES, "Network")),
    ]


@pytest.mark.parametrize(("cls", "svg"), charts())
def test_every_chart_is_accessible_self_contained_svg(cls: str, svg: str) -> None:
    root = parse(svg)
    assert root.get("class").split() == ["chart", cls]
    assert root.get("role") == "img"
    assert re.fullmatch(r"0 0 \d+ [\d.]+", root.get("viewBox"))
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and title.text
    assert desc is not None and len(desc.text) > 20
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "href" not in svg and "<script" not in svg and "@import" not in svg
    assert svg.isascii()  # non-ASCII as character references: safe in any page encoding
    assert root.find(f".//{NS}g[@class='legend']") is not None


def test_output_is_deterministic_and_ids_differ_between_charts() -> None:
    assert [svg for _, svg in charts()] == [svg for _, svg in charts()]
    one = parse(escalation_chart(SERIES, "A"))
    two = parse(escalation_chart(SERIES[:2], "A"))
    assert one.find(f"{NS}title").get("id") != two.find(f"{NS}title").get("id")
    given = parse(escalation_chart(SERIES, "A", chart_id="esc1"))
    assert given.find(f"{NS}title").get("id") == "esc1-title"


def test_labels_are_escaped() -> None:
    svgs = [
        escalation_chart(SERIES, EVIL),
        event_map([MapPoint(27, 63, EVIL, 2)], EVIL),
        actor_network([NetworkNode("a", EVIL)], [NetworkEdge("a", "b")], EVIL),
    ]
    for svg in svgs:
        root = parse(svg)
        assert "<script>" not in svg
        assert root.find(f"{NS}title").text == EVIL
        assert any("<script>" in t for t in texts(root))  # shown as text, not markup


def test_control_characters_are_dropped_not_emitted() -> None:
    parse(event_map([MapPoint(27, 63, "bad\x00\x1bname")], "t\x0b"))


def test_css_has_the_chart_classes_and_print_rules() -> None:
    assert ".chart" in CHART_CSS and "@media print" in CHART_CSS
    assert "http" not in CHART_CSS and "@import" not in CHART_CSS


# --- escalation chart ---


def test_escalation_chart_draws_a_dot_per_day_a_line_zero_and_turning_points() -> None:
    root = parse(escalation_chart(SERIES, "Escalation", ["2024-01-18", "2024-03-01"]))
    assert len(with_class(root, "circle", "day")) == len(SERIES)
    (line,) = with_class(root, "polyline", "index-line")
    assert len(line.get("points").split()) == len(SERIES)
    assert with_class(root, "line", "zero-line")
    assert with_class(root, "rect", "conflict-zone")
    assert len(with_class(root, "g", "turning-point")) == 1  # the date outside is ignored
    labels = texts(root)
    assert "16 Jan" in labels and "2024" in labels and "0" in labels
    counts = {e.text for e in with_class(root, "text", "count")}
    assert {"4", "9", "3", "2", "5"} <= counts
    radii = {float(c.get("r")) for c in with_class(root, "circle", "day")}
    assert len(radii) > 1  # sized by events


def test_escalation_chart_uses_a_true_time_axis() -> None:
    root = parse(
        escalation_chart([("2024-01-01", 1, 1), ("2024-01-03", 2, 1), ("2024-01-10", -1, 1)], "t")
    )
    x1, x3, x10 = (float(c.get("cx")) for c in with_class(root, "circle", "day"))
    assert x1 < x3 < x10
    assert (x3 - x1) / (x10 - x1) == pytest.approx(2 / 9, abs=0.01)


def test_escalation_chart_sorts_days_and_ys_follow_the_index() -> None:
    root = parse(escalation_chart([("2024-01-02", -5, 1), ("2024-01-01", 5, 1)], "t"))
    first, second = with_class(root, "circle", "day")
    assert float(first.get("cx")) < float(second.get("cx"))
    assert float(first.get("cy")) < float(second.get("cy"))  # +5 above −5


def test_escalation_chart_handles_one_day_equal_values_and_many_days() -> None:
    root = parse(escalation_chart([("2024-01-16", -2.0, 3)], "One"))
    assert len(with_class(root, "circle", "day")) == 1
    assert not with_class(root, "polyline", "index-line")
    flat = parse(escalation_chart([("2024-01-16", 0.0, 1), ("2024-01-17", 0.0, 2)], "Flat"))
    ys = {c.get("cy") for c in with_class(flat, "circle", "day")}
    assert len(ys) == 1 and all(math.isfinite(float(y)) for y in ys)
    days = [(f"2024-{m:02d}-{d:02d}", (d % 7) - 3.0, d) for m in (1, 2, 3) for d in range(1, 29)]
    many = parse(escalation_chart(days, "Many"))
    x_axis = with_class(many, "g", "x-axis")[0]
    assert len(list(x_axis.iter(f"{NS}text"))) <= 12
    assert not with_class(many, "text", "count")  # too many days to label each


def test_escalation_chart_empty_and_bad_dates() -> None:
    root = parse(escalation_chart([], "Nothing"))
    assert "no events" in texts(root)
    assert root.get("class") == "chart escalation-chart"
    with pytest.raises(ValueError, match="ISO date"):
        escalation_chart([("16/01/2024", 1.0, 1)], "t")
    nan = parse(escalation_chart([("2024-01-16", float("nan"), 1), ("2024-01-17", 1, 1)], "t"))
    assert len(with_class(nan, "circle", "day")) == 1


# --- event map ---


def countries(root: ET.Element) -> dict[str, ET.Element]:
    return {p.get("data-iso"): p for p in with_class(root, "path", "country")}


def test_map_draws_points_sized_by_weight_and_coloured_by_kind() -> None:
    root = parse(event_map(POINTS, "Map"))
    circles = with_class(root, "circle", "point")
    assert len(circles) == len(POINTS)
    assert len(with_class(root, "circle", "cooperation")) == 1
    assert len({c.get("r") for c in circles}) == 3
    assert {"Panjgur", "Saravan", "Islamabad"} <= {
        e.text for e in with_class(root, "text", "point-label")
    }
    assert with_class(root, "g", "graticule")
    assert any(t.endswith("°N") for t in texts(root))  # degree labels


def test_map_draws_country_outlines_around_the_points_and_tints_highlights() -> None:
    root = parse(event_map([MapPoint(27, 63, "Border", 2)], "Border", highlight=["pak"]))
    drawn = countries(root)
    assert {"PAK", "IRN", "AFG"} <= drawn.keys()  # a minimum span shows the neighbours
    assert "USA" not in drawn and "BRA" not in drawn  # only countries in view
    assert "highlight" in drawn["PAK"].get("class")
    assert drawn["PAK"].get("fill") == HIGHLIGHT
    assert "highlight" not in drawn["IRN"].get("class")
    for path in drawn.values():
        assert path.get("d").startswith("M") and path.find(f"{NS}title").text
    assert any("Natural Earth" in t for t in texts(root))


def test_map_clips_outlines_to_the_view() -> None:
    root = parse(event_map([MapPoint(50.45, 30.52, "Kyiv", 2)], "Kyiv", highlight=["XXX"]))
    drawn = countries(root)
    assert {"UKR", "RUS", "POL"} <= drawn.keys()
    assert not any("highlight" in p.get("class") for p in drawn.values())  # unknown code
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", drawn["RUS"].get("d"))]
    assert min(numbers) > -100 and max(numbers) < 820  # Russia cut to the view, not all of it
    assert root.find(f".//{NS}clipPath") is not None


def test_map_handles_empty_invalid_and_antimeridian_points() -> None:
    empty = parse(event_map([], "None"))
    assert any("no events" in t for t in texts(empty))
    root = parse(event_map([MapPoint(float("nan"), 1, "x"), MapPoint(95, 1, "y")], "Bad"))
    assert any("no events" in t for t in texts(root))
    pacific = parse(event_map([MapPoint(-17.7, 178.0, "Suva"), MapPoint(-18, -179.5, "East")], "P"))
    xs = [float(c.get("cx")) for c in with_class(pacific, "circle", "point")]
    assert len(xs) == 2 and abs(xs[0] - xs[1]) < 200  # neighbours, not a world apart
    assert "FJI" in countries(pacific)


def test_world_outline_data_is_small_sourced_and_keyed_by_iso3() -> None:
    path = resources.files("crisiswire.data").joinpath("report/world_110m.json")
    text = path.read_text(encoding="utf-8")
    assert len(text.encode()) < 400_000
    data = json.loads(text)
    assert "Natural Earth" in data["source"] and "public domain" in data["licence"]
    assert {"PAK", "IRN", "IND", "XKX"} <= data["countries"].keys()
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in data["countries"])
    ring = data["countries"]["PAK"]["rings"][0]
    assert len(ring) % 2 == 0 and 60 < ring[0] < 78 and 23 < ring[1] < 38


# --- actor network ---


def test_network_draws_nodes_edges_markers_and_counts() -> None:
    root = parse(actor_network(NODES, EDGES, "Network"))
    assert len(with_class(root, "g", "node")) == 3  # CHN implied by an edge
    edges = with_class(root, "g", "edge")
    assert len(edges) == 3
    assert len(with_class(root, "g", "cooperation")) == 1
    assert sorted(e.text for e in with_class(root, "text", "edge-label")) == ["2", "4", "5"]
    markers = {m.get("id") for m in root.iter(f"{NS}marker")}
    for edge in edges:
        ref = re.fullmatch(r"url\(#(.+)\)", edge.find(f"{NS}path").get("marker-end"))
        assert ref and ref.group(1) in markers
    labels = {e.text for e in with_class(root, "text", "node-label")}
    assert labels == {"Iran", "Pakistan", "CHN"}
    widths = {float(e.find(f"{NS}path").get("stroke-width")) for e in edges}
    assert len(widths) == 3


def test_network_curves_opposite_edges_apart() -> None:
    nodes = [NetworkNode("A", "A"), NetworkNode("B", "B")]
    root = parse(actor_network(nodes, [NetworkEdge("A", "B", 3), NetworkEdge("B", "A", 1)], "t"))
    paths = [e.find(f"{NS}path").get("d") for e in with_class(root, "g", "edge")]
    assert len(paths) == 2
    controls = [re.search(r"Q(-?[\d.]+),(-?[\d.]+)", d).groups() for d in paths]
    assert controls[0] != controls[1]


def test_network_merges_parallel_edges_and_draws_self_loops() -> None:
    edges = [NetworkEdge("A", "B", 2), NetworkEdge("A", "B", 3), NetworkEdge("A", "A", 1, "other")]
    root = parse(actor_network([NetworkNode("A", "A"), NetworkNode("B", "B")], edges, "t"))
    assert len(with_class(root, "g", "edge")) == 2
    assert len(with_class(root, "g", "self-loop")) == 1
    assert sorted(e.text for e in with_class(root, "text", "edge-label")) == ["1", "5"]


def test_network_layout_is_deterministic_for_larger_graphs() -> None:
    nodes = [NetworkNode(f"n{i}", f"Actor {i}", i + 1) for i in range(12)]
    edges = [NetworkEdge(f"n{i}", f"n{(i * 5 + 3) % 12}", i % 4 + 1) for i in range(12)]
    svg = actor_network(nodes, edges, "Big")
    assert svg == actor_network(nodes, edges, "Big")
    root = parse(svg)
    assert len(with_class(root, "g", "node")) == 12
    for circle in root.iter(f"{NS}circle"):
        assert 0 <= float(circle.get("cx")) <= 720


def test_network_keeps_the_most_active_actors_of_a_large_one() -> None:
    nodes = [NetworkNode(f"n{i:02d}", f"Actor {i}", i + 1) for i in range(60)]
    edges = [NetworkEdge("n00", "n59"), NetworkEdge("n58", "n59")]
    root = parse(actor_network(nodes, edges, "Large"))
    assert len(with_class(root, "g", "node")) == 40
    assert len(with_class(root, "g", "edge")) == 1  # n00 is not among the 40
    assert "40 most active of 60" in root.find(f"{NS}desc").text


def test_escalation_ticks_are_labelled_exactly() -> None:
    root = parse(escalation_chart([("2024-01-01", 0.1, 1), ("2024-01-02", 1.05, 1)], "t"))
    labels = [e.text for e in with_class(root, "g", "y-axis")[0].iter(f"{NS}text")]
    assert labels == ["0", "0.25", "0.5", "0.75", "1", "1.25"]


def test_network_empty_and_lone_actor() -> None:
    root = parse(actor_network([], [], "Nobody"))
    assert "no events" in texts(root)
    lone = parse(actor_network([NetworkNode("A", "Alone", 3)], [], "One"))
    assert len(with_class(lone, "g", "node")) == 1
    assert not with_class(lone, "g", "edge")
