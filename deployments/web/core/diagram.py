"""A procedure's diagram: its states and transitions (models/<p>/machine.py, the `Procedure`) with their
Chinese labels, laid out by grandalf (Sugiyama layers) once per procedure and drawn as SVG on the server,
the path a case has taken and its current step marked per request. The send-back paths a machine declares
(退回修改, models/core/procedures.py SendBack) are drawn dashed, back to where the correction is made.

Inline `<svg>` in the page, drawn with presentation attributes only (no `<style>`, no script), so the
desk's Content-Security-Policy (deployments/web/core/app.py PAGE_CSP) holds as it is. Every label is
escaped: text is data, never markup.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html import escape

from grandalf.graphs import Edge, Graph, Vertex
from grandalf.layouts import SugiyamaLayout
from markupsafe import Markup

from models.core.procedures import SEND_BACK
from models.procedures import get_procedure

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif"
FONT_SIZE, LABEL_SIZE = 13, 11
BOX_HEIGHT, PADDING, MARGIN, LOOP = 30, 12, 16, 26
INK, MUTED, TAKEN, CURRENT = "#1f2933", "#9aa5b1", "#1565c0", "#ef6c00"
SENT_BACK = "#8e24aa"  # the dashed send-back paths
SEND_BACK_LABEL = "退回修改"


def text_width(text: str, size: float) -> float:
    """About how wide `text` is drawn: a CJK character a full em, anything else about half of one."""
    return sum(size if ord(ch) > 0x2e80 else size * 0.55 for ch in text)


@dataclass(frozen=True)
class Box:
    state: str
    label: str
    x: float  # centre
    y: float
    width: float
    final: bool


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    events: tuple[str, ...]
    label: str
    points: tuple[tuple[float, float], ...]  # from the source's border to the target's (empty: a loop)
    label_left: bool = False  # the label left of the line (the way back of two states linked both ways)
    send_back: bool = False  # a declared send-back path (退回修改), not a transition


@dataclass(frozen=True)
class Layout:
    kind: str
    label: str
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]
    width: float
    height: float


@dataclass(frozen=True)
class Marks:
    """What one case adds to its procedure's diagram: the transitions it went through and where it is."""

    taken: frozenset[tuple[str, str]] = frozenset()  # (from status, event)
    visited: frozenset[str] = frozenset()
    current: str | None = None


def marks_of(kind: str, history: Iterable, current: str) -> Marks:
    """The path from the case's audit history: each event that moved it along a declared transition
    (from_status, action → to_status); actions keeping the status, or restated ones, are not moves."""
    procedure = get_procedure(kind)
    taken = {(e.from_status, e.action) for e in history
             if e.from_status and procedure.transitions.get((e.from_status, e.action)) == e.to_status}
    visited = {procedure.initial, current, *(procedure.transitions[t] for t in taken), *(s for s, _ in taken)}
    return Marks(frozenset(taken), frozenset(visited), current)


class _View:
    def __init__(self, width: float = 0, height: float = 0):
        self.w, self.h, self.xy, self.points = width, height, (0.0, 0.0), []

    def setpath(self, points):
        self.points = points


def _clip(centre, width, towards):
    """Where the segment from a box's centre towards a point leaves the box."""
    (x, y), (tx, ty) = centre, towards
    dx, dy = tx - x, ty - y
    if dx == dy == 0:
        return centre
    scale = min(width / 2 / abs(dx) if dx else float("inf"), BOX_HEIGHT / 2 / abs(dy) if dy else float("inf"))
    return (x + dx * scale, y + dy * scale)


def _pairs(procedure) -> list[tuple[tuple[str, str], str]]:
    """((source, event), target) of every transition, then of every declared send-back path along no
    transition (one along a transition is drawn beside it: `_beside`)."""
    moves = {(s, t) for (s, _), t in procedure.transitions.items()}
    return [*procedure.transitions.items(), *(((source, SEND_BACK), target)
                                              for source, target in procedure.send_back_paths()
                                              if (source, target) not in moves)]


def _beside(procedure, arrows: list[Arrow]) -> list[Arrow]:
    """A send-back path along a transition: its own dashed line drawn a little apart from it."""
    drawn = {(a.source, a.target): a for a in arrows}
    extra = []
    for source, target in procedure.send_back_paths():
        along = drawn.get((source, target))
        if along is not None and not along.send_back:
            points = tuple((x + (12 if along.points else 0), y) for x, y in along.points)
            extra.append(Arrow(source, target, (SEND_BACK,), SEND_BACK_LABEL, points, not along.label_left, True))
    return extra


