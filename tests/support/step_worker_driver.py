"""`center workers` for the end-to-end tests, optionally killing itself mid-step.

KILL_MID_STEP=1: the process SIGKILLs itself just before it commits the first transaction that
writes an audit event after a work item's decision has been committed — the decision is in the
store, the case's advance is not: the most dangerous moment of a step (a half-applied step if
nobody finished it). Without it, this is `center workers --threads THREADS`.
"""
from __future__ import annotations

import os
import re
import signal
import sys

DECISION = re.compile(r"^\s*UPDATE\s+workitem\b", re.IGNORECASE)
AUDIT = re.compile(r"^\s*INSERT\s+INTO\s+auditevent\b", re.IGNORECASE)


class MidStepKiller:
    def __init__(self) -> None:
        self.armed = self.decision = self.audit = False

    def statement(self, conn, cursor, statement, parameters, context, executemany):
        self.decision = self.decision or bool(DECISION.match(statement))
        self.audit = self.audit or bool(AUDIT.match(statement))

    def commit(self, conn):
        if self.armed and self.audit:
            os.kill(os.getpid(), signal.SIGKILL)
        self.armed = self.armed or self.decision
        self.decision = self.audit = False

    def rollback(self, conn):
        self.decision = self.audit = False


def main(threads: int) -> None:
    if os.environ.get("KILL_MID_STEP"):
        from sqlalchemy import event

        from models.core.db import get_engine

        killer = MidStepKiller()
        engine = get_engine()
        event.listen(engine, "before_cursor_execute", killer.statement)
        event.listen(engine, "commit", killer.commit)
        event.listen(engine, "rollback", killer.rollback)
    from deployments.step_workers import run_workers

    run_workers(threads, on_ready=lambda: print("办理进程已启动", flush=True))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
