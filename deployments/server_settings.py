"""The Prefect server's settings the center runs with (README: Running the center; issue 22).

The server does its work on one thread, and a case step on the step workers costs it only the
events of one task run — if it writes them in batches. By default its task-run recorder writes
each task run's state as its event arrives (batch size 1, one event read at a time): at 20–50
steps/s it fell 12 s behind and kept falling. Batched (200 rows, 50 read at a time, flushed every
second), the same server keeps up with ≈ 50 steps/s on 2 cores (docs/operations.md §7).
Set these in the environment of `prefect server start` (not of `center serve`: they are the
server's); `center serve` and `center workers` print them when they are missing from their own
environment, as a reminder.
"""
from __future__ import annotations

import os

SERVER_BATCHING = {
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "200",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "50",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE": "200",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_READ_BATCH_SIZE": "50",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_FLUSH_INTERVAL": "1",
}


def missing_batching() -> list[str]:
    """The batching settings absent from this process's environment."""
    return [name for name in SERVER_BATCHING if name not in os.environ]


def shell_exports() -> str:
    """`export …` lines for the server's shell."""
    return "export " + " ".join(f"{name}={value}" for name, value in SERVER_BATCHING.items())