def _states(procedure) -> list[str]:
    found = [procedure.initial]
    for (source, _), target in procedure.transitions.items():
        found += [s for s in (source, target) if s not in found]
    return found


@cache
def layout(kind: str) -> Layout:
    """The procedure's diagram laid out (no case in it): computed once per procedure."""
    procedure = get_procedure(kind)
    grouped: dict[tuple[str, str], list[str]] = {}
    for (source, event), target in _pairs(procedure):
        grouped.setdefault((source, target), []).append(event)
    states = _states(procedure)
    vertices = {s: Vertex(s) for s in states}
    width = {s: text_width(procedure.status_label(s), FONT_SIZE) + 2 * PADDING for s in states}
    for state, vertex in vertices.items():  # room for a loop and its label on either side, the box centred
        loop = "、".join(SEND_BACK_LABEL if e == SEND_BACK else procedure.event_labels.get(e, e)
                        for e in grouped.get((state, state), ()))
        vertex.view = _View(width[state] + (2 * (LOOP + 8 + text_width(loop, LABEL_SIZE)) if loop else 0), BOX_HEIGHT)
    edges = {}
    for source, target in grouped:
        if source != target:
            edges[(source, target)] = Edge(vertices[source], vertices[target])
            edges[(source, target)].view = _View()
    graph = Graph(list(vertices.values()), list(edges.values()))
    left = 0.0
    for component in graph.C:  # each part side by side
        sugiyama = SugiyamaLayout(component)
        sugiyama.xspace, sugiyama.yspace = 40, 56
        sugiyama.init_all()
        sugiyama.draw()
        members = list(component.sV)
        low = min(v.view.xy[0] - v.view.w / 2 for v in members)
        for v in members:
            v.view.xy = (v.view.xy[0] - low + left, v.view.xy[1])
        for e in component.sE:
            e.view.points = [(x - low + left, y) for x, y in e.view.points]
        left = max(v.view.xy[0] + v.view.w / 2 for v in members) + 40
    boxes = tuple(Box(s, procedure.status_label(s), *vertices[s].view.xy, width[s], s in procedure.final)
                  for s in states)
    centre = {b.state: b for b in boxes}
    arrows = []
    for (source, target), events in grouped.items():
        label = "、".join(SEND_BACK_LABEL if e == SEND_BACK else procedure.event_labels.get(e, e) for e in events)
        sent_back = events == [SEND_BACK]
        if source == target:
            arrows.append(Arrow(source, target, tuple(events), label, (), send_back=sent_back))
            continue
        points = list(edges[(source, target)].view.points) or [(centre[source].x, centre[source].y),
                                                                (centre[target].x, centre[target].y)]
        first = (centre[source].x, centre[source].y)
        if abs(points[0][0] - first[0]) + abs(points[0][1] - first[1]) > 1:  # laid out the other way round
            points.reverse()
        back = (target, source) in grouped and source > target  # both ways: keep the two apart
        if (target, source) in grouped:
            points = [(x + (-6 if back else 6), y) for x, y in points]
        points[0] = _clip(points[0], centre[source].width, points[1])
        points[-1] = _clip(points[-1], centre[target].width, points[-2])
        arrows.append(Arrow(source, target, tuple(events), label, tuple(points), back, sent_back))
    return _framed(kind, procedure.label, boxes, arrows + _beside(procedure, arrows))


def _label_anchor(arrow: Arrow, boxes: dict[str, Box]) -> tuple[float, float]:
    if not arrow.points:
        box = boxes[arrow.source]
        return box.x + box.width / 2 + LOOP + 4, box.y + 4
    middle = len(arrow.points) // 2
    (x1, y1), (x2, y2) = arrow.points[middle - 1], arrow.points[middle]
    x = (x1 + x2) / 2 + (-4 - text_width(arrow.label, LABEL_SIZE) if arrow.label_left else 4)
    return x, (y1 + y2) / 2 + 4


def _framed(kind: str, label: str, boxes: tuple[Box, ...], arrows: list[Arrow]) -> Layout:
    """The layout moved into a frame holding every box and every label, with a margin."""
    by_state = {b.state: b for b in boxes}
    xs = [b.x - b.width / 2 for b in boxes] + [b.x + b.width / 2 for b in boxes]
    ys = [b.y - BOX_HEIGHT / 2 for b in boxes] + [b.y + BOX_HEIGHT / 2 for b in boxes]
    for arrow in arrows:
        x, y = _label_anchor(arrow, by_state)
        xs += [x, x + text_width(arrow.label, LABEL_SIZE)]
        ys += [y - LABEL_SIZE, y]
        xs += [p[0] for p in arrow.points]
        ys += [p[1] for p in arrow.points]
    dx, dy = MARGIN - min(xs), MARGIN - min(ys)
    moved = tuple(Box(b.state, b.label, b.x + dx, b.y + dy, b.width, b.final) for b in boxes)
    shifted = tuple(Arrow(a.source, a.target, a.events, a.label, tuple((x + dx, y + dy) for x, y in a.points),
                          a.label_left, a.send_back) for a in arrows)
    return Layout(kind, label, moved, shifted, max(xs) - min(xs) + 2 * MARGIN, max(ys) - min(ys) + 2 * MARGIN)


