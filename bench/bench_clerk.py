"""Benchmark: the clerk's path through the flows, against a running Prefect server (issue 9, item 2).

A `prefect server start` on a free port (temporary PREFECT_HOME, its own PostgreSQL database) and an
SQLite case store with the sample organisation. Two actions of the leave procedure, as `center leave apply` and
`center decide` run them: opening a case (`flows.leave.apply_for_leave`) and deciding its work item
(`flows.core.decide.decide_work_item`, which runs the procedure's advance flow). Each is compared with a
bare Prefect flow of the same shape — as many subflows and no-op tasks as the action ran, counted
from the server — measured in the same run, interleaved: the Prefect floor. The same bare flow with
Prefect's default flow heartbeat shows the fixed cost flows/core/prefect_runtime.py removes. Last, the
read-only commands cold (`center tasks`, `center case show`: a fresh process each, median of 5).

Targets: ≤ 1.3× the floor; read-only commands < 0.5 s. `python bench/bench_clerk.py [--repeats 10]`.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from common import ROOT, case_store, emit, load, machine, prefect_server

NOW = datetime(2026, 3, 2, 10, 0)  # a Monday


def run_shape(api_url: str, since: datetime) -> tuple[list[int], list[list[int]]]:
    """The flow runs started since `since`, as [untagged tasks, tagged tasks] of the outermost run and
    of each subflow run."""
    import httpx

    runs = httpx.post(f"{api_url}/flow_runs/filter", timeout=30,
                      json={"flow_runs": {"start_time": {"after_": since.isoformat()}}}).json()
    tasks = httpx.post(f"{api_url}/task_runs/filter", timeout=30,
                       json={"flow_runs": {"id": {"any_": [r["id"] for r in runs]}}}).json()
    subflow_calls = {r["parent_task_run_id"] for r in runs}  # a subflow shows as a task run of its parent
    per_run = {r["id"]: [0, 0] for r in runs}
    for t in tasks:
        if t["flow_run_id"] in per_run and t["id"] not in subflow_calls:
            per_run[t["flow_run_id"]][bool(t["tags"])] += 1
    root = next(r["id"] for r in runs if r["parent_task_run_id"] is None)
    return per_run[root], sorted(n for run, n in per_run.items() if run != root)


def bare_flows():
    """A flow running `tasks` = [untagged, tagged] no-op tasks, then one subflow per entry of
    `children` (its own [untagged, tagged]); `tag` on the tagged ones, none when `tag` is empty (the
    floor proper: Prefect checks tag concurrency limits with one more API call per tagged task)."""
    from prefect import flow, tags, task

    @task(name="空任务")
    def noop() -> None:
        return None

    def run(counts: list[int], tag: str) -> None:
        for _ in range(counts[0] + (0 if tag else counts[1])):
            noop()
        if tag:
            with tags(tag):
                for _ in range(counts[1]):
                    noop()

    @flow(name="空子流程")
    def bare_child(tasks: list[int], tag: str) -> None:
        run(tasks, tag)

    @flow(name="空流程")
    def bare_action(tasks: list[int], children: list[list[int]], tag: str = "") -> None:
        run(tasks, tag)
        for counts in children:
            bare_child(counts, tag)

    return bare_action


def wall(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def cold_commands(ref: str, repeats: int = 5) -> dict[str, float]:
    """Read-only commands in a fresh process each: median wall seconds (bench/bench_cli.py)."""
    from bench_cli import cold

    return {"tasks": cold(ROOT, ["tasks", "--staff", "S0101"], repeats),
            "case_show": cold(ROOT, ["case", "show", ref], repeats)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    repeats = parser.parse_args().repeats
    emit(bench="clerk.machine", **machine())
    with case_store("sqlite"):
        with tempfile.TemporaryDirectory(prefix="center-bench-prefect-") as home, prefect_server(Path(home)) as server:
            os.environ.update(PREFECT_API_URL=server.api_url, PREFECT_HOME=home, PREFECT_LOGGING_LEVEL="WARNING",
                              PREFECT_SERVER_ANALYTICS_ENABLED="false")
            ref, ratio = measure(server.api_url, repeats)
        cold = cold_commands(ref)  # with the server stopped: it competes for the two cores
    emit(bench="clerk.read_only_commands", **{f"{k}_s": round(v, 3) for k, v in cold.items()}, repeats=5,
         target_s=0.5, load=load())
    emit(bench="clerk", headline="open + decide through the flows / bare Prefect flows of the same shape",
         **ratio, target_ratio=1.3, met=ratio["ratio"] <= 1.3 and max(cold.values()) < 0.5)


def measure(api_url: str, repeats: int) -> tuple[str, dict]:
    """The figures; returns a decided case's reference and the headline ratios."""
    bare_action = bare_flows()  # defined before `flows` is imported: Prefect's default heartbeat
    with_heartbeat = statistics.median(wall(lambda: bare_action(tasks=[2, 0], children=[]))[0] for _ in range(5))

    from flows.core.decide import decide_work_item  # importing the flows turns the heartbeat off
    from flows.leave import apply_for_leave
    from models.core.calendar import load_calendar
    from models.core.cases import WorkItem, WorkItemStatus
    from models.core.db import session_scope
    from models.leave.inputs import LeaveApplication
    from models.core.org_import import import_org
    from sqlmodel import select

    without_heartbeat = statistics.median(wall(lambda: bare_action(tasks=[2, 0], children=[]))[0] for _ in range(5))
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
    emit(bench="clerk.shape", open={"tasks": open_shape[0], "subflows": open_shape[1]},
         decide={"tasks": decide_shape[0], "subflows": decide_shape[1]}, decided_status=status,
         note="[untagged, tagged] task runs of the flow and of each subflow")
    bare_action(tasks=open_shape[0], children=open_shape[1])  # warm-up

    times: dict[str, list[float]] = {}
    for i in range(1, repeats + 1):
        seconds, ref = wall(lambda: open_case(i))
        times.setdefault("open", []).append(seconds)
        times.setdefault("decide", []).append(wall(lambda: decide(ref))[0])
        for action, shape in (("open", open_shape), ("decide", decide_shape)):
            times.setdefault(f"floor_{action}", []).append(
                wall(lambda: bare_action(tasks=shape[0], children=shape[1]))[0])
            times.setdefault(f"tagged_floor_{action}", []).append(
                wall(lambda: bare_action(tasks=shape[0], children=shape[1], tag=f"BENCH-{i}"))[0])
    m = {k: statistics.median(v) for k, v in times.items()}
    for action in ("open", "decide"):
        emit(bench=f"clerk.{action}", seconds=round(m[action], 3), floor_s=round(m[f"floor_{action}"], 3),
             ratio=round(m[action] / m[f"floor_{action}"], 2), tagged_floor_s=round(m[f"tagged_floor_{action}"], 3),
             ratio_to_tagged_floor=round(m[action] / m[f"tagged_floor_{action}"], 2), repeats=repeats, load=load())
    total, floor = m["open"] + m["decide"], m["floor_open"] + m["floor_decide"]
    return ref, {"ratio": round(total / floor, 2), "floor_s": round(floor, 3), "seconds": round(total, 3),
                 "ratio_to_tagged_floor": round(total / (m["tagged_floor_open"] + m["tagged_floor_decide"]), 2)}


if __name__ == "__main__":
    main()
