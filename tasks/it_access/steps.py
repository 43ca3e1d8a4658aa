"""IT access requests, one transaction each (IT设备使用管理规定 二): a window's request goes to the IT
section, whose approval registers the allowed configuration (登记备案). The decision is applied by the
generic step (tasks/core/advance.py) with the effects below (STEPS)."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.core.calendar import load_calendar
from models.core.cases import Case, audit, open_case
from models.core.db import session_scope
from models.core.errors import PermissionDenied
from models.core.org import Role, Window
from models.core.procedures import Recorded, Steps
from models.core.recipients import role, staff_member, window_head
from models.core.settings import get_settings
from models.core.submissions import submitted_case
from models.core.workitems import actor_of, open_work_item
from models.it_access.inputs import ItRequestInput
from models.it_access.machine import Facts, next_request_event
from models.it_access.rules import REQUEST_LABELS
from models.it_access.store import by_the_decider, request_facts, window_of
from models.it_access.tables import AllowedConfig, ItRequest
from models.rules.submission import submission_key
from tasks.core.messages import queue_notice
from tasks.core.plain_calls import task


def submit_request(*, request: ItRequestInput, actor: str, now: datetime) -> tuple[str, bool]:
    """二(一)1, 3; 二(二)1: the window (its head) applies to the IT section in writing."""
    with session_scope() as session:
        window = window_of(session=session, window_id=request.window_id)
        who = actor_of(session=session, staff_id=actor)
        if not (who.active and who.role == Role.head and who.window_id == window.id):
            raise PermissionDenied(actor=actor, action="提交IT设备申请", reason=f"只有{window.name}的窗口负责人可以代表窗口申请")
        policy = get_settings().policy
        label = REQUEST_LABELS[request.kind]
        # The same request by the same head re-run (after a crash) finds its case (not the calendar day).
        submission = submission_key("it", {**request.model_dump(mode="json"), "actor": actor})
        if found := submitted_case(session=session, key=submission, now=now, hours=policy.resubmission_hours):
            return found.ref, False
        case, _ = open_case(session=session, kind="it_access", actor=actor, window_id=window.id, at=now,
                            title=f"{window.name}申请{label}：{request.device}", policy=policy.model_dump(mode="json"),
                            idempotency_key=submission.stored(now))
        session.add(ItRequest(case_ref=case.ref, **request.model_dump()))
        due = load_calendar(session=session).deadline(now, policy.it_request_days, policy.office_close)
        open_work_item(session=session, key=f"{case.ref}:decide", case_ref=case.ref, step="decide",
                       title=f"审批{window.name}{label}申请", role=Role.it_section, form="it_access_decision",
                       due_at=due.at, due_from=now, due_days=policy.it_request_days,
                       due_provisional=due.provisional, at=now)
        queue_notice(session=session, key=f"{case.ref}:submitted", case_ref=case.ref, recipients=[role(Role.it_section)],
                     template="it_request", context={"case_ref": case.ref, "window_name": window.name, "kind": label,
                                                     "device": request.device, "purpose": request.purpose,
                                                     "due_at": due.at})
        return case.ref, True


def _approve(*, session: Session, case: Case, facts: Facts, **_) -> Recorded:
    """二(一)3, 二(二)1: an approval registers the allowed configuration (登记备案)."""
    request, d = session.get(ItRequest, case.ref), facts.decision
    session.add(AllowedConfig(case_ref=case.ref, window_id=request.window_id, device=request.device,
                              ip_address=d["ip_address"], gateway=d["gateway"], netmask=d["netmask"],
                              note=d["comment"], registered_by=facts.decided_by, registered_at=facts.decided_at))
    audit(session=session, case_ref=case.ref, actor=facts.decided_by, action="register_config",
          details={k: d[k] for k in ("ip_address", "gateway", "netmask")})
    _tell_decided(session, case=case, request=request, d=d)
    return by_the_decider(facts)


def _refuse(*, session: Session, case: Case, facts: Facts, **_) -> Recorded:
    _tell_decided(session, case=case, request=session.get(ItRequest, case.ref), d=facts.decision)
    return by_the_decider(facts)


def _tell_decided(session: Session, *, case: Case, request: ItRequest, d: dict) -> None:
    """The IT section's decision, to the applicant and the window's head."""
    window = session.get(Window, request.window_id)
    queue_notice(session=session, key=f"{case.ref}:decided", case_ref=case.ref,
                 recipients=[*staff_member(session=session, staff_id=case.opened_by),
                             *window_head(session=session, window_id=request.window_id)],
                 template="it_decided",
                 context={"case_ref": case.ref, "window_name": window.name, "kind": REQUEST_LABELS[request.kind],
                          "device": request.device, "approved": d["approve"], "comment": d["comment"],
                          "ip_address": d["ip_address"], "gateway": d["gateway"], "netmask": d["netmask"]})


submit_request_task = task(name="提交IT设备申请")(submit_request)

# What the generic step (tasks/core/advance.py) runs (models/procedures.py): the facts and the next
# event are the models' (models/it_access/store.py, machine.py), the effects these.
STEPS = Steps(facts=request_facts, next_event=next_request_event, effects={"approve": _approve, "refuse": _refuse})
