"""The service case's own tables: the case details and the one-time notices (一次性告知书)."""
from __future__ import annotations

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, UniqueConstraint
from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, SQLModel

from models.service_case.rules import Channel


class ServiceCase(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    applicant: str = Field(max_length=100)
    phone: str = Field(default="", max_length=20)
    email: str = Field(default="", max_length=120)
    # Named: by default the type is called "channel" like the outbox's, and PostgreSQL keeps one type per name.
    channel: Channel = Field(sa_column=Column(SAEnum(Channel, name="servicechannel"), nullable=False))
    owner_id: str = Field(index=True, max_length=40)  # 首问责任人
    matter_code: str = Field(index=True, max_length=40)
    matter_name: str = Field(max_length=200)
    matter_version: int
    matter_kind: str = Field(max_length=20)
    promised_days: int | None = None
    referred_window: str = Field(default="", max_length=100)
    referred_department: str = Field(default="", max_length=100)
    referred_contact: str = Field(default="", max_length=100)
    outstanding: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    accepted_at: NaiveDatetime | None = None
    completed_at: NaiveDatetime | None = None
    extended_days: int = 0


class OneTimeNotice(SQLModel, table=True):
    """一次性告知书: the missing items as listed, numbered per case."""

    __table_args__ = (UniqueConstraint("case_ref", "number", name="uq_notice_number"),)
    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(foreign_key="case.ref", index=True, max_length=40)
    number: int
    items: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    issued_by: str = Field(max_length=40)
    issued_at: NaiveDatetime
    delivery: str = Field(default="printed", max_length=20)
