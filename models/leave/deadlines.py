"""The leave procedure's own deadlines, for the sweep: late filing recorded in the ledger, and
the B post told the working day before the leave starts; and its calendar-dependent dates,
recomputed when a year's arrangement is imported.

The reminders and escalations of every leave work item (the proof to hand in, the signatures, the
attendance registration) come from the generic work-item rule of models/core/sweep.py.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from models.core.cases import Case, WorkItem, WorkItemStatus, audit
from models.core.ledger import SubjectKind, deduct
from models.core.org import Role
from models.core.recipients import role, staff_member, window_head
from models.core.settings import Policy
from models.core.sweep import Notice, SweepFailure, per_row
from models.core.workitems import open_item
from models.leave.machine import FINAL, REGISTERED, REGISTRATION, STEP_MATERIALS
from models.leave.rules import back_at_work, handover_day
from models.leave.store import day_times, notice_context, span_of
from models.leave.tables import LeaveRequest
from models.rules.workdays import WorkdayCalendar

IRREGULAR = "attendance.irregular"  # 未正常考勤 (a key of Policy.deduction_points)


def irregular_points(case: Case, policy: Policy) -> float:
    """The points of the rule version the case runs under (its copy of the policy)."""
    return case.policy.get("deduction_points", {}).get(IRREGULAR, policy.deduction_points[IRREGULAR])


def deduct_late_filing(*, session: Session, case: Case, leave: LeaveRequest, on: date,
                       policy: Policy) -> bool:
    """考勤办法 二(三)1: 未在规定时间内提交相应证明的，一律视作未正常考勤或请假，按相关规定予以扣分.
    True when newly recorded."""
    _, created = deduct(session=session, subject_kind=SubjectKind.staff, subject_id=leave.staff_id,
                        kind=IRREGULAR, points=irregular_points(case, policy), case_ref=case.ref, on=on,
                        reason=f"请假 {case.ref} 未在 {leave.filing_due_at:%Y-%m-%d %H:%M} 前补交请假报告单及证明，"
                               "视作未正常考勤（考勤办法 二(三)1）")
    return created


def late_filing_notice(*, session: Session, case: Case, leave: LeaveRequest, points: float) -> Notice:
    recipients = [*staff_member(session=session, staff_id=leave.staff_id),
                  *window_head(session=session, window_id=leave.window_id), role(Role.management)]
    return Notice(f"{case.ref}:late_filing", "leave", case.ref, "overdue", "leave_deduction", recipients,
                  {**notice_context(session=session, case=case, leave=leave), "points": f"{points:g}"},
                  leave.filing_due_at)


def late_filing(session: Session, as_of: datetime, calendar: WorkdayCalendar,
                policy: Policy) -> list[Notice | SweepFailure]:
    """Proof still missing after the filing deadline: 未正常考勤 in the ledger, once per case."""
    rows = session.exec(
        select(Case, LeaveRequest).join(WorkItem, WorkItem.case_ref == Case.ref)
        .join(LeaveRequest, LeaveRequest.case_ref == Case.ref)
        .where(WorkItem.status == WorkItemStatus.open, WorkItem.due_at < as_of, WorkItem.step == STEP_MATERIALS)
    ).all()

    def recorded(case: Case, leave: LeaveRequest) -> list[Notice]:
        deduct_late_filing(session=session, case=case, leave=leave, on=as_of.date(), policy=policy)
        return [late_filing_notice(session=session, case=case, leave=leave, points=irregular_points(case, policy))]

    return per_row(rows, kind="leave", ref_of=lambda row: row[0].ref,
                   notices_of=lambda row: recorded(*row), session=session)


def _days_before(case: Case, policy: Policy) -> int:
    return case.policy.get("handover_days_before", policy.handover_days_before)


def substitute_handover(session: Session, as_of: datetime, calendar: WorkdayCalendar,
                        policy: Policy) -> list[Notice | SweepFailure]:
    """AB岗 4: 提前一天主动向B岗责任人做好衔接 — the substitute of an approved leave is told on the
    working day before its first working day."""
    today = as_of.date()
    horizon = calendar.add_working_days(today, policy.handover_days_before)
    # Selected by start day alone (its index), the status checked on those few rows: with the status
    # in the query, SQLite without statistics reads every leave in that status (bench/bench_sweep.py).
    rows = session.exec(
        select(Case, LeaveRequest).join(LeaveRequest, LeaveRequest.case_ref == Case.ref)
        .where(LeaveRequest.start_day > today, LeaveRequest.start_day <= horizon,
               LeaveRequest.substitute_id.is_not(None))
    ).all()

    def handover(case: Case, leave: LeaveRequest) -> list[Notice]:
        if handover_day(span_of(leave), calendar, _days_before(case, policy)) != today:
            return []
        return [Notice(f"{case.ref}:handover", "leave", case.ref, "remind", "leave_handover",
                       staff_member(session=session, staff_id=leave.substitute_id),
                       notice_context(session=session, case=case, leave=leave))]

    return per_row([row for row in rows if row[0].status in (REGISTRATION, REGISTERED)],
                   kind="leave", ref_of=lambda row: row[0].ref, notices_of=lambda row: handover(*row))


# What the deadline sweep asks of this procedure (models/procedures.py).
SWEEP_RULES = [late_filing, substitute_handover]


# A leave's own calendar-dependent dates, recomputed when a year's arrangement is imported.
#
# 考勤办法 二(二)2(3): the form and proofs are due within two working days of being back at work.
# Both the day back and that deadline depend on the calendar; computed in an uncovered year they are
# provisional (weekends only). `center calendar import` recomputes them for every open leave, moves
# the materials item's basis to the new day back (its own due date is then recomputed with every
# other work item) and audits the change.

def recompute_filing_deadlines(*, session: Session, calendar: WorkdayCalendar, actor: str) -> int:
    """Recompute the day back and the filing deadline of every open leave whose deadline is
    provisional. Returns how many changed."""
    changed = 0
    rows = session.exec(select(LeaveRequest, Case).join(Case, Case.ref == LeaveRequest.case_ref)
                        .where(LeaveRequest.filing_due_provisional)).all()
    for leave, case in rows:
        if case.status in FINAL:
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
        item = open_item(session=session, case_ref=case.ref, step=STEP_MATERIALS)
        if item is not None:
            item.due_from = back
        changed += 1
    return changed
