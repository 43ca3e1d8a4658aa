"""Who is away when: the one rule every procedure reads (the patrol's rating device, the stand-in of
AB岗 6). Pure: the absences and the moment are passed in.

窗口工作人员AB岗工作制度 1: A岗责任人因故不在岗 — on a leave (approved, half days count: 上午 8:30–12:00,
下午 13:00–17:00), at a registered training or meeting, or on a short secondment (进出管理制度 四.2).
"""
from __future__ import annotations

from datetime import datetime
from typing import Protocol


class HalfDays(Protocol):
    def slots(self) -> tuple[int, int]: ...


class Absent(Protocol):
    staff_id: str
    label: str

    @property
    def span(self) -> HalfDays: ...


def half_day_slot(at: datetime) -> int:
    """The half day of `at` (上午 before 12:00), as the spans of a leave count them."""
    return at.date().toordinal() * 2 + (at.hour >= 12)


def away_at(absences: list[Absent], at: datetime) -> dict[str, str]:
    """The people whose leave or day off covers the half day of `at`, with its label."""
    slot = half_day_slot(at)
    return {a.staff_id: a.label for a in absences if a.span.slots()[0] <= slot <= a.span.slots()[1]}
