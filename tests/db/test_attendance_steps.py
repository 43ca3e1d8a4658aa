"""An exception's steps (考勤办法 二(一)3, 6; 二(三)1): the person explains with proof, the window head
registers, the management section reviews — 认可 closes it, 不予认可 deducts 未正常考勤 once; not explained
by the deadline, the sweep deducts once and closes it; the sweep reminds like any work item. A later import
that supplies the missing punch closes an exception still waiting for the explanation as 已消除."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from models.attendance.store import month_figures
from models.attendance.tables import AttendanceException
from models.core.cases import AuditEvent, Case, WorkItem, WorkItemStatus
from models.core.db import session_scope
from models.core.documents import Document
from models.core.errors import PermissionDenied
from models.core.ledger import LedgerEntry
from models.core.outbox import OutboxMessage
from tasks.attendance import explain_exception, import_clock_records
from tasks.core.advance import advance_case
from tasks.core.step_context import plain_calls
from tasks.core.sweep import collect_and_queue
from tasks.core.workitems import record_decision
from support.leaves import org_any  # noqa: F401 (fixture: SQLite and PostgreSQL)

NOW = datetime(2026, 10, 13, 9, 0)  # a Tuesday: Monday 10-12 is over
ROWS = [{"工号": "S0102", "日期": "2026-10-12", "时间": "08:41:17"},
        {"工号": "S0102", "日期": "2026-10-12", "时间": "17:06:40"},
        {"工号": "S0103", "日期": "2026-10-12", "时间": "08:10:00"},
        {"工号": "S0103", "日期": "2026-10-12", "时间": "17:10:00"}]


@pytest.fixture
def late(org_any):
    """S0102 was late on 10-12 (S0103 was not; the others have no records: theirs are other cases)."""
    result = import_clock_records(rows=ROWS, source="test.csv", actor="G001", now=NOW)
    with session_scope() as session:
        rows = session.exec(select(AttendanceException).where(AttendanceException.staff_id.in_(["S0102", "S0103"]))).all()
        assert [(r.staff_id, r.kind.value) for r in rows] == [("S0102", "late")]
        ref = rows[0].case_ref
    assert ref in result["opened"]
    with plain_calls():
        assert advance_case(case_ref=ref, actor="G001", now=NOW) == "explain"
    return ref


def item(ref: str, step: str) -> WorkItem:
    with session_scope() as session:
        return session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                   WorkItem.status == WorkItemStatus.open)).one()


def advance(ref: str, at: datetime) -> str:
    with plain_calls():
        return advance_case(case_ref=ref, actor="system", now=at)


def ledger(ref: str) -> list[tuple[str, float, str]]:
    with session_scope() as session:
        return [(e.subject_id, e.points, e.kind) for e in session.exec(select(LedgerEntry).where(LedgerEntry.case_ref == ref))]


def history(ref: str) -> list[tuple[str, str | None, dict]]:
    with session_scope() as session:
        return [(e.action, e.to_status, e.details) for e in session.exec(
            select(AuditEvent).where(AuditEvent.case_ref == ref).order_by(AuditEvent.id))]


def explain_and_register(ref: str, tmp_path) -> None:
    proof = tmp_path / "交通管制说明.pdf"
    proof.write_bytes(b"%PDF proof")
    explanation = item(ref, "explain")
    assert explanation.assignee_staff_id == "S0102" and explanation.due_at == datetime(2026, 10, 15, 17, 0)
    with pytest.raises(PermissionDenied):  # only the person explains
        explain_exception(case_ref=ref, explanation="x", files=[], actor="S0103", now=NOW)
    explain_exception(case_ref=ref, explanation="早高峰道路封闭", files=[str(proof)], actor="S0102", now=NOW)
    assert advance(ref, NOW) == "register"
    head = item(ref, "register")
    assert (head.assignee_window_id, head.due_at) == ("W01", datetime(2026, 10, 15, 17, 0))  # 二(一)6: two working days
    record_decision(item_id=head.id, actor="S0101", decision={"reason": "other", "comment": "道路封闭，已核实"}, at=NOW)
    assert advance(ref, NOW) == "review"


def test_explained_registered_and_accepted_nothing_is_deducted(late, tmp_path):
    explain_and_register(late, tmp_path)
    record_decision(item_id=item(late, "review").id, actor="G001", decision={"approve": True, "comment": "认可"}, at=NOW)
    assert advance(late, NOW) == "accepted"
    assert ledger(late) == []
    with session_scope() as session:
        assert [d.title for d in session.exec(select(Document).where(Document.case_ref == late))] == ["交通管制说明.pdf"]
        row = session.get(AttendanceException, late)
        assert (row.staff_id, row.kind.value, row.punch_at) == ("S0102", "late", datetime(2026, 10, 12, 8, 41, 17))


def test_not_accepted_is_irregular_attendance_deducted_once(late, tmp_path):
    explain_and_register(late, tmp_path)
    record_decision(item_id=item(late, "review").id, actor="G001",
                    decision={"approve": False, "comment": "无证明"}, at=NOW)
    assert advance(late, NOW) == "irregular"
    assert advance(late, NOW) == "irregular"
    assert ledger(late) == [("S0102", 1.0, "attendance.irregular")]


def test_not_explained_by_the_deadline_the_sweep_deducts_once_and_closes_it(late):
    reminder = collect_and_queue(as_of=datetime(2026, 10, 14, 9, 0), dry_run=False)  # the day before: reminded
    assert reminder["queued"] >= 1 and ledger(late) == []
    overdue = datetime(2026, 10, 16, 9, 0)
    collect_and_queue(as_of=overdue, dry_run=False)
    collect_and_queue(as_of=overdue, dry_run=False)
    assert ledger(late) == [("S0102", 1.0, "attendance.irregular")]
    with session_scope() as session:
        assert session.get(Case, late).status == "irregular"
        told = session.exec(select(OutboxMessage).where(OutboxMessage.case_ref == late,
                                                        OutboxMessage.template == "attendance_deduction")).all()
        assert {m.channel for m in told} >= {"sms", "email"}
    assert advance(late, overdue) == "irregular"
    assert ledger(late) == [("S0102", 1.0, "attendance.irregular")]


ON_TIME = [{"工号": "S0102", "日期": "2026-10-12", "时间": "08:25:03"}]  # the punch the first export lacked
LATER = datetime(2026, 10, 14, 9, 0)


def test_a_later_import_supplying_the_punch_clears_the_waiting_exception_without_deduction(late):
    again = import_clock_records(rows=ON_TIME, source="补录.csv", actor="G001", now=LATER)
    assert (again["added"], again["opened"], again["cleared"]) == (1, [], [late])
    assert advance(late, LATER) == "cleared"
    assert advance(late, LATER) == "cleared"
    with session_scope() as session:
        items = session.exec(select(WorkItem.status).where(WorkItem.case_ref == late)).all()
        assert items == [WorkItemStatus.cancelled]
        assert session.get(Case, late).status == "cleared"
    steps = history(late)
    assert ("cancel:explain", None, {"work_item": item_id(late), "reason": "补录打卡记录，异常已消除"}) in steps
    assert [(a, t, d["reason"]) for a, t, d in steps if a == "clear"] == [("clear", "cleared", "补录打卡记录，异常已消除")]
    collect_and_queue(as_of=datetime(2026, 10, 16, 9, 0), dry_run=False)  # past the deadline: nothing to deduct
    assert ledger(late) == []
    with session_scope() as session:  # an exception cleared is none in the month's figures
        figures = month_figures(session=session, start=date(2026, 10, 1), end=date(2026, 11, 1), by="staff")
    assert "S0102" not in figures
    assert import_clock_records(rows=ON_TIME, source="补录.csv", actor="G001", now=LATER)["cleared"] == []


def test_past_the_deadline_the_sweep_clears_rather_than_deducts_an_exception_a_punch_cured(late):
    import_clock_records(rows=ON_TIME, source="补录.csv", actor="G001", now=LATER)  # imported, not advanced yet
    collect_and_queue(as_of=datetime(2026, 10, 16, 9, 0), dry_run=False)
    assert ledger(late) == []
    assert [(a, t) for a, t, _ in history(late) if a in ("clear", "lapse")] == [("clear", "cleared")]


def test_a_punch_that_does_not_cure_it_and_an_exception_already_explained_stay_as_they_are(late, tmp_path):
    still_late = [{"工号": "S0102", "日期": "2026-10-12", "时间": "08:35:00"}]  # earlier, but still after 8:30
    assert import_clock_records(rows=still_late, source="补录.csv", actor="G001", now=LATER)["cleared"] == []
    assert advance(late, LATER) == "explain"
    explain_and_register(late, tmp_path)
    assert import_clock_records(rows=ON_TIME, source="补录.csv", actor="G001", now=LATER)["cleared"] == []
    assert advance(late, LATER) == "review"


def item_id(ref: str) -> int:
    with session_scope() as session:
        return session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref, WorkItem.step == "explain")).one()
