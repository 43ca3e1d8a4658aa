"""IT device violations, one transaction each (IT设备使用管理规定 二(三)6): recorded by the IT section or
the management section, a violation waits for the management section's decision on the deduction;
repeated serious ones withdraw the award eligibility. The decision is applied by the generic step
(tasks/core/advance.py) with the effects below (STEPS)."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.core.cases import Case, open_case
from models.core.db import session_scope
from models.core.errors import InvalidInput, PermissionDenied, raise_all
from models.core.ledger import SubjectKind, deduct, withdraw_eligibility
from models.core.org import Role, Staff
from models.core.procedures import Recorded, Steps
from models.core.recipients import role, staff_member, window_head
from models.core.settings import Policy, get_settings
from models.core.workitems import actor_of, open_work_item
from models.it_access.inputs import ItViolationInput
from models.it_access.machine import Facts, next_violation_event
from models.it_access.rules import VIOLATION_LABELS, withdraws_eligibility
from models.it_access.store import by_the_decider, serious_deducted, violation_facts, window_of
from models.it_access.tables import ItViolation
from tasks.core.human_steps import section_due
from tasks.core.messages import queue_notice
from tasks.core.plain_calls import task

AWARDS = {SubjectKind.staff: "服务明星", SubjectKind.window: "优秀服务窗口"}


def record_violation(*, violation: ItViolationInput, actor: str, now: datetime) -> tuple[str, bool]:
    """Recorded by the IT section (it manages the devices, 一) or the management section; the
    deduction is the management section's to decide."""
    with session_scope() as session:
        who = actor_of(session=session, staff_id=actor)
        if not (who.active and who.role in (Role.it_section, Role.management)):
            raise PermissionDenied(actor=actor, action="登记IT设备违规", reason="只有信息技术科或窗口管理科可以登记")
        window = window_of(session=session, window_id=violation.window_id)
        staff = session.get(Staff, violation.staff_id) if violation.staff_id else None
        problems = []
        if violation.staff_id and (staff is None or staff.window_id != window.id):
            problems.append(InvalidInput(field="责任人", message=f"{violation.staff_id} 不是{window.name}的工作人员"))
        if violation.observed_on > now.date():
            problems.append(InvalidInput(field="发现日期", message=f"{violation.observed_on} 晚于今天"))
        raise_all(problems)
        label = VIOLATION_LABELS[violation.kind]
        case, created = open_case(
            session=session, kind="it_violation", actor=actor, window_id=window.id, at=now,
            subject_staff_id=violation.staff_id, policy=get_settings().policy.model_dump(mode="json"),
            title=f"{window.name}{staff.name if staff else ''}{label}{'（情节严重）' if violation.serious else ''}",
            idempotency_key=f"itv:{window.id}:{violation.staff_id or '-'}:{violation.kind.value}:{violation.observed_on}")
        if not created:
            return case.ref, False
        session.add(ItViolation(case_ref=case.ref, **violation.model_dump()))
        open_work_item(session=session, key=f"{case.ref}:review", case_ref=case.ref, step="review",
                       title=f"审核IT设备违规扣分：{case.title}", role=Role.management, form="approve",
                       **section_due(session, case, now), at=now)
        queue_notice(session=session, key=f"{case.ref}:recorded", case_ref=case.ref, recipients=[role(Role.management)],
                     template="it_violation", context={"case_ref": case.ref, "title": case.title,
                                                       "description": violation.description,
                                                       "observed_on": violation.observed_on})
        return case.ref, True


def _confirm(*, session: Session, case: Case, facts: Facts, **_) -> Recorded:
    """二(三)6: 对违反规定的…扣分，对屡教不改且情节严重的，取消相关责任人的评优资格."""
    _deduct(session, case=case, v=session.get(ItViolation, case.ref), actor=facts.decided_by)
    return by_the_decider(facts)


def _dismiss(*, facts: Facts, **_) -> Recorded:
    return by_the_decider(facts)


def _deduct(session: Session, *, case: Case, v: ItViolation, actor: str) -> None:
    policy, year = Policy.model_validate(case.policy), v.observed_on.year
    subject = (SubjectKind.staff, v.staff_id) if v.staff_id else (SubjectKind.window, v.window_id)
    kind, label = f"it.{v.kind.value}", VIOLATION_LABELS[v.kind]
    points = policy.deduction_points[kind]
    deduct(session=session, subject_kind=subject[0], subject_id=subject[1], kind=kind, points=points,
           reason=f"IT设备违规：{label}（IT设备使用管理规定 二）", case_ref=case.ref, on=v.observed_on,
           actor=actor, year=year)
    session.flush()
    serious = serious_deducted(session=session, window_id=v.window_id, staff_id=v.staff_id, year=year)
    withdrawn = v.serious and withdraws_eligibility(serious, policy.it_serious_repeat)
    if withdrawn:
        withdraw_eligibility(session=session, subject_kind=subject[0], subject_id=subject[1], year=year,
                             case_ref=case.ref, on=v.observed_on, actor=actor,
                             reason=f"{year}年第{serious}次情节严重的IT设备违规，屡教不改，取消{year}年度"
                                    f"{AWARDS[subject[0]]}评优资格（IT设备使用管理规定 二(三)6）")
    queue_notice(session=session, key=f"{case.ref}:deducted", case_ref=case.ref,
                 recipients=[*staff_member(session=session, staff_id=v.staff_id),
                             *window_head(session=session, window_id=v.window_id)],
                 template="it_deduction", context={"case_ref": case.ref, "title": case.title, "points": f"{points:g}",
                                                   "withdrawn": withdrawn, "award": AWARDS[subject[0]], "year": year})


record_violation_task = task(name="登记IT设备违规")(record_violation)

# What the generic step (tasks/core/advance.py) runs (models/procedures.py): the facts and the next
# event are the models' (models/it_access/store.py, machine.py), the effects these.
STEPS = Steps(facts=violation_facts, next_event=next_violation_event, effects={"confirm": _confirm, "dismiss": _dismiss})
