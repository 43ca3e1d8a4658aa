"""Open cases, open work items and overdue work items per procedure and window: what 管理总览 and the
overdue statistics show (限时办结制度 2; the deadline sweep chases the same items one by one)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case as when, func, or_
from sqlmodel import Session, select

from models.core.cases import AuditEvent, Case, WorkItem, WorkItemStatus
from models.core.org import Window
from models.procedures import all_procedures, get_procedure
from models.rules.urging import URGE


def _is_open():
    return or_(*(and_(Case.kind == p.kind, Case.status.not_in(p.final)) for p in all_procedures()))


def urge_counts(*, session: Session) -> dict[tuple[str, str | None], int]:
    """The urges (催办, tasks/core/urge.py) the open cases received, per (procedure kind, window)."""
    return {(kind, window_id): n for kind, window_id, n in session.exec(
        select(Case.kind, Case.window_id, func.count()).join(AuditEvent, AuditEvent.case_ref == Case.ref)
        .where(AuditEvent.action == URGE, _is_open()).group_by(Case.kind, Case.window_id)).all()}


def open_counts(*, session: Session, now: datetime) -> list[dict]:
    """One row per (procedure, window): kind, procedure (its Chinese name), window_id, window (its name,
    「（中心）」 for cases of no window), cases, steps, overdue; ordered by procedure then window."""
    cases = session.exec(select(Case.kind, Case.window_id, func.count()).where(_is_open())
                         .group_by(Case.kind, Case.window_id)).all()
    items = session.exec(
        select(Case.kind, Case.window_id, func.count(), func.sum(when((WorkItem.due_at < now, 1), else_=0)))
        .join(Case, Case.ref == WorkItem.case_ref).where(WorkItem.status == WorkItemStatus.open)
        .group_by(Case.kind, Case.window_id)).all()
    names = dict(session.exec(select(Window.id, Window.name)).all())
    rows: dict[tuple, dict] = {}
    for kind, window_id, n in cases:
        rows.setdefault((kind, window_id), {"cases": 0, "steps": 0, "overdue": 0})["cases"] = n
    for kind, window_id, n, overdue in items:
        row = rows.setdefault((kind, window_id), {"cases": 0, "steps": 0, "overdue": 0})
        row["steps"], row["overdue"] = n, int(overdue or 0)
    return [{"kind": kind, "procedure": get_procedure(kind).label, "window_id": window_id,
             "window": names.get(window_id, "（中心）"), **row}
            for (kind, window_id), row in sorted(rows.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))]


def overdue_items(*, session: Session, now: datetime, limit: int) -> tuple[int, list[tuple[str, str, str, datetime]]]:
    """How many open work items are past their due time (限时办结制度 2), and the `limit` earliest of them
    as (case ref, kind, step title, due at): both read by the index on (status, due_at)."""
    overdue = (WorkItem.status == WorkItemStatus.open, WorkItem.due_at < now)
    total = session.exec(select(func.count()).select_from(WorkItem).where(*overdue)).one()
    rows = session.exec(select(WorkItem.case_ref, Case.kind, WorkItem.title, WorkItem.due_at)
                        .join(Case, Case.ref == WorkItem.case_ref).where(*overdue)
                        .order_by(WorkItem.due_at, WorkItem.id).limit(limit)).all()
    return total, [tuple(row) for row in rows]


def due_between(*, session: Session, start: datetime, end: datetime) -> int:
    """How many open work items fall due in [start, end) (the index on (status, due_at))."""
    return session.exec(select(func.count()).select_from(WorkItem).where(
        WorkItem.status == WorkItemStatus.open, WorkItem.due_at >= start, WorkItem.due_at < end)).one()
