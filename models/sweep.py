"""What the deadline sweep finds: notices due at a moment, from every procedure's rules.

A rule is `rule(session, as_of, calendar, policy) -> list[Notice]`; it selects by state and
due date through indexed queries. Every notice carries an idempotency key, so two sweeps at the
same moment, or a sweep run twice, queue each message once. The generic rule covers every work
item: a reminder before its due date, an escalation for each working day it is overdue.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from models.cases import Case, WorkItem, WorkItemStatus
from models.org import Role
from models.recipients import Recipient, leader_of, role, staff_member, window_head
from models.rules.workdays import WorkdayCalendar
from models.settings import Policy

# An item overdue for longer than this many working days gets only its latest escalations on
# a catch-up run (a sweep that was down for a month should not send thirty messages at once).
CATCH_UP_LEVELS = 5


@dataclass(frozen=True)
class Notice:
    key: str
    procedure: str
    case_ref: str | None  # None: a notice about no one case (e.g. a day with too few patrols)
    level: str  # "remind" or "overdue"
    template: str
    recipients: list[Recipient]
    context: dict = field(default_factory=dict)
    due_at: datetime | None = None


SweepRule = Callable[[Session, datetime, WorkdayCalendar, Policy], list[Notice]]
_RULES: list[SweepRule] = []


def sweep_rule(rule: SweepRule) -> SweepRule:
    _RULES.append(rule)
    return rule


def sweep_rules() -> list[SweepRule]:
    import models.catalog  # noqa: F401  (each procedure registers its rules)

    return list(_RULES)


def assignees(session: Session, item: WorkItem) -> list[Recipient]:
    if item.assignee_staff_id:
        return staff_member(session=session, staff_id=item.assignee_staff_id)
    if item.assignee_role == Role.head:
        return window_head(session=session, window_id=item.assignee_window_id)
    if item.assignee_role == Role.department:
        return leader_of(session=session, department_id=item.assignee_department_id)
    return [role(item.assignee_role)]


@sweep_rule
def work_item_deadlines(session: Session, as_of: datetime, calendar: WorkdayCalendar,
                        policy: Policy) -> list[Notice]:
    horizon_day = calendar.add_working_days(as_of.date(), policy.remind_days_before)
    horizon = datetime.combine(horizon_day, policy.office_close)
    rows = session.exec(
        select(WorkItem, Case).join(Case, Case.ref == WorkItem.case_ref)
        .where(WorkItem.status == WorkItemStatus.open, WorkItem.due_at <= horizon)
    ).all()
    notices = []
    for item, case in rows:
        context = {"case_ref": case.ref, "case_title": case.title, "step": item.title,
                   "due_at": item.due_at, "provisional": item.due_provisional}
        if as_of <= item.due_at:
            notices.append(Notice(f"{case.ref}:wi{item.id}:remind", case.kind, case.ref, "remind",
                                  "workitem_reminder", assignees(session, item), context, item.due_at))
            continue
        overdue = max(calendar.working_days_between(item.due_at.date(), as_of.date()), 1)
        escalate_to = [role(Role.management), *window_head(session=session, window_id=case.window_id)]
        for level in range(max(1, overdue - CATCH_UP_LEVELS + 1), overdue + 1):
            notices.append(Notice(f"{case.ref}:wi{item.id}:overdue{level}", case.kind, case.ref,
                                  "overdue", "workitem_overdue", [*assignees(session, item), *escalate_to],
                                  {**context, "overdue_days": level}, item.due_at))
    return notices
