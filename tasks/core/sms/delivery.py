"""Which numbers already received which message, so a retry never texts anyone twice.

The outbox sender wraps ``Apprise.notify`` in ``sending_message(message.key)``; when a ledger is
installed with ``set_delivery_ledger``, the SMS plugins skip numbers the ledger says were
delivered for that key and record each number the provider accepted.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol


class DeliveryLedger(Protocol):
    def was_delivered(self, message_key: str, phone: str) -> bool: ...

    def mark_delivered(self, message_key: str, phone: str, provider_id: str) -> None: ...


class InMemoryLedger:
    """A process-local ledger (tests, single-process runs)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def was_delivered(self, message_key: str, phone: str) -> bool:
        with self._lock:
            return (message_key, phone) in self._entries

    def mark_delivered(self, message_key: str, phone: str, provider_id: str) -> None:
        with self._lock:
            self._entries[(message_key, phone)] = provider_id

    def provider_id(self, message_key: str, phone: str) -> str | None:
        with self._lock:
            return self._entries.get((message_key, phone))


current_message_key: ContextVar[str | None] = ContextVar("center_sms_message_key", default=None)

_ledger: DeliveryLedger | None = None


def set_delivery_ledger(ledger: DeliveryLedger | None) -> None:
    """Install (or remove, with None) the ledger the SMS plugins consult."""
    global _ledger
    _ledger = ledger


def get_delivery_ledger() -> DeliveryLedger | None:
    return _ledger


@contextmanager
def sending_message(message_key: str) -> Iterator[None]:
    """Mark the ``Apprise.notify`` calls inside the block as deliveries of ``message_key``."""
    token = current_message_key.set(message_key)
    try:
        yield
    finally:
        current_message_key.reset(token)
