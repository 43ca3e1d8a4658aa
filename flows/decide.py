"""Deciding a work item: one short flow run — record the decision, then advance the case."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from prefect import flow, tags

from flows.registry import advance_flow
from tasks.workitems import complete_item


@flow(name="办理待办")
def decide_work_item(item_id: int, actor: str, decision: dict[str, Any], at: datetime | None = None) -> str:
    case_ref, kind = complete_item(item_id=item_id, actor=actor, decision=decision, at=at)
    with tags(case_ref):
        return advance_flow(kind)(case_ref=case_ref, actor=actor)
