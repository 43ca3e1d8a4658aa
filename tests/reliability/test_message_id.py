"""Issue 19, defect 11: a sender killed after the SMTP server accepted a message but before its
outbox row was marked sent sends it again (at least once). Both copies carry the same Message-ID,
derived from the outbox key, so receivers drop the repeat; different messages never share one.
Against the real aiosmtpd server."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import select, update

from models.core.clock import local_now
from models.core.db import session_scope
from models.core.org import Staff
from models.core.outbox import Channel, OutboxMessage, OutboxStatus
from models.core.recipients import person
from reliability.summary import record
from tasks.core.delivery import deliver_due
from tasks.core.message_ids import message_id
from tasks.core.messages import queue_notice

ISSUE_19_DEFECTS = (11,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org")


def moment() -> datetime:
    """A moment at which every row the test queued is due (taken when the test runs)."""
    return local_now() + timedelta(minutes=1)


def queue(key: str, staff_id: str = "S0101") -> tuple[str, str]:
    """An e-mail to one person: (its outbox key, the address)."""
    with session_scope() as session:
        staff = session.get(Staff, staff_id)
        queue_notice(session=session, key=key, case_ref=None, recipients=[person(staff)], template="test_notice",
                     sms=False, context={"name": staff.name, "subject": "测试", "text": "消息编号测试"})
        row = session.exec(select(OutboxMessage).where(OutboxMessage.key.startswith(key),
                                                       OutboxMessage.channel == Channel.email)).one()
        return row.key, staff.email


def crash_after_accept(key: str, stale_claim: bool, t0: datetime) -> None:
    """What the store holds when the sender died between SMTP accept and recording the result:
    the row still claimed (status sending since t0), or put back to pending."""
    status = OutboxStatus.sending if stale_claim else OutboxStatus.pending
    with session_scope() as session:
        session.execute(update(OutboxMessage).where(OutboxMessage.key == key)
                        .values(status=status, next_attempt_at=t0, sent_at=None))


@pytest.mark.parametrize("stale_claim", [True, False], ids=["stale claim", "reset to pending"])
def test_a_resend_after_a_crash_carries_the_same_message_id(channels, stale_claim):
    smtp, _ = channels
    key, address = queue("msgid:resend")
    before, t0 = len(smtp.to(address)), moment()
    deliver_due(now=t0)
    crash_after_accept(key, stale_claim, t0)
    deliver_due(now=t0 + timedelta(minutes=11))
    record("faults")
    record("probes")
    copies = smtp.to(address)[before:]
    ids = [m.get_all("Message-ID") for m in copies]
    assert (len(copies), ids) == (2, [[message_id(key, "127.0.0.1")]] * 2)


def test_different_messages_have_different_message_ids(channels):
    smtp, _ = channels
    first, address = queue("msgid:first")
    second, _ = queue("msgid:second")
    before = len(smtp.to(address))
    deliver_due(now=moment())
    ids = sorted(m["Message-ID"] for m in smtp.to(address)[before:])
    assert ids == sorted({message_id(first, "127.0.0.1"), message_id(second, "127.0.0.1")})
