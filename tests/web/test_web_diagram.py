"""The procedure's diagram (issue 29, item 6): every procedure drawn from its machine with its states
and labelled transitions, a case's path and current step marked on its page, and 流程说明 listing
every procedure with its diagram and the clauses it implements."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from deployments.web.core.diagram import Marks, diagram_svg, layout, marks_of
from deployments.web.core.procedure_guide import citations, regulation_titles
from models.core.cases import AuditEvent
from models.procedures import PROCEDURES, get_procedure

ISSUE_29_DEFECTS = (6,)  # counted in the reliability summary when these tests pass

SVG = "{http://www.w3.org/2000/svg}"
KINDS = [spec.kind for spec in PROCEDURES if spec.kind != "sample"]


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def states_of(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("data-state"): g for g in root.iter(f"{SVG}g") if g.get("class") == "state"}


def arrows_of(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    return {(g.get("data-from"), g.get("data-to")): g for g in root.iter(f"{SVG}g") if g.get("class") == "transition"}


def svg_in(page: str) -> ET.Element:
    return parsed(re.search(r"<svg .*?</svg>", page, re.S).group(0))


@pytest.mark.parametrize("kind", KINDS)
def test_every_state_and_transition_is_drawn_with_its_chinese_label_and_the_current_one_highlighted(kind):
    procedure = get_procedure(kind)
    states = {procedure.initial, *(s for s, _ in procedure.transitions), *procedure.transitions.values()}
    for current in states:
        root = parsed(diagram_svg(kind, Marks(current=current)))
        drawn = states_of(root)
        assert set(drawn) == states
        for state, g in drawn.items():
            assert g.find(f"{SVG}text").text == procedure.status_label(state)
            assert g.get("data-current") == str(state == current).lower()
        highlighted = drawn[current].find(f"{SVG}rect")
        assert highlighted.get("stroke-width") == "3"
        assert all(g.find(f"{SVG}rect").get("stroke-width") != "3" for s, g in drawn.items() if s != current)
        assert procedure.status_label(current) in root.find(f"{SVG}title").text
    arrows = arrows_of(root)
    assert set(arrows) == {(s, t) for (s, _), t in procedure.transitions.items()}
    for (source, event), target in procedure.transitions.items():
        assert procedure.event_labels[event] in arrows[(source, target)].find(f"{SVG}text").text
    assert "Noto Sans CJK SC" in root.get("font-family") and root.get("font-family").endswith("sans-serif")


@pytest.mark.parametrize("kind", KINDS)
def test_the_layout_keeps_every_box_inside_the_picture_and_apart_from_the_others(kind):
    drawn = layout(kind)
    for box in drawn.boxes:
        assert 0 <= box.x - box.width / 2 and box.x + box.width / 2 <= drawn.width
        assert 0 <= box.y - 15 and box.y + 15 <= drawn.height
    for a in drawn.boxes:
        for b in drawn.boxes:
            if a is not b:
                assert abs(a.x - b.x) >= (a.width + b.width) / 2 or abs(a.y - b.y) >= 30, (a.label, b.label)


def test_the_path_taken_is_read_from_the_history_and_drawn():
    """Only the history's moves along a declared transition mark the path: an action keeping the status
    (from_status empty) or an event the table does not know marks nothing."""
    history = [AuditEvent(case_ref="QJ", actor="S0101", action="open", to_status="submitted"),
               AuditEvent(case_ref="QJ", actor="S0101", action="to_head", from_status="submitted", to_status="head_review"),
               AuditEvent(case_ref="QJ", actor="S0101", action="attach"),
               AuditEvent(case_ref="QJ", actor="S0102", action="to_management", from_status="head_review",
                          to_status="management_review")]
    marks = marks_of("leave", history, "management_review")
    assert marks.taken == {("submitted", "to_head"), ("head_review", "to_management")}
    assert marks.visited == {"submitted", "head_review", "management_review"}
    root = parsed(diagram_svg("leave", marks))
    taken = {pair for pair, g in arrows_of(root).items() if g.get("data-taken") == "true"}
    assert taken == {("submitted", "head_review"), ("head_review", "management_review")}
    visited = {s for s, g in states_of(root).items() if g.get("data-visited") == "true"}
    assert visited == {"submitted", "head_review", "management_review"}


def test_the_case_page_shows_its_procedure_diagram_with_its_path_and_current_step(as_):
    from web.web_desk import sample_case

    ref, _ = sample_case()
    response = as_("S0101").get(f"/cases/{ref}")
    assert response.status_code == 200 and "办理流程" in response.text
    root = svg_in(response.text)
    states = states_of(root)
    assert set(states) == {"opened", "review", "approved", "rejected", "withdrawn"}  # the sample machine's states
    assert [s for s, g in states.items() if g.get("data-current") == "true"] == ["review"]
    assert {pair for pair, g in arrows_of(root).items() if g.get("data-taken") == "true"} == {("opened", "review")}
    # inline SVG drawn with attributes only: the page's policy allows no inline style or script
    assert root.find(f".//{SVG}style") is None and root.find(f".//{SVG}script") is None
    assert "style-src" not in response.headers["content-security-policy"]


def test_the_procedures_page_lists_every_procedure_with_its_diagram_and_clauses(as_):
    response = as_("S0102").get("/procedures")
    assert response.status_code == 200
    page = response.text
    assert 'href="/procedures"' in page  # in the menu (查询), for everyone
    drawn = {m for m in re.findall(r'<svg [^>]*data-kind="([a-z_]+)"', page)}
    assert drawn == set(KINDS)
    for kind in KINDS:
        assert get_procedure(kind).label in page
    for cited in ("窗口工作人员考勤办法", "二(二)2", "窗口工作人员AB岗工作制度", "IT设备使用管理规定", "窗口巡查制度"):
        assert cited in page, cited


def test_a_citation_names_a_regulation_of_the_text_and_only_one():
    text = "考勤办法 二(二)2; 投诉处置规定 三(三)3, 三(一)2; 按规定扣分; 法规制度"
    assert citations(text, regulation_titles()) == {"窗口工作人员考勤办法": ["二(二)2"],
                                                    "窗口投诉(差评)处置规定": ["三(三)3", "三(一)2"]}
