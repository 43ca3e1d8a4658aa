"""Prefect tasks that become plain function calls inside a case step's task run.

On the step workers (flows/core/step_session.py) each case step is ONE task run of a long-lived session
flow run; the procedure's own tasks and flows, called inside it, run as plain functions: a task
run or flow run per transaction would cost the Prefect server ≈ 15 ms (a task run's events) or
≈ 100 ms (a flow run's API calls) each, and the server's single thread is the ceiling of the
whole center (docs/operations.md §7). Everywhere else — the served deployments, the
in-process callers — they are ordinary Prefect tasks. `task` is `prefect.task` with that switch.
"""
from __future__ import annotations

from prefect import Task

from tasks.core.step_context import calls_are_plain


class CenterTask(Task):
    """A Prefect task that runs its function directly inside `plain_calls()` (tasks/core/step_context.py)."""

    def __call__(self, *args, **kwargs):
        if calls_are_plain():
            return self.fn(*args, **kwargs)
        return super().__call__(*args, **kwargs)


def task(fn=None, /, **options):
    """`prefect.task` (as a decorator or `task(name=…)(fn)`), building a CenterTask."""
    if fn is None:
        return lambda function: CenterTask(fn=function, **options)
    return CenterTask(fn=fn, **options)

