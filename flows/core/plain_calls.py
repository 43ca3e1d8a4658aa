"""Prefect flows that become plain function calls inside a case step's task run (see
tasks/core/plain_calls.py): on the step workers a procedure's flow called inside a step is no subflow
run of its own; its parameters are still validated as Prefect validates them (a dict becomes the
flow's pydantic model). Everywhere else a flow is a Prefect flow whose refusals end the run as a
refusal, not as a failure (flows/core/refusals.py), and whose recorded parameters hold no free text
(issue 26 item 9). Every flow of the project is made with this `flow`; a clerk step's flow also
declares its step key and whether a step may simply run again (flows/core/steps.py)."""
from __future__ import annotations

import inspect
from contextvars import ContextVar
from dataclasses import dataclass
from uuid import uuid4

from prefect.utilities.callables import get_call_parameters

from flows.core.refusals import RefusingFlow, ending_refusals_as_completed
from models.core.errors import CenterError
from tasks.core.run_inputs import forget_run_inputs, parameters_for_prefect
from tasks.core.step_context import calls_are_plain


# The run inputs stored (tasks/core/run_inputs.py) by the flow call in progress, forgotten if it is refused.
_kept_inputs: ContextVar[list[str] | None] = ContextVar("center_kept_inputs", default=None)


@dataclass(frozen=True)
class RetrySafeWithKey:
    """A step that may run again when its form `form` carries an idempotency key: run again, it finds
    the case it opened instead of opening another. A queued step's form is given one (`keyed`)."""

    form: str

    def allows(self, params: dict) -> bool:
        return bool((params.get(self.form) or {}).get("idempotency_key"))

    def keyed(self, params: dict) -> dict:
        """`params` with an idempotency key on the form, if it is a dict without one."""
        form = params.get(self.form)
        if not isinstance(form, dict) or form.get("idempotency_key"):
            return params
        return {**params, self.form: {**form, "idempotency_key": f"step:{uuid4()}"}}


class CenterFlow(RefusingFlow):
    # A clerk step's key (what the desk and the command line queue, stored with the step request: not
    # the display name, so renaming a flow changes neither) and whether a step whose worker died during
    # it may simply run again (flows/core/step_session.py). Set by `flow`.
    step_key: str | None = None
    retry_safe: bool | RetrySafeWithKey | None = None

    def __call__(self, *args, return_state: bool = False, wait_for=None, **kwargs):
        if calls_are_plain() and not return_state:
            parameters = get_call_parameters(self.fn, args, kwargs)
            if self.should_validate_parameters:
                parameters = self.validate_parameters(parameters)
            return inspect.unwrap(self.fn)(**parameters)  # a refusal is raised to the step as it is
        kept: list[str] = []
        token = _kept_inputs.set(kept)
        try:
            return super().__call__(*args, return_state=return_state, wait_for=wait_for, **kwargs)
        except CenterError:  # refused: its inputs are not kept either (a refusal writes nothing)
            forget_run_inputs(kept)
            raise
        finally:
            _kept_inputs.reset(token)

    def serialize_parameters(self, parameters):
        """What Prefect records as the run's parameters: references only; free text (a reason, a
        complaint's content, a name) is kept in the case store first (tasks/core/run_inputs.py). The run
        itself still gets every parameter: the engine calls the flow with them, not with these."""
        recorded, created = parameters_for_prefect(self.name, super().serialize_parameters(parameters))
        if (kept := _kept_inputs.get()) is not None and created:
            kept.append(created)
        return recorded


def flow(fn=None, /, *, step: str | None = None, retry_safe: bool | RetrySafeWithKey | None = None, **options):
    """`prefect.flow` (as `@flow` or `@flow(name=…)`), building a CenterFlow. A clerk step's flow names
    its `step` key and declares `retry_safe` — True (an advance: idempotent by design), False (it would
    open a second case) or RetrySafeWithKey(form)."""
    if step is not None and retry_safe is None:
        raise TypeError(f"step {step!r} must declare retry_safe (True, False or RetrySafeWithKey)")
    if fn is None:
        return lambda function: flow(function, step=step, retry_safe=retry_safe, **options)
    made = CenterFlow(fn=ending_refusals_as_completed(fn), **options)
    made.step_key, made.retry_safe = step, retry_safe
    return made
