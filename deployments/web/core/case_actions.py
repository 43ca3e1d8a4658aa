"""The case page's core actions beside deciding a step: the submitter's 撤回 (models/core/withdrawal.py),
the same transaction as `center case withdraw`, and 催办 of an open item by the management section or the
submitter (tasks/core/urge.py), as `center case urge`; and 退回修改 of an open step the viewer may decide,
with its required reason (models/core/send_back.py), the same step as `center decide ITEM --send-back`.
A refusal is the error page: 403 (not the submitter / not the management section / may not decide) or 409
(decided, closed, urged already today, a step that may not be sent back), nothing written; a missing
reason is the case page again with the reason marked."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from deployments.web.core.access import viewable_case
from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.errors import errors_by_field, posted_text
from deployments.web.core.guard import RowId
from deployments.web.core.pages import flash, redirect
from models.core.cases import Case, WorkItem, WorkItemStatus
from models.core.db import session_scope
from models.core.errors import InvalidInput
from models.core.withdrawal import withdraw_case, withdrawal_refused
from models.procedures import get_procedure
from models.rules.urging import urge_refusal
from tasks.core.urge import urge_item

router = APIRouter()
# A procedure whose desk offers its own withdrawal among its actions (the leave's, with its notices)
# keeps it; the generic button is not shown beside it.
OWN_WITHDRAWAL = "/cases/{ref}/withdraw"


def may_withdraw(session: Session, case: Case, viewer: Viewer, actions: list[tuple[str, str]]) -> bool:
    own = OWN_WITHDRAWAL.format(ref=case.ref)
    return not any(href == own for href, _ in actions) and \
        withdrawal_refused(session=session, ref=case.ref, actor=viewer.id) is None


def urgeable(case: Case, items: list[dict], viewer: Viewer) -> set[int]:
    """The open items of the case page (case_view's rows) this viewer may urge."""
    return {row["item"].id for row in items
            if urge_refusal(actor_id=viewer.id, actor_role=viewer.role, opened_by=case.opened_by,
                            item_open=row["item"].status == WorkItemStatus.open) is None}


def withdraw(ref: str, viewer: Viewer) -> str:
    with session_scope() as session:
        case = viewable_case(session=session, ref=ref, actor=viewer.actor)
        return get_procedure(case.kind).status_label(withdraw_case(session=session, ref=ref, actor=viewer.id))


@router.post("/cases/{ref}/withdrawal")
async def post_withdrawal(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    status = await run_in_threadpool(withdraw, ref, viewer)
    flash(request, f"案件已撤回（{status}）")
    return redirect(f"/cases/{ref}")


def urge(item_id: int, viewer: Viewer) -> str:
    with session_scope() as session:
        item = session.get(WorkItem, item_id)
        if item is not None:
            viewable_case(session=session, ref=item.case_ref, actor=viewer.actor)
    return urge_item(item_id=item_id, actor=viewer.id)


@router.post("/items/{item_id}/urge")
async def post_urge(item_id: RowId, request: Request, viewer: Viewer = Depends(require_viewer)):
    ref = await run_in_threadpool(urge, item_id, viewer)
    flash(request, f"已催办待办 {item_id}：短信和邮件已发出")
    return redirect(f"/cases/{ref}#item-{item_id}")


def send_back(item_id: int, viewer: Viewer, reason: str) -> tuple[str, str]:
    from flows.core.steps import DECIDE, run_step

    with session_scope() as session:
        item = session.get(WorkItem, item_id)
        if item is not None:
            viewable_case(session=session, ref=item.case_ref, actor=viewer.actor)
    run_step(DECIDE, item_id=item_id, actor=viewer.id, decision={"send_back": True, "reason": reason})
    with session_scope() as session:
        item = session.get(WorkItem, item_id)
        return item.case_ref, item.title


@router.post("/items/{item_id}/send-back")
async def post_send_back(item_id: RowId, request: Request, viewer: Viewer = Depends(require_viewer)):
    from deployments.web.core.case import case_page_again

    posted = await posted_text(request)
    try:
        ref, title = await run_in_threadpool(send_back, item_id, viewer, posted.get("reason", ""))
    except InvalidInput as error:
        return await case_page_again(request, viewer, item_id, errors_by_field(error, {"reason": "reason"}),
                                     {"reason": posted.get("reason", "")}, send_back=True)
    flash(request, f"已退回修改：「{title}」待修改后重新提交，退回原因已通知对方")
    return redirect(f"/cases/{ref}")
