"""The steps of a staff return (退回) after it is opened, each one transaction guarded by the status:
the management section's decision and the 退回函, the return on its effective date, the department's
replacement (posted through the rotation procedure's path, 人员登记表), its accountability report, closing.

进出管理制度 三; 投诉处置规定 三(三)2; 服务承诺制度 7 (取消评优资格); AB岗工作制度 2.
"""
from __future__ import annotations

from datetime import date, datetime

from tasks.plain_calls import task
from sqlmodel import Session, select

from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem, WorkItemStatus, audit, next_ref, transition
from models.core.db import session_scope
from models.core.documents import store_rendered
from models.core.ledger import SubjectKind, withdraw_eligibility
from models.core.org import Department, Role, Staff, StaffStatus, Window
from models.core.recipients import leader_of, role, window_head
from models.core.roster import ON_POST, depart
from models.core.settings import Policy
from models.staff_return.inputs import ReplacementForm
from models.staff_return.machine import CONFIRMED
from models.staff_return.rules import EVIDENCE_LABELS, GROUND_LABELS, handover_target, letter_number
from models.staff_return.store import due_returns, evidence_of, get_return
from models.staff_return.tables import StaffReturn
from models.core.workitems import cancel_open_items, decided_item, open_work_item, reassign_open_items
from tasks.human_steps import announce_work_item
from tasks.messages import queue_notice
from tasks.render import render
from tasks.rotation import apply_b_post_choices, post_arrival, recheck_b_posts
from tasks.rotation_docs import open_head_nomination, settle_head


def _department_item(session: Session, case: Case, record: StaffReturn, *, step: str, title: str, form: str,
                     days: int, at: datetime) -> WorkItem:
    deadline = load_calendar(session=session).deadline(at, days, Policy.model_validate(case.policy).office_close)
    return open_work_item(session=session, key=f"{case.ref}:{step}", case_ref=case.ref, step=step, title=title,
                   role=Role.department, form=form, department_id=record.department_id, due_at=deadline.at,
                   due_from=at, due_days=days, due_provisional=deadline.provisional, at=at)


def letter_context(session: Session, case: Case, record: StaffReturn, reason: str, due_at: datetime) -> dict:
    staff = session.get(Staff, record.staff_id)
    department = session.get(Department, record.department_id)
    return {"case_ref": case.ref, "letter_no": record.letter_no, "department": department.name,
            "leader": department.leader, "staff_name": record.staff_name, "staff_id": record.staff_id,
            "window_name": session.get(Window, record.window_id).name, "posted_since": staff.posted_since,
            "grounds": [GROUND_LABELS[g] for g in record.grounds], "reason": reason,
            "evidence": [{"kind": EVIDENCE_LABELS.get(e.kind, e.kind), "reference": e.reference, "summary": e.summary}
                         for e in evidence_of(session=session, case_ref=case.ref)],
            "effective_date": record.effective_date, "due_at": due_at}


def settle_decision(*, case_ref: str, actor: str) -> str:
    """The management section's decision: dismissed (nothing about the person changes), or confirmed —
    the 退回函 rendered, kept and e-mailed to the department's leader with an SMS, and the
    department asked to nominate a replacement within the policy's working days."""
    with session_scope() as session:
        case, record = get_return(session=session, ref=case_ref)
        item = decided_item(session=session, case_ref=case_ref, step="decide")
        if case.status != "deciding" or item is None:
            return case.status
        decision, by, at = item.decision, item.decided_by, item.decided_at
        if not decision["confirm"]:
            transition(session=session, case=case, event="dismiss", actor=by, at=at,
                       details={"reason": decision["reason"]})
            cancel_open_items(session=session, case_ref=case_ref, actor=by, reason="不予退回")
            return case.status
        record.effective_date = date.fromisoformat(decision["effective_date"] or at.date().isoformat())
        sequence = int(next_ref(session=session, prefix="THH", year=at.year).rsplit("-", 1)[1])
        record.letter_no = letter_number(at.year, sequence)
        transition(session=session, case=case, event="confirm", actor=by, at=at,
                   details={"reason": decision["reason"], "effective_date": record.effective_date.isoformat(),
                            "letter_no": record.letter_no})
        days = Policy.model_validate(case.policy).replacement_nomination_days
        item = _department_item(session, case, record, step="nominate", form="return_nomination", days=days,
                                title=f"拟定新派驻工作人员（替换{record.staff_name}）", at=at)
        context = letter_context(session, case, record, decision["reason"], item.due_at)
        store_rendered(session=session, key=f"{case_ref}:letter", case_ref=case_ref, kind="return_letter",
                       title=f"窗口工作人员退回函（{record.staff_name}）", actor=by, at=at,
                       html=render("documents/return_letter.html", **context))
        queue_notice(session=session, key=f"{case_ref}:letter", case_ref=case_ref, template="return_letter",
                     recipients=leader_of(session=session, department_id=record.department_id), context=context)
        return case.status


