"""One mechanism for every flow: a refusal ends the run as a refusal, not as a failure (issue 19,
defect 7).

A CenterError (bad input, no permission, a conflict: the user's to act on) raised inside a flow
used to mark the run Failed with a traceback — and `prefect.flow-run.Failed` is what the
operators' failure alert listens for (flows/core/alerts.py), so a typo paged the operators. The flows
are made with `flows.core.plain_calls.flow` (a RefusingFlow) instead of `prefect.flow`: the body's CenterError becomes the
run's final state `Completed(message="已拒绝：…")`, and the caller that called the flow gets the same
CenterError raised again (the CLI exits 2, the web desk shows the form). A run started by a
deployment (no caller in this process) just ends Completed with that message.
"""
from __future__ import annotations

import functools
import inspect
import typing
from contextvars import ContextVar

from prefect import Flow
from prefect.states import Completed

from models.core.errors import CenterError

REFUSED = "已拒绝："  # the message of a refused run's final state

_refused: ContextVar[list[CenterError] | None] = ContextVar("center_refused", default=None)


def ending_refusals_as_completed(fn):
    @functools.wraps(fn)
    def body(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CenterError as error:
            caller = _refused.get()
            if caller is not None:
                caller.append(error)
            return Completed(message=f"{REFUSED}{error}")

    # Prefect validates the parameters from the signature: give it the flow's own, with the
    # annotations resolved in the flow's module (this module does not know its names).
    hints = typing.get_type_hints(fn)
    signature = inspect.signature(fn)
    body.__signature__ = signature.replace(
        parameters=[p.replace(annotation=hints.get(p.name, p.annotation)) for p in signature.parameters.values()],
        return_annotation=hints.get("return", signature.return_annotation))
    body.__annotations__ = hints
    return body


def is_refusal(state) -> bool:
    """Whether a run's final state is a refusal (for callers of `run_deployment`, which get no exception)."""
    return state is not None and state.is_completed() and (state.message or "").startswith(REFUSED)


class RefusingFlow(Flow):
    """A flow whose refusals complete the run and are raised again to its caller."""

    def __call__(self, *args, **kwargs):
        refused: list[CenterError] = []
        token = _refused.set(refused)
        try:
            result = super().__call__(*args, **kwargs)
        finally:
            _refused.reset(token)
        if refused:
            raise refused[-1]
        return result

