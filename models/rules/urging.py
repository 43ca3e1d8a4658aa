"""催办: who may urge the person a work item waits on, and which working day an urge counts for. The
regulations ask the management section to supervise the time limits (限时办结制度 2; 窗口管理科 督办
as with an overdue item, models/core/sweep.py); the issue (#29 item 5) lets the case's submitter urge
too, at most once a working day per item. Pure."""
from __future__ import annotations

from datetime import date

from models.rules.roles import Role
from models.rules.withdrawal import Refusal
from models.rules.workdays import WorkdayCalendar

URGE = "urge"  # the audit action of an urge (its label: 催办), counted in 逾期待办统计


def urge_refusal(*, actor_id: str, actor_role: Role, opened_by: str, item_open: bool) -> Refusal | None:
    """Why `actor_id` may not urge the item, or None when they may."""
    if actor_role != Role.management and actor_id != opened_by:
        return Refusal("只有窗口管理科或案件提交人可以催办", not_yours=True)
    if not item_open:
        return Refusal("待办已办理或已取消，无需催办", not_yours=False)
    return None


def urge_day(calendar: WorkdayCalendar, today: date) -> date:
    """The working day an urge made `today` counts for: today, or on a day off the next working day —
    so a weekend's urges and Monday's are one."""
    return today if calendar.is_working_day(today) else calendar.next_working_day(today)
