"""代行情况: what was decided for a person while they were away, reported to them on their return.

窗口工作人员AB岗工作制度 6: B岗责任人…待A岗责任人返岗后主动说明代行职责的情况,并将有关材料移交A岗责任人 —
on the record: one work item for the person back, on the case of their absence, listing every item
decided for them (the decisions' audit rows name whom they were taken for, models/core/workitems.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from models.core.cases import AuditEvent, WorkItem
from models.core.standin import away_now
from models.core.workitems import STOOD_IN_FOR

HANDOVER_STEP = "handover"


@dataclass(frozen=True)
class Decided:
    case_ref: str
    work_item: int
    title: str
    by: str


@dataclass(frozen=True)
class Handover:
    key: str
    for_id: str
    case_ref: str  # the absence's case (the leave, the secondment, the training), else the first decided item's
    decided: tuple[Decided, ...]


def handover_key(for_id: str, case_ref: str) -> str:
    return f"handover:{case_ref}:{for_id}"


def handovers_due(*, session: Session, as_of: datetime) -> list[Handover]:
    """One handover for each person back at `as_of` from an absence during which items were decided
    for them, unless it is already open or done."""
    events = session.exec(select(AuditEvent).where(AuditEvent.action.like("decide:%"),
                                                   AuditEvent.details[STOOD_IN_FOR].as_string().is_not(None))
                          .order_by(AuditEvent.id)).all()
    groups: dict[tuple[str, str], list[AuditEvent]] = {}
    for event in events:
        for_id = event.details[STOOD_IN_FOR]
        if for_id in away_now(session=session, at=as_of, staff_ids={for_id}):
            continue  # not back yet
        absence = away_now(session=session, at=event.at, staff_ids={for_id}).get(for_id)
        groups.setdefault((for_id, (absence and absence.case_ref) or event.case_ref), []).append(event)
    titles = {}
    ids = [e.details.get("work_item") for es in groups.values() for e in es]
    if ids:
        titles = dict(session.exec(select(WorkItem.id, WorkItem.title).where(WorkItem.id.in_(ids))).all())
    due = []
    for (for_id, case_ref), group in groups.items():
        key = handover_key(for_id, case_ref)
        if session.exec(select(WorkItem.id).where(WorkItem.key == key)).first() is None:
            due.append(Handover(key, for_id, case_ref, tuple(
                Decided(e.case_ref, e.details.get("work_item"), titles.get(e.details.get("work_item"), ""), e.actor)
                for e in group)))
    return due
