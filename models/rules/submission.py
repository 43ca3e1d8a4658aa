"""The identity of a submission (what a clerk filed), for opening commands that must be idempotent
without the clerk supplying a key: re-running the same command after a crash finds the case the
first run opened. Pure: no session, no clock.

A key is *lasting* when the submission names its own identity (an external ticket or rating id,
the moment a complaint was received, a notice's reference): the same submission is the same case
for ever. Otherwise the digest of the normalised inputs and the actor only identifies a re-run
within a bounded time (`Policy.resubmission_hours`), so that the same words filed again weeks later
open a new case.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any


@dataclass(frozen=True)
class SubmissionKey:
    digest: str  # "<kind>:<hex>", at most 60 characters
    lasting: bool

    def stored(self, now: datetime) -> str:
        """The case's idempotency key: a lasting key as it is, a bounded one with the day it was filed."""
        return self.digest if self.lasting else f"{self.digest}@{now:%Y%m%d}"

    def candidates(self, now: datetime, hours: int) -> list[str]:
        """Every stored key a re-run within `hours` of the first filing can have."""
        if self.lasting:
            return [self.digest]
        days = {(now - timedelta(hours=h)).date() for h in range(0, hours + 1)} | {now.date()}
        return [f"{self.digest}@{d:%Y%m%d}" for d in sorted(days)]


def normalise(value: Any) -> Any:
    """Text compared as a clerk would: Unicode NFKC (full-width digits), whitespace collapsed."""
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFKC", value).split())
    if isinstance(value, Enum):
        return normalise(value.value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")  # the precision a clerk types
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): normalise(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [normalise(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    return value


def submission_key(kind: str, fields: dict[str, Any], *, lasting: bool = False) -> SubmissionKey:
    """`fields`: everything that makes two submissions different (include the actor for bounded keys)."""
    payload = json.dumps(normalise(fields), ensure_ascii=False, sort_keys=True, default=str)
    return SubmissionKey(f"{kind}:{hashlib.sha256(payload.encode('utf-8')).hexdigest()[:40]}", lasting)
