"""Sending the outbox through Apprise. Plain code (no Prefect): the flush flow, the CLI and the
sweep all call `deliver_due`. Each message is claimed, sent and recorded in short transactions,
so a crash loses nothing and two senders never send the same row.
"""
from __future__ import annotations

import logging
from datetime import datetime

from models.clock import local_now
from models.db import session_scope
from models.outbox import Channel, OutboxMessage, OutboxStatus, claim, due_messages, record_result
from models.settings import get_settings
from tasks.channels import apprise_for, config_text

log = logging.getLogger("center.outbox")


def _send(message: OutboxMessage, text: str) -> tuple[bool, list[dict], str]:
    from tasks.sms.delivery import current_message_key

    if message.channel == Channel.role:
        notifier, tag = apprise_for(text), message.address
    else:
        notifier, tag = apprise_for(text, message.address), message.channel.value
    token = current_message_key.set(message.key)
    try:
        result = notifier.notify(body=message.body, title=message.title or None, tag=tag,
                                 body_format=message.body_format)
    finally:
        current_message_key.reset(token)
    outcomes = [{"service": r.name, "status": r.status.name} for r in result]
    if not outcomes:
        return False, [], f"没有通知地址带有标签 {tag}"
    errors = [f"{o['service']}: {o['status']}" for o in outcomes if o["status"] != "SUCCESS"]
    return bool(result), outcomes, "；".join(errors)


def deliver_due(*, now: datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Send every message that is due. Returns counts by outcome."""
    settings = get_settings()
    text = config_text(settings.apprise_config)
    counts = {"sent": 0, "retry": 0, "failed": 0}
    now = now or local_now()
    with session_scope() as session:
        candidates = due_messages(session=session, now=now, limit=limit)
    for candidate in candidates:
        with session_scope() as session:
            if not claim(session=session, message=candidate, now=now):
                continue
        try:
            ok, outcomes, error = _send(candidate, text)
        except Exception as exc:  # a broken channel must not stop the rest of the queue
            ok, outcomes, error = False, [], f"{type(exc).__name__}: {exc}"
        with session_scope() as session:
            status = record_result(session=session, message_id=candidate.id, ok=ok, results=outcomes,
                                   error=error, now=now, max_attempts=settings.policy.outbox_max_attempts)
        counts["sent" if status == OutboxStatus.sent else "failed" if status == OutboxStatus.failed else "retry"] += 1
        log.info("outbox %s → %s (%s)", candidate.id, status.value, candidate.channel.value)
    return counts
