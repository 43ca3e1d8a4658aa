"""The steps of an intern's placement (实习生进驻, 进出管理制度 二.3), each one transaction: opening the
case, and the effects of its events (STEPS: what the generic step runs, tasks/core/advance.py). The
effects live here, not in models/rotation/store.py, because they post the arrival and queue notices."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.core.cases import Case, open_case
from models.core.db import session_scope
from models.core.errors import raise_all
from models.core.org import Window
from models.core.procedures import Recorded, Steps
from models.core.recipients import leader_of, window_head
from models.core.settings import get_settings
from models.rotation.inputs import InternInput, case_key
from models.rotation.machine import APPROVE, REJECT, Facts, next_intern_event
from models.rotation.store import by_the_decider, check_requester, get_window, intern_errors, intern_facts
from models.rotation.tables import InternPlacement
from tasks.core.messages import queue_notice
from tasks.core.plain_calls import task
from tasks.core.posting import post_arrival
from tasks.rotation.documents import filed_case, open_center_review


def open_intern(*, request: InternInput, actor: str, now: datetime) -> str:
    """The window head reports an intern to the center before the intern is entered."""
    key = case_key(request)
    with session_scope() as session:
        if ref := filed_case(session, key):
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
        open_center_review(session, case=case, title=f"审核实习生{person.name}进驻", start=request.start, now=now)
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


STEPS = Steps(facts=intern_facts, next_event=next_intern_event,
              effects={APPROVE: _intern_decided, REJECT: _intern_decided})


open_intern_task = task(name="登记实习生进驻申请")(open_intern)
