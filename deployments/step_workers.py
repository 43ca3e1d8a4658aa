"""`center workers`: a long-lived step worker process (issue 22).

THREADS threads, each running one session flow run after another (flows/core/step_session.py), take
clerk steps from the case store's queue (models/core/step_requests.py) — as many processes, on as many
machines, as the Prefect server and the case store keep up with (docs/operations.md). SIGTERM or Ctrl+C:
every thread finishes its step and its session run, then the process exits.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import threading


def _session_loop(name: str, max_steps: int, max_seconds: float) -> None:
    from flows.core.step_session import WORKER, step_session

    while not WORKER.stopping.is_set():
        state = step_session(worker=name, max_steps=max_steps, max_seconds=max_seconds, return_state=True)
        if not state.is_completed():  # the store or the server away: its step's lease runs out, it is retried
            WORKER.stopping.wait(5)


def run_workers(threads: int = 4, *, max_steps: int = 300, max_seconds: float = 600,
                on_ready=None) -> None:
    """Run until SIGTERM/SIGINT."""
    from flows.core.prefect_runtime import disable_flow_heartbeats, quiet_refusals
    from flows.core.step_session import WORKER
    from flows.core.steps import steps

    disable_flow_heartbeats()  # a session run lives for minutes; nothing watches its heartbeats
    quiet_refusals()
    # "Finished in state Completed()" for every step would be a log row per step for the server to
    # write: the task run's state says it already. Warnings and failures are still sent.
    logging.getLogger("prefect.task_runs").setLevel(max(logging.WARNING, logging.getLogger("prefect").level))
    steps()  # import every procedure before the first step
    prefix = f"{socket.gethostname()}:{os.getpid()}"
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: WORKER.stopping.set())
    workers = [threading.Thread(target=_session_loop, args=(f"{prefix}:{n}", max_steps, max_seconds),
                                name=f"center-step-worker-{n}") for n in range(threads)]
    for worker in workers:
        worker.start()
    if on_ready is not None:
        on_ready()
    while any(worker.is_alive() for worker in workers):
        for worker in workers:
            worker.join(0.5)
