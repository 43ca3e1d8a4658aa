"""What complaint handling sends: reminders and escalations once per level, the complainant's
data masked for staff and logs, the explanation and the answer to the complainant."""
from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime

import pytest
from sqlmodel import select

from models.core.db import session_scope
from models.core.outbox import OutboxMessage
from support.complaint_cases import FOUND, advance, decide, register
from tasks.complaint.entry import extend_complaint
from tasks.core.delivery import deliver_due
from tasks.core.sweep import collect_and_queue

pytestmark = pytest.mark.usefixtures("org")
HEAD_PHONE, HEAD_MAIL, COMPLAINANT = "13700000101", "zhangwei@example.gov.cn", "13912345678"


def level_of(key: str) -> str:
    """'TS-…:wi1:overdue1:S0101:sms' → 'overdue1'; 'TS-…:due202610101700:remind:…' → 'case-remind'."""
    parts = key.split(":")
    return ("case-" if parts[1].startswith("due") else "") + parts[2]


def test_the_reminder_sweep_run_twice_queues_one_message_per_level_and_recipient():
    ref = register()
    advance(ref)
    for moment in (datetime(2026, 10, 9, 8, 30), datetime(2026, 10, 12, 8, 30), datetime(2026, 10, 13, 8, 30)):
        for _ in range(2):
            collect_and_queue(as_of=moment, dry_run=False)
    with session_scope() as session:
        keys = session.exec(select(OutboxMessage.key).where(OutboxMessage.case_ref == ref)).all()
    levels = Counter(level_of(k) for k in keys if ":assigned:" not in k)
    # the head by SMS and e-mail; escalations also to the management section's mailbox
    assert levels == {"remind": 2, "case-remind": 1, "overdue1": 3, "overdue2": 3}


def test_the_window_head_receives_one_reminder_and_one_escalation_per_overdue_day(channels):
    _, sms_sink = channels
    seen = len(sms_sink.to(HEAD_PHONE))
    ref = register()
    advance(ref)
    for moment in (datetime(2026, 10, 9, 8, 30), datetime(2026, 10, 9, 16), datetime(2026, 10, 12, 8, 30),
                   datetime(2026, 10, 12, 16)):
        collect_and_queue(as_of=moment, dry_run=False)
        deliver_due()
    texts = [m["message"] for m in sms_sink.to(HEAD_PHONE)[seen:]]
    assert [("将于" in t, "逾期1个工作日" in t) for t in texts if ref in t] == [
        (False, False), (True, False), (False, True)]  # assigned, reminded, escalated


def test_an_extended_complaint_is_reminded_again_before_its_new_date():
    ref = register()
    advance(ref)
    collect_and_queue(as_of=datetime(2026, 10, 9, 8, 30), dry_run=False)
    extend_complaint(case_ref=ref, actor="S0101", reason="需调取监控", now=datetime(2026, 10, 9, 9))
    collect_and_queue(as_of=datetime(2026, 10, 19, 8, 30), dry_run=False)
    with session_scope() as session:
        keys = session.exec(select(OutboxMessage.key).where(OutboxMessage.case_ref == ref)).all()
    assert sum(1 for k in keys if "remind:role:management" in k) == 2


def test_sms_to_the_window_head_masks_the_complainant(channels):
    _, sms_sink = channels
    seen = len(sms_sink.to(HEAD_PHONE))
    advance(register())
    deliver_due()
    text = sms_sink.to(HEAD_PHONE)[seen]["message"]
    assert "张**" in text and "张三丰" not in text and COMPLAINANT not in text


def test_e_mail_to_the_window_head_masks_the_complainant_s_phone_even_inside_the_content(channels):
    smtp_server, _ = channels
    seen = len(smtp_server.to(HEAD_MAIL))
    advance(register())
    deliver_due()
    body = smtp_server.text(smtp_server.to(HEAD_MAIL)[seen])
    assert "139****5678" in body and COMPLAINANT not in body and "张三丰" not in body


def test_the_log_line_of_a_registration_masks_the_complainant(caplog):
    with caplog.at_level(logging.INFO, logger="center.complaint"):
        register()
    assert "张**" in caplog.text and "张三丰" not in caplog.text and COMPLAINANT not in caplog.text


def test_the_complainant_receives_the_explanation_and_then_the_answer(channels):
    _, sms_sink = channels
    seen = len(sms_sink.to(COMPLAINANT))
    ref = register()
    advance(ref)
    extend_complaint(case_ref=ref, actor="S0101", reason="需调取监控录像核实", now=datetime(2026, 10, 9, 9))
    decide(ref, "investigate", "S0101", FOUND, datetime(2026, 10, 16, 15))
    deliver_due()
    texts = [m["message"] for m in sms_sink.to(COMPLAINANT)[seen:]]
    assert ["需调取监控录像核实" in texts[0], FOUND["reply"] in texts[1], len(texts)] == [True, True, 2]
