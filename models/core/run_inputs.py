"""A flow run's free-text inputs, kept in the case store (models/rules/run_parameters.py): the run's
parameters in Prefect hold `run_input:<id>` instead: an operator reading the run finds what was
submitted in this table, where the case store's access rules apply."""
from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column
from sqlmodel import Field, Session, SQLModel, select

REF_PREFIX = "run_input:"


class RunInput(SQLModel, table=True):
    __tablename__ = "run_input"
    __table_args__ = {"sqlite_autoincrement": True}  # a forgotten row's id is never given again
    id: int | None = Field(default=None, primary_key=True)
    flow: str = Field(max_length=100)  # the flow's name, as Prefect shows it
    digest: str = Field(max_length=64, unique=True)  # of the flow and its parameters: a repeat keeps one row
    parameters: dict = Field(sa_column=Column(JSON, nullable=False))  # JSON-compatible, as Prefect would have kept them
    created_at: NaiveDatetime


def keep_run_input(*, session: Session, flow: str, parameters: dict[str, Any], now) -> tuple[str, bool]:
    """Store the parameters (once: the same submission again finds its row, and writes nothing); the
    reference the run keeps instead, and whether the row is new."""
    canonical = json.dumps([flow, parameters], sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    row = session.exec(select(RunInput).where(RunInput.digest == digest)).first()
    if row is not None:
        return f"{REF_PREFIX}{row.id}", False
    row = RunInput(flow=flow[:100], digest=digest, parameters=parameters, created_at=now)
    session.add(row)
    session.flush()
    return f"{REF_PREFIX}{row.id}", True



def forget_run_input(*, session: Session, ref: str) -> None:
    """Delete the row kept under `ref` (run_input:<id>), if there is one."""
    if ref.startswith(REF_PREFIX) and ref[len(REF_PREFIX):].isdigit() \
            and (row := session.get(RunInput, int(ref[len(REF_PREFIX):]))) is not None:
        session.delete(row)
