"""Cases, work items and the audit trail: the system of record (docs/architecture.md).

A case is one row whatever its procedure; each procedure keeps its own details in its own
table keyed by `case_ref`. Every state change writes an AuditEvent in the same transaction.
"""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint, update
from pydantic import NaiveDatetime
from sqlmodel import Field, Session, SQLModel, select

from models.core.clock import local_now
from models.core.db import dialect_insert
from models.core.errors import Conflict, NotFound
from models.core.org import Role
from models.procedures import get_procedure


class Case(SQLModel, table=True):
    # (kind, due_at): a procedure's cases due within a window, however many cases are open.
    # (kind, status, window_id): the open cases counted per procedure and window (管理总览), from the index.
    # opened_by: the cases a person filed (我的待办), beside subject_staff_id's own index.
    # opened_at (its own index): the cases opened in a month (办件统计, 案件查询's dates).
    __table_args__ = (Index("ix_case_kind_due_at", "kind", "due_at"),
                      Index("ix_case_kind_status_window", "kind", "status", "window_id"),
                      Index("ix_case_opened_by", "opened_by"))
    ref: str = Field(primary_key=True, max_length=40)  # e.g. QJ-2026-000001
    kind: str = Field(max_length=30)
    status: str = Field(index=True, max_length=30)
    title: str = Field(default="", max_length=200)
    window_id: str | None = Field(default=None, index=True, max_length=40)
    subject_staff_id: str | None = Field(default=None, index=True, max_length=40)
    opened_by: str = Field(max_length=40)
    opened_at: NaiveDatetime = Field(index=True)
    updated_at: NaiveDatetime
    due_at: NaiveDatetime | None = Field(default=None, index=True)
    due_from: NaiveDatetime | None = None  # the deadline's basis, kept to recompute it
    due_days: int | None = None
    due_provisional: bool = False
    policy: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # A repeated submission with the same key returns the case already opened.
    idempotency_key: str | None = Field(default=None, unique=True, max_length=120)


class RefCounter(SQLModel, table=True):
    prefix: str = Field(primary_key=True, max_length=10)
    year: int = Field(primary_key=True)
    value: int = 0


class WorkItemStatus(StrEnum):
    open = "open"
    done = "done"
    cancelled = "cancelled"


class WorkItem(SQLModel, table=True):
    """A human step (待办): who may act, what they decide, by when."""

    # (status, due_at): the sweep's open items due by a moment, however many items are open.
    # The two branches of 我的待办 (models/core/workitems.py open_items_for_actor), soonest due first:
    # a person's own open items, and a role's (of a window) open items.
    __table_args__ = (UniqueConstraint("key", name="uq_workitem_key"),
                      Index("ix_workitem_status_due_at", "status", "due_at"),
                      Index("ix_workitem_open_staff", "status", "assignee_staff_id", "due_at"),
                      Index("ix_workitem_open_role", "status", "assignee_role", "assignee_window_id", "due_at"),
                      # A case's items of one status (its 撤回 check, a printed form's signatures): by the case.
                      Index("ix_workitem_case_status", "case_ref", "status"))
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=160)  # idempotency: opening the same step twice is a no-op
    case_ref: str = Field(foreign_key="case.ref", index=True, max_length=40)
    step: str = Field(max_length=40)
    title: str = Field(max_length=200)
    form: str = Field(default="approve", max_length=40)
    assignee_role: Role
    assignee_window_id: str | None = Field(default=None, index=True, max_length=40)
    assignee_staff_id: str | None = Field(default=None, index=True, max_length=40)
    assignee_department_id: str | None = Field(default=None, max_length=40)
    status: WorkItemStatus = Field(default=WorkItemStatus.open)
    created_at: NaiveDatetime
    # The deadline and its basis, so it can be recomputed when the calendar changes.
    due_at: NaiveDatetime | None = Field(default=None, index=True)
    due_from: NaiveDatetime | None = None
    due_days: int | None = None
    due_provisional: bool = False
    decided_by: str | None = Field(default=None, max_length=40)
    decision: dict | None = Field(default=None, sa_column=Column(JSON))
    decided_at: NaiveDatetime | None = None


