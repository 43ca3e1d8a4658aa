"""The staff-return flows against a real Prefect API: the automatic trigger end to end (three
substantiated complaints → return case → the 退回函 in the department leader's mailbox), and the
advance converging when run again."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import func, select

from flows.complaint import receive_complaint
from flows.core.decide import decide_work_item
from flows.staff_return import advance_staff_return, staff_return_day
from models.core.cases import WorkItem
from models.complaint.inputs import ComplaintIntake
from models.core.db import session_scope
from models.core.outbox import OutboxMessage
from support.complaint_cases import FOUND, PHONE, open_item
from support.servers import SmtpServer
from support.staff_returns import CONFIRM, open_items, return_cases
from tasks.core.delivery import deliver_due

pytestmark = pytest.mark.usefixtures("org")
NOW = datetime(2026, 9, 30, 10, 5)


def third_complaint_return() -> str:
    for n in range(3):
        ref = receive_complaint(intake=ComplaintIntake(**{**PHONE, "content": f"第{n + 1}次态度生硬"}), actor="G001",
                                now=NOW)["case_ref"]
        decide_work_item(item_id=open_item(ref, "investigate").id, actor="S0101", decision=FOUND,
                         at=datetime(2026, 10, 9, 15))
    [case] = return_cases()
    return case.ref


def test_three_substantiated_complaints_bring_the_return_letter_to_the_department_leader_intact(channels):
    smtp_server, _ = channels
    ref = third_complaint_return()
    [item] = open_items(ref, "decide")
    decide_work_item(item_id=item.id, actor="G001", decision=CONFIRM, at=datetime(2026, 10, 19, 10))
    deliver_due()
    [mail] = [m for m in smtp_server.to("rsj-leader@example.gov.cn") if ref in SmtpServer.text(m)]
    text = SmtpServer.text(mail)
    assert mail["Subject"].startswith("窗口工作人员退回函（青行服退〔2026〕")
    assert "区人力资源和社会保障局王建国" in text and "王芳（工号 S0102" in text and "问责处理" in text


def test_advancing_a_return_again_or_by_the_daily_run_changes_nothing():
    ref = third_complaint_return()
    [item] = open_items(ref, "decide")
    decide_work_item(item_id=item.id, actor="G001", decision=CONFIRM, at=datetime(2026, 10, 19, 10))

    def counts():
        with session_scope() as session:
            return [session.exec(select(func.count()).select_from(t)).one() for t in (WorkItem, OutboxMessage)]

    before = counts()
    advance_staff_return(case_ref=ref, actor="G001", as_of=datetime(2026, 10, 20, 9))
    staff_return_day(as_of=datetime(2026, 10, 21, 7, 35))
    assert counts() == before
