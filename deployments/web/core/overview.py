"""管理总览 (窗口管理科 only): open cases, open and overdue steps per procedure and window, what
the deadline sweep finds now, the cases no rule can move (无人可办), and the messages that could not be sent (with a resend button)."""
from __future__ import annotations

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
from models.core.open_counts import open_counts
from models.core.paging import page_of
from models.procedures import get_procedure
from models.rules.masking import mask_phone

router = APIRouter()
FAILED_PAGE_SIZE = 20
FINDINGS_SHOWN = 50  # the sweep's overdue findings and the 无人可办 cases: the count, and this many rows


require_management = management_only("查看管理总览", "只有窗口管理科可以查看")
may_resend = management_only("重发通知", "只有窗口管理科可以重发发送失败的通知")


def sweep_findings(now) -> dict:
    """The deadline sweep's own rules, run dry at this moment (nothing is queued)."""
    from tasks.core.sweep import collect_and_queue

    report = collect_and_queue(as_of=now, dry_run=True)
    earliest = sorted(report["overdue"], key=lambda row: (row[3], row[0]))[:FINDINGS_SHOWN]
    return {**report, "overdue_total": len(report["overdue"]), "overdue": [overdue_row(*row) for row in earliest]}


def stuck_findings(now) -> dict:
    """Cases nobody is moving (tasks/core/repair.py), checked now, nothing written: the 无人可办 ones, and
    how many the next sweep will repair."""
    from flows.core.registry import advancer_kinds
    from tasks.core.repair import find_stuck_cases, unmovable_rows

    found = find_stuck_cases(as_of=now, kinds=advancer_kinds())
    unmovable = unmovable_rows(found)
    return {"unmovable": [dict(zip(("ref", "procedure", "status"), row)) for row in unmovable[:FINDINGS_SHOWN]],
            "unmovable_total": len(unmovable),
            "repairable": sum(1 for s in found if s.remedy and not s.error)}


NO_CASE = "—"  # what the sweep's report puts where a finding has no case (e.g. a day with too few patrols)


def overdue_row(ref: str, kind: str, step: str, due: str) -> dict:
    """A finding of the sweep with its procedure's Chinese name; one that belongs to no case says why."""
    return {"ref": None if ref == NO_CASE else ref, "procedure": get_procedure(kind).label, "step": step,
            "due": due, "why_no_case": f"不属于单个案件：{get_procedure(kind).label}按工作日检查" if ref == NO_CASE else ""}


@router.get("/overview")
def overview(request: Request, viewer: Viewer = Depends(require_management)):
    now, asked = local_now(), page_request(request, size=FAILED_PAGE_SIZE, prefix="failed_")
    with session_scope() as session:
        rows = open_counts(session=session, now=now)
        failed_page = page_of(session, select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.failed)
                              .order_by(OutboxMessage.id.desc()), number=asked.number, size=asked.size)
        failed = failed_page.items
    failed_rows = [{"id": m.id, "case_ref": m.case_ref, "to": m.recipient_label, "address": mask_phone(m.address),
                    "channel": CHANNELS[m.channel], "attempts": m.attempts, "error": m.last_error[:120],
                    "subject": m.title or m.body[:40]} for m in failed]
    return page(request, "overview.html", title="管理总览", rows=rows, sweep=sweep_findings(now), now=now,
                stuck=stuck_findings(now),
                failed=failed_rows, failed_pager=pager(request, failed_page, prefix="failed_"),
                shown=FINDINGS_SHOWN)


@router.post("/outbox/{message_id}/resend")
def resend_message(message_id: RowId, request: Request, viewer: Viewer = Depends(may_resend)):
    with session_scope() as session:
        resend(session=session, message_id=message_id, now=local_now(), actor=viewer.id)
    flash(request, f"通知 {message_id} 已重新排队，将由下一次发送处理")
    return redirect("/overview")
