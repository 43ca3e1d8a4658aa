"""Checks on a leave application and on a Saturday cover entry: A/B posts (AB岗工作制度 1, 2, 8),
overlaps, filed afterwards (考勤办法 二(二)2(3)), 调休 (考勤办法 二(一)5), every problem at once."""
from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from models.core.calendar import base_years
from models.core.errors import InvalidInput, PermissionDenied, PolicyViolation
from models.core.org import Role
from models.leave.rules import (Absence, CoverWindow, Half, Person, Span, check_application, check_may_apply,
                               check_saturday_cover, check_span, whole_days)
from models.rules.workdays import WorkdayCalendar

CAL = WorkdayCalendar(days_off=set(chinese_calendar.constants.holidays),
                      makeup_workdays=set(chinese_calendar.constants.workdays), covered_years=base_years())
A = Person("S0103", "李娜", "W01", Role.staff, True, b_post_id="S0104")
B = Person("S0104", "刘洋", "W01", Role.staff, True, b_post_id="S0103")
HEAD = Person("S0101", "张伟", "W01", Role.head, True)
OTHER_WINDOW = Person("S0202", "孙悦", "W02", Role.staff, True)
SPAN = whole_days(date(2026, 3, 9), date(2026, 3, 11))


def problems(**overrides):
    values = dict(applicant=A, span=SPAN, reason="发烧", begun=False, late_explanation="", substitute=B,
                  cover_name="", colleagues=9, absences=[], calendar=CAL)
    return check_application(**{**values, **overrides})


def rules(found) -> list[str]:
    return [p.rule for p in found]


def test_a_complete_application_passes():
    assert problems() == []


def test_the_window_head_may_apply_for_a_member_of_their_window():
    check_may_apply(HEAD, A)


def test_a_colleague_may_not_apply_for_someone_else():
    with pytest.raises(PermissionDenied):
        check_may_apply(B, A)


def test_an_end_before_the_start_is_refused_naming_the_end():
    [problem] = check_span(Span(date(2026, 3, 9), Half.pm, date(2026, 3, 9), Half.am), 0, CAL, frozenset())
    assert (problem.field, problem.rule) == ("结束时间", "leave.span_order")


def test_half_day_leave_on_a_day_off_is_refused():
    [problem] = check_span(Span(date(2026, 10, 3), Half.am, date(2026, 10, 3), Half.am), 0, CAL, frozenset())
    assert (problem.field, problem.rule) == ("开始时间", "leave.half_day_on_day_off")


def test_leave_on_a_compensating_day_off_is_not_needed():
    day = date(2026, 3, 10)
    [problem] = check_span(whole_days(day, day), 0, CAL, frozenset({day}))
    assert problem.rule == "leave.day_in_lieu"


def test_a_substitute_from_another_window_is_refused():
    assert rules(problems(substitute=OTHER_WINDOW)) == ["ab.same_window"]


def test_a_substitute_who_is_not_at_work_is_refused():
    assert rules(problems(substitute=Person("S0104", "刘洋", "W01", Role.staff, False))) == ["ab.substitute_active"]


def test_an_intern_does_not_cover_as_b_post():
    """进出管理制度 二.3: 原则上不允许实习生单独受理业务 (the one B-post rule, models/rules/ab_posts.py)."""
    [problem] = problems(substitute=Person("S0109", "周实", "W01", Role.intern, True))
    assert (problem.field, problem.rule) == ("替岗人员", "ab.b_post_role") and "实习生" in problem.message


def test_a_substitute_absent_at_an_overlapping_time_is_refused():
    absent = Absence("请假 QJ-2026-000009", "S0104", Span(date(2026, 3, 11), Half.pm, date(2026, 3, 12), Half.pm))
    [problem] = problems(absences=[absent])
    assert isinstance(problem, PolicyViolation) and (problem.field, problem.rule) == ("替岗人员", "ab.not_both_absent")


