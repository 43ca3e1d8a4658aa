"""Attendance's rule for the deadline sweep: an exception not explained by its deadline is 未正常考勤
(考勤办法 二(三)1: 未在规定时间内提交相应证明的，一律视作未正常考勤，按相关规定予以扣分) — deducted once,
the case closed, the person, the window head and the management section told — unless the day, computed
again, no longer shows the exception (a punch supplied since): then it is closed as 已消除, nothing deducted.

The reminders and escalations of every attendance work item (the explanation, the head's registration,
the review) come from the generic work-item rule of models/core/sweep.py."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from models.attendance.machine import EXPLAIN, STEP_EXPLAIN
from models.attendance.store import cleared_reason
from models.attendance.rules import IRREGULAR, KIND_LABELS
from models.attendance.tables import AttendanceException
from models.core.cases import Case, WorkItem, WorkItemStatus, transition
from models.core.ledger import SubjectKind, deduct
from models.core.org import Role, staff_name
from models.core.recipients import role, staff_member, window_head
from models.core.settings import Policy
from models.core.sweep import Notice, SweepFailure, per_row
from models.core.workitems import cancel_open_items
from models.rules.workdays import WorkdayCalendar

LAPSED = "逾期未说明情况并提交证明"


def irregular_points(case: Case, policy: Policy) -> float:
    """The points of the rule version the case runs under (its copy of the policy)."""
    return case.policy.get("deduction_points", {}).get(IRREGULAR, policy.deduction_points[IRREGULAR])


def deduct_irregular(*, session: Session, case: Case, row: AttendanceException, why: str, actor: str,
                     policy: Policy) -> float:
    """二(三)1 未正常考勤: one entry in the ledger per exception (keyed by its case), however often asked."""
    points = irregular_points(case, policy)
    deduct(session=session, subject_kind=SubjectKind.staff, subject_id=row.staff_id, kind=IRREGULAR,
           points=points, case_ref=case.ref, on=row.day, actor=actor, year=row.day.year,
           reason=f"{row.day:%Y-%m-%d} {KIND_LABELS[row.kind]}，{why}，视作未正常考勤（考勤办法 二(三)1）")
    return points


def deduction_notice(*, session: Session, case: Case, row: AttendanceException, why: str, points: float,
                     due_at: datetime | None = None) -> Notice:
    recipients = [*staff_member(session=session, staff_id=row.staff_id),
                  *window_head(session=session, window_id=row.window_id), role(Role.management)]
    return Notice(f"{case.ref}:irregular", "attendance", case.ref, "overdue", "attendance_deduction", recipients,
                  {"case_ref": case.ref, "name": staff_name(session, row.staff_id), "day": row.day,
                   "kind": KIND_LABELS[row.kind], "why": why, "points": f"{points:g}"}, due_at)


def lapsed_explanations(session: Session, as_of: datetime, calendar: WorkdayCalendar,
                        policy: Policy) -> list[Notice | SweepFailure]:
    """The explanation's item still open after its due date: deducted once, the case closed as 未正常考勤."""
    rows = session.exec(
        select(Case, AttendanceException, WorkItem).join(WorkItem, WorkItem.case_ref == Case.ref)
        .join(AttendanceException, AttendanceException.case_ref == Case.ref)
        .where(WorkItem.status == WorkItemStatus.open, WorkItem.due_at < as_of, WorkItem.step == STEP_EXPLAIN,
               Case.status == EXPLAIN)).all()

    def lapse(case: Case, row: AttendanceException, item: WorkItem) -> list[Notice]:
        cleared = cleared_reason(session=session, case=case, row=row)
        if cleared:  # nothing left to prove: the advance's "clear", here
            cancel_open_items(session=session, case_ref=case.ref, actor="system", reason=cleared)
            transition(session=session, case=case, event="clear", actor="system", at=as_of, details={"reason": cleared})
            return []
        points = deduct_irregular(session=session, case=case, row=row, why=LAPSED, actor="system", policy=policy)
        cancel_open_items(session=session, case_ref=case.ref, actor="system", reason=LAPSED)
        transition(session=session, case=case, event="lapse", actor="system", at=as_of,
                   details={"due_at": item.due_at.isoformat()})
        return [deduction_notice(session=session, case=case, row=row, why=LAPSED, points=points, due_at=item.due_at)]

    return per_row(rows, kind="attendance", ref_of=lambda r: r[0].ref, notices_of=lambda r: lapse(*r),
                   session=session)


# What the deadline sweep asks of this procedure (models/procedures.py).
SWEEP_RULES = [lapsed_explanations]
