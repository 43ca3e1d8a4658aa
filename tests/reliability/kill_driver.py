"""A whole leave procedure run as flows in this process (issue 10 §3), for test_kill_convergence.

Run as a script with CENTER_DATABASE_URL, CENTER_DATA_DIR, PREFECT_API_URL and PROOF set. With
KILL_AT=N the process SIGKILLs itself just before the N-th transaction that wrote something
commits: that transaction is lost, everything before it is in the store, and any file it wrote
is on disk. Without KILL_AT it prints the number of write transactions and the final status.

Run again after a kill, it is what people do after a crash: the applicant submits the same
application again (same idempotency key) unless the head's step exists already; for each human
step the person decides the item if it is still open; if the last decision went through before
the crash, its person advances the case (`center leave advance REF --as them`). Times: the
application at NOW; decisions and the advances after them at the real clock, as
`decide_work_item` does (it does not pass its `at` on to the advance).
"""
from __future__ import annotations

import json
import os
import signal
from datetime import date, datetime

from sqlalchemy import event
from sqlmodel import select

from flows.core.decide import decide_work_item
from flows.leave import advance_leave, apply_for_leave
from flows.core.prefect_runtime import disable_flow_heartbeats
from models.core.cases import Case, WorkItem, WorkItemStatus
from models.core.db import get_engine, session_scope
from models.leave.inputs import LeaveApplication

NOW = datetime(2026, 3, 2, 10, 0)
STEPS = [("head_review", "S0101", {"approve": True, "comment": "同意，刘洋替岗"}),
         ("management_review", "G001", {"approve": True}),
         ("register", "S0101", {"comment": "已在考勤系统登记"})]
WRITES = ("INSERT", "UPDATE", "DELETE")


class Killer:
    """Counts committed write transactions; kills the process before the KILL_AT-th commits."""

    def __init__(self, kill_at: int | None):
        self.kill_at, self.writes, self.dirty = kill_at, 0, False

    def statement(self, conn, cursor, statement, parameters, context, executemany):
        self.dirty = self.dirty or statement.lstrip().upper().startswith(WRITES)

    def commit(self, conn):
        if self.dirty:
            self.writes += 1
            if self.writes == self.kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        self.dirty = False

    def rollback(self, conn):
        self.dirty = False

    def arm(self, engine) -> None:
        """Watch every statement, commit and rollback of `engine`."""
        event.listen(engine, "before_cursor_execute", self.statement)
        event.listen(engine, "commit", self.commit)
        event.listen(engine, "rollback", self.rollback)


def item_of(ref: str | None, step: str) -> WorkItem | None:
    with session_scope() as session:
        return session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == step)).first()


def case_of(key: str) -> str | None:
    with session_scope() as session:
        return session.exec(select(Case.ref).where(Case.idempotency_key == key)).first()


def main() -> None:
    disable_flow_heartbeats()
    killer = Killer(int(os.environ["KILL_AT"]) if os.environ.get("KILL_AT") else None)
    killer.arm(get_engine())
    application = LeaveApplication(staff_id="S0103", kind="sick", start_day=date(2026, 3, 4),
                                   end_day=date(2026, 3, 6), reason="发烧", actor="S0103",
                                   hospital_proofs=[os.environ["PROOF"]], idempotency_key="kill-test-leave")
    ref = case_of(application.idempotency_key)
    if item_of(ref, STEPS[0][0]) is None:
        ref = apply_for_leave(application=application, now=NOW)["case_ref"]
    # A decision recorded before the crash: its person advances the case (an advance applies the
    # transition under the name of whoever runs it, so the decider must be the one to run it).
    decided = [actor for step, actor, _ in STEPS
               if (item := item_of(ref, step)) is not None and item.status == WorkItemStatus.done]
    status = advance_leave(case_ref=ref, actor=decided[-1]) if decided else ""
    for step, actor, decision in STEPS:
        item = item_of(ref, step)
        if item.status == WorkItemStatus.open:
            status = decide_work_item(item_id=item.id, actor=actor, decision=decision, at=NOW)
    print(json.dumps({"ref": ref, "status": status, "writes": killer.writes}))


if __name__ == "__main__":
    main()
