"""Benchmark: clerks' steps on the long-lived step workers (issue 22), PostgreSQL, one Prefect server.

A Prefect server on PostgreSQL with the batching of deployments/server_settings.py, the case store on
PostgreSQL, WORKERS × `center workers --threads THREADS`. CLERKS clerks at once, each taking ACTIONS
case steps one after the other exactly as the web desk does with `CENTER_STEP_WORKERS=true`
(`flows.core.steps.run_step`): a leave application, then the window head's approval of the work item it
opened, and so on. Prints steps per second, p50/p95 latency, errors, the load average; then checks
that every step was executed once (each request done at its first attempt) and recorded once (one
task run per step in the Prefect server) and how long the server took after the last step to have
recorded them all (its backlog).
`--rate R`: the clerks together offer R steps per second, paced (a clerk at a window takes a step
every few seconds, it does not fire the next the moment the last returns); without it each clerk
goes as fast as it can, which saturates the machine and then measures queueing (latency ≈ clerks ÷
rate). `--burst N`: N leave applications queued at once (no clerk waits), for the scale-out: every one
completed, each exactly once. `--rounds R` (3): the same measurement R times on the same server and
workers (new cases each round); the headline is the median round, the backlog the worst.

Targets: ≥ 25 steps/s sustained, p95 < 0.5 s, 0 errors, every step once, no backlog (≤ 2 s).
`python bench/bench_workers.py [--clerks 20] [--actions 25] [--workers 2] [--threads 4] [--rate 0] [--burst 0] [--rounds 3]`
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, datetime
from pathlib import Path

import httpx

from common import ROOT, case_store, emit, load, machine, prefect_server

NOW = datetime(2026, 3, 2, 10, 0)  # a Monday; every leave below is later
APPLICANTS = {"S0103": "S0101", "S0203": "S0201"}  # applicant → the window head who signs
BURST_STAFF = ("S0103", "S0105", "S0107", "S0109", "S0203")  # none another's B post: all may be away at once
SESSION_FLOW = "办理会话"


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(match) -> float:
    """CPU seconds (user + system) of the live processes for which `match(pid, pgrp, comm)` holds."""
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            comm = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            if match(int(entry.name), int(fields[2]), comm):
                total += int(fields[11]) + int(fields[12])
    return total / TICK


def cpu_by_part(server, workers) -> dict[str, float]:
    """CPU seconds so far: the Prefect server, the worker processes, this process (the clerks),
    PostgreSQL (every postgres process of the machine: other users' queries included)."""
    groups = {"workers": {w.popen.pid for w in workers}, "prefect_server": {server.popen.pid}}
    parts = {name: cpu_seconds(lambda pid, pgrp, comm, g=group: pgrp in g) for name, group in groups.items()}
    parts["clerks"] = sum(os.times()[:2])
    # Approximate: backends that exit between two readings take their CPU with them.
    parts["postgresql_all"] = cpu_seconds(lambda pid, pgrp, comm: comm.startswith("postgres"))
    busy = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    parts["machine"] = (sum(int(x) for x in busy[:8]) - int(busy[3]) - int(busy[4])) / TICK  # all but idle, iowait
    return parts


def start_workers(server, count: int, threads: int, home: str):
    from support.prefect_server import _Process, wait_until

    env = {**os.environ, "PREFECT_API_URL": server.api_url, "PREFECT_LOGGING_LEVEL": "WARNING",
           "CENTER_APPRISE_CONFIG": str(ROOT / "examples" / "apprise.yaml"), "PYTHONUNBUFFERED": "1"}
    processes = [_Process([sys.executable, "-m", "deployments.cli.app", "workers", "--threads", str(threads)], env,
                          Path(home) / f"workers-{i}.log") for i in range(count)]
    for process in processes:
        process.start()
    for process in processes:
        wait_until(lambda: "办理进程已启动" in process.log_tail(50), timeout=300, what="center workers",
                   interval=0.3, process=process)
    return processes


class Clerk(threading.Thread):
    def __init__(self, number: int, actions: int, days: list[date], prefix: str = "", interval: float = 0,
                 offset: float = 0):
        super().__init__(name=f"clerk-{number}")
        self.prefix, self.interval, self.offset = prefix, interval, offset
        self.applicant = list(APPLICANTS)[number % len(APPLICANTS)]
        self.actions, self.days = actions, days
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def run(self) -> None:
        from flows.core.steps import DECIDE, run_step
        from flows.leave import LEAVE_APPLICATION

        ref, start = None, time.perf_counter() + self.offset
        for step in range(self.actions):
            if self.interval:  # paced: a step every `interval` seconds, at once when behind
                time.sleep(max(0.0, start + step * self.interval - time.perf_counter()))
            t0 = time.perf_counter()
            try:
                if ref is None:
                    day = self.days[step // 2]
                    ref = run_step(LEAVE_APPLICATION, application={
                        "staff_id": self.applicant, "kind": "annual", "start_day": day.isoformat(),
                        "end_day": day.isoformat(), "reason": "办理私事", "actor": self.applicant,
                        "idempotency_key": f"bench-{self.prefix}-{self.name}-{step}"}, now=NOW.isoformat())["case_ref"]
                else:
                    run_step(DECIDE, case_ref=ref, item_id=open_item(ref), actor=APPLICANTS[self.applicant],
                             decision={"approve": True}, at=NOW.isoformat())
                    ref = None
                self.latencies.append(time.perf_counter() - t0)
            except Exception as error:  # counted, reported; the clerk carries on with a new case
                self.errors.append(f"{type(error).__name__}: {error}"[:300])
                ref = None


def open_item(ref: str) -> int:
    from sqlmodel import select

    from models.core.cases import WorkItem, WorkItemStatus
    from models.core.db import session_scope

    with session_scope() as session:
        return session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref,
                                                      WorkItem.status == WorkItemStatus.open)).one()


