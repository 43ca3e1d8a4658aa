"""Concurrency on SQLite and PostgreSQL (issue 10 §4): twenty clerks deciding the same work item
of a real leave case, and twenty deadline sweeps and twenty outbox flushes running at once."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from threading import Barrier

import pytest
from sqlmodel import func, select

from models.core.cases import AuditEvent
from models.core.db import session_scope
from models.core.errors import Conflict
from models.core.outbox import OutboxMessage
from reliability.delivery import check_exactly_once, mark
from reliability.summary import record
from support.leaves import apply, decide, items, messages, org_any, status  # noqa: F401  (fixture)
from tasks.core.delivery import deliver_due
from tasks.core.advance import step_case as step_leave
from tasks.core.sweep import collect_and_queue
from tasks.core.workitems import record_decision

pytestmark = pytest.mark.usefixtures("org_any")
CLERKS = 20
WEEK = dict(kind="annual", start=date(2026, 3, 4), end=date(2026, 3, 6))
CATCH_UP = datetime(2026, 3, 10, 9, 0)  # five working days after the heads' signatures fell due


def _at_once(work, n: int = CLERKS) -> list:
    """Run `work(i)` in n threads released together."""
    gate = Barrier(n)

    def run(i):
        gate.wait()
        return work(i)

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


def test_twenty_clerks_deciding_one_review_one_wins_and_nineteen_get_a_conflict():
    ref = apply(**WEEK)
    decide(ref, "head_review", "S0101", approve=True)
    [item] = items(ref, "management_review")

    def attempt(i):
        actor = ("G001", "G002")[i % 2]  # both members of the management section may decide
        try:
            record_decision(item_id=item.id, actor=actor, decision={"approve": True, "comment": f"第{i}次提交"})
        except Conflict:
            return "conflict"
        while step_leave(case_ref=ref, actor=actor, now=datetime(2026, 3, 2, 11))[0]:
            pass
        return "won"

    outcomes = _at_once(attempt)
    with session_scope() as session:
        decisions = session.exec(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.case_ref == ref, AuditEvent.action.like("decide:%"))).one()
    record("conflicts", outcomes.count("conflict"))
    assert (outcomes.count("won"), outcomes.count("conflict"), decisions, status(ref)) == (1, 19, 2, "registration")


def test_twenty_clerks_deciding_one_review_leave_the_case_as_one_clerk_would():
    raced, alone = apply("S0103", **WEEK), apply("S0105", **WEEK)
    for ref in (raced, alone):
        decide(ref, "head_review", "S0101", approve=True)
    decide(alone, "management_review", "G001", approve=True)
    [item] = items(raced, "management_review")

    def attempt(i):
        try:
            record_decision(item_id=item.id, actor="G001", decision={"approve": True})
        except Conflict:
            return
        while step_leave(case_ref=raced, actor="G001", now=datetime(2026, 3, 2, 10))[0]:
            pass

    _at_once(attempt)

    def shape(ref: str) -> tuple:
        """What the case holds, without what differs between the two applicants (names, numbers)."""
        return status(ref), len(items(ref, status=None)), sorted((m.template, m.channel) for m in messages(ref))

    assert shape(raced) == shape(alone)


def test_twenty_sweeps_and_twenty_flushes_at_once_deliver_each_message_once(channels):
    refs = [apply(staff, **WEEK) for staff in ("S0103", "S0105", "S0107")]
    since = mark(channels)
    reports = _at_once(lambda _: collect_and_queue(as_of=CATCH_UP, dry_run=False))
    with session_scope() as session:
        sweep_rows = session.exec(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.template == "workitem_overdue")).one()
    _at_once(lambda _: deliver_due())
    lost, duplicated = check_exactly_once(channels, since)
    assert sum(r["queued"] for r in reports) == sweep_rows > 0 and all(r["notices"] == 15 for r in reports)
    assert (lost, duplicated) == (0, 0), refs


def test_twenty_first_cases_of_a_new_year_opened_at_once_get_distinct_references():
    """The year's reference counter does not exist yet: every clerk's transaction creates it at once
    (on PostgreSQL a plain INSERT raced: duplicate key on the counter)."""
    from models.core.cases import open_case

    def open_one(i):
        with session_scope() as session:
            case, _ = open_case(session=session, kind="leave", actor="S0102", title=f"并发 {i}", policy={},
                                window_id="W01", at=datetime(2031, 1, 2, 9, 0))
            return case.ref

    refs = _at_once(open_one)
    assert sorted(refs) == [f"{refs[0][:-7]}-{n:06d}" for n in range(1, CLERKS + 1)]