def apply_return(*, case_ref: str, actor: str, as_of: datetime) -> str:
    """On the effective date, once: the person's status becomes returned, their open work items move to
    their B post (or the window head), the window's B posts are re-checked, a head is nominated if they
    headed the window, and they lose award eligibility for the year (服务承诺制度 7)."""
    with session_scope() as session:
        case, record = get_return(session=session, ref=case_ref)
        if case.status not in CONFIRMED or record.applied_at or as_of.date() < record.effective_date:
            return case.status
        staff, window = session.get(Staff, record.staff_id), session.get(Window, record.window_id)
        partner = session.get(Staff, staff.b_post_id) if staff.b_post_id else None
        target = handover_target(staff.b_post_id, partner is not None and partner.status in ON_POST
                                 and partner.window_id == staff.window_id, staff.id)
        moved = reassign_open_items(session=session, from_staff_id=staff.id, to_staff_id=target, actor=actor,
                                    window_id=window.id)
        was_head = window.head_id == staff.id
        depart(session=session, staff_id=staff.id, case_ref=case_ref, actor=actor, effective=record.effective_date,
               status=StaffStatus.returned)
        if was_head:
            open_head_nomination(session=session, case_ref=case_ref, window=window, at=as_of,
                                 reason=f"原窗口负责人{staff.name}已退回原部门")
        for item in recheck_b_posts(session=session, window_id=window.id, case_ref=case_ref, actor=actor, at=as_of):
            announce_work_item(session, case, item)
        year = record.effective_date.year
        withdraw_eligibility(session=session, subject_kind=SubjectKind.staff, subject_id=staff.id, year=year,
                             reason=f"退回原部门，取消{year}年度评优资格", case_ref=case_ref,
                             on=record.effective_date, actor=actor)
        record.applied_at = as_of
        audit(session=session, case_ref=case_ref, actor=actor, action="returned", at=as_of,
              details={"staff": staff.id, "work_items": moved, "to": target or f"head:{window.id}"})
        return case.status


def settle_nomination(*, case_ref: str, actor: str) -> str:
    """进出管理制度 三: 派驻部门拟定新派驻工作人员报中心 — recorded; the center and the window are told."""
    with session_scope() as session:
        case, record = get_return(session=session, ref=case_ref)
        item = decided_item(session=session, case_ref=case_ref, step="nominate")
        if case.status != "nominating" or item is None:
            return case.status
        form = ReplacementForm.model_validate(item.decision)
        record.replacement, record.arrival_date = form.person(), form.arrival_date
        transition(session=session, case=case, event="nominate", actor=item.decided_by, at=item.decided_at,
                   details={"staff": form.staff_id, "name": form.name, "arrival_date": form.arrival_date.isoformat()})
        queue_notice(session=session, key=f"{case_ref}:nominated", case_ref=case_ref, template="return_nominated",
                     recipients=[role(Role.management), *window_head(session=session, window_id=record.window_id)],
                     context={"case_ref": case_ref, "staff_name": record.staff_name, "name": form.name,
                              "arrival_date": form.arrival_date})
        return case.status


def settle_arrival(*, case_ref: str, actor: str, as_of: datetime) -> str:
    """On the arrival date: posted through the rotation procedure's path (人员登记表, the staff record
    once), the B posts re-checked, and the department asked for its accountability report."""
    with session_scope() as session:
        case, record = get_return(session=session, ref=case_ref)
        if case.status != "arriving" or as_of.date() < record.arrival_date:
            return case.status
        post_arrival(session=session, case_ref=case_ref, person=record.replacement, window_id=record.window_id,
                     effective=record.arrival_date, actor=actor)
        for item in recheck_b_posts(session=session, window_id=record.window_id, case_ref=case_ref, actor=actor,
                                    at=as_of):
            announce_work_item(session, case, item)
        transition(session=session, case=case, event="arrive", actor=actor, at=as_of)
        _department_item(session, case, record, step="accountability", form="return_accountability",
                         title=f"报送对{record.staff_name}的问责处理情况", at=as_of,
                         days=Policy.model_validate(case.policy).return_accountability_days)
        return case.status


def settle_accountability(*, case_ref: str, actor: str) -> str:
    with session_scope() as session:
        case, record = get_return(session=session, ref=case_ref)
        item = decided_item(session=session, case_ref=case_ref, step="accountability")
        if case.status != "accountability" or item is None:
            return case.status
        record.accountability = item.decision["measures"]
        transition(session=session, case=case, event="report", actor=item.decided_by, at=item.decided_at,
                   details={"measures": record.accountability})
        return case.status


def settle_posts(*, case_ref: str, actor: str) -> str:
    """Record the B posts and the new head named since; close when reported, returned and nothing open."""
    with session_scope() as session:
        case, record = get_return(session=session, ref=case_ref)
        if case.status not in CONFIRMED:
            return case.status
        apply_b_post_choices(session=session, case_ref=case_ref, actor=actor)
        settle_head(session=session, case_ref=case_ref, window_id=record.window_id, actor=actor)
        still_open = session.exec(select(WorkItem.id).where(WorkItem.case_ref == case_ref,
                                                            WorkItem.status == WorkItemStatus.open)).first()
        if case.status == "reported" and record.applied_at and still_open is None:
            transition(session=session, case=case, event="close", actor=actor)
        return case.status


def list_due(*, as_of: datetime) -> list[str]:
    with session_scope() as session:
        return due_returns(session=session, day=as_of.date())


decide_return = task(name="处理退回决定")(settle_decision)
apply_return_task = task(name="人员退回生效")(apply_return)
record_nomination = task(name="登记部门拟定的新人员")(settle_nomination)
post_replacement = task(name="新派驻人员到岗登记")(settle_arrival)
record_accountability = task(name="登记问责处理情况")(settle_accountability)
settle_return_posts = task(name="登记B岗并办结")(settle_posts)
find_due_returns = task(name="查找到期的退回事项")(list_due)
