"""Exactly-once delivery, checked against what the real servers received: every outbox row
is compared with the SMS sink's posts and the SMTP server's mails since a mark."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml
from sqlmodel import select

from models.core.db import session_scope
from models.core.outbox import Channel, OutboxMessage, OutboxStatus
from reliability.summary import record

ROOT = Path(__file__).resolve().parents[2]


def role_mailboxes() -> dict[str, str]:
    """role:NAME → the mailbox the sample channel configuration sends that role's mail to."""
    document = yaml.safe_load((ROOT / "examples" / "apprise.yaml").read_text(encoding="utf-8"))
    boxes = {}
    for entry in document["urls"]:
        [(url, [options])] = entry.items()
        tag = options["tag"]
        if tag.startswith("role:"):
            boxes[tag] = parse_qs(urlsplit(url).query)["to"][0]
    return boxes


@dataclass
class Mark:
    """Where the servers' records stood before a scenario."""
    sms: int
    mail: int


def mark(channels) -> Mark:
    smtp, sms = channels
    return Mark(sms=len(sms.received), mail=len(smtp.messages))


def expected() -> Counter:
    """What the outbox says should have arrived, one entry per row: (address, text)."""
    boxes = role_mailboxes()
    with session_scope() as session:
        rows = session.exec(select(OutboxMessage)).all()
    wanted = Counter()
    for row in rows:
        if row.channel == Channel.sms:
            wanted[("sms", row.address, row.body.strip())] += 1
        else:
            address = boxes[row.address] if row.channel == Channel.role else row.address
            wanted[("mail", address, row.title)] += 1
    return wanted


def received(channels, since: Mark) -> Counter:
    smtp, sms = channels
    got = Counter(("sms", m["phone"], m["message"].strip()) for m in sms.received[since.sms:])
    for mail in smtp.messages[since.mail:]:
        for address in mail["X-Rcpt"].split(","):
            got[("mail", address, str(mail["Subject"]))] += 1
    return got


def unsent() -> int:
    with session_scope() as session:
        return len(session.exec(select(OutboxMessage.id).where(OutboxMessage.status != OutboxStatus.sent)).all())


def check_exactly_once(channels, since: Mark) -> tuple[int, int]:
    """(lost, duplicated) over every outbox row; recorded in the suite's summary."""
    wanted, got = expected(), received(channels, since)
    lost = sum((wanted - got).values())
    duplicated = sum((got - wanted).values())
    record("messages_checked", sum(wanted.values()))
    record("messages_lost", lost)
    return lost, duplicated
