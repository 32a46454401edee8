"""Render a `Report` as one self-contained HTML page or its Markdown twin (Jinja2).

The HTML inlines its style sheet and its charts (SVG), and fetches nothing: it reads the
same offline as online, and prints. The Markdown carries the same sections, with the charts
as inline data-URI images and their figures as tables, for renderers that show no images.
"""

from __future__ import annotations

import base64
import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from crisiswire import __version__
from crisiswire.report.build import Report, period
from crisiswire.report.charts import CHART_CSS

SECTIONS = [
    ("summary", "Summary"), ("timeline", "Timeline"), ("escalation", "Escalation"),
    ("map", "Map"), ("network", "Actors"), ("quotes", "Quotes"),
    ("corroboration", "Corroboration"), ("differences", "Where sources differ"),
    ("sources", "Sources"),
]  # fmt: skip
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("crisiswire.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["count"] = count
    env.filters["b64"] = lambda svg: base64.b64encode(svg.encode()).decode("ascii")
    env.filters["md"] = _markdown_text
    return env


def _markdown_text(text: object) -> str:
    """Text on one line with Markdown's special characters escaped (safe in table cells)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def count(n: int, noun: str) -> str:
    """``3 articles``, ``1 article``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def render(report: Report, fmt: str = "html", database: str = "") -> str:
    """The report as ``html`` or ``md`` text."""
    name = {"html": "report.html.j2", "md": "report.md.j2"}[fmt]
    turns = {
        d.name: {t["date"]: t["kind"] for t in d.escalation.turning_points} for d in report.dyads
    }
    return (
        _environment()
        .get_template(name)
        .render(
            report=report,
            period=period(report),
            sections=SECTIONS,
            chart_css=CHART_CSS,
            version=__version__,
            database=database,
            turns=turns,
        )
    )
