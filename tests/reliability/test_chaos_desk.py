"""Chaos at the desk (issue 26, item 1): 200 steps of leave requests and complaints — openings and
decisions — through two real desks (one running steps itself, one handing them to a step worker),
while the Prefect server is SIGKILLed and started again, and the desks and the worker are SIGKILLed
in the middle of a step, at points drawn from a printed seed (CENTER_CHAOS_SEED replays a run).
After the step queue has drained and ONE deadline sweep has run: every case has an open work item
or a final status, no transition is applied twice, nothing is 无人可办, no decision is answered
with a 500, and every message is delivered exactly once."""
from __future__ import annotations

import os
import random
import threading
from collections import Counter
from contextlib import ExitStack
from datetime import datetime, time, timedelta
from time import monotonic

import httpx
import pytest
from sqlmodel import select

from models.core.calendar import load_calendar
from models.core.cases import AuditEvent, Case, WorkItem, WorkItemStatus
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.org_import import import_org
from models.core.step_requests import StepRequest, StepStatus
from models.core.stranded import GRACE
from models.procedures import get_procedure
from reliability.chaos_desk import DECISIONS, Clerk, actor_of, desk, environment, later, worker
from reliability.delivery import check_exactly_once, mark
from reliability.summary import record
from support.databases import postgres_database, use_database
from support.prefect_server import ROOT, PrefectServer, wait_until
from tasks.core.delivery import deliver_due
from web.web_desk import PEOPLE, set_passwords

ISSUE_26_DEFECTS = (1,)
pytestmark = pytest.mark.postgres
SEED = int(os.environ.get("CENTER_CHAOS_SEED", "26001"))
STEPS = 200
APPLICANTS = ("S0103", "S0105", "S0107", "S0109", "S0203")
# Per step: the chance of each fault, drawn from the seed.
KILL_DESK, KILL_WORKER, STOP_PREFECT = 0.04, 0.03, 0.015


@pytest.fixture
def parts(tmp_path, monkeypatch, channels):
    """The case store (PostgreSQL) with the sample organisation, a Prefect server, two desks, a worker."""
    smtp, sms = channels
    with ExitStack() as stack:
        store = use_database(monkeypatch, stack.enter_context(postgres_database()))
        with session_scope() as session:
            import_org(session=session, path=ROOT / "examples" / "org.yaml")
        set_passwords(*PEOPLE, "S0105", "S0107", "S0109", "S0203")
        server = PrefectServer(tmp_path / "prefect")
        stack.callback(server.stop)
        server.start(timeout=180)
        env = environment(CENTER_DATABASE_URL=store, CENTER_DATA_DIR=str(tmp_path / "data"),
                          CENTER_WEB_SECRET="chaos-" + "x" * 40, PREFECT_API_URL=server.api_url,
                          PREFECT_CLIENT_MAX_RETRIES="0", CENTER_STEP_LEASE_SECONDS="3",
                          CENTER_STEP_TIMEOUT_SECONDS="2", CENTER_APPRISE_CONFIG=os.environ["CENTER_APPRISE_CONFIG"],
                          CENTER_SMTP_HOST="127.0.0.1", CENTER_SMTP_PORT=str(smtp.port),
                          CENTER_SMS_RELAY=f"127.0.0.1:{sms.port}/sms")
        processes = {"inline": desk(env, tmp_path / "desk-inline.log"),
                     "queued": desk({**env, "CENTER_STEP_WORKERS": "true"}, tmp_path / "desk-queued.log"),
                     "worker": worker(env, tmp_path / "worker.log")}
        for process in processes.values():
            stack.callback(process.stop, 10)
            process.start()
        yield server, processes


