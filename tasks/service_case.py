"""Service cases at the window, the side effects: intake (with referral), the materials check and
the one-time written notice, acceptance with the promised due date, completion, extension; a completion
decided on the work item is the generic step's (STEPS, below). Each public plain function is one
transaction (state change + audit + documents + messages together).
"""
from __future__ import annotations

from datetime import datetime

from tasks.core.plain_calls import task
from sqlmodel import Session, select

from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem, WorkItemStatus, audit, open_case, transition
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.documents import store_rendered
from models.core.errors import raise_all
from models.core.procedures import Recorded, Steps
from models.matter.guides import CurrentGuide, current_guide
from models.matter.inputs import MatterKind
from models.core.org import Role, Window, staff_name
from models.core.recipients import Recipient
from models.service_case.rules import CHANNEL_LABELS, extension_problems, material_problems, referral_contact
from models.service_case.machine import ACCEPT, COMPLETE, EXTEND, NOTIFY, REFER, SERVICE_CASE, Facts, next_event
from models.service_case.tables import OneTimeNotice, ServiceCase
from models.service_case.inputs import ServiceIntake
from models.service_case.store import (COMPLETE_STEP, check_window_staff, facts_of, get_service_case,
                                      materials_to_check, notices_of)
from models.rules.submission import submission_key
from models.core.settings import get_settings
from models.core.submissions import submitted_case
from models.core.workitems import cancel_open_items, open_work_item
from tasks.core.messages import queue_notice
from tasks.core.render import render


def open_service_case(*, intake: ServiceIntake, actor: str, now: datetime | None = None) -> str:
    """首问负责制度 一: the first staff member asked owns the case; 二.3: a matter of another window is
    referred (window, department, contact recorded) and the case closes as referred."""
    return submit_service_case(intake=intake, actor=actor, now=now)[0]


def submit_service_case(*, intake: ServiceIntake, actor: str, now: datetime | None = None) -> tuple[str, bool]:
    """open_service_case, and whether it opened the case: the same intake by the same clerk
    re-run (after a crash) returns the case it opened (models.rules.submission)."""
    now = now or local_now()
    policy = get_settings().policy
    submission = submission_key("service", {**intake.model_dump(mode="json"), "actor": actor})
    with session_scope() as session:
        owner = check_window_staff(session=session, actor_id=actor, window_id=None, action="接件")
        found = submitted_case(session=session, key=submission, now=now, hours=policy.resubmission_hours)
        if found is not None:
            return found.ref, False
        guide = current_guide(session=session, code=intake.matter_code)
        case, _ = open_case(session=session, kind=SERVICE_CASE.kind, actor=actor, window_id=owner.window_id,
                            title=f"{intake.applicant}：{guide.name}", at=now, idempotency_key=submission.stored(now),
                            policy=policy.model_dump(mode="json"))
        session.add(ServiceCase(case_ref=case.ref, applicant=intake.applicant, phone=intake.phone,
                                email=intake.email, channel=intake.channel, owner_id=owner.id, matter_code=guide.code,
                                matter_name=guide.name, matter_version=guide.version, matter_kind=guide.kind.value,
                                promised_days=guide.promised_days))
        session.flush()
        audit(session=session, case_ref=case.ref, actor=actor, action="first_inquiry", at=now,
              details={"owner": owner.id, "channel": CHANNEL_LABELS[intake.channel], "matter": guide.code})
        if guide.window_id != owner.window_id:
            _refer(session, case, guide, actor, now)
        return case.ref, True


def _refer(session: Session, case: Case, guide: CurrentGuide, actor: str, now: datetime) -> None:
    window = session.get(Window, guide.window_id) if guide.window_id else None
    record = session.get(ServiceCase, case.ref)
    record.referred_window = guide.window_name or "（部门分中心）"
    record.referred_department = guide.department_name
    record.referred_contact = referral_contact(window.phone if window else "")
    transition(session=session, case=case, event=REFER, actor=actor, at=now,
               details={"window": record.referred_window, "department": guide.department_name,
                        "contact": record.referred_contact})


def check_materials(*, case_ref: str, have: list[str], missing: list[str], actor: str,
                       now: datetime | None = None, sent: bool = False) -> str:
    """一次性告知制度 2, 4; 限时办结制度 4: every material ticked or missing; anything missing → one
    written notice listing all of it; a return visit checks only the listed items. Returns the status."""
    now = now or local_now()
    with session_scope() as session:
        case, record = get_service_case(session=session, ref=case_ref)
        check_window_staff(session=session, actor_id=actor, window_id=case.window_id, action="核验材料")
        SERVICE_CASE.next_status(case.status, NOTIFY if missing else ACCEPT)
        guide, expected = materials_to_check(session=session, record=record)
        notices = notices_of(session=session, case_ref=case_ref)
        raise_all(material_problems([m.name for m in guide.materials], [m.name for m in expected], have, missing))
        audit(session=session, case_ref=case_ref, actor=actor, action="check", at=now,
              details={"have": have, "missing": missing})
        if missing:
            _notify(session, case, record, guide, missing, len(notices) + 1, actor, now, sent)
        else:
            record.outstanding = []
            _accept(session, case, record, actor, now)
        return case.status


