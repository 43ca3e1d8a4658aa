"""The complaint's own deadline rule: the handling section is reminded before the case is due.

The window's work items are reminded and escalated by the generic rule (models/core/sweep.py): one
working day before, to the assignee; once overdue, to the assignee, the management section and
the window head, once per working day. This rule adds the section that handles the case
(投诉处置规定 三(一)1: 窗口管理科负责协调…答复; 三(一)2: 投诉窗口负责联系相关窗口…答复), keyed by the
due date so an extended case is reminded again before its new date.
"""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from models.core.cases import Case
from models.complaint.tables import Complaint
from models.core.recipients import role
from models.complaint.rules import CHANNEL_LABELS, handling_role
from models.complaint.machine import COMPLAINT
from models.rules.workdays import WorkdayCalendar
from models.core.settings import Policy
from models.core.sweep import Notice, SweepFailure, per_row


def complaint_due_soon(session: Session, as_of: datetime, calendar: WorkdayCalendar,
                       policy: Policy) -> list[Notice | SweepFailure]:
    horizon_day = calendar.add_working_days(as_of.date(), policy.remind_days_before)
    horizon = datetime.combine(horizon_day, policy.office_close)
    rows = session.exec(
        select(Case, Complaint).join(Complaint, Complaint.case_ref == Case.ref)
        .where(Case.kind == COMPLAINT.kind, Case.status.not_in(COMPLAINT.final),
               Case.due_at >= as_of, Case.due_at <= horizon)
    ).all()
    return per_row(rows, kind=COMPLAINT.kind, ref_of=lambda row: row[0].ref,
                   notices_of=lambda row: [_due_soon(*row)])


def _due_soon(case: Case, complaint: Complaint) -> Notice:
    return Notice(key=f"{case.ref}:due{case.due_at:%Y%m%d%H%M}:remind", procedure=COMPLAINT.kind,
                  case_ref=case.ref, level="remind", template="complaint_due_soon",
                  recipients=[role(handling_role(complaint.channel))],
                  context={"case_ref": case.ref, "case_title": case.title,
                           "channel": CHANNEL_LABELS[complaint.channel],
                           "ticket_no": complaint.ticket_no or "", "due_at": case.due_at,
                           "provisional": case.due_provisional},
                  due_at=case.due_at)


# What the deadline sweep asks of this procedure (models/procedures.py).
SWEEP_RULES = [complaint_due_soon]
