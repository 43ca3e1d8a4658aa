"""催办: the management section or the case's submitter urges the person an open work item waits on — an
SMS and an e-mail (templates/core/workitem_urge.*), at most once a working day per item (the outbox key
holds the day, models/rules/urging.py), kept in the case's history as 催办 (counted in 逾期待办统计)."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from models.core.calendar import load_calendar
from models.core.cases import WorkItemStatus, audit, get_case
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.errors import Conflict, PermissionDenied
from models.core.org import Staff
from models.core.outbox import OutboxMessage, enqueue_many
from models.core.sweep import assignees
from models.core.workitems import actor_of, get_work_item
from models.rules.urging import URGE, urge_day, urge_refusal
from tasks.core.messages import notice_messages

TEMPLATE = "workitem_urge"


def _already(session: Session, key: str) -> bool:
    return session.exec(select(OutboxMessage.id).where(OutboxMessage.key.startswith(f"{key}:", autoescape=True))
                        .limit(1)).first() is not None


def _name(session: Session, staff_id: str) -> str:
    staff = session.get(Staff, staff_id)
    return staff.name if staff else staff_id


def urge_item(*, item_id: int, actor: str, at: datetime | None = None) -> str:
    """Urge the assignees of work item `item_id` for `actor`; the case's reference. Refused, nothing
    written: not the management section nor the submitter (403); the item decided, or urged already this
    working day (409)."""
    at = at or local_now()
    with session_scope() as session:
        item = get_work_item(session=session, item_id=item_id)
        case = get_case(session=session, ref=item.case_ref)
        person = actor_of(session=session, staff_id=actor)
        refusal = urge_refusal(actor_id=actor, actor_role=person.role, opened_by=case.opened_by,
                               item_open=item.status == WorkItemStatus.open)
        if refusal is not None:
            if refusal.not_yours:
                raise PermissionDenied(actor=actor, action=f"催办待办 {item_id}", reason=refusal.reason)
            raise Conflict(f"待办 {item_id} {refusal.reason}")
        day = urge_day(load_calendar(session=session), at.date())
        key = f"{case.ref}:wi{item.id}:urge{day:%Y%m%d}"
        if _already(session, key):
            raise Conflict(f"待办 {item_id} 本工作日（{day:%Y-%m-%d}）已催办，请勿重复催办")
        recipients = assignees(session, item)
        messages = notice_messages(key=key, case_ref=case.ref, recipients=recipients, template=TEMPLATE,
                                   context={"case_ref": case.ref, "case_title": case.title, "step": item.title,
                                            "due_at": item.due_at, "by": _name(session, actor)})
        if not messages:
            raise Conflict(f"待办 {item_id} 的办理人没有登记手机或邮箱，无法催办")
        if enqueue_many(session=session, messages=messages, at=at) == 0:  # a concurrent urge won
            raise Conflict(f"待办 {item_id} 本工作日（{day:%Y-%m-%d}）已催办，请勿重复催办")
        audit(session=session, case_ref=case.ref, actor=actor, action=URGE, at=at,
              details={"work_item": item.id, "step": item.title, "day": day.isoformat(),
                       "to": "、".join(r.label for r in recipients)})
        return case.ref
