"""Attendance's tables: the clock records (one row per punch, unique per person and moment, so a
re-import changes nothing) and each exception's case (考勤办法 二(一)2–3)."""
from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, Enum, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.attendance.rules import Kind


class ClockRecord(SQLModel, table=True):
    """One punch of the face-recognition / fingerprint system (二(一)2)."""

    __tablename__ = "clock_record"
    __table_args__ = (UniqueConstraint("staff_id", "at", name="uq_clock_record"),)
    id: int | None = Field(default=None, primary_key=True)
    staff_id: str = Field(index=True, max_length=40)
    at: NaiveDatetime = Field(index=True)
    source: str = Field(default="", max_length=200)  # the file's name, or the API key's
    imported_by: str = Field(max_length=40)
    imported_at: NaiveDatetime


class AttendanceException(SQLModel, table=True):
    """An exception (迟到、未签到、早退、未签退) of one person on one working day: its case, what was
    computed and the excuse checks that were made (the decider sees them)."""

    __tablename__ = "attendance_exception"
    __table_args__ = (UniqueConstraint("staff_id", "day", "kind", name="uq_attendance_exception"),)
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    staff_id: str = Field(index=True, max_length=40)
    window_id: str | None = Field(default=None, index=True, max_length=40)
    day: date = Field(index=True)
    kind: Kind = Field(sa_column=Column(Enum(Kind, name="attendance_kind"), nullable=False))
    due_at: NaiveDatetime  # the clock-in (or out) time that applied
    punch_at: NaiveDatetime | None = None  # the late (or early) punch; None when missing
    checks: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # [[label, value]]
