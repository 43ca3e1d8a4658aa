"""Who is away from the window, and when: half-day spans of leave and compensating days off — the one
rule every procedure reads (the leave's A/B check, the patrol's rating device, the stand-in of AB岗 6).
Pure: the absences and the moment are passed in.

考勤办法 二: leave counted in half days (上午 8:30–12:00, 下午 13:00–17:00); AB岗工作制度 1: A岗责任人因故
不在岗 — on a leave, at a registered training or meeting, or on a short secondment (进出管理制度 四.2);
AB岗工作制度 3: A and B never absent together; 巡查制度: a person absent on leave is not a finding.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Half(StrEnum):
    am = "am"
    pm = "pm"


HALF_LABELS = {Half.am: "上午", Half.pm: "下午"}


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


@dataclass(frozen=True)
class Absence:
    """A leave (approved or pending) or a compensating day off, as the A/B check sees it."""

    label: str  # e.g. "请假 QJ-2026-000003" or "调休 2026-03-10"
    staff_id: str
    span: Span
    substitute_id: str | None = None
    is_leave: bool = True
    case_ref: str | None = None


def half_day_slot(at: datetime) -> int:
    """The half day of `at` (上午 before 12:00), as the spans of a leave count them."""
    return at.date().toordinal() * 2 + (at.hour >= 12)


def away_at(absences: list[Absence], at: datetime) -> dict[str, str]:
    """The people whose leave or day off covers the half day of `at`, with its label."""
    slot = half_day_slot(at)
    return {a.staff_id: a.label for a in absences if a.span.slots()[0] <= slot <= a.span.slots()[1]}
