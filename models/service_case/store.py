"""Service cases at the window: the queries over the case details and the one-time notices, and the
window check (首问负责制度, 一次性告知制度, 限时办结制度)."""
from __future__ import annotations

from datetime import datetime

from typing import Any

from sqlmodel import Session, func, select

from models.core.cases import Case, get_case
from models.core.errors import NotFound, PermissionDenied
from models.core.org import Staff, StaffStatus, Window
from models.core.workitems import decided_item
from models.procedures import current_guide
from models.service_case.machine import SERVICE_CASE, Facts
from models.service_case.rules import window_problem
from models.service_case.tables import OneTimeNotice, ServiceCase

COMPLETE_STEP = "complete"  # the work item of an accepted 承诺件: completed on time (限时办结制度 2)


def get_service_case(*, session: Session, ref: str) -> tuple[Case, ServiceCase]:
    case = get_case(session=session, ref=ref)
    record = session.get(ServiceCase, ref)
    if case.kind != SERVICE_CASE.kind or record is None:
        raise NotFound("窗口办件编号", ref)
    return case, record


def notices_of(*, session: Session, case_ref: str) -> list[OneTimeNotice]:
    return list(session.exec(select(OneTimeNotice).where(OneTimeNotice.case_ref == case_ref)
                             .order_by(OneTimeNotice.number)).all())


def materials_to_check(*, session: Session, record: ServiceCase) -> tuple[Any, list[Any]]:
    """The matter's current guide and the materials to check (the matter's `CurrentGuide` and its
    `Material`s, read through the list of procedures: models/procedures.py `current_guide`).
    一次性告知制度 2: a first visit checks every material of the guide; once a notice was issued,
    a return visit checks only the items still outstanding from it."""
    guide = current_guide(session=session, code=record.matter_code)
    if not notices_of(session=session, case_ref=record.case_ref):
        return guide, list(guide.materials)
    return guide, [m for m in guide.materials if m.name in record.outstanding]


def check_window_staff(*, session: Session, actor_id: str, window_id: str | None, action: str) -> Staff:
    """首问负责制度; 限时办结制度 2: only the staff of the window concerned act on its cases."""
    staff = session.get(Staff, actor_id)
    if staff is None:
        raise NotFound("办理人(--as)", actor_id)
    reason = window_problem(staff.window_id, staff.status == StaffStatus.active, window_id)
    if reason:
        raise PermissionDenied(actor_id, action, reason)
    return staff


def month_facts(*, session: Session, start: datetime, end: datetime) -> tuple[list[dict], int]:
    """The cases opened in [start, end) as dicts for `month_summary`, and the notices issued then."""
    rows = session.exec(select(Case, ServiceCase).join(ServiceCase, ServiceCase.case_ref == Case.ref)
                        .where(Case.opened_at >= start, Case.opened_at < end)).all()
    windows = {w.id: w.name for w in session.exec(select(Window)).all()}
    cases = [{"window": windows.get(case.window_id, case.window_id or ""), "matter": record.matter_name,
              "status": case.status, "due_at": case.due_at, "completed_at": record.completed_at,
              "at_once": record.completed_at is not None and record.completed_at == record.accepted_at}
             for case, record in rows]
    notices = session.exec(select(func.count()).select_from(OneTimeNotice)
                           .where(OneTimeNotice.issued_at >= start, OneTimeNotice.issued_at < end)).one()
    return cases, notices


def facts_of(*, session: Session, case: Case, now: datetime) -> Facts:
    """The case's status and the completion decided on its work item, if any."""
    get_service_case(session=session, ref=case.ref)
    item = decided_item(session=session, case_ref=case.ref, step=COMPLETE_STEP)
    if item is None:
        return Facts(status=case.status)
    return Facts(status=case.status, completed=True, decided_by=item.decided_by, decided_at=item.decided_at)


def citizens_in(*, session: Session, refs: set[str]) -> list[tuple[str, str]]:
    """(name, phone) of the applicants in the cases `refs`: what the sweep's report masks."""
    return list(session.exec(select(ServiceCase.applicant, ServiceCase.phone)
                             .where(ServiceCase.case_ref.in_(refs))).all())
