"""The notification outbox (docs/architecture.md): a message is a row written in the same transaction
as the state change that causes it, keyed so that nothing is queued or sent twice.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from sqlalchemy import JSON, Column, or_, update
from pydantic import NaiveDatetime
from sqlmodel import Field, Session, SQLModel, select

from models.core.clock import local_now
from models.core.db import dialect_insert
from models.core.errors import InvalidInput, NotFound


class Channel(StrEnum):
    sms = "sms"
    email = "email"
    role = "role"  # a role's own channels from the Apprise configuration (tag role:NAME)


class OutboxStatus(StrEnum):
    pending = "pending"  # not yet sent, or sending failed and will be retried
    sending = "sending"  # claimed by a sender right now
    sent = "sent"
    failed = "failed"  # gave up after the maximum attempts: an operator must resend


class OutboxMessage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=200)  # case:step:recipient:level
    case_ref: str | None = Field(default=None, index=True, max_length=40)
    channel: Channel
    address: str = Field(max_length=200)  # phone, e-mail address or role tag
    recipient_label: str = Field(default="", max_length=100)
    template: str = Field(default="", max_length=60)
    title: str = Field(default="", max_length=200)
    body: str
    body_format: str = Field(default="text", max_length=10)
    # The template's named values as strings, for SMS providers that send templates, not text.
    params: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: OutboxStatus = Field(default=OutboxStatus.pending, index=True)
    attempts: int = 0
    next_attempt_at: NaiveDatetime | None = Field(default=None, index=True)
    last_error: str = ""
    results: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: NaiveDatetime
    sent_at: NaiveDatetime | None = None


def enqueue(*, session: Session, key: str, channel: Channel, address: str, title: str, body: str,
            case_ref: str | None = None, recipient_label: str = "", template: str = "",
            body_format: str = "text", params: dict | None = None,
            at: datetime | None = None) -> bool:
    """Queue a message unless its key exists. True when a row was written."""
    message = dict(key=key, channel=channel, address=address, title=title, body=body, case_ref=case_ref,
                   recipient_label=recipient_label, template=template, body_format=body_format, params=params)
    return enqueue_many(session=session, messages=[message], at=at) == 1


def enqueue_many(*, session: Session, messages: list[dict], at: datetime | None = None) -> int:
    """Queue each message (the keyword arguments of `enqueue`) unless its key exists, in one statement —
    a sweep queues thousands, and one INSERT each was most of its time (bench/bench_sweep.py).
    Returns the rows written."""
    if not messages:
        return 0
    at = at or local_now()
    rows = [{"case_ref": None, "recipient_label": "", "template": "", "body_format": "text", **m,
             "params": m.get("params") or {}, "status": OutboxStatus.pending, "attempts": 0, "next_attempt_at": at,
             "last_error": "", "results": [], "created_at": at} for m in messages]
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        return _copy_insert(session, rows)
    # RETURNING, not rowcount: the driver reports rowcount -1 for an executemany.
    return len(session.execute(_insert_statement(dialect.name), rows).all())


_INCOMING = "outbox_incoming"


def _copy_insert(session: Session, rows: list[dict]) -> int:
    """PostgreSQL: the rows `COPY`ed into a temporary table (psycopg writes them in C, no statement
    to parse), then one `INSERT … SELECT … ON CONFLICT (key) DO NOTHING`, whose rowcount is exact.
    The `unnest` statement before it spent ≈ 0.1 s of a 100,000-case sweep dumping its arrays in
    Python (bench/bench_sweep.py); a multi-row VALUES statement ≈ 0.6 s. The table is dropped when the
    transaction ends (ON COMMIT DROP): kept by a pooled connection, it would hold the enum types it was
    copied from, and `center restore` (pg_restore --clean) could not drop them while the desk runs."""
    columns = [c for c in OutboxMessage.__table__.columns if c.name != "id"]
    names = ", ".join(f'"{c.name}"' for c in columns)
    cursor = session.connection().connection.driver_connection.cursor()
    cursor.execute(f'CREATE TEMP TABLE IF NOT EXISTS {_INCOMING} ON COMMIT DROP AS '
                   f'SELECT {names} FROM "{OutboxMessage.__tablename__}" WITH NO DATA')
    with cursor.copy(f"COPY {_INCOMING} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_plain(row.get(c.name), c) for c in columns])
    cursor.execute(f'INSERT INTO "{OutboxMessage.__tablename__}" ({names}) SELECT {names} FROM {_INCOMING} '
                   f'ON CONFLICT (key) DO NOTHING')
    written = cursor.rowcount
    cursor.execute(f"DELETE FROM {_INCOMING}")  # a second batch in the same transaction starts empty
    return written


def _plain(value, column):
    """A value as the driver sends it inside an array: enum members by name (as SQLAlchemy stores
    them), JSON as text."""
    if isinstance(column.type, JSON):
        return json.dumps(value, ensure_ascii=False)
    return value.name if isinstance(value, StrEnum) else value


@lru_cache(maxsize=4)
def _insert_statement(dialect: str):
    """One statement with bound values, compiled once (`.values(**row)` per row cost ≈ 1.5 ms: a fresh
    cache key each time)."""
    table = OutboxMessage.__table__
    return dialect_insert(dialect)(table).on_conflict_do_nothing(index_elements=["key"]).returning(table.c.id)


def due_messages(*, session: Session, now: datetime, limit: int = 500,
                 stale_after: timedelta = timedelta(minutes=10)) -> list[OutboxMessage]:
    """Pending messages whose next attempt is due, and claims abandoned by a dead sender."""
    return list(session.exec(
        select(OutboxMessage).where(or_(
            (OutboxMessage.status == OutboxStatus.pending) & (OutboxMessage.next_attempt_at <= now),
            (OutboxMessage.status == OutboxStatus.sending) & (OutboxMessage.next_attempt_at <= now - stale_after),
        )).order_by(OutboxMessage.id).limit(limit)
    ).all())


def claim(*, session: Session, message: OutboxMessage, now: datetime) -> bool:
    """Mark as being sent; False if another sender claimed it first."""
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id, OutboxMessage.status == message.status,
               OutboxMessage.attempts == message.attempts)
        .values(status=OutboxStatus.sending, next_attempt_at=now, attempts=message.attempts + 1)
    )
    return result.rowcount == 1


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, … minutes, at most an hour between attempts."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def record_result(*, session: Session, message_id: int, ok: bool, results: list[dict], error: str,
                  now: datetime, max_attempts: int) -> OutboxStatus:
    message = session.get(OutboxMessage, message_id)
    message.results = [*message.results, {"at": now.isoformat(), "results": results}]
    if ok:
        message.status, message.sent_at, message.last_error = OutboxStatus.sent, now, ""
    else:
        message.last_error = error[:2000]
        message.status = OutboxStatus.failed if message.attempts >= max_attempts else OutboxStatus.pending
        message.next_attempt_at = now + backoff(message.attempts)
    return message.status


def resend(*, session: Session, message_id: int, now: datetime, actor: str) -> None:
    """The management section puts a failed message back in the queue; the case's audit trail
    records who did."""
    from models.core.cases import audit
    from models.core.workitems import check_management

    check_management(session=session, actor_id=actor, action="重发通知")
    message = session.get(OutboxMessage, message_id)
    if message is None:
        raise NotFound(field="通知编号", value=message_id)
    if message.status != OutboxStatus.failed:
        raise InvalidInput(field="通知编号", message=f"通知 {message_id} 不是发送失败状态，无需重发")
    message.status, message.attempts, message.next_attempt_at = OutboxStatus.pending, 0, now
    if message.case_ref:
        audit(session=session, case_ref=message.case_ref, actor=actor, action="outbox_resend",
              details={"message": message_id}, at=now)
