"""Completing a work item: the decision validated against its form, recorded atomically."""
from __future__ import annotations

from datetime import datetime

from models.db import session_scope
from models.forms import check_decision, validate_decision
from models.workitems import check_may_act, complete_work_item, get_work_item


def record_decision(*, item_id: int, actor: str, decision: dict,
                    at: datetime | None = None) -> tuple[str, str]:
    """Returns (case_ref, case kind). Conflict if someone else decided first. `at`: when it was
    decided (default now; demos and tests replay a scenario)."""
    with session_scope() as session:
        item = get_work_item(session=session, item_id=item_id)
        check_may_act(session=session, item=item, actor_id=actor)  # who first: an outsider learns nothing of the form
        clean = validate_decision(item.form, decision)
        complete_work_item(session=session, item_id=item_id, actor_id=actor, decision=clean, at=at)
        check_decision(session=session, item=item, decision=clean)
        from models.cases import get_case

        return item.case_ref, get_case(session=session, ref=item.case_ref).kind

