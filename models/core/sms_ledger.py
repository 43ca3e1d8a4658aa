"""Which phone numbers a template SMS has reached, per outbox message: a retry of a message sent
to several numbers skips the ones already delivered (the providers' calls are not idempotent)."""
from __future__ import annotations

from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from models.core.clock import local_now
from models.core.db import session_scope


class SmsDelivery(SQLModel, table=True):
    message_key: str = Field(primary_key=True, max_length=200)
    phone: str = Field(primary_key=True, max_length=20)
    provider_id: str = Field(default="", max_length=120)
    delivered_at: NaiveDatetime


class DatabaseDeliveryLedger:
    """tasks.core.sms.delivery.DeliveryLedger kept in the case store."""

    def was_delivered(self, message_key: str, phone: str) -> bool:
        with session_scope() as session:
            return session.get(SmsDelivery, (message_key, phone)) is not None

    def mark_delivered(self, message_key: str, phone: str, provider_id: str) -> None:
        with session_scope() as session:
            if session.get(SmsDelivery, (message_key, phone)) is None:
                session.add(SmsDelivery(message_key=message_key, phone=phone, provider_id=provider_id,
                                        delivered_at=local_now()))
