"""Service cases at the window: the queries over the case details and the one-time notices, and the
window check (首问负责制度, 一次性告知制度, 限时办结制度)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, case as when
from sqlmodel import Session, func, select

from models.core.cases import Case, get_case
from models.core.errors import NotFound, PermissionDenied
from models.core.org import Staff, StaffStatus, Window
from models.core.workitems import decided_item
from models.procedures import current_guide
from models.service_case.machine import COMPLETED, REFERRED, SERVICE_CASE, Facts
from models.service_case.rules import CaseCounts, counts_summary, window_problem
from models.service_case.tables import OneTimeNotice, ServiceCase

COMPLETE_STEP = "complete"  # the work item of an accepted 承诺件: completed on time (限时办结制度 2)


def get_service_case(*, session: Session, ref: str) -> tuple[Case, ServiceCase]:
    case = get_case(session=session, ref=ref)
    record = session.get(ServiceCase, ref)
    if case.kind != SERVICE_CASE.kind or record is None:
        raise NotFound(field="窗口办件编号", value=ref)
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
        raise NotFound(field="办理人(--as)", value=actor_id)
    reason = window_problem(staff.window_id, staff.status == StaffStatus.active, window_id)
    if reason:
        raise PermissionDenied(actor=actor_id, action=action, reason=reason)
    return staff


def _counted(condition):
    return func.sum(when((condition, 1), else_=0))


def month_counts(*, session: Session, bounds: list[tuple[datetime, datetime]],
                 windows: set[str] | None = None) -> dict[tuple[int, str | None], CaseCounts]:
    """限时办结制度 1, 3: the service cases opened in each period of `bounds` (consecutive [start, end)),
    counted per (period's index, window id) by one SQL GROUP BY, read by the index on case.opened_at.
    `windows`: only the cases of these windows (None: every case)."""
    completed = Case.status == COMPLETED
    promised = and_(completed, Case.due_at.is_not(None))
    period = when(*[(Case.opened_at < end, n) for n, (_, end) in enumerate(bounds)], else_=None).label("period")
    filters = [Case.opened_at >= bounds[0][0], Case.opened_at < bounds[-1][1]]
    if windows is not None:
        filters.append(Case.window_id.in_(windows))
    rows = (select(period, Case.window_id.label("window_id"), Case.status.label("status"),
                   and_(completed, ServiceCase.completed_at.is_not(None),
                        ServiceCase.completed_at == ServiceCase.accepted_at).label("at_once"),
                   promised.label("promised"), and_(promised, ServiceCase.completed_at <= Case.due_at).label("on_time"))
            .join(ServiceCase, ServiceCase.case_ref == Case.ref).where(*filters).subquery())
    query = (select(rows.c.period, rows.c.window_id, func.count(), _counted(rows.c.status == COMPLETED),
                    _counted(rows.c.at_once), _counted(rows.c.promised), _counted(rows.c.on_time),
                    _counted(rows.c.status == REFERRED))
             .group_by(rows.c.period, rows.c.window_id))
    return {(period, window_id): CaseCounts(*(int(n or 0) for n in figures))
            for period, window_id, *figures in session.exec(query).all()}


def matter_counts(*, session: Session, start: datetime, end: datetime,
                  windows: set[str] | None = None) -> list[tuple[str | None, str, int]]:
    """The service cases opened in [start, end) per (window id, matter name): one SQL GROUP BY."""
    query = (select(Case.window_id, ServiceCase.matter_name, func.count())
             .join(ServiceCase, ServiceCase.case_ref == Case.ref)
             .where(Case.opened_at >= start, Case.opened_at < end)
             .group_by(Case.window_id, ServiceCase.matter_name))
    if windows is not None:
        query = query.where(Case.window_id.in_(windows))
    return [tuple(row) for row in session.exec(query).all()]


def notices_issued(*, session: Session, start: datetime, end: datetime) -> int:
    """一次性告知制度: the notices issued in [start, end), center-wide."""
    return session.exec(select(func.count()).select_from(OneTimeNotice)
                        .where(OneTimeNotice.issued_at >= start, OneTimeNotice.issued_at < end)).one()


def month_figures(*, session: Session, start: datetime, end: datetime) -> dict:
    """`center service stats`: the month's figures (`counts_summary`), every count by SQL; the cases of
    a window no longer in the organisation are named by their window id."""
    names = dict(session.exec(select(Window.id, Window.name)).all())
    counts = sum(month_counts(session=session, bounds=[(start, end)]).values(), CaseCounts())
    matters: dict[tuple[str, str], int] = {}
    for window_id, matter, n in matter_counts(session=session, start=start, end=end):
        key = (names.get(window_id, window_id or ""), matter)
        matters[key] = matters.get(key, 0) + n
    return counts_summary(counts, notices_issued(session=session, start=start, end=end),
                          [(w, m, n) for (w, m), n in matters.items()])


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
