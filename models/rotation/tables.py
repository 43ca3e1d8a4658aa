"""The tables of the staffing procedures: a rotation's proposal and its members, secondments, intern
placements, and the window heads' annual ranking (派驻部门窗口负责人岗位职责 7). A window's posting
requirement (进出管理制度 一.4) is the window's: models/core/posting_requirements.py."""
from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


class RotationProposal(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    window_id: str = Field(foreign_key="window.id", index=True, max_length=40)
    department_id: str = Field(max_length=40)
    notice_ref: str = Field(max_length=100)  # 公函文号
    notice_received_at: NaiveDatetime
    effective_date: date = Field(index=True)
    quarter: str = Field(index=True, max_length=8)  # e.g. 2026Q2
    note: str = Field(default="", max_length=500)
    checks: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The management section's exception: {"rules": [...], "reason": ..., "by": ..., "at": ...}.
    exception: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    applied_at: NaiveDatetime | None = None


class RotationMember(SQLModel, table=True):
    """One person leaving or arriving; `details` keeps an arrival's registration facts."""

    __table_args__ = (UniqueConstraint("case_ref", "staff_id", name="uq_rotation_member"),)
    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(foreign_key="case.ref", index=True, max_length=40)
    direction: str = Field(max_length=10)  # "leave" or "arrive"
    staff_id: str = Field(index=True, max_length=40)
    name: str = Field(max_length=50)
    details: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class Secondment(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    staff_id: str = Field(index=True, max_length=40)
    start: date = Field(index=True)
    end: date = Field(index=True)
    reason: str = Field(max_length=500)


class InternPlacement(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    window_id: str = Field(foreign_key="window.id", max_length=40)
    staff_id: str = Field(max_length=40)
    name: str = Field(max_length=50)
    start: date
    end: date
    reason: str = Field(default="", max_length=500)
    details: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class HeadRanking(SQLModel, table=True):
    """A window head's place in a year's assessment (`center assessment import`)."""

    year: int = Field(primary_key=True)
    window_id: str = Field(primary_key=True, max_length=40)
    head_id: str = Field(index=True, max_length=40)
    rank: int  # 1 is the best
    total: int
    source: str = Field(default="", max_length=200)
    recorded_by: str = Field(max_length=40)
    recorded_at: NaiveDatetime
