"""Queuing many outbox rows in one statement (models.core.outbox.enqueue_many; `COPY` + INSERT … SELECT on
PostgreSQL): the count written is exact, a key already queued is skipped, twice in one transaction
too, and every value (enums, JSON, Chinese text, None) arrives as given — on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from models.core.db import session_scope
from models.core.outbox import Channel, OutboxMessage, OutboxStatus, enqueue_many

AT = datetime(2026, 10, 12, 9, 0)


def _message(n: int, **extra) -> dict:
    return {"key": f"QJ-2026-{n:06d}:remind:S0101:sms", "channel": Channel.sms, "address": "13700000101",
            "title": "", "body": f"提醒：案件 {n} 明天到期\n请及时办理\t（制表符）", "case_ref": None,
            "params": {"ref": f"QJ-2026-{n:06d}", "天数": 1}, **extra}


def test_rows_are_written_once_and_counted_exactly(any_db):
    with session_scope() as session:
        assert enqueue_many(session=session, messages=[_message(n) for n in range(5)], at=AT) == 5
        assert enqueue_many(session=session, messages=[_message(n) for n in range(3, 8)], at=AT) == 3
    with session_scope() as session:
        assert enqueue_many(session=session, messages=[_message(n) for n in range(10)], at=AT) == 2
        rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.key)).all()
    assert len(rows) == 10
    row = rows[4]
    assert (row.key, row.channel, row.status, row.body, row.params, row.case_ref, row.results, row.created_at,
            row.next_attempt_at) == ("QJ-2026-000004:remind:S0101:sms", Channel.sms, OutboxStatus.pending,
                                     "提醒：案件 4 明天到期\n请及时办理\t（制表符）", {"ref": "QJ-2026-000004", "天数": 1},
                                     None, [], AT, AT)
