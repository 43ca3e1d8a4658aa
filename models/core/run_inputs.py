"""A flow run's free-text inputs, kept in the case store (models/rules/run_parameters.py): the run's
parameters in Prefect hold `run_input:<id>` instead: an operator reading the run finds what was
submitted in this table, where the case store's access rules apply."""
from __future__ import annotations

from typing import Any

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column
from sqlmodel import Field, Session, SQLModel

REF_PREFIX = "run_input:"


class RunInput(SQLModel, table=True):
    __tablename__ = "run_input"
    id: int | None = Field(default=None, primary_key=True)
    flow: str = Field(max_length=100)  # the flow's name, as Prefect shows it
    parameters: dict = Field(sa_column=Column(JSON, nullable=False))  # JSON-compatible, as Prefect would have kept them
    created_at: NaiveDatetime


def keep_run_input(*, session: Session, flow: str, parameters: dict[str, Any], now) -> str:
    """Store the parameters; the reference the run keeps instead."""
    row = RunInput(flow=flow[:100], parameters=parameters, created_at=now)
    session.add(row)
    session.flush()
    return f"{REF_PREFIX}{row.id}"

