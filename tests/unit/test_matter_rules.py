"""Pure rules of matter requests: gaps all at once, bad input, who files, the transition table."""
from __future__ import annotations

from datetime import date

import pytest

from models.core.errors import InvalidInput, InvalidTransition, PolicyViolation, ValidationFailed
from models.matter.inputs import MatterKind, MatterStatus, Original, parse_request
from models.core.org import Role
from models.matter.machine import PROCEDURE, decision_event
from models.matter.rules import RequestFacts, guide_gaps, may_file, quarter_of, request_problems
from models.rules.permissions import Actor
from support.matters import sample

FACTS = RequestFacts(departments=frozenset({"rsj", "gaj"}), window_departments={"W01": "rsj", "W03": "gaj"})


def test_a_complete_guide_has_no_gap():
    assert guide_gaps(sample()) == []


def test_three_gaps_are_listed_together():
    gaps = [str(g) for g in guide_gaps(sample("with-gaps"))]
    assert gaps == ["办理依据：未填写", "申报材料第2项（就业困难人员认定申请表）：未写明规格/样式", "监督渠道：未填写"]


def test_a_material_without_name_or_form_gives_a_gap_for_each():
    form = sample(guide={"materials": [{"copies": 2}]})
    assert [str(g) for g in guide_gaps(form)] == ["申报材料第1项：未写明材料名称", "申报材料第1项：未写明规格/样式"]


def test_a_charged_fee_needs_its_standard_and_basis():
    form = sample(guide={"fees": {"charged": True}})
    assert [g.message for g in guide_gaps(form)] == ["收费事项未写明收费项目及标准", "收费事项未写明收费依据"]


def test_a_promised_matter_without_promised_days_has_a_gap():
    form = sample(guide={"time_limit": {"statutory_days": 15}})
    assert [str(g) for g in guide_gaps(form)] == ["办理时限：承诺件未写明承诺时限"]


def test_an_immediate_matter_needs_no_promised_days():
    form = sample("branch-window")
    assert form.kind == MatterKind.immediate and guide_gaps(form) == []


def _problems(form, **facts):
    return request_problems(form, RequestFacts(**{**FACTS.__dict__, **facts}))


def test_a_promise_longer_than_the_statutory_time_is_refused():
    problems = _problems(sample(guide={"time_limit": {"statutory_days": 5, "promised_days": 8}}))
    assert [(p.rule, p.field) for p in problems] == [("matter.promised_within_statutory", "办理时限.承诺时限")]


def test_an_immediate_matter_with_promised_days_is_refused():
    problems = _problems(sample(kind="即办件"))
    assert [p.rule for p in problems] == ["matter.immediate_has_no_promise"]


@pytest.mark.parametrize(("changes", "facts", "field", "words"), [
    ({"department": "xyz"}, {}, "申请部门编号", "找不到部门 xyz"),
    ({}, {"matter_status": MatterStatus.active, "matter_department": "rsj"}, "事项编码", "已存在（在办）"),
    ({"window": "W03"}, {}, "进驻窗口编号", "窗口 W03 不属于部门 rsj"),
    ({"window": "W99"}, {}, "进驻窗口编号", "找不到窗口 W99"),
    ({"branch": {"name": "车管所", "address": "外青松公路"}}, {}, "进驻窗口编号", "二者选一"),
    ({"scope": ["受理", "盖章"]}, {}, "窗口授权范围", "「盖章」无效"),
    ({"request": "change"}, {}, "事项编码", "找不到事项"),
])
def test_bad_input_names_the_field(changes, facts, field, words):
    problems = _problems(sample(**changes), **facts)
    assert len(problems) == 1 and problems[0].field == field and words in str(problems[0])


