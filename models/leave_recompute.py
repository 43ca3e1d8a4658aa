"""A leave's own calendar-dependent dates, recomputed when a year's arrangement is imported.

考勤办法 二(二)2(3): the form and proofs are due within two working days of being back at work.
Both the day back and that deadline depend on the calendar; computed in an uncovered year they are
provisional (weekends only). `center calendar import` recomputes them for every open leave, moves
the materials item's basis to the new day back (its own due date is then recomputed with every
other work item) and audits the change.
"""
from __future__ import annotations

from sqlmodel import Session, select

from models.core.calendar import WorkdayCalendar
from models.core.cases import Case, WorkItem, WorkItemStatus, audit
from models.leave import LeaveRequest, span_of
from models.leave_open import day_times
from models.procedures import get_procedure
from models.rules.leave import back_at_work
from models.rules.leave_steps import STEP_MATERIALS
from models.core.settings import Policy


def recompute_filing_deadlines(*, session: Session, calendar: WorkdayCalendar, actor: str) -> int:
    """Recompute the day back and the filing deadline of every open leave whose deadline is
    provisional. Returns how many changed."""
    changed = 0
    rows = session.exec(select(LeaveRequest, Case).join(Case, Case.ref == LeaveRequest.case_ref)
                        .where(LeaveRequest.filing_due_provisional)).all()
    for leave, case in rows:
        if case.status in get_procedure(case.kind).final:
            continue
        policy = Policy.model_validate(case.policy)
        back = back_at_work(span_of(leave), calendar, day_times(policy))
        due = calendar.deadline(back, policy.leave_late_filing_days, policy.office_close)
        if (back, due.at, due.provisional) == (leave.back_at, leave.filing_due_at, leave.filing_due_provisional):
            continue
        audit(session=session, case_ref=case.ref, actor=actor, action="recompute_deadline",
              details={"deadline": "leave_filing", "from": leave.filing_due_at.isoformat(),
                       "to": due.at.isoformat(), "provisional": due.provisional,
                       "back_at": back.isoformat()})
        leave.back_at, leave.filing_due_at, leave.filing_due_provisional = back, due.at, due.provisional
        for item in session.exec(select(WorkItem).where(WorkItem.case_ref == case.ref,
                                                        WorkItem.step == STEP_MATERIALS,
                                                        WorkItem.status == WorkItemStatus.open)).all():
            item.due_from = back
        changed += 1
    return changed