def requests_summary() -> dict:
    from sqlalchemy import func, select

    from models.core.db import session_scope
    from models.core.step_requests import StepRequest

    with session_scope() as session:
        rows = session.execute(select(StepRequest.status, StepRequest.attempts, func.count())
                               .group_by(StepRequest.status, StepRequest.attempts)).all()
    return {f"{status}/attempt{attempts}": count for status, attempts, count in rows}


def recorded_steps(api_url: str) -> int:
    """Task runs of the session flow in a final state, as the server has recorded them so far."""
    response = httpx.post(f"{api_url}/task_runs/count", timeout=30, json={
        "flows": {"name": {"any_": [SESSION_FLOW]}},
        "task_runs": {"state": {"type": {"any_": ["COMPLETED", "FAILED"]}}}})
    response.raise_for_status()
    return response.json()


def backlog_seconds(api_url: str, expected: int, limit: float = 120) -> tuple[float, int]:
    """Seconds until the server has recorded `expected` step task runs (or `limit`), and the count."""
    t0 = time.perf_counter()
    while True:
        count = recorded_steps(api_url)
        if count >= expected or time.perf_counter() - t0 > limit:
            return time.perf_counter() - t0, count
        time.sleep(0.2)


def burst(count: int, days: list[date], prefix: str = "") -> tuple[float, list[int], list[str]]:
    """Queue `count` leave applications at once (distinct staff-days), wait for all."""
    from tasks.core.step_queue import queue_step, step_outcome

    leaves = [(staff, day) for day in days for staff in BURST_STAFF][:count]
    t0 = time.perf_counter()
    ids = [queue_step(step="请假申请", label=f"请假申请 {staff} {day}", params={"application": {
        "staff_id": staff, "kind": "annual", "start_day": day.isoformat(), "end_day": day.isoformat(),
        "reason": "办理私事", "actor": staff, "idempotency_key": f"burst-{prefix}-{staff}-{day}"}, "now": NOW.isoformat()})
        for staff, day in leaves]
    failures = []
    for request in ids:
        try:
            step_outcome(request, timeout=600)
        except Exception as error:  # counted and reported
            failures.append(f"{type(error).__name__}: {error}"[:300])
    return time.perf_counter() - t0, ids, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clerks", type=int, default=20)
    parser.add_argument("--actions", type=int, default=25)
    parser.add_argument("--workers", type=int, default=2, help="`center workers` processes")
    parser.add_argument("--threads", type=int, default=4, help="threads (session runs) per worker process")
    parser.add_argument("--burst", type=int, default=0, help="queue this many steps at once instead of clerks")
    parser.add_argument("--rounds", type=int, default=3, help="rounds on the same server and workers; medians")
    parser.add_argument("--rate", type=float, default=0,
                        help="steps per second the clerks offer together, paced (0: each clerk as fast as it can)")
    options = parser.parse_args()
    from support.databases import postgres_available

    emit(bench="workers.machine", **machine())
    if not postgres_available():
        emit(bench="workers", skipped="PostgreSQL unreachable")
        return
    with case_store("postgresql") as store, tempfile.TemporaryDirectory(prefix="center-bench-prefect-") as home, \
            prefect_server(Path(home)) as server:
        os.environ.update(PREFECT_API_URL=server.api_url, PREFECT_HOME=home, PREFECT_LOGGING_LEVEL="WARNING",
                          CENTER_STEP_WORKERS="true", CENTER_DATABASE_URL=store)
        from models.core.calendar import load_calendar
        from models.core.db import session_scope
        from models.core.org_import import import_org
        from models.core.settings import get_settings

        get_settings.cache_clear()
        with session_scope() as session:
            import_org(session=session, path=ROOT / "examples" / "org.yaml")
            calendar = load_calendar(session=session)
        opens = (options.actions + 1) // 2
        per_round = max(-(-options.clerks // len(APPLICANTS)) * opens, options.burst // len(BURST_STAFF) + 1)
        days = [calendar.add_working_days(date(2026, 3, 9), i) for i in range(per_round * options.rounds + 10)]
        processes = start_workers(server, options.workers, options.threads, home)
        try:  # warm-up, not measured: every worker thread's first steps load what they need
            warm = [Clerk(n, 2, [days[-10 + n // 2]], "warm-up") for n in range(min(options.workers * options.threads, 16))]
            for clerk in warm:
                clerk.start()
            for clerk in warm:
                clerk.join()
            backlog_seconds(server.api_url, 2 * len(warm))  # recorded before the first round counts
            rounds = [measure(options, server, processes, days[r * per_round:(r + 1) * per_round], r)
                      for r in range(options.rounds)]
        finally:
            for process in processes:
                process.stop()
    rate = statistics.median(r["steps_per_s"] for r in rounds)
    p95s = [r["latency_p95_s"] for r in rounds if r["latency_p95_s"] is not None]
    p95 = round(statistics.median(p95s), 3) if p95s else None
    errors = sum(r["errors"] for r in rounds)
    once = all(r["every_step_once"] for r in rounds)
    backlog = max(r["backlog_after_run_s"] for r in rounds)
    if options.burst:
        emit(bench="workers", headline=f"burst of {options.burst} steps on {options.workers} worker processes",
             rounds=options.rounds, every_step_once=once, errors=errors, steps_per_s_median=rate,
             met=once and not errors)
    else:
        emit(bench="workers", headline="case steps per second on the step workers (PostgreSQL), median of rounds",
             rounds=options.rounds, steps_per_s=rate, target_steps_per_s=25, p95_s=p95, target_p95_s=0.5,
             errors=errors, every_step_once=once, backlog_s=backlog,
             met=rate >= 25 and p95 is not None and p95 < 0.5 and not errors and once and backlog <= 2)


def measure(options, server, processes, days: list[date], round_no: int) -> dict:
    """One round: the clerks (or the burst) on `days`; its figures, emitted and returned."""
    opens = (options.actions + 1) // 2
    before_requests = requests_summary()
    recorded_before = recorded_steps(server.api_url)
    load_before = load()
    cpu_before = cpu_by_part(server, processes)
    if options.burst:
        seconds, ids, errors = burst(options.burst, days, f"r{round_no}")
        latencies, steps = [], len(ids)
    else:
        interval = options.clerks / options.rate if options.rate else 0  # each clerk's share of the rate
        clerks = [Clerk(n, options.actions, days[(n // len(APPLICANTS)) * opens:][:opens], f"r{round_no}",
                        interval, n * interval / options.clerks) for n in range(options.clerks)]
        t0 = time.perf_counter()
        for clerk in clerks:
            clerk.start()
        for clerk in clerks:
            clerk.join()
        seconds = time.perf_counter() - t0
        latencies = sorted(x for c in clerks for x in c.latencies)
        errors = [e for c in clerks for e in c.errors]
        steps = len(latencies) + len(errors)
    load_after = load()
    backlog, recorded = backlog_seconds(server.api_url, recorded_before + steps)
    cpu_after = cpu_by_part(server, processes)
    summary = {k: v - before_requests.get(k, 0) for k, v in requests_summary().items()
               if v - before_requests.get(k, 0)}
    recorded -= recorded_before
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else None
    figures = dict(round=round_no, mode="burst" if options.burst else "clerks", clerks=options.clerks,
                   offered_steps_per_s=options.rate or "as fast as possible",
                   actions_each=options.actions, workers=options.workers, threads=options.threads, steps=steps,
                   errors=len(errors), seconds=round(seconds, 1), steps_per_s=round(steps / seconds, 2),
                   latency_p50_s=round(statistics.median(latencies), 3) if latencies else None,
                   latency_p95_s=round(p95, 3) if p95 is not None else None,
                   requests=summary, task_runs_recorded=recorded, backlog_after_run_s=round(backlog, 1),
                   every_step_once=summary.get("done/attempt1", 0) == steps and recorded == steps,
                   load_before=load_before, load_after=load_after)
    emit(bench="workers", **figures)
    emit(bench="workers.cpu", round=round_no, note="CPU ms per step, the run and the server's catch-up (machine: every process, other users' too)",
         **{part: round(1000 * (cpu_after[part] - cpu_before[part]) / max(steps, 1), 1) for part in cpu_after})
    for error in sorted(set(errors))[:5]:
        emit(bench="workers.error", round=round_no, error=error)
    return figures


if __name__ == "__main__":
    main()
