"""The training register's side effects, one transaction each: arranging a session (the staff
told, the roll call opened for the organising section), leave asked in advance, a session
cancelled; and the generic step's effects (STEPS, tasks/core/advance.py): the roll call closed with its
deductions, confirmed by the management section when another section called it (学习培训制度 三)."""
from __future__ import annotations

from datetime import datetime

from tasks.core.plain_calls import task
from sqlmodel import Session, select

from models.core.calendar import load_calendar
from models.core.cases import Case, audit, open_case, transition
from models.core.db import session_scope
from models.core.errors import InvalidInput, InvalidTransition, PermissionDenied, raise_all
from models.core.ledger import SubjectKind, deduct
from models.core.org import ROLE_LABELS, Role, Staff
from models.core.recipients import person, staff_member, window_head
from models.core.procedures import Recorded, Steps
from models.training.machine import SCHEDULED, TRAINING, Facts, next_event
from models.training.rules import (ABSENT_KIND, CATEGORY_LABELS, Attendance, excuse_errors,
                                   may_organise, session_errors)
from models.core.settings import Policy, get_settings
from models.training.inputs import TrainingInput
from models.training.store import attendees, by_the_decider, expected_staff, facts_of, get_training
from models.training.tables import TrainingAttendee, TrainingSession
from models.core.workitems import actor_of, cancel_open_items, open_work_item
from tasks.core.human_steps import announce_work_item, open_section_step
from tasks.core.messages import queue_notice


def _check_organiser(session: Session, actor: str, organiser: Role, action: str) -> None:
    allowed, reason = may_organise(actor_of(session=session, staff_id=actor).role, organiser)
    if not allowed:
        raise PermissionDenied(actor=actor, action=action, reason=reason)


def _context(case: Case, training: TrainingSession) -> dict:
    return {"case_ref": case.ref, "topic": training.topic, "category": CATEGORY_LABELS[training.category],
            "starts_at": training.starts_at, "ends_at": training.ends_at, "place": training.place or "另行通知",
            "organiser": ROLE_LABELS[training.organiser]}


def open_training(*, request: TrainingInput, actor: str, now: datetime) -> tuple[str, bool]:
    """Arrange a session: the expected staff are told, with how to ask for leave (三.2)."""
    with session_scope() as session:
        _check_organiser(session, actor, request.organiser, "安排学习培训")
        key = f"training:{request.organiser.value}:{request.starts_at:%Y%m%d%H%M}"
        if existing := session.exec(select(Case).where(Case.idempotency_key == key)).first():
            return existing.ref, False
        people = expected_staff(session=session, request=request)
        raise_all(session_errors(topic=request.topic, starts_at=request.starts_at, ends_at=request.ends_at,
                                 organiser=request.organiser, expected=len(people), now=now))
        policy = get_settings().policy
        case, _ = open_case(session=session, kind="training", actor=actor, idempotency_key=key, at=now,
                            title=f"{CATEGORY_LABELS[request.category]}学习培训：{request.topic}"
                                  f"（{request.starts_at:%Y-%m-%d %H:%M}）",
                            policy=policy.model_dump(mode="json"))
        training = TrainingSession(case_ref=case.ref, topic=request.topic, category=request.category,
                                   starts_at=request.starts_at, ends_at=request.ends_at,
                                   organiser=request.organiser, place=request.place)
        session.add(training)
        session.add_all([TrainingAttendee(case_ref=case.ref, staff_id=s.id, window_id=s.window_id) for s in people])
        due = load_calendar(session=session).deadline(request.ends_at, 0, policy.office_close)
        item = open_work_item(session=session, key=f"{case.ref}:roll_call", case_ref=case.ref, step="roll_call",
                              title=f"学习培训点名：{request.topic}", role=request.organiser, form="training_roll_call",
                              due_at=due.at, due_from=request.ends_at, due_days=0, due_provisional=due.provisional,
                              at=now)
        announce_work_item(session, case, item)
        queue_notice(session=session, key=f"{case.ref}:notice", case_ref=case.ref,
                     recipients=[person(s) for s in people], template="training_notice",
                     context=_context(case, training))
        return case.ref, True


