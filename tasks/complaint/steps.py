"""Complaint handling's steps after registration, as the effects of the machine's events
(models.complaint.machine.next_event; the generic step in tasks/core/advance.py applies them): handing
the complaint to the window, the window's findings, the review of a rating's reply, its posting,
and closing with the outcome (deductions, award eligibility, the return trigger).

投诉处置规定 三(一)2 (reply reviewed by the management section, posted by the complaint window),
三(二) (answered in time), 三(三) (结果运用). Each effect runs in the step's transaction; the facts
read the decided work item by its key, so running the step twice changes nothing.
"""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.complaint.machine import (ANSWER, APPROVE_REPLY, ASSIGN, POST, REJECT_REPLY, SUBMIT_REPLY, Facts,
                                      next_event)
from models.complaint.rules import (CATEGORY_LABELS, EXTERNAL, GENERAL, VERDICT_LABELS, ComplaintVerdict, deductions,
                                    handling_role, return_is_due)
from models.complaint.store import facts_of, item_by_key, substantiated_count
from models.complaint.tables import Complaint
from models.core.cases import Case
from models.core.documents import store_rendered
from models.core.ledger import SUBJECT_LABELS, SubjectKind, deduct, withdraw_eligibility
from models.core.org import Role, Staff
from models.core.procedures import Recorded, Steps
from models.core.recipients import role, staff_member, window_head
from models.core.settings import Policy
from models.core.workitems import open_work_item
from tasks.complaint.entry import complainant, masked_record, notice_context, open_investigation, open_return_due
from tasks.core.messages import queue_notice
from tasks.core.render import render
from tasks.api.results import queue_source_result

AWARDS = {SubjectKind.staff: "服务明星", SubjectKind.window: "优秀服务窗口"}


def _open_step(session: Session, case: Case, *, step: str, title: str, role_: Role, form: str,
               at: datetime) -> None:
    """A section's step on a rating's reply, due with the case, and a message to the section."""
    complaint_round = session.get(Complaint, case.ref).review_round
    key = f"{case.ref}:{step}:{complaint_round}"
    open_work_item(session=session, key=key, case_ref=case.ref, step=step, title=f"{title}：{case.title}",
                   role=role_, form=form, due_at=case.due_at, due_from=case.due_from, due_days=case.due_days,
                   due_provisional=case.due_provisional, at=at)
    queue_notice(session=session, key=key, case_ref=case.ref, recipients=[role(role_)], template="complaint_step",
                 context={**notice_context(session, case, session.get(Complaint, case.ref)), "step": title})


def assigned(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
             now: datetime) -> Recorded:
    """三(一)1–2: the window concerned investigates; the section that handles the case is told."""
    complaint = session.get(Complaint, case.ref)
    recorded = Recorded(actor=actor, at=case.opened_at, details={})
    open_investigation(session=session, case=case, complaint=complaint, key=f"{case.ref}:investigate:1",
                       at=case.opened_at)
    queue_notice(session=session, key=f"{case.ref}:assigned", case_ref=case.ref,
                 recipients=[*window_head(session=session, window_id=case.window_id),
                             role(handling_role(complaint.channel))],
                 template="complaint_assigned", context=notice_context(session, case, complaint))
    return recorded


def reply_submitted(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
                    now: datetime) -> Recorded:
    """The window answered a rating: its reply goes to review (三(一)2)."""
    recorded = Recorded(actor=facts.decided_by, at=facts.decided_at, details={})
    _open_step(session, case, step="review", title="审核差评答复", role_=Role.management, form="approve",
               at=facts.decided_at)
    return recorded


def reply_approved(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
                   now: datetime) -> Recorded:
    """三(一)2: 由窗口管理科对答复意见进行审核把关 — approved: the complaint window posts it."""
    complaint = session.get(Complaint, case.ref)
    recorded = Recorded(actor=facts.decided_by, at=facts.decided_at, details={})
    queue_source_result(session=session, case=case, complaint=complaint, at=facts.decided_at)
    _open_step(session, case, step="post", title="在好差评系统发布答复", role_=Role.complaint_window,
               form="acknowledge", at=facts.decided_at)
    return recorded


def reply_rejected(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
                   now: datetime) -> Recorded:
    """三(一)2: refused — back to the window, in a new round."""
    complaint = session.get(Complaint, case.ref)
    comment = facts.decision.get("comment", "")
    recorded = Recorded(actor=facts.decided_by, at=facts.decided_at, details={"comment": comment})
    complaint.review_round += 1
    open_investigation(session=session, case=case, complaint=complaint, at=facts.decided_at,
                       key=f"{case.ref}:investigate:{complaint.review_round}")
    queue_notice(session=session, key=f"{case.ref}:returned:{complaint.review_round}", case_ref=case.ref,
                 recipients=window_head(session=session, window_id=case.window_id), template="complaint_step",
                 context={**notice_context(session, case, complaint),
                          "step": f"答复被退回（{comment}），请重新核实答复"})
    return recorded


def closed(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
           now: datetime) -> Recorded:
    """Answered (三(二)1–2: the window's reply) or posted (三(二)3: 经审核后由投诉窗口在“好差评”系统中予以答复)."""
    return close_complaint(session=session, case=case, complaint=session.get(Complaint, case.ref), event=event,
                           actor=facts.decided_by, at=facts.decided_at)


