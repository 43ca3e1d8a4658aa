"""The repair of stuck cases (issue 26, defect 1): the store says which cases nobody is moving
(models.core.stranded, in SQL); for each, the procedure's own rules say what moves it.

- `advance`: its pure `next_event` chooses an automatic event (a decision recorded, the advance that
  should follow never ran; an opening interrupted before the first advance): the advance flow runs.
- `reopen`: no event is due, but re-running the effect of the event that entered its status (every
  effect is idempotent by key) opens the work item that was never opened (its effect crashed).
- 无人可办 (`None`): neither; the overview and the sweep's report list it for the management section.
- `WAITING`: neither, but its status waits without a work item (`Procedure.idle`: the applicant at
  the counter, a date): not stuck, left alone.

A repair is audited ("system", `REPAIR`). Here because the facts and next_event are declared in the
tasks layer for most procedures (models may not import tasks)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from models.core.cases import AuditEvent, Case, WorkItem, WorkItemStatus, audit, get_case
from models.core.db import session_scope
from models.core.stranded import GRACE, REPAIR, stranded_cases
from models.procedures import get_procedure, resolve, spec_of
from tasks.core.alerts import send_to_operators
from tasks.core.render import render_email
from tasks.core.plain_calls import task

ADVANCE, REOPEN, WAITING = "advance", "reopen", "waiting"
SYSTEM = "system"


@dataclass(frozen=True)
class Stuck:
    ref: str
    kind: str
    status: str
    remedy: str | None  # ADVANCE, REOPEN, or None: 无人可办
    error: str = ""  # the check itself failed (reported, the other cases go on)


def entering_event(*, session: Session, case: Case) -> AuditEvent | None:
    """The history's row of the event that brought the case into its current status."""
    return session.exec(select(AuditEvent).where(
        AuditEvent.case_ref == case.ref, AuditEvent.to_status == case.status,
        AuditEvent.from_status.is_not(None), AuditEvent.from_status != case.status,
    ).order_by(AuditEvent.id.desc())).first()


def has_open_item(*, session: Session, case_ref: str) -> bool:
    return session.exec(select(WorkItem.id).where(WorkItem.case_ref == case_ref,
                                                  WorkItem.status == WorkItemStatus.open)).first() is not None


def rerun_entering_effect(*, session: Session, case: Case, now: datetime) -> bool:
    """Re-run the effect of the event that entered the case's status, as at that event; True when the
    case then has an open work item. The caller commits or rolls back."""
    steps = resolve(spec_of(case.kind).steps)
    entered = entering_event(session=session, case=case)
    effect = steps.effects.get(entered.action) if entered else None
    if effect is None:
        return False
    facts = steps.facts(session=session, case=case, now=entered.at)
    effect(session=session, case=case, facts=facts, event=entered.action, previous=entered.from_status,
           actor=SYSTEM, now=entered.at)
    session.flush()
    return has_open_item(session=session, case_ref=case.ref)


def remedy_of(*, session: Session, case: Case, now: datetime) -> str | None:
    """What moves a stuck case (see the module's docstring); re-runs the effect to know: roll back after."""
    steps = resolve(spec_of(case.kind).steps)
    if steps.next_event(steps.facts(session=session, case=case, now=now)) is not None:
        return ADVANCE
    if case.status in get_procedure(case.kind).idle:
        return WAITING
    return REOPEN if rerun_entering_effect(session=session, case=case, now=now) else None


def find_stuck_cases(*, as_of: datetime, kinds: list[str]) -> list[Stuck]:
    """The stuck cases with their remedy; nothing is written (each check is rolled back)."""
    with session_scope() as session:
        candidates = stranded_cases(session=session, as_of=as_of, kinds=set(kinds))
        found = []
        for ref, kind in candidates:
            status = get_case(session=session, ref=ref).status
            try:
                remedy, error = remedy_of(session=session, case=get_case(session=session, ref=ref), now=as_of), ""
            except Exception as failure:  # noqa: BLE001 (one case's failure is reported; the others are checked)
                remedy, error = None, type(failure).__name__
            session.rollback()
            if remedy != WAITING:
                found.append(Stuck(ref=ref, kind=kind, status=status, remedy=remedy, error=error))
        return found


def reopen_step(*, case_ref: str, now: datetime) -> str:
    """Re-run the entering effect for real and audit the repair, in one transaction; returns the
    status. Raises when the case has moved meanwhile or the item is still not open."""
    with session_scope() as session:
        case = get_case(session=session, ref=case_ref)
        if has_open_item(session=session, case_ref=case_ref) or not rerun_entering_effect(
                session=session, case=case, now=now):
            raise RuntimeError(f"案件 {case_ref} 的待办未能重新开出")
        audit(session=session, case_ref=case_ref, actor=SYSTEM, action=REPAIR, at=now,
              details={"remedy": REOPEN, "status": case.status})
        return case.status


def record_repair(*, case_ref: str, before: str, now: datetime) -> None:
    """The audit row of an advance run as a repair: from which status the case was moved on."""
    with session_scope() as session:
        case = get_case(session=session, ref=case_ref)
        audit(session=session, case_ref=case_ref, actor=SYSTEM, action=REPAIR, at=now,
              details={"remedy": ADVANCE, "from": before, "status": case.status})


def unmovable_rows(found: list[Stuck]) -> list[list[str]]:
    """[ref, procedure, status] of the 无人可办 cases, in Chinese (the report, the overview)."""
    return [[s.ref, get_procedure(s.kind).label, get_procedure(s.kind).status_label(s.status)]
            for s in found if s.remedy is None and not s.error]


def alert_operators(*, repaired: list[str], unmovable: list[str], failed: list[str], at: datetime) -> None:
    """Tell the operators what the repair found, straight through Apprise (tasks/core/alerts.py): not
    through the outbox, nor Prefect's automations — the store or the engine may be what failed."""
    subject, body = render_email("repair_alert", found=len(repaired) + len(unmovable) + len(failed), at=at,
                                 grace=int(GRACE.total_seconds() // 60), repaired=repaired, unmovable=unmovable,
                                 failed=failed)
    send_to_operators(subject=subject, body=body)


find_stuck_cases_task = task(name="查找无人推进的案件")(find_stuck_cases)
reopen_step_task = task(name="重新开出待办", task_run_name="{case_ref} 重新开出待办")(reopen_step)
record_repair_task = task(name="记录修复")(record_repair)
alert_operators_task = task(name="通知运维人员：无人推进的案件")(alert_operators)