def excuse_attendee(*, case_ref: str, staff_id: str, reason: str, requested_at: datetime, actor: str) -> None:
    """三.2 事先向组织学习培训的科室请假: recorded by that section, asked before the session."""
    with session_scope() as session:
        case, training = get_training(session=session, ref=case_ref)
        _check_organiser(session, actor, training.organiser, "登记学习培训请假")
        if case.status != SCHEDULED:
            raise InvalidTransition(kind_label=TRAINING.label, status_label=TRAINING.status_label(case.status), event_label="请假")
        attendee = session.exec(select(TrainingAttendee).where(TrainingAttendee.case_ref == case_ref,
                                                               TrainingAttendee.staff_id == staff_id)).first()
        raise_all(excuse_errors(requested_at=requested_at, starts_at=training.starts_at,
                                expected=attendee is not None))
        attendee.excused_at, attendee.excuse_reason = requested_at, reason
        audit(session=session, case_ref=case_ref, actor=actor, action="excuse",
              details={"staff": staff_id, "requested_at": requested_at.isoformat(), "reason": reason})


def _roll_call(*, session: Session, case: Case, facts: Facts, event: str, **_) -> Recorded:
    """三.1 点名 and 三.2 无故不参加学习的，按规定扣分: the organising section calls the roll; the
    deductions are the management section's to decide — at once when it called the roll itself, else
    once it confirms them (the review opened here). The points are the policy's (the case's copy)."""
    result = facts.attendance()
    training = session.get(TrainingSession, case.ref)
    rows = attendees(session=session, case_ref=case.ref)
    for attendee in rows:
        attendee.attendance = result[attendee.staff_id]
    absent = [a for a in rows if a.attendance == Attendance.absent]
    if event == "roll_call":
        _deduct_absences(session, case=case, training=training, absent=absent, actor=facts.decided_by)
    else:
        names = "、".join(session.get(Staff, a.staff_id).name for a in absent)
        open_section_step(session=session, case=case, key=f"{case.ref}:review", step="review",
                          title=f"确认学习培训「{training.topic}」无故缺席扣分：{names}", role=Role.management,
                          form="approve", at=facts.decided_at)
    return by_the_decider(facts, event)


def _review(*, session: Session, case: Case, facts: Facts, event: str, **_) -> Recorded:
    """The management section confirms the deductions of another section's roll call, or not."""
    if event == "confirm":
        absent = [a for a in attendees(session=session, case_ref=case.ref) if a.attendance == Attendance.absent]
        _deduct_absences(session, case=case, training=session.get(TrainingSession, case.ref), absent=absent,
                         actor=facts.decided_by)
    return by_the_decider(facts, event)


def _deduct_absences(session: Session, *, case: Case, training: TrainingSession, absent: list[TrainingAttendee],
                     actor: str) -> None:
    points = Policy.model_validate(case.policy).deduction_points[ABSENT_KIND]
    for attendee in absent:
        _deduct_absence(session, case=case, training=training, attendee=attendee, points=points, actor=actor)


def _deduct_absence(session: Session, *, case: Case, training: TrainingSession, attendee: TrainingAttendee,
                    points: float, actor: str) -> None:
    deduct(session=session, subject_kind=SubjectKind.staff, subject_id=attendee.staff_id, kind=ABSENT_KIND,
           points=points, case_ref=case.ref, on=training.starts_at.date(), actor=actor,
           reason=f"无故不参加学习培训「{training.topic}」（学习培训制度 三.2）", year=training.starts_at.year)
    staff = session.get(Staff, attendee.staff_id)
    queue_notice(session=session, key=f"{case.ref}:absent:{attendee.staff_id}", case_ref=case.ref,
                 recipients=[*staff_member(session=session, staff_id=staff.id),
                             *window_head(session=session, window_id=attendee.window_id)],
                 template="training_absent", context={**_context(case, training), "name": staff.name,
                                                      "points": f"{points:g}"})


def cancel_training(*, case_ref: str, reason: str, actor: str) -> str:
    with session_scope() as session:
        case, training = get_training(session=session, ref=case_ref)
        _check_organiser(session, actor, training.organiser, "取消学习培训")
        if not reason.strip():
            raise InvalidInput(field="原因", message="取消培训须写明原因（将通知应参加人员）")
        transition(session=session, case=case, event="cancel", actor=actor, details={"reason": reason})
        cancel_open_items(session=session, case_ref=case_ref, actor=actor, reason=reason)
        people = [session.get(Staff, a.staff_id) for a in attendees(session=session, case_ref=case_ref)]
        queue_notice(session=session, key=f"{case_ref}:cancelled", case_ref=case_ref,
                     recipients=[person(s) for s in people], template="training_cancelled",
                     context={**_context(case, training), "reason": reason})
        return case.status


open_training_task = task(name="安排学习培训")(open_training)

# What the generic step (tasks/core/advance.py) runs for a session (models/procedures.py): the facts and
# the next event are the models' (models/training/store.py, machine.py), the effects these.
STEPS = Steps(facts=facts_of, next_event=next_event,
              effects={"roll_call": _roll_call, "roll_call_for_review": _roll_call, "confirm": _review,
                       "dismiss": _review})