def test_a_substitute_on_a_compensating_day_off_is_absent_too():
    lieu = Absence("调休", "S0104", whole_days(date(2026, 3, 10), date(2026, 3, 10)), is_leave=False)
    assert rules(problems(absences=[lieu])) == ["ab.not_both_absent"]


def test_the_b_post_of_a_colleague_on_leave_may_not_be_absent_at_the_same_time():
    covering = Absence("请假 QJ-2026-000007", "S0105", whole_days(date(2026, 3, 11), date(2026, 3, 13)),
                       substitute_id="S0103")
    [problem] = problems(absences=[covering])
    assert (problem.field, problem.rule) == ("请假时间", "ab.not_both_absent")


def test_absences_meeting_only_on_a_weekend_are_no_conflict():
    absent = Absence("请假 QJ-2026-000009", "S0104", whole_days(date(2026, 3, 7), date(2026, 3, 8)))
    assert problems(span=whole_days(date(2026, 3, 6), date(2026, 3, 9)), absences=[absent]) == []


def test_overlapping_requests_by_the_same_person_are_refused():
    own = Absence("请假 QJ-2026-000003", "S0103", Span(date(2026, 3, 11), Half.pm, date(2026, 3, 11), Half.pm))
    assert rules(problems(absences=[own])) == ["leave.overlap"]


def test_a_one_person_window_must_name_cover_sent_by_the_department():
    [problem] = problems(substitute=None, colleagues=0)
    assert (problem.field, problem.rule) == ("顶岗人员", "ab.one_person_cover")


def test_a_one_person_window_with_cover_from_the_department_passes():
    assert problems(substitute=None, colleagues=0, cover_name="民政局 陈华") == []


def test_leave_already_begun_needs_an_explanation():
    assert rules(problems(begun=True)) == ["leave.late_explanation"]


def test_every_problem_is_listed_at_once():
    found = problems(reason=" ", begun=True, substitute=OTHER_WINDOW)
    assert rules(found) == ["leave.reason", "leave.late_explanation", "ab.same_window"]


W03 = CoverWindow("W03", "户政出入境窗口", "S0301", True)
ZHU = Person("S0301", "朱丽", "W03", Role.head, True, "S0302")
HU = Person("S0302", "胡军", "W03", Role.staff, True, "S0301")


def cover_problems(**overrides):
    values = dict(actor=ZHU, window=W03, staff=HU, saturday=date(2026, 3, 7), day_off=date(2026, 3, 10),
                  absences=[], calendar=CAL)
    return check_saturday_cover(**{**values, **overrides})


def test_a_saturday_and_a_working_day_off_pass():
    assert cover_problems() == []


def test_only_the_window_head_records_saturday_cover():
    with pytest.raises(PermissionDenied):
        cover_problems(actor=HU)


def test_a_make_up_saturday_is_a_working_day_not_saturday_cover():
    assert [p.rule for p in cover_problems(saturday=date(2026, 2, 14))] == ["attendance.saturday"]


def test_saturday_cover_only_at_windows_open_on_saturdays():
    window = CoverWindow("W03", "户政出入境窗口", "S0301", False)
    assert [p.rule for p in cover_problems(window=window)] == ["attendance.saturday_window"]


def test_the_day_off_must_be_a_working_day():
    assert [p.rule for p in cover_problems(day_off=date(2026, 10, 5))] == ["attendance.day_off"]


def test_the_b_post_may_not_be_absent_on_the_day_off():
    absent = Absence("请假 QJ-2026-000002", "S0301", whole_days(date(2026, 3, 9), date(2026, 3, 11)))
    assert [p.rule for p in cover_problems(absences=[absent])] == ["ab.not_both_absent"]


def test_errors_name_their_field():
    [problem] = cover_problems(staff=OTHER_WINDOW)
    assert isinstance(problem, InvalidInput) and problem.field == "工作人员"
