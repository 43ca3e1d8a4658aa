"""Issue 26, defect 2: when the deadline sweep skips a row it cannot compute, its run still queues
every other notice and publishes its report, then ends Failed naming the case — so the operators'
failure alert fires (as for a stranded case it could not advance)."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from flows.core.sweeps import deadline_sweep
from models.core.db import session_scope
from models.core.outbox import OutboxMessage
from web.web_desk import sample_case

ISSUE_26_DEFECTS = (2,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org")
MONDAY = datetime(2026, 10, 12, 9)


def test_the_sweep_run_fails_after_queueing_every_other_notice_and_names_the_skipped_case():
    good, _ = sample_case("W01", due_at=datetime(2026, 10, 9, 17))
    bad, _ = sample_case("W01", due_at=datetime(1999, 2, 1, 17))
    with pytest.raises(RuntimeError, match=bad):
        deadline_sweep(as_of=MONDAY)
    with session_scope() as session:
        swept = set(session.exec(select(OutboxMessage.case_ref).where(OutboxMessage.key.contains(":overdue"))).all())
    assert swept == {good}


def test_a_dry_run_reports_the_skipped_case_without_failing():
    bad, _ = sample_case("W01", due_at=datetime(1999, 2, 1, 17))
    report = deadline_sweep(as_of=MONDAY, dry_run=True)
    assert [ref for _, ref, _ in report["failures"]] == [bad]
