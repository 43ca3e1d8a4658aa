"""Flushing the outbox: send every due message through Apprise (scheduled every minute)."""
from __future__ import annotations

from prefect import task

from flows.refusals import flow

from tasks.delivery import deliver_due

send_due_messages = task(name="发送到期通知", retries=0)(deliver_due)


@flow(name="发送通知")
def flush_outbox() -> dict[str, int]:
    return send_due_messages()
