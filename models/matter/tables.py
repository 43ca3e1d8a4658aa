"""The matter list's tables (事项进驻、退出、调整规定 2–4): `Matter` is one row of the list; every approved
guide is kept as a `MatterGuideVersion` (a change adds a version, the previous one stays);
`MatterRequest` holds what a change request proposes."""
from __future__ import annotations

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.matter.inputs import MatterKind, MatterRequestForm, MatterRequestKind, MatterStatus


class Matter(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=100)
    department_id: str = Field(foreign_key="department.id", index=True, max_length=40)
    window_id: str | None = Field(default=None, foreign_key="window.id", index=True, max_length=40)
    branch: dict | None = Field(default=None, sa_column=Column(JSON))  # 自设窗口（分中心）
    kind: MatterKind
    statutory_days: int | None = None
    promised_days: int | None = None
    status: MatterStatus = Field(index=True)
    current_version: int | None = None  # None until the first guide is approved
    pending_case_ref: str | None = Field(default=None, max_length=40)
    updated_at: NaiveDatetime


class MatterGuideVersion(SQLModel, table=True):
    """An approved guide. Never changed afterwards, only superseded by the next version."""

    __table_args__ = (UniqueConstraint("matter_code", "version", name="uq_matter_guide_version"),)
    id: int | None = Field(default=None, primary_key=True)
    matter_code: str = Field(foreign_key="matter.code", index=True, max_length=40)
    version: int
    spec: dict = Field(sa_column=Column(JSON, nullable=False))  # the approved MatterRequestForm
    case_ref: str = Field(foreign_key="case.ref", max_length=40)
    approved_by: str = Field(max_length=40)
    approved_at: NaiveDatetime
    superseded_at: NaiveDatetime | None = None


class MatterRequest(SQLModel, table=True):
    """What a change request proposes, and the gaps found in it."""

    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    request: MatterRequestKind
    matter_code: str = Field(index=True, max_length=40)
    department_id: str = Field(max_length=40)
    form: dict = Field(sa_column=Column(JSON, nullable=False))
    gaps: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))

    @property
    def parsed(self) -> MatterRequestForm:
        return MatterRequestForm.model_validate(self.form)
