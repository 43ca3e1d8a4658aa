"""Attendance's side effects, one transaction each: the clock records imported (checked whole, then
written once) and the exceptions of the days they cover computed, each unexcused one opening its case;
an explanation handed in with its proof; and the generic step's effects (STEPS, tasks/core/advance.py):
the person asked, the window head's registration opened (二(一)6), the management section's review,
未正常考勤 deducted (二(三)1)."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from sqlmodel import Session

from models.attendance.deadlines import deduct_irregular, deduction_notice
from models.attendance.machine import (ATTENDANCE, EXPLAIN, STEP_EXPLAIN, STEP_REGISTER, STEP_REVIEW, Facts,
                                       next_event)
from models.attendance.rules import KIND_LABELS, Hours, Kind, Punch, explain_errors
from models.attendance.store import (checked_punches, cleared_refs, day_exceptions, facts_of, file_rows,
                                     punches_of, record_punches)
from models.attendance.tables import AttendanceException
from models.core.calendar import load_calendar
from models.core.cases import Case, open_case
from models.core.db import session_scope
from models.core.documents import store_attachment
from models.core.errors import InvalidInput, InvalidTransition, raise_all
from models.core.org import Role, Staff
from models.core.procedures import Recorded, Steps
from models.core.recipients import staff_member
from models.core.settings import Policy, get_settings
from models.core.workitems import (cancel_open_items, check_management, check_may_act, complete_work_item,
                                   open_item, open_work_item)
from tasks.core.human_steps import announce_work_item, open_section_step
from tasks.core.messages import queue_notice
from tasks.core.plain_calls import task

PROOF = "attendance_proof"  # the kind of a proof's document


# ---------------------------------------------------------------- import and compute

def _days(punches: list[Punch]) -> tuple[date, date] | None:
    days = [p.at.date() for p in punches]
    return (min(days), max(days)) if days else None


def open_exceptions(*, session: Session, start: date, end: date, actor: str, now: datetime) -> list[str]:
    """二(一)2–3: each working day in [start, end] that is over by `now` (the calendar's, 调休 Saturdays
    included), each person on post, each finding (the excuses are applied in computing it) opens one case — once (its idempotency key:
    person, day, kind). Returns the refs opened now."""
    policy = get_settings().policy
    hours, calendar = Hours.of(policy), load_calendar(session=session)
    opened = []
    day = start
    while day <= end and day < now.date():
        if calendar.is_working_day(day):
            for staff, finding, checks in day_exceptions(session=session, day=day, hours=hours):
                key = f"attendance:{staff.id}:{day.isoformat()}:{finding.kind.value}"
                case, created = open_case(session=session, kind="attendance", actor=actor, idempotency_key=key,
                                          title=f"考勤异常：{staff.name} {day:%Y-%m-%d} {finding.label()}",
                                          window_id=staff.window_id, subject_staff_id=staff.id, at=now,
                                          policy=policy.model_dump(mode="json"))
                if created:
                    session.add(AttendanceException(case_ref=case.ref, staff_id=staff.id, window_id=staff.window_id,
                                                    day=day, kind=finding.kind, due_at=finding.due,
                                                    punch_at=finding.punch, checks=checks))
                    session.flush()
                    opened.append(case.ref)
        day += timedelta(days=1)
    return opened


def import_clock_records(*, rows: list[dict], source: str, actor: str, now: datetime,
                         check_actor: bool = True) -> dict:
    """考勤办法 二(一)2: the attendance system's records, checked whole (every bad row named, nothing
    written if any is bad), written once, then the exceptions of the days they cover computed: the new
    ones opened, and those waiting for an explanation that the records now cure found ("cleared": their
    advance closes them as 已消除)."""
    with session_scope() as session:
        if check_actor:
            check_management(session=session, actor_id=actor, action="导入考勤记录",
                             reason="只有窗口管理科可以导入考勤记录（考勤办法 一：窗口管理科负责考勤）")
        punches = checked_punches(session=session, rows=rows)
        added, existing = record_punches(session=session, punches=punches, source=source, actor=actor, at=now)
        days = _days(punches)
        refs = open_exceptions(session=session, start=days[0], end=days[1], actor=actor, now=now) if days else []
        cleared = cleared_refs(session=session, start=days[0], end=days[1]) if days else []
        return {"added": added, "existing": existing, "opened": refs, "cleared": cleared,
                "start": days[0].isoformat() if days else None, "end": days[1].isoformat() if days else None}


def import_clock_file(*, path: Path, actor: str, now: datetime) -> dict:
    return import_clock_records(rows=file_rows(path), source=path.name, actor=actor, now=now)


def compute_exceptions(*, start: date, end: date, actor: str, now: datetime) -> tuple[list[str], list[str]]:
    """Compute again (idempotent): the management section, after a late leave or roster change. Returns
    the exceptions opened and those found cleared (waiting for an explanation, no longer found)."""
    with session_scope() as session:
        check_management(session=session, actor_id=actor, action="计算考勤异常")
        return (open_exceptions(session=session, start=start, end=end, actor=actor, now=now),
                cleared_refs(session=session, start=start, end=end))


import_clock_file_task = task(name="导入考勤记录")(import_clock_file)
import_clock_records_task = task(name="接收考勤记录")(import_clock_records)
compute_exceptions_task = task(name="计算考勤异常")(compute_exceptions)


# ---------------------------------------------------------------- the person's explanation, with proof

def explain_exception(*, case_ref: str, explanation: str, files: list[str], actor: str, now: datetime) -> None:
    """二(一)3 需提供相关证明: the person explains, the proofs kept with the case, the item completed."""
    with session_scope() as session:
        case = session.get(Case, case_ref)
        if case is None or case.kind != "attendance":
            raise InvalidInput(field="case_ref", message=f"{case_ref} 不是考勤异常", label="考勤异常编号")
        item = open_item(session=session, case_ref=case_ref, step=STEP_EXPLAIN)
        if case.status != EXPLAIN or item is None:
            raise InvalidTransition(kind_label=ATTENDANCE.label, status_label=ATTENDANCE.status_label(case.status), event_label="说明情况")
        raise_all(explain_errors(explanation=explanation))
        check_may_act(session=session, item=item, actor_id=actor, at=now)
        for path in files:
            store_attachment(session=session, case_ref=case_ref, kind=PROOF, source=Path(path), actor=actor, at=now)
        complete_work_item(session=session, item_id=item.id, actor_id=actor,
                           decision={"explanation": explanation.strip(), "proofs": len(files)}, at=now)


explain_exception_task = task(name="说明考勤异常")(explain_exception)


# ---------------------------------------------------------------- the generic step's effects

def _context(session: Session, case: Case, row: AttendanceException) -> dict:
    staff = session.get(Staff, row.staff_id)
    punches = punches_of(session=session, staff_ids={row.staff_id}, day=row.day).get(row.staff_id, [])
    return {"case_ref": case.ref, "name": staff.name if staff else row.staff_id, "day": row.day,
            "kind": KIND_LABELS[row.kind], "due_time": f"{row.due_at:%H:%M}",
            "due_label": "签到" if row.kind in (Kind.late, Kind.no_in) else "签退",
            "punches": "、".join(f"{p:%H:%M:%S}" for p in punches) or "无"}


def _ask(*, session: Session, case: Case, now: datetime, **_) -> None:
    """二(一)3: the person explains with proof within the policy's working days (the case's copy)."""
    row = session.get(AttendanceException, case.ref)
    policy = Policy.model_validate(case.policy)
    due = load_calendar(session=session).deadline(case.opened_at, policy.attendance_proof_days, policy.office_close)
    item = open_work_item(session=session, key=f"{case.ref}:{STEP_EXPLAIN}", case_ref=case.ref, step=STEP_EXPLAIN,
                          title=f"说明{row.day:%Y-%m-%d}{KIND_LABELS[row.kind]}并上传证明", role=Role.staff,
                          staff_id=row.staff_id, form="attendance_explain", due_at=due.at, due_from=case.opened_at,
                          due_days=policy.attendance_proof_days, due_provisional=due.provisional, at=now)
    queue_notice(session=session, key=f"{case.ref}:ask", case_ref=case.ref,
                 recipients=staff_member(session=session, staff_id=row.staff_id), template="attendance_exception",
                 context={**_context(session, case, row), "due_at": item.due_at})


def _explained(*, session: Session, case: Case, now: datetime, **_) -> None:
    """二(一)6: 由各窗口负责人负责在两个工作日内登记."""
    row = session.get(AttendanceException, case.ref)
    policy = Policy.model_validate(case.policy)
    due = load_calendar(session=session).deadline(now, policy.attendance_registration_days, policy.office_close)
    item = open_work_item(session=session, key=f"{case.ref}:{STEP_REGISTER}", case_ref=case.ref, step=STEP_REGISTER,
                          title=f"登记考勤：{case.title}", role=Role.head, window_id=row.window_id,
                          form="attendance_register", due_at=due.at, due_from=now,
                          due_days=policy.attendance_registration_days, due_provisional=due.provisional, at=now)
    announce_work_item(session, case, item)


def _registered(*, session: Session, case: Case, now: datetime, **_) -> None:
    """二(一)6: 由窗口管理科负责审核."""
    open_section_step(session=session, case=case, key=f"{case.ref}:{STEP_REVIEW}", step=STEP_REVIEW,
                      title=f"审核考勤登记：{case.title}", role=Role.management, form="approve", at=now)


def _irregular(*, session: Session, case: Case, facts: Facts, event: str, **_) -> Recorded | None:
    """二(三)1: 不予认可, or not explained in time → 未正常考勤, deducted once."""
    row = session.get(AttendanceException, case.ref)
    why = ("经窗口管理科审核不予认可" + (f"（{facts.comment}）" if facts.comment else "")
           if event == "refuse" else "逾期未说明情况并提交证明")
    actor = facts.decided_by or "system"
    points = deduct_irregular(session=session, case=case, row=row, why=why, actor=actor,
                              policy=get_settings().policy)
    notice = deduction_notice(session=session, case=case, row=row, why=why, points=points)
    queue_notice(session=session, key=notice.key, case_ref=case.ref, recipients=notice.recipients,
                 template=notice.template, context=notice.context)
    if event == "lapse":
        cancel_open_items(session=session, case_ref=case.ref, actor="system", reason=why)
    if event == "refuse":
        return Recorded(actor=facts.decided_by, at=facts.decided_at, details={"comment": facts.comment})
    return None


def _cleared(*, session: Session, case: Case, facts: Facts, **_) -> Recorded:
    """The exception no longer found while the explanation was awaited: the person's item cancelled, the
    case closed as 已消除, nothing deducted — the history says why."""
    cancel_open_items(session=session, case_ref=case.ref, actor="system", reason=facts.cleared)
    return Recorded(details={"reason": facts.cleared})


def _accepted(*, facts: Facts, **_) -> Recorded:
    return Recorded(actor=facts.decided_by, at=facts.decided_at, details={"comment": facts.comment})


STEPS = Steps(facts=facts_of, next_event=next_event,
              effects={"ask": _ask, "explained": _explained, "registered": _registered, "lapse": _irregular,
                       "refuse": _irregular, "accept": _accepted, "clear": _cleared})
