"""The roll call (学习培训制度 三): present, excused in advance, absent without reason; the figures."""
from __future__ import annotations

from datetime import datetime

from models.core.errors import PolicyViolation
from models.core.org import Role
from models.training.rules import (Attendance, Figures, excuse_errors, figures, may_organise, roll_call, roll_call_errors,
                                   session_errors)

START = datetime(2026, 10, 15, 14, 0)


def test_the_roll_call_marks_present_excused_and_absent():
    assert roll_call(expected=["S1", "S2", "S3"], present={"S1"}, excused={"S2"}) == {
        "S1": Attendance.present, "S2": Attendance.excused, "S3": Attendance.absent}


def test_present_wins_over_an_earlier_excuse():
    assert roll_call(expected=["S1"], present={"S1"}, excused={"S1"}) == {"S1": Attendance.present}


def test_leave_asked_before_the_session_is_accepted():
    assert excuse_errors(requested_at=datetime(2026, 10, 15, 9, 0), starts_at=START, expected=True) == []


def test_leave_asked_once_the_session_has_begun_is_refused():
    [error] = excuse_errors(requested_at=START, starts_at=START, expected=True)
    assert isinstance(error, PolicyViolation) and error.rule == "training.excuse_in_advance"


def test_a_window_head_cannot_organise_for_a_section():
    assert may_organise(Role.head, Role.it_section) == (False, "只有信息技术科或窗口管理科可以办理")


def test_the_management_section_may_arrange_another_sections_session():
    assert may_organise(Role.management, Role.it_section) == (True, "")


def test_a_session_without_topic_people_or_a_sensible_time_lists_every_problem():
    problems = session_errors(topic=" ", starts_at=START, ends_at=START, organiser=Role.head, expected=0, now=START)
    assert [p.field for p in problems] == ["开始时间", "主题", "结束时间", "组织科室", "参加人员"]


def test_figures_count_each_kind_of_attendance_and_the_rate():
    result = figures([("W01", Attendance.present), ("W01", Attendance.absent), ("W01", Attendance.present),
                      ("W02", Attendance.excused)])
    assert result == {"W01": Figures(3, 2, 0, 1), "W02": Figures(1, 0, 1, 0)} and result["W01"].rate == 2 / 3


def test_the_roll_call_form_takes_staff_numbers_separated_as_people_type_them():
    from models.training.inputs import RollCallForm

    assert RollCallForm(present="S0201， S0202、S0203 S0201").present == "S0201,S0202,S0203"


def test_the_management_sections_own_roll_call_deducts_at_once():
    from models.training.rules import roll_call_event

    assert roll_call_event(Role.management, absent=2) == "roll_call"


def test_another_sections_roll_call_with_absences_goes_to_the_management_section():
    from models.training.rules import roll_call_event

    assert (roll_call_event(Role.it_section, absent=1), roll_call_event(Role.it_section, absent=0)) == (
        "roll_call_for_review", "roll_call")


def test_a_roll_call_is_taken_once_the_session_has_begun():
    """学习培训制度 三.1 (issue 28 defect 7)."""
    start = datetime(2026, 10, 15, 14)
    early = roll_call_errors(expected=["S0201"], present=["S0201"], called_at=datetime(2026, 10, 13, 14), starts_at=start)
    assert [e.rule for e in early] == ["training.roll_call_after_start"] and "三.1" in str(early[0])
    assert roll_call_errors(expected=["S0201"], present=["S0201"], called_at=start, starts_at=start) == []
