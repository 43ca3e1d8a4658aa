"""Importing next year's arrangement: validated whole; covered from then on; provisional
deadlines of open work recomputed and audited."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

import support.sample_procedure  # noqa: F401
from models.core.calendar import load_calendar
from models.core.cases import AuditEvent, WorkItem, open_case
from models.core.db import session_scope
from models.core.org import Role
from models.core.workitems import open_work_item
from support.cli import ROOT, run_cli
from support.snapshot import snapshot

pytestmark = pytest.mark.usefixtures("org")  # the import is done by the management section (G001)
ARRANGEMENT_2027 = ROOT / "examples" / "calendar-2027.yaml"


def _provisional_item() -> int:
    with session_scope() as session:
        calendar = load_calendar(session=session)
        received = datetime(2027, 2, 3, 10)  # 3 working days on weekends only: 02-08; with the festival: 02-13 (make-up Sat)
        deadline = calendar.deadline(received, 3, datetime.min.replace(hour=17).time())
        case, _ = open_case(session=session, kind="sample", actor="x", title="t", policy={}, at=received)
        item = open_work_item(session=session, key="k", case_ref=case.ref, step="s", title="t", role=Role.management,
                              due_at=deadline.at, due_from=received, due_days=3, due_provisional=deadline.provisional)
        return item.id


def test_a_deadline_in_an_uncovered_year_is_provisional():
    item_id = _provisional_item()
    with session_scope() as session:
        item = session.get(WorkItem, item_id)
    assert (item.due_at, item.due_provisional) == (datetime(2027, 2, 8, 17), True)


def test_importing_the_year_recomputes_open_deadlines_and_audits_it(capsys):
    item_id = _provisional_item()
    result = run_cli(capsys, "calendar", "import", ARRANGEMENT_2027, "--as", "G001")
    with session_scope() as session:
        item = session.get(WorkItem, item_id)
        audit = session.exec(select(AuditEvent).where(AuditEvent.action == "recompute_deadline")).one()
    assert result.code == 0 and "重算期限 1 项" in result.out
    assert (item.due_at, item.due_provisional) == (datetime(2027, 2, 13, 17), False)
    assert (audit.actor, audit.details["to"]) == ("G001", "2027-02-13T17:00:00")


def test_after_import_the_add_command_is_no_longer_provisional(capsys):
    run_cli(capsys, "calendar", "import", ARRANGEMENT_2027, "--as", "G001")
    result = run_cli(capsys, "calendar", "add", "2027-09-30", "1")
    assert result.out.strip() == "2027-10-08"


@pytest.mark.parametrize(("content", "expected"), [
    ("makeup_workdays:\n  - {day: 2027-02-10}\n", "makeup_workdays[0].day: 2027-02-10 是工作日，调休上班日必须在周末"),
    ("days_off:\n  - {day: 2027-02-06}\n", "days_off[0].day: 2027-02-06 是周末，放假日必须在工作日"),
    ("days_off:\n  - {day: 2027-02-08}\n  - {day: 2027-02-08}\n", "days_off[1].day: 2027-02-08 与 days_off[0] 重复"),
    ("days_off:\n  - {day: 2027-02-08}\n  - {day: 2028-01-03}\n", "一个文件只能包含一年"),
    ("days_off:\n  - {day: 2027-02-30}\n", "日期（days_off[0].day）: 日期应为 YYYY-MM-DD"),
    ("days_off: []\n", "没有任何日期"),
])
def test_an_invalid_arrangement_is_rejected_whole(tmp_path, capsys, content, expected):
    before = snapshot()
    path = tmp_path / "cal.yaml"
    path.write_text(content, encoding="utf-8")
    result = run_cli(capsys, "calendar", "import", path, "--as", "G001")
    assert result.code == 2 and expected in result.err and snapshot() == before


def test_a_csv_arrangement_names_the_line(tmp_path, capsys):
    path = tmp_path / "cal.csv"
    path.write_text("kind,day,name\ndays_off,2027-01-01,元旦\nmakeup_workdays,2027-01-05,调休\n", encoding="utf-8")
    result = run_cli(capsys, "calendar", "import", path, "--as", "G001")
    assert result.code == 2 and "第3行.day: 2027-01-05 是工作日" in result.err


def test_the_month_view_marks_days_off_and_make_up_days(capsys):
    out = run_cli(capsys, "calendar", "show", "2026-10").out
    assert " 1休" in out and "10班" in out and "11 " in out


def test_add_crosses_national_day_onto_the_make_up_saturday(capsys):
    assert run_cli(capsys, "calendar", "add", "2026-09-30", "3").out.strip() == "2026-10-10"


def test_a_result_in_an_uncovered_year_is_marked_provisional(capsys):
    assert "暂定" in run_cli(capsys, "calendar", "add", "2026-12-30", "3").out


def test_a_bad_date_exits_2_naming_the_field(capsys):
    result = run_cli(capsys, "calendar", "add", "2026-13-01", "3")
    assert result.code == 2 and "起始日期" in result.err
