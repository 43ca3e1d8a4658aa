"""已办 and 我发起的: the work items a person decided, and the cases a person opened, newest first, each
narrowed by a text on the case's reference or title. Kept apart from the to-do query
(models/core/workitems.py open_items_for_actor), which answers who may act, not who did."""
from __future__ import annotations

from sqlalchemy import or_
from sqlmodel import select
from sqlmodel.sql.expression import Select

from models.core.cases import Case, WorkItem, WorkItemStatus

MAX_FILTER = 40


def _matching(statement: Select, text: str) -> Select:
    """The cases whose reference or title contains `text` (a literal: % and _ are not wildcards)."""
    text = text.strip()[:MAX_FILTER]
    if not text:
        return statement
    return statement.where(or_(Case.ref.contains(text.upper(), autoescape=True),
                               Case.title.contains(text, autoescape=True)))


def decided_by(staff_id: str, text: str = "") -> Select:
    """(WorkItem, Case) of the items `staff_id` decided — a step sent back for correction included (its item
    cancelled, the send-back its decision) — the latest decision first."""
    statement = (select(WorkItem, Case).join(Case, Case.ref == WorkItem.case_ref)
                 .where(WorkItem.decided_by == staff_id,
                        WorkItem.status.in_((WorkItemStatus.done, WorkItemStatus.cancelled))))
    return _matching(statement, text).order_by(WorkItem.decided_at.desc(), WorkItem.id.desc())


def opened_by(staff_id: str, text: str = "") -> Select:
    """The cases `staff_id` opened or submitted, the newest first."""
    return _matching(select(Case).where(Case.opened_by == staff_id), text) \
        .order_by(Case.opened_at.desc(), Case.ref.desc())


def open_items_of(session, refs: set[str]) -> dict[str, list[WorkItem]]:
    """The open work items of these cases, by case: who must act now, and by when."""
    found: dict[str, list[WorkItem]] = {ref: [] for ref in refs}
    if refs:
        for item in session.exec(select(WorkItem).where(WorkItem.case_ref.in_(refs),
                                                        WorkItem.status == WorkItemStatus.open)
                                 .order_by(WorkItem.id)).all():
            found[item.case_ref].append(item)
    return found
