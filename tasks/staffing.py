"""The steps of a short secondment (短期借调, 进出管理制度 四.2) and of an intern's placement
(实习生进驻, 进出管理制度 二.3), each one transaction."""
from __future__ import annotations

from datetime import datetime

from tasks.plain_calls import task
from sqlmodel import select

from models.core.calendar import load_calendar
from models.core.cases import Case, get_case, open_case, transition
from models.core.db import session_scope
from models.core.errors import raise_all
from models.core.org import Role, Staff, StaffStatus, Window
from models.core.recipients import leader_of, staff_member, window_head
from models.rotation.store import check_requester, get_window
from models.rotation.inputs import InternInput, SecondmentInput, case_key
from models.core.settings import get_settings
from models.rotation.tables import InternPlacement, Secondment
from models.rotation.store import intern_errors, secondment_errors
from models.core.workitems import decided_item, open_work_item
from tasks.messages import queue_notice
from tasks.rotation import post_arrival
from tasks.rotation_docs import before_effective


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


def settle_secondment(*, case_ref: str, actor: str, as_of: datetime) -> str:
    """The center's decision, then the staff record: seconded from the start, back after the end."""
    with session_scope() as session:
        case = get_case(session=session, ref=case_ref)
        secondment = session.get(Secondment, case_ref)
        staff = session.get(Staff, secondment.staff_id)
        item = decided_item(session=session, case_ref=case_ref, step="review")
        if case.status == "review" and item is not None:
            approved = item.decision["approve"]
            transition(session=session, case=case, event="approve" if approved else "reject",
                       actor=item.decided_by, details={"comment": item.decision["comment"]})
            queue_notice(session=session, key=f"{case_ref}:decided", case_ref=case_ref,
                         recipients=[*staff_member(session=session, staff_id=staff.id),
                                     *window_head(session=session, window_id=staff.window_id),
                                     *leader_of(session=session, department_id=staff.department_id)],
                         template="rotation_secondment",
                         context={"case_ref": case_ref, "name": staff.name, "start": secondment.start,
                                  "end": secondment.end, "approved": approved, "comment": item.decision["comment"]})
        if case.status == "approved" and as_of.date() >= secondment.start:
            if staff.status == StaffStatus.active:
                staff.status = StaffStatus.seconded
            transition(session=session, case=case, event="start", actor=actor, at=as_of)
        if case.status == "seconded" and as_of.date() > secondment.end:
            if staff.status == StaffStatus.seconded:
                staff.status = StaffStatus.active
            transition(session=session, case=case, event="end", actor=actor, at=as_of)
        return case.status


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


def settle_intern(*, case_ref: str, actor: str) -> str:
    """Approved: the intern is entered (人员登记表, staff record as intern); refused: nothing."""
    with session_scope() as session:
        case = get_case(session=session, ref=case_ref)
        item = decided_item(session=session, case_ref=case_ref, step="review")
        if case.status != "review" or item is None:
            return case.status
        placement = session.get(InternPlacement, case_ref)
        approved = item.decision["approve"]
        if approved:
            post_arrival(session=session, case_ref=case_ref, person=placement.details, window_id=placement.window_id,
                         effective=placement.start, actor=item.decided_by)
        transition(session=session, case=case, event="approve" if approved else "reject",
                   actor=item.decided_by, details={"comment": item.decision["comment"]})
        window = get_window(session=session, window_id=placement.window_id)
        queue_notice(session=session, key=f"{case_ref}:decided", case_ref=case_ref,
                     recipients=[*window_head(session=session, window_id=window.id),
                                 *leader_of(session=session, department_id=window.department_id)],
                     template="rotation_intern",
                     context={"case_ref": case_ref, "name": placement.name, "window_name": window.name,
                              "approved": approved, "comment": item.decision["comment"]})
        return case.status


submit_secondment = task(name="登记借调申请")(open_secondment)
advance_secondment_task = task(name="推进借调")(settle_secondment)
submit_intern = task(name="登记实习生进驻申请")(open_intern)
advance_intern_task = task(name="推进实习生进驻")(settle_intern)
