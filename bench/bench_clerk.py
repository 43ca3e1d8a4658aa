"""Benchmark: the clerk's path through the flows, against a running Prefect server (issue 9, item 2).

A `prefect server start` on a free port (temporary PREFECT_HOME, its own SQLite) and an SQLite case
store with the sample organisation. Two actions of the leave procedure, as `center leave apply` and
`center decide` run them: opening a case (`flows.leave.apply_for_leave`) and deciding its work item
(`flows.decide.decide_work_item`, which runs the procedure's advance flow). Each is compared with a
bare Prefect flow of the same shape — as many subflows and no-op tasks as the action ran, counted
from the server — measured in the same run, interleaved: the Prefect floor. The same bare flow with
Prefect's default flow heartbeat shows the fixed cost flows/prefect_runtime.py removes. Last, the
read-only commands cold (`center tasks`, `center case show`: a fresh process each, median of 5).

Targets: ≤ 1.3× the floor; read-only commands < 0.5 s. `python bench/bench_clerk.py [--repeats 10]`.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from common import ROOT, case_store, emit, load, machine

NOW = datetime(2026, 3, 2, 10, 0)  # a Monday


@contextmanager
def prefect_server(home: Path):
    """A Prefect server for this process (tests/support/prefect_server.py), stopped on exit."""
    from support.prefect_server import PrefectServer

    server = PrefectServer(home)
    try:
        server.start(timeout=300)
        yield server
    finally:
        server.stop()


def run_shape(api_url: str, since: datetime) -> tuple[int, list[int]]:
    """The flow runs started since `since`: (task runs of the outermost, task runs of each subflow)."""
    import httpx

    runs = httpx.post(f"{api_url}/flow_runs/filter", timeout=30,
                      json={"flow_runs": {"start_time": {"after_": since.isoformat()}}}).json()
    tasks = httpx.post(f"{api_url}/task_runs/filter", timeout=30,
                       json={"flow_runs": {"id": {"any_": [r["id"] for r in runs]}}}).json()
    per_run = {r["id"]: 0 for r in runs}
    for t in tasks:
        if t["flow_run_id"] in per_run and not t["name"].startswith(tuple(r["name"] for r in runs)):
            per_run[t["flow_run_id"]] += 1
    root = next(r["id"] for r in runs if r["parent_task_run_id"] is None)
    subflow_tasks = {t["id"] for t in tasks if t["id"] in {r["parent_task_run_id"] for r in runs}}
    for t in tasks:  # a subflow call shows as a task run of its parent: not one of the action's tasks
        if t["id"] in subflow_tasks:
            per_run[t["flow_run_id"]] -= 1
    return per_run[root], sorted(n for run, n in per_run.items() if run != root)


def bare_flows():
    """A flow with `tasks` no-op tasks and one subflow per entry of `children` (its tasks)."""
    from prefect import flow, task

    @task(name="空任务")
    def noop() -> None:
        return None

    @flow(name="空子流程")
    def bare_child(tasks: int) -> None:
        for _ in range(tasks):
            noop()

    @flow(name="空流程")
    def bare_action(tasks: int, children: list[int]) -> None:
        for _ in range(tasks):
            noop()
        for n in children:
            bare_child(n)

    return bare_action


def wall(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def cold_commands(ref: str, repeats: int = 5) -> dict[str, float]:
    """Read-only commands in a fresh process each: median wall seconds."""
    commands = {"tasks": ["tasks", "--staff", "S0101"], "case_show": ["case", "show", ref]}
    medians = {}
    for name, args in commands.items():
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "deployments.cli", *args], cwd=ROOT, env=os.environ,
                           capture_output=True, check=True, timeout=120)
            times.append(time.perf_counter() - t0)
        medians[name] = statistics.median(times)
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    repeats = parser.parse_args().repeats
    emit(bench="clerk.machine", **machine())
    with tempfile.TemporaryDirectory(prefix="center-bench-prefect-") as home, prefect_server(Path(home)) as server, \
            case_store("sqlite"):
        os.environ.update(PREFECT_API_URL=server.api_url, PREFECT_HOME=home, PREFECT_LOGGING_LEVEL="WARNING",
                          PREFECT_SERVER_ANALYTICS_ENABLED="false")
        measure(server.api_url, repeats)


def measure(api_url: str, repeats: int) -> None:
    bare_action = bare_flows()  # defined before `flows` is imported: Prefect's default heartbeat
    with_heartbeat = statistics.median(wall(lambda: bare_action(tasks=2, children=[]))[0] for _ in range(5))

    from flows.decide import decide_work_item  # importing the flows turns the heartbeat off
    from flows.leave import apply_for_leave
    from models.calendar import load_calendar
    from models.cases import WorkItem, WorkItemStatus
    from models.db import session_scope
    from models.leave_inputs import LeaveApplication
    from models.org_import import import_org
    from sqlmodel import select

    without_heartbeat = statistics.median(wall(lambda: bare_action(tasks=2, children=[]))[0] for _ in range(5))
    emit(bench="clerk.heartbeat", bare_flow_2_tasks_with_heartbeat_s=round(with_heartbeat, 3),
         without_heartbeat_s=round(without_heartbeat, 3), saved_s=round(with_heartbeat - without_heartbeat, 3))

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
        calendar = load_calendar(session=session)

    def open_case(i: int) -> str:
        day = calendar.add_working_days(date(2026, 3, 9), i)  # one working day each: no overlap
        application = LeaveApplication(staff_id="S0103", kind="annual", start_day=day, end_day=day,
                                       reason="办理私事", actor="S0103")
        return apply_for_leave(application=application, now=NOW)["case_ref"]

    def decide(ref: str) -> str:
        with session_scope() as session:
            item = session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref,
                                                          WorkItem.status == WorkItemStatus.open)).one()
        return decide_work_item(item_id=item, actor="S0101", decision={"approve": True}, at=NOW)

    since = datetime.now().astimezone()
    ref = open_case(0)  # warm-up, and the shape of each action
    open_shape = run_shape(api_url, since)
    since = datetime.now().astimezone()
    status = decide(ref)
    decide_shape = run_shape(api_url, since)
    emit(bench="clerk.shape", open=dict(zip(("tasks", "subflow_tasks"), open_shape)),
         decide=dict(zip(("tasks", "subflow_tasks"), decide_shape)), decided_status=status)
    bare_action(tasks=open_shape[0], children=open_shape[1])  # warm-up

    times: dict[str, list[float]] = {"open": [], "decide": [], "floor_open": [], "floor_decide": []}
    for i in range(1, repeats + 1):
        seconds, ref = wall(lambda: open_case(i))
        times["open"].append(seconds)
        times["decide"].append(wall(lambda: decide(ref))[0])
        times["floor_open"].append(wall(lambda: bare_action(tasks=open_shape[0], children=open_shape[1]))[0])
        times["floor_decide"].append(wall(lambda: bare_action(tasks=decide_shape[0], children=decide_shape[1]))[0])
    m = {k: statistics.median(v) for k, v in times.items()}
    for action in ("open", "decide"):
        emit(bench=f"clerk.{action}", seconds=round(m[action], 3), floor_s=round(m[f"floor_{action}"], 3),
             ratio=round(m[action] / m[f"floor_{action}"], 2), repeats=repeats, load=load())
    cold = cold_commands(ref)
    emit(bench="clerk.read_only_commands", **{f"{k}_s": round(v, 3) for k, v in cold.items()}, repeats=5,
         target_s=0.5, load=load())
    ratio = (m["open"] + m["decide"]) / (m["floor_open"] + m["floor_decide"])
    emit(bench="clerk", headline="open + decide through the flows / bare Prefect flows of the same shape",
         ratio=round(ratio, 2), floor_s=round(m["floor_open"] + m["floor_decide"], 3),
         seconds=round(m["open"] + m["decide"], 3), target_ratio=1.3,
         met=ratio <= 1.3 and max(cold.values()) < 0.5)


if __name__ == "__main__":
    main()
