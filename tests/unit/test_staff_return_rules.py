"""The pure rules of a staff return: the transition table, the opening checks, the replacement, the handover."""
from __future__ import annotations

from datetime import date

import pytest

from models.core.errors import InvalidTransition
from models.staff_return.machine import STAFF_RETURN
from models.staff_return.rules import (ReturnGround, Subject, handover_target, letter_number, nomination_problems,
                                       open_problems)

ON_POST = Subject("S0102", found=True, on_post=True, window_person=True)


@pytest.mark.parametrize(("status", "event"), sorted(STAFF_RETURN.transitions))
def test_every_row_of_the_transition_table_is_allowed(status, event):
    assert STAFF_RETURN.next_status(status, event) == STAFF_RETURN.transitions[(status, event)]


def test_a_dismissed_return_cannot_be_confirmed():
    with pytest.raises(InvalidTransition, match="不能对状态为「不予退回」的窗口工作人员退回执行「决定退回」"):
        STAFF_RETURN.next_status("dismissed", "confirm")


def test_a_return_with_a_ground_and_a_note_has_no_problem():
    assert open_problems(ON_POST, [ReturnGround.discipline], {}, "多次无故离岗") == []


def test_a_second_return_for_the_same_person_is_refused_while_one_is_under_way():
    [problem] = open_problems(Subject("S0102", True, True, True, open_return="TH-2026-000001"),
                              [ReturnGround.service], {}, "说明")
    assert problem.rule == "staff_return.one_at_a_time"


def test_a_complaint_about_someone_else_is_refused_as_evidence():
    [problem] = open_problems(ON_POST, [ReturnGround.service], {"TS-1": ("complaint", "S0103", True)}, "")
    assert problem.field == "cases" and "不涉及 S0102" in problem.message


def test_the_complaints_ground_needs_a_substantiated_complaint_about_the_person():
    [problem] = open_problems(ON_POST, [ReturnGround.complaints], {"TS-1": ("complaint", "S0102", False)}, "")
    assert "三.3" in problem.message


def test_a_person_off_post_cannot_be_returned():
    [problem] = open_problems(Subject("S0102", True, on_post=False, window_person=True), [ReturnGround.service], {}, "x")
    assert problem.field == "staff_id"


def test_a_replacement_lacking_the_window_s_qualification_is_refused():
    [problem] = nomination_problems(staff_id="S0111", id_in_use=False, intern=False, arrival=date(2026, 11, 2),
                                    nominated_on=date(2026, 10, 20), required_qualification="企业登记审核资格",
                                    qualification="")
    assert problem.field == "qualification" and "一.4" in problem.message


def test_a_replacement_arriving_before_the_nomination_is_refused():
    [problem] = nomination_problems(staff_id="S0111", id_in_use=False, intern=False, arrival=date(2026, 10, 1),
                                    nominated_on=date(2026, 10, 20), required_qualification="", qualification="")
    assert problem.field == "arrival_date"


@pytest.mark.parametrize(("b_post", "on_post", "expected"), [("S0101", True, "S0101"), ("S0101", False, None),
                                                             (None, False, None)])
def test_work_items_go_to_the_b_post_on_post_or_else_to_the_window_head(b_post, on_post, expected):
    assert handover_target(b_post, on_post, "S0102") == expected


def test_the_letter_number_carries_the_year_and_the_sequence():
    assert letter_number(2026, 3) == "青行服退〔2026〕3号"
