"""Complaint handling's side effects (窗口投诉(差评)处置规定): registering a complaint, extending it
with an explanation, the window's work item, and the staff-return trigger (the steps after
registration: tasks/complaint/steps.py). Each public plain function is one transaction (state
change + audit + outbox together); Prefect tasks wrap them.
"""
from __future__ import annotations

import logging
from datetime import date, datetime

from tasks.core.plain_calls import task
from sqlmodel import Session

from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem, open_case, transition
from models.core.clock import local_now
from models.complaint.tables import Complaint
from models.complaint.store import get_complaint, registered_complaint
from models.complaint.inputs import ComplaintIntake
from models.core.db import session_scope
from models.core.errors import PermissionDenied, raise_all, validated
from models.core.org import Role, Staff, Window
from models.core.recipients import Recipient
from models.complaint.machine import COMPLAINT, EXTEND
from models.complaint.rules import (CHANNEL_LABELS, ComplaintChannel, case_title, complaint_deadline, contact_channel,
                                    extension_deadline, intake_key, intake_problems, may_extend,
                                    may_register, normalize_contact)
from models.rules.masking import complainant_view, mask_name, mask_phone
from models.core.settings import Policy, get_settings
from models.core.workitems import actor_of, cancel_open_items, open_work_item
from tasks.core.messages import queue_notice
from tasks.core.hand_offs import hand_off

log = logging.getLogger("center.complaint")


def notice_context(session: Session, case: Case, complaint: Complaint) -> dict:
    """What messages about a complaint may say: the complainant masked (SMS and e-mail to staff, logs,
    the register entry) by the one rule of every view (models.rules.masking.complainant_view)."""
    window = session.get(Window, case.window_id)
    view = complainant_view(name=complaint.complainant_name, contact=complaint.complainant_contact, full=False)
    return {"case_ref": case.ref, "case_title": case.title, "channel": CHANNEL_LABELS[complaint.channel],
            "window": window.name if window else case.window_id, "ticket_no": complaint.ticket_no or "",
            "complainant": view.name or "（匿名）", "contact": view.contact, "content": view.text(complaint.content),
            "due_at": case.due_at, "provisional": case.due_provisional}


def masked_record(complaint: Complaint) -> dict:
    """The complaint as a document or a message to staff shows it: the complainant masked, in free
    text too (the register entry can be read by anyone who may see the case)."""
    view = complainant_view(name=complaint.complainant_name, contact=complaint.complainant_contact, full=False)
    record = complaint.model_dump()
    record.update(complainant_name=view.name, complainant_contact=view.contact,
                  **{k: view.text(record[k]) for k in ("content", "findings", "reply", "extension_reason")})
    return record


def complainant(complaint: Complaint) -> list[Recipient]:
    """The complainant, reachable by the SMS or e-mail address they left (general complaints)."""
    kind, contact = contact_channel(complaint.complainant_contact), complaint.complainant_contact
    if kind is None:
        return []
    return [Recipient(key="complainant", label=mask_name(complaint.complainant_name) or "投诉人",
                      phone=contact if kind == "sms" else "", email=contact if kind == "email" else "")]


def register_complaint(*, intake: ComplaintIntake | dict, actor: str,
                       now: datetime | None = None) -> tuple[str, bool]:
    """Record a complaint from any channel with its due date. Returns (case ref, created).

    投诉处置规定 二 (channels), 三(二)1 (name, contact and content recorded; the time limits)."""
    now = now or local_now()
    intake = intake if isinstance(intake, ComplaintIntake) else validated(ComplaintIntake, intake)
    received_given = intake.received_at is not None
    if not received_given:
        intake = intake.model_copy(update={"received_at": now})
    with session_scope() as session:
        allowed, reason = may_register(actor_of(session=session, staff_id=actor))
        if not allowed:
            raise PermissionDenied(actor=actor, action="登记投诉", reason=reason)
        case, created = record_intake(session=session, intake=intake, actor=actor, now=now,
                                      received_given=received_given)
        return case.ref, created


