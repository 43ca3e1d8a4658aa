"""The steps of a short secondment (短期借调, 进出管理制度 四.2), each one transaction: opening the case,
and the effects of its events (STEPS: what the generic step runs, tasks/core/advance.py). The effects
live here, not in models/rotation/store.py, because they queue notices (tasks)."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.core.cases import Case, open_case
from models.core.db import session_scope
from models.core.errors import raise_all
from models.core.org import Staff, StaffStatus
from models.core.procedures import Recorded, Steps
from models.core.recipients import leader_of, staff_member, window_head
from models.core.settings import get_settings
from models.rotation.inputs import SecondmentInput, case_key
from models.rotation.machine import APPROVE, END, REJECT, START, Facts, next_secondment_event
from models.rotation.store import by_the_decider, check_requester, get_window, secondment_errors, secondment_facts
from models.rotation.tables import Secondment
from tasks.core.hand_offs import hand_off
from tasks.core.messages import queue_notice
from tasks.core.plain_calls import task
from tasks.rotation.documents import filed_case, open_center_review


def open_secondment(*, request: SecondmentInput, actor: str, now: datetime) -> str:
    """A request to second a staff member back to the home department: the center must consent."""
    key = case_key(request)
    with session_scope() as session:
        if ref := filed_case(session, key):
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
        open_center_review(session, case=case, title=f"审核{staff.name}短期借调申请", start=request.start, now=now)
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


def _seconded(*, session: Session, case: Case, actor: str, now: datetime, **_) -> None:
    staff = session.get(Staff, session.get(Secondment, case.ref).staff_id)
    if staff.status == StaffStatus.active:
        staff.status = StaffStatus.seconded
        hand_off("substitute_left", session=session, staff_id=staff.id, case_ref=case.ref, actor=actor, at=now)


def _back(*, session: Session, case: Case, **_) -> None:
    staff = session.get(Staff, session.get(Secondment, case.ref).staff_id)
    if staff.status == StaffStatus.seconded:
        staff.status = StaffStatus.active


# The center's decision, then the staff record: seconded from the start, back after the end.
STEPS = Steps(facts=secondment_facts, next_event=next_secondment_event,
              effects={APPROVE: _secondment_decided, REJECT: _secondment_decided, START: _seconded, END: _back})


open_secondment_task = task(name="登记借调申请")(open_secondment)