class Chaos:
    """The clerk's steps and the faults, drawn from the seed: the faults from a generator of their
    own, so the same steps (by number) are hit on a replay whatever the timing chose to decide."""

    def __init__(self, server: PrefectServer, processes: dict, seed: int):
        self.server, self.processes = server, processes
        self.rng, self.fault_rng = random.Random(seed), random.Random(seed + 1)
        self.clerk = Clerk({name: processes[name] for name in ("inline", "queued")})
        self.faults, self.answers = Counter(), Counter()
        self.outage: threading.Thread | None = None
        self.days = iter(self._leave_days())

    def _leave_days(self):
        with session_scope() as session:
            calendar = load_calendar(session=session)
        day = calendar.add_working_days(local_now().date(), 10)
        while True:
            yield day
            day = calendar.next_working_day(day)

    def run(self, steps: int) -> None:
        for n in range(steps):
            desk = self.rng.choice(["inline", "queued"])
            step = self._next_step(n)
            if step is None:
                continue
            self._fault(desk)
            self._submit(desk, *step)

    def _next_step(self, n: int):
        items = self._open_items()
        if items and self.rng.random() < 0.7:
            item = self.rng.choice(items)
            return ("decide", actor_of(item), f"/cases/{item.case_ref}", f"/items/{item.id}/decide",
                    DECISIONS[item.form])
        if self.rng.random() < 0.7:
            staff, day = self.rng.choice(APPLICANTS), next(self.days).isoformat()
            return ("apply", staff, "/new/leave", "/new/leave",
                    {"staff_id": staff, "kind": self.rng.choice(["annual", "personal"]), "start_day": day,
                     "end_day": day, "start_half": "am", "end_half": "pm", "reason": "家中有事",
                     "submission": f"chaos-{SEED}-{n}"})
        received = (local_now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
        return ("complain", "G001", "/new/complaint", "/new/complaint",
                {"channel": "phone", "window_id": self.rng.choice(["W01", "W02"]), "category": "3",
                 "content": f"窗口态度生硬（第{n}次）", "complainant_name": "张三",
                 "complainant_contact": "13700004321", "received_at": received})

    @staticmethod
    def _open_items() -> list[WorkItem]:
        with session_scope() as session:
            items = session.exec(select(WorkItem).where(WorkItem.status == WorkItemStatus.open)
                                 .order_by(WorkItem.id)).all()
        return [item for item in items if item.form in DECISIONS and actor_of(item)]

    def _fault(self, desk: str) -> None:
        """Maybe arm a fault for this step: kill the desk or the worker a moment into it, or stop
        the Prefect server for a few seconds (one outage at a time)."""
        draw = self.fault_rng
        if draw.random() < KILL_DESK:
            self.faults["desk killed"] += 1
            later(draw.uniform(0.05, 1.0), self.processes[desk].kill)
        if draw.random() < KILL_WORKER:
            self.faults["worker killed"] += 1
            later(draw.uniform(0.05, 1.0), self.processes["worker"].kill)
        if draw.random() < STOP_PREFECT and not (self.outage and self.outage.is_alive()):
            self.faults["Prefect server stopped"] += 1
            self.server.stop(timeout=0)
            self.outage = later(draw.uniform(1, 4), self.server.start)

    def _submit(self, desk: str, kind: str, staff: str, page: str, action: str, data: dict) -> None:
        """The step as a clerk does it: submitted again once if the desk died under it."""
        for attempt in range(2):
            try:
                response = self.clerk.post(desk, staff, page, action, data)
            except httpx.TransportError:
                self.answers[kind, "desk died"] += 1
                self.processes[desk].ensure_running()
                continue
            self.answers[kind, response.status_code] += 1
            break
        self.processes["worker"].ensure_running()

    def settle(self) -> None:
        """Everything back up, and the step queue drained by the worker."""
        if self.outage:
            self.outage.join(200)
        if not self.server.healthy():
            self.server.start()
        self.processes["worker"].ensure_running()
        wait_until(lambda: not _queued(), timeout=180, what="the step queue drained",
                   context=lambda: self.processes["worker"].log_tail())


def _queued() -> list[int]:
    with session_scope() as session:
        return session.exec(select(StepRequest.id).where(
            StepRequest.status.in_([StepStatus.pending, StepStatus.running]))).all()


def _sweep_moment() -> datetime:
    """The first working-day moment after the repair's grace period (the repair runs on working days)."""
    moment = local_now() + GRACE + timedelta(minutes=1)
    with session_scope() as session:
        calendar = load_calendar(session=session)
    if calendar.is_working_day(moment.date()) and moment.time() < time(17):
        return moment
    return datetime.combine(calendar.next_working_day(moment.date()), time(9), moment.tzinfo)


def _sweep(api_url: str, as_of: datetime) -> dict:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.core.sweeps import deadline_sweep

    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        return deadline_sweep(as_of=as_of)


def _not_waiting_for_anyone() -> list[tuple[str, str]]:
    with session_scope() as session:
        cases = session.exec(select(Case)).all()
        open_cases = set(session.exec(select(WorkItem.case_ref).where(WorkItem.status == WorkItemStatus.open)).all())
    return [(case.ref, case.status) for case in cases if case.ref not in open_cases
            and case.status not in get_procedure(case.kind).final | get_procedure(case.kind).idle]


def _twice_applied() -> list[tuple]:
    with session_scope() as session:
        moves = session.exec(select(AuditEvent.case_ref, AuditEvent.action, AuditEvent.from_status,
                                    AuditEvent.to_status).where(AuditEvent.to_status.is_not(None))).all()
    return [move for move, n in Counter(map(tuple, moves)).items() if n > 1]


def test_steps_through_killed_desks_workers_and_prefect_end_moving_once_each(parts, channels):
    server, processes = parts
    print(f"chaos seed: {SEED} (CENTER_CHAOS_SEED={SEED} replays it)")
    chaos, started = Chaos(server, processes, SEED), monotonic()
    chaos.run(STEPS)
    for name in ("inline", "queued"):
        processes[name].kill()
    ran = monotonic()
    chaos.settle()
    record("faults", sum(chaos.faults.values()))
    print(f"steps {ran - started:.0f} s, settling {monotonic() - ran:.0f} s;", "faults:", dict(chaos.faults),
          "answers:", dict(chaos.answers))

    as_of = _sweep_moment()
    report = _sweep(server.api_url, as_of)
    since = mark(channels)
    for minutes in (0, 2, 5, 10, 20):
        deliver_due(now=as_of + timedelta(minutes=minutes))

    with session_scope() as session:
        cases = len(session.exec(select(Case.ref)).all())
    assert cases >= 30 and len(chaos.faults) == 3 and sum(chaos.faults.values()) >= 5, (cases, chaos.faults)
    assert [a for a in chaos.answers if a[0] == "decide" and a[1] == 500] == [], chaos.answers
    assert (report["unmovable"], report["repair_failed"]) == ([], [])
    assert _not_waiting_for_anyone() == []
    assert _twice_applied() == []
    assert check_exactly_once(channels, since) == (0, 0)
