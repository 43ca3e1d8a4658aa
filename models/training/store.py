"""The training register in the store: the people expected at a session, the sessions and their
attendees, attendance figures per staff member and per window (学习培训制度 一–三).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlmodel import Session, func, select

from models.core.cases import Case
from models.core.errors import InvalidInput, NotFound, raise_all
from models.core.org import Role, Staff, StaffStatus, Window
from models.core.procedures import Recorded
from models.core.workitems import decided_item
from models.training.inputs import TrainingInput, present_ids
from models.training.machine import DEDUCTION_REVIEW, SCHEDULED, Facts
from models.training.rules import ATTENDANCE_LABELS, Attendance, Figures, counted_figures
from models.training.tables import TrainingAttendee, TrainingSession

WINDOW_PEOPLE = (Role.head, Role.staff)  # 学习培训制度 一: 派驻中心各窗口工作人员


def expected_staff(*, session: Session, request: TrainingInput) -> list[Staff]:
    """The people expected: named ones, every active person of the windows named, or everyone."""
    problems = []
    query = select(Staff).where(Staff.role.in_(WINDOW_PEOPLE), Staff.status == StaffStatus.active)
    people = {s.id: s for s in session.exec(query).all()} if request.everyone else {}
    for window_id in request.windows:
        if session.get(Window, window_id) is None:
            problems.append(InvalidInput(field="参加窗口", message=f"窗口 {window_id} 不存在"))
        people.update({s.id: s for s in session.exec(query.where(Staff.window_id == window_id)).all()})
    for staff_id in request.staff:
        staff = session.get(Staff, staff_id)
        if staff is None or staff.role not in WINDOW_PEOPLE:
            problems.append(InvalidInput(field="参加人员", message=f"{staff_id} 不是窗口工作人员"))
        else:
            people[staff.id] = staff
    raise_all(problems)
    return sorted(people.values(), key=lambda s: s.id)


def get_training(*, session: Session, ref: str) -> tuple[Case, TrainingSession]:
    training = session.get(TrainingSession, ref)
    if training is None:
        raise NotFound(field="培训编号", value=ref)
    return session.get(Case, ref), training


def attendees(*, session: Session, case_ref: str) -> list[TrainingAttendee]:
    return list(session.exec(select(TrainingAttendee).where(TrainingAttendee.case_ref == case_ref)
                             .order_by(TrainingAttendee.staff_id)).all())


def attendance_figures(*, session: Session, year: int, by: str) -> dict[str, Figures]:
    """学习培训制度 三: per staff member (`by="staff"`) or per window (`by="window"`) over the year's roll
    calls, counted by SQL GROUP BY (the sessions read by their index on starts_at)."""
    start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    column = TrainingAttendee.staff_id if by == "staff" else TrainingAttendee.window_id
    rows = session.exec(select(column, TrainingAttendee.attendance, func.count())
                        .join(TrainingSession, TrainingSession.case_ref == TrainingAttendee.case_ref)
                        .where(TrainingAttendee.attendance.is_not(None), TrainingSession.starts_at >= start,
                               TrainingSession.starts_at < end)
                        .group_by(column, TrainingAttendee.attendance)).all()
    return counted_figures([(key or "—", Attendance(a), n) for key, a, n in rows])


def facts_of(*, session: Session, case: Case, now: datetime) -> Facts:
    """The attendees, and the decided roll call (while scheduled) or review (after a roll call)."""
    training = session.get(TrainingSession, case.ref)
    rows = attendees(session=session, case_ref=case.ref)
    facts = Facts(case.status, training.organiser, tuple(a.staff_id for a in rows),
                  frozenset(a.staff_id for a in rows if a.excused_at is not None))
    step = {SCHEDULED: "roll_call", DEDUCTION_REVIEW: "review"}.get(case.status)
    item = decided_item(session=session, case_ref=case.ref, step=step) if step else None
    if item is None:
        return facts
    decided = {"decided_by": item.decided_by, "decided_at": item.decided_at, "comment": item.decision.get("comment", "")}
    if step == "roll_call":
        return replace(facts, present=frozenset(present_ids(item.decision)), **decided)
    return replace(facts, confirmed=item.decision["approve"], **decided)


def by_the_decider(facts: Facts, event: str) -> Recorded:
    """A decision's event is the decider's, with what they decided: the roll call's counts, or the
    review's comment."""
    if event in ("confirm", "dismiss"):
        return Recorded(actor=facts.decided_by, details={"comment": facts.comment})
    result = facts.attendance()
    return Recorded(actor=facts.decided_by,
                    details={ATTENDANCE_LABELS[a]: sum(v == a for v in result.values()) for a in Attendance})


def training_away(*, session: Session, staff_ids: set[str], at: datetime) -> dict[str, tuple[str, str | None]]:
    """Who of `staff_ids` is at a training they are registered for at `at` (not excused, not cancelled):
    who is away, as the stand-in asks (models.procedures.away_at_moment; AB岗工作制度 1)."""
    from models.core.cases import Case
    from models.training.machine import CANCELLED
    from models.training.tables import TrainingAttendee, TrainingSession

    rows = session.exec(
        select(TrainingAttendee.staff_id, TrainingAttendee.case_ref)
        .join(TrainingSession, TrainingSession.case_ref == TrainingAttendee.case_ref)
        .join(Case, Case.ref == TrainingAttendee.case_ref)
        .where(TrainingAttendee.staff_id.in_(staff_ids), TrainingSession.starts_at <= at, TrainingSession.ends_at > at,
               TrainingAttendee.excused_at.is_(None), Case.status != CANCELLED))
    return {staff_id: (f"参加培训 {case_ref}", case_ref) for staff_id, case_ref in rows}
