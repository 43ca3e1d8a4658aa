"""管理总览 (窗口管理科 only): open cases, open and overdue steps per procedure and window, what
the deadline sweep finds now, and the messages that could not be sent (with a resend button)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlalchemy import and_, case as when, func, or_
from sqlmodel import Session, select

from deployments.web.auth import Viewer, management_only
from deployments.web.case_view import CHANNELS
from deployments.web.guard import RowId
from deployments.web.pages import flash, page, redirect
from models.cases import Case, WorkItem, WorkItemStatus
from models.clock import local_now
from models.db import session_scope
from models.org import Window
from models.outbox import OutboxMessage, OutboxStatus, resend
from models.procedures import all_procedures, get_procedure
from models.rules.masking import mask_phone

router = APIRouter()
FAILED_SHOWN = 100


require_management = management_only("查看管理总览", "只有窗口管理科可以查看")
may_resend = management_only("重发通知", "只有窗口管理科可以重发发送失败的通知")


def counts(session: Session, now) -> list[dict]:
    is_open = or_(*(and_(Case.kind == p.kind, Case.status.not_in(p.final)) for p in all_procedures()))
    cases = session.exec(select(Case.kind, Case.window_id, func.count()).where(is_open)
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
    return [{"procedure": get_procedure(kind).label, "window": names.get(window_id, "（中心）"), **row}
            for (kind, window_id), row in sorted(rows.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))]


def sweep_findings(now) -> dict:
    """The deadline sweep's own rules, run dry at this moment (nothing is queued)."""
    from tasks.sweep import collect_and_queue

    return collect_and_queue(as_of=now, dry_run=True)


@router.get("/overview")
def overview(request: Request, viewer: Viewer = Depends(require_management)):
    now = local_now()
    with session_scope() as session:
        rows = counts(session, now)
        failed = session.exec(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.failed)
                              .order_by(OutboxMessage.id.desc()).limit(FAILED_SHOWN)).all()
    failed_rows = [{"id": m.id, "case_ref": m.case_ref, "to": m.recipient_label, "address": mask_phone(m.address),
                    "channel": CHANNELS[m.channel], "attempts": m.attempts, "error": m.last_error[:120],
                    "subject": m.title or m.body[:40]} for m in failed]
    return page(request, "overview.html", title="管理总览", rows=rows, sweep=sweep_findings(now), now=now,
                failed=failed_rows)


@router.post("/outbox/{message_id}/resend")
def resend_message(message_id: RowId, request: Request, viewer: Viewer = Depends(may_resend)):
    with session_scope() as session:
        resend(session=session, message_id=message_id, now=local_now(), actor=viewer.id)
    flash(request, f"通知 {message_id} 已重新排队，将由下一次发送处理")
    return redirect("/overview")
