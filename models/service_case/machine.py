"""The service case's states and transitions (首问负责制度, 一次性告知制度, 限时办结制度): received by the
first staff member asked → referred (首问负责制度 二.3), or a one-time notice of the missing materials
(一次性告知制度 2) → accepted → completed on time, or extended with the applicant's consent (限时办结制度
1, 3–5). Pure: no I/O.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.core.procedures import Procedure

# States.
RECEIVED = "received"
REFERRED = "referred"
AWAITING_MATERIALS = "awaiting_materials"
ACCEPTED = "accepted"
COMPLETED = "completed"

# Events.
REFER = "refer"
NOTIFY = "notify"
ACCEPT = "accept"
EXTEND = "extend"
COMPLETE = "complete"

SERVICE_CASE = Procedure(
    kind="service", label="窗口办件", ref_prefix="BJ", initial=RECEIVED,
    transitions={
        (RECEIVED, REFER): REFERRED,
        (RECEIVED, NOTIFY): AWAITING_MATERIALS,
        (AWAITING_MATERIALS, NOTIFY): AWAITING_MATERIALS,
        (RECEIVED, ACCEPT): ACCEPTED,
        (AWAITING_MATERIALS, ACCEPT): ACCEPTED,
        (ACCEPTED, EXTEND): ACCEPTED,
        (ACCEPTED, COMPLETE): COMPLETED,
    },
    status_labels={RECEIVED: "已接件", REFERRED: "已转办", AWAITING_MATERIALS: "待补正材料",
                   ACCEPTED: "已受理", COMPLETED: "已办结"},
    event_labels={REFER: "转办", NOTIFY: "一次性告知", ACCEPT: "受理", EXTEND: "延期",
                  COMPLETE: "办结", "open": "接件", "first_inquiry": "登记首问责任人", "check": "核验材料",
                  "document": "出具文书", "decide:complete": "办结"},
    final=frozenset({REFERRED, COMPLETED}),
    # received: the clerk checks the materials with the applicant; awaiting_materials: the applicant
    # brings what the one-time notice listed (一次性告知制度 2). Neither has a work item.
    idle=frozenset({RECEIVED, AWAITING_MATERIALS}),
)


@dataclass(frozen=True)
class Facts:
    """What the next event depends on: the status, and the completion recorded on the work item."""

    status: str
    completed: bool = False  # the window recorded the completion on the case's work item (`center decide`)
    decided_by: str | None = None
    decided_at: datetime | None = None


def next_event(facts: Facts) -> str | None:
    """限时办结制度 1: a completion recorded on the work item closes an accepted case. Every other step
    is the clerk's at the window (the materials check, the completion, the extension): None."""
    if facts.status == ACCEPTED and facts.completed:
        return COMPLETE
    return None
