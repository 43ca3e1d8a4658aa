"""Every flow is a deployment of `center serve`, and the schedules are Cron in Asia/Shanghai
(deployments/schedules.py, docs/operations.md). No server needed: the deployments are only built."""
from __future__ import annotations

import importlib
from collections import Counter

import pytest
from prefect import Flow

from support.cli import ROOT


@pytest.fixture(scope="module")
def served():
    from deployments.schedules import deployments

    return deployments()


def _flows_in_the_flows_package() -> set[str]:
    """Every @flow defined in flows/*.py, as a deployment entrypoint ("flows/x.py:name")."""
    found = set()
    for path in sorted((ROOT / "flows").glob("*.py")):
        module = importlib.import_module(f"flows.{path.stem}")
        found |= {f"flows/{path.name}:{value.fn.__name__}" for value in vars(module).values()
                  if isinstance(value, Flow) and value.fn.__module__ == module.__name__}
    return found


def _crons(served, name: str) -> set[str]:
    deployment, = [d for d in served if d.name == name]
    return {s.schedule.cron for s in deployment.schedules}


def test_every_flow_is_a_deployment(served):
    assert _flows_in_the_flows_package() - {d.entrypoint for d in served} == set()


def test_deployment_names_are_unique(served):
    assert [name for name, n in Counter(d.name for d in served).items() if n > 1] == []


def test_every_schedule_is_a_cron_in_asia_shanghai(served):
    schedules = [s.schedule for d in served for s in d.schedules]
    assert schedules and {(type(s).__name__, s.timezone) for s in schedules} == {("CronSchedule", "Asia/Shanghai")}


def test_the_sweep_runs_at_0830_and_1600_every_day_and_checks_the_calendar_itself(served):
    assert _crons(served, "deadline-sweep") == {"30 8 * * *", "0 16 * * *"}


def test_the_outbox_is_flushed_every_minute_one_run_at_a_time(served):
    flush, = [d for d in served if d.name == "flush-outbox"]
    assert (_crons(served, "flush-outbox"), flush.concurrency_limit) == ({"* * * * *"}, 1)


@pytest.mark.parametrize("name, crons", [
    ("complaint-monthly-stats", {"0 9 1 * *"}),  # the 1st of each month: last month's statistics
    ("matter-list-review", {"0 9 1-10 1,4,7,10 *"}),  # the first days of each quarter
    ("patrol-month", {"30 17 * * *"}),  # daily; the flow acts on the month's last working day
])
def test_the_periodic_reports_are_scheduled(served, name, crons):
    assert _crons(served, name) == crons
