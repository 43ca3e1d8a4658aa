"""Completing a work item: the decision validated against its form, recorded atomically."""
from __future__ import annotations

from datetime import datetime

from models.core.db import session_scope
from models.core.forms import check_decision, validate_decision
from models.core.cases import WorkItemStatus
from models.core.send_back import SEND_BACK_DECISION
from models.core.workitems import check_may_act, complete_work_item, get_work_item
from tasks.core.send_back import after_decision, send_back_with_notice
from tasks.core.step_context import step_is_retry


def record_decision(*, item_id: int, actor: str, decision: dict,
                    at: datetime | None = None) -> tuple[str, str]:
    """Returns (case_ref, case kind). Conflict if someone else decided first. `at`: when it was
    decided (default now; demos and tests replay a scenario). A send-back decision
    ({"send_back": True, "reason": …}) sends the case back for correction instead (tasks/core/send_back.py)."""
    with session_scope() as session:
        item = get_work_item(session=session, item_id=item_id)
        if decision.get(SEND_BACK_DECISION) is True:
            if step_is_retry() and item.status == WorkItemStatus.cancelled:
                return item.case_ref, _kind(session, item.case_ref)
            send_back_with_notice(session=session, item_id=item_id, actor=actor,
                                  reason=str(decision.get("reason") or ""), at=at)
            return item.case_ref, _kind(session, item.case_ref)
        if step_is_retry() and item.status == WorkItemStatus.done and item.decided_by == actor:
            # The same step again after its worker died: the decision went through, the advance
            # may not have (models/core/step_requests.py); advancing again converges.
            return item.case_ref, _kind(session, item.case_ref)
        check_may_act(session=session, item=item, actor_id=actor, at=at)  # who first: an outsider learns nothing of the form
        clean = validate_decision(item.form, decision)
        complete_work_item(session=session, item_id=item_id, actor_id=actor, decision=clean, at=at)
        check_decision(session=session, item=item, decision=clean)
        after_decision(session=session, item=item, actor=actor, at=at)
        return item.case_ref, _kind(session, item.case_ref)


def _kind(session, case_ref: str) -> str:
    from models.core.cases import get_case

    return get_case(session=session, ref=case_ref).kind



def case_of_item(item_id: int) -> str | None:
    """The case of a work item (None if there is no such item: the step itself then refuses)."""
    from models.core.cases import WorkItem

    with session_scope() as session:
        item = session.get(WorkItem, item_id)
        return item.case_ref if item else None
