"""Checks on a leave application and on a Saturday cover (调休) entry: every problem at once.

Pure: the people, the absences and the calendar are passed in as plain values.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.core.errors import CenterError, InvalidInput, PermissionDenied, PolicyViolation
from models.rules.roles import Role
from models.rules.leave import Span, is_well_ordered, overlap_days, whole_days
from models.rules.workdays import WorkdayCalendar


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    window_id: str | None
    role: Role
    active: bool
    b_post_id: str | None = None


@dataclass(frozen=True)
class Absence:
    """A leave (approved or pending) or a compensating day off, as the A/B check sees it."""

    label: str  # e.g. "请假 QJ-2026-000003" or "调休 2026-03-10"
    staff_id: str
    span: Span
    substitute_id: str | None = None
    is_leave: bool = True


def check_may_apply(actor: Person, applicant: Person) -> None:
    """The staff member applies, or their window head on their behalf (派驻部门窗口负责人岗位职责)."""
    if actor.id == applicant.id:
        return
    if actor.active and actor.role == Role.head and actor.window_id == applicant.window_id:
        return
    raise PermissionDenied(actor.id, f"为 {applicant.name} 请假", "只能本人或本窗口负责人提交")


def check_span(span: Span, days: float, calendar: WorkdayCalendar, days_in_lieu: frozenset[date]) -> list[CenterError]:
    if not is_well_ordered(span):
        return [InvalidInput("结束时间", f"结束时间 {span.label()} 早于开始时间", "leave.span_order")]
    if days > 0:
        return []
    if span.slots()[0] == span.slots()[1]:
        return [InvalidInput("开始时间", f"半天请假的日期 {span.start} 不是工作日，无需请假",
                             "leave.half_day_on_day_off")]
    if any(calendar.is_working_day(d) for d in days_in_lieu if span.start <= d <= span.end):
        return [InvalidInput("开始时间", "所请时段为调休日，视作正常出勤，无需请假（考勤办法 二(一)5）",
                             "leave.day_in_lieu")]
    return [InvalidInput("开始时间", f"{span.label()} 没有工作日，无需请假", "leave.no_working_day")]


def check_application(*, applicant: Person, span: Span, reason: str, begun: bool, late_explanation: str,
                      substitute: Person | None, cover_name: str, colleagues: int,
                      absences: list[Absence], calendar: WorkdayCalendar) -> list[CenterError]:
    """The rules a new application must satisfy (the span itself is checked by `check_span`)."""
    problems: list[CenterError] = []
    if not applicant.active or applicant.window_id is None:
        problems.append(InvalidInput("请假人员", f"{applicant.name} 不是在岗的窗口工作人员", "leave.applicant"))
    if not reason.strip():
        problems.append(InvalidInput("请假事由", "必填", "leave.reason"))
    if begun and not late_explanation.strip():
        problems.append(PolicyViolation("leave.late_explanation", "情况说明",
                                        "请假已开始，属事前未能办理，须说明情况（考勤办法 二(二)2(3)）"))
    for absence in absences:
        if absence.is_leave and absence.staff_id == applicant.id and _slots_meet(absence.span, span):
            problems.append(InvalidInput("开始时间", f"与本人的{absence.label}（{absence.span.label()}）时间重叠",
                                         "leave.overlap"))
        elif absence.substitute_id == applicant.id and overlap_days(absence.span, span, calendar) > 0:
            problems.append(PolicyViolation("ab.not_both_absent", "请假时间",
                                            f"{absence.label}（{absence.span.label()}）期间由您顶岗，"
                                            "AB岗责任人原则上不能同时离岗（AB岗工作制度 2）"))
    problems += _cover_problems(applicant, span, substitute, cover_name, colleagues, absences, calendar)
    return problems


def _slots_meet(a: Span, b: Span) -> bool:
    (a_first, a_last), (b_first, b_last) = a.slots(), b.slots()
    return a_first <= b_last and b_first <= a_last


def _cover_problems(applicant: Person, span: Span, substitute: Person | None, cover_name: str,
                    colleagues: int, absences: list[Absence], calendar: WorkdayCalendar) -> list[CenterError]:
    if colleagues == 0:
        # AB岗 8: 派驻窗口只有一名工作人员...由原部门(单位)派员顶岗.
        if substitute is not None:
            return [InvalidInput("替岗人员", "一人窗口没有本窗口的B岗同事，请填写原部门派出的顶岗人员", "ab.one_person")]
        if not cover_name.strip():
            return [PolicyViolation("ab.one_person_cover", "顶岗人员",
                                    "一人窗口须由原部门(单位)派员顶岗，请填写顶岗人员（AB岗工作制度 8）")]
        return []
    if cover_name.strip():
        return [InvalidInput("顶岗人员", "只有一人窗口由原部门派员顶岗；本窗口请指定本窗口的替岗人员", "ab.one_person")]
    if substitute is None:
        return [InvalidInput("替岗人员", "未指定替岗人员，本人也没有登记B岗，请指定本窗口的在岗同事", "ab.substitute")]
    if substitute.id == applicant.id:
        return [InvalidInput("替岗人员", "不能由本人替岗", "ab.substitute")]
    problems: list[CenterError] = []
    if not substitute.active:
        problems.append(InvalidInput("替岗人员", f"{substitute.name} 不在岗", "ab.substitute_active"))
    if substitute.window_id != applicant.window_id:
        problems.append(InvalidInput("替岗人员", f"{substitute.name} 不是本窗口工作人员（AB岗工作制度 1）",
                                     "ab.same_window"))
    for absence in absences:
        if absence.staff_id == substitute.id and overlap_days(absence.span, span, calendar) > 0:
            problems.append(PolicyViolation("ab.not_both_absent", "替岗人员",
                                            f"{substitute.name} 在 {absence.span.label()} 也不在岗（{absence.label}），"
                                            "AB岗责任人原则上不能同时离岗（AB岗工作制度 2）"))
    return problems


@dataclass(frozen=True)
class CoverWindow:
    id: str
    name: str
    head_id: str | None
    saturday_service: bool


def check_saturday_cover(*, actor: Person, window: CoverWindow, staff: Person, saturday: date, day_off: date,
                         absences: list[Absence], calendar: WorkdayCalendar) -> list[CenterError]:
    """考勤办法 二(一)5: 便民类窗口星期六上班的工作人员需调休的，事前窗口负责人安排好调休，
    填写《调休日程表》，视作正常出勤. The B post stays at work on the day off (AB岗 2)."""
    if not (actor.active and actor.id == window.head_id):
        raise PermissionDenied(actor.id, f"为{window.name}安排调休", "只有本窗口负责人可以安排")
    problems: list[CenterError] = []
    if not window.saturday_service:
        problems.append(PolicyViolation("attendance.saturday_window", "窗口",
                                        f"{window.name} 不是星期六上班的便民类窗口（考勤办法 二(一)5）"))
    if not staff.active or staff.window_id != window.id:
        problems.append(InvalidInput("工作人员", f"{staff.name} 不是{window.name}的在岗工作人员", "attendance.staff"))
    if saturday.isoweekday() != 6 or calendar.is_working_day(saturday):
        problems.append(InvalidInput("星期六", f"{saturday} 不是休息的星期六（调休补班的星期六本是工作日）",
                                     "attendance.saturday"))
    if not calendar.is_working_day(day_off):
        problems.append(InvalidInput("调休日", f"{day_off} 不是工作日，无需调休", "attendance.day_off"))
    for absence in absences:
        if absence.staff_id == staff.id and _slots_meet(absence.span, whole_days(day_off, day_off)):
            problems.append(InvalidInput("调休日", f"{staff.name} 在 {day_off} 已有{absence.label}", "attendance.day_off"))
        elif absence.staff_id == staff.b_post_id and _slots_meet(absence.span, whole_days(day_off, day_off)):
            problems.append(PolicyViolation("ab.not_both_absent", "调休日",
                                            f"B岗在 {day_off} 也不在岗（{absence.label}），"
                                            "AB岗责任人原则上不能同时离岗（AB岗工作制度 2）"))
    return problems
