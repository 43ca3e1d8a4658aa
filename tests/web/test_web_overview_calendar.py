"""管理总览 and 工作日历: counts per procedure and window, failed messages resent, a month shown,
next year's arrangement imported by the management section."""
from __future__ import annotations

import re
from datetime import datetime

from sqlmodel import select

from models.core.calendar import CoveredYear
from models.core.db import session_scope
from models.core.outbox import Channel, OutboxMessage, OutboxStatus, enqueue
from support.cli import ROOT
from web.web_desk import post_form, sample_case


def _failed_message() -> int:
    with session_scope() as session:
        enqueue(session=session, key="m1", channel=Channel.email, address="wangfang@example.gov.cn",
                title="请假审核结果", body="b", recipient_label="王芳")
        message = session.exec(select(OutboxMessage)).one()
        message.status, message.attempts, message.last_error = OutboxStatus.failed, 8, "SMTP 拒绝"
        return message.id


def test_the_overview_counts_open_and_overdue_steps_per_procedure_and_window(as_):
    sample_case("W01", due_at=datetime(2026, 1, 5, 17))
    sample_case("W01", due_at=datetime(2099, 1, 5, 17))
    html = re.sub(r">\s+<", "><", as_("G001").get("/overview").text)
    assert "<td data-label=\"窗口\">社保综合窗口</td>" in html
    assert '<td data-label="在办案件">2</td><td data-label="待办">2</td>' in html
    assert '<td data-label="逾期待办">1 <span class="badge overdue">' in html


def test_the_overview_is_for_the_management_section_only(as_):
    assert as_("S0101").get("/overview").status_code == 403


def test_the_overview_lists_failed_messages_with_the_address_masked(as_):
    _failed_message()
    html = as_("G001").get("/overview").text
    assert "SMTP 拒绝" in html and "重新发送" in html and "w***@example.gov.cn" in html
    assert "wangfang@example.gov.cn" not in html


def test_resend_puts_a_failed_message_back_in_the_queue(as_):
    message_id = _failed_message()
    client = as_("G001")
    response = post_form(client, "/overview", f"/outbox/{message_id}/resend", {})
    with session_scope() as session:
        assert session.get(OutboxMessage, message_id).status == OutboxStatus.pending
    assert response.status_code == 303 and "已重新排队" in client.get("/overview").text


def test_the_calendar_marks_days_off_and_make_up_working_days(as_):
    html = as_("S0102").get("/calendar?month=2026-10").text
    assert '<td class="off">1 休' in html and '<td class="makeup">10 班' in html


def test_a_year_without_an_arrangement_is_marked_provisional(as_):
    assert "暂定" in as_("S0102").get("/calendar?month=2027-03").text


def test_a_bad_month_is_named_in_chinese(as_):
    response = as_("S0102").get("/calendar?month=2026-13")
    assert response.status_code == 400 and "不是有效月份" in response.text


def test_the_management_section_imports_next_years_arrangement(as_):
    content = (ROOT / "examples" / "calendar-2027.yaml").read_bytes()
    response = post_form(as_("G001"), "/calendar", "/calendar/import", {},
                         files={"file": ("calendar-2027.yaml", content)})
    with session_scope() as session:
        assert session.get(CoveredYear, 2027) is not None
    assert response.headers["location"] == "/calendar?month=2027-01"


def test_an_invalid_arrangement_lists_every_problem_and_writes_nothing(as_):
    from support.snapshot import snapshot

    before = snapshot()
    bad = b"days_off:\n  - {day: 2027-01-02}\nmakeup_workdays:\n  - {day: 2027-01-04}\n"
    response = post_form(as_("G001"), "/calendar", "/calendar/import", {}, files={"file": ("bad.yaml", bad)})
    assert response.status_code == 400 and "共 2 处问题" in response.text and snapshot() == before


def test_the_sweep_rows_name_the_procedure_in_chinese_and_say_why_a_row_has_no_case(as_):
    import time_machine

    from models.core.clock import TZ
    from models.patrol.inputs import PatrolInput
    from tasks.patrol import record_patrol

    one = PatrolInput(at=datetime(2026, 10, 12, 9, 40), kind="walkthrough", windows=["W01"], findings=[])
    record_patrol(patrol=one, actor="G001", now=datetime(2026, 10, 12, 10, 40))  # one patrol, two are due
    from tasks.core.sweep import collect_and_queue, keep_report

    sample_case("W01", due_at=datetime(2026, 10, 9, 17))
    as_of = datetime(2026, 10, 13, 9, 0)  # the last real sweep's findings, kept for the overview (issue 30)
    keep_report(report=collect_and_queue(as_of=as_of, dry_run=False), as_of=as_of)
    with time_machine.travel(as_of.replace(tzinfo=TZ), tick=False):
        html = re.sub(r">\s+<", "><", as_("G001").get("/overview").text)
    sweep = html.split("<h2>逾期待办</h2>")[1].split("发送失败的通知")[0]
    assert "不属于单个案件：窗口巡查按工作日检查" in sweep and "2026-10-12 巡查 1 次" in sweep
    assert '<td data-label="程序">测试案件</td>' in sweep and '<td data-label="程序">patrol</td>' not in sweep
