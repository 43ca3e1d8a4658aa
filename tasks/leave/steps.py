"""What each step of a leave case does besides changing its status: the 请假报告单, the work items
of the people who act next, and the notices — all inside the step's transaction, all keyed.

`STEPS` (ProcedureSpec.steps in models/procedures.py) is how the generic step (tasks/core/advance.py)
drives a leave: the facts of models/leave/store.py, the pure choice of models/leave/machine.py, and
the effects below. They live in the tasks layer because they render documents and queue notices.
"""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.core.calendar import load_calendar
from models.core.cases import Case
from models.core.documents import store_rendered
from models.core.org import Department, Role, Staff, Window
from models.core.procedures import Steps
from models.core.recipients import leader_of, role, staff_member, window_head
from models.core.settings import Policy
from models.core.signatures import signatures_of, version_key
from models.core.sweep import assignees
from models.core.workitems import cancel_open_items, decided_item, open_work_item
from models.leave.machine import (HEAD_REVIEW, LEAVE, MANAGEMENT_REVIEW, STEP_HEAD, STEP_MANAGEMENT, STEP_MATERIALS,
                                  STEP_REGISTER, LeaveFacts, next_event)
from models.leave.rules import start_moment
from models.leave.store import day_times, facts_of as store_facts, get_leave, missing_of, notice_context, span_of
from models.leave.tables import LeaveRequest
from tasks.core.human_steps import section_due
from tasks.core.messages import queue_notice
from tasks.core.render import render


def _review_due(session: Session, case: Case, leave: LeaveRequest, policy: Policy, now: datetime) -> dict:
    """Signatures are due by the close of the working day before the leave (事前, and AB岗 4's
    提前一天交接); a leave filed afterwards (or too late for that) within the section's review time."""
    start = start_moment(span_of(leave), day_times(policy))
    days = -policy.handover_days_before
    due = load_calendar(session=session).deadline(start, days, policy.office_close)
    if due.at <= now:
        return section_due(session, case, now)
    return {"due_at": due.at, "due_from": start, "due_days": days, "due_provisional": due.provisional}


def ensure_materials_item(session: Session, case: Case, leave: LeaveRequest, now: datetime) -> None:
    """One work item for the applicant listing everything missing at once (一次性告知)."""
    missing = missing_of(session=session, leave=leave)
    if not missing:
        return
    applicant = session.get(Staff, leave.staff_id)
    item = open_work_item(session=session, key=f"{case.ref}:{STEP_MATERIALS}", case_ref=case.ref,
                          step=STEP_MATERIALS, title=f"补交{'、'.join(missing)}", role=applicant.role,
                          form="leave_materials", staff_id=leave.staff_id, due_at=leave.filing_due_at,
                          due_from=leave.back_at, due_days=case.policy["leave_late_filing_days"],
                          due_provisional=leave.filing_due_provisional, at=now)
    queue_notice(session=session, key=f"{case.ref}:{STEP_MATERIALS}", case_ref=case.ref,
                 recipients=staff_member(session=session, staff_id=leave.staff_id), template="leave_materials",
                 context={**notice_context(session=session, case=case, leave=leave), "missing": missing,
                          "item_id": item.id})


def _open_review(session: Session, case: Case, leave: LeaveRequest, step: str, policy: Policy,
                 now: datetime) -> None:
    context = notice_context(session=session, case=case, leave=leave)
    if step == STEP_HEAD:
        staff = session.get(Staff, leave.staff_id)
        # A window head does not sign their own leave: their home department's leader does.
        who = ({"role": Role.department, "department_id": leave.department_id} if staff.role == Role.head
               else {"role": Role.head, "window_id": leave.window_id})
        title, template = f"审核签字：{case.title}", "leave_sign"
    else:
        who, title, template = {"role": Role.management}, f"审核请假报告单：{case.title}", "leave_review"
    item = open_work_item(session=session, key=f"{case.ref}:{step}", case_ref=case.ref, step=step, title=title,
                          **who, **_review_due(session, case, leave, policy, now), at=now)
    queue_notice(session=session, key=f"{case.ref}:{step}", case_ref=case.ref, recipients=assignees(session, item),
                 template=template, context={**context, "item_id": item.id, "due_at": item.due_at})


def _open_registration(session: Session, case: Case, leave: LeaveRequest, policy: Policy, now: datetime) -> None:
    """考勤办法 二(一)6: 由各窗口负责人负责在两个工作日内...登记, 由窗口管理科负责审核 — counted
    from the approval, or from the start of a leave approved ahead of time."""
    basis = max(now, start_moment(span_of(leave), day_times(policy)))
    due = load_calendar(session=session).deadline(basis, policy.attendance_registration_days, policy.office_close)
    item = open_work_item(session=session, key=f"{case.ref}:{STEP_REGISTER}", case_ref=case.ref, step=STEP_REGISTER,
                          title=f"在考勤管理系统登记：{case.title}", role=Role.head, form="acknowledge",
                          window_id=leave.window_id, due_at=due.at, due_from=basis,
                          due_days=policy.attendance_registration_days, due_provisional=due.provisional, at=now)
    context = {**notice_context(session=session, case=case, leave=leave), "item_id": item.id, "due_at": due.at}
    queue_notice(session=session, key=f"{case.ref}:{STEP_REGISTER}", case_ref=case.ref,
                 recipients=window_head(session=session, window_id=leave.window_id), template="leave_register",
                 context=context)
    if leave.substitute_id:
        queue_notice(session=session, key=f"{case.ref}:substitute", case_ref=case.ref,
                     recipients=staff_member(session=session, staff_id=leave.substitute_id),
                     template="leave_substitute", context={**context, "urgent": False})


