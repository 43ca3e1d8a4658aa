"""Clerk steps on the step workers (issue 22) against the real parts: the Prefect server on
PostgreSQL, the case store on PostgreSQL, `center workers` processes. A burst of leave
applications queued at once on two worker processes: each step executed exactly once and
recorded as one task run. A worker SIGKILLed in the middle of a decision (decision committed,
the case's advance not): the step is taken over by another worker and finished — the case ends
exactly as an uninterrupted decision leaves it, nothing half-applied, nothing twice."""
from __future__ import annotations

import os
import sys
import threading
from collections import Counter
from datetime import date, datetime

import pytest
from sqlmodel import select

from support.databases import use_database
from support.prefect_server import ROOT, _Process, wait_until

pytestmark = pytest.mark.postgres
NOW = datetime(2026, 3, 2, 10, 0)
APPLICANTS = ("S0103", "S0203")
HEADS = {"S0103": "S0101", "S0203": "S0201"}
BURST = 40
LEASE = "3"


def _worker(cluster, name: str, *, kill: bool = False) -> _Process:
    env = {**os.environ, **cluster.serve_env, "PREFECT_API_URL": cluster.api_url, "PYTHONUNBUFFERED": "1",
           "PYTHONPATH": str(ROOT / "tests"), "CENTER_STEP_LEASE_SECONDS": LEASE,
           "PREFECT_LOGGING_LEVEL": "WARNING"}
    if kill:
        env["KILL_MID_STEP"] = "1"
    process = _Process([sys.executable, "-m", "support.step_worker_driver", "2"], env,
                       cluster.server.log.parent / f"{name}.log")
    process.start()
    wait_until(lambda: "办理进程已启动" in process.log_tail(50), timeout=300, what=name, interval=0.3,
               process=process)
    return process


@pytest.fixture
def clerk(cluster, monkeypatch, prefect_api):
    """This process is a web desk with CENTER_STEP_WORKERS=true: its steps go to the workers."""
    monkeypatch.setenv("CENTER_STEP_WORKERS", "true")
    return use_database(monkeypatch, cluster.case_store)


def _days(n: int) -> list[date]:
    from models.core.calendar import load_calendar
    from models.core.db import session_scope

    with session_scope() as session:
        calendar = load_calendar(session=session)
    return [calendar.add_working_days(date(2026, 5, 11), i) for i in range(n)]


def _application(staff: str, day: date, key: str) -> dict:
    return {"staff_id": staff, "kind": "annual", "start_day": day.isoformat(), "end_day": day.isoformat(),
            "reason": "办理私事", "actor": staff, "idempotency_key": key}


def _requests(ids: list[int]):
    from models.core.db import session_scope
    from models.core.step_requests import StepRequest

    with session_scope() as session:
        return session.exec(select(StepRequest).where(StepRequest.id.in_(ids))).all()


def _task_runs(cluster, names: list[str]) -> list[dict]:
    return cluster.post("/task_runs/filter", {"task_runs": {"name": {"any_": names}}, "limit": 200})


def _case_record(ref: str) -> dict:
    """What the store holds of a case: status, audit actions, work items, outbox keys."""
    from models.core.cases import AuditEvent, Case, WorkItem
    from models.core.db import session_scope
    from models.core.outbox import OutboxMessage

    with session_scope() as session:
        return {"status": session.get(Case, ref).status,
                "audit": sorted(Counter(a.action for a in session.exec(
                    select(AuditEvent).where(AuditEvent.case_ref == ref))).items()),
                "items": sorted((i.step, i.status) for i in session.exec(select(WorkItem).where(WorkItem.case_ref == ref))),
                "outbox": sorted(Counter(m.key.split(":", 1)[1] for m in session.exec(
                    select(OutboxMessage).where(OutboxMessage.case_ref == ref))).items())}


@pytest.fixture(scope="module")
def workers(cluster):
    started = [_worker(cluster, "workers-1"), _worker(cluster, "workers-2")]
    yield started
    for process in started:
        process.stop()


def test_a_burst_on_two_workers_runs_every_step_exactly_once(cluster, clerk, workers):
    from flows.leave import LEAVE_APPLICATION
    from tasks.core.step_queue import queue_step, step_outcome

    days = _days(BURST // 2)
    ids = [queue_step(step=LEAVE_APPLICATION, label=f"burst {staff} {day}", params={
        "application": _application(staff, day, f"burst-{staff}-{day}"), "now": NOW.isoformat()})
        for day in days for staff in APPLICANTS]
    results = [step_outcome(i, timeout=300) for i in ids]
    refs = [r["case_ref"] for r in results]
    requests = _requests(ids)
    assert len(set(refs)) == BURST
    assert sorted((r.status, r.attempts) for r in requests) == [("done", 1)] * BURST
    assert len({r.worker.rsplit(":", 1)[0] for r in requests}) == 2  # both processes took steps
    names = [r.label for r in requests]
    wait_until(lambda: len([t for t in _task_runs(cluster, names) if t["state_type"] == "COMPLETED"]) == BURST,
               timeout=120, what="every step recorded as a completed task run", interval=1, context=cluster.logs)
    assert sorted(t["name"] for t in _task_runs(cluster, names)) == sorted(names)  # once each


def test_a_worker_killed_mid_decision_loses_nothing_and_doubles_nothing(cluster, clerk, workers):
    from flows.core.steps import DECIDE, run_step
    from flows.leave import LEAVE_APPLICATION
    from models.core.cases import WorkItem, WorkItemStatus
    from models.core.db import session_scope
    from models.core.step_requests import StepRequest

    day_a, day_b = _days(BURST // 2 + 2)[-2:]
    control = run_step(LEAVE_APPLICATION, application=_application("S0103", day_a, "kill-control"), now=NOW)["case_ref"]
    victim = run_step(LEAVE_APPLICATION, application=_application("S0103", day_b, "kill-victim"), now=NOW)["case_ref"]

    def head_item(ref: str) -> int:
        with session_scope() as session:
            return session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref,
                                                          WorkItem.status == WorkItemStatus.open)).one()

    control_item, victim_item = head_item(control), head_item(victim)
    run_step(DECIDE, item_id=control_item, actor="S0101", decision={"approve": True}, at=NOW)
    for process in workers:  # only the worker that will die is running
        process.stop()
    doomed = _worker(cluster, "workers-doomed", kill=True)
    outcome: dict = {}
    waiting = threading.Thread(target=lambda: outcome.update(
        status=run_step(DECIDE, item_id=victim_item, actor="S0101", decision={"approve": True}, at=NOW)))
    waiting.start()
    wait_until(doomed.exited, timeout=120, what="the worker killed itself mid-step", interval=0.2)
    assert doomed.returncode() == -9
    with session_scope() as session:  # the decision is in, the advance is not, the step is still claimed
        request = session.exec(select(StepRequest).where(StepRequest.step == DECIDE)
                               .order_by(StepRequest.id.desc())).first()
        assert (request.status, request.attempts) == ("running", 1)
        assert session.get(WorkItem, victim_item).status == WorkItemStatus.done
    assert _case_record(victim) != _case_record(control)
    rescuer = _worker(cluster, "workers-rescuer")
    try:
        waiting.join(120)
        assert outcome.get("status") == _case_record(control)["status"]
        assert [(r.status, r.attempts) for r in _requests([request.id])] == [("done", 2)]
        assert _case_record(victim) == _case_record(control)
    finally:
        rescuer.stop()