class AuditEvent(SQLModel, table=True):
    """Append-only history of every state change and decision."""

    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(index=True, max_length=40)
    actor: str = Field(max_length=40)
    action: str = Field(max_length=60)
    from_status: str | None = Field(default=None, max_length=30)
    to_status: str | None = Field(default=None, max_length=30)
    at: NaiveDatetime
    details: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


def next_ref(*, session: Session, prefix: str, year: int) -> str:
    """The year's next reference. The counter row is created race-free (two first cases of a year
    at once on PostgreSQL), then locked until the transaction ends."""
    insert = dialect_insert(session.get_bind().dialect.name)
    session.execute(insert(RefCounter).values(prefix=prefix, year=year, value=0).on_conflict_do_nothing())
    counter = session.get(RefCounter, (prefix, year), with_for_update=True, populate_existing=True)
    counter.value += 1
    session.flush()
    return f"{prefix}-{year}-{counter.value:06d}"


def audit(*, session: Session, case_ref: str, actor: str, action: str,
          from_status: str | None = None, to_status: str | None = None,
          details: dict[str, Any] | None = None, at: datetime | None = None) -> None:
    session.add(AuditEvent(case_ref=case_ref, actor=actor, action=action, from_status=from_status,
                           to_status=to_status, at=at or local_now(), details=details or {}))


def open_case(*, session: Session, kind: str, actor: str, title: str, policy: dict,
              window_id: str | None = None, subject_staff_id: str | None = None,
              idempotency_key: str | None = None, at: datetime | None = None) -> tuple[Case, bool]:
    """Open a case in its procedure's initial status. Returns (case, created)."""
    if idempotency_key:
        existing = session.exec(select(Case).where(Case.idempotency_key == idempotency_key)).first()
        if existing:
            return existing, False
    procedure = get_procedure(kind)
    at = at or local_now()
    ref = next_ref(session=session, prefix=procedure.ref_prefix, year=at.year)
    case = Case(ref=ref, kind=kind, status=procedure.initial, title=title, window_id=window_id,
                subject_staff_id=subject_staff_id, opened_by=actor, opened_at=at, updated_at=at,
                policy=policy, idempotency_key=idempotency_key)
    session.add(case)
    session.flush()
    audit(session=session, case_ref=ref, actor=actor, action="open", to_status=procedure.initial, at=at)
    return case, True


def get_case(*, session: Session, ref: str) -> Case:
    case = session.get(Case, ref)
    if case is None:
        raise NotFound(field="案件编号", value=ref)
    return case


def transition(*, session: Session, case: Case, event: str, actor: str,
               details: dict[str, Any] | None = None, at: datetime | None = None) -> str:
    """Apply `event` to the case: table-checked, guarded against a concurrent change, audited."""
    procedure = get_procedure(case.kind)
    old = case.status
    new = procedure.next_status(old, event)
    at = at or local_now()
    result = session.execute(
        update(Case).where(Case.ref == case.ref, Case.status == old).values(status=new, updated_at=at)
    )
    if result.rowcount != 1:
        raise Conflict(f"案件 {case.ref} 已被他人更新，请刷新后重试")
    case.status, case.updated_at = new, at
    audit(session=session, case_ref=case.ref, actor=actor, action=event, from_status=old,
          to_status=new, details=details, at=at)
    return new


def restate_transition(*, session: Session, case: Case, event: str, recorded) -> None:
    """Keep the event just applied (this transaction) as its effect says (models.core.procedures.Recorded):
    the decider's, at the decision's time, with its details, or as an action keeping the status."""
    session.flush()
    row = session.exec(select(AuditEvent).where(AuditEvent.case_ref == case.ref, AuditEvent.action == event)
                       .order_by(AuditEvent.id.desc())).first()
    if recorded.actor is not None:
        row.actor = recorded.actor
    if recorded.at is not None:
        row.at = case.updated_at = recorded.at
    if recorded.details is not None:
        row.details = recorded.details
    if not recorded.status_change:
        row.from_status = row.to_status = None
    session.add(row)
