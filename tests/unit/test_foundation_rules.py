"""Pure rules of the foundations: transitions, permissions, masking, decision forms."""
from __future__ import annotations

import pytest

from models.core.errors import InvalidInput, InvalidTransition
from models.core.forms import validate_decision
from models.core.org import Role
from models.core.procedures import Procedure
from models.rules.masking import mask_name, mask_phone, mask_text
from models.rules.permissions import Actor, Assignment, may_act

TABLE = Procedure(kind="t", label="请假申请", ref_prefix="T", initial="a",
                  transitions={("a", "go"): "b", ("b", "stop"): "c"},
                  status_labels={"a": "甲", "b": "乙", "c": "丙"}, event_labels={"go": "前进", "stop": "停止"})


@pytest.mark.parametrize(("status", "event", "expected"), [("a", "go", "b"), ("b", "stop", "c")])
def test_every_row_of_the_table_moves_to_its_target(status, event, expected):
    assert TABLE.next_status(status, event) == expected


def test_an_illegal_move_names_kind_status_and_event_in_chinese():
    with pytest.raises(InvalidTransition, match="不能对状态为「丙」的请假申请执行「前进」"):
        TABLE.next_status("c", "go")


HEAD_W01 = Actor(id="S0101", role=Role.head, window_id="W01")


@pytest.mark.parametrize(("actor", "assignment", "allowed"), [
    (HEAD_W01, Assignment(role=Role.head, window_id="W01"), True),
    (HEAD_W01, Assignment(role=Role.head, window_id="W02"), False),
    (Actor(id="S0102", role=Role.staff, window_id="W01"), Assignment(role=Role.head, window_id="W01"), False),
    (Actor(id="G001", role=Role.management), Assignment(role=Role.management), True),
    (Actor(id="T001", role=Role.complaint_window), Assignment(role=Role.management), False),
    (Actor(id="S0102", role=Role.staff, window_id="W01"), Assignment(role=Role.staff, staff_id="S0102"), True),
    (Actor(id="S0103", role=Role.staff, window_id="W01"), Assignment(role=Role.staff, staff_id="S0102"), False),
    (Actor(id="D-rsj", role=Role.department, department_id="rsj"), Assignment(role=Role.department, department_id="rsj"), True),
    (Actor(id="D-gaj", role=Role.department, department_id="gaj"), Assignment(role=Role.department, department_id="rsj"), False),
    (Actor(id="G001", role=Role.management, active=False), Assignment(role=Role.management), False),
])
def test_who_may_act(actor, assignment, allowed):
    assert may_act(actor, assignment)[0] is allowed


def test_phone_and_name_are_masked():
    assert (mask_phone("13812345678"), mask_name("张三丰")) == ("138****5678", "张**")


def test_phone_numbers_inside_text_are_masked():
    assert mask_text("投诉人电话13812345678，请回电") == "投诉人电话138****5678，请回电"


def test_a_refusal_without_a_reason_is_invalid():
    with pytest.raises(InvalidInput, match="理由"):
        validate_decision("approve", {"approve": False})


def test_an_unknown_field_in_a_decision_is_named():
    with pytest.raises(InvalidInput) as refused:
        validate_decision("approve", {"approve": True, "colour": "red"})
    assert refused.value.field == "colour"
