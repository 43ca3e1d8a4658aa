"""Issue 19, defect 3, with a real kill: `center complaint open` without --received is SIGKILLed
after it registered the complaint and before it handed it to the window (the first write committed,
the second not). The deadline sweep hands the stranded case over, once; the clerk re-running the same
command in a later minute gets the same case back ("已登记过", exit 0) — no second case, no second
notice. On SQLite and PostgreSQL."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import func, select

from flows.core.sweeps import deadline_sweep
from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.org_import import import_org
from models.core.outbox import OutboxMessage
from reliability.summary import record

ISSUE_19_DEFECTS = (3,)  # counted in the reliability summary when these tests pass

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("kill_open_driver.py")
OPEN = ["complaint", "open", "--channel", "phone", "--window", "W01", "--staff", "S0102", "--category", "3",
        "--content", "窗口工作人员态度生硬", "--name", "张三丰", "--contact", "13912345678", "--as", "G001"]


def center(api_url: str, *args: str, kill_at: int | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PREFECT_API_URL": api_url}
    env.pop("KILL_AT", None)
    if kill_at is not None:
        env["KILL_AT"] = str(kill_at)
    return subprocess.run([sys.executable, str(DRIVER), *args], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def state() -> tuple[list[tuple[str, str]], int, int]:
    """(complaint cases with their status, work items, outbox rows)."""
    with session_scope() as session:
        cases = session.exec(select(Case.ref, Case.status).where(Case.kind == "complaint")).all()
        items = session.exec(select(func.count()).select_from(WorkItem)).one()
        messages = session.exec(select(func.count()).select_from(OutboxMessage)).one()
        return [tuple(c) for c in cases], items, messages


@pytest.fixture
def org_any(any_db):
    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")


@pytest.mark.usefixtures("org_any")
def test_a_killed_complaint_open_is_advanced_by_the_sweep_and_a_rerun_returns_it(prefect_api):
    killed = center(prefect_api, *OPEN, kill_at=2)
    stranded = state()
    with session_scope() as session:
        next_day = load_calendar(session=session).next_working_day(local_now().date())
    report = deadline_sweep(as_of=datetime.combine(next_day, datetime.min.time()).replace(hour=9))
    swept = state()
    rerun = center(prefect_api, *OPEN)
    record("faults")
    record("probes", 3)  # the kill, the sweep, the re-run
    [(ref, status)] = stranded[0]
    assert (killed.returncode, status, stranded[1:]) == (-signal.SIGKILL, "received", (0, 0))
    assert (report.get("stranded"), swept[0], swept[1] == 1, swept[2] > 0) == (
        {ref: "investigating"}, [(ref, "investigating")], True, True)
    assert (rerun.returncode, "此投诉已登记过" in rerun.stdout, ref in rerun.stdout, state()) == (0, True, True, swept)
