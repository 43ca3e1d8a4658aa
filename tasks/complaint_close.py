"""Complaint handling's later steps: the window's findings, the review of a rating's reply, its
posting, and closing with the outcome (deductions, award eligibility, the return trigger).

投诉处置规定 三(一)2 (reply reviewed by the management section, posted by the complaint window),
三(二) (answered in time), 三(三) (结果运用). Each step is one transaction, guarded by the status,
and reads the decided work item by its key, so running it twice changes nothing.
"""
from __future__ import annotations

from datetime import datetime

from tasks.plain_calls import task
from sqlmodel import Session

from models.core.cases import Case, WorkItemStatus, transition
from models.complaint.tables import Complaint
from models.complaint.store import get_complaint, item_by_key, substantiated_count
from models.core.db import session_scope
from models.core.documents import store_rendered
from models.core.ledger import SUBJECT_LABELS, SubjectKind, deduct, withdraw_eligibility
from models.core.org import Role, Staff
from models.core.recipients import role, staff_member, window_head
from models.complaint.rules import (CATEGORY_LABELS, EXTERNAL, GENERAL, VERDICT_LABELS, ComplaintChannel,
                                    ComplaintVerdict, deductions, handling_role, return_is_due)
from models.core.settings import Policy
from models.core.workitems import open_work_item
from tasks.complaint import (assign_complaint, assign_window, complainant, masked_record, notice_context,
                             open_investigation, open_return_due)
from tasks.messages import queue_notice
from tasks.render import render
from tasks.source_results import queue_source_result

AWARDS = {SubjectKind.staff: "服务明星", SubjectKind.window: "优秀服务窗口"}


def _decided(session: Session, key: str):
    item = item_by_key(session=session, key=key)
    return item if item is not None and item.status == WorkItemStatus.done else None


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


def conclude_investigation(*, case_ref: str, actor: str) -> str:
    """The window answered: ratings go to review (三(一)2), the others are answered and closed."""
    with session_scope() as session:
        case, complaint = get_complaint(session=session, ref=case_ref)
        item = _decided(session, complaint.investigation_key) if case.status == "investigating" else None
        if item is None:
            return case.status
        if complaint.channel == ComplaintChannel.rating:
            transition(session=session, case=case, event="submit_reply", actor=item.decided_by, at=item.decided_at)
            _open_step(session, case, step="review", title="审核差评答复", role_=Role.management, form="approve",
                       at=item.decided_at)
        else:
            close_complaint(session=session, case=case, complaint=complaint, event="answer",
                            actor=item.decided_by, at=item.decided_at)
        return case.status


def conclude_review(*, case_ref: str, actor: str) -> str:
    """三(一)2: 由窗口管理科对答复意见进行审核把关 — approved: to posting; refused: back to the window."""
    with session_scope() as session:
        case, complaint = get_complaint(session=session, ref=case_ref)
        item = _decided(session, f"{case.ref}:review:{complaint.review_round}") if case.status == "reviewing" else None
        if item is None:
            return case.status
        if item.decision["approve"]:
            transition(session=session, case=case, event="approve_reply", actor=item.decided_by, at=item.decided_at)
            queue_source_result(session=session, case=case, complaint=complaint, at=item.decided_at)
            _open_step(session, case, step="post", title="在好差评系统发布答复", role_=Role.complaint_window,
                       form="acknowledge", at=item.decided_at)
            return case.status
        transition(session=session, case=case, event="reject_reply", actor=item.decided_by, at=item.decided_at,
                   details={"comment": item.decision.get("comment", "")})
        complaint.review_round += 1
        open_investigation(session=session, case=case, complaint=complaint, at=item.decided_at,
                           key=f"{case.ref}:investigate:{complaint.review_round}")
        queue_notice(session=session, key=f"{case.ref}:returned:{complaint.review_round}", case_ref=case.ref,
                     recipients=window_head(session=session, window_id=case.window_id), template="complaint_step",
                     context={**notice_context(session, case, complaint),
                              "step": f"答复被退回（{item.decision.get('comment', '')}），请重新核实答复"})
        return case.status


def conclude_posting(*, case_ref: str, actor: str) -> str:
    """三(二)3: 经审核后由投诉窗口在“好差评”系统中予以答复 — posted, the rating is closed."""
    with session_scope() as session:
        case, complaint = get_complaint(session=session, ref=case_ref)
        item = _decided(session, f"{case.ref}:post:{complaint.review_round}") if case.status == "posting" else None
        if item is not None:
            close_complaint(session=session, case=case, complaint=complaint, event="post",
                            actor=item.decided_by, at=item.decided_at)
        return case.status


def close_complaint(*, session: Session, case: Case, complaint: Complaint, event: str, actor: str,
                    at: datetime) -> None:
    """Answered: record the verdict and whether in time, apply the outcome, tell who must know,
    keep the register entry (登记表) with the case."""
    decision = item_by_key(session=session, key=complaint.investigation_key).decision
    complaint.findings, complaint.reply = decision["findings"], decision["reply"]
    complaint.verdict = ComplaintVerdict(decision["verdict"])
    complaint.answered_at, complaint.on_time = at, at <= case.due_at
    transition(session=session, case=case, event=event, actor=actor, at=at,
               details={"verdict": complaint.verdict.value, "on_time": complaint.on_time})
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


# What advances a case in each status (the flow dispatches on it; tests call the plain functions).
STEPS = {"received": assign_window, "investigating": conclude_investigation, "reviewing": conclude_review,
         "posting": conclude_posting}
STEP_TASKS = {
    "received": assign_complaint,
    "investigating": task(name="处理窗口核实结果")(conclude_investigation),
    "reviewing": task(name="处理答复审核结果")(conclude_review),
    "posting": task(name="处理答复发布")(conclude_posting),
}


def complaint_status(*, case_ref: str) -> str:
    with session_scope() as session:
        return get_complaint(session=session, ref=case_ref)[0].status


read_complaint_status = task(name="读取投诉状态")(complaint_status)
