"""The training register's tables: each session (a case of kind "training") and the people expected
at it, with the leave asked in advance and the roll call (学习培训制度 三)."""
from __future__ import annotations

from pydantic import NaiveDatetime
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.core.org import Role
from models.training.rules import Attendance, Category


class TrainingSession(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    topic: str = Field(max_length=200)
    category: Category
    starts_at: NaiveDatetime = Field(index=True)
    ends_at: NaiveDatetime
    organiser: Role
    place: str = Field(default="", max_length=100)


class TrainingAttendee(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("case_ref", "staff_id", name="uq_training_attendee"),)
    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(foreign_key="case.ref", index=True, max_length=40)
    staff_id: str = Field(index=True, max_length=40)
    window_id: str | None = Field(default=None, index=True, max_length=40)  # the window at the time
    excused_at: NaiveDatetime | None = None  # when leave was asked of the organising section
    excuse_reason: str = Field(default="", max_length=200)
    attendance: Attendance | None = None
