"""Issue 26, defect 1: which remedy the store's rules give a case nobody is moving (tasks/core/repair.py) —
advance it (a decision recorded, the advance never ran), reopen its work item (the item was never
opened), or none (无人可办) — found without writing anything; a reopen is done once and audited."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import delete, select

from models.core.cases import AuditEvent, WorkItem, WorkItemStatus
from models.core.db import session_scope
from models.core.stranded import REPAIR
from support.leaves import NOW, apply, count, items, org_any  # noqa: F401 (org_any: a fixture)
from tasks.core.repair import ADVANCE, REOPEN, find_stuck_cases, reopen_step, unmovable_rows
from tasks.core.workitems import record_decision

ISSUE_26_DEFECTS = (1,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org_any")  # SQLite and PostgreSQL
LATER = NOW + timedelta(hours=1)
KINDS = ["leave", "complaint", "service"]


def leave_at_head(day: int = 4) -> str:
    """A two-day 事假 from March `day`, waiting for the window head's signature."""
    return apply(kind="personal", start=date(2026, 3, day), end=date(2026, 3, day + 1), reason="x")


def remedies(as_of=LATER) -> dict[str, str | None]:
    return {s.ref: s.remedy for s in find_stuck_cases(as_of=as_of, kinds=KINDS)}


def head_item(ref: str) -> WorkItem:
    [item] = items(ref, "head_review", status=None)
    return item


def test_a_decided_leave_is_advanced_one_without_its_item_reopened_one_with_a_cancelled_item_unmovable():
    decided, lost, cancelled, waiting = (leave_at_head(day) for day in (4, 9, 11, 16))
    record_decision(item_id=head_item(decided).id, actor="S0101", decision={"approve": True}, at=NOW)
    cancelled_item = head_item(cancelled).id
    with session_scope() as session:
        session.exec(delete(WorkItem).where(WorkItem.case_ref == lost))  # its effect never opened it
        session.get(WorkItem, cancelled_item).status = WorkItemStatus.cancelled
    found = find_stuck_cases(as_of=LATER, kinds=KINDS)
    assert {s.ref: s.remedy for s in found} == {decided: ADVANCE, lost: REOPEN, cancelled: None}
    assert unmovable_rows(found) == [[cancelled, "请假申请", "待窗口负责人审核签字"]]
    assert (count(WorkItem, WorkItem.case_ref == lost), count(AuditEvent, AuditEvent.action == REPAIR)) == (0, 0)
    assert remedies(NOW + timedelta(minutes=5)) == {}  # within the grace period: left to whoever changed it
    assert waiting not in remedies()


def test_reopening_opens_the_lost_item_once_audited():
    ref = leave_at_head()
    with session_scope() as session:
        session.exec(delete(WorkItem).where(WorkItem.case_ref == ref))
    reached = reopen_step(case_ref=ref, now=LATER)
    with session_scope() as session:
        audited = session.exec(select(AuditEvent.actor, AuditEvent.details).where(
            AuditEvent.case_ref == ref, AuditEvent.action == REPAIR)).all()
    assert (reached, [i.step for i in items(ref)], [tuple(a) for a in audited]) == (
        "head_review", ["head_review"], [("system", {"remedy": "reopen", "status": "head_review"})])
    assert remedies() == {}
    with pytest.raises(RuntimeError):
        reopen_step(case_ref=ref, now=LATER)  # the item is open: nothing to reopen, nothing audited twice


def test_the_sweep_report_lists_the_unmovable_cases():
    from tasks.core.sweep import report_markdown

    ref = leave_at_head()
    item = head_item(ref).id
    with session_scope() as session:
        session.get(WorkItem, item).status = WorkItemStatus.cancelled
    report = {"working_day": True, "notices": 0, "queued": 0, "by_procedure": {}, "overdue": [], "stranded": {},
              "repair_failed": [], "unmovable": unmovable_rows(find_stuck_cases(as_of=LATER, kinds=KINDS))}
    markdown = report_markdown(report, as_of=LATER, dry_run=False)
    assert f"| {ref} | 请假申请 | 待窗口负责人审核签字 |" in markdown.split("## 无人可办")[1]
