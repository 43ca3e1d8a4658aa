"""The service case's own deadline rule (限时办结制度 2): the window head is reminded before a case is due."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from models.core.cases import Case
from models.core.recipients import window_head
from models.core.settings import Policy
from models.core.sweep import Notice, SweepFailure, per_row
from models.rules.workdays import WorkdayCalendar
from models.service_case.machine import ACCEPTED, SERVICE_CASE


def service_case_due_soon(session: Session, as_of: datetime, calendar: WorkdayCalendar,
                          policy: Policy) -> list[Notice | SweepFailure]:
    """限时办结制度 2: the window head answers for completion on time, so the head is reminded with the
    owner (whom the generic work-item rule reminds); keyed by the due date, so an extended case is
    reminded again before its new date. Escalation stays with the generic rule."""
    horizon = datetime.combine(calendar.add_working_days(as_of.date(), policy.remind_days_before),
                               policy.office_close)
    rows = session.exec(select(Case).where(Case.kind == SERVICE_CASE.kind, Case.status == ACCEPTED,
                                           Case.due_at >= as_of, Case.due_at <= horizon)).all()
    return per_row(rows, kind=SERVICE_CASE.kind, ref_of=lambda case: case.ref,
                   notices_of=lambda case: [Notice(
                       key=f"{case.ref}:due{case.due_at:%Y%m%d%H%M}:remind", procedure=SERVICE_CASE.kind,
                       case_ref=case.ref, level="remind", template="workitem_reminder",
                       recipients=window_head(session=session, window_id=case.window_id),
                       context={"case_ref": case.ref, "case_title": case.title, "step": f"限时办结：{case.title}",
                                "due_at": case.due_at, "provisional": case.due_provisional}, due_at=case.due_at)])


# What the deadline sweep asks of this procedure (models/procedures.py).
SWEEP_RULES = [service_case_due_soon]
