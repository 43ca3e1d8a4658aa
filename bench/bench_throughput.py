"""Benchmark: clerks acting at once through the deployments, on PostgreSQL (issue 9, item 3).

A Prefect server on PostgreSQL, the case store on PostgreSQL, and `center serve` processes pointed at
both (tests/support/prefect_server.py starts and stops them). CLERKS clerks at once, each taking
ACTIONS case steps one after the other, as the web desk or the Prefect UI triggers them: a leave
application (deployment `请假申请/leave-apply`), then the window head's approval of the work item it
opened (`办理待办/decide-work-item`), and so on; each step is triggered with `run_deployment` and
waited for. Prints steps per second, errors (runs not Completed, or triggers that raised), latency,
and the flow-run heartbeat events sent meanwhile, by flow: a served run runs in a fresh process whose
settings are read again from the environment, where the heartbeat cannot be turned off
(flows/core/prefect_runtime.py turns it off in the processes that call flows themselves).
`--in-process`: the same clerks call the flows in this process (threads), as the web desk does.

Target: 0 errors, ≥ 10 case steps per second on this 2-core machine.
`python bench/bench_throughput.py [--clerks 20] [--actions 25] [--serves 2] [--limit 4] [--in-process]`.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from datetime import date, datetime
from pathlib import Path

import httpx

from common import ROOT, case_store, emit, load, machine, prefect_server

NOW = datetime(2026, 3, 2, 10, 0)  # a Monday; every leave below is later
APPLICANTS = {"S0103": "S0101", "S0203": "S0201"}  # applicant → the window head who signs
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def serve_processes(server, store: str, data_dir: str, count: int, limit: int):
    """`center serve --limit LIMIT` × count, started and waited for until their deployments are ready."""
    from support.prefect_server import ServeProcess, wait_until

    env = {"CENTER_DATABASE_URL": store, "CENTER_DATA_DIR": data_dir, "PREFECT_LOGGING_LEVEL": "WARNING",
           "CENTER_APPRISE_CONFIG": str(ROOT / "examples" / "apprise.yaml"), "CENTER_SMTP_HOST": "127.0.0.1",
           "CENTER_SMTP_PORT": "1", "CENTER_SMS_RELAY": "127.0.0.1:1/sms"}  # nothing is delivered
    processes = [ServeProcess(server, env, Path(data_dir) / f"serve-{i}.log", limit=limit) for i in range(count)]
    return processes, lambda process: wait_until(
        lambda: "失败告警已就绪" in process.log_tail(200) and _ready(server.api_url), timeout=600,
        what=f"center serve ({process.log.name})", interval=0.5, process=process)


def _ready(api_url: str) -> bool:
    response = httpx.get(f"{api_url}/deployments/name/办理待办/decide-work-item", timeout=10)
    return response.status_code == 200 and response.json()["status"] == "READY"


class Clerk(threading.Thread):
    """One clerk: ACTIONS steps in turn — apply for a leave, then approve it as the window head."""

    def __init__(self, number: int, actions: int, days: list[date], in_process: bool):
        super().__init__(name=f"clerk-{number}")
        self.in_process = in_process
        self.applicant = list(APPLICANTS)[number % len(APPLICANTS)]
        self.actions, self.days = actions, days
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def run(self) -> None:
        ref = None
        for step in range(self.actions):
            try:
                if ref is None:
                    day, key = self.days[step // 2], f"bench-{self.name}-{step}"
                    self.step("请假申请/leave-apply", {"application": {
                        "staff_id": self.applicant, "kind": "annual", "start_day": day.isoformat(),
                        "end_day": day.isoformat(), "reason": "办理私事", "actor": self.applicant,
                        "idempotency_key": key}, "now": NOW.isoformat()})
                    ref = case_of(key)
                else:
                    self.step("办理待办/decide-work-item", {"item_id": open_item(ref), "actor": APPLICANTS[self.applicant],
                                                       "decision": {"approve": True}, "at": NOW.isoformat()})
                    ref = None
            except Exception as error:  # counted, reported, and the clerk carries on with a new case
                self.errors.append(f"{type(error).__name__}: {error}"[:300])
                ref = None

    def step(self, deployment: str, parameters: dict) -> None:
        """Trigger the deployment and wait for its run; or (--in-process) call its flow in this process,
        as the web desk does."""
        from prefect.deployments import run_deployment

        t0 = time.perf_counter()
        if self.in_process:
            flow_of(deployment)(**parameters)  # the flow validates the parameters, as a served run does
        else:
            run = run_deployment(deployment, parameters=parameters, timeout=600, poll_interval=0.5)
            from flows.core.refusals import is_refusal

            if run.state is None or run.state.type.value != "COMPLETED" or is_refusal(run.state):
                raise RuntimeError(f"{deployment}: {run.state and run.state.name} {run.state and run.state.message}")
        self.latencies.append(time.perf_counter() - t0)


def flow_of(deployment: str):
    from flows.core.decide import decide_work_item
    from flows.leave import apply_for_leave

    return {"请假申请/leave-apply": apply_for_leave, "办理待办/decide-work-item": decide_work_item}[deployment]


def case_of(idempotency_key: str) -> str:
    """The case a served run opened (a deployment run's return value is not kept)."""
    from sqlmodel import select

    from models.core.cases import Case
    from models.core.db import session_scope

    with session_scope() as session:
        return session.exec(select(Case.ref).where(Case.idempotency_key == idempotency_key)).one()


def open_item(ref: str) -> int:
    from sqlmodel import select

    from models.core.cases import WorkItem, WorkItemStatus
    from models.core.db import session_scope

    with session_scope() as session:
        return session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref,
                                                      WorkItem.status == WorkItemStatus.open)).one()


