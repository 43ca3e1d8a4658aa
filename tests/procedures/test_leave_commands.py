"""`center leave apply` and `center leave register` run the flows; a refusal inside the flow exits 2
and writes nothing. The leave is two weeks from today (the command files it now)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from models.core.calendar import load_calendar
from models.core.clock import local_now
from models.core.db import session_scope
from support.cli import run_cli
from support.snapshot import snapshot

pytestmark = pytest.mark.usefixtures("org")


def working_day_ahead() -> str:
    with session_scope() as session:
        calendar = load_calendar(session=session)
    return str(calendar.next_working_day(local_now().date() + timedelta(days=14)))


def test_apply_opens_the_case_and_sends_it_to_the_window_head(capsys):
    day = working_day_ahead()
    result = run_cli(capsys, "leave", "apply", "--staff", "S0105", "--kind", "事假", "--start", day, "--end", day,
                     "--reason", "办理房产手续", "--as", "S0105")
    assert result.code == 0 and "待窗口负责人审核签字" in result.out


def test_a_substitute_from_another_window_exits_2_naming_the_field_and_writes_nothing(capsys):
    day = working_day_ahead()
    before = snapshot()
    result = run_cli(capsys, "leave", "apply", "--staff", "S0105", "--kind", "事假", "--start", f"{day}上午",
                     "--end", f"{day}上午", "--substitute", "S0202", "--reason", "办事", "--as", "S0105")
    assert result.code == 2 and "替岗人员" in result.err and snapshot() == before


def test_register_completes_the_attendance_registration(capsys, tmp_path):
    day = working_day_ahead()
    proof = tmp_path / "会议通知.pdf"
    proof.write_bytes(b"notice")
    run_cli(capsys, "leave", "apply", "--staff", "S0105", "--kind", "会议", "--start", f"{day}下午", "--end",
            f"{day}下午", "--proof", proof, "--reason", "部门工作会议", "--as", "S0105")
    from sqlmodel import select

    from models.leave.tables import LeaveRequest

    with session_scope() as session:
        ref = session.exec(select(LeaveRequest.case_ref)).one()
    result = run_cli(capsys, "leave", "register", ref, "--as", "S0101")
    assert result.code == 0 and "已登记考勤" in result.out
