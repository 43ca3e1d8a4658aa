"""A staff return's own tables (退回, 进出管理制度 三): one `StaffReturn` row per case; its evidence
(linked cases, notes, documents) in `ReturnEvidence`."""
from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class StaffReturn(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    staff_id: str = Field(index=True, max_length=40)
    staff_name: str = Field(max_length=50)
    window_id: str = Field(index=True, max_length=40)
    department_id: str = Field(max_length=40)
    grounds: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    trigger: str = Field(default="manual", max_length=60)  # "manual" or the complaint that triggered it
    letter_no: str = Field(default="", max_length=60)
    effective_date: date | None = Field(default=None, index=True)
    applied_at: NaiveDatetime | None = None
    replacement: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    arrival_date: date | None = Field(default=None, index=True)
    accountability: str = Field(default="", max_length=2000)


class ReturnEvidence(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(foreign_key="case.ref", index=True, max_length=40)
    kind: str = Field(max_length=20)  # complaint, patrol, leave, … or note
    reference: str = Field(default="", max_length=40)  # the linked case
    summary: str = Field(max_length=2000)
