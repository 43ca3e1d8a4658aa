"""The patrol register's tables: each patrol (a case of kind "patrol"), its findings, and the months
summarised (窗口巡查制度 四)."""
from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from models.patrol.rules import CheckItem, PatrolKind


class Patrol(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    at: NaiveDatetime = Field(index=True)
    day: date = Field(index=True)
    kind: PatrolKind
    patroller_id: str = Field(max_length=40)
    windows: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    items: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # checked at each window
    note: str = Field(default="", max_length=500)


class PatrolFinding(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(foreign_key="case.ref", index=True, max_length=40)
    at: NaiveDatetime = Field(index=True)
    window_id: str = Field(index=True, max_length=40)
    staff_id: str | None = Field(default=None, index=True, max_length=40)
    item: CheckItem
    description: str = Field(max_length=500)
    points: float = 0.0  # every deduction it caused (the person's and the window's share)


class PatrolMonthSummary(SQLModel, table=True):
    """A month summarised and fed back to the windows (巡查制度 四), once."""

    month: str = Field(primary_key=True, max_length=7)  # 2026-10
    findings: int
    summarised_by: str = Field(max_length=40)
    summarised_at: NaiveDatetime
