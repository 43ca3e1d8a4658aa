"""A substitute who leaves the window (退回, 调离, 借调) stops covering: every open or approved leave
naming them as substitute gets a new one by the B post's rule (AB岗工作制度 2: B岗 is another person on
post at the same window; models.core.roster.b_post_candidates), and the window head is told; the new
substitute is told too (AB岗工作制度 4, 6). Taken as the hand-off "substitute_left" (tasks/core/hand_offs.py)."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from models.core.cases import Case, audit
from models.core.org import Staff, staff_name
from models.core.recipients import staff_member, window_head
from models.core.roster import b_post_candidates
from models.leave.machine import REJECTED, WITHDRAWN
from models.leave.store import notice_context
from models.leave.tables import LeaveRequest
from tasks.core.messages import queue_notice


def new_substitute(session: Session, applicant_id: str, leaving_id: str) -> str | None:
    """The applicant's B post if the rule still allows them, else the first person it allows; None if nobody."""
    allowed = [s.id for s in b_post_candidates(session=session, staff_id=applicant_id) if s.id != leaving_id]
    b_post = session.get(Staff, applicant_id).b_post_id
    return b_post if b_post in allowed else next(iter(allowed), None)


def replace_leaving_substitute(*, session: Session, staff_id: str, case_ref: str, actor: str,
                               at: datetime) -> list[str]:
    """Re-substitute the leaves not yet over that name `staff_id`; the refs of the leaves changed."""
    changed = []
    leaves = session.exec(select(LeaveRequest).where(LeaveRequest.substitute_id == staff_id, LeaveRequest.back_at > at)
                          .order_by(LeaveRequest.case_ref)).all()
    for leave in leaves:
        case = session.get(Case, leave.case_ref)
        if case.status in (REJECTED, WITHDRAWN):
            continue
        leave.substitute_id = new_substitute(session, leave.staff_id, staff_id)
        audit(session=session, case_ref=case.ref, actor=actor, action="substitute_replaced", at=at,
              details={"from": staff_id, "to": leave.substitute_id, "by_case": case_ref})
        context = {**notice_context(session=session, case=case, leave=leave), "leaving": staff_name(session, staff_id),
                   "by_case": case_ref, "urgent": False}
        queue_notice(session=session, key=f"{case.ref}:substitute_replaced:{staff_id}", case_ref=case.ref,
                     recipients=window_head(session=session, window_id=leave.window_id),
                     template="leave_substitute_replaced", context=context)
        if leave.substitute_id:
            queue_notice(session=session, key=f"{case.ref}:substitute:{leave.substitute_id}", case_ref=case.ref,
                         recipients=staff_member(session=session, staff_id=leave.substitute_id),
                         template="leave_substitute", context=context)
        changed.append(case.ref)
    return changed
