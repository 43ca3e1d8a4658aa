"""Sending a complaint's result back to the source system that posted it (12345, 好差评), through
the outbox like every other message: an Apprise `json://` target tagged `source:hotline` or `source:rating` in the
channels file, retried with backoff, delivered once, listed among the failed messages if it
keeps failing. 投诉处置规定 三(二)2 (12345: answered to the hotline), 三(二)3 (好差评: the reply
posted after the management section's review).

Only complaints received through the API go back: one typed in by a clerk was answered outside.
"""
from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session

from models.api.store import source_of
from models.api.keys import SYSTEM_LABELS, SourceSystem
from models.core.cases import Case
from models.complaint.tables import Complaint
from models.core.outbox import Channel, enqueue
from models.api.store import status_view

TEMPLATE = "source_result"


def queue_source_result(*, session: Session, case: Case, complaint: Complaint, at: datetime) -> bool:
    """Queue the result for the source system, in the transaction that answers the complaint.
    True when a message was written (once per complaint: its key)."""
    source = source_of(session=session, case_ref=case.ref)
    if source is None:
        return False
    session.flush()
    view = status_view(session=session, case=case, complaint=complaint, source=source)
    if view["answer"] is None:
        return False
    system = SourceSystem(source[0])
    return enqueue(session=session, key=f"{case.ref}:source-result", channel=Channel.role,
                   address=f"source:{system.name}", title="投诉办理结果", case_ref=case.ref,
                   body=json.dumps(view, ensure_ascii=False), recipient_label=SYSTEM_LABELS[system],
                   template=TEMPLATE, at=at)
