"""The side effects of the leave procedure, one transaction each (state change + audit + documents
+ outbox together), with thin Prefect task wrappers. 考勤办法 二(二); AB岗工作制度.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tasks.core.plain_calls import task

from models.core.calendar import load_calendar
from models.core.cases import transition
from models.core.db import session_scope
from models.core.documents import attachment_problems, store_attachment
from models.core.errors import InvalidInput, PermissionDenied, raise_all
from models.leave.deadlines import deduct_late_filing, irregular_points, late_filing_notice
from models.leave.inputs import LeaveApplication, LeaveProofs, LeaveWithdrawal, SaturdayCoverEntry
from models.leave.store import (attached_kinds, get_leave, missing_of, notice_context, open_leave,
                                record_saturday_cover, span_of)
from models.core.org import Role
from models.core.recipients import role, window_head
from models.leave.rules import handover_day, proof_kind
from models.leave.machine import LEAVE, MANAGEMENT_REVIEW, REJECTED, STEP_MATERIALS, WITHDRAWN
from models.core.settings import Policy, get_settings
from models.core.workitems import cancel_open_items, complete_work_item, open_item
from tasks.leave.steps import submission_notices
from tasks.core.messages import queue_notice


def _queue_late_filing(session, case, leave, now: datetime, policy) -> None:
    if deduct_late_filing(session=session, case=case, leave=leave, on=now.date(), policy=policy):
        notice = late_filing_notice(session=session, case=case, leave=leave, points=irregular_points(case, policy))
        queue_notice(session=session, key=notice.key, case_ref=case.ref, recipients=notice.recipients,
                     template=notice.template, context=notice.context)


def open_leave_request(*, application: LeaveApplication, now: datetime) -> str:
    """Check and record the application, its proofs and the notices of its submission."""
    return submit_leave(application=application, now=now)[0]


def submit_leave(*, application: LeaveApplication, now: datetime) -> tuple[str, bool]:
    """open_leave_request, and whether this submission opened the case (False: filed already)."""
    policy = get_settings().policy
    with session_scope() as session:
        case, leave, created = open_leave(session=session, application=application, now=now, policy=policy)
        if created:
            eve = handover_day(span_of(leave), load_calendar(session=session), policy.handover_days_before)
            submission_notices(session, case, leave, urgent=now.date() >= eve)
            if now > leave.filing_due_at:  # filed afterwards, and after the two working days too
                _queue_late_filing(session, case, leave, now, policy)
        return case.ref, created


def attach_proofs(*, proofs: LeaveProofs, now: datetime) -> list[str]:
    """The applicant hands in proofs (本人补交, 考勤办法 二(二)2(3)); once nothing is missing the
    materials item is done. Returns what is still missing."""
    case_ref, actor = proofs.case_ref, proofs.actor
    with session_scope() as session:
        case, leave = get_leave(session=session, ref=case_ref)
        policy = Policy.model_validate(case.policy)
        if actor != leave.staff_id:
            raise PermissionDenied(actor=actor, action=f"为请假申请 {case_ref} 补交证明", reason="只能由请假人本人补交")
        if case.status in (REJECTED, WITHDRAWN):
            raise InvalidInput(field="请假申请编号", message=f"请假申请 {case_ref} {LEAVE.status_label(case.status)}，不能再补交证明")
        raise_all(attachment_problems([Path(p) for p in proofs.files], missing_rule="leave.proof_file"))
        kind = proof_kind(leave.kind, leave.days, attached_kinds(session=session, case_ref=case_ref), proofs.hospital)
        for path in proofs.files:
            store_attachment(session=session, case_ref=case_ref, kind=kind, source=Path(path), actor=actor, at=now)
        missing = missing_of(session=session, leave=leave)
        item = open_item(session=session, case_ref=case_ref, step=STEP_MATERIALS)
        if item is not None and not missing:
            if now > item.due_at:
                _queue_late_filing(session, case, leave, now, policy)
            complete_work_item(session=session, item_id=item.id, actor_id=actor,
                               decision={"comment": f"已补交 {len(proofs.files)} 份证明"}, at=now)
        return missing


def withdraw_leave(*, withdrawal: LeaveWithdrawal, now: datetime) -> str:
    """The applicant withdraws before the final decision; the open steps are cancelled."""
    case_ref, actor, comment = withdrawal.case_ref, withdrawal.actor, withdrawal.comment
    with session_scope() as session:
        case, leave = get_leave(session=session, ref=case_ref)
        if actor != leave.staff_id:
            raise PermissionDenied(actor=actor, action=f"撤回请假申请 {case_ref}", reason="只能由请假人本人撤回")
        previous = case.status
        status = transition(session=session, case=case, event="withdraw", actor=actor, at=now,
                            details={"comment": comment})
        cancel_open_items(session=session, case_ref=case_ref, actor=actor, reason="请假人撤回申请")
        recipients = window_head(session=session, window_id=leave.window_id)
        if previous == MANAGEMENT_REVIEW:
            recipients.append(role(Role.management))
        queue_notice(session=session, key=f"{case_ref}:withdrawn", case_ref=case_ref, recipients=recipients,
                     template="leave_withdrawn",
                     context={**notice_context(session=session, case=case, leave=leave), "comment": comment})
        return status


def record_cover(*, entry: SaturdayCoverEntry) -> int:
    """One row of the 调休日程表, recorded by the window head (考勤办法 二(一)5)."""
    with session_scope() as session:
        row, _ = record_saturday_cover(session=session, window_id=entry.window_id, staff_id=entry.staff_id,
                                       saturday=entry.saturday, day_off=entry.day_off, actor=entry.actor,
                                       note=entry.note)
        return row.id


submit_leave_task = task(name="受理请假申请", retries=0)(submit_leave)
attach_proofs_task = task(name="补交证明材料", retries=0)(attach_proofs)
withdraw_leave_task = task(name="撤回请假申请", retries=0)(withdraw_leave)
record_cover_task = task(name="登记调休日程", retries=0)(record_cover)
