"""The leave procedure's own tables: a leave's details keyed by its case, and the 调休日程表.

The case itself (status, window, staff member) is a `Case` of kind "leave" (models/core/cases.py).
"""
from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.leave.rules import Half, LeaveKind


class LeaveRequest(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    staff_id: str = Field(foreign_key="staff.id", index=True, max_length=40)
    window_id: str = Field(foreign_key="window.id", index=True, max_length=40)
    department_id: str | None = Field(default=None, max_length=40)
    kind: LeaveKind
    start_day: date = Field(index=True)
    start_half: Half
    end_day: date = Field(index=True)
    end_half: Half
    days: float  # working days, half days counting 0.5
    days_provisional: bool = False  # a year of the span has no published arrangement yet
    reason: str = Field(max_length=500)
    substitute_id: str | None = Field(default=None, index=True, max_length=40)  # the B post covering
    cover_name: str = Field(default="", max_length=100)  # one-person window: sent by the department
    affects_window: bool = False
    afterwards: bool = False  # filed after the leave had begun (事前未能办理)
    late_explanation: str = Field(default="", max_length=500)
    # 考勤办法 二(二)2(3): form and proof due within two working days of being back at work.
    back_at: NaiveDatetime  # when the staff member is back at work
    filing_due_at: NaiveDatetime
    filing_due_provisional: bool = False


class SaturdayCover(SQLModel, table=True):
    """One row of a window's 调休日程表 (考勤办法 二(一)5: the day off compensating a Saturday at a
    convenience window is attendance, not leave)."""

    __table_args__ = (UniqueConstraint("staff_id", "saturday", name="uq_saturday_cover_staff_saturday"),
                      UniqueConstraint("staff_id", "day_off", name="uq_saturday_cover_staff_day_off"))
    id: int | None = Field(default=None, primary_key=True)
    window_id: str = Field(foreign_key="window.id", index=True, max_length=40)
    staff_id: str = Field(foreign_key="staff.id", index=True, max_length=40)
    saturday: date = Field(index=True)
    day_off: date = Field(index=True)
    note: str = Field(default="", max_length=200)
    recorded_by: str = Field(max_length=40)
    recorded_at: NaiveDatetime
