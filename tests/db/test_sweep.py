"""The sweep's generic rule: a reminder before a work item's due date, an escalation for each
working day it is overdue — each level queued once however often the sweep runs."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import func, select

import support.sample_procedure  # noqa: F401
from models.core.cases import open_case
from models.core.db import session_scope
from models.core.org import Role
from models.core.outbox import OutboxMessage
from models.core.workitems import open_work_item
from support.snapshot import snapshot
from tasks.core.sweep import collect_and_queue

pytestmark = pytest.mark.usefixtures("org")
DUE = datetime(2026, 10, 9, 17, 0)  # a Friday; 10-10 is a make-up Saturday


@pytest.fixture
def item():
    with session_scope() as session:
        case, _ = open_case(session=session, kind="sample", actor="S0102", title="测试", policy={},
                            window_id="W01", at=datetime(2026, 9, 28, 9))
        open_work_item(session=session, key=f"{case.ref}:review", case_ref=case.ref, step="review",
                       title="负责人审核", role=Role.head, window_id="W01", due_at=DUE)
    return case.ref


def _keys() -> list[str]:
    with session_scope() as session:
        return sorted(session.exec(select(OutboxMessage.key)).all())


def test_nothing_is_due_two_working_days_before(item):
    report = collect_and_queue(as_of=datetime(2026, 9, 30, 8, 30), dry_run=False)
    assert (report["notices"], _keys()) == (0, [])


def test_the_working_day_before_brings_one_reminder_to_the_head(item):
    collect_and_queue(as_of=datetime(2026, 10, 8, 8, 30), dry_run=False)
    assert _keys() == [f"{item}:wi1:remind:S0101:email", f"{item}:wi1:remind:S0101:sms"]


def test_running_the_sweep_twice_queues_each_message_once(item):
    first = collect_and_queue(as_of=datetime(2026, 10, 12, 9), dry_run=False)
    second = collect_and_queue(as_of=datetime(2026, 10, 12, 9), dry_run=False)
    assert first["queued"] > 0 and second["queued"] == 0


def test_overdue_escalates_to_the_management_section_per_working_day(item):
    collect_and_queue(as_of=datetime(2026, 10, 10, 9), dry_run=False)  # make-up Saturday: day 1
    collect_and_queue(as_of=datetime(2026, 10, 12, 9), dry_run=False)  # Monday: day 2
    management = [k for k in _keys() if ":role:management:" in k]
    assert management == [f"{item}:wi1:overdue1:role:management:role", f"{item}:wi1:overdue2:role:management:role"]


def test_a_sweep_that_did_not_run_catches_up_once(item):
    collect_and_queue(as_of=datetime(2026, 10, 13, 9), dry_run=False)  # missed 10-10 and 10-12
    levels = sorted({k.split(":")[2] for k in _keys() if ":overdue" in k})
    assert levels == ["overdue1", "overdue2", "overdue3"]


def test_the_sweep_does_nothing_on_a_day_off(item):
    report = collect_and_queue(as_of=datetime(2026, 10, 11, 9), dry_run=False)  # Sunday
    assert report["working_day"] is False and _keys() == []


def test_a_dry_run_reports_and_writes_nothing(item):
    before = snapshot()
    report = collect_and_queue(as_of=datetime(2026, 10, 12, 9), dry_run=True)
    assert report["notices"] > 0 and report["queued"] == 0 and snapshot() == before


def test_twenty_sweeps_at_once_queue_each_message_once(item):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=20) as pool:
        reports = list(pool.map(lambda _: collect_and_queue(as_of=datetime(2026, 10, 12, 9), dry_run=False), range(20)))
    with session_scope() as session:
        total = session.exec(select(func.count()).select_from(OutboxMessage)).one()
    # two overdue levels × (head's SMS + head's e-mail + the management section's channel)
    assert sum(r["queued"] for r in reports) == total == 6
