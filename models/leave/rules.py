"""Leave (请假): kinds, half-day spans, durations in working days, what is missing, what comes next.

Pure: the calendar and the times of day are passed in; nothing here reads a clock or a database.
Regulations: 窗口工作人员考勤办法 二(一)1, 二(一)5, 二(二), 二(三); 窗口工作人员AB岗工作制度.
The checks of an application and of a Saturday cover (调休) entry return every problem at once;
the people, the absences and the calendar are passed in as plain values.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from models.core.errors import CenterError, InvalidInput, PermissionDenied, PolicyViolation
from models.rules.ab_posts import (INTERN, NOT_WINDOW_STAFF, OFF_POST, OTHER_WINDOW, REASONS, SELF, Post,
                                   b_post_problems)
from models.rules.absences import HALF_LABELS, Absence, Half, Span, whole_days
from models.rules.roles import Role
from models.rules.workdays import WorkdayCalendar


class LeaveKind(StrEnum):
    """考勤办法 二(二)1: 参加部门(单位)工作会议、培训等活动或本人生病、产假、公休及家庭有特殊情况等."""

    sick = "sick"
    personal = "personal"
    annual = "annual"
    maternity = "maternity"
    family = "family"
    meeting = "meeting"
    outing = "outing"


KIND_LABELS = {
    LeaveKind.sick: "病假", LeaveKind.personal: "事假", LeaveKind.annual: "公休",
    LeaveKind.maternity: "产假", LeaveKind.family: "家庭特殊情况", LeaveKind.meeting: "会议/培训",
    LeaveKind.outing: "中心统一安排外出",
}


# Attachment kinds: any proof (相关证明), and the hospital's certificate for sick leave.
PROOF = "proof"
HOSPITAL_PROOF = "hospital_proof"
PROOF_LABELS = {PROOF: "相关证明", HOSPITAL_PROOF: "医院证明（复印件）"}


def is_well_ordered(span: Span) -> bool:
    first, last = span.slots()
    return first <= last


def span_of_slots(first: int, last: int) -> Span:
    return Span(date.fromordinal(first // 2), Half.pm if first % 2 else Half.am,
                date.fromordinal(last // 2), Half.pm if last % 2 else Half.am)


def _halves_on(day: date, first: Half, last: Half, calendar: WorkdayCalendar,
               days_in_lieu: frozenset[date]) -> int:
    if not calendar.is_working_day(day) or day in days_in_lieu:
        return 0
    return 1 + (last == Half.pm) - (first == Half.pm)


def leave_days(span: Span, calendar: WorkdayCalendar, days_in_lieu: frozenset[date] = frozenset()) -> float:
    """Working days of the span: half days count 0.5 and days off inside it do not count, nor does
    a compensating day off for a worked Saturday (考勤办法 二(一)5: 视作正常出勤)."""
    if not is_well_ordered(span):
        return 0.0
    if span.start == span.end:
        return _halves_on(span.start, span.start_half, span.end_half, calendar, days_in_lieu) / 2
    halves = (_halves_on(span.start, span.start_half, Half.pm, calendar, days_in_lieu)
              + _halves_on(span.end, Half.am, span.end_half, calendar, days_in_lieu))
    inner_last = span.end - timedelta(days=1)
    if span.start < inner_last:
        whole = calendar.working_days_between(span.start, inner_last)
        whole -= sum(1 for d in days_in_lieu if span.start < d <= inner_last and calendar.is_working_day(d))
        halves += 2 * whole
    return halves / 2


def overlap_days(a: Span, b: Span, calendar: WorkdayCalendar) -> float:
    """Working days on which both spans are absent (0 when they only meet on days off): AB岗 2,
    原则上AB岗责任人不能同时离岗, holds on working days."""
    (a_first, a_last), (b_first, b_last) = a.slots(), b.slots()
    first, last = max(a_first, b_first), min(a_last, b_last)
    return leave_days(span_of_slots(first, last), calendar) if first <= last else 0.0


def needs_report_form(kind: LeaveKind, days: float) -> bool:
    """考勤办法 二(二)2(2): 请假一天或一天以上的(由中心统一安排外出的除外)，事前填写《请假报告单》，
    经窗口负责人审核签字后交中心管理科."""
    return days >= 1 and kind != LeaveKind.outing


def missing_materials(kind: LeaveKind, days: float, attached: set[str]) -> list[str]:
    """Everything still missing, listed at once (一次性告知).

    考勤办法 二(二)2(1): 请假半天的应...提供相关证明; 二(二)2(2): 病假的附医院证明(复印件).
    An outing arranged by the center needs no proof: the center arranged it."""
    if kind == LeaveKind.outing:
        return []
    if days < 1 and not attached:
        return [PROOF_LABELS[PROOF]]
    if days >= 1 and kind == LeaveKind.sick and HOSPITAL_PROOF not in attached:
        return [PROOF_LABELS[HOSPITAL_PROOF]]
    return []


def proof_kind(kind: LeaveKind, days: float, attached: set[str], hospital: bool) -> str:
    """The kind of a proof the applicant hands in later (考勤办法 二(二)2(3): 本人补交): the hospital's
    certificate when they say so, and also when it is the only material still missing — a sick leave of a
    day or more asks for the hospital's proof (二(二)2(2): 病假的附医院证明(复印件)) and nothing else, so
    what is handed in answers that request (issue 28 defect 9: no unticked box leaves it "still missing")."""
    if hospital or missing_materials(kind, days, attached) == [PROOF_LABELS[HOSPITAL_PROOF]]:
        return HOSPITAL_PROOF
    return PROOF


@dataclass(frozen=True)
class DayTimes:
    """考勤办法 二(一)1: 上午8:30—12:00; 下午至5:00."""

    office_open: time
    morning_close: time
    office_close: time


def start_moment(span: Span, times: DayTimes) -> datetime:
    return datetime.combine(span.start, times.office_open if span.start_half == Half.am else times.morning_close)


def has_begun(span: Span, now: datetime, times: DayTimes) -> bool:
    """A leave that has begun can only be filed afterwards (事前未能办理, 考勤办法 二(二)2(3))."""
    return now >= start_moment(span, times)


def back_at_work(span: Span, calendar: WorkdayCalendar, times: DayTimes) -> datetime:
    """When the staff member is back at work (考勤办法 二(二)2(3): 上班后): the same afternoon after a
    morning off, else the next working day."""
    if span.end_half == Half.am and calendar.is_working_day(span.end):
        return datetime.combine(span.end, times.morning_close)
    return datetime.combine(calendar.next_working_day(span.end), times.office_open)


def first_working_day(span: Span, calendar: WorkdayCalendar) -> date:
    return span.start if calendar.is_working_day(span.start) else calendar.next_working_day(span.start)


def handover_day(span: Span, calendar: WorkdayCalendar, days_before: int) -> date:
    """AB岗 4: A岗责任人因事不在岗，必须提前一天主动向B岗责任人做好衔接 — `days_before` working
    days before the first working day of the leave."""
    return calendar.add_working_days(first_working_day(span, calendar), -days_before)


# Checks on a leave application and on a Saturday cover (调休) entry.
@dataclass(frozen=True)
class Person:
    id: str
    name: str
    window_id: str | None
    role: Role
    active: bool
    b_post_id: str | None = None


def check_may_apply(actor: Person, applicant: Person) -> None:
    """The staff member applies, or their window head on their behalf (派驻部门窗口负责人岗位职责)."""
    if actor.id == applicant.id:
        return
    if actor.active and actor.role == Role.head and actor.window_id == applicant.window_id:
        return
    raise PermissionDenied(actor=actor.id, action=f"为 {applicant.name} 请假", reason="只能本人或本窗口负责人提交")


def check_span(span: Span, days: float, calendar: WorkdayCalendar, days_in_lieu: frozenset[date]) -> list[CenterError]:
    if not is_well_ordered(span):
        return [InvalidInput(field="结束时间", message=f"结束时间 {span.label()} 早于开始时间", rule="leave.span_order")]
    if days > 0:
        return []
    if span.slots()[0] == span.slots()[1]:
        return [InvalidInput(field="开始时间", message=f"半天请假的日期 {span.start} 不是工作日，无需请假",
                             rule="leave.half_day_on_day_off")]
    if any(calendar.is_working_day(d) for d in days_in_lieu if span.start <= d <= span.end):
        return [InvalidInput(field="开始时间", message="所请时段为调休日，视作正常出勤，无需请假（考勤办法 二(一)5）",
                             rule="leave.day_in_lieu")]
    return [InvalidInput(field="开始时间", message=f"{span.label()} 没有工作日，无需请假", rule="leave.no_working_day")]


def check_application(*, applicant: Person, span: Span, reason: str, begun: bool, late_explanation: str,
                      substitute: Person | None, cover_name: str, colleagues: int,
                      absences: list[Absence], calendar: WorkdayCalendar) -> list[CenterError]:
    """The rules a new application must satisfy (the span itself is checked by `check_span`)."""
    problems: list[CenterError] = []
    if not applicant.active or applicant.window_id is None:
        problems.append(InvalidInput(field="请假人员", message=f"{applicant.name} 不是在岗的窗口工作人员", rule="leave.applicant"))
    if not reason.strip():
        problems.append(InvalidInput(field="请假事由", message="必填", rule="leave.reason"))
    if begun and not late_explanation.strip():
        problems.append(PolicyViolation(rule="leave.late_explanation", field="情况说明",
                                        message="请假已开始，属事前未能办理，须说明情况（考勤办法 二(二)2(3)）"))
    for absence in absences:
        if absence.is_leave and absence.staff_id == applicant.id and _slots_meet(absence.span, span):
            problems.append(InvalidInput(field="开始时间", message=f"与本人的{absence.label}（{absence.span.label()}）时间重叠",
                                         rule="leave.overlap"))
        elif absence.substitute_id == applicant.id and overlap_days(absence.span, span, calendar) > 0:
            problems.append(PolicyViolation(rule="ab.not_both_absent", field="请假时间",
                                            message=f"{absence.label}（{absence.span.label()}）期间由您顶岗，"
                                            "AB岗责任人原则上不能同时离岗（AB岗工作制度 2）"))
    problems += _cover_problems(applicant, span, substitute, cover_name, colleagues, absences, calendar)
    return problems


def _slots_meet(a: Span, b: Span) -> bool:
    (a_first, a_last), (b_first, b_last) = a.slots(), b.slots()
    return a_first <= b_last and b_first <= a_last


def _post(person: Person) -> Post:
    return Post(person.id, person.window_id, person.role, on_post=person.active)


def _cover_problems(applicant: Person, span: Span, substitute: Person | None, cover_name: str,
                    colleagues: int, absences: list[Absence], calendar: WorkdayCalendar) -> list[CenterError]:
    if colleagues == 0:
        # AB岗 8: 派驻窗口只有一名工作人员...由原部门(单位)派员顶岗.
        if substitute is not None:
            return [InvalidInput(field="替岗人员", message="一人窗口没有本窗口的B岗同事，请填写原部门派出的顶岗人员", rule="ab.one_person")]
        if not cover_name.strip():
            return [PolicyViolation(rule="ab.one_person_cover", field="顶岗人员",
                                    message="一人窗口须由原部门(单位)派员顶岗，请填写顶岗人员（AB岗工作制度 8）")]
        return []
    if cover_name.strip():
        return [InvalidInput(field="顶岗人员", message="只有一人窗口由原部门派员顶岗；本窗口请指定本窗口的替岗人员", rule="ab.one_person")]
    if substitute is None:
        return [InvalidInput(field="替岗人员", message="未指定替岗人员，本人也没有登记B岗，请指定本窗口的在岗同事", rule="ab.substitute")]
    # The one B-post rule (models.rules.ab_posts); covering asks that the B be at work (active).
    codes = b_post_problems(_post(applicant), _post(substitute))
    if SELF in codes:
        return [InvalidInput(field="替岗人员", message="不能由本人替岗", rule="ab.substitute")]
    problems: list[CenterError] = []
    if OFF_POST in codes:
        problems.append(InvalidInput(field="替岗人员", message=f"{substitute.name} 不在岗", rule="ab.substitute_active"))
    if OTHER_WINDOW in codes:
        problems.append(InvalidInput(field="替岗人员", message=f"{substitute.name} 不是本窗口工作人员（AB岗工作制度 1）",
                                     rule="ab.same_window"))
    for code in set(codes) & {INTERN, NOT_WINDOW_STAFF}:
        problems.append(InvalidInput(field="替岗人员", message=f"{substitute.name} {REASONS[code]}", rule="ab.b_post_role"))
    for absence in absences:
        if absence.staff_id == substitute.id and overlap_days(absence.span, span, calendar) > 0:
            problems.append(PolicyViolation(rule="ab.not_both_absent", field="替岗人员",
                                            message=f"{substitute.name} 在 {absence.span.label()} 也不在岗（{absence.label}），"
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
        raise PermissionDenied(actor=actor.id, action=f"为{window.name}安排调休", reason="只有本窗口负责人可以安排")
    problems: list[CenterError] = []
    if not window.saturday_service:
        problems.append(PolicyViolation(rule="attendance.saturday_window", field="窗口",
                                        message=f"{window.name} 不是星期六上班的便民类窗口（考勤办法 二(一)5）"))
    if not staff.active or staff.window_id != window.id:
        problems.append(InvalidInput(field="工作人员", message=f"{staff.name} 不是{window.name}的在岗工作人员", rule="attendance.staff"))
    if saturday.isoweekday() != 6 or calendar.is_working_day(saturday):
        problems.append(InvalidInput(field="星期六", message=f"{saturday} 不是休息的星期六（调休补班的星期六本是工作日）",
                                     rule="attendance.saturday"))
    if not calendar.is_working_day(day_off):
        problems.append(InvalidInput(field="调休日", message=f"{day_off} 不是工作日，无需调休", rule="attendance.day_off"))
    for absence in absences:
        if absence.staff_id == staff.id and _slots_meet(absence.span, whole_days(day_off, day_off)):
            problems.append(InvalidInput(field="调休日", message=f"{staff.name} 在 {day_off} 已有{absence.label}", rule="attendance.day_off"))
        elif absence.staff_id == staff.b_post_id and _slots_meet(absence.span, whole_days(day_off, day_off)):
            problems.append(PolicyViolation(rule="ab.not_both_absent", field="调休日",
                                            message=f"B岗在 {day_off} 也不在岗（{absence.label}），"
                                            "AB岗责任人原则上不能同时离岗（AB岗工作制度 2）"))
    return problems
