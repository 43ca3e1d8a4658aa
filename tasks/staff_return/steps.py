"""The effects of a staff return's events (退回) after it is opened, run by the one generic step
(tasks/core/advance.py) in its transaction once the machine's next_event chose the event
(models/staff_return/machine.py, facts from models/staff_return/store.py): the management section's
decision and the 退回函, the return on its effective date, the department's replacement (posted through
the rotation procedure's path, 人员登记表), its accountability report, the B posts and the head, closing.

进出管理制度 三; 投诉处置规定 三(三)2; 服务承诺制度 7 (取消评优资格); AB岗工作制度 2.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from tasks.core.plain_calls import task
from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem, next_ref
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.documents import store_rendered
from models.core.ledger import SubjectKind, withdraw_eligibility
from models.core.org import Department, Role, Staff, StaffStatus, Window
from models.core.recipients import leader_of, role, window_head
from models.core.roster import ON_POST, depart
from models.core.settings import Policy
from models.core.signatures import signatures_of
from models.core.procedures import Recorded, Steps
from models.staff_return.inputs import ReplacementForm
from models.staff_return.machine import POSTS, RETURNED, Facts, next_event
from models.staff_return.rules import EVIDENCE_LABELS, GROUND_LABELS, handover_target, letter_number
from models.staff_return.store import due_returns, evidence_of, facts_of, get_return
from models.staff_return.tables import StaffReturn
from models.core.workitems import cancel_open_items, decided_item, open_work_item, reassign_open_items
from tasks.core.human_steps import announce_work_item
from tasks.core.messages import queue_notice
from tasks.core.render import render
from tasks.core.posting import apply_b_post_choices, post_arrival, recheck_b_posts
from tasks.core.hand_offs import hand_off


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


def decided(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
            now: datetime) -> None:
    """The management section's decision: dismissed (nothing about the person changes), or confirmed —
    the 退回函 rendered, kept and e-mailed to the department's leader with an SMS, and the
    department asked to nominate a replacement within the policy's working days."""
    _, record = get_return(session=session, ref=case.ref)
    item = decided_item(session=session, case_ref=case.ref, step="decide")
    decision, by, at = item.decision, item.decided_by, item.decided_at
    if event == "dismiss":
        recorded = Recorded(actor=by, at=at, details={"reason": decision["reason"]})
        cancel_open_items(session=session, case_ref=case.ref, actor=by, reason="不予退回")
        return recorded
    record.effective_date = date.fromisoformat(decision["effective_date"] or at.date().isoformat())
    sequence = int(next_ref(session=session, prefix="THH", year=at.year).rsplit("-", 1)[1])
    record.letter_no = letter_number(at.year, sequence)
    recorded = Recorded(actor=by, at=at,
                  details={"reason": decision["reason"], "effective_date": record.effective_date.isoformat(),
                           "letter_no": record.letter_no})
    days = Policy.model_validate(case.policy).replacement_nomination_days
    item = _department_item(session, case, record, step="nominate", form="return_nomination", days=days,
                            title=f"拟定新派驻工作人员（替换{record.staff_name}）", at=at)
    context = letter_context(session, case, record, decision["reason"], item.due_at)
    store_rendered(session=session, key=f"{case.ref}:letter", case_ref=case.ref, kind="return_letter",
                   title=f"窗口工作人员退回函（{record.staff_name}）", actor=by, at=at,
                   html=render("documents/return_letter.html", **context,
                               signatures=signatures_of(session=session, case_ref=case.ref)))
    queue_notice(session=session, key=f"{case.ref}:letter", case_ref=case.ref, template="return_letter",
                 recipients=leader_of(session=session, department_id=record.department_id), context=context)
    return recorded