def _notify(session: Session, case: Case, record: ServiceCase, guide: CurrentGuide, missing: list[str],
            number: int, actor: str, now: datetime, sent: bool) -> None:
    items = [m for m in guide.materials if m.name in missing]
    session.add(OneTimeNotice(case_ref=case.ref, number=number, items=missing, issued_by=actor, issued_at=now,
                              delivery="sent" if sent else "printed"))
    record.outstanding = list(missing)
    html = render("documents/one_time_notice.html", case_ref=case.ref, number=number, applicant=record.applicant,
                  guide=guide, items=items, issued_at=now, owner_id=actor,
                  owner_name=staff_name(session, actor))
    store_rendered(session=session, key=f"{case.ref}:notice{number}", case_ref=case.ref, kind="one_time_notice",
                   title=f"一次性告知书（第{number}份）", html=html, actor=actor, at=now)
    transition(session=session, case=case, event=NOTIFY, actor=actor, at=now,
               details={"notice": number, "items": missing})
    if sent:
        queue_notice(session=session, key=f"{case.ref}:notice{number}", case_ref=case.ref,
                     recipients=_applicant(record), template="service_notice",
                     context={"case_ref": case.ref, "matter": guide.name, "count": len(items),
                              "items": "、".join(missing)})


def _applicant(record: ServiceCase) -> list[Recipient]:
    """The applicant, when they left a mobile number or an e-mail address."""
    if not (record.phone or record.email):
        return []
    return [Recipient(key=f"applicant:{record.case_ref}", label=record.applicant, phone=record.phone,
                      email=record.email)]


def _accept(session: Session, case: Case, record: ServiceCase, actor: str, now: datetime) -> None:
    """限时办结制度 3, 4: 即办件 completed at once; 承诺件 due the promised working days after acceptance."""
    transition(session=session, case=case, event=ACCEPT, actor=actor, at=now)
    record.accepted_at = now
    if record.matter_kind == MatterKind.immediate or not record.promised_days:
        record.completed_at = now
        transition(session=session, case=case, event=COMPLETE, actor=actor, at=now, details={"at_once": True})
        return
    policy = get_settings().policy
    due = load_calendar(session=session).deadline(now, record.promised_days, policy.office_close)
    case.due_at, case.due_from, case.due_days, case.due_provisional = due.at, now, record.promised_days, due.provisional
    open_work_item(session=session, key=f"{case.ref}:complete", case_ref=case.ref, step=COMPLETE_STEP,
                   title=f"限时办结：{case.title}", role=Role.staff, form="acknowledge", window_id=case.window_id,
                   staff_id=record.owner_id, due_at=due.at, due_from=now, due_days=record.promised_days,
                   due_provisional=due.provisional, at=now)


def complete_service_case(*, case_ref: str, actor: str, now: datetime | None = None) -> str:
    """限时办结制度 1: the window completes an accepted case (the owner, or a colleague of the window)."""
    now = now or local_now()
    with session_scope() as session:
        case, record = get_service_case(session=session, ref=case_ref)
        check_window_staff(session=session, actor_id=actor, window_id=case.window_id, action="办结")
        return _complete(session, case, record, actor, now)


def _complete(session: Session, case: Case, record: ServiceCase, actor: str, now: datetime) -> str:
    transition(session=session, case=case, event=COMPLETE, actor=actor, at=now,
               details={"on_time": case.due_at is None or now <= case.due_at})
    record.completed_at = now
    cancel_open_items(session=session, case_ref=case.ref, actor=actor, reason="已办结")
    return case.status


def extend_service_case(*, case_ref: str, days: int, reason: str, consent: bool, actor: str,
                           now: datetime | None = None) -> datetime:
    """限时办结制度 5: an extension with a reason, the applicant told (the reason and the new time, by SMS
    and e-mail when they left a number or an address) and their consent recorded; returns the new due."""
    now = now or local_now()
    with session_scope() as session:
        case, record = get_service_case(session=session, ref=case_ref)
        check_window_staff(session=session, actor_id=actor, window_id=case.window_id, action="延期办结")
        raise_all(extension_problems(reason, days, consent))
        SERVICE_CASE.next_status(case.status, EXTEND)
        policy = get_settings().policy
        calendar = load_calendar(session=session)
        due = datetime.combine(calendar.add_working_days(case.due_at.date(), days), policy.office_close)
        case.due_at, case.due_days = due, case.due_days + days
        record.extended_days += days
        for item in session.exec(select(WorkItem).where(WorkItem.case_ref == case_ref,
                                                        WorkItem.status == WorkItemStatus.open)):
            item.due_at, item.due_days = due, item.due_days + days
        applicant = _applicant(record)
        transition(session=session, case=case, event=EXTEND, actor=actor, at=now,
                   details={"days": days, "reason": reason, "consent": consent, "due_at": due.isoformat(),
                            "applicant_told": [c for c, a in (("短信", record.phone), ("邮件", record.email)) if a]
                            or ["当面"]})
        queue_notice(session=session, key=f"{case_ref}:extend{record.extended_days}", case_ref=case_ref,
                     recipients=applicant, template="service_extension",
                     context={"case_ref": case_ref, "matter": record.matter_name, "reason": reason, "due_at": due})
        return due


open_service_case_task = task(name="接件（首问负责）")(open_service_case)
check_materials_task = task(name="核验材料（一次性告知）")(check_materials)
complete_service_case_task = task(name="办结")(complete_service_case)
extend_service_case_task = task(name="延期办结")(extend_service_case)


def _completed(*, session: Session, case: Case, facts: Facts, event: str, previous: str, actor: str,
               now: datetime) -> Recorded:
    """限时办结制度 1: completed by whoever decided the work item, when they decided; on time or not;
    the case's other open items cancelled."""
    by, at = facts.decided_by or actor, facts.decided_at or now
    session.get(ServiceCase, case.ref).completed_at = at
    cancel_open_items(session=session, case_ref=case.ref, actor=by, reason="已办结")
    # the transition is the decision's (by the decider, at its moment), not the step's
    return Recorded(actor=by, at=at, details={"on_time": case.due_at is None or at <= case.due_at})


# What the generic step (tasks/core/advance.py) runs for a service case (models/procedures.py: steps).
STEPS = Steps(facts=facts_of, next_event=next_event, effects={COMPLETE: _completed})
