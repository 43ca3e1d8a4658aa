"""管理总览 (窗口管理科 only): open cases, open and overdue steps per procedure and window, the earliest
overdue steps and how many fall due today — all by SQL on indexed columns — the last deadline sweep's
stored findings (what it could not compute, the cases no rule can move: 无人可办), and the messages that
could not be sent (with a resend button). Nothing here runs the sweep: a view costs a few indexed queries
however large the store (issue 30)."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from fastapi import APIRouter, Depends, Request
from sqlmodel import select

from deployments.web.core.auth import Viewer, management_only
from deployments.web.core.case_view import CHANNELS
from deployments.web.core.guard import RowId
from deployments.web.core.pager import page_request, pager
from deployments.web.core.pages import flash, page, redirect
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.outbox import OutboxMessage, OutboxStatus, resend
from models.core.open_counts import due_between, open_counts, overdue_items
from models.core.paging import page_of
from models.core.sweep import citizens_data, mask_citizens
from models.core.sweep_reports import LISTED, last_sweep_report
from models.procedures import get_procedure
from models.rules.masking import mask_phone

router = APIRouter()
FAILED_PAGE_SIZE = 20
FINDINGS_SHOWN = LISTED  # the overdue items, the last sweep's failures and 无人可办 cases: the count, and this many rows


require_management = management_only("查看管理总览", "只有窗口管理科可以查看")
may_resend = management_only("重发通知", "只有窗口管理科可以重发发送失败的通知")


def overdue_findings(*, session, now) -> dict:
    """The open work items past due (the earliest FINDINGS_SHOWN, step titles masked as in the sweep's
    report) and how many fall due before the end of today, by SQL."""
    total, rows = overdue_items(session=session, now=now, limit=FINDINGS_SHOWN)
    names, contacts = citizens_data(session=session, refs={ref for ref, *_ in rows})
    end_of_today = datetime.combine(now.date() + timedelta(days=1), time())
    return {"total": total, "due_today": due_between(session=session, start=now, end=end_of_today),
            "rows": [{"ref": ref, "procedure": get_procedure(kind).label, "due": f"{due:%Y-%m-%d %H:%M}",
                      "step": mask_citizens(title, names=names, contacts=contacts)} for ref, kind, title, due in rows]}


def caseless_row(kind: str, step: str, due: str) -> dict:
    """An overdue finding of the last sweep that belongs to no case, with its procedure's name and why."""
    label = get_procedure(kind).label
    return {"procedure": label, "step": step, "due": due, "why": f"不属于单个案件：{label}按工作日检查"}


def sweep_shown(report) -> dict | None:
    """The last sweep's stored findings, as the page shows them."""
    if report is None:
        return None
    return {**report.summary, "ran_at": report.ran_at,
            "caseless": [caseless_row(*row) for row in report.summary.get("caseless", [])]}


@router.get("/overview")
def overview(request: Request, viewer: Viewer = Depends(require_management)):
    now, asked = local_now(), page_request(request, size=FAILED_PAGE_SIZE, prefix="failed_")
    with session_scope() as session:
        rows = open_counts(session=session, now=now)
        overdue = overdue_findings(session=session, now=now)
        last_sweep = last_sweep_report(session=session)
        failed_page = page_of(session, select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.failed)
                              .order_by(OutboxMessage.id.desc()), number=asked.number, size=asked.size)
        failed = failed_page.items
    failed_rows = [{"id": m.id, "case_ref": m.case_ref, "to": m.recipient_label, "address": mask_phone(m.address),
                    "channel": CHANNELS[m.channel], "attempts": m.attempts, "error": m.last_error[:120],
                    "subject": m.title or m.body[:40]} for m in failed]
    return page(request, "overview.html", title="管理总览", rows=rows, overdue=overdue, now=now,
                last_sweep=sweep_shown(last_sweep),
                failed=failed_rows, failed_pager=pager(request, failed_page, prefix="failed_"),
                shown=FINDINGS_SHOWN)


@router.post("/outbox/{message_id}/resend")
def resend_message(message_id: RowId, request: Request, viewer: Viewer = Depends(may_resend)):
    with session_scope() as session:
        resend(session=session, message_id=message_id, now=local_now(), actor=viewer.id)
    flash(request, f"通知 {message_id} 已重新排队，将由下一次发送处理")
    return redirect("/overview")
