"""`center serve`: every deployment of deployments/schedules.py in one process (docs/operations.md).

Served with `pause_on_shutdown=False`: stopping the process (Ctrl+C, SIGTERM) leaves every
schedule active, so a restart carries on. Before serving, the failure-alert automation is created
or updated (deployments/automations.py). Several processes, on one machine or several, may serve
the same deployments: the server hands each run to one of them.
"""
from __future__ import annotations

from collections.abc import Callable


def serve_deployments(deployments: list, *, limit: int | None = None,
                      on_ready: Callable[[list], None] | None = None) -> None:
    """Set up the failure alert, call `on_ready`, then serve `deployments` until stopped."""
    from prefect import serve
    from prefect.settings import get_current_settings

    from deployments.automations import setup_failure_alert

    setup_failure_alert(deployments)
    if on_ready is not None:
        on_ready(deployments)
    serve(*deployments, pause_on_shutdown=False, print_starting_message=False,
          limit=limit or get_current_settings().runner.process_limit)
