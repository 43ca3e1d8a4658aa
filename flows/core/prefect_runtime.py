"""How the center's processes run flows: without the flow-run heartbeat thread, and without
Prefect's tracebacks for refusals on the console (`quiet_refusals`, below).

A sync flow call waits after its body returns until the engine has joined the run's heartbeat
thread, which sleeps in 1 s steps (`flows.heartbeat_frequency`, default 180 s): ≈ 0.5–1 s per
call, most of a short step's time. Heartbeats only serve to detect crashed runs through a
"zombie run" automation, which the center does not use (a served run that dies is marked
Crashed by its runner). The setting is `Optional[int]` but cannot be set to None from the
environment or a profile (`PREFECT_FLOWS_HEARTBEAT_FREQUENCY=` fails int parsing, and TOML has
no null), so it is set here, once, on the process-wide settings context — the same context
`prefect.settings.temporary_settings` copies (the test harness enters it after this). Measured against a local server: 1.2–2.3 s
per trivial flow call with the heartbeat, 0.32–0.42 s without.
"""
from __future__ import annotations

import logging

import prefect.context
from prefect.logging.configuration import ensure_logging_setup
from prefect.logging.handlers import PrefectConsoleHandler
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY

from models.core.errors import CenterError


def disable_flow_heartbeats() -> None:
    """Run flows of this process with no heartbeat thread (idempotent)."""
    current = prefect.context.GLOBAL_SETTINGS_CONTEXT
    if current.settings.flows.heartbeat_frequency is None:
        return
    settings = current.settings.copy_with_update(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})
    prefect.context.GLOBAL_SETTINGS_CONTEXT = prefect.context.SettingsContext(
        profile=current.profile, settings=settings)


class _RefusalFilter(logging.Filter):
    """Keeps a refusal off the console: a CenterError raised in a task or flow run is the user's
    mistake, which the caller prints in Chinese (the CLI exits 2, the web desk shows the form);
    Prefect would print its traceback and the runs' Failed lines before that message. Only the
    console handler is filtered: the run logs sent to the Prefect API keep everything."""

    def __init__(self) -> None:
        super().__init__()
        self._refused_runs: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        run = getattr(record, "task_run_id", None) or getattr(record, "flow_run_id", None)
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, CenterError):
            self._refused_runs.add(str(run))
            return False
        return error is not None or str(run) not in self._refused_runs  # a refused run's "Finished in state Failed"


def quiet_refusals() -> None:
    """Filter refusals out of Prefect's console output (idempotent)."""
    ensure_logging_setup()  # configured lazily otherwise, replacing the handlers filtered here
    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrefectConsoleHandler) and not any(isinstance(f, _RefusalFilter) for f in handler.filters):
            handler.addFilter(_RefusalFilter())
