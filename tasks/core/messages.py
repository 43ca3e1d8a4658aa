"""Composing notifications: people and roles → outbox rows, bodies from templates.

Called inside the transaction of the state change that causes them, so a message exists
exactly when its cause does (docs/architecture.md). Idempotency key: `<key>:<recipient>:<channel>`.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from models.core.outbox import Channel, enqueue_many
from models.core.recipients import Recipient
from tasks.core.render import render, render_email


def _sms_params(context: dict) -> dict[str, str]:
    """The context's simple values as strings, for provider templates (which take no logic)."""
    def text(value) -> str:
        if isinstance(value, bool):
            return "是" if value else "否"
        return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else str(value)

    return {k: text(v) for k, v in context.items() if isinstance(v, (str, int, float, date, datetime))}


def notice_messages(*, key: str, case_ref: str | None, recipients: list[Recipient], template: str,
                    context: dict, sms: bool = True, email: bool = True) -> list[dict]:
    """The SMS and e-mail of `template` for each recipient, as messages for `enqueue_many`."""
    subject, body = render_email(template, **context) if email else ("", "")
    text = render(f"sms/{template}.txt", **context) if sms else ""
    messages = []
    for r in {r.key: r for r in recipients}.values():
        rows = []
        if r.role is not None:
            rows.append((Channel.role, f"role:{r.role.value}", subject or text, body or text))
        if sms and r.phone:
            rows.append((Channel.sms, r.phone, "", text))
        if email and r.email:
            rows.append((Channel.email, r.email, subject, body))
        messages += [dict(key=f"{key}:{r.key}:{channel.value}", channel=channel, address=address, title=title,
                          body=content, case_ref=case_ref, recipient_label=r.label, template=template,
                          params=_sms_params(context) if channel == Channel.sms else None)
                     for channel, address, title, content in rows]
    return messages


def queue_notice(*, session: Session, key: str, case_ref: str | None, recipients: list[Recipient],
                 template: str, context: dict, sms: bool = True, email: bool = True) -> int:
    """Queue the SMS and e-mail of `template` for each recipient; returns rows written."""
    return enqueue_many(session=session, messages=notice_messages(
        key=key, case_ref=case_ref, recipients=recipients, template=template, context=context, sms=sms, email=email))
