"""Issue 26, defect 1: a case no rule can move (not closed, no open work item, no automatic event,
its item cannot be reopened) is listed on 管理总览 as 无人可办, linked to its page — as the last deadline
sweep found it (issue 30: the overview reads the sweep's stored findings, it does not run the sweep)."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from models.core.cases import WorkItem, WorkItemStatus
from models.core.db import session_scope
from flows.core.sweeps import deadline_sweep
from support.leaves import NOW, apply, items

ISSUE_26_DEFECTS = (1,)  # counted in the reliability summary when these tests pass


@pytest.mark.usefixtures("prefect_api")
def test_the_overview_lists_a_case_no_rule_can_move(as_):
    ref = apply(kind="personal", start=date(2026, 3, 4), end=date(2026, 3, 5), reason="x")
    waiting = apply(kind="personal", start=date(2026, 3, 9), end=date(2026, 3, 10), reason="x")
    [item] = items(ref, "head_review")
    with session_scope() as session:
        session.get(WorkItem, item.id).status = WorkItemStatus.cancelled  # nobody has it any more
    before = as_("G001").get("/overview").text
    deadline_sweep(as_of=NOW + timedelta(hours=1))
    assert "期限检查尚未运行过" in before and ref not in before
    html = re.sub(r">\s+<", "><", as_("G001").get("/overview").text)
    unmovable = html.split("<h2>无人可办的案件</h2>")[1].split("<h2>")[0]
    assert (f'<a href="/cases/{ref}">{ref}</a>' in unmovable, waiting in unmovable) == (True, False)
    assert '<td data-label="程序">请假申请</td><td data-label="状态">待窗口负责人审核签字</td>' in unmovable
