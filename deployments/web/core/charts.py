"""Charts of the statistics pages, drawn on the server as SVG by pygal and embedded as
`<img src="data:image/svg+xml;base64,…">`.

Why an image and not inline `<svg>`: pygal's SVG carries its colours in a `<style>` element (and a
small `<script>`); inline in the page, the desk's Content-Security-Policy (no inline style or script)
blocks them and the chart turns into a black box (seen in Chromium). As an image, the SVG is its own
document: its styles apply, its scripts never run, and the page's policy (`img-src 'self' data:`)
stays as strict as it is. The table beside each chart carries the same numbers as text.
"""
from __future__ import annotations

import base64
import math
import threading
from dataclasses import dataclass

import pygal
from pygal.style import Style

FONT = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif'
STYLE = dict(background="#ffffff", plot_background="#ffffff", foreground="#1f2933", foreground_strong="#1f2933",
             foreground_subtle="#d9e2ec", font_family=FONT, label_font_family=FONT, major_label_font_family=FONT,
             value_font_family=FONT, title_font_family=FONT, legend_font_family=FONT, tooltip_font_family=FONT,
             title_font_size=18, label_font_size=13, major_label_font_size=13, legend_font_size=13)
COLORS = ("#1565c0", "#2e7d32", "#ef6c00", "#b71c1c", "#6a1b9a", "#00838f", "#5d4037", "#9e9d24")
GOOD, MILD, BAD = "#2e7d32", "#f9a825", "#c62828"  # e.g. present / excused / absent; on time / overdue
KINDS = {"bar": pygal.Bar, "stacked": pygal.StackedBar, "line": pygal.Line}


@dataclass(frozen=True)
class Chart:
    """What to draw: a title, the labels along the axis and one series of values per legend entry
    (None = no value, e.g. a month without a promised case)."""
    kind: str  # a key of KINDS
    title: str
    labels: list[str]
    series: dict[str, list[float | None]]
    percent: bool = False  # values are shares (0–1), shown as percentages
    colors: tuple[str, ...] = COLORS  # one per series, in order


def svg(chart: Chart) -> str:
    many = len(chart.series) > 1
    drawing = KINDS[chart.kind](
        style=Style(**STYLE, colors=chart.colors), width=720, height=360, explicit_size=True, title=chart.title, js=[], disable_xml_declaration=True,
        show_legend=many, legend_at_bottom=True,
        x_label_rotation=30 if len(chart.labels) > 6 else 0, truncate_label=-1,
        value_formatter=(lambda v: f"{v:.0%}") if chart.percent else (lambda v: f"{v:g}"),
        range=(0, 1) if chart.percent else None, include_x_axis=True, no_data_text="无数据", margin=16, dots_size=5)
    drawing.x_labels = chart.labels
    if not chart.percent:  # counts: whole-number ticks
        top = max([0, *(sum(v or 0 for v in column) if chart.kind == "stacked" else max(v or 0 for v in column)
                        for column in zip(*chart.series.values()))])
        step = max(1, math.ceil(top / 8))
        drawing.y_labels = list(range(0, top + step, step))
    for name, values in chart.series.items():
        drawing.add(name, values)
    return drawing.render(is_unicode=True)


def data_uri(chart: Chart) -> str:
    """The chart as an image address; the same figures are drawn once (pygal takes ≈ 0.1 s for a year of
    50 windows' rates: the statistics pages are opened again and again while their figures stay put)."""
    key = repr(chart)  # every field is plain data: the same repr, the same drawing
    with _LOCK:
        found = _DRAWN.get(key)
    if found is None:
        found = "data:image/svg+xml;base64," + base64.b64encode(svg(chart).encode("utf-8")).decode("ascii")
        with _LOCK:
            _DRAWN[key] = found
            while len(_DRAWN) > DRAWN_KEPT:
                _DRAWN.pop(next(iter(_DRAWN)))
    return found


DRAWN_KEPT = 128
_DRAWN: dict[str, str] = {}
_LOCK = threading.Lock()
