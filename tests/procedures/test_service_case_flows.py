"""Service cases through the flows against a real Prefect API: the notice reaching the applicant by SMS,
completion through the generic work item converging when advanced again, and a refused extension at
the command line writing nothing."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from flows.core.decide import decide_work_item
from flows.service_case import (advance_service_case, check_materials_flow, extend_service_case_flow,
                                open_service_case_flow)
from models.core.cases import AuditEvent, Case, WorkItem
from models.core.db import session_scope
from models.service_case.inputs import ServiceExtension, ServiceIntake
from support.cli import run_cli
from support.matters import sample, through
from tasks.core.delivery import deliver_due

pytestmark = pytest.mark.usefixtures("org")
ID, FORM, PROOF = "居民身份证", "失业登记申请表", "解除或终止劳动合同证明"
NOW, PHONE, EMAIL = datetime(2026, 9, 30, 10), "13912340099", "liming@example.com"


def accepted_case(missing: list[str]) -> str:
    through(sample())
    intake = ServiceIntake(applicant="李明", phone=PHONE, email=EMAIL, matter_code="QP-RSJ-001")
    ref = open_service_case_flow(intake=intake, actor="S0102", now=NOW)
    check_materials_flow(case_ref=ref, have=[m for m in (ID, FORM, PROOF) if m not in missing], missing=missing,
                         actor="S0102", now=NOW, sent=True)
    return ref


def test_the_notice_sent_to_the_applicant_lists_both_missing_items(channels):
    _, sms_sink = channels
    earlier = len(sms_sink.to(PHONE))  # the sink serves the whole session
    ref = accepted_case([FORM, PROOF])
    deliver_due()
    [text] = [m["message"] for m in sms_sink.to(PHONE)[earlier:] if ref in m["message"]]
    assert f"需补正2项材料：{FORM}、{PROOF}" in text


def test_an_extension_tells_the_applicant_the_reason_and_the_new_time_by_sms_and_email(channels):
    smtp, sms_sink = channels
    earlier_sms, earlier_mail = len(sms_sink.to(PHONE)), len(smtp.to(EMAIL))  # the servers serve the whole session
    ref = accepted_case([])
    due = extend_service_case_flow(request=ServiceExtension(case_ref=ref, days=2, reason="需赴现场核查", consent=True),
                                   actor="S0101", now=datetime(2026, 10, 9, 9))
    deliver_due()
    [text] = [m["message"] for m in sms_sink.to(PHONE)[earlier_sms:] if "延期" in m["message"]]
    [mail] = [m for m in smtp.to(EMAIL)[earlier_mail:] if "延期" in m["Subject"]]
    assert due == datetime(2026, 10, 13, 17, 0)
    assert "需赴现场核查" in text and "2026-10-13 17:00" in text and "经您同意" in text
    assert "需赴现场核查" in smtp.text(mail) and "2026-10-13 17:00" in smtp.text(mail)


def test_completion_through_the_work_item_closes_the_case_once_when_advanced_again():
    ref = accepted_case([])
    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == "complete")).one()
    assert decide_work_item(item_id=item.id, actor="S0102", decision={"comment": "已办结"},
                            at=datetime(2026, 10, 8, 9)) == "completed"
    assert advance_service_case(case_ref=ref, actor="system") == "completed"
    with session_scope() as session:
        completions = session.exec(select(AuditEvent).where(AuditEvent.case_ref == ref,
                                                            AuditEvent.action == "complete")).all()
    assert len(completions) == 1


def test_an_extension_without_consent_is_refused_at_the_command_line_and_writes_nothing(capsys):
    ref = accepted_case([])
    refused = run_cli(capsys, "service", "extend", ref, "--days", "2", "--reason", "需现场核查", "--as", "S0102")
    assert refused.code == 2 and "取得其同意" in refused.err
    with session_scope() as session:
        assert session.get(Case, ref).due_at == datetime(2026, 10, 10, 17, 0)


def test_the_demo_tells_the_notice_the_due_date_and_the_referral():
    from rich.console import Console

    from deployments.demo.service_case import demo

    through(sample())
    console = Console(record=True, width=200)
    demo(console, datetime(2026, 10, 15, 9))
    text = console.export_text()
    assert "一份一次性告知书列明全部两项" in text and "办结期限 2026-10-21 17:00" in text
    assert "经李明同意延期 2 个工作日至 2026-10-23 17:00" in text
    assert "转办区人力资源和社会保障局社保综合窗口" in text
