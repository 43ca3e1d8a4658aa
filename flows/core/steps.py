"""Clerk steps by name (issue 22): what the web desk and the CLI run, in their own process or —
with `CENTER_STEP_WORKERS=true` — on the step workers (`center workers`, flows/core/step_session.py).

A step is a procedure's entry flow (a leave application, a complaint, …) or `办理待办` (a work
item's decision, then the case's advance: `flows.core.decide.decide`, whose decision text is never a
Prefect run parameter). Schedules and sweeps are not steps: they stay deployments.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module
from typing import Any, NamedTuple

from flows.core.decide import DECIDE  # noqa: F401  (re-exported: the callers' key of a decision)
from flows.core.plain_calls import CenterFlow, RetrySafeWithKey

# Clerk steps are the flows of each procedure's advance module (models/procedures.py) and of these;
# the scheduled and workers' flows are not (tests/unit/test_procedure_list.py: every flow module is
# one or the other).
OTHER_STEP_MODULES = ("flows.patrol", "flows.annual_assessment")
NOT_STEPS = {"flows.core.sweeps", "flows.core.outbox", "flows.core.alerts", "flows.core.step_session"}


class Step(NamedTuple):
    run: Callable[..., Any]  # a flow validates its parameters itself
    retry_safe: bool | RetrySafeWithKey  # as its flow declares it (flows/core/plain_calls.py `flow`)


def step_modules() -> tuple[str, ...]:
    from models.procedures import PROCEDURES

    advancing = (spec.advance.partition(":")[0] for spec in PROCEDURES if spec.advance)
    return tuple(dict.fromkeys([*advancing, *OTHER_STEP_MODULES]))


@cache
def steps() -> dict[str, Step]:
    """Every step's key → how it runs and whether it may run again, as its flow declares them."""
    from pydantic import validate_call

    from flows.core.decide import decide, decide_work_item

    found: dict[str, Step] = {}
    for module in map(import_module, step_modules()):
        for value in vars(module).values():
            if isinstance(value, CenterFlow) and value.step_key:
                found.setdefault(value.step_key, Step(value, value.retry_safe))
    # The decision is checked and recorded outside Prefect (flows/core/decide.py); its flow declares it.
    found[DECIDE] = Step(validate_call(decide), decide_work_item.retry_safe)
    return found


def retry_safe(step: str, params: dict) -> bool:
    """May a step whose worker died during it simply run again? As its flow declares (a decision and an
    advance may; a leave application with its idempotency key may; other opens would open a second
    case, so they are reported failed instead: flows/core/step_session.py)."""
    declared = steps()[step].retry_safe if step in steps() else False
    return declared.allows(params) if isinstance(declared, RetrySafeWithKey) else declared


def run_step(step: str, /, *, case_ref: str | None = None, **params: Any) -> Any:
    """Run a clerk step and return its result; refusals raise as CenterError either way. A step kept
    but not finished now — its decision recorded and the advance failed, or queued and no worker done
    in time — raises StepPending (models/core/pending.py)."""
    from models.core.settings import get_settings

    if not get_settings().step_workers:
        return steps()[step].run(**params)
    from pydantic_core import to_jsonable_python

    from tasks.core.step_queue import queue_step, step_outcome

    params = to_jsonable_python(params)
    if step == DECIDE:
        if case_ref is None:
            from tasks.core.workitems import case_of_item

            case_ref = case_of_item(params["item_id"])
    elif step in steps() and isinstance(declared := steps()[step].retry_safe, RetrySafeWithKey):
        params = declared.keyed(params)  # a retried application finds its case instead of opening another
    request = queue_step(step=step, params=params, case_ref=case_ref,
                         label=f"{case_ref} {step}" if case_ref else step)
    try:
        return step_outcome(request)
    except TimeoutError:  # it stays queued: a worker applies it later
        from models.core.pending import StepPending

        raise StepPending.queued(request, case_ref) from None
