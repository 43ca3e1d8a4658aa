"""Flushing the outbox: send every due message through Apprise (scheduled every minute)."""
from __future__ import annotations

from flows.core.plain_calls import flow
from tasks.core.plain_calls import task

from tasks.core.delivery import deliver_due

deliver_due_task = task(name="发送到期通知", retries=0)(deliver_due)


@flow(name="发送通知")
def flush_outbox() -> dict[str, int]:
    return deliver_due_task()
