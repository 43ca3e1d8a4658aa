"""Issue 26, defect 2: one row no rule can compute (a work item due in 1999, outside the working-day
calendar, planted directly in the store) stopped the deadline sweep for every procedure. It is now
reported and skipped: every other case of the same rule, and of every other rule, is still reminded
and escalated — on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

import support.sample_procedure  # noqa: F401
from models.core.cases import open_case
from models.core.db import session_scope
from models.core.org import Role
from models.core.org_import import import_org
from models.core.outbox import OutboxMessage
from models.core.workitems import open_work_item
from support.cli import ROOT
from tasks.core.sweep import collect_and_queue, report_markdown

ISSUE_26_DEFECTS = (2,)  # counted in the reliability summary when these tests pass

MONDAY = datetime(2026, 10, 12, 9)  # a working day
GOOD_DUE = datetime(2026, 10, 9, 17, 0)  # overdue by two working days on MONDAY (10-10 is a make-up day)
SOON_DUE = datetime(2026, 10, 13, 17, 0)  # due the next working day: reminded on MONDAY
BAD_DUE = datetime(1999, 2, 1, 17, 0)  # outside the calendar's range 2004–2060


@pytest.fixture
def org_any(any_db):
    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")


def _case_with_item(title: str, due: datetime) -> str:
    with session_scope() as session:
        case, _ = open_case(session=session, kind="sample", actor="S0102", title=title, policy={},
                            window_id="W01", at=datetime(2026, 9, 28, 9))
        open_work_item(session=session, key=f"{case.ref}:review", case_ref=case.ref, step="review",
                       title="负责人审核", role=Role.head, window_id="W01", due_at=due)
        return case.ref


@pytest.fixture
def cases(org_any) -> dict[str, str]:
    """A bad row between two good ones of the same rule (the generic work-item rule)."""
    return {"overdue": _case_with_item("逾期的", GOOD_DUE), "bad": _case_with_item("期限有误的", BAD_DUE),
            "soon": _case_with_item("将到期的", SOON_DUE)}


def _queued_keys() -> set[str]:
    with session_scope() as session:
        return set(session.exec(select(OutboxMessage.key)).all())


def test_a_row_no_rule_can_compute_is_reported_and_every_other_case_is_still_swept(cases):
    report = collect_and_queue(as_of=MONDAY, dry_run=False)
    keys = _queued_keys()
    assert any(k.startswith(f"{cases['overdue']}:wi") and ":overdue2" in k for k in keys)
    assert any(k.startswith(f"{cases['soon']}:wi") and ":remind" in k for k in keys)
    assert not any(k.startswith(cases["bad"]) for k in keys)
    assert [(procedure, ref) for procedure, ref, _ in report["failures"]] == [("测试案件", cases["bad"])]
    assert "超出工作日历范围" in report["failures"][0][2]
    markdown = report_markdown(report, as_of=MONDAY, dry_run=False)
    assert "无法计算、已跳过" in markdown and cases["bad"] in markdown


def test_the_dry_run_reports_the_failure_too_and_writes_nothing(cases):
    report = collect_and_queue(as_of=MONDAY, dry_run=True)
    assert report["notices"] >= 2 and report["queued"] == 0 and _queued_keys() == set()
    assert [ref for _, ref, _ in report["failures"]] == [cases["bad"]]
