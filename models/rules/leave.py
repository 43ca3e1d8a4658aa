"""Leave (请假): kinds, half-day spans, durations in working days, what is missing, what comes next.

Pure: the calendar and the times of day are passed in; nothing here reads a clock or a database.
Regulations: 窗口工作人员考勤办法 二(一)1, 二(一)5, 二(二), 二(三); 窗口工作人员AB岗工作制度.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

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


class Half(StrEnum):
    am = "am"
    pm = "pm"


HALF_LABELS = {Half.am: "上午", Half.pm: "下午"}

# Attachment kinds: any proof (相关证明), and the hospital's certificate for sick leave.
PROOF = "proof"
HOSPITAL_PROOF = "hospital_proof"
PROOF_LABELS = {PROOF: "相关证明", HOSPITAL_PROOF: "医院证明（复印件）"}


@dataclass(frozen=True)
class Span:
    """From a half-day to a half-day, both included (上午 = 8:30–12:00, 下午 = 13:00–17:00)."""

    start: date
    start_half: Half
    end: date
    end_half: Half

    def slots(self) -> tuple[int, int]:
        return (self.start.toordinal() * 2 + (self.start_half == Half.pm),
                self.end.toordinal() * 2 + (self.end_half == Half.pm))

    def short_label(self) -> str:
        """For SMS: 3月4日上午, 3月4日, 3月4日下午至3月6日."""
        def day(d: date) -> str:
            return f"{d.month}月{d.day}日"

        if self.start == self.end:
            halves = "" if self.start_half != self.end_half else HALF_LABELS[self.start_half]
            return day(self.start) + halves
        first = day(self.start) + ("" if self.start_half == Half.am else HALF_LABELS[Half.pm])
        return f"{first}至{day(self.end)}" + ("" if self.end_half == Half.pm else HALF_LABELS[Half.am])

    def label(self) -> str:
        return (f"{self.start:%Y-%m-%d}{HALF_LABELS[self.start_half]}至"
                f"{self.end:%Y-%m-%d}{HALF_LABELS[self.end_half]}")


def whole_days(start: date, end: date) -> Span:
    return Span(start, Half.am, end, Half.pm)


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