def heartbeat_events(api_url: str, since: datetime) -> dict[str, int]:
    """Flow-run heartbeat events since `since`, by flow (the name in the run's related resources)."""
    response = httpx.post(f"{api_url}/events/filter", timeout=30, json={
        "filter": {"occurred": {"since": since.isoformat()}, "event": {"prefix": ["prefect.flow-run.heartbeat"]}},
        "limit": 50})
    response.raise_for_status()
    flows: dict[str, int] = {}
    for event in response.json()["events"]:
        name = next((r.get("prefect.resource.name") for r in event.get("related", [])
                     if r.get("prefect.resource.role") == "flow"), "?")
        flows[name] = flows.get(name, 0) + 1
    return flows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clerks", type=int, default=20)
    parser.add_argument("--actions", type=int, default=25)
    parser.add_argument("--serves", type=int, default=2)
    parser.add_argument("--limit", type=int, default=4, help="flow runs at once per serve process")
    parser.add_argument("--in-process", action="store_true",
                        help="call the flows in this process (threads), as the web desk does, instead of the deployments")
    options = parser.parse_args()
    from support.databases import postgres_available

    emit(bench="throughput.machine", **machine())
    if not postgres_available():
        emit(bench="throughput", skipped="PostgreSQL unreachable")
        return
    with case_store("postgresql") as store, tempfile.TemporaryDirectory(prefix="center-bench-prefect-") as home, \
            prefect_server(Path(home)) as server:
        os.environ.update(PREFECT_API_URL=server.api_url, PREFECT_HOME=home, PREFECT_LOGGING_LEVEL="WARNING")
        from models.core.calendar import load_calendar
        from models.core.db import session_scope
        from models.core.org_import import import_org

        with session_scope() as session:
            import_org(session=session, path=ROOT / "examples" / "org.yaml")
            calendar = load_calendar(session=session)
        opens = (options.actions + 1) // 2  # each clerk's applicant applies for a day nobody else uses
        days = [calendar.add_working_days(date(2026, 3, 9), i)
                for i in range(-(-options.clerks // len(APPLICANTS)) * opens)]
        processes, wait_ready = serve_processes(server, store, os.environ["CENTER_DATA_DIR"],
                                                0 if options.in_process else options.serves, options.limit)
        try:
            for process in processes:  # one after the other: two at once race to set up the failure alert
                process.start()
                wait_ready(process)
            clerks = [Clerk(n, options.actions, days[(n // len(APPLICANTS)) * opens:][:opens], options.in_process)
                      for n in range(options.clerks)]
            since = datetime.now().astimezone()
            t0 = time.perf_counter()
            for clerk in clerks:
                clerk.start()
            for clerk in clerks:
                clerk.join()
            seconds = time.perf_counter() - t0
            heartbeats = heartbeat_events(server.api_url, since)
        finally:
            for process in processes:  # before the server (measured: serve hangs on SIGTERM without it)
                process.stop()
    latencies = [x for c in clerks for x in c.latencies]
    errors = [e for c in clerks for e in c.errors]
    done = len(latencies)  # the steps that completed (a failed one has no latency)
    mode = "in-process" if options.in_process else "deployments"
    emit(bench="throughput", mode=mode, clerks=options.clerks, actions_each=options.actions,
         serves=0 if options.in_process else options.serves, limit=options.limit, steps_completed=done, errors=len(errors), seconds=round(seconds, 1),
         latency_median_s=round(statistics.median(latencies), 2) if latencies else None,
         latency_max_s=round(max(latencies), 2) if latencies else None, heartbeat_events=heartbeats, load=load())
    for error in sorted(set(errors))[:5]:
        emit(bench="throughput.error", error=error)
    rate = done / seconds
    emit(bench="throughput", headline=f"case steps per second, {mode} (PostgreSQL)",
         steps_per_s=round(rate, 2), errors=len(errors), target_steps_per_s=10, target_errors=0,
         met=rate >= 10 and not errors)


if __name__ == "__main__":
    main()
