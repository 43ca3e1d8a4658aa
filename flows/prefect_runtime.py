"""How the center's processes run flows: without the flow-run heartbeat thread.

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

import prefect.context
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY


def disable_flow_heartbeats() -> None:
    """Run flows of this process with no heartbeat thread (idempotent)."""
    current = prefect.context.GLOBAL_SETTINGS_CONTEXT
    if current.settings.flows.heartbeat_frequency is None:
        return
    settings = current.settings.copy_with_update(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})
    prefect.context.GLOBAL_SETTINGS_CONTEXT = prefect.context.SettingsContext(
        profile=current.profile, settings=settings)
