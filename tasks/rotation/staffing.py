"""The steps of a short secondment (短期借调, 进出管理制度 四.2) and of an intern's placement
(实习生进驻, 进出管理制度 二.3), each one transaction: opening the case, and the effects of their
events (SECONDMENT_STEPS, INTERN_STEPS: what the generic step runs, tasks/core/advance.py). The effects
live here, not in models/rotation/store.py, because they render templates and queue notices (tasks)."""
from __future__ import annotations

from datetime import datetime

from tasks.core.plain_calls import task
from sqlmodel import Session, select

from models.core.calendar import load_calendar
from models.core.cases import Case, open_case
from models.core.db import session_scope
from models.core.procedures import Recorded, Steps
from models.core.errors import raise_all
from models.core.org import Role, Staff, StaffStatus, Window
from models.core.recipients import leader_of, staff_member, window_head
from models.core.settings import get_settings
from models.rotation.inputs import InternInput, SecondmentInput, case_key
from models.rotation.machine import APPROVE, END, REJECT, START, Facts, next_intern_event, next_secondment_event
from models.rotation.store import (by_the_decider, check_requester, get_window, intern_errors, intern_facts,
                                   secondment_errors, secondment_facts)
from models.rotation.tables import InternPlacement, Secondment
from models.core.workitems import open_work_item
from tasks.core.messages import queue_notice
from tasks.core.posting import post_arrival
from tasks.rotation.documents import before_effective


def _existing(session, key: str) -> str | None:
    case = session.exec(select(Case).where(Case.idempotency_key == key)).first()
    return case.ref if case else None


def _open_review(session, *, case: Case, title: str, start, now: datetime) -> None:
    due = before_effective(load_calendar(session=session), start, now, get_settings().policy)
    open_work_item(session=session, key=f"{case.ref}:review", case_ref=case.ref, step="review", title=title,
                   role=Role.management, form="approve", due_at=due.at, due_from=now,
                   due_provisional=due.provisional, at=now)


def open_secondment(*, request: SecondmentInput, actor: str, now: datetime) -> str:
    """A request to second a staff member back to the home department: the center must consent."""
    key = case_key(request)
    with session_scope() as session:
        if ref := _existing(session, key):
            return ref
        staff = session.get(Staff, request.staff_id)
        if staff is not None and staff.window_id:
            check_requester(session=session, actor_id=actor, window=get_window(session=session, window_id=staff.window_id),
                            action=f"为{staff.name}申请短期借调")
        raise_all(secondment_errors(session=session, request=request))
        case, _ = open_case(session=session, kind="secondment", actor=actor, window_id=staff.window_id,
                            title=f"{staff.name}短期借调回原单位（{request.start}至{request.end}）",
                            subject_staff_id=staff.id, policy=get_settings().policy.model_dump(mode="json"),
                            idempotency_key=key, at=now)
        session.add(Secondment(case_ref=case.ref, staff_id=staff.id, start=request.start, end=request.end,
                               reason=request.reason))
        _open_review(session, case=case, title=f"审核{staff.name}短期借调申请", start=request.start, now=now)
        return case.ref


def _secondment_decided(*, session: Session, case: Case, facts: Facts, event: str, **_) -> Recorded:
    """The center's decision, told to the person, the window head and the home department."""
    secondment = session.get(Secondment, case.ref)
    staff = session.get(Staff, secondment.staff_id)
    queue_notice(session=session, key=f"{case.ref}:decided", case_ref=case.ref,
                 recipients=[*staff_member(session=session, staff_id=staff.id),
                             *window_head(session=session, window_id=staff.window_id),
                             *leader_of(session=session, department_id=staff.department_id)],
                 template="rotation_secondment",
                 context={"case_ref": case.ref, "name": staff.name, "start": secondment.start,
                          "end": secondment.end, "approved": event == APPROVE, "comment": facts.comment})
    return by_the_decider(facts)


def _seconded(*, session: Session, case: Case, **_) -> None:
    staff = session.get(Staff, session.get(Secondment, case.ref).staff_id)
    if staff.status == StaffStatus.active:
        staff.status = StaffStatus.seconded


def _back(*, session: Session, case: Case, **_) -> None:
    staff = session.get(Staff, session.get(Secondment, case.ref).staff_id)
    if staff.status == StaffStatus.seconded:
        staff.status = StaffStatus.active


# The center's decision, then the staff record: seconded from the start, back after the end.
SECONDMENT_STEPS = Steps(facts=secondment_facts, next_event=next_secondment_event,
                         effects={APPROVE: _secondment_decided, REJECT: _secondment_decided,
                                  START: _seconded, END: _back})


def open_intern(*, request: InternInput, actor: str, now: datetime) -> str:
    """The window head reports an intern to the center before the intern is entered."""
    key = case_key(request)
    with session_scope() as session:
        if ref := _existing(session, key):
            return ref
        window = session.get(Window, request.window_id)
        if window is not None:
            check_requester(session=session, actor_id=actor, window=window, action=f"为{window.name}安排实习生")
        raise_all(intern_errors(session=session, request=request))
        person = request.person.model_copy(update={"intern": True})
        case, _ = open_case(session=session, kind="intern", actor=actor, window_id=window.id,
                            title=f"{window.name}实习生{person.name}进驻（{request.start}至{request.end}）",
                            policy=get_settings().policy.model_dump(mode="json"), idempotency_key=key, at=now)
        session.add(InternPlacement(case_ref=case.ref, window_id=window.id, staff_id=person.staff_id,
                                    name=person.name, start=request.start, end=request.end, reason=request.reason,
                                    details=person.model_dump(mode="json")))
        _open_review(session, case=case, title=f"审核实习生{person.name}进驻", start=request.start, now=now)
        return case.ref


def _intern_decided(*, session: Session, case: Case, facts: Facts, event: str, **_) -> Recorded:
    """Approved: the intern is entered (人员登记表, staff record as intern); refused: nothing.
    The window head and the department are told either way."""
    placement = session.get(InternPlacement, case.ref)
    if event == APPROVE:
        post_arrival(session=session, case_ref=case.ref, person=placement.details, window_id=placement.window_id,
                     effective=placement.start, actor=facts.decided_by)
    window = get_window(session=session, window_id=placement.window_id)
    queue_notice(session=session, key=f"{case.ref}:decided", case_ref=case.ref,
                 recipients=[*window_head(session=session, window_id=window.id),
                             *leader_of(session=session, department_id=window.department_id)],
                 template="rotation_intern",
                 context={"case_ref": case.ref, "name": placement.name, "window_name": window.name,
                          "approved": event == APPROVE, "comment": facts.comment})
    return by_the_decider(facts)


INTERN_STEPS = Steps(facts=intern_facts, next_event=next_intern_event,
                     effects={APPROVE: _intern_decided, REJECT: _intern_decided})


open_secondment_task = task(name="登记借调申请")(open_secondment)
open_intern_task = task(name="登记实习生进驻申请")(open_intern)
