"""Faults in the channels (issue 10 §3): the SMTP server down, the SMS gateway answering 500, an
SMS gateway that accepts the connection and never answers. Cases keep moving, their messages stay
pending with the error, and once the service is back each is delivered exactly once."""
from __future__ import annotations

import socket
import time
from datetime import date, timedelta

import pytest
from sqlmodel import select

from models.core.clock import local_now
from models.core.db import session_scope
from models.core.outbox import OutboxMessage, OutboxStatus
from reliability.delivery import check_exactly_once, mark, unsent
from reliability.summary import record
from support.leaves import apply, decide
from tasks.core.delivery import deliver_due

pytestmark = pytest.mark.usefixtures("org")
WEEK = dict(kind="annual", start=date(2026, 3, 4), end=date(2026, 3, 6))


def _procedure_runs() -> str:
    """A leave through the head's signature while the channels fail: the case must not wait."""
    return decide(apply(**WEEK), "head_review", "S0101", approve=True)


def _pending_errors(channel: str) -> list[tuple[str, int, bool]]:
    with session_scope() as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.channel == channel)).all()
    return [(row.status, row.attempts, bool(row.last_error)) for row in rows]


def _recover() -> None:
    """Flush as the scheduled flow would after every backoff (1, 2, 4 … minutes) until done."""
    moment = local_now()
    for minutes in (0, 2, 5, 10, 20):
        deliver_due(now=moment + timedelta(minutes=minutes))


def test_smtp_down_the_case_proceeds_mails_wait_then_arrive_once(channels):
    smtp, _ = channels
    since = mark(channels)
    smtp.stop()
    try:
        record("faults")
        assert _procedure_runs() == "management_review"
        deliver_due()
        waiting = _pending_errors("email") + _pending_errors("role")
    finally:
        smtp.start()
    _recover()
    assert waiting and set(waiting) == {(OutboxStatus.pending, 1, True)}
    assert check_exactly_once(channels, since) == (0, 0) and unsent() == 0


def test_sms_gateway_answering_500_the_case_proceeds_texts_wait_then_arrive_once(channels):
    _, sms = channels
    since = mark(channels)
    sms.mode = "error"
    record("faults")
    assert _procedure_runs() == "management_review"
    deliver_due()
    deliver_due(now=local_now() + timedelta(minutes=1))  # a second failed attempt after the backoff
    waiting = _pending_errors("sms")
    sms.mode = "ok"
    _recover()
    assert waiting and set(waiting) == {(OutboxStatus.pending, 2, True)}
    assert check_exactly_once(channels, since) == (0, 0) and unsent() == 0


@pytest.fixture
def hanging_gateway(monkeypatch):
    """A gateway that accepts connections and never answers (the kernel completes the handshake)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        monkeypatch.setenv("CENTER_SMS_RELAY", f"127.0.0.1:{listener.getsockname()[1]}/sms")
        yield


def test_a_hanging_sms_gateway_times_out_the_case_proceeds_texts_arrive_once_after(channels, hanging_gateway,
                                                                                     monkeypatch):
    _, sms = channels
    since = mark(channels)
    record("faults")
    assert _procedure_runs() == "management_review"
    texts = len(_pending_errors("sms"))
    started = time.monotonic()
    deliver_due()
    per_text = (time.monotonic() - started) / texts
    waiting = _pending_errors("sms")
    monkeypatch.setenv("CENTER_SMS_RELAY", f"127.0.0.1:{sms.port}/sms")  # the gateway is back
    _recover()
    # Apprise's read timeout for json:// is 4 s: a hung gateway costs one bounded attempt per text.
    assert per_text < 8 and set(waiting) == {(OutboxStatus.pending, 1, True)}
    assert check_exactly_once(channels, since) == (0, 0) and unsent() == 0