def close_complaint(*, session: Session, case: Case, complaint: Complaint, event: str, actor: str,
                    at: datetime) -> Recorded:
    """Answered: record the verdict and whether in time, apply the outcome, tell who must know,
    keep the register entry (登记表) with the case."""
    decision = item_by_key(session=session, key=complaint.investigation_key).decision
    complaint.findings, complaint.reply = decision["findings"], decision["reply"]
    complaint.verdict = ComplaintVerdict(decision["verdict"])
    complaint.answered_at, complaint.on_time = at, at <= case.due_at
    recorded = Recorded(actor=actor, at=at, details={"verdict": complaint.verdict.value, "on_time": complaint.on_time})
    outcome = apply_outcome(session=session, case=case, complaint=complaint, actor=actor, at=at)
    context = {**notice_context(session, case, complaint), "verdict": VERDICT_LABELS[complaint.verdict],
               "reply": complaint.reply, "answered_at": at, "on_time": complaint.on_time}
    if complaint.channel in GENERAL:  # 三(二)1: 办结并答复投诉人
        queue_notice(session=session, key=f"{case.ref}:reply", case_ref=case.ref, recipients=complainant(complaint),
                     template="complaint_reply", context=context)
    queue_notice(session=session, key=f"{case.ref}:closed", case_ref=case.ref,  # 三(二)2: 回复…窗口管理科
                 recipients=[role(handling_role(complaint.channel)), role(Role.management)],
                 template="complaint_closed", context={**context, "external": complaint.channel in EXTERNAL,
                                                       "reply": masked_record(complaint)["reply"]})
    staff = session.get(Staff, complaint.staff_id) if complaint.staff_id else None
    html = render("documents/complaint_record.html", case_ref=case.ref, c=masked_record(complaint),
                  channel=context["channel"], window=context["window"], due_at=case.due_at,
                  staff=f"{staff.name}（{staff.id}）" if staff else "", category=CATEGORY_LABELS[complaint.category],
                  verdict=context["verdict"], outcome=outcome)
    store_rendered(session=session, key=f"{case.ref}:record", case_ref=case.ref, kind="complaint_record",
                   title="投诉（差评）处理登记表", html=html, actor=actor, at=at)
    queue_source_result(session=session, case=case, complaint=complaint, at=at)  # 三(二)2: back to 12345
    return recorded


def apply_outcome(*, session: Session, case: Case, complaint: Complaint, actor: str, at: datetime) -> str:
    """三(三)1: 查证属实或部分属实的给予扣分，同时所涉及的窗口及工作人员取消各项评优资格 (服务承诺制度 7);
    三(三)2: the third substantiated complaint against a staff member makes a return due."""
    found = deductions(complaint.verdict, staff_id=complaint.staff_id, window_id=complaint.window_id)
    if not found:
        return "不属实，不扣分"
    policy, year = Policy.model_validate(case.policy), complaint.received_at.year
    label = VERDICT_LABELS[complaint.verdict]
    points = {}
    for d in found:
        kind = SubjectKind(d.subject_kind)
        points[kind] = policy.deduction_points[d.kind]
        deduct(session=session, subject_kind=kind, subject_id=d.subject_id, kind=d.kind, points=points[kind],
               reason=f"投诉{label}（{case.ref}）", case_ref=case.ref, on=at.date(), actor=actor, year=year)
        withdraw_eligibility(session=session, subject_kind=kind, subject_id=d.subject_id, year=year,
                             reason=f"投诉{label}，取消{year}年度{AWARDS[kind]}评优资格", case_ref=case.ref,
                             on=at.date(), actor=actor)
    shown = {kind: f"{p:g}" for kind, p in points.items()}
    queue_notice(session=session, key=f"{case.ref}:outcome", case_ref=case.ref,
                 recipients=[*staff_member(session=session, staff_id=complaint.staff_id),
                             *window_head(session=session, window_id=complaint.window_id)],
                 template="complaint_outcome",
                 context={"case_ref": case.ref, "verdict": label, "year": year,
                          "staff_points": shown.get(SubjectKind.staff, ""), "window_points": shown[SubjectKind.window]})
    staff = session.get(Staff, complaint.staff_id) if complaint.staff_id else None
    if staff is not None and complaint.verdict == ComplaintVerdict.substantiated:
        session.flush()
        count = substantiated_count(session=session, staff_id=staff.id, since=staff.posted_since)
        if return_is_due(count, policy):
            open_return_due(session=session, case_ref=case.ref, staff=staff, count=count, at=at)
    return "、".join(f"{SUBJECT_LABELS[k]}扣{p}分" for k, p in shown.items()) + f"，取消{year}年度评优资格"


# What the generic step (tasks/core/advance.py) runs for a complaint (models/procedures.py: steps).
STEPS = Steps(facts=facts_of, next_event=next_event,
              effects={ASSIGN: assigned, SUBMIT_REPLY: reply_submitted, ANSWER: closed, APPROVE_REPLY: reply_approved,
                       REJECT_REPLY: reply_rejected, POST: closed})