def test_a_cancel_for_a_matter_not_active_is_a_policy_violation():
    form = parse_request({"request": "取消", "code": "QP-RSJ-001", "department": "rsj", "reason": "法规废止"})
    problems = _problems(form, matter_status=MatterStatus.proposed, matter_department="rsj")
    assert [p.rule for p in problems] == ["matter.request_needs_active"] and "拟进驻" in str(problems[0])


def test_a_cancel_needs_a_reason():
    form = parse_request({"request": "cancel", "code": "QP-RSJ-001", "department": "rsj"})
    problems = _problems(form, matter_status=MatterStatus.active, matter_department="rsj")
    assert [p.field for p in problems] == ["申请理由"]


def test_a_matter_of_another_department_cannot_be_changed_by_it():
    form = sample(request="change", department="gaj", window="W03")
    problems = _problems(form, matter_status=MatterStatus.active, matter_department="rsj")
    assert [str(p) for p in problems] == ["申请部门编号: 事项 QP-RSJ-001 不属于部门 gaj"]


def test_an_exited_matter_may_be_onboarded_again():
    assert _problems(sample(), matter_status=MatterStatus.exited, matter_department="rsj") == []


@pytest.mark.parametrize(("actor", "allowed"), [
    (Actor(id="D-rsj", role=Role.department, department_id="rsj"), True),
    (Actor(id="D-gaj", role=Role.department, department_id="gaj"), False),
    (Actor(id="S0101", role=Role.head, window_id="W01", department_id="rsj"), False),
    (Actor(id="Q001", role=Role.district_office, department_id="zwb"), False),
])
def test_only_the_department_itself_files(actor, allowed):
    assert may_file(actor, "rsj")[0] is allowed


def test_labels_are_accepted_for_kinds_and_copies():
    form = sample(kind="即办件", guide={"materials": [{"name": "身份证", "form": "二代证", "original": "原件及复印件"}]})
    assert form.kind == MatterKind.immediate and form.guide.materials[0].original == Original.both


def test_every_structural_problem_of_a_file_is_listed_in_chinese():
    with pytest.raises(ValidationFailed) as failed:
        parse_request({"request": "进驻", "code": "a b", "department": "rsj",
                       "guide": {"materials": [{"name": "x", "copies": "两份"}], "colour": "红"}})
    assert [str(p) for p in failed.value.problems] == [
        "事项编码（code）: 只能包含字母、数字和 - _ .", "份数（guide.materials.0.copies）: 应为整数",
        "guide.colour: 未知字段"]


def test_a_single_structural_problem_is_an_invalid_input():
    with pytest.raises(InvalidInput, match="申请类型（request）: 取值「合并」无效"):
        parse_request({"request": "合并", "code": "A1", "department": "rsj"})


@pytest.mark.parametrize(("status", "event"), sorted(PROCEDURE.transitions))
def test_every_row_of_the_table_moves_to_its_target(status, event):
    assert PROCEDURE.next_status(status, event) == PROCEDURE.transitions[(status, event)]


def test_a_published_request_cannot_be_approved_again():
    with pytest.raises(InvalidTransition, match="不能对状态为「已更新清单并发布」的事项申请执行「批准」"):
        PROCEDURE.next_status("published", "approve")


@pytest.mark.parametrize(("step", "approve", "event"), [
    ("forward", True, "forward"), ("forward", False, "return"), ("review", True, "approve"), ("review", False, "reject")])
def test_the_decision_names_the_event(step, approve, event):
    assert decision_event(step, approve) == event


@pytest.mark.parametrize(("day", "quarter"), [(date(2026, 1, 5), (2026, 1)), (date(2026, 10, 8), (2026, 4)),
                                              (date(2026, 6, 30), (2026, 2))])
def test_the_review_quarter_of_a_day(day, quarter):
    assert quarter_of(day) == quarter


def test_policy_violations_are_refusals_not_overridable():
    problems = _problems(sample(guide={"time_limit": {"statutory_days": 1, "promised_days": 2}}))
    assert isinstance(problems[0], PolicyViolation) and not problems[0].overridable