def _notify_decision(session: Session, case: Case, leave: LeaveRequest, step: str) -> None:
    item = decided_item(session=session, case_ref=case.ref, step=step)
    decision = item.decision or {}
    queue_notice(session=session, key=f"{case.ref}:decided:{step}", case_ref=case.ref,
                 recipients=staff_member(session=session, staff_id=leave.staff_id), template="leave_decided",
                 context={**notice_context(session=session, case=case, leave=leave),
                          "step": LEAVE.event_labels[f"decide:{step}"], "approve": bool(decision.get("approve")),
                          "comment": decision.get("comment", ""), "status": LEAVE.status_label(case.status)})


def render_leave_form(session: Session, case: Case, leave: LeaveRequest, actor: str, now: datetime) -> None:
    """The 请假报告单 (考勤办法 二(二)2(2): 中心统一印制; 经窗口负责人审核签字), with who signed each
    box so far: a new version after each signature, the earlier ones kept in the case's documents."""
    window = session.get(Window, leave.window_id)
    department = session.get(Department, leave.department_id)
    signatures = signatures_of(session=session, case_ref=case.ref)
    html = render("documents/leave_form.html", **notice_context(session=session, case=case, leave=leave),
                  leave=leave, window=window.name, department=department.name, opened_at=case.opened_at,
                  signatures=signatures)
    store_rendered(session=session, key=version_key(f"{case.ref}:leave_form", signatures), case_ref=case.ref,
                   kind="leave_form", title="请假报告单", html=html, actor=actor, at=now)


def _to_head(session: Session, case: Case, leave: LeaveRequest, actor: str, policy: Policy, now: datetime) -> None:
    render_leave_form(session, case, leave, actor, now)
    _open_review(session, case, leave, STEP_HEAD, policy, now)


def _to_management(session: Session, case: Case, leave: LeaveRequest, actor: str, policy: Policy,
                   now: datetime) -> None:
    _open_review(session, case, leave, STEP_MANAGEMENT, policy, now)


def _to_registration(session: Session, case: Case, leave: LeaveRequest, actor: str, policy: Policy,
                     now: datetime) -> None:
    _open_registration(session, case, leave, policy, now)


def _rejected(session: Session, case: Case, leave: LeaveRequest, actor: str, policy: Policy, now: datetime) -> None:
    cancel_open_items(session=session, case_ref=case.ref, actor=actor, reason="请假未批准")


def _effect(action=None):
    """The effect of an event: its action under the case's own policy (the rule version it runs
    under), then the applicant told of the review decision that led to it, if one did."""
    def effect(*, session: Session, case: Case, facts: LeaveFacts, event: str, previous: str, actor: str,
               now: datetime) -> None:
        leave = session.get(LeaveRequest, case.ref)
        if action is not None:
            action(session, case, leave, actor, Policy.model_validate(case.policy), now)
        if previous in (HEAD_REVIEW, MANAGEMENT_REVIEW):
            render_leave_form(session, case, leave, actor, now)
            _notify_decision(session, case, leave, STEP_HEAD if previous == HEAD_REVIEW else STEP_MANAGEMENT)
    return effect


def facts_of(*, session: Session, case: Case, now: datetime) -> LeaveFacts:
    """The store's facts, after opening the applicant's one item listing everything missing
    (一次性告知) — before every choice, whatever the status, so it exists from the first step."""
    _, leave = get_leave(session=session, ref=case.ref)
    ensure_materials_item(session, case, leave, now)
    return store_facts(session=session, case=case, now=now)


STEPS = Steps(facts=facts_of, next_event=next_event, effects={
    "to_head": _effect(_to_head), "to_management": _effect(_to_management),
    "await_materials": _effect(), "record": _effect(_to_registration), "approve": _effect(_to_registration),
    "reject": _effect(_rejected)})


def submission_notices(session: Session, case: Case, leave: LeaveRequest, urgent: bool) -> None:
    """AB岗 8: a one-person window tells the management section (备案) and its department sends
    cover; 考勤办法 二(二)2(4): leave that affects the window is told to the department's leader
    beforehand; AB岗 4: a substitute who had no time for a handover is told at once."""
    context = notice_context(session=session, case=case, leave=leave)
    leader = leader_of(session=session, department_id=leave.department_id)
    if leave.cover_name:
        queue_notice(session=session, key=f"{case.ref}:cover_filed", case_ref=case.ref,
                     recipients=[role(Role.management), *leader], template="leave_cover_filed", context=context)
    elif leave.affects_window:
        queue_notice(session=session, key=f"{case.ref}:affects_window", case_ref=case.ref, recipients=leader,
                     template="leave_affects_window", context=context)
    if urgent and leave.substitute_id:
        queue_notice(session=session, key=f"{case.ref}:substitute_urgent", case_ref=case.ref,
                     recipients=staff_member(session=session, staff_id=leave.substitute_id),
                     template="leave_substitute", context={**context, "urgent": True})
