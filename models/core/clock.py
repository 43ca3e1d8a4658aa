"""Time in the case store: naive datetimes in Asia/Shanghai local time, everywhere.

The center works in one time zone; storing local wall-clock time keeps SQLite and PostgreSQL
alike and makes office-hour rules readable. Aware datetimes are converted on the way in.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")


def local_now() -> datetime:
    return datetime.now(TZ).replace(tzinfo=None, microsecond=0)


def to_local(value: datetime) -> datetime:
    """An aware datetime → naive Shanghai time; a naive one is taken as Shanghai time already."""
    if value.tzinfo is None:
        return value
    return value.astimezone(TZ).replace(tzinfo=None)


def parse_local(text: str) -> datetime:
    """'2026-09-30', '2026-09-30 10:00' or ISO 8601 with offset → naive Shanghai time."""
    return to_local(datetime.fromisoformat(text.strip()))