def record_intake(*, session: Session, intake: ComplaintIntake, actor: str, now: datetime,
                  received_given: bool = True) -> tuple[Case, bool]:
    """Check and record a complaint in the caller's transaction. Returns (case, created): the case
    it was registered as already (models.complaint.store.registered_complaint: what makes two complaints
    different) with False. Called by the clerk's registration above and by the source systems' API
    (tasks.api.intake). `received_given`: False when the clerk left the received time to now.

    投诉处置规定 二 (channels), 三(二)1–3 (what is recorded; the time limits)."""
    found = registered_complaint(session=session, intake=intake, now=now, actor=actor, received_given=received_given)
    if found is not None:
        log.info("投诉已登记过：%s", found.ref)
        return found, False
    window = session.get(Window, intake.window_id)
    staff = session.get(Staff, intake.staff_id) if intake.staff_id else None
    raise_all(intake_problems(intake, window_known=window is not None, staff_known=staff is not None,
                              staff_window_id=staff.window_id if staff else None, now=now))
    policy = get_settings().policy
    deadline, days = complaint_deadline(channel=intake.channel, received_at=intake.received_at,
                                        external_due_at=intake.external_due_at,
                                        calendar=load_calendar(session=session), policy=policy)
    key = intake_key(intake, actor=actor, received_given=received_given).stored(now)
    case, created = open_case(session=session, kind=COMPLAINT.kind, actor=actor,
                              title=case_title(intake.channel, window.name, staff.name if staff else None),
                              policy=policy.model_dump(mode="json"), window_id=window.id,
                              subject_staff_id=intake.staff_id, idempotency_key=key, at=now)
    if created:
        case.due_at, case.due_from, case.due_days = deadline.at, intake.received_at, days
        case.due_provisional = deadline.provisional
        fields = intake.model_dump(exclude={"category", "complainant_contact"})
        session.add(Complaint(case_ref=case.ref, **fields,
                              category=1 if intake.channel == ComplaintChannel.rating else intake.category,
                              complainant_contact=normalize_contact(intake.complainant_contact)))
    log.info("登记投诉 %s（%s）：投诉人 %s %s，期限 %s", case.ref, CHANNEL_LABELS[intake.channel],
             mask_name(intake.complainant_name), mask_phone(intake.complainant_contact), case.due_at)
    return case, created


def open_investigation(*, session: Session, case: Case, complaint: Complaint, key: str,
                       at: datetime) -> WorkItem:
    """The window's work item: findings, verdict and reply, due with the case (三(一), 三(二))."""
    complaint.investigation_key = key
    return open_work_item(session=session, key=key, case_ref=case.ref, step="investigate",
                          title=f"核实并答复：{case.title}", role=Role.head, form="complaint_investigation",
                          window_id=case.window_id, due_at=case.due_at, due_from=case.due_from,
                          due_days=case.due_days, due_provisional=case.due_provisional, at=at)


def extend_complaint(*, case_ref: str, actor: str, reason: str, until: date | None = None,
                     now: datetime | None = None) -> datetime:
    """三(二)1: 情况复杂不能按期办结的，窗口要向投诉人做出说明，但最长应在10个工作日内办结.

    Checks every rule, moves the due date, reopens the window's item with it (so reminders follow
    the new date) and sends the explanation to the complainant. Returns the new due date."""
    now = now or local_now()
    with session_scope() as session:
        case, complaint = get_complaint(session=session, ref=case_ref)
        allowed, why = may_extend(actor_of(session=session, staff_id=actor), case.window_id)
        if not allowed:
            raise PermissionDenied(actor=actor, action=f"延期投诉 {case_ref}", reason=why)
        COMPLAINT.next_status(case.status, EXTEND)
        deadline, days = extension_deadline(
            channel=complaint.channel, received_at=complaint.received_at, current_due=case.due_at,
            extensions=complaint.extensions, reason=reason, until=until, now=now,
            calendar=load_calendar(session=session), policy=Policy.model_validate(case.policy))
        transition(session=session, case=case, event=EXTEND, actor=actor, at=now,
                   details={"from": case.due_at.isoformat(), "to": deadline.at.isoformat(), "reason": reason})
        case.due_at, case.due_days, case.due_provisional = deadline.at, days, deadline.provisional
        complaint.extensions += 1
        complaint.extension_reason = reason.strip()
        cancel_open_items(session=session, case_ref=case.ref, actor=actor, reason="延期：按新期限重新交办")
        open_investigation(session=session, case=case, complaint=complaint,
                           key=f"{case.ref}:investigate:{complaint.review_round}:extended", at=now)
        queue_notice(session=session, key=f"{case.ref}:extension", case_ref=case.ref,
                     recipients=complainant(complaint), template="complaint_extension",
                     context={**notice_context(session, case, complaint), "reason": complaint.extension_reason})
        return case.due_at


def open_return_due(*, session: Session, case_ref: str, staff: Staff, count: int,
                    at: datetime) -> Case | None:
    """投诉处置规定 三(三)2, 进出管理制度 三.3: 被投诉三次以上并经查属实的, 退回原部门 — opens the
    staff-return case (handed off to the staff-return procedure), in this transaction; None if one is under
    way already."""
    return hand_off("return_for_complaints", session=session, staff=staff, trigger_ref=case_ref, at=at)


register_complaint_task = task(name="登记投诉")(register_complaint)
extend_complaint_task = task(name="延期并向投诉人说明")(extend_complaint)
