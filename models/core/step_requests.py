"""Case steps handed to the step workers: the queue is a table of the case store (issue 22).

A caller (web desk, CLI, the Prefect API through `center step`) writes a request; a worker claims
it — `FOR UPDATE SKIP LOCKED` on PostgreSQL, the store's single writer on SQLite — under a lease it
renews while the step runs, records the outcome, and wakes the caller (`models.core.step_signals`).
A worker that dies mid-step stops renewing: when the lease runs out another worker claims the
request again and re-runs the step, which converges (every procedure's advance is idempotent,
docs/architecture.md); after `max_attempts` claims it is failed and reported instead. The request's
parameters (what a clerk typed) are cleared once it is done: the case's audit trail keeps them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, Index, delete, select, text, update
from sqlmodel import Field, Session, SQLModel

from models.core.clock import local_now


class StepStatus(StrEnum):
    pending = "pending"
    running = "running"
    done = "done"
    failed = "failed"


class StepRequest(SQLModel, table=True):
    __tablename__ = "step_request"
    # (status, id): the oldest pending request, however many are done.
    __table_args__ = (Index("ix_step_request_status_id", "status", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    step: str = Field(max_length=60)  # a name of flows.core.steps.STEPS
    label: str = Field(max_length=200)  # the task run's name: case reference and step
    case_ref: str | None = Field(default=None, max_length=40)
    params: dict | None = Field(default=None, sa_column=Column(JSON))
    status: StepStatus = Field(default=StepStatus.pending)
    attempts: int = 0
    worker: str | None = Field(default=None, max_length=120)
    lease_until: NaiveDatetime | None = None
    result: Any = Field(default=None, sa_column=Column(JSON))
    error: dict | None = Field(default=None, sa_column=Column(JSON))
    created_at: NaiveDatetime
    started_at: NaiveDatetime | None = None
    finished_at: NaiveDatetime | None = None


@dataclass(frozen=True)
class Claim:
    id: int
    step: str
    label: str
    case_ref: str | None
    params: dict
    attempt: int


def submit(*, session: Session, step: str, params: dict, label: str, case_ref: str | None = None) -> int:
    """Queue a step; the workers are woken when the transaction commits."""
    request = StepRequest(step=step, params=params, label=label[:200], case_ref=case_ref, created_at=local_now())
    session.add(request)
    session.flush()
    _notify(session, "center_step_new", "")
    return request.id


def claim(*, session: Session, worker: str, lease_seconds: float) -> Claim | None:
    """The oldest request that is pending or whose worker's lease ran out, now this worker's."""
    now = local_now()
    claimable = (select(StepRequest.id)
                 .where((StepRequest.status == StepStatus.pending)
                        | ((StepRequest.status == StepStatus.running) & (StepRequest.lease_until < now)))
                 .order_by(StepRequest.id).limit(1).with_for_update(skip_locked=True))
    row = session.execute(
        update(StepRequest).where(StepRequest.id == claimable.scalar_subquery())
        .values(status=StepStatus.running, attempts=StepRequest.attempts + 1, worker=worker,
                lease_until=now + timedelta(seconds=lease_seconds), started_at=now)
        .returning(StepRequest.id, StepRequest.step, StepRequest.label, StepRequest.case_ref,
                   StepRequest.params, StepRequest.attempts)).first()
    return Claim(row.id, row.step, row.label, row.case_ref, row.params or {}, row.attempts) if row else None


def renew(*, session: Session, worker: str, ids: list[int], lease_seconds: float) -> None:
    """Extend the leases of the steps this worker is running."""
    if ids:
        session.execute(update(StepRequest).where(StepRequest.id.in_(ids), StepRequest.worker == worker,
                                                  StepRequest.status == StepStatus.running)
                        .values(lease_until=local_now() + timedelta(seconds=lease_seconds)))


def finish(*, session: Session, claim: Claim, worker: str, result: Any = None, error: dict | None = None) -> bool:
    """Record the outcome, if the request is still this worker's claim (False: its lease ran out
    and another worker took it over, whose outcome counts)."""
    done = session.execute(
        update(StepRequest).where(StepRequest.id == claim.id, StepRequest.worker == worker,
                                  StepRequest.attempts == claim.attempt, StepRequest.status == StepStatus.running)
        .values(status=StepStatus.failed if error else StepStatus.done, result=result, error=error,
                params=None, lease_until=None, finished_at=local_now())).rowcount
    if done:  # the outcome itself when it fits a notification (8000 bytes): the caller need not read it
        message = json.dumps({"id": claim.id, "status": StepStatus.failed if error else StepStatus.done,
                              "result": result, "error": error}, ensure_ascii=False, default=str)
        _notify(session, "center_step_done", message if len(message.encode()) < 7900 else str(claim.id))
    return bool(done)


def outcome(*, session: Session, request_id: int) -> StepRequest | None:
    """The request once it is done or failed; None while it waits or runs."""
    request = session.get(StepRequest, request_id, populate_existing=True)
    return request if request is not None and request.status in (StepStatus.done, StepStatus.failed) else None


def forget(*, session: Session, request_id: int) -> None:
    """Remove a refused request once its caller has its refusal: a refusal writes nothing."""
    session.execute(delete(StepRequest).where(StepRequest.id == request_id, StepRequest.status == StepStatus.failed))


def _notify(session: Session, channel: str, payload: str) -> None:
    if session.get_bind().dialect.name == "postgresql":  # sent when the transaction commits
        session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": channel, "payload": payload})
