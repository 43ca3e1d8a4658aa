"""The lunch-service roster's flows against the Prefect harness, and `center lunch-roster`: the head
files (days given as --day pairs and a CSV file), the management section registers it with the generic
decision (or `center lunch-roster review`), `serving_on` then names who serves (考勤办法 二(一)4, 6)."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from flows.core.decide import decide_work_item
from flows.lunch_roster import advance_lunch_roster, file_lunch_roster
from models.core.calendar import load_calendar
from models.core.cases import Case, WorkItem
from models.core.clock import local_now
from models.core.db import session_scope
from models.lunch_roster.store import serving_on, working_days
from models.lunch_roster.tables import LunchRosterInput
from support.cli import run_cli
from support.snapshot import snapshot

pytestmark = pytest.mark.usefixtures("org")


def item_of(ref: str) -> int:
    with session_scope() as session:
        return session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref)).one()


def days_of(month: date) -> list[date]:
    with session_scope() as session:
        return working_days(calendar=load_calendar(session=session), month=month)


def next_month() -> date:
    today = local_now().date()
    return date(today.year + today.month // 12, today.month % 12 + 1, 1)


def test_a_filed_roster_is_reviewed_and_registered_and_then_serves():
    days = days_of(date(2026, 11, 1))
    result = file_lunch_roster(request=LunchRosterInput(window_id="W02", month="2026-11",
                                                        days={d: ["S0202"] for d in days}),
                               actor="S0201", now=datetime(2026, 10, 20, 10))
    assert (result["created"], result["status"]) == (True, "review")
    assert advance_lunch_roster(case_ref=result["case_ref"], actor="S0201") == "review"  # waits for the section
    assert decide_work_item(item_id=item_of(result["case_ref"]), actor="G001",
                            decision={"approve": True, "comment": ""}) == "registered"
    with session_scope() as session:
        assert serving_on(session=session, staff_ids={"S0201", "S0202"}, day=days[0]) == {"S0202"}


def test_only_the_management_section_reviews():
    days = days_of(date(2026, 11, 1))
    ref = file_lunch_roster(request=LunchRosterInput(window_id="W02", month="2026-11", days={d: ["S0202"] for d in days}),
                            actor="S0201", now=datetime(2026, 10, 20, 10))["case_ref"]
    from models.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        decide_work_item(item_id=item_of(ref), actor="S0201", decision={"approve": True, "comment": ""})


def test_the_commands_file_review_and_show_a_month(capsys, tmp_path):
    month = next_month()
    days = days_of(month)
    sheet = tmp_path / "roster.csv"
    sheet.write_text("日期,工号,工号\n" + "".join(f"{d},S0202\n" for d in days[1:]), encoding="utf-8")
    filed = run_cli(capsys, "lunch-roster", "file", "--window", "W02", "--month", f"{month:%Y-%m}",
                    "--day", f"{days[0]}=S0201,S0203", "--csv", sheet, "--as", "S0201")
    assert filed.code == 0, filed.out + filed.err
    assert "已填报" in filed.out and "待窗口管理科审核" in filed.out
    with session_scope() as session:
        ref = session.exec(select(Case.ref).where(Case.kind == "lunch_roster")).one()
    reviewed = run_cli(capsys, "lunch-roster", "review", ref, "--approve", "--as", "G001")
    assert (reviewed.code, reviewed.out.strip()) == (0, f"{ref}：已登记")
    shown = run_cli(capsys, "lunch-roster", "show", ref)
    assert shown.code == 0 and "徐明、马超" in shown.out and "已登记" in shown.out
    listed = run_cli(capsys, "lunch-roster", "show", "--window", "W02")
    assert ref in listed.out and f"{month:%Y-%m}" in listed.out
    with session_scope() as session:
        assert serving_on(session=session, staff_ids={"S0201", "S0202", "S0203"}, day=days[0]) == {"S0201", "S0203"}


def test_a_refused_filing_exits_2_naming_the_field_and_the_clause_and_writes_nothing(capsys):
    month = next_month()
    days = days_of(month)
    before = snapshot()
    refused = run_cli(capsys, "lunch-roster", "file", "--window", "W02", "--month", f"{month:%Y-%m}",
                      "--day", f"{days[0]}=S0101", "--as", "S0201")
    assert refused.code == 2 and snapshot() == before
    text = refused.out + refused.err
    assert "张伟（S0101）不是企业登记窗口的工作人员" in text and "考勤办法 二(一)4" in text
    assert "以下工作日没有安排延时服务人员" in text
    malformed = run_cli(capsys, "lunch-roster", "file", "--window", "W02", "--month", f"{month:%Y-%m}",
                        "--day", "S0201", "--as", "S0201")
    assert malformed.code == 2 and "--day" in malformed.out + malformed.err
