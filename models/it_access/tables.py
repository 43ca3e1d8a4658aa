"""The IT registers' tables: the requests (cases of kind "it_access"), the configurations allowed
(登记备案) and the violations recorded (cases of kind "it_violation")."""
from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from models.it_access.rules import RequestKind, ViolationKind


class ItRequest(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    window_id: str = Field(index=True, max_length=40)
    kind: RequestKind
    device: str = Field(max_length=100)
    purpose: str = Field(max_length=500)


class AllowedConfig(SQLModel, table=True):
    """二(一)3 and 二(二)1 登记备案: the configuration a device must keep (不得自行更改)."""

    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(foreign_key="case.ref", unique=True, max_length=40)
    window_id: str = Field(index=True, max_length=40)
    device: str = Field(max_length=100)
    ip_address: str = Field(default="", index=True, max_length=15)
    gateway: str = Field(default="", max_length=15)
    netmask: str = Field(default="", max_length=15)
    note: str = Field(default="", max_length=500)
    registered_by: str = Field(max_length=40)
    registered_at: NaiveDatetime


class ItViolation(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    window_id: str = Field(index=True, max_length=40)
    staff_id: str | None = Field(default=None, index=True, max_length=40)
    kind: ViolationKind
    serious: bool = False
    observed_on: date = Field(index=True)
    description: str = Field(max_length=500)
