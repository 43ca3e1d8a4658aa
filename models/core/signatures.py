"""The e-signatures (电子签批) of a case: who decided each of its human steps, when, and with what
comment — read from the case's decided work items, so every rendered form can show who signed each
of its boxes (进出管理制度、考勤办法: 审核签字 by the window head, the management section …)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from models.core.cases import WorkItem, WorkItemStatus
from models.core.org import staff_name


@dataclass(frozen=True)
class Signature:
    step: str
    title: str
    signer: str  # the decider's name, or their id when no staff record names them
    signer_id: str
    at: datetime
    approve: bool | None  # None: a step that acknowledges rather than approves
    comment: str


def signatures_of(*, session: Session, case_ref: str) -> list[Signature]:
    """Every decided work item of the case, in the order they were decided."""
    items = session.exec(select(WorkItem).where(WorkItem.case_ref == case_ref, WorkItem.status == WorkItemStatus.done)
                         .order_by(WorkItem.decided_at, WorkItem.id)).all()
    signatures = []
    for item in items:
        decision = item.decision or {}
        signatures.append(Signature(step=item.step, title=item.title, signer=staff_name(session, item.decided_by),
                                    signer_id=item.decided_by, at=item.decided_at, approve=decision.get("approve"),
                                    comment=str(decision.get("comment") or decision.get("reason") or "")))
    return signatures


def version_key(key: str, signatures: list[Signature]) -> str:
    """The document key of a form's version after `signatures`: the unsigned form keeps `key`, each
    signature adds a version, so the one printed before a signature stays in the history."""
    return f"{key}:signed{len(signatures)}" if signatures else key
