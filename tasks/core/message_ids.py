"""A stable `Message-ID` for every e-mail, derived from its outbox key (issue 19, defect 11).

Delivery is at least once: a sender that dies after the SMTP server accepted a message but before
the outbox row was marked sent sends it again once the claim is stale. The repeat carries the same
Message-ID, so receiving servers and mail clients that drop repeated Message-IDs show it once.

Apprise (2.0) builds each e-mail with `email.utils.make_msgid(domain=smtp_host)` and sets that
header after any custom `+Header=value` of the URL: a Message-ID given as a URL header would be a
second Message-ID header, not a replacement. So, while the outbox sends a message
(`tasks.core.sms.delivery.sending_message`), the plugin's `make_msgid` returns the message's own id;
outside a send (Apprise used directly) it is Apprise's random one. tests/reliability/test_message_id.py
checks both e-mails of a resend against the real SMTP server, with exactly one Message-ID each.
"""
from __future__ import annotations

import hashlib

from tasks.core.sms.delivery import current_message_key


def message_id(outbox_key: str, domain: str | None) -> str:
    """'<outbox.<40 hex>@domain>': the same for every attempt at one outbox row, unique per row."""
    digest = hashlib.sha256(outbox_key.encode("utf-8")).hexdigest()[:40]
    return f"<outbox.{digest}@{domain or 'localhost'}>"


def install_stable_message_ids() -> None:
    """Make Apprise's e-mail plugin use `message_id` for outbox messages (idempotent)."""
    from apprise.plugins.email import base

    if getattr(base.make_msgid, "center_stable", False):
        return
    random_msgid = base.make_msgid

    def make_msgid(idstring: str | None = None, domain: str | None = None) -> str:
        key = current_message_key.get()
        return message_id(key, domain) if key else random_msgid(idstring=idstring, domain=domain)

    make_msgid.center_stable = True
    base.make_msgid = make_msgid