def _arrow_head(tip, before, colour) -> str:
    (x2, y2), (x1, y1) = tip, before
    length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1e-6)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    left = (x2 - 9 * ux + 4 * uy, y2 - 9 * uy - 4 * ux)
    right = (x2 - 9 * ux - 4 * uy, y2 - 9 * uy + 4 * ux)
    return f'<polygon points="{x2:.1f},{y2:.1f} {left[0]:.1f},{left[1]:.1f} {right[0]:.1f},{right[1]:.1f}" fill="{colour}"/>'


def _arrow_svg(arrow: Arrow, boxes: dict[str, Box], taken: bool) -> str:
    colour, width = (TAKEN, 2.5) if taken else (SENT_BACK, 1.2) if arrow.send_back else (MUTED, 1.2)
    dash = ' stroke-dasharray="6 4"' if arrow.send_back else ""
    if arrow.points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in arrow.points)
        line = (f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}/>'
                + _arrow_head(arrow.points[-1], arrow.points[-2], colour))
    else:  # a transition keeping the status: a loop on the box's right
        box = boxes[arrow.source]
        x, y = box.x + box.width / 2, box.y
        line = (f'<path d="M{x:.1f},{y - 7:.1f} C{x + LOOP:.1f},{y - 18:.1f} {x + LOOP:.1f},{y + 18:.1f} '
                f'{x + 2:.1f},{y + 7:.1f}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}/>'
                + _arrow_head((x, y + 7), (x + 8, y + 11), colour))
    lx, ly = _label_anchor(arrow, boxes)
    kind = "send-back" if arrow.send_back else "transition"
    return (f'<g class="{kind}" data-from="{escape(arrow.source)}" data-to="{escape(arrow.target)}"'
            f' data-taken="{str(taken).lower()}">{line}<text x="{lx:.1f}" y="{ly:.1f}" font-size="{LABEL_SIZE}"'
            f' fill="{TAKEN if taken else INK}" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
            f'{escape(arrow.label)}</text></g>')


def _box_svg(box: Box, marks: Marks) -> str:
    current, visited = box.state == marks.current, box.state in marks.visited
    fill, stroke, width = ("#fff3e0", CURRENT, 3) if current else ("#e3f2fd", TAKEN, 1.5) if visited \
        else ("#ffffff", MUTED, 1)
    x, y = box.x - box.width / 2, box.y - BOX_HEIGHT / 2
    outline = f'<rect x="{x:.1f}" y="{y:.1f}" width="{box.width:.1f}" height="{BOX_HEIGHT}" rx="{15 if box.final else 4}"' \
              f' fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
    return (f'<g class="state" data-state="{escape(box.state)}" data-current="{str(current).lower()}"'
            f' data-visited="{str(visited).lower()}">{outline}<text x="{box.x:.1f}" y="{box.y + 4.5:.1f}"'
            f' text-anchor="middle" font-size="{FONT_SIZE}" fill="{INK}"'
            f' font-weight="{"bold" if current else "normal"}">{escape(box.label)}</text></g>')


def diagram_svg(kind: str, marks: Marks = Marks()) -> Markup:
    """The procedure's diagram as inline SVG, the case's marks (if any) applied to the cached layout."""
    drawn = layout(kind)
    boxes = {b.state: b for b in drawn.boxes}
    title = f"{drawn.label}流程图" + (f"，当前步骤：{boxes[marks.current].label}" if marks.current in boxes else "")
    parts = [_arrow_svg(a, boxes, any((a.source, e) in marks.taken for e in a.events)) for a in drawn.arrows]
    parts += [_box_svg(b, marks) for b in drawn.boxes]
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" role="img" width="{drawn.width:.0f}"'
        f' height="{drawn.height:.0f}" viewBox="0 0 {drawn.width:.0f} {drawn.height:.0f}"'
        f' font-family="{FONT}" data-kind="{escape(kind)}"><title>{escape(title)}</title>{"".join(parts)}</svg>')
