"""退回修改 with its notice: the case store's send-back (models/core/send_back.py) and the SMS and e-mail
telling the person it goes back to why (templates/core/workitem_sent_back.*), in one transaction; and
the resubmission's follow-up, the step opened again and announced to whoever decides it."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.core.cases import WorkItem, get_case
from models.core.org import Staff
from models.core.recipients import staff_member
from models.core.send_back import resubmitted, send_back
from tasks.core.human_steps import announce_work_item
from tasks.core.messages import queue_notice

TEMPLATE = "workitem_sent_back"


def send_back_with_notice(*, session: Session, item_id: int, actor: str, reason: str,
                          at: datetime | None = None) -> WorkItem:
    """Send the item's case back (refusals raise before anything is written); the resubmission item."""
    sent = send_back(session=session, item_id=item_id, actor=actor, reason=reason, at=at)
    by = session.get(Staff, actor)
    queue_notice(session=session, key=f"{sent.resubmission.key}:sent_back", case_ref=sent.case.ref,
                 recipients=staff_member(session=session, staff_id=sent.target), template=TEMPLATE,
                 context={"case_ref": sent.case.ref, "case_title": sent.case.title, "step": sent.item.title,
                          "by": by.name if by else actor, "reason": sent.reason, "resubmit": sent.resubmission.title,
                          "due_at": sent.resubmission.due_at})
    return sent.resubmission


def after_decision(*, session: Session, item: WorkItem, actor: str, at: datetime | None = None) -> None:
    """A 修改后重新提交 item just done: the step that sent the case back opens again and is announced."""
    again = resubmitted(session=session, item=item, actor=actor, at=at)
    if again is not None:
        announce_work_item(session, get_case(session=session, ref=item.case_ref), again)
