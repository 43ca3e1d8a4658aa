"""撤回: the submitter closes their own case as withdrawn while nobody has decided any of its steps
(models/rules/withdrawal.py): the case moves by its machine's `withdraw` transition, its open items are
cancelled, both in the case's history. A decision recorded at the same moment wins: the items are
cancelled by a guarded update, and a decided item found afterwards refuses the withdrawal."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, select

from models.core.cases import WorkItem, WorkItemStatus, audit, get_case, transition
from models.core.clock import local_now
from models.core.errors import Conflict, PermissionDenied
from models.core.procedures import WITHDRAW
from models.procedures import get_procedure
from models.rules.withdrawal import withdrawal_refusal

REASON = "提交人撤回"


def _decided(session: Session, ref: str) -> int:
    return session.exec(select(func.count()).select_from(WorkItem)
                        .where(WorkItem.case_ref == ref, WorkItem.status == WorkItemStatus.done)).one()


def withdrawal_refused(*, session: Session, ref: str, actor: str) -> str | None:
    """Why `actor` may not withdraw case `ref` now (the desk hides its button then), or None."""
    refusal = _refusal(session, ref, actor)
    return refusal.reason if refusal else None


def _refusal(session: Session, ref: str, actor: str):
    case = get_case(session=session, ref=ref)
    procedure = get_procedure(case.kind)
    return withdrawal_refusal(actor_id=actor, opened_by=case.opened_by, withdrawable=procedure.withdrawable(case.status),
                              final=case.status in procedure.final, decided=_decided(session, ref))


def withdraw_case(*, session: Session, ref: str, actor: str, at: datetime | None = None) -> str:
    """Withdraw case `ref` for its submitter `actor`; the new status. Refused, nothing written, with the reason."""
    refusal = _refusal(session, ref, actor)
    if refusal is not None:
        if refusal.not_yours:
            raise PermissionDenied(actor=actor, action=f"撤回案件 {ref}", reason=refusal.reason)
        raise Conflict(f"案件 {ref} {refusal.reason}")
    at = at or local_now()
    case = get_case(session=session, ref=ref)
    # The submission's identity is released: the same request filed again after a withdrawal opens a new
    # case instead of finding the withdrawn one (the key is kept in the history).
    released, case.idempotency_key = case.idempotency_key, None
    session.add(case)
    status = transition(session=session, case=case, event=WITHDRAW, actor=actor, at=at,
                        details={"reason": REASON, **({"released_key": released} if released else {})})
    cancelled = session.execute(update(WorkItem).where(WorkItem.case_ref == ref, WorkItem.status == WorkItemStatus.open)
                                .values(status=WorkItemStatus.cancelled)
                                .returning(WorkItem.id, WorkItem.step)).all()
    if _decided(session, ref):
        raise Conflict(f"案件 {ref} 已有办理决定，不能撤回")
    for item_id, step in cancelled:
        audit(session=session, case_ref=ref, actor=actor, action=f"cancel:{step}",
              details={"work_item": item_id, "reason": REASON}, at=at)
    return status
