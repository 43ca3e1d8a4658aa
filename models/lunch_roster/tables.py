"""A lunch-service roster in the store: one row per filed roster (a case of kind "lunch_roster"), one
row per person and day serving (考勤办法 二(一)4); and the roster as filed (the desk and the CLI)."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field as PydanticField
from sqlmodel import Field, SQLModel

from models.rules.text_fields import OneLine


class LunchRoster(SQLModel, table=True):
    __tablename__ = "lunch_roster"

    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    window_id: str = Field(index=True, max_length=40)
    month: date = Field(index=True)  # its first day


class LunchTurn(SQLModel, table=True):
    """One person serving 11:30–12:00 on one day of a roster."""

    __tablename__ = "lunch_turn"

    case_ref: str = Field(primary_key=True, foreign_key="lunch_roster.case_ref", max_length=40)
    day: date = Field(primary_key=True, index=True)
    staff_id: str = Field(primary_key=True, index=True, max_length=40)


class LunchRosterInput(BaseModel):
    """窗口负责人填报的一个月的延时服务人员安排表。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    window_id: OneLine = PydanticField(title="窗口编号", min_length=1, max_length=40)
    month: str = PydanticField(title="月份", description="如 2026-11", pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    days: dict[date, list[OneLine]] = PydanticField(title="安排", description="每个工作日值守 11:30—12:00 的人员工号")
