"""The one step every procedure's case takes: in one transaction, read the facts, choose the event
with the procedure's pure `next_event`, apply it and its effects (models.core.procedures.Steps).
An advance flow repeats it until the case waits for a person; every step is idempotent by design —
a second run finds the event already applied and chooses the next one, or none."""
from __future__ import annotations

from datetime import datetime

from models.core.cases import get_case, restate_transition, transition
from models.core.clock import local_now
from models.core.db import session_scope
from models.procedures import get_procedure, resolve, spec_of
from tasks.core.plain_calls import task


def step_case(*, case_ref: str, actor: str, now: datetime | None = None) -> tuple[str | None, str]:
    """Apply the next event the procedure's rules allow, with its effects. Returns (event, status);
    the event is None when the case waits for a person (or is closed)."""
    now = now or local_now()
    with session_scope() as session:
        case = get_case(session=session, ref=case_ref)
        if case.status in get_procedure(case.kind).final:
            return None, case.status
        steps = resolve(spec_of(case.kind).steps)
        facts = steps.facts(session=session, case=case, now=now)
        event = steps.next_event(facts)
        if event is None:
            return None, case.status
        previous = case.status
        transition(session=session, case=case, event=event, actor=actor, at=now)
        effect = steps.effects.get(event)
        recorded = effect(session=session, case=case, facts=facts, event=event, previous=previous, actor=actor,
                          now=now) if effect is not None else None
        if recorded is not None:
            restate_transition(session=session, case=case, event=event, recorded=recorded)
        return event, case.status


step_case_task = task(name="推进一步", task_run_name="{case_ref} 推进一步", retries=0)(step_case)


def advance_case(*, case_ref: str, actor: str, now: datetime | None = None) -> str:
    """Step the case until it waits for a person; returns its status. A procedure's machine has
    no cycle without a person's decision, so the number of its transitions bounds the loop."""
    status = ""
    with session_scope() as session:
        bound = len(get_procedure(get_case(session=session, ref=case_ref).kind).transitions) + 1
    for _ in range(bound):
        event, status = step_case_task(case_ref=case_ref, actor=actor, now=now)
        if event is None:
            break
    return status
