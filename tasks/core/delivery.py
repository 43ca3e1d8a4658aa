"""Sending the outbox through Apprise. Plain code (no Prefect): the flush flow, the CLI and the
sweep all call `deliver_due`. Each message is claimed, sent and recorded in short transactions,
so a crash loses nothing and two senders never send the same row.

SMS goes to the services tagged `sms:<template>` when the configuration has any (mainland cloud
SMS: one provider template per tag, the body is the template's parameters as JSON), else to
those tagged `sms` (a relay that takes free text).
"""
from __future__ import annotations

import logging
from datetime import datetime

from models.core.clock import local_now
from models.core.db import session_scope
from models.core.outbox import Channel, OutboxMessage, OutboxStatus, claim, due_messages, record_result
from models.core.settings import get_settings
from models.core.sms_ledger import DatabaseDeliveryLedger
from tasks.core.channels import apprise_for, config_text
from tasks.core.sms import NotifyAliyunSms, NotifyTencentSms
from tasks.core.sms.delivery import sending_message, set_delivery_ledger
from tasks.core.sms.templates_map import build_sms_body, configured_template_map

log = logging.getLogger("center.outbox")
PROVIDERS = {NotifyAliyunSms: "aliyun", NotifyTencentSms: "tencent"}


def _services(message: OutboxMessage, text: str) -> list:
    if message.channel == Channel.role:
        return list(apprise_for(text, tag=message.address))
    services = list(apprise_for(text, message.address, tag=message.channel.value))
    tags = [f"sms:{message.template}", "sms"] if message.channel == Channel.sms else ["email"]
    for tag in tags:
        matched = [s for s in services if tag in {str(t) for t in s.tags}]
        if matched:
            return matched
    return []


def _body(service, message: OutboxMessage) -> str:
    provider = PROVIDERS.get(type(service))
    if provider is None:
        return message.body
    mapping = configured_template_map(get_settings().sms_templates)
    return build_sms_body(mapping, message.template, provider, message.params)


def _send(message: OutboxMessage, text: str) -> tuple[bool, list[dict], str]:
    services = _services(message, text)
    if not services:
        return False, [], f"没有通知地址可发送 {message.channel.value}:{message.address}"
    outcomes = []
    with sending_message(message.key):
        for service in services:
            ok = service.notify(body=_body(service, message), title=message.title or "",
                                body_format=message.body_format)
            outcomes.append({"service": service.service_name, "status": "SUCCESS" if ok else "FAILURE"})
    errors = [f"{o['service']}: {o['status']}" for o in outcomes if o["status"] != "SUCCESS"]
    return not errors, outcomes, "；".join(errors)


def deliver_due(*, now: datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Send every message that is due. Returns counts by outcome."""
    settings = get_settings()
    text = config_text(settings.apprise_config)
    set_delivery_ledger(DatabaseDeliveryLedger())
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