def returned(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
             now: datetime) -> None:
    """On the effective date, once: the person's status becomes returned, their open work items move to
    their B post (or the window head), the window's B posts are re-checked, a head is nominated if they
    headed the window, and they lose award eligibility for the year (服务承诺制度 7)."""
    _, record = get_return(session=session, ref=case.ref)
    staff, window = session.get(Staff, record.staff_id), session.get(Window, record.window_id)
    partner = session.get(Staff, staff.b_post_id) if staff.b_post_id else None
    target = handover_target(staff.b_post_id, partner is not None and partner.status in ON_POST
                             and partner.window_id == staff.window_id, staff.id)
    moved = reassign_open_items(session=session, from_staff_id=staff.id, to_staff_id=target, actor=actor,
                                window_id=window.id)
    was_head = window.head_id == staff.id
    depart(session=session, staff_id=staff.id, case_ref=case.ref, actor=actor, effective=record.effective_date,
           status=StaffStatus.returned)
    hand_off("substitute_left", session=session, staff_id=staff.id, case_ref=case.ref, actor=actor, at=now)
    if was_head:
        hand_off("nominate_window_head", session=session, case_ref=case.ref, window=window, at=now,
                 reason=f"原窗口负责人{staff.name}已退回原部门")
    for item in recheck_b_posts(session=session, window_id=window.id, case_ref=case.ref, actor=actor, at=now):
        announce_work_item(session, case, item)
    year = record.effective_date.year
    withdraw_eligibility(session=session, subject_kind=SubjectKind.staff, subject_id=staff.id, year=year,
                         reason=f"退回原部门，取消{year}年度评优资格", case_ref=case.ref,
                         on=record.effective_date, actor=actor)
    record.applied_at = now
    recorded = Recorded(status_change=False,
                  details={"staff": staff.id, "work_items": moved, "to": target or f"head:{window.id}"})
    return recorded


def nominated(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
              now: datetime) -> None:
    """进出管理制度 三: 派驻部门拟定新派驻工作人员报中心 — recorded; the center and the window are told."""
    _, record = get_return(session=session, ref=case.ref)
    item = decided_item(session=session, case_ref=case.ref, step="nominate")
    form = ReplacementForm.model_validate(item.decision)
    record.replacement, record.arrival_date = form.person(), form.arrival_date
    recorded = Recorded(actor=item.decided_by, at=item.decided_at,
                  details={"staff": form.staff_id, "name": form.name, "arrival_date": form.arrival_date.isoformat()})
    queue_notice(session=session, key=f"{case.ref}:nominated", case_ref=case.ref, template="return_nominated",
                 recipients=[role(Role.management), *window_head(session=session, window_id=record.window_id)],
                 context={"case_ref": case.ref, "staff_name": record.staff_name, "name": form.name,
                          "arrival_date": form.arrival_date})
    return recorded


def arrived(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
            now: datetime) -> None:
    """On the arrival date: posted through the rotation procedure's path (人员登记表, the staff record
    once), the B posts re-checked, and the department asked for its accountability report."""
    _, record = get_return(session=session, ref=case.ref)
    post_arrival(session=session, case_ref=case.ref, person=record.replacement, window_id=record.window_id,
                 effective=record.arrival_date, actor=actor)
    for item in recheck_b_posts(session=session, window_id=record.window_id, case_ref=case.ref, actor=actor,
                                at=now):
        announce_work_item(session, case, item)
    _department_item(session, case, record, step="accountability", form="return_accountability",
                     title=f"报送对{record.staff_name}的问责处理情况", at=now,
                     days=Policy.model_validate(case.policy).return_accountability_days)


def reported(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
             now: datetime) -> None:
    _, record = get_return(session=session, ref=case.ref)
    item = decided_item(session=session, case_ref=case.ref, step="accountability")
    record.accountability = item.decision["measures"]
    recorded = Recorded(actor=item.decided_by, at=item.decided_at,
                  details={"measures": record.accountability})
    return recorded


def posts(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
          now: datetime) -> None:
    """Record the B posts and the new head named since on the case's decided items."""
    _, record = get_return(session=session, ref=case.ref)
    recorded = Recorded(status_change=False)
    apply_b_post_choices(session=session, case_ref=case.ref, actor=actor)
    hand_off("appoint_nominated_head", session=session, case_ref=case.ref, window_id=record.window_id, actor=actor)
    return recorded


def closed(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
           now: datetime) -> None:
    """Reported, returned and nothing open: closed (audited at the moment it closes)."""
    recorded = Recorded(at=local_now())
    return recorded


# The generic step's declaration of this procedure (models/procedures.py: steps=).
STEPS = Steps(facts=facts_of, next_event=next_event,
              effects={"confirm": decided, "dismiss": decided, RETURNED: returned, "nominate": nominated,
                       "arrive": arrived, "report": reported, POSTS: posts, "close": closed})


def list_due(*, as_of: datetime) -> list[str]:
    with session_scope() as session:
        return due_returns(session=session, day=as_of.date())


list_due_task = task(name="查找到期的退回事项")(list_due)
