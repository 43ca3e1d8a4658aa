"""The rotation's own reminder for the deadline sweep: the department and the management section are
reminded a number of working days (Policy.rotation_remind_days) before a rotation takes effect.
The review and departure work items are reminded and escalated by the generic rule already."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from models.core.cases import Case
from models.core.org import Department, Role, Window
from models.core.recipients import department_leader, role
from models.rotation.machine import APPROVED, REVIEW
from models.rotation.tables import RotationProposal
from models.rules.workdays import WorkdayCalendar
from models.core.settings import Policy
from models.core.sweep import Notice, SweepFailure, per_row


def rotation_reminders(session: Session, as_of: datetime, calendar: WorkdayCalendar,
                       policy: Policy) -> list[Notice | SweepFailure]:
    horizon = calendar.add_working_days(as_of.date(), policy.rotation_remind_days)
    rows = session.exec(
        select(RotationProposal, Case, Window, Department)
        .join(Case, Case.ref == RotationProposal.case_ref)
        .join(Window, Window.id == RotationProposal.window_id)
        .join(Department, Department.id == RotationProposal.department_id)
        .where(RotationProposal.effective_date <= horizon, RotationProposal.effective_date >= as_of.date())
    ).all()
    # The status is checked on the rows the effective date's index found: in the query, it lures SQLite
    # (no statistics) onto the status index, which reads every case in review (bench/bench_sweep.py).
    return per_row([row for row in rows if row[1].status in (REVIEW, APPROVED)],
                   kind="rotation", ref_of=lambda row: row[1].ref,
                   notices_of=lambda row: [_reminder(*row, policy)])


def _reminder(proposal: RotationProposal, case: Case, window: Window, department: Department,
              policy: Policy) -> Notice:
    return Notice(key=f"{case.ref}:effective:remind", procedure="rotation", case_ref=case.ref,
                  level="remind", template="rotation_reminder",
                  recipients=[department_leader(department), role(Role.management)],
                  context={"case_ref": case.ref, "window_name": window.name,
                           "effective_date": proposal.effective_date, "reviewed": case.status == APPROVED},
                  due_at=datetime.combine(proposal.effective_date, policy.office_open))


# What the deadline sweep asks of this procedure (models/procedures.py).
SWEEP_RULES = [rotation_reminders]
