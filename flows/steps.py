"""Clerk steps by name (issue 22): what the web desk and the CLI run, in their own process or —
with `CENTER_STEP_WORKERS=true` — on the step workers (`center workers`, flows/step_session.py).

A step is a procedure's entry flow (a leave application, a complaint, …) or `办理待办` (a work
item's decision, then the case's advance: `flows.decide.decide`, whose decision text is never a
Prefect run parameter). Schedules and sweeps are not steps: they stay deployments.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from typing import Any

DECIDE = "办理待办"
NOT_STEPS = {"flows.sweeps", "flows.outbox", "flows.alerts", "flows.step_session"}


@cache
def steps() -> dict[str, Callable[..., Any]]:
    """Every step's name → the callable that runs it (a flow validates its parameters itself)."""
    from pydantic import validate_call

    import flows.catalog  # noqa: F401  (every procedure registers its flows)
    from flows.decide import decide
    from flows.plain_calls import CenterFlow

    found: dict[str, Callable[..., Any]] = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("flows.") and name not in NOT_STEPS:
            for value in vars(module).values():
                if isinstance(value, CenterFlow):
                    found.setdefault(value.name, value)
    found[DECIDE] = validate_call(decide)  # the decision is checked and recorded outside Prefect
    return found


def run_step(step: str, /, *, case_ref: str | None = None, **params: Any) -> Any:
    """Run a clerk step and return its result; refusals raise as CenterError either way."""
    from models.settings import get_settings

    if not get_settings().step_workers:
        return steps()[step](**params)
    from pydantic_core import to_jsonable_python

    from tasks.step_queue import queue_step, step_outcome

    request = queue_step(step=step, params=to_jsonable_python(params), case_ref=case_ref,
                         label=f"{case_ref} {step}" if case_ref else step)
    return step_outcome(request)
