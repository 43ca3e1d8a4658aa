"""Prefect flows that become plain function calls inside a case step's task run (see
tasks/plain_calls.py): on the step workers a procedure's flow called inside a step is no subflow
run of its own; its parameters are still validated as Prefect validates them (a dict becomes the
flow's pydantic model). Everywhere else `flow` is `prefect.flow`."""
from __future__ import annotations

from prefect import Flow
from prefect.utilities.callables import get_call_parameters

from tasks.step_context import calls_are_plain


class CenterFlow(Flow):
    def __call__(self, *args, return_state: bool = False, wait_for=None, **kwargs):
        if calls_are_plain() and not return_state:
            parameters = get_call_parameters(self.fn, args, kwargs)
            if self.should_validate_parameters:
                parameters = self.validate_parameters(parameters)
            return self.fn(**parameters)
        return super().__call__(*args, return_state=return_state, wait_for=wait_for, **kwargs)


def flow(fn=None, /, **options):
    """`prefect.flow` (as `@flow` or `@flow(name=…)`), building a CenterFlow."""
    if fn is None:
        return lambda function: CenterFlow(fn=function, **options)
    return CenterFlow(fn=fn, **options)
