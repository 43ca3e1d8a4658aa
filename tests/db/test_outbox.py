"""The outbox through Apprise to a real SMTP server and a real HTTP SMS sink."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlmodel import select

from models.core.clock import local_now
from models.core.db import session_scope
from models.core.org import Role, Staff
from models.core.outbox import OutboxMessage, OutboxStatus
from models.core.recipients import person, role
from tasks.core.delivery import deliver_due
from tasks.core.messages import queue_notice
from support.cli import run_cli

pytestmark = pytest.mark.usefixtures("org")
CONTEXT = {"name": "王芳", "subject": "请假审批结果", "text": "您的请假申请已批准，请做好交接。"}


def _queue(key="n1", recipients=None) -> int:
    with session_scope() as session:
        people = recipients or [person(session.get(Staff, "S0102"))]
        return queue_notice(session=session, key=key, case_ref=None, recipients=people,
                            template="test_notice", context=CONTEXT)


def _statuses() -> list[str]:
    with session_scope() as session:
        return [m.status for m in session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()]


def test_queueing_the_same_notice_twice_writes_it_once():
    assert (_queue(), _queue()) == (2, 0)


def test_email_and_sms_arrive_with_chinese_intact(channels):
    smtp, sms = channels
    _queue(key="chinese")
    assert deliver_due() == {"sent": 2, "retry": 0, "failed": 0}
    mail = smtp.to("wangfang@example.gov.cn")[-1]
    assert mail["Subject"] == "系统通知：请假审批结果" and "您的请假申请已批准" in smtp.text(mail)
    assert sms.to("13700000102")[-1]["message"].startswith("【行政服务中心】王芳您好")


def test_a_role_is_reached_through_its_tag(channels):
    smtp, _ = channels
    _queue(key="role", recipients=[role(Role.management)])
    deliver_due()
    assert "系统通知：请假审批结果" in [m["Subject"] for m in smtp.to("glk@example.gov.cn")]


def test_a_sent_message_is_never_sent_again(channels):
    smtp, _ = channels
    _queue(key="once")
    deliver_due()
    before = len(smtp.to("wangfang@example.gov.cn"))
    deliver_due(now=local_now() + timedelta(days=1))
    assert len(smtp.to("wangfang@example.gov.cn")) == before


def test_smtp_down_keeps_the_message_pending_then_delivers_it_once(channels, monkeypatch):
    smtp, _ = channels
    before = len(smtp.to("wangfang@example.gov.cn"))
    smtp.stop()
    try:
        _queue(key="outage")
        deliver_due()
        with session_scope() as session:
            mail = session.exec(select(OutboxMessage).where(OutboxMessage.channel == "email")).one()
        assert (mail.status, mail.attempts) == (OutboxStatus.pending, 1) and "FAILURE" in mail.last_error
    finally:
        smtp.start()
    deliver_due(now=local_now() + timedelta(minutes=2))
    deliver_due(now=local_now() + timedelta(minutes=10))
    assert len(smtp.to("wangfang@example.gov.cn")) - before == 1 and _statuses() == ["sent", "sent"]


def test_a_message_is_failed_after_the_maximum_attempts(channels, monkeypatch):
    _, sms = channels
    sms.mode = "error"
    monkeypatch.setenv("CENTER_POLICY__OUTBOX_MAX_ATTEMPTS", "2")
    from models.core.settings import get_settings
    get_settings.cache_clear()
    with session_scope() as session:
        queue_notice(session=session, key="fail", case_ref=None, template="test_notice", context=CONTEXT,
                     recipients=[person(session.get(Staff, "S0102"))], email=False)
    deliver_due()
    deliver_due(now=local_now() + timedelta(hours=2))
    assert _statuses() == ["failed"]


def test_the_retry_waits_for_its_backoff(channels):
    _, sms = channels
    sms.mode = "error"
    with session_scope() as session:
        queue_notice(session=session, key="backoff", case_ref=None, template="test_notice", context=CONTEXT,
                     recipients=[person(session.get(Staff, "S0102"))], email=False)
    now = local_now()
    deliver_due(now=now)
    sms.mode = "ok"
    assert deliver_due(now=now + timedelta(seconds=10))["sent"] == 0
    assert deliver_due(now=now + timedelta(minutes=2))["sent"] == 1


def test_concurrent_flushes_send_each_message_once(channels):
    _, sms = channels
    with session_scope() as session:
        people = [person(s) for s in session.exec(select(Staff).where(Staff.window_id == "W01")).all()]
        queue_notice(session=session, key="many", case_ref=None, template="test_notice", context=CONTEXT,
                     recipients=people, email=False)
    before = len(sms.received)
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda _: deliver_due(), range(4)))
    assert len(sms.received) - before == 10 and _statuses() == ["sent"] * 10


def test_the_outbox_command_lists_failed_and_resends(channels, capsys):
    _, sms = channels
    sms.mode = "error"
    with session_scope() as session:
        queue_notice(session=session, key="cli", case_ref=None, template="test_notice", context=CONTEXT,
                     recipients=[person(session.get(Staff, "S0102"))], email=False)
        message_id = session.exec(select(OutboxMessage.id)).one()
    run_cli(capsys, "outbox", "flush")
    listing = run_cli(capsys, "outbox").out
    assert "待发送" in listing and "王芳" in listing
    refused = run_cli(capsys, "outbox", "resend", str(message_id), "--as", "G001")
    assert refused.code == 2 and "不是发送失败状态" in refused.err


def test_the_channel_check_names_a_url_apprise_cannot_load_and_a_missing_tag(tmp_path, monkeypatch, capsys):
    config = tmp_path / "apprise.yaml"
    config.write_text('version: 1\nurls:\n  - "nosuchscheme://x":\n      - tag: email\n'
                      '  - "json://127.0.0.1:9/sms?:phone={to}":\n      - tag: sms\n', encoding="utf-8")
    monkeypatch.setenv("CENTER_APPRISE_CONFIG", str(config))
    from models.core.settings import get_settings
    get_settings.cache_clear()
    result = run_cli(capsys, "outbox", "check")
    assert result.code == 2 and "urls 第 1 项" in result.err and "没有任何通知地址带有标签 email" in result.err


def test_the_sample_channel_configuration_passes_the_check(channels, capsys):
    assert run_cli(capsys, "outbox", "check").code == 0
