"""The leave procedure's transition table, row by row, and the choice of the next step."""
from __future__ import annotations

import pytest

from models.core.errors import InvalidTransition
from models.leave.machine import (HEAD_REVIEW, LEAVE, MANAGEMENT_REVIEW, MATERIALS, REGISTERED, REGISTRATION,
                                      REJECTED, SUBMITTED, WITHDRAWN, LeaveFacts, next_event,
                                      status_label)

TABLE = [
    (SUBMITTED, "to_head", HEAD_REVIEW),
    (SUBMITTED, "await_materials", MATERIALS),
    (SUBMITTED, "record", REGISTRATION),
    (SUBMITTED, "withdraw", WITHDRAWN),
    (MATERIALS, "to_management", MANAGEMENT_REVIEW),
    (MATERIALS, "record", REGISTRATION),
    (MATERIALS, "withdraw", WITHDRAWN),
    (HEAD_REVIEW, "to_management", MANAGEMENT_REVIEW),
    (HEAD_REVIEW, "await_materials", MATERIALS),
    (HEAD_REVIEW, "reject", REJECTED),
    (HEAD_REVIEW, "withdraw", WITHDRAWN),
    (MANAGEMENT_REVIEW, "approve", REGISTRATION),
    (MANAGEMENT_REVIEW, "reject", REJECTED),
    (MANAGEMENT_REVIEW, "withdraw", WITHDRAWN),
    (REGISTRATION, "register", REGISTERED),
]


@pytest.mark.parametrize("status, event, target", TABLE)
def test_each_row_of_the_transition_table(status, event, target):
    assert LEAVE.next_status(status, event) == target


def test_the_table_has_no_other_row():
    assert set(LEAVE.transitions) == {(s, e) for s, e, _ in TABLE}


@pytest.mark.parametrize("status", [REGISTRATION, REGISTERED, REJECTED, WITHDRAWN])
def test_no_withdrawal_after_the_final_decision(status):
    with pytest.raises(InvalidTransition, match=f"不能对状态为「{LEAVE.status_label(status)}」的请假申请执行「撤回」"):
        LEAVE.next_status(status, "withdraw")


def test_every_status_and_event_has_a_chinese_label():
    statuses = {s for s, _ in LEAVE.transitions} | set(LEAVE.transitions.values())
    events = {e for _, e in LEAVE.transitions}
    assert statuses <= set(LEAVE.status_labels) and events <= set(LEAVE.event_labels)


@pytest.mark.parametrize("facts, event", [
    (LeaveFacts(SUBMITTED, needs_form=True), "to_head"),
    (LeaveFacts(SUBMITTED, needs_form=True, missing=("医院证明（复印件）",)), "to_head"),
    (LeaveFacts(SUBMITTED, needs_form=False), "record"),
    (LeaveFacts(SUBMITTED, needs_form=False, missing=("相关证明",)), "await_materials"),
    (LeaveFacts(MATERIALS, needs_form=False, missing=("相关证明",)), None),
    (LeaveFacts(MATERIALS, needs_form=False), "record"),
    (LeaveFacts(MATERIALS, needs_form=True, head_decision=True), "to_management"),
    (LeaveFacts(HEAD_REVIEW, needs_form=True), None),
    (LeaveFacts(HEAD_REVIEW, needs_form=True, head_decision=False), "reject"),
    (LeaveFacts(HEAD_REVIEW, needs_form=True, head_decision=True), "to_management"),
    (LeaveFacts(HEAD_REVIEW, needs_form=True, head_decision=True, missing=("医院证明（复印件）",)), "await_materials"),
    (LeaveFacts(MANAGEMENT_REVIEW, needs_form=True, head_decision=True), None),
    (LeaveFacts(MANAGEMENT_REVIEW, needs_form=True, head_decision=True, management_decision=True), "approve"),
    (LeaveFacts(MANAGEMENT_REVIEW, needs_form=True, head_decision=True, management_decision=False), "reject"),
    (LeaveFacts(REGISTRATION, needs_form=True), None),
    (LeaveFacts(REGISTRATION, needs_form=True, registered=True), "register"),
    (LeaveFacts(REGISTERED, needs_form=True, registered=True), None),
    (LeaveFacts(REJECTED, needs_form=True, head_decision=False), None),
])
def test_the_next_step(facts, event):
    assert next_event(facts) == event


def test_an_approved_leave_reads_as_approved_while_it_waits_for_registration():
    assert status_label(REGISTRATION, approved=True) == "已批准（待登记考勤）"
    assert status_label(REGISTERED, approved=True) == "已批准（已登记考勤）"
    assert status_label(REGISTRATION, approved=False) == "待登记考勤"  # a half-day leave: registered, not approved
    assert status_label(HEAD_REVIEW, approved=True) == "待窗口负责人审核签字"
